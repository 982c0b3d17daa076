package import AKNModel
package import AKNReading

/// The lines of a PDF rebuilt from its layout, in reading order, each classified by where it
/// stands and how it is printed: page furniture (by band and shape), the footnote rule and the
/// notes below it, the body text, and the blank lines that part its paragraphs.
package struct PDFLines: Sendable {
  /// What a line is.
  package enum Kind: Sendable, Hashable {
    /// Text of the document (masthead and body).
    case body
    /// A line of a footnote block; `marker` when it begins with a raised note number.
    case note(marker: String?)
    /// Page furniture left out of the text, and why (`page-header`, `page-number` …).
    case furniture(LeftOutReason)
    /// The rule above a page's footnotes.
    case rule
    /// The gap between two paragraphs.
    case blank
  }

  /// A rebuilt line.
  package struct Line: Sendable, Hashable {
    /// The page it is on (1-based).
    package var page: Int
    /// Its text, spaces collapsed; raised markers glued to the word before them.
    package var text: String
    /// What it is.
    package var kind: Kind
    /// The raised footnote markers inside it, in order.
    package var markers: [PrintedMarker] = []
    /// Whether it begins a page (after the page's header).
    package var startsPage = false
    /// Its printed characters in the order drawn, spaces and raised markers left out, each with
    /// whether its font is italic: the PDF's own evidence for the italics (``PDFItalics``).
    package var glyphs: [Glyph] = []
    /// Whether it is printed as a heading: alone on its line (no column of a table), at least the
    /// size of the body text, and set in bold or larger than the body text. The PDF's own evidence
    /// for a heading, which a wrapped line of a paragraph never has.
    package var printedAsHeading = false
  }

  /// A printed character and whether it is set in italics.
  package struct Glyph: Sendable, Hashable {
    /// The character (one Unicode scalar).
    package var scalar: Unicode.Scalar
    /// Whether its run is italic.
    package var italic: Bool
  }

  /// The lines, in reading order.
  package var lines: [Line]
  /// The index in `lines` at which each page starts.
  package var pageStarts: [Int]

  /// A visual line: runs that share a baseline band, split into columns at wide gaps.
  private struct Visual {
    var runs: [PDFLayout.Run]
    var top: Double
    var bottom: Double
    var base: PDFLayout.Run
    /// How many columns its band was split into (1: a line alone on its band).
    var columns = 1
  }

  /// Rebuilds the lines of `layout`.
  package init(_ layout: PDFLayout) {
    lines = []
    pageStarts = []
    let bodySize = Self.bodySize(of: layout)
    for page in layout.pages {
      pageStarts.append(lines.count)
      var pageLines = Self.visualLines(of: page).map { Self.compose($0, page: page, bodySize: bodySize) }
      Self.classify(&pageLines, page: page)
      // Blank lines between body lines set apart by more than one and a half lines.
      var previousBody: (bottom: Double, height: Double, index: Int)?
      var first = true
      for (line, box) in pageLines {
        if case .body = line.kind {
          if let previous = previousBody, box.top - previous.bottom > 0.3 * previous.height + 1,
            previous.index == lines.count - 1
          {
            lines.append(Line(page: page.number, text: "", kind: .blank))
          }
          previousBody = (box.bottom, box.bottom - box.top, lines.count)
        }
        var line = line
        if first, case .body = line.kind {
          line.startsPage = true
          first = false
        }
        lines.append(line)
      }
    }
    joinHyphens()
  }

  /// The text of the lines (one per line), for the word check and the diagnostics.
  package var extracted: ExtractedText {
    ExtractedText(lines: lines.map(\.text), pageStarts: pageStarts.map { $0 + 1 })
  }

  /// Whether any page has text.
  package static func hasText(_ layout: PDFLayout) -> Bool {
    layout.pages.contains { page in page.runs.contains { !$0.text.allSatisfy(\.isWhitespace) } }
  }

  /// The size of the body text: the font size most characters are set in.
  static func bodySize(of layout: PDFLayout) -> Double {
    var characters: [Double: Int] = [:]
    for page in layout.pages {
      for run in page.runs { characters[run.font.size, default: 0] += run.text.unicodeScalars.count }
    }
    return characters.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? 0
  }

  // MARK: Lines from runs

  /// The page's runs grouped into visual lines (top to bottom), each split into columns.
  private static func visualLines(of page: PDFLayout.Page) -> [Visual] {
    let runs = page.runs.filter { !$0.text.allSatisfy(\.isWhitespace) && $0.height > 0 }
      .sorted { ($0.top, $0.left) < ($1.top, $1.left) }
    var groups: [Visual] = []
    for run in runs {
      // The line among the last few whose band the run shares most.
      var best: Int?
      var bestOverlap = 0.0
      for index in groups.indices.suffix(8) {
        let group = groups[index]
        let overlap = min(group.base.bottom, run.bottom) - max(group.base.top, run.top)
        if overlap >= 0.5 * min(group.base.height, run.height), overlap > bestOverlap {
          best = index
          bestOverlap = overlap
        }
      }
      if let best {
        groups[best].runs.append(run)
        groups[best].top = min(groups[best].top, run.top)
        groups[best].bottom = max(groups[best].bottom, run.bottom)
        if run.font.size > groups[best].base.font.size { groups[best].base = run }
      } else {
        groups.append(Visual(runs: [run], top: run.top, bottom: run.bottom, base: run))
      }
    }
    // Columns: a gap wider than three times the font size starts a line of its own.
    var result: [Visual] = []
    for group in groups {
      let sorted = group.runs.sorted { $0.left < $1.left }
      let first = result.count
      var current: [PDFLayout.Run] = []
      var right = -Double.infinity
      func flush() {
        guard !current.isEmpty else { return }
        let base = current.max { $0.font.size < $1.font.size }!
        result.append(
          Visual(
            runs: current, top: current.map(\.top).min()!, bottom: current.map(\.bottom).max()!, base: base))
        current = []
      }
      for run in sorted {
        if !current.isEmpty, run.left - right > 3 * max(group.base.font.size, 1) { flush() }
        current.append(run)
        right = max(right, run.right)
      }
      flush()
      for index in first..<result.count { result[index].columns = result.count - first }
    }
    return result.sorted { ($0.top, $0.runs[0].left) < ($1.top, $1.runs[0].left) }
  }

  /// Whether `run` is a raised, smaller footnote marker beside `base`: its digits (or `*`).
  private static func raisedMarker(_ run: PDFLayout.Run, base: PDFLayout.Run) -> String? {
    guard run.font.size <= 0.8 * base.font.size, run.bottom <= base.bottom - 0.15 * base.height else {
      return nil
    }
    let text = run.text.collapsingSpaces
    let isDigits = (1...3).contains(text.count) && text.allSatisfy(\.isASCIIDigit)
    let isStars = (1...3).contains(text.count) && text.allSatisfy { $0 == "*" }
    return isDigits || isStars ? text : nil
  }

  /// The text of a visual line and its box; a note's number when it begins with one.
  private static func compose(_ visual: Visual, page: PDFLayout.Page, bodySize: Double) -> (
    Line, (top: Double, bottom: Double)
  ) {
    var text = ""
    var glyphs: [Glyph] = []
    var markers: [PrintedMarker] = []
    var leading: String?
    var right: Double?
    var barcode = false
    // Bold: every piece of text of the line's size (raised markers and note letters aside).
    var bold = true
    for run in visual.runs {
      if run.font.family.lowercased().contains("barcode") { barcode = true }
      if let marker = raisedMarker(run, base: visual.base) {
        while text.last == " " { text.removeLast() }
        if text.isEmpty {
          leading = marker
        } else {
          // After a number ("2023 36", "2025. 14") a space keeps the marker a word of its own.
          let spaced =
            text.last?.isNumber == true || (text.last == "." && text.dropLast().last?.isNumber == true)
          if spaced { text += " " }
          text += marker
          markers.append(PrintedMarker(marker: marker, spaced: spaced))
        }
        right = run.right
        continue
      }
      var piece = run.text
      // Raised text that is no note marker (a table's note letter): a word of its own.
      if run.font.size <= 0.8 * visual.base.font.size,
        run.bottom <= visual.base.bottom - 0.15 * visual.base.height,
        !text.isEmpty, text.last != " "
      {
        piece = " " + piece
      }
      // A gap between runs is a space, unless punctuation closes up to the word before.
      if let right, !text.isEmpty, text.last != " ", let first = piece.first, first != " ",
        run.left - right > 0.15 * max(visual.base.font.size, 1),
        !(".,;:)]”’".contains(first) && run.left - right < 0.4 * max(visual.base.font.size, 1)),
        !("([“‘/".contains(text.last!))
      {
        text += " "
      }
      text += piece
      right = run.right
      if run.font.size > 0.8 * visual.base.font.size,
        run.pieces.contains(where: { !$0.bold && !$0.text.allSatisfy(\.isWhitespace) })
      {
        bold = false
      }
      for part in run.pieces {
        for scalar in part.text.unicodeScalars where !Self.isBlank(scalar) {
          glyphs.append(Glyph(scalar: scalar, italic: part.italic))
        }
      }
    }
    var normalised = SourceText.normalise(text[...]).collapsingSpaces
    if leading != nil && normalised.isEmpty { normalised = leading! }
    var line = Line(page: page.number, text: normalised, kind: .body, markers: markers, glyphs: glyphs)
    let size = visual.base.font.size
    line.printedAsHeading =
      visual.columns == 1 && size >= 0.95 * bodySize && (bold || size >= 1.15 * bodySize)
      && normalised.contains(where: \.isLetter)
    if barcode { line.kind = .furniture(.barcode) }
    if let leading { line.kind = .note(marker: leading) }
    return (line, (visual.base.top, visual.base.bottom))
  }

  /// Whether a scalar prints nothing of its own: white space, a soft hyphen, a zero-width mark.
  package static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
    return scalar.properties.isWhitespace || scalar == "\u{AD}" || ("\u{200B}"..."\u{200D}").contains(scalar)
      || scalar == "\u{2060}" || scalar == "\u{FEFF}"
  }

  // MARK: Furniture and notes

  /// Marks the page's header and footer bands, the footnote rule and the notes below it.
  private static func classify(_ lines: inout [(Line, (top: Double, bottom: Double))], page: PDFLayout.Page) {
    let height = page.height > 0 ? page.height : (lines.map(\.1.bottom).max() ?? 0)
    var inNotes = false
    for index in lines.indices {
      var line = lines[index].0
      let box = lines[index].1
      let text = line.text
      if case .furniture = line.kind {
        lines[index].0 = line
        continue
      }
      var startsNote = false
      if case .note = line.kind { startsNote = true }
      if box.top >= 0.88 * height, !startsNote, let reason = footer(text) {
        line.kind = .furniture(reason)
      } else if page.number > 1, box.bottom <= 0.1 * height {
        line.kind = .furniture(
          LineShapes.isSymbol(text) && !text.contains(" ")
            ? LeftOutReason.pageHeader : LeftOutReason.runningTitle)
      } else if LineShapes.isRule(text) {
        line.kind = .rule
        inNotes = true
      } else if inNotes {
        if case .note = line.kind {} else { line.kind = .note(marker: nil) }
      } else if case .note(let marker) = line.kind {
        // A raised number at the start of a body line: a marker after the previous line's word.
        line.kind = .body
        line.text = marker! + (text == marker! ? "" : " " + text)
      }
      lines[index].0 = line
    }
  }

  /// Why a line at the foot of a page is furniture, or nil when it is text.
  private static func footer(_ text: String) -> LeftOutReason? {
    if LineShapes.isPageNumber(text) { return .pageNumber }
    if LineShapes.jobNumber(inLine: text) != nil { return .jobNumber }
    if LineShapes.isBarcode(text) { return .barcode }
    if LineShapes.isSymbol(text), !text.contains(" "), text.last != ".",
      text.contains("/RES/") || text.contains("/DEC/")
    {
      return .pageFooter
    }
    return nil
  }

  // MARK: Hyphens

  /// Joins a word hyphenated at a line end with its rest on the next line of the same flow:
  /// without the hyphen where the document prints the joined word elsewhere, else with it;
  /// a suspended hyphen (`short- and`) stays.
  private mutating func joinHyphens() {
    var words: Set<String> = []
    for line in lines {
      switch line.kind {
      case .body, .note:
        for word in line.text.split(whereSeparator: { !$0.isLetter }) { words.insert(word.lowercased()) }
      default: break
      }
    }
    func flow(_ kind: Kind) -> Int? {
      switch kind {
      case .body: return 0
      case .note: return 1
      default: return nil
      }
    }
    var lastOf: [Int: Int] = [:]
    for index in lines.indices {
      guard let flow = flow(lines[index].kind) else {
        if case .blank = lines[index].kind { lastOf[0] = nil }
        continue
      }
      if case .note(let marker) = lines[index].kind, marker != nil { lastOf[1] = nil }
      defer { lastOf[flow] = lines[index].text.isEmpty ? lastOf[flow] : index }
      guard let previous = lastOf[flow] else { continue }
      let before = lines[previous].text
      guard before.hasSuffix("-"), before.dropLast().last?.isLetter == true,
        let first = lines[index].text.first, first.isLetter
      else { continue }
      let next = lines[index].text
      let token = next.prefix { $0 != " " }
      let letters = token.prefix { $0.isLetter }
      if ["and", "or", "nor", "to"].contains(letters.lowercased()) { continue }
      let stem = before.dropLast().reversed().prefix { $0.isLetter }
      let joined = String(stem.reversed()) + letters
      let dropHyphen = first.isLowercase && words.contains(joined.lowercased())
      lines[previous].text = (dropHyphen ? String(before.dropLast()) : before) + token
      lines[index].text = next.dropFirst(token.count).trimmed
    }
  }
}

extension StringProtocol {
  fileprivate var trimmed: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
