import AKNModel
import Foundation

/// Finds the parts of a resolution in its logical paragraphs, whatever form they came from.
struct StructureReader {
  var paragraphs: [LogicalParagraph]
  var resolution: Resolution
  var report: ReadingReport
  var index = 0

  /// Whether the form reader has already read the preface (the lines before the formula).
  let prefaceRead: Bool
  /// Whether footnote texts follow the closing lines as paragraphs (else the form reader took
  /// them out already).
  let footnotesAfterClosing: Bool

  init(
    paragraphs: [LogicalParagraph], resolution: Resolution, report: ReadingReport,
    prefaceRead: Bool = false, footnotesAfterClosing: Bool = true
  ) {
    self.paragraphs = paragraphs
    self.resolution = resolution
    self.report = report
    self.prefaceRead = prefaceRead
    self.footnotesAfterClosing = footnotesAfterClosing
    var start = paragraphs.count
    while start > 0, LineGrammar.isRecordsReference(paragraphs[start - 1].text.trimmed) { start -= 1 }
    self.closingReferences = start
  }

  /// Where the run of references to the records that ends the text starts.
  let closingReferences: Int

  /// The lines of an instrument adopted before the closing lines, if any.
  var instrumentLines: ClosedRange<Int>?

  /// The line of an enacting formula printed after preambular paragraphs (``lateFormula()``).
  var lateFormulaLine: Int?
  /// The lines of the notes under the last table read with no paragraph announcing it: each
  /// note's first line and how many lines it has.
  var tableNoteLines: [Int: Int] = [:]
  /// The lines that end in a note marker printed raised, by line number, when the form knows
  /// its print (a PDF): a table's markers are then the print's (``FlattenedTable/placingNotes(_:printed:)``).
  var raisedLines: [Int: FlattenedTable.RaisedLine]?

  mutating func read() throws(ConversionError) {
    if !prefaceRead { try readPreface() }
    if let paragraph = current, LineGrammar.isFormula(paragraph.text) {
      try readFormula()
    } else {
      lateFormulaLine = lateFormula()
    }
    try readParagraphs()
    if let formula = resolution.formula, lateFormulaLine != nil {
      resolution.formulaAfter =
        resolution.preamble.firstIndex { $0.text.line > formula.line } ?? resolution.preamble.count
    }
    readConclusions()
    if let instrumentLines {
      report.movedLines = MovedLines(lines: instrumentLines, before: current?.line ?? Int.max)
    }
    readAttachments()
    try readFootnotes()
  }

  var current: LogicalParagraph? {
    index < paragraphs.count ? paragraphs[index] : nil
  }

  // MARK: Preface

  mutating func readPreface() throws(ConversionError) {
    var titleLines: [String] = []
    var titleStart: (line: Int, number: String)?
    let end = try prefaceEnd()
    while index < end, let paragraph = current {
      let text = paragraph.text.collapsingSpaces
      if titleStart != nil, LineGrammar.adoptionDate(in: text) == nil, !text.hasPrefix("[") {
        titleLines.append(text)  // a wrapped title line
      } else if let (organ, date, raw) = LineGrammar.adoptionDate(in: text) {
        resolution.metadata.organ = organ
        if text.hasPrefix("Decision") { resolution.kind = .decision }
        if let date {
          resolution.metadata.adoptionDate = date
        } else {
          throw ConversionError(
            "the adoption date \"\(raw)\" does not exist; expected a date such as \"3 December 2012\"",
            rule: .textDate, line: paragraph.line)
        }
        resolution.preface.append(
          PrefaceLine(role: .adoption, text: TextBlock(text, line: paragraph.line)))
      } else if text.hasPrefix("["), text.hasSuffix("]") {
        readCommittee(text)
        resolution.preface.append(
          PrefaceLine(role: .committee, text: TextBlock(text, line: paragraph.line)))
      } else if let (number, rest) = LineGrammar.numberAndTitle(paragraph.text) {
        titleStart = (paragraph.line, number)
        titleLines = [rest]
        resolution.metadata.number = number
      } else {
        resolution.preface.append(PrefaceLine(role: .other, text: TextBlock(text, line: paragraph.line)))
      }
      index += 1
    }
    if let titleStart {
      let title = titleLines.joined(separator: " ").collapsingSpaces
      resolution.metadata.title = title
      let prefaceText = "\(titleStart.number). \(title)"
      // Keep the title line where it stood among the preface lines (after adoption and committee).
      resolution.preface.append(
        PrefaceLine(
          role: .numberAndTitle(number: titleStart.number, title: title),
          text: TextBlock(prefaceText, line: titleStart.line)))
      if resolution.metadata.session == nil, let session = Int(titleStart.number.prefix { $0.isNumber }) {
        resolution.metadata.session = session
      }
    }
  }

  /// Where the preface ends: at the formula, else after the last line that only a preface has
  /// (the adoption line, the committee line, the numbered title).
  func prefaceEnd() throws(ConversionError) -> Int {
    if let formula = paragraphs.firstIndex(where: { LineGrammar.isFormula($0.text) }) { return formula }
    let head = paragraphs.prefix(12)
    if let last = head.lastIndex(where: {
      let text = $0.text.collapsingSpaces
      return LineGrammar.adoptionDate(in: text) != nil || LineGrammar.numberAndTitle($0.text) != nil
        || (text.hasPrefix("[") && text.hasSuffix("]"))
    }) {
      return last + 1
    }
    let line = paragraphs.last?.line ?? 1
    throw ConversionError(
      "no enacting formula found: expected a line \"The General Assembly,\" (or \"The Security Council,\") before the paragraphs of the resolution",
      rule: .textStructure, line: line)
  }

  mutating func readCommittee(_ text: String) {
    // "[on the report of the First Committee (A/67/404)]"
    // "[without reference to a Main Committee (A/67/L.5)]"
    let inner = text.dropFirst().dropLast()
    if let open = Self.lastParenthesis(in: inner), inner.last == ")" {
      let symbol = inner[inner.index(after: open)..<inner.index(before: inner.endIndex)].trimmed
      if !symbol.isEmpty { resolution.metadata.reportSymbol = symbol }
    }
    let marker = "on the report of the "
    guard let range = inner.range(ofASCII: marker) else { return }
    var name = String(inner[range.upperBound...])
    if let open = Self.lastParenthesis(in: name[...]) { name = name[..<open].trimmed }
    // "Special Political and Decolonization Committee (Fourth Committee)".
    var ordinal: Int?
    for (offset, committee) in UNBody.mainCommittees.enumerated() where Self.contains(name, committee.name) {
      ordinal = offset + 1
    }
    resolution.metadata.committee = Committee(name: name, ordinal: ordinal)
  }

  /// `text.lastIndex(of: "(")`, found on the bytes when the bytes beside the last "(" byte are
  /// ASCII (no mark joins it into another `Character`); otherwise by `Character`.
  static func lastParenthesis(in text: Substring) -> Substring.Index? {
    let utf8 = text.utf8
    guard let open = utf8.lastIndex(of: 0x28) else { return nil }
    let after = utf8.index(after: open)
    if (open == utf8.startIndex || utf8[utf8.index(before: open)] < 0x80)
      && (after == utf8.endIndex || utf8[after] < 0x80)
    {
      return open
    }
    return text.lastIndex(of: "(")
  }

  /// `name.contains(committee)` for a committee's name (ASCII without `K`, `;` and `` ` ``, the
  /// only ASCII characters with canonical equivalents, so that only its bytes can spell it):
  /// false when its bytes are not in `name`; true when they are, with ASCII bytes beside them
  /// (no mark joins their ends into other `Character`s); otherwise by `Character`.
  static func contains(_ name: String, _ committee: String) -> Bool {
    var (name, committee) = (name, committee)
    let found = name.withUTF8 { text in
      committee.withUTF8 { needle -> Bool? in
        guard let start = ScanText.byteOffset(of: needle, in: text) else { return false }
        let end = start + needle.count
        return (start == 0 || text[start - 1] < 0x80) && (end == text.count || text[end] < 0x80) ? true : nil
      }
    }
    return found ?? name.contains(committee)
  }

  // MARK: Formula

  /// An enacting formula printed after the preambular paragraphs, as early Security Council
  /// texts print it ("Whereas …, / The Security Council / Resolves:"): the line of a formula
  /// paragraph among the next twelve, when every paragraph before it is a clause: unnumbered
  /// running text of three words or more (no label, no part letter or heading, no closing line,
  /// no annex heading). Nil when the text has no such formula.
  func lateFormula() -> Int? {
    var cursor = index
    while cursor < paragraphs.count, cursor - index <= 12 {
      let text = paragraphs[cursor].text
      if LineGrammar.isFormula(text) { return cursor > index ? paragraphs[cursor].line : nil }
      if LineGrammar.label(of: text) != nil || LineGrammar.opensNumberedParagraph(text) || isClosing(text)
        || LineGrammar.isAnnexHeading(text) || text.split(separator: " ", maxSplits: 3).count < 3
      {
        return nil
      }
      cursor += 1
    }
    return nil
  }

  mutating func readFormula() throws(ConversionError) {
    guard let paragraph = current else { return }
    resolution.formula = TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)
    index += 1
  }
}
