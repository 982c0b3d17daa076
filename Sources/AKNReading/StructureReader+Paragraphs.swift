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
    // Most lines: the first byte after the spaces and tabs opens no label (a digit, "(", or
    // the lead byte of an em dash, a bullet or an en dash).
    guard Self.mayOpenLabel(text) else { return nil }
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

  /// Whether the first byte of `text` after its leading spaces and tabs may open a label:
  /// an ASCII digit, "(", or 0xE2 (the lead byte of "\u{2014}", "\u{2022}" and "\u{2013}").
  static func mayOpenLabel(_ text: String) -> Bool {
    for byte in text.utf8 where byte != 0x20 && byte != 0x09 {
      return (byte >= 0x30 && byte <= 0x39) || byte == 0x28 || byte == 0xE2
    }
    return false
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

  /// "Annex", "Annex I", "ANNEX II", "Annex 3", "Annex*": an annex's heading, alone on its line.
  static func isAnnexHeading(_ text: String) -> Bool {
    // Most lines: the bytes after the leading spaces and tabs do not spell the word.
    guard startsWithWord(text, ["Annex", "ANNEX"], then: nil) else { return false }
    var trimmed = text.trimmed
    while let last = trimmed.last, last == "*" { trimmed.removeLast() }
    let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let first = words.first, first == "Annex" || first == "ANNEX", words.count <= 2 else {
      return false
    }
    guard words.count == 2 else { return true }
    let number = words[1]
    return number.count <= 6
      && (number.allSatisfy(\.isASCIIDigit) || number.allSatisfy({ "IVXL".contains($0) })
        || (number.count == 1 && number.first!.isUppercase))
  }

  /// Whether the UTF-8 bytes of `text`, after its leading spaces and tabs, open with one of
  /// `words` followed by one of the bytes `then` (or by anything, when nil). A quick refusal
  /// before the exact reading: a line whose bytes do not start so cannot start with the word.
  static func startsWithWord(_ text: String, _ words: [StaticString], then: [UInt8]?) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var start = 0
      while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      for word in words {
        let length = word.utf8CodeUnitCount
        guard bytes.count - start >= length else { continue }
        var same = true
        for offset in 0..<length where bytes[start + offset] != word.utf8Start[offset] {
          same = false
          break
        }
        guard same else { continue }
        guard let then else { return true }
        if start + length < bytes.count, then.contains(bytes[start + length]) { return true }
      }
      return false
    }
  }

  /// Whether `text`, spaces folded and trimmed, surely has no "." among its first 7 characters:
  /// its bytes are ASCII up to the 7th character and none is a dot, or it ends before without one.
  /// False when it cannot tell from ASCII bytes alone.
  static func hasNoEarlyDot(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var characters = 0
      var space = false
      var index = 0
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if byte >= 0x80 || byte == 0x2E { return false }
        if byte == 0x20 || byte == 0x09 {
          space = true
          continue
        }
        // A run of spaces and tabs inside the line is one character.
        characters += space ? 2 : 1
        space = false
        if characters >= 7 { return true }
      }
      return true
    }
  }

  /// "Rule 12", "Article 5", "Article I", "Chapter II" alone on its line: an article, rule or
  /// chapter of an adopted or quoted text, with its number as printed.
  static func unitLabel(_ text: String) -> (printed: String, unit: Section.Unit)? {
    // Most lines: the bytes do not open with the word and a space or a tab.
    guard
      startsWithWord(text, ["Article", "ARTICLE", "Rule", "RULE", "Chapter", "CHAPTER"], then: [0x20, 0x09])
    else { return nil }
    let trimmed = text.collapsingSpaces
    let words = (trimmed.last == "." ? String(trimmed.dropLast()) : trimmed).split(separator: " ")
    guard words.count == 2 else { return nil }
    let unit: Section.Unit
    switch words[0] {
    case "Article", "ARTICLE": unit = .article
    case "Rule", "RULE": unit = .rule
    case "Chapter", "CHAPTER": unit = .chapter
    default: return nil
    }
    let number = words[1]
    guard number.count <= 6,
      number.allSatisfy(\.isASCIIDigit) || number.allSatisfy({ "IVXL".contains($0) })
    else { return nil }
    return (trimmed, unit)
  }

  /// "Action 2. We will place the eradication of poverty at the centre of our efforts.": the word
  /// "Action", a number and a full stop, then the action's sentence on the same line (a pact's
  /// numbered commitment, whose paragraphs follow it) → ("Action 2.", "We will place …").
  static func actionLabel(_ text: String) -> (num: String, sentence: String)? {
    // Most lines: the bytes do not open with the word and a space.
    guard startsWithWord(text, ["Action"], then: [0x20]) else { return nil }
    let trimmed = text.collapsingSpaces
    let afterWord = trimmed.dropFirst("Action ".count)
    let digits = afterWord.prefix { $0.isASCIIDigit }
    guard (1...3).contains(digits.count), afterWord.dropFirst(digits.count).hasPrefix(". ") else {
      return nil
    }
    let sentence = afterWord.dropFirst(digits.count + 2).trimmed
    guard let first = sentence.first, first.isUppercase else { return nil }
    return ("Action \(digits).", sentence)
  }

  /// "I. Our shared commitment": a section number and its heading on one line.
  static func sectionWithHeading(_ text: String) -> (num: String, heading: String)? {
    guard !hasNoEarlyDot(text) else { return nil }
    let trimmed = text.collapsingSpaces
    guard let dot = trimmed.firstIndex(of: "."), trimmed.distance(from: trimmed.startIndex, to: dot) <= 6
    else {
      return nil
    }
    let mark = String(trimmed[..<dot])
    guard LineShapes.sectionNumber(mark) == mark else { return nil }
    let rest = trimmed[trimmed.index(after: dot)...]
    guard rest.first == " " else { return nil }
    let heading = rest.trimmed
    guard let first = heading.first, first.isUppercase, isTitle(heading) else { return nil }
    return ("\(mark).", heading)
  }

  /// A heading line: short text that is neither a paragraph nor a list item.
  static func isHeading(_ text: String) -> Bool {
    let trimmed = text.collapsingSpaces
    guard let last = trimmed.last, trimmed.count <= 250, !".,;:".contains(last) else { return false }
    return label(of: trimmed) == nil && !isFormula(trimmed) && Phrases.preambular(trimmed) == nil
      && meetingNumber(trimmed) == nil && !LineShapes.isLoneLabel(trimmed)
  }

  /// The title of a division, on the line after its label ("I" then "Achieving sustainable
  /// fisheries"): text that does not end as a sentence or clause does (no closing full stop,
  /// comma, semicolon or colon), opens with a capital or a digit ("24/7 network"), and is
  /// neither a label, a formula nor a meeting line. Unlike a heading among paragraphs (``isHeading``), a title may open with a
  /// word in "-ing" ("Achieving …", "Capacity-building", "Meeting of States Parties") and may run
  /// over several lines (up to 400 characters): after a label, a recital would end with a comma.
  /// Text with a sentence inside ("… comes earlier. (Footnote: …)") is a paragraph, not a title.
  static func isTitle(_ text: String) -> Bool {
    let trimmed = text.collapsingSpaces
    guard let first = trimmed.first, first.isUppercase || first.isASCIIDigit, let last = trimmed.last,
      trimmed.count <= 400, !".,;:".contains(last)
    else { return false }
    // A footnote marker after the closing punctuation ("… decision 77/504.2", or a decision's
    // inline note's mark).
    if let beforeMarker = trimmed.reversed().drop(while: {
      $0.isASCIIDigit || $0 == DecisionReader.inlineNoteMark || $0 == " "
    }).first,
      ".,;:".contains(beforeMarker)
    {
      return false
    }
    return label(of: trimmed) == nil && !isFormula(trimmed) && meetingNumber(trimmed) == nil
      && !LineShapes.isLoneLabel(trimmed) && !hasSentenceBreak(trimmed)
  }

  /// Whether `text` ends a sentence inside it: a full stop (or "!", "?", "…", after a closing
  /// quotation mark or not) followed by a space and a capital or an opening parenthesis, or by
  /// the parenthesis at once (a note: "… decision 77/504.(footnote: …)").
  static func hasSentenceBreak(_ text: String) -> Bool {
    var previous: [Character] = []
    for character in text {
      if previous.count == 2, previous[1] == " ", ".!?…".contains(previous[0]),
        character.isUppercase || character == "("
      {
        return true
      }
      if character == "(", previous.last == "." { return true }
      if character == "\u{201D}" || character == ")" { continue }
      previous.append(character)
      if previous.count > 2 { previous.removeFirst() }
    }
    return false
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
    var unit: Section.Unit = .section
    var run = ParagraphRun()
    var children: [BodyItem] = []
  }

  mutating func readParagraphs() throws(ConversionError) {
    let (preamble, items) = readItems(inAttachment: false)
    resolution.preamble += preamble
    resolution.body = items
    if resolution.body.isEmpty {
      let line = current?.line ?? paragraphs.last?.line ?? 1
      throw ConversionError(
        "no operative paragraph found: expected numbered paragraphs such as \"1.\tDecides …\" after the preambular paragraphs",
        rule: .textStructure, line: line)
    }
  }

  /// Reads paragraphs, sections, articles, rules and headings up to the closing lines (in an
  /// attachment, also up to the next annex): the unnumbered text before them (the preamble) and
  /// the items. In the operative part, an adopted instrument or an annex before the closing lines
  /// is read into the attachments.
  mutating func readItems(inAttachment: Bool) -> (preamble: [Block], items: [BodyItem]) {
    var run = ParagraphRun()
    run.inAttachment = inAttachment
    var stack: [OpenSection] = []
    var topItems: [BodyItem] = []
    var preamble: [Block] = []

    func split(_ run: ParagraphRun, decision: Bool, top: Bool, beforeSections: Bool = false) -> (
      intro: [Block], items: [Block]
    ) {
      var blocks = run.items.map(\.block)
      if decision { return ([], blocks) }
      if inAttachment {
        // An annex: the text before its first numbered paragraph is its preamble; a section of
        // it, or an annex without numbers, is made of paragraphs.
        guard top else { return ([], blocks) }
        if var first = run.items.firstIndex(where: \.numbered) {
          // A heading the print sets apart before them opens the body ("Guiding principles").
          if let heading = run.printedHeadings.min(), heading < first { first = heading }
          return (Array(blocks[..<first]), Array(blocks[first...]))
        }
        return beforeSections ? (blocks, []) : ([], blocks)
      }
      // Before the first section: the preamble of the whole, when it has no numbered paragraph.
      if beforeSections && !run.numberedSeen { return (blocks, []) }
      var numberedFrom = run.items.firstIndex(where: \.numbered)
      if numberedFrom == nil, let (lettered, first) = Self.letteredParagraphs(blocks) {
        blocks = lettered
        numberedFrom = first
      }
      if var first = numberedFrom {
        // "Resolves that:" / "Decides:" before the numbered paragraphs opens the operative part:
        // its introductory words, not a paragraph of its own.
        if first > 0, case let text = blocks[first - 1].text.plainText.trimmed, text.hasSuffix(":"),
          Self.isOperativeText(text), blocks[first - 1].children.isEmpty, blocks[first - 1].num == nil
        {
          first -= 1
          blocks[first].isIntro = true
        }
        return (Array(blocks[..<first]), Array(blocks[first...]))
      }
      guard !blocks.isEmpty else { return ([], []) }
      let start = blocks.firstIndex { Self.isOperativeText($0.text.plainText) } ?? blocks.count - 1
      return (Array(blocks[..<start]), Array(blocks[start...]))
    }
    let decision = resolution.kind == .decision && !inAttachment
    func closeSection(into stack: inout [OpenSection], top: inout [BodyItem]) {
      var section = stack.removeLast()
      section.run.finish()
      let (intro, items) = split(section.run, decision: decision, top: false)
      let built = Section(
        num: section.num, heading: section.heading, intro: intro,
        items: items.map(Self.bodyItem) + section.children, line: section.line, unit: section.unit)
      if stack.isEmpty {
        top.append(.section(built))
      } else {
        stack[stack.count - 1].children.append(.section(built))
      }
    }
    /// Whether `text` opens a division of its own (and so is not a heading line).
    func isMarker(_ text: String) -> Bool {
      LineShapes.sectionNumber(text) != nil || Self.unitLabel(text) != nil
        || Self.sectionWithHeading(text) != nil || Self.actionLabel(text) != nil
        || Self.isAnnexHeading(text)
    }

    while let paragraph = current, !isClosing(paragraph.text) {
      if !inAttachment, paragraph.line == lateFormulaLine {
        // The formula printed after the preambular paragraphs: the formula, not a clause.
        resolution.formula = TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)
        index += 1
        continue
      }
      if Self.isAnnexHeading(paragraph.text) {
        if inAttachment { break }
        // An annex before the closing lines (the printed Security Council volumes): the annexes
        // run up to the closing lines.
        let first = paragraph.line
        readAttachments()
        instrumentLines = first...max(first, (current?.line ?? Int.max / 2) - 1)
        continue
      }
      if stack.last?.run.announcesTable ?? run.announcesTable, !Self.opensNumberedParagraph(paragraph.text) {
        // A table printed one cell per line: every line up to the next numbered paragraph (or
        // the next section of an open level) is the table of the paragraph that announces it.
        var lines: [(text: String, line: Int)] = []
        while let cell = current, !isClosing(cell.text), !Self.isAnnexHeading(cell.text),
          !Self.opensNumberedParagraph(cell.text), Self.label(of: cell.text) == nil,
          !(LineShapes.sectionNumber(cell.text) != nil
            && stack.contains(where: { $0.style == Self.sectionStyle(cell.text) }))
        {
          for (offset, text) in cell.lines.enumerated() { lines.append((text, cell.line + offset)) }
          index += 1
        }
        let table = FlattenedTable.read(lines)
        if table.rows.isEmpty {
          report.warnings.append(
            Diagnostic(
              .warning, rule: .structureTable,
              message:
                "a table printed one cell per line whose columns cannot be told apart; kept line by line in the paragraph that announces it",
              line: table.line))
        }
        if stack.isEmpty { run.attach(table) } else { stack[stack.count - 1].run.attach(table) }
        continue
      }
      if let found = unannouncedTable() {
        // A table printed one cell per line that no paragraph announces (a budget or staffing
        // table in an annex): an unnumbered block of its own holds it.
        let table: Table
        switch found {
        case .table(let read):
          table = read
        case .unclear(let read, let reason):
          table = read
          report.warnings.append(
            Diagnostic(
              .warning, rule: .structureTable,
              message:
                "a paragraph of mostly numbers, read as a table printed one cell per line whose columns cannot be told apart (\(reason)); kept line by line",
              line: read.line))
        }
        if stack.isEmpty { run.add(table) } else { stack[stack.count - 1].run.add(table) }
        continue
      }
      if let repaired = repairedSectionLetter(paragraph, after: stack.first) {
        paragraphs[index].text = repaired
        continue
      }
      let marker: (num: String, style: String, unit: Section.Unit, heading: String?)?
      if let num = LineShapes.sectionNumber(paragraph.text) {
        let printed = paragraph.text.trimmed == num ? num : paragraph.text.collapsingSpaces
        marker = (printed, Self.placedStyle(paragraph.text, in: stack), .section, nil)
      } else if let (printed, unit) = Self.unitLabel(paragraph.text) {
        marker = (printed, unit.rawValue, unit, nil)
      } else if let (num, heading) = Self.sectionWithHeading(paragraph.text) {
        marker = (num, Self.placedStyle(num, in: stack), .section, heading)
      } else if let (num, sentence) = Self.actionLabel(paragraph.text) {
        marker = (num, Section.Unit.action.rawValue, .action, sentence)
      } else {
        marker = nil
      }
      if let marker {
        if let level = stack.firstIndex(where: { $0.style == marker.style }) {
          if let expected = Self.nextLabel(after: stack[level].num, style: marker.style),
            let value = Self.labelValue(marker.num, style: marker.style), value != expected,
            value < expected
              || Self.skippedLabelPrinted(
                expected, like: marker.num, style: marker.style,
                in: paragraphs.filter { $0.line > stack[level].line && $0.line < paragraph.line })
          {
            report.warnings.append(
              Diagnostic(
                .warning, rule: .structureOutline,
                message:
                  "the division \"\(Self.labelCore(marker.num))\" does not follow \"\(Self.labelCore(stack[level].num))\" in its series; kept where it stands",
                line: paragraph.line))
          }
          while stack.count > level { closeSection(into: &stack, top: &topItems) }
        } else if marker.unit == .section, let level = stack.firstIndex(where: { $0.unit != .section }) {
          // A section or part of a new series while an article or rule is open: parts hold
          // articles and rules, never the other way round ("V. Opening of the Conference" after
          // rule 16 opens part V).
          while stack.count > level { closeSection(into: &stack, top: &topItems) }
        }
        if stack.isEmpty {
          run.finish()
          let (lead, items) = split(run, decision: decision, top: true, beforeSections: true)
          preamble += lead
          topItems += items.map(Self.bodyItem)
          run = ParagraphRun()
          run.inAttachment = inAttachment
        }
        index += 1
        var heading = marker.heading.map { TextBlock($0, line: paragraph.line) }
        if heading == nil, let next = current, Self.isHeading(next.text) || Self.isTitle(next.text),
          !isMarker(next.text),
          marker.unit == .section || next.text.trimmed.first?.isLetter == true
            || (next.text.trimmed.first?.isASCIIDigit == true && Self.isTitle(next.text))
        {
          heading = TextBlock(next.text.collapsingSpaces, line: next.line)
          index += 1
        }
        var open = OpenSection(
          num: marker.num, style: marker.style, heading: heading, line: paragraph.line, unit: marker.unit)
        open.run.inAttachment = inAttachment
        stack.append(open)
        continue
      }
      // "Adopts the following Pact …:" and the instrument's title: the instrument, up to the
      // closing lines, is an attachment.
      if !inAttachment, stack.isEmpty, !run.numberedSeen, !decision, paragraph.text.trimmed.hasSuffix(":"),
        Self.isOperativeText(paragraph.text) || paragraph.text.contains("the following"),
        index + 1 < paragraphs.count,
        Self.isHeading(paragraphs[index + 1].text), !Self.opensQuotation(paragraphs[index + 1].text),
        LineShapes.sectionNumber(paragraphs[index + 1].text) == nil
      {
        run.add(paragraph, into: &report)
        index += 1
        // The instrument quoted ("… the following revised rules :", "CHAPTER X. — ADMISSION OF
        // NEW MEMBERS", "“Rule 58", "“Any State …"): its text opens with quotation marks, so it
        // is text the paragraph quotes, not an adopted instrument of its own.
        if index + 1 < paragraphs.count, let title = current,
          Self.opensQuotation(paragraphs[index + 1].text) || title.text.contains("\u{201C}"),
          run.quote(title)
        {
          index += 1
          continue
        }
        let first = current?.line ?? paragraph.line
        let instrument = readAttachment(title: nil)
        resolution.attachments.append(instrument)
        instrumentLines = first...max(first, (current?.line ?? Int.max / 2) - 1)
        continue
      }
      let beforeNumbered =
        index + 1 < paragraphs.count && Self.opensNumberedParagraph(paragraphs[index + 1].text)
      // Asked only of a one-word line (most paragraphs are not).
      let beforeLeadIn =
        index + 2 < paragraphs.count && ParagraphRun.isHeadingWord(paragraph.text)
        && paragraphs[index + 1].text.trimmed.hasSuffix(":")
        && Self.opensNumberedParagraph(paragraphs[index + 2].text)
      // Asked only inside a division (a heading over its rules or articles).
      let beforeDivision =
        !stack.isEmpty && index + 1 < paragraphs.count && Self.unitLabel(paragraphs[index + 1].text) != nil
      if stack.isEmpty {
        run.add(paragraph, beforeNumbered: beforeNumbered, beforeLeadIn: beforeLeadIn, into: &report)
      } else {
        stack[stack.count - 1].run.add(
          paragraph, beforeNumbered: beforeNumbered, beforeLeadIn: beforeLeadIn,
          beforeDivision: beforeDivision, into: &report)
      }
      index += 1
    }
    while !stack.isEmpty { closeSection(into: &stack, top: &topItems) }
    run.finish()
    let (lead, items) = split(run, decision: decision, top: true)
    preamble += lead
    topItems += items.map(Self.bodyItem)
    return (preamble, topItems)
  }

  /// A table printed one cell per line that no paragraph announces, starting at the current
  /// paragraph, read (see ``FlattenedTable/readUnannounced(_:)``) and the paragraphs it takes
  /// passed over; nil when none starts here.
  ///
  /// A table starts where a paragraph of mostly amounts (``FlattenedTable/isMostlyAmounts(_:)``)
  /// is this paragraph or one of the two after it, and the paragraphs before it end no sentence
  /// (its header lines). It runs over the paragraphs that follow while each holds an amount or
  /// ends no sentence (a sub-heading row), then over the notes under it; never over a numbered
  /// paragraph, a closing line or an annex heading. Where header lines are taken but the shape
  /// is not clear, the table starts later (the paragraph is read as text); a paragraph of mostly
  /// amounts whose shape is not clear is kept line by line, with its reason.
  mutating func unannouncedTable() -> FlattenedTable.Found? {
    func fits(_ paragraph: LogicalParagraph) -> Bool {
      !isClosing(paragraph.text) && !Self.isAnnexHeading(paragraph.text)
        && !Self.opensNumberedParagraph(paragraph.text) && Self.label(of: paragraph.text) == nil
    }
    func endsSentence(_ paragraph: Int) -> Bool {
      guard let last = paragraphs[paragraph].lines.last else { return false }
      for scalar in last.unicodeScalars.reversed() where scalar != " " && scalar != "\t" {
        return scalar == "." || scalar == ";"
      }
      return false
    }
    var first = index
    while true {
      guard first < paragraphs.count, first - index < 3 else { return nil }
      if FlattenedTable.isMostlyAmounts(paragraphs[first].lines) { break }
      if endsSentence(first) { return nil }
      first += 1
    }
    // Asked only where a paragraph of mostly amounts follows (most paragraphs end a sentence).
    for paragraph in paragraphs[index...first] where !fits(paragraph) { return nil }
    // The rows: paragraphs with an amount, or sub-headings, up to the last with an amount.
    var lastRows = first
    var end = first + 1
    while end < paragraphs.count, fits(paragraphs[end]),
      !FlattenedTable.isNote(paragraphs[end].text.collapsingSpaces)
    {
      if paragraphs[end].lines.contains(where: FlattenedTable.isAmount) {
        lastRows = end
      } else if endsSentence(end) {
        break
      }
      end += 1
    }
    end = lastRows + 1
    var cells: [FlattenedTable.Cell] = []
    for paragraph in paragraphs[index..<end] {
      for (offset, text) in paragraph.lines.enumerated() {
        cells.append(
          .init(text: text, line: paragraph.line + offset, endsParagraph: offset == paragraph.lines.count - 1)
        )
      }
    }
    // The notes under it, one paragraph each.
    while end < paragraphs.count, fits(paragraphs[end]),
      FlattenedTable.isNote(paragraphs[end].text.collapsingSpaces)
    {
      cells.append(
        .init(text: paragraphs[end].text.collapsingSpaces, line: paragraphs[end].line, endsParagraph: true))
      end += 1
    }
    let found = FlattenedTable.readUnannounced(cells)
    if case .unclear = found, index < first { return nil }
    index = end
    return found
  }

  /// Operative paragraphs lettered instead of numbered ("A. A Commission of the Security Council
  /// is hereby established …", "B. The Commission shall …"): where no paragraph of `blocks` is
  /// numbered, a run of at least two unnumbered paragraphs that open with the capital letters A,
  /// B, C … in order, each followed by a full stop, a space and a capital, keep their letters as
  /// their numbers. Returns the blocks so numbered and the index of paragraph "A."; nil when
  /// there is no such run.
  static func letteredParagraphs(_ blocks: [Block]) -> ([Block], Int)? {
    func letter(_ block: Block) -> (Character, String)? {
      guard block.num == nil, !block.isHeading, block.table == nil,
        block.text.segments.allSatisfy({ if case .text = $0 { true } else { false } })
      else { return nil }
      let text = block.text.plainText
      guard let first = text.first, first.isASCII, first.isUppercase,
        text.dropFirst().hasPrefix(". "), let next = text.dropFirst(3).first, next.isUppercase
      else { return nil }
      return (first, String(text.dropFirst(3)))
    }
    guard let start = blocks.firstIndex(where: { letter($0)?.0 == "A" }) else { return nil }
    var result = blocks
    var expected: UInt8 = 65  // "A"
    var index = start
    while index < blocks.count, let (mark, rest) = letter(blocks[index]), mark.asciiValue == expected {
      var block = blocks[index]
      block.num = "\(mark)."
      block.text = TextBlock(rest, line: block.text.line)
      result[index] = block
      expected += 1
      index += 1
    }
    return index - start >= 2 ? (result, start) : nil
  }

  /// Whether `text` opens with a quotation mark (text quoted by the paragraph before it).
  static func opensQuotation(_ text: String) -> Bool {
    let first = text.trimmed.first
    return first == "\u{201C}" || first == "\""
  }

  /// Whether `text` opens a numbered paragraph ("3.\tDecides …", or "3." alone on its line).
  static func opensNumberedParagraph(_ text: String) -> Bool {
    if case .number? = label(of: text)?.0 { return true }
    let trimmed = text.trimmed
    // Two to five characters, counted no further than six (a paragraph is long).
    var count = 0
    for _ in trimmed {
      count += 1
      if count > 5 { return false }
    }
    return count > 1 && trimmed.last == "." && trimmed.dropLast().allSatisfy(\.isASCIIDigit)
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
        .warning, rule: .ocrNumber, message: "read the part letter \"\(trimmed)\" as \"\(replacement)\"",
        line: paragraph.line))
    return replacement
  }

  /// A paragraph, or a heading among the paragraphs as a section with a heading only.
  static func bodyItem(_ block: Block) -> BodyItem {
    block.isHeading
      ? .section(Section(num: nil, heading: block.text, items: [], line: block.text.line)) : .paragraph(block)
  }

  /// The numbering series a section marker belongs to among the divisions open around it: as
  /// ``sectionStyle`` writes it, except that a single letter that is also a Roman numeral ("I",
  /// "V", "X", "L") is the next letter of an open letter series ("I" after "H" is the ninth
  /// letter, and "J" then follows it), unless it also goes on from an open Roman series ("V"
  /// after "IV").
  static func placedStyle(_ text: String, in stack: [OpenSection]) -> String {
    let style = sectionStyle(text)
    guard style.hasSuffix("roman"), let mark = LineShapes.sectionNumber(text), mark.count == 1 else {
      return style
    }
    let letterStyle = String(style.dropLast("roman".count)) + "letter"
    let before: [String: String] = ["I": "H", "V": "U", "X": "W", "L": "K"]
    guard let letters = stack.last(where: { $0.style == letterStyle }),
      LineShapes.sectionNumber(letters.num) == before[mark]
    else { return style }
    if let romans = stack.last(where: { $0.style == style }),
      let value = romanValue(LineShapes.sectionNumber(romans.num) ?? ""), romanValue(mark) == value + 1
    {
      return style
    }
    return letterStyle
  }

  /// A division's label without its heading and final full stop: "Article 13." → "Article 13",
  /// "III. How do we get there?" → "III".
  static func labelCore(_ num: String) -> String {
    var core = num.trimmed
    if let dot = core.firstIndex(of: "."), core[core.index(after: dot)...].trimmed.isEmpty || core.count > 12
    {
      core = String(core[..<dot])
    }
    return core
  }

  /// The position of a division's label in its series: a letter's place in the alphabet, a
  /// Roman numeral's value, an article's, rule's, chapter's or action's number; nil when the
  /// label has none.
  static func labelValue(_ num: String, style: String) -> Int? {
    let words = labelCore(num).split(separator: " ")
    guard let mark = words.last.map(String.init) else { return nil }
    if style.hasSuffix("letter") {
      guard mark.count == 1, let scalar = mark.unicodeScalars.first, (65...90).contains(scalar.value) else {
        return nil
      }
      return Int(scalar.value) - 64
    }
    if style.hasSuffix("roman") { return romanValue(mark) }
    return Int(mark) ?? romanValue(mark)
  }

  /// Whether the label at position `value` of the series of `label` (the label that skipped
  /// it) is printed in `paragraphs`, the text between the division before and `label`: a skipped
  /// label that is there was read as text (merged into a paragraph), and the gap is a defect to
  /// warn of; one that is nowhere is the document's own choice (a text amending or annotating
  /// some articles or rules only, a budget listing some sections), and nothing is wrong.
  static func skippedLabelPrinted(
    _ value: Int, like label: String, style: String, in paragraphs: [LogicalParagraph]
  ) -> Bool {
    let words = labelCore(label).split(separator: " ").map(String.init)
    guard let mark = words.last else { return true }
    let number: String
    if style.hasSuffix("letter") {
      guard (1...26).contains(value), let scalar = Unicode.Scalar(UInt32(64 + value)) else { return true }
      number = String(Character(scalar))
    } else if Int(mark) != nil {
      number = String(value)
    } else {
      guard let roman = romanNumeral(value) else { return true }
      number = roman
    }
    let printed = (words.dropLast() + [number]).joined(separator: " ")
    // A bare letter or numeral could be any word: only a label with its word ("Rule 7",
    // "Part IX") is looked for; a bare one's gap is always warned.
    guard words.count > 1 else { return true }
    return paragraphs.contains { Invariants.printsLabel($0.text, printed) }
  }

  /// The upper-case Roman numeral of `value` (1–89), nil outside.
  static func romanNumeral(_ value: Int) -> String? {
    guard (1...89).contains(value) else { return nil }
    let tens = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX"]
    let units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return tens[value / 10] + units[value % 10]
  }

  /// The position the label after `num` takes in its series, if `num` has one.
  static func nextLabel(after num: String, style: String) -> Int? {
    labelValue(num, style: style).map { $0 + 1 }
  }

  /// The value of an upper-case Roman numeral of I, V, X and L ("XIV" → 14), nil for other text.
  static func romanValue(_ text: String) -> Int? {
    let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50]
    var total = 0
    var previous = 0
    for character in text.reversed() {
      guard let value = values[character] else { return nil }
      if value < previous { total -= value } else { total += value }
      previous = max(previous, value)
    }
    return total > 0 ? total : nil
  }

  /// How a section marker is written: "Section A" and "A" are different levels, and so are
  /// letters, Roman numerals and numbers ("Section 31").
  static func sectionStyle(_ text: String) -> String {
    let trimmed = text.trimmed
    let word = trimmed.hasPrefix("Section ") ? "section" : trimmed.hasPrefix("Part ") ? "part" : ""
    let mark = LineShapes.sectionNumber(trimmed) ?? ""
    if mark.first?.isASCIIDigit == true { return word + "arabic" }
    let roman = mark.count > 1 || mark == "I" || mark == "V" || mark == "X"
    return word + (roman ? "roman" : "letter")
  }

  /// Reads an annex or adopted instrument: its title lines (after `title`, the "Annex" line,
  /// if any), then its paragraphs and divisions up to the closing lines or the next annex.
  mutating func readAttachment(title: TextBlock?) -> Attachment {
    var heading: [TextBlock] = title.map { [$0] } ?? []
    // A title line: a heading's shape or a title's (which may open with a word in "-ing" and run
    // to 400 characters: "Advancing science, finance and innovation …"); a title that a
    // subtitle follows may end with a semicolon ("United Nations Convention against
    // Cybercrime;").
    func isTitleLine(_ at: Int) -> Bool {
      let paragraph = paragraphs[at]
      let text = paragraph.text.collapsingSpaces
      guard !isClosing(paragraph.text), !Self.isAnnexHeading(text), LineShapes.sectionNumber(text) == nil,
        Self.unitLabel(text) == nil, Self.sectionWithHeading(text) == nil, Self.actionLabel(text) == nil
      else { return false }
      if Self.isHeading(text) || Self.isTitle(text) { return true }
      return text.hasSuffix(";") && Self.isTitle(String(text.dropLast())) && at + 1 < paragraphs.count
        && Self.isTitle(paragraphs[at + 1].text)
    }
    var end = index
    if index < paragraphs.count, paragraphs[index].printedAsHeading {
      // The print sets the title apart (a PDF's bold lines): its lines, and no more.
      while end < paragraphs.count, end - index < 4, paragraphs[end].printedAsHeading, isTitleLine(end) {
        end += 1
      }
      heading += paragraphs[index..<end].map { TextBlock($0.text.collapsingSpaces, line: $0.line) }
      index = end
      let (preamble, items) = readItems(inAttachment: true)
      return Attachment(heading: heading, preamble: preamble, items: items)
    }
    while end < paragraphs.count, end - index < 5, isTitleLine(end) { end += 1 }
    // More than four such lines in a row are a list (names, items), not a title. A paragraph of
    // mostly amounts among them is a table printed one cell per line (a short budget under the
    // annex's title, its header lines with its rows): the title ends before it.
    if end - index <= 4,
      let table = paragraphs[index..<end].firstIndex(where: { FlattenedTable.isMostlyAmounts($0.lines) })
    {
      end = table
    }
    if end - index <= 4 {
      heading += paragraphs[index..<end].map { TextBlock($0.text.collapsingSpaces, line: $0.line) }
      index = end
    }
    let (preamble, items) = readItems(inAttachment: true)
    return Attachment(heading: heading, preamble: preamble, items: items)
  }

  /// Annexes, each from its "Annex" heading to the next (or to the closing lines).
  mutating func readAttachments() {
    while let paragraph = current, Self.isAnnexHeading(paragraph.text) {
      index += 1
      let title = TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)
      resolution.attachments.append(readAttachment(title: title))
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
