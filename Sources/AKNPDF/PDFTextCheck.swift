import AKNReading

/// Whether the text a PDF gave is English words at all, page by page: a font whose mapping to
/// characters is lost or damaged (a missing `/ToUnicode`) spells its words wrong
/// (`Recalling WKH 8QLYHUVDO 'HFODUDWLRQ`), and one font may spoil one page only.
package enum PDFTextCheck {
  /// A page whose text is not English words, and how it shows.
  package struct GarbledPage: Sendable, Hashable {
    /// The page (1-based).
    package var page: Int
    /// What is wrong, for the message.
    package var why: String
    /// A sample of its text.
    package var sample: String
  }

  /// The pages of `lines` whose text is not English words. A page is judged when it has at
  /// least 20 words, by ``EnglishText/judge(_:)`` (the 336 pages of the 42 official PDFs of the
  /// development corpus stay under 0.42 of the 0.65 letter distance allowed, and hold 12% and
  /// more function words).
  package static func garbledPages(_ lines: [PDFLines.Line]) -> [GarbledPage] {
    var byPage: [Int: [String]] = [:]
    for line in lines where !line.text.isEmpty { byPage[line.page, default: []].append(line.text) }
    var garbled: [GarbledPage] = []
    for page in byPage.keys.sorted() {
      let text = byPage[page]!.joined(separator: " ")
      if let why = EnglishText.judge(text) {
        var sample = String(text.prefix(80))
        if text.count > 80 { sample += "…" }
        garbled.append(GarbledPage(page: page, why: why, sample: sample))
      }
    }
    return garbled
  }

  /// A font of `layout` whose text (all its runs, 100 letters or more) is not English letters:
  /// one damaged font may spoil a few lines of a page only, too few to change the page's
  /// measures. Letters over 0.7 from English's frequencies (the fonts of the 42 official PDFs
  /// of the development corpus stay under 0.46); the pages it is on.
  package static func garbledFonts(_ layout: PDFLayout) -> [(
    family: String, pages: [Int], why: String, sample: String
  )] {
    var texts: [String: (text: String, pages: [Int])] = [:]
    var order: [String] = []
    for page in layout.pages {
      for run in page.runs {
        let family = run.font.family
        if texts[family] == nil {
          texts[family] = ("", [])
          order.append(family)
        }
        texts[family]!.text += " " + run.text
        if texts[family]!.pages.last != page.number { texts[family]!.pages.append(page.number) }
      }
    }
    return order.compactMap { family in
      let (text, pages) = texts[family]!
      guard let distance = EnglishText.letterDistance(text, minimumLetters: 100), distance > 0.7 else {
        return nil
      }
      let collapsed = text.collapsingSpaces
      var sample = String(collapsed.prefix(80))
      if collapsed.count > 80 { sample += "…" }
      return (
        family, pages,
        "its letters are not English's (a shifted or scrambled alphabet: \(Int(distance * 100))% of their frequency misplaced)",
        sample
      )
    }
  }
}
