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

  /// English function words: about a quarter of the words of any English page.
  static let functionWords: Set<Substring> = [
    "the", "of", "and", "to", "in", "a", "on", "for", "its", "by", "with", "that", "as", "at", "is", "be",
    "from", "all", "this", "an", "or", "which", "are", "has", "have", "their", "it", "into", "also",
    "not", "was", "were", "been", "such", "these", "those", "under", "within", "between", "through",
  ]

  /// The letters' frequencies in English text, in percent, a to z.
  static let englishLetters: [Double] = [
    8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4, 6.7, 7.5, 1.9, 0.095, 6.0, 6.3, 9.1,
    2.8, 0.98, 2.4, 0.15, 2.0, 0.074,
  ]

  /// The pages of `lines` whose text is not English words. A page is judged when it has at
  /// least 20 words: garbled when its letters are far from English's frequencies (half their
  /// mass misplaced: a shifted or scrambled alphabet; the 336 pages of the 42 official PDFs of
  /// the development corpus stay under 0.42 of the 0.65 allowed), when over 30% of its
  /// characters are neither Latin letters, digits nor punctuation (symbols, unmapped glyphs),
  /// or when 60 words or more hold (almost) no English function word (under 2%; the
  /// official pages have 12% and more).
  package static func garbledPages(_ lines: [PDFLines.Line]) -> [GarbledPage] {
    var byPage: [Int: [String]] = [:]
    for line in lines where !line.text.isEmpty { byPage[line.page, default: []].append(line.text) }
    var garbled: [GarbledPage] = []
    for page in byPage.keys.sorted() {
      let text = byPage[page]!.joined(separator: " ")
      if let why = judge(text) {
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
      guard let distance = letterDistance(text, minimumLetters: 100), distance > 0.7 else { return nil }
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

  /// How far the letters of `text` are from English's frequencies (0: the same, 2: disjoint),
  /// or nil under `minimumLetters` letters.
  static func letterDistance(_ text: String, minimumLetters: Int) -> Double? {
    var letters = [Int](repeating: 0, count: 26)
    var count = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x41...0x5A:
        letters[Int(scalar.value - 0x41)] += 1
        count += 1
      case 0x61...0x7A:
        letters[Int(scalar.value - 0x61)] += 1
        count += 1
      default: break
      }
    }
    guard count >= minimumLetters else { return nil }
    var distance = 0.0
    for index in 0..<26 {
      distance += abs(Double(letters[index]) * 100 / Double(count) - englishLetters[index])
    }
    return distance / 100
  }

  /// Why `text` is not English words, or nil.
  static func judge(_ text: String) -> String? {
    var letters = [Int](repeating: 0, count: 26)
    var letterCount = 0
    var odd = 0
    var characters = 0
    for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
      characters += 1
      let value = scalar.value
      switch value {
      case 0x41...0x5A:
        letters[Int(value - 0x41)] += 1
        letterCount += 1
      case 0x61...0x7A:
        letters[Int(value - 0x61)] += 1
        letterCount += 1
      case 0x21...0x7E, 0xA0...0x24F, 0x2010...0x2027, 0x2030...0x205E, 0x20AC:
        break
      default:
        odd += 1
      }
    }
    let words = text.lowercased().split { !($0.isASCII && $0.isLetter) }
    guard words.count >= 20 else { return nil }
    if characters >= 100, odd * 10 > characters * 3 {
      return "\(odd * 100 / characters)% of its characters are symbols or unmapped glyphs"
    }
    if letterCount >= 100 {
      var distance = 0.0
      for index in 0..<26 {
        distance += abs(Double(letters[index]) * 100 / Double(letterCount) - englishLetters[index])
      }
      distance /= 100
      if distance > 0.65 {
        return
          "its letters are not English's (a shifted or scrambled alphabet: \(Int(distance * 100))% of their frequency misplaced)"
      }
    }
    let function = words.filter { functionWords.contains($0) }.count
    if words.count >= 60, function * 50 < words.count {
      return "\(words.count) words with \(function) English function words (the, of, and …)"
    }
    return nil
  }
}
