import Foundation

/// Finds the parts of a resolution in its logical paragraphs, whatever form they came from.
struct StructureReader {
  let paragraphs: [LogicalParagraph]
  var resolution: Resolution
  private var index = 0

  init(paragraphs: [LogicalParagraph], resolution: Resolution) {
    self.paragraphs = paragraphs
    self.resolution = resolution
  }

  mutating func read() throws(ConversionError) {
    try readPreface()
    try readFormula()
    try readParagraphs()
    readConclusions()
    try readFootnotes()
  }

  private var current: LogicalParagraph? {
    index < paragraphs.count ? paragraphs[index] : nil
  }

  // MARK: Preface

  private mutating func readPreface() throws(ConversionError) {
    var titleLines: [String] = []
    var titleStart: (line: Int, number: String)?
    while let paragraph = current, !Self.isFormula(paragraph.text) {
      let text = paragraph.text.collapsingSpaces
      if titleStart != nil, Self.adoptionDate(in: text) == nil, !text.hasPrefix("[") {
        titleLines.append(text)  // a wrapped title line
      } else if let (organ, date, raw) = Self.adoptionDate(in: text) {
        resolution.metadata.organ = organ
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
    if current == nil {
      let line = paragraphs.last?.line ?? 1
      throw ConversionError(
        "no enacting formula found: expected a line \"The General Assembly,\" (or \"The Security Council,\") before the paragraphs of the resolution",
        rule: "text.structure", line: line)
    }
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
    let trimmed = text.collapsingSpaces
    return trimmed == "The General Assembly," || trimmed == "The Security Council,"
      || trimmed == "The General Assembly:" || trimmed == "The Security Council:"
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

    var printed: String {
      switch self {
      case .number(_, let printed), .letter(_, let printed), .roman(_, let printed): return printed
      }
    }
  }

  /// Splits "3.\tInvites …" into (.number(3), "Invites …"), "(a)\tGeneral …" into a letter.
  static func label(of text: String) -> (Label, String)? {
    let trimmed = text.trimmed
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
    let trimmed = text.collapsingSpaces
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let value = Int(digits) else { return nil }
    let rest = trimmed[digits.endIndex...]
    for suffix in ["st", "nd", "rd", "th"] {
      if rest.hasPrefix("\(suffix) plenary meeting") || rest.hasPrefix("\(suffix) meeting") {
        return value
      }
    }
    return nil
  }

  private mutating func readParagraphs() throws(ConversionError) {
    var open: [Block] = []  // the stack: [operative or preambular paragraph, point, sub-point …]
    var openLabels: [Label?] = []
    var inOperative = false

    func close(to depth: Int, into resolution: inout Resolution, operative: Bool) {
      while open.count > depth {
        let block = open.removeLast()
        openLabels.removeLast()
        if open.isEmpty {
          if operative {
            resolution.body.append(.paragraph(block))
          } else {
            resolution.preamble.append(block)
          }
        } else {
          open[open.count - 1].children.append(block)
        }
      }
    }

    while let paragraph = current, Self.meetingNumber(paragraph.text) == nil {
      let line = paragraph.line
      if let (label, rest) = Self.label(of: paragraph.text) {
        let text = TextBlock(rest.collapsingSpaces, line: line)
        switch label {
        case .number:
          close(to: 0, into: &resolution, operative: inOperative)
          inOperative = true
          open = [Block(num: label.printed, text: text)]
          openLabels = [label]
        case .letter, .roman:
          let resolved = Self.disambiguate(label, after: openLabels)
          let depth = Self.depth(of: resolved, in: openLabels)
          guard !open.isEmpty else {
            // A point before any paragraph: keep it as a paragraph of its own.
            resolution.warnings.append(
              Diagnostic(
                .warning, rule: "structure.orphan-point",
                message: "the point \(label.printed) has no paragraph to belong to; kept as a paragraph",
                line: line))
            open = [Block(num: label.printed, text: text)]
            openLabels = [resolved]
            continue
          }
          close(to: depth, into: &resolution, operative: inOperative)
          open.append(Block(num: label.printed, text: text))
          openLabels.append(resolved)
        }
      } else {
        let text = TextBlock(paragraph.text.collapsingSpaces, line: line)
        if inOperative {
          // Unnumbered text after an operative paragraph: the end of its list, or its own paragraph.
          if open.count > 1 {
            close(to: 1, into: &resolution, operative: true)
            open[0].wrapUp = text
          } else {
            close(to: 0, into: &resolution, operative: true)
            resolution.warnings.append(
              Diagnostic(
                .warning, rule: "structure.unnumbered",
                message:
                  "an unnumbered paragraph among the operative paragraphs; kept as an unnumbered paragraph",
                line: line))
            open = [Block(text: text)]
            openLabels = [nil]
          }
        } else {
          close(to: 0, into: &resolution, operative: false)
          open = [Block(text: text)]
          openLabels = [nil]
        }
      }
      index += 1
    }
    close(to: 0, into: &resolution, operative: inOperative)
    if resolution.body.isEmpty {
      if resolution.preamble.count == 1, let only = resolution.preamble.first {
        // A single unnumbered operative paragraph.
        resolution.preamble = []
        resolution.body = [.paragraph(only)]
      } else {
        let line = current?.line ?? paragraphs.last?.line ?? 1
        throw ConversionError(
          "no operative paragraph found: expected numbered paragraphs such as \"1.\tDecides …\" after the preambular paragraphs",
          rule: "text.structure", line: line)
      }
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
    case .roman:
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
    guard let paragraph = current, let meeting = Self.meetingNumber(paragraph.text) else { return }
    resolution.metadata.meetingNumber = meeting
    resolution.conclusions.append(
      ConclusionLine(
        role: .meeting(number: meeting),
        text: TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)))
    index += 1
    if let next = current, let date = Dates.parse(next.text.collapsingSpaces) {
      resolution.conclusions.append(
        ConclusionLine(role: .date(date), text: TextBlock(next.text.collapsingSpaces, line: next.line)))
      index += 1
    }
  }

  private mutating func readFootnotes() throws(ConversionError) {
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
