import AKNModel
import Foundation

/// Finds the parts of a resolution in its logical paragraphs, whatever form they came from.
struct StructureReader {
  private(set) var paragraphs: [LogicalParagraph]
  var resolution: Resolution
  var report: ReadingReport
  private var index = 0

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
    while start > 0, Self.isRecordsReference(paragraphs[start - 1].text.trimmed) { start -= 1 }
    self.closingReferences = start
  }

  /// Where the run of references to the records that ends the text starts.
  private let closingReferences: Int

  /// The lines of an instrument adopted before the closing lines, if any.
  private var instrumentLines: ClosedRange<Int>?

  mutating func read() throws(ConversionError) {
    if !prefaceRead { try readPreface() }
    if let paragraph = current, Self.isFormula(paragraph.text) { try readFormula() }
    try readParagraphs()
    readConclusions()
    if let instrumentLines {
      report.movedLines = MovedLines(lines: instrumentLines, before: current?.line ?? Int.max)
    }
    readAttachments()
    try readFootnotes()
  }

  private var current: LogicalParagraph? {
    index < paragraphs.count ? paragraphs[index] : nil
  }

  // MARK: Preface

  private mutating func readPreface() throws(ConversionError) {
    var titleLines: [String] = []
    var titleStart: (line: Int, number: String)?
    let end = try prefaceEnd()
    while index < end, let paragraph = current {
      let text = paragraph.text.collapsingSpaces
      if titleStart != nil, Self.adoptionDate(in: text) == nil, !text.hasPrefix("[") {
        titleLines.append(text)  // a wrapped title line
      } else if let (organ, date, raw) = Self.adoptionDate(in: text) {
        resolution.metadata.organ = organ
        if text.hasPrefix("Decision") { resolution.kind = .decision }
        if let date {
          resolution.metadata.adoptionDate = date
        } else {
          throw ConversionError(
            "the adoption date \"\(raw)\" does not exist; expected a date such as \"3 December 2012\"",
            rule: "text.date", line: paragraph.line)
        }
        resolution.preface.append(
          PrefaceLine(role: .adoption, text: TextBlock(text, line: paragraph.line)))
      } else if text.hasPrefix("["), text.hasSuffix("]") {
        readCommittee(text)
        resolution.preface.append(
          PrefaceLine(role: .committee, text: TextBlock(text, line: paragraph.line)))
      } else if let (number, rest) = Self.numberAndTitle(paragraph.text) {
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
  private func prefaceEnd() throws(ConversionError) -> Int {
    if let formula = paragraphs.firstIndex(where: { Self.isFormula($0.text) }) { return formula }
    let head = paragraphs.prefix(12)
    if let last = head.lastIndex(where: {
      let text = $0.text.collapsingSpaces
      return Self.adoptionDate(in: text) != nil || Self.numberAndTitle($0.text) != nil
        || (text.hasPrefix("[") && text.hasSuffix("]"))
    }) {
      return last + 1
    }
    let line = paragraphs.last?.line ?? 1
    throw ConversionError(
      "no enacting formula found: expected a line \"The General Assembly,\" (or \"The Security Council,\") before the paragraphs of the resolution",
      rule: "text.structure", line: line)
  }

  /// "Resolution adopted by the General Assembly on 3 December 2012".
  static func adoptionDate(in text: String) -> (Organ, SimpleDate?, String)? {
    for organ in [Organ.generalAssembly, .securityCouncil] {
      let prefix = "adopted by the \(organ.name) on "
      guard let range = text.range(of: prefix), text.hasPrefix("Resolution") || text.hasPrefix("Decision")
      else { continue }
      let rest = String(text[range.upperBound...])
      guard let match = Dates.find(in: rest), match.range.lowerBound == rest.startIndex else {
        continue
      }
      return (organ, match.date, match.text)
    }
    return nil
  }

  /// "67/27.\tDevelopments in …" → ("67/27", "Developments in …").
  static func numberAndTitle(_ text: String) -> (String, String)? {
    let trimmed = text.trimmed
    let session = trimmed.prefix { $0.isASCII && $0.isNumber }
    guard (1...3).contains(session.count) else { return nil }
    var rest = trimmed[session.endIndex...]
    guard rest.first == "/" else { return nil }
    rest = rest.dropFirst()
    let number = rest.prefix { $0.isASCII && $0.isNumber }
    guard (1...4).contains(number.count) else { return nil }
    rest = rest[number.endIndex...]
    var printed = String(trimmed[..<number.endIndex])
    // A letter suffix: "68/247 B".
    if rest.count >= 2, rest.first == " ", let letter = rest.dropFirst().first, letter.isUppercase,
      rest.dropFirst(2).first == "."
    {
      printed += " \(letter)"
      rest = rest.dropFirst(2)
    }
    guard rest.first == "." else { return nil }
    let title = rest.dropFirst().trimmed
    guard !title.isEmpty else { return nil }
    return (printed, title)
  }

  private mutating func readCommittee(_ text: String) {
    // "[on the report of the First Committee (A/67/404)]"
    // "[without reference to a Main Committee (A/67/L.5)]"
    let inner = text.dropFirst().dropLast()
    if let open = inner.lastIndex(of: "("), inner.last == ")" {
      let symbol = inner[inner.index(after: open)..<inner.index(before: inner.endIndex)].trimmed
      if !symbol.isEmpty { resolution.metadata.reportSymbol = symbol }
    }
    let marker = "on the report of the "
    guard let range = inner.range(of: marker) else { return }
    var name = String(inner[range.upperBound...])
    if let open = name.lastIndex(of: "(") { name = name[..<open].trimmed }
    // "Special Political and Decolonization Committee (Fourth Committee)".
    let ordinals = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
    var ordinal: Int?
    for (offset, word) in ordinals.enumerated() where name.contains("\(word) Committee") {
      ordinal = offset + 1
    }
    resolution.metadata.committee = Committee(name: name, ordinal: ordinal)
  }

  // MARK: Formula

  static func isFormula(_ text: String) -> Bool {
    var trimmed = text.collapsingSpaces
    if trimmed.last == "," || trimmed.last == ":" { trimmed.removeLast() }
    return trimmed == "The General Assembly" || trimmed == "The Security Council"
  }

  private mutating func readFormula() throws(ConversionError) {
    guard let paragraph = current else { return }
    resolution.formula = TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)
    index += 1
  }

  // MARK: Paragraphs

  /// A numbered or lettered item at the start of a paragraph.
  enum Label: Equatable {
    case number(Int, printed: String)
    case letter(String, printed: String)
    case roman(String, printed: String)
    /// `(1)`: a number in parentheses, an item of a list.
    case parenNumber(Int, printed: String)
    /// `—`, `•`: a bullet, an item of a list.
    case bullet(printed: String)

    var printed: String {
      switch self {
      case .number(_, let printed), .letter(_, let printed), .roman(_, let printed),
        .parenNumber(_, let printed), .bullet(let printed):
        return printed
      }
    }
  }

  /// Splits "3.\tInvites …" into (.number(3), "Invites …"), "(a)\tGeneral …" into a letter.
  static func label(of text: String) -> (Label, String)? {
    let trimmed = text.trimmed
    if let first = trimmed.first, first == "\u{2014}" || first == "\u{2022}" || first == "\u{2013}",
      trimmed.dropFirst().first == " " || trimmed.dropFirst().first == "\t"
    {
      let rest = trimmed.dropFirst().trimmed
      return rest.isEmpty ? nil : (.bullet(printed: String(first)), rest)
    }
    if let first = trimmed.first, first.isASCII, first.isNumber {
      let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
      let afterDigits = trimmed[digits.endIndex...]
      guard digits.count <= 4, afterDigits.first == ".", let value = Int(digits) else { return nil }
      let rest = afterDigits.dropFirst()
      guard let separator = rest.first, separator == " " || separator == "\t" else { return nil }
      return (.number(value, printed: "\(digits)."), rest.trimmed)
    }
    if trimmed.first == "(", let close = trimmed.firstIndex(of: ")") {
      let inside = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
      let rest = trimmed[trimmed.index(after: close)...]
      if (1...2).contains(inside.count), inside.allSatisfy(\.isASCIIDigit), let value = Int(inside),
        let separator = rest.first, separator == " " || separator == "\t"
      {
        return (.parenNumber(value, printed: "(\(inside))"), rest.trimmed)
      }
      guard (1...6).contains(inside.count), inside.allSatisfy({ $0.isASCII && $0.isLowercase }),
        let separator = rest.first, separator == " " || separator == "\t"
      else { return nil }
      let printed = "(\(inside))"
      if inside.count == 1 && !"ivxl".contains(inside.first!) {
        return (.letter(String(inside), printed: printed), rest.trimmed)
      }
      if inside.allSatisfy({ "ivxlc".contains($0) }) {
        return (.roman(String(inside), printed: printed), rest.trimmed)
      }
      if inside.count == 2, inside.first == inside.last {
        return (.letter(String(inside), printed: printed), rest.trimmed)  // (aa), (bb)
      }
    }
    return nil
  }

  /// The end of the operative part: a meeting line.
  static func meetingNumber(_ text: String) -> Int? {
    // Most lines do not start with a digit: nothing to fold.
    guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first >= 0x30, first <= 0x39
    else { return nil }
    let trimmed = text.collapsingSpaces
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let value = Int(digits) else { return nil }
    let rest = trimmed[digits.endIndex...]
    for suffix in ["st", "nd", "rd", "th"] where rest.hasPrefix(suffix) {
      var after = rest.dropFirst(suffix.count)
      if after.hasPrefix(" (resumed)") { after = after.dropFirst(" (resumed)".count) }
      // The whole line: "48th plenary meeting", not a wrapped line that starts with an ordinal.
      for name in [" plenary meeting", " meeting"] where after.hasPrefix(name) {
        if after.dropFirst(name.count).allSatisfy({ $0 == " " || $0 == "." }) { return value }
      }
    }
    return nil
  }

  /// Whether the operative part ends at `paragraph`: a meeting line, an adoption trailer, or (in
  /// a decision) the closing reference to the records.
  func isClosing(_ text: String) -> Bool {
    let trimmed = text.trimmed
    if Self.meetingNumber(trimmed) != nil || SCVolumeReader.isTrailer(trimmed) { return true }
    // In a decision, the reference to the records closes it only at the end (each part of a
    // decision in parts has its own).
    guard resolution.kind == .decision, Self.isRecordsReference(trimmed) else { return false }
    return index >= closingReferences
  }

  /// "(See A/71/PV.1)", "(A/71/717/Add.2, para. 5, A/71/PV.89)".
  static func isRecordsReference(_ text: String) -> Bool {
    guard text.first == "(", text.last == ")", text.contains("/") else { return false }
    let inner = text.dropFirst()
    return inner.hasPrefix("See ") || LineShapes.isSymbol(String(inner.prefix { $0 != "," && $0 != ")" }))
  }

  /// "Annex", "Annex I", "Annex II".
  static func isAnnexHeading(_ text: String) -> Bool {
    let trimmed = text.trimmed
    return trimmed == "Annex" || (trimmed.hasPrefix("Annex ") && trimmed.count <= 12)
  }

  /// A heading line: short text that is neither a paragraph nor a list item.
  static func isHeading(_ text: String) -> Bool {
    let trimmed = text.collapsingSpaces
    guard let last = trimmed.last, trimmed.count <= 250, !".,;:".contains(last) else { return false }
    return label(of: trimmed) == nil && !isFormula(trimmed) && Phrases.preambular(trimmed) == nil
      && meetingNumber(trimmed) == nil && !LineShapes.isLoneLabel(trimmed)
  }

  /// Text that opens an operative paragraph: an operative verb, and not a recital.
  static func isOperativeText(_ text: String) -> Bool {
    let trimmed = text.trimmed
    guard Phrases.operative(trimmed) != nil, Phrases.preambular(trimmed) == nil else { return false }
    let first = trimmed.prefix { $0.isLetter }.lowercased()
    return !["whereas", "this", "its", "thus", "has", "was", "is", "as", "has", "nations"].contains(first)
  }

  /// A section or part being read, with the paragraphs read so far.
  private struct OpenSection {
    var num: String
    var style: String
    var heading: TextBlock?
    var line: Int
    var run = ParagraphRun()
    var children: [BodyItem] = []
  }

  private mutating func readParagraphs() throws(ConversionError) {
    var run = ParagraphRun()
    var stack: [OpenSection] = []
    var topItems: [BodyItem] = []

    func split(_ run: ParagraphRun, decision: Bool, beforeSections: Bool = false) -> (
      intro: [Block], items: [Block]
    ) {
      let blocks = run.items.map(\.block)
      if decision { return ([], blocks) }
      // Before the first section: the preamble of the whole, when it has no numbered paragraph.
      if beforeSections && !run.numberedSeen { return (blocks, []) }
      if let first = run.items.firstIndex(where: \.numbered) {
        return (Array(blocks[..<first]), Array(blocks[first...]))
      }
      guard !blocks.isEmpty else { return ([], []) }
      let start = blocks.firstIndex { Self.isOperativeText($0.text.plainText) } ?? blocks.count - 1
      return (Array(blocks[..<start]), Array(blocks[start...]))
    }
    let decision = resolution.kind == .decision
    func closeSection(into stack: inout [OpenSection], top: inout [BodyItem]) {
      var section = stack.removeLast()
      section.run.finish()
      let (intro, items) = split(section.run, decision: decision)
      let built = Section(
        num: section.num, heading: section.heading, intro: intro,
        items: items.map(Self.bodyItem) + section.children, line: section.line)
      if stack.isEmpty {
        top.append(.section(built))
      } else {
        stack[stack.count - 1].children.append(.section(built))
      }
    }

    while let paragraph = current, !isClosing(paragraph.text) {
      if let repaired = repairedSectionLetter(paragraph, after: stack.first) {
        paragraphs[index].text = repaired
        continue
      }
      if let num = LineShapes.sectionNumber(paragraph.text) {
        let style = Self.sectionStyle(paragraph.text)
        if let level = stack.firstIndex(where: { $0.style == style }) {
          while stack.count > level { closeSection(into: &stack, top: &topItems) }
        }
        if stack.isEmpty {
          run.finish()
          let (preamble, items) = split(run, decision: decision, beforeSections: true)
          resolution.preamble += preamble
          topItems += items.map(Self.bodyItem)
          run = ParagraphRun()
        }
        index += 1
        var heading: TextBlock?
        if let next = current, Self.isHeading(next.text), LineShapes.sectionNumber(next.text) == nil {
          heading = TextBlock(next.text.collapsingSpaces, line: next.line)
          index += 1
        }
        let printed = paragraph.text.trimmed == num ? num : paragraph.text.collapsingSpaces
        stack.append(OpenSection(num: printed, style: style, heading: heading, line: paragraph.line))
        continue
      }
      // "Adopts the following Pact …:" and the instrument's title: the instrument, up to the
      // closing lines, is an attachment.
      if stack.isEmpty, !run.numberedSeen, !decision, paragraph.text.trimmed.hasSuffix(":"),
        Self.isOperativeText(paragraph.text) || paragraph.text.contains("the following"),
        index + 1 < paragraphs.count,
        Self.isHeading(paragraphs[index + 1].text),
        LineShapes.sectionNumber(paragraphs[index + 1].text) == nil
      {
        run.add(paragraph, into: &report)
        index += 1
        let first = current?.line ?? paragraph.line
        let instrument = readAttachment { [self] in self.isClosing($0.text) }
        resolution.attachments.append(instrument)
        instrumentLines = first...max(first, (current?.line ?? Int.max / 2) - 1)
        continue
      }
      if stack.isEmpty {
        run.add(paragraph, into: &report)
      } else {
        stack[stack.count - 1].run.add(paragraph, into: &report)
      }
      index += 1
    }
    while !stack.isEmpty { closeSection(into: &stack, top: &topItems) }
    run.finish()
    let (preamble, items) = split(run, decision: decision)
    resolution.preamble += preamble
    topItems += items.map(Self.bodyItem)
    resolution.body = topItems
    if resolution.body.isEmpty {
      let line = current?.line ?? paragraphs.last?.line ?? 1
      throw ConversionError(
        "no operative paragraph found: expected numbered paragraphs such as \"1.\tDecides …\" after the preambular paragraphs",
        rule: "text.structure", line: line)
    }
  }

  /// A lower-case letter alone on its line where the next part letter is due ("c" after part
  /// "B"): OCR for the capital.
  private mutating func repairedSectionLetter(_ paragraph: LogicalParagraph, after top: OpenSection?)
    -> String?
  {
    let trimmed = paragraph.text.trimmed
    guard let top, trimmed.count == 1, let letter = trimmed.first, letter.isASCII, letter.isLowercase,
      top.num.count == 1, let previous = top.num.unicodeScalars.first,
      let expected = Unicode.Scalar(previous.value + 1), String(expected) == trimmed.uppercased()
    else { return nil }
    let replacement = trimmed.uppercased()
    report.repairs.append(Repair(line: paragraph.line, original: trimmed, replacement: replacement))
    report.warnings.append(
      Diagnostic(
        .warning, rule: "ocr.number", message: "read the part letter \"\(trimmed)\" as \"\(replacement)\"",
        line: paragraph.line))
    return replacement
  }

  /// A paragraph, or a heading among the paragraphs as a section with a heading only.
  static func bodyItem(_ block: Block) -> BodyItem {
    block.isHeading
      ? .section(Section(num: nil, heading: block.text, items: [], line: block.text.line)) : .paragraph(block)
  }

  /// How a section marker is written: "Section A" and "A" are different levels.
  static func sectionStyle(_ text: String) -> String {
    let trimmed = text.trimmed
    let word = trimmed.hasPrefix("Section ") ? "section" : trimmed.hasPrefix("Part ") ? "part" : ""
    let mark = LineShapes.sectionNumber(trimmed) ?? ""
    let roman = mark.count > 1 || mark == "I" || mark == "V" || mark == "X"
    return word + (roman ? "roman" : "letter")
  }

  /// Reads an annex or adopted instrument: its heading lines, then its paragraphs until `stop`.
  private mutating func readAttachment(stop: (LogicalParagraph) -> Bool) -> Attachment {
    var heading: [TextBlock] = []
    var blocks: [Block] = []
    while let paragraph = current, !stop(paragraph) {
      let text = paragraph.text.collapsingSpaces
      if blocks.isEmpty, heading.count < 3, Self.isHeading(text) || Self.isAnnexHeading(text) {
        heading.append(TextBlock(text, line: paragraph.line))
      } else if let (label, rest) = Self.label(of: paragraph.text) {
        blocks.append(Block(num: label.printed, text: TextBlock(rest.collapsingSpaces, line: paragraph.line)))
      } else if let num = LineShapes.sectionNumber(text) {
        blocks.append(Block(num: num, text: TextBlock("", line: paragraph.line)))
      } else {
        blocks.append(Block(text: TextBlock(text, line: paragraph.line)))
      }
      index += 1
    }
    return Attachment(heading: heading, blocks: blocks)
  }

  /// Annexes after the closing lines, each from its "Annex" heading to the next.
  private mutating func readAttachments() {
    while let paragraph = current, Self.isAnnexHeading(paragraph.text) {
      index += 1
      var attachment = readAttachment { Self.isAnnexHeading($0.text) }
      attachment.heading.insert(TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line), at: 0)
      resolution.attachments.append(attachment)
    }
  }

  /// `(i)` after `(h)` is the letter i; elsewhere a roman numeral.
  static func disambiguate(_ label: Label, after open: [Label?]) -> Label {
    guard case .roman(let value, let printed) = label, value.count == 1 || value == "v" || value == "x"
    else { return label }
    let previous: [String: String] = ["i": "h", "v": "u", "x": "w", "l": "k", "c": "b"]
    if let lastLetter = open.last(where: { if case .letter = $0 { return true } else { return false } }),
      case .letter(let letter, _)? = lastLetter, letter == previous[value],
      !open.contains(where: { if case .roman = $0 { return true } else { return false } })
    {
      return .letter(value, printed: printed)
    }
    return label
  }

  /// Where an item goes in the open stack: letters under the paragraph, romans under a letter.
  static func depth(of label: Label, in open: [Label?]) -> Int {
    switch label {
    case .number: return 0
    case .letter:
      return 1
    case .roman, .parenNumber, .bullet:
      // Under the innermost open letter, else directly under the paragraph.
      if let letterIndex = open.lastIndex(where: {
        if case .letter = $0 { return true } else { return false }
      }) {
        return letterIndex + 1
      }
      return 1
    }
  }

  // MARK: Conclusions and footnotes

  private mutating func readConclusions() {
    while let paragraph = current {
      let text = paragraph.text.collapsingSpaces
      if let meeting = Self.meetingNumber(text) {
        resolution.metadata.meetingNumber = meeting
        resolution.conclusions.append(
          ConclusionLine(role: .meeting(number: meeting), text: TextBlock(text, line: paragraph.line)))
        index += 1
        if let next = current, let date = Dates.parse(next.text.collapsingSpaces) {
          resolution.conclusions.append(
            ConclusionLine(role: .date(date), text: TextBlock(next.text.collapsingSpaces, line: next.line)))
          index += 1
        }
      } else if SCVolumeReader.isTrailer(text)
        || (resolution.kind == .decision && Self.isRecordsReference(text))
      {
        // "Adopted at the 2963rd meeting by 12 votes to 2 …", "(See A/71/PV.1)".
        if resolution.metadata.meetingNumber == nil, SCVolumeReader.isTrailer(text),
          let meeting = SCVolumeReader.meeting(in: text)
        {
          resolution.metadata.meetingNumber = meeting
        }
        resolution.conclusions.append(
          ConclusionLine(role: .other, text: TextBlock(text, line: paragraph.line)))
        index += 1
      } else {
        return
      }
    }
  }

  private mutating func readFootnotes() throws(ConversionError) {
    if !footnotesAfterClosing {
      // The form reader took the notes out; what is left after the closing lines is kept there.
      while let paragraph = current {
        report.warnings.append(
          Diagnostic(
            .warning, rule: "structure.trailing",
            message:
              "text after the closing lines that is neither an annex nor a footnote; kept with the closing lines",
            line: paragraph.line))
        resolution.conclusions.append(
          ConclusionLine(role: .other, text: TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line))
        )
        index += 1
      }
      return
    }
    while let paragraph = current {
      let text = paragraph.text.trimmed
      let digits = text.prefix { $0.isASCII && $0.isNumber }
      let rest = text[digits.endIndex...]
      if !digits.isEmpty, digits.count <= 3, let separator = rest.first, separator == " " || separator == "\t"
      {
        resolution.footnotes.append(
          Footnote(marker: String(digits), text: TextBlock(rest.collapsingSpaces, line: paragraph.line)))
      } else if !resolution.footnotes.isEmpty {
        // A footnote continued on the next line.
        let last = resolution.footnotes.count - 1
        let joined = resolution.footnotes[last].text.plainText + " " + text.collapsingSpaces
        resolution.footnotes[last].text = TextBlock(joined, line: resolution.footnotes[last].text.line)
      } else {
        throw ConversionError(
          "unexpected text after the closing lines: expected footnotes (\"1 See A/51/261, annex.\") or the end of the resolution",
          rule: "text.structure", line: paragraph.line)
      }
      index += 1
    }
  }
}

/// The paragraphs of one run of text (the whole resolution, or one section), with their points:
/// a stack of open items, closed as the numbering moves on.
struct ParagraphRun {
  typealias Label = StructureReader.Label

  /// The top-level paragraphs in order, and whether each is numbered.
  private(set) var items: [(block: Block, numbered: Bool)] = []
  private var open: [Block] = []
  private var openLabels: [Label?] = []
  /// The last top-level number.
  private var lastTop = 0
  /// The last number of a numbered list inside the open paragraph.
  private var subList: Int?
  /// Whether a numbered paragraph was read.
  private(set) var numberedSeen = false

  private mutating func close(to depth: Int) {
    while open.count > depth {
      let block = open.removeLast()
      let label = openLabels.removeLast()
      if open.isEmpty {
        if case .number? = label {
          items.append((block, true))
        } else {
          items.append((block, false))
        }
      } else {
        open[open.count - 1].children.append(block)
      }
    }
  }

  /// Closes every open item.
  mutating func finish() { close(to: 0) }

  /// Adds one logical paragraph.
  mutating func add(_ paragraph: LogicalParagraph, into report: inout ReadingReport) {
    let line = paragraph.line
    var text = paragraph.text
    if numberedSeen, let repaired = repairNumber(text, line: line, into: &report) { text = repaired }
    if let repaired = repairOpeningParenthesis(text, line: line, into: &report) { text = repaired }
    guard let (found, rest) = StructureReader.label(of: text) else {
      let block = TextBlock(text.collapsingSpaces, line: line)
      if numberedSeen, Self.isCrossHeading(block.plainText) {
        // "Scope", "Follow-up": a heading among the operative paragraphs.
        close(to: 0)
        subList = nil
        var heading = Block(text: block)
        heading.isHeading = true
        items.append((heading, false))
        return
      }
      if numberedSeen && open.count > 1 && open[0].wrapUp == nil {
        // Unnumbered text after a list: the end of its paragraph.
        close(to: 1)
        subList = nil
        open[0].wrapUp = block
      } else {
        close(to: 0)
        if numberedSeen {
          report.warnings.append(
            Diagnostic(
              .warning, rule: "structure.unnumbered",
              message:
                "an unnumbered paragraph among the operative paragraphs; kept as an unnumbered paragraph",
              line: line))
        }
        open = [Block(text: block)]
        openLabels = [nil]
      }
      return
    }
    var label = found
    let block = TextBlock(rest.collapsingSpaces, line: line)
    if case .number(let value, _) = label {
      // A list numbered 1., 2. … inside a paragraph that announces it with a colon.
      let announces = open.first.map { $0.children.isEmpty && $0.text.plainText.hasSuffix(":") } ?? false
      let startsList = subList == nil && value == 1 && announces
      let continuesList = subList.map { value == $0 + 1 } ?? false
      // Both the list's next item and the next paragraph: a paragraph opens with an operative verb.
      let isNextParagraph = value == lastTop + 1 && (!continuesList || StructureReader.isOperativeText(rest))
      if !open.isEmpty, lastTop >= 1, !isNextParagraph, startsList || continuesList {
        close(to: 1)
        open.append(Block(num: label.printed, text: block))
        openLabels.append(label)
        subList = value
        return
      }
      close(to: 0)
      subList = nil
      numberedSeen = true
      lastTop = value
      open = [Block(num: label.printed, text: block)]
      openLabels = [label]
      return
    }
    label = repairLetter(label, line: line, into: &report)
    let resolved = StructureReader.disambiguate(label, after: openLabels)
    guard !open.isEmpty else {
      report.warnings.append(
        Diagnostic(
          .warning, rule: "structure.orphan-point",
          message: "the point \(label.printed) has no paragraph to belong to; kept as a paragraph", line: line
        ))
      open = [Block(num: label.printed, text: block)]
      openLabels = [resolved]
      return
    }
    // Points that stand for paragraphs ("(a) Resolves …", "(b) Requests …"): siblings of the
    // first, not its sub-items.
    if let first = openLabels.first, let first, Self.sameKind(first, resolved) {
      close(to: 0)
      open = [Block(num: label.printed, text: block)]
      openLabels = [resolved]
      return
    }
    close(to: StructureReader.depth(of: resolved, in: openLabels))
    open.append(Block(num: label.printed, text: block))
    openLabels.append(resolved)
  }

  /// A short heading: capitalised words, no closing punctuation, not a paragraph's opening.
  static func isCrossHeading(_ text: String) -> Bool {
    guard text.count <= 120, StructureReader.isHeading(text), let first = text.first, first.isUppercase,
      Phrases.operative(text) == nil
    else { return false }
    return text.split(separator: " ").contains { $0.count >= 4 && $0.allSatisfy(\.isLetter) }
  }

  /// Both letters, both roman numerals or both numbers in parentheses.
  static func sameKind(_ a: Label, _ b: Label) -> Bool {
    switch (a, b) {
    case (.letter, .letter), (.roman, .roman), (.parenNumber, .parenNumber), (.bullet, .bullet): return true
    default: return false
    }
  }

  /// Digits that OCR reads as letters.
  static let digitLookalikes: [Character: Character] = [
    "S": "5", "s": "5", "l": "1", "I": "1", "O": "0", "o": "0",
  ]

  /// "S. Decides" after paragraph 4 → "5. Decides"; "14, Decides" after 13 → "14. Decides".
  private func repairNumber(_ text: String, line: Int, into report: inout ReadingReport) -> String? {
    let trimmed = text.trimmed
    guard StructureReader.label(of: trimmed) == nil else { return nil }
    let token = trimmed.prefix { $0 != " " && $0 != "\t" }
    guard (2...4).contains(token.count), let end = token.last, end == "." || end == "," else { return nil }
    let digits = String(token.dropLast().map { Self.digitLookalikes[$0] ?? $0 })
    guard digits.allSatisfy(\.isASCIIDigit), let value = Int(digits), value == lastTop + 1 else { return nil }
    let replacement = digits + "."
    report.repairs.append(Repair(line: line, original: String(token), replacement: replacement))
    report.warnings.append(
      Diagnostic(
        .warning, rule: "ocr.number",
        message: "read the damaged paragraph number \"\(token)\" as \"\(replacement)\"", line: line))
    return replacement + trimmed[token.endIndex...]
  }

  /// "b) To abstain" after "(a)": the opening parenthesis lost by OCR.
  private func repairOpeningParenthesis(_ text: String, line: Int, into report: inout ReadingReport)
    -> String?
  {
    let trimmed = text.trimmed
    let token = trimmed.prefix { $0 != " " && $0 != "\t" }
    guard token.count == 2, token.last == ")", let letter = token.first, letter.isASCII, letter.isLowercase,
      case .letter(let previous, _)?? = openLabels.last(where: {
        if case .letter? = $0 { return true } else { return false }
      }),
      previous.count == 1, let scalar = previous.unicodeScalars.first,
      let next = Unicode.Scalar(scalar.value + 1), Character(next) == letter
    else { return nil }
    let replacement = "(\(token)"
    report.repairs.append(Repair(line: line, original: String(token), replacement: replacement))
    report.warnings.append(
      Diagnostic(
        .warning, rule: "ocr.number",
        message: "read the damaged item label \"\(token)\" as \"\(replacement)\"",
        line: line))
    return replacement + trimmed[token.endIndex...]
  }

  /// Letters that OCR reads as digits in a list `(a)`, `(b)`: "(5)" after "(a)" → "(b)".
  static let letterLookalikes: [Int: Character] = [5: "b", 6: "b", 8: "g", 9: "g", 1: "l", 0: "o"]

  private func repairLetter(_ label: Label, line: Int, into report: inout ReadingReport) -> Label {
    guard case .parenNumber(let value, let printed) = label,
      !openLabels.contains(where: { if case .parenNumber? = $0 { return true } else { return false } }),
      case .letter(let previous, _)?? = openLabels.last(where: {
        if case .letter? = $0 { return true } else { return false }
      }),
      let letter = Self.letterLookalikes[value], let scalar = previous.unicodeScalars.first,
      previous.count == 1, let next = Unicode.Scalar(scalar.value + 1), Character(next) == letter
    else { return label }
    let replacement = "(\(letter))"
    report.repairs.append(Repair(line: line, original: printed, replacement: replacement))
    report.warnings.append(
      Diagnostic(
        .warning, rule: "ocr.number",
        message: "read the damaged item label \"\(printed)\" as \"\(replacement)\"",
        line: line))
    return .letter(String(letter), printed: replacement)
  }
}
