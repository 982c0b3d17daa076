import AKNModel
import Foundation

extension StructureReader {
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
  struct OpenSection {
    var num: String
    var style: String
    var heading: TextBlock?
    var line: Int
    var run = ParagraphRun()
    var children: [BodyItem] = []
  }

  mutating func readParagraphs() throws(ConversionError) {
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
      if var first = run.items.firstIndex(where: \.numbered) {
        // "Resolves that:" / "Decides:" before the numbered paragraphs opens the operative part.
        if first > 0, case let text = blocks[first - 1].text.plainText.trimmed, text.hasSuffix(":"),
          Self.isOperativeText(text)
        {
          first -= 1
        }
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
  mutating func repairedSectionLetter(_ paragraph: LogicalParagraph, after top: OpenSection?)
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
  mutating func readAttachment(stop: (LogicalParagraph) -> Bool) -> Attachment {
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
  mutating func readAttachments() {
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
}
