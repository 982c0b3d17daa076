package import AKNModel
import Foundation

/// Reads the text of a PDF resolution (as a PDF text extractor gives it): the masthead first,
/// then the resolution with running page headers and footers (symbol, running title, job number,
/// page `2/19`) and footnote blocks (after a `_____` rule) that may interrupt a sentence.
package struct PDFTextReader {
  let text: SourceText
  var resolution = Resolution()
  var report = ReadingReport()

  init(text: SourceText) {
    self.text = text
  }

  mutating func read() -> [LogicalParagraph] {
    let lines = text.lines
    // The masthead: everything before the adoption line.
    let start =
      lines.prefix(60).firstIndex {
        let trimmed = $0.text.trimmed
        return trimmed.hasPrefix("Resolution adopted by") || trimmed.hasPrefix("Decision adopted by")
      } ?? 0
    var assembler = ParagraphAssembler(hyphenation: .compounds)
    for line in lines[..<start] {
      if let reason = LineShapes.masthead(line.text, into: &resolution.metadata) {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: reason))
      } else if line.text.trimmed.isEmpty {
        assembler.blank()
      } else {
        assembler.text(line.text, line: line.number)  // an agenda item's title
      }
    }
    assembler.close()

    let furniture = pageFurniture(lines, from: start)
    var inNotes = false
    var notesInBlock = 0
    for index in start..<lines.count {
      let line = lines[index]
      if let reason = furniture[index] {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: reason))
        inNotes = false
        assembler.interrupt()
        continue
      }
      let trimmed = line.text.trimmed
      if LineGrammar.isRule(trimmed) {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .footnoteRule))
        inNotes = true
        notesInBlock = 0
        assembler.interrupt()
        continue
      }
      if inNotes {
        guard !trimmed.isEmpty else { continue }
        readNoteLine(trimmed, line: line.number, firstInBlock: notesInBlock == 0)
        notesInBlock += 1
        continue
      }
      assembler.line(trimmed, number: line.number)
    }
    let paragraphs = assembler.finish()
    report.hyphenJoins = assembler.hyphenJoins + report.hyphenJoins
    return paragraphs
  }

  /// One line of a footnote block: a new note (`3  See A/78/1.`) or the continuation of the last.
  private mutating func readNoteLine(_ text: String, line: Int, firstInBlock: Bool) {
    let previousLine = report.noteLines.last ?? line
    report.noteLines.append(line)
    let expected = (resolution.footnotes.last.flatMap { Int($0.marker) } ?? 0) + 1
    if let (marker, rest) = LineGrammar.noteStart(text) {
      let value = Int(marker)
      let isNext =
        value == expected || (value != nil && firstInBlock && value! < expected)
        || (value == nil && (firstInBlock || Int(resolution.footnotes.last?.marker ?? "0") == nil))
        || resolution.footnotes.isEmpty
      if isNext {
        resolution.footnotes.append(Footnote(marker: marker, text: TextBlock(rest, line: line)))
        return
      }
    }
    if let last = resolution.footnotes.indices.last {
      let joined = Hyphenation.compounds.join(
        resolution.footnotes[last].text.plainText, text, line: previousLine, nextLine: line,
        into: &report.hyphenJoins)
      resolution.footnotes[last].text = TextBlock(joined, line: resolution.footnotes[last].text.line)
    } else {
      report.warnings.append(
        Diagnostic(
          .warning, rule: .footnoteNoMarker,
          message: "a footnote text without a number; kept as footnote \"*\"", line: line))
      resolution.footnotes.append(Footnote(marker: "*", text: TextBlock(text, line: line)))
    }
  }

  /// The running header and footer lines of each page, by line index, with the reason.
  ///
  /// A page's header or footer is a group of lines around its page number (`2/19`): the
  /// document symbol, the job number, and one line of running title next to the symbol.
  private func pageFurniture(_ lines: [SourceText.Line], from start: Int) -> [Int: LeftOutReason] {
    var result: [Int: LeftOutReason] = [:]
    let symbol = resolution.metadata.symbol
    let titleText = lines[start..<min(start + 40, lines.count)].map { $0.text.trimmed }.joined(separator: " ")
      .collapsingSpaces
    func kind(_ index: Int) -> LeftOutReason? {
      let trimmed = lines[index].text.trimmed
      if LineGrammar.isPageNumber(trimmed) { return .pageNumber }
      if LineGrammar.jobNumber(inLine: trimmed) != nil { return .jobNumber }
      if let symbol, trimmed == symbol { return .pageHeader }
      if LineGrammar.isBarcode(trimmed) { return .barcode }
      return nil
    }
    for index in start..<lines.count where LineGrammar.isPageNumber(lines[index].text) {
      var group: [Int: LeftOutReason] = [index: LeftOutReason.pageNumber]
      var titleTaken = false
      for step in [-1, 1] {
        var cursor = index + step
        var lastKind: LeftOutReason? = LeftOutReason.pageNumber
        while cursor >= start, cursor < lines.count, abs(cursor - index) <= 10 {
          let trimmed = lines[cursor].text.trimmed
          if trimmed.isEmpty {
            cursor += step
            continue
          }
          if let found = kind(cursor) {
            group[cursor] = found
            lastKind = found
          } else if !titleTaken,
            let count = titleLines(at: cursor, step, afterSymbol: lastKind == LeftOutReason.pageHeader)
          {
            for offset in 0..<count { group[cursor + offset * step] = LeftOutReason.runningTitle }
            titleTaken = true
            lastKind = LeftOutReason.runningTitle
            cursor += (count - 1) * step
          } else {
            break
          }
          cursor += step
        }
      }
      // A group needs the symbol or the job number besides the page number.
      if group.values.contains(where: { $0 == LeftOutReason.pageHeader || $0 == LeftOutReason.jobNumber }) {
        result.merge(group) { first, _ in first }
      }
    }
    return result

    /// How many lines of running title start at `cursor` (up to three when wrapped), or nil.
    func titleLines(at cursor: Int, _ step: Int, afterSymbol: Bool) -> Int? {
      // The contiguous text lines from `cursor` outward.
      var run = [cursor]
      while run.count < 5 {
        let next = run.last! + step
        guard next >= start, next < lines.count, !lines[next].text.trimmed.isEmpty, kind(next) == nil else {
          break
        }
        run.append(next)
      }
      if afterSymbol {
        // Outside the symbol: one line, or all of a wrapped title up to the page edge.
        for count in stride(from: run.count, through: 2, by: -1) where isTitle(run.prefix(count)) {
          let beyond = run[count - 1] + step
          if beyond < start || beyond >= lines.count || lines[beyond].text.trimmed.isEmpty { return count }
        }
        // A line above a page's footer that is no part of the resolution's title and stands
        // under a footnote rule of its page is the last line of its notes ("5  A/78/184."),
        // not a running title.
        if step < 0, underNoteRule(run[0]), !partOfTitle(run[0]) { return nil }
        return 1
      }
      // Between the page number and the symbol.
      for count in 1...run.count where nextNonBlankIsSymbol(run[count - 1], step) {
        return count == 1 || isTitle(run.prefix(count)) ? count : nil
      }
      return nil
    }

    /// Whether lines together are the title printed at the top of the resolution.
    func isTitle(_ indices: ArraySlice<Int>) -> Bool {
      let joined = indices.sorted().map { lines[$0].text.trimmed }.joined(separator: " ").collapsingSpaces
      return titleText.contains(joined)
    }

    /// Whether the line prints a part of the resolution's title: of the lines between the
    /// adoption line and the formula ("The General Assembly,"), letters and digits compared
    /// ("Non-Proliferation" in a running title, "Non Proliferation" in the heading).
    func partOfTitle(_ line: Int) -> Bool {
      func letters(_ text: String) -> String {
        String(
          String.UnicodeScalarView(
            text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
      }
      var heading = ""
      for index in start..<min(start + 40, lines.count) {
        let trimmed = lines[index].text.trimmed
        if LineGrammar.isFormula(trimmed) { break }
        heading += letters(trimmed)
      }
      let printed = letters(lines[line].text)
      return !printed.isEmpty && heading.contains(printed)
    }

    /// Whether a footnote rule stands above `line` on its page: no page number, symbol or job
    /// number between them.
    func underNoteRule(_ line: Int) -> Bool {
      var cursor = line - 1
      while cursor >= start {
        let trimmed = lines[cursor].text.trimmed
        if LineGrammar.isRule(trimmed) { return true }
        if kind(cursor) != nil { return false }
        cursor -= 1
      }
      return false
    }

    func nextNonBlankIsSymbol(_ from: Int, _ step: Int) -> Bool {
      var cursor = from + step
      while cursor >= start, cursor < lines.count {
        let trimmed = lines[cursor].text.trimmed
        if !trimmed.isEmpty { return symbol != nil && trimmed == symbol }
        cursor += step
      }
      return false
    }
  }
}

/// The text of a PDF resolution (`pdf`), as a PDF text extractor gives it.
package struct PDFTextForm: FormReader {
  package let name = "pdf"
  package let summary =
    "the text of a PDF resolution: masthead first, running page headers and footers, footnote blocks after a rule at the foot of each page"

  /// The text form of a PDF.
  package init() {}

  package func confidence(_ input: ReaderInput) -> Confidence {
    guard case .success(let text) = input.text else { return .none }
    return LineGrammar.opensWithMastheadAndAdoption(text) ? Confidence(90) : .none
  }

  package func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    var reader = PDFTextReader(text: try input.requireText())
    let paragraphs = reader.read()
    return try FormPass(
      paragraphs: paragraphs, resolution: reader.resolution, report: reader.report,
      footnotesAfterClosing: false
    ).readStructure(form: name)
  }
}
