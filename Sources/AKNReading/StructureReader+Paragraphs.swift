import AKNModel
import Foundation

extension StructureReader {
  // MARK: Paragraphs

  /// Whether the operative part ends at `paragraph`: a meeting line, an adoption trailer, or (in
  /// a decision) the closing reference to the records.
  func isClosing(_ text: String) -> Bool {
    // A meeting line opens with a digit and a trailer with "Adopted": in a resolution (where the
    // reference to the records closes nothing), another first byte after spaces and tabs
    // refuses the text without trimming it.
    if resolution.kind != .decision, let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }),
      first &- 0x30 >= 10, first != 0x41
    {
      return false
    }
    let trimmed = text.trimmed
    if LineGrammar.meetingNumber(trimmed) != nil || LineGrammar.isTrailer(trimmed) { return true }
    // In a decision, the reference to the records closes it only at the end (each part of a
    // decision in parts has its own).
    guard resolution.kind == .decision, LineGrammar.isRecordsReference(trimmed) else { return false }
    return index >= closingReferences
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
          LineGrammar.isOperativeText(text), blocks[first - 1].children.isEmpty, blocks[first - 1].num == nil
        {
          first -= 1
          blocks[first].isIntro = true
        }
        return (Array(blocks[..<first]), Array(blocks[first...]))
      }
      guard !blocks.isEmpty else { return ([], []) }
      let start = blocks.firstIndex { LineGrammar.isOperativeText($0.text.plainText) } ?? blocks.count - 1
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
      LineGrammar.sectionNumber(text) != nil || LineGrammar.unitLabel(text) != nil
        || LineGrammar.sectionWithHeading(text) != nil || LineGrammar.actionLabel(text) != nil
        || LineGrammar.isAnnexHeading(text)
    }

    while let paragraph = current, !isClosing(paragraph.text) {
      if !inAttachment, paragraph.line == lateFormulaLine {
        // The formula printed after the preambular paragraphs: the formula, not a clause.
        resolution.formula = TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)
        index += 1
        continue
      }
      // An adopted instrument's final formulas ("IN WITNESS WHEREOF …", "DONE at …") end its
      // articles: they and the signatures after them are its closing (see
      // ``readInstrumentClosing()``), never a paragraph of its last article.
      if inAttachment, LineGrammar.opensInstrumentClosing(paragraph.text) { break }
      if LineGrammar.isAnnexHeading(paragraph.text) {
        if inAttachment { break }
        // An annex before the closing lines (the printed Security Council volumes): the annexes
        // run up to the closing lines.
        let first = paragraph.line
        readAttachments()
        instrumentLines = first...max(first, (current?.line ?? Int.max / 2) - 1)
        continue
      }
      if stack.last?.run.announcesTable ?? run.announcesTable,
        !LineGrammar.opensNumberedParagraph(paragraph.text)
      {
        // A table printed one cell per line: every line up to the next numbered paragraph (or
        // the next section of an open level) is the table of the paragraph that announces it.
        var lines: [(text: String, line: Int)] = []
        while let cell = current, !isClosing(cell.text), !LineGrammar.isAnnexHeading(cell.text),
          !LineGrammar.opensNumberedParagraph(cell.text), LineGrammar.label(of: cell.text) == nil,
          !(LineGrammar.sectionNumber(cell.text) != nil
            && stack.contains(where: { $0.style == Self.sectionStyle(cell.text) }))
        {
          for (offset, text) in cell.lines.enumerated() { lines.append((text, cell.line + offset)) }
          index += 1
        }
        let table = placingNotes(FlattenedTable.read(lines))
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
          table = placingNotes(read)
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
      if let num = LineGrammar.sectionNumber(paragraph.text) {
        let printed = paragraph.text.trimmed == num ? num : paragraph.text.collapsingSpaces
        marker = (printed, Self.placedStyle(paragraph.text, in: stack), .section, nil)
      } else if let (printed, unit) = LineGrammar.unitLabel(paragraph.text) {
        marker = (printed, unit.rawValue, unit, nil)
      } else if let (num, heading) = LineGrammar.sectionWithHeading(paragraph.text) {
        marker = (num, Self.placedStyle(num, in: stack), .section, heading)
      } else if let (num, sentence) = LineGrammar.actionLabel(paragraph.text) {
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
        if heading == nil, let next = current,
          LineGrammar.isHeading(next.text) || LineGrammar.isTitle(next.text),
          !isMarker(next.text),
          marker.unit == .section || next.text.trimmed.first?.isLetter == true
            || (next.text.trimmed.first?.isASCIIDigit == true && LineGrammar.isTitle(next.text))
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
        LineGrammar.isOperativeText(paragraph.text) || paragraph.text.contains("the following"),
        index + 1 < paragraphs.count,
        LineGrammar.isHeading(paragraphs[index + 1].text), !Self.opensQuotation(paragraphs[index + 1].text),
        LineGrammar.sectionNumber(paragraphs[index + 1].text) == nil
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
        index + 1 < paragraphs.count && LineGrammar.opensNumberedParagraph(paragraphs[index + 1].text)
      // Asked only of a one-word line (most paragraphs are not).
      let beforeLeadIn =
        index + 2 < paragraphs.count && ParagraphRun.isHeadingWord(paragraph.text)
        && paragraphs[index + 1].text.trimmed.hasSuffix(":")
        && LineGrammar.opensNumberedParagraph(paragraphs[index + 2].text)
      // Asked only inside a division (a heading over its rules or articles).
      let beforeDivision =
        !stack.isEmpty && index + 1 < paragraphs.count
        && LineGrammar.unitLabel(paragraphs[index + 1].text) != nil
      // The next paragraph's label, asked only of a line that may open a label itself (the
      // series decides an ambiguous label) or of a heading-shaped one (a sub-heading among a
      // paragraph's points), before a line that may open a label.
      let nextLabel: LineGrammar.Label? =
        index + 1 < paragraphs.count && LineGrammar.mayOpenLabel(paragraphs[index + 1].text)
          && (LineGrammar.mayOpenRomanLabel(paragraph.text) || paragraph.printedAsHeading
            || (LineGrammar.endsOnWord(paragraph.text) && ParagraphRun.isHeadingLine(paragraph.text)))
        ? LineGrammar.label(of: paragraphs[index + 1].text).map(\.0) : nil
      if stack.isEmpty {
        run.add(
          paragraph, beforeNumbered: beforeNumbered, beforeLeadIn: beforeLeadIn, nextLabel: nextLabel,
          into: &report)
      } else {
        stack[stack.count - 1].run.add(
          paragraph, beforeNumbered: beforeNumbered, beforeLeadIn: beforeLeadIn,
          beforeDivision: beforeDivision, nextLabel: nextLabel, into: &report)
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
      !isClosing(paragraph.text) && !LineGrammar.isAnnexHeading(paragraph.text)
        && !LineGrammar.opensNumberedParagraph(paragraph.text) && LineGrammar.label(of: paragraph.text) == nil
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
    tableNoteLines = [:]
    while end < paragraphs.count, fits(paragraphs[end]),
      FlattenedTable.isNote(paragraphs[end].text.collapsingSpaces)
    {
      tableNoteLines[paragraphs[end].line] = paragraphs[end].lines.count
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
    guard style.hasSuffix("roman"), let mark = LineGrammar.sectionNumber(text), mark.count == 1 else {
      return style
    }
    let letterStyle = String(style.dropLast("roman".count)) + "letter"
    let before: [String: String] = ["I": "H", "V": "U", "X": "W", "L": "K"]
    guard let letters = stack.last(where: { $0.style == letterStyle }),
      LineGrammar.sectionNumber(letters.num) == before[mark]
    else { return style }
    if let romans = stack.last(where: { $0.style == style }),
      let value = romanValue(LineGrammar.sectionNumber(romans.num) ?? ""), romanValue(mark) == value + 1
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
    RomanNumeral.value(text, digits: .upperToL)
  }

  /// How a section marker is written: "Section A" and "A" are different levels, and so are
  /// letters, Roman numerals and numbers ("Section 31").
  static func sectionStyle(_ text: String) -> String {
    let trimmed = text.trimmed
    let word = trimmed.hasPrefix("Section ") ? "section" : trimmed.hasPrefix("Part ") ? "part" : ""
    let mark = LineGrammar.sectionNumber(trimmed) ?? ""
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
      guard !isClosing(paragraph.text), !LineGrammar.isAnnexHeading(text),
        LineGrammar.sectionNumber(text) == nil,
        LineGrammar.unitLabel(text) == nil, LineGrammar.sectionWithHeading(text) == nil,
        LineGrammar.actionLabel(text) == nil
      else { return false }
      if LineGrammar.isHeading(text) || LineGrammar.isTitle(text) { return true }
      return text.hasSuffix(";") && LineGrammar.isTitle(String(text.dropLast())) && at + 1 < paragraphs.count
        && LineGrammar.isTitle(paragraphs[at + 1].text)
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
      return Attachment(
        heading: heading, preamble: preamble, items: items, conclusions: readInstrumentClosing())
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
    return Attachment(
      heading: heading, preamble: preamble, items: items, conclusions: readInstrumentClosing())
  }

  /// `table` with its notes at their markers (``FlattenedTable/placingNotes(_:printed:)``, with
  /// the print's raised markers where the form knows them), their warnings reported and their
  /// lines recorded as notes' lines (the lost-word check compares them with the notes, as it
  /// does footnotes; a note over several lines all of them).
  mutating func placingNotes(_ table: Table) -> Table {
    let (placed, warnings) = FlattenedTable.placingNotes(
      table, printed: raisedLines.map { FlattenedTable.printedMarkers(of: table, raised: $0) })
    report.warnings += warnings
    for note in placed.footnotes {
      report.noteLines += note.text.line..<(note.text.line + (tableNoteLines[note.text.line] ?? 1))
    }
    return placed
  }

  /// The closing of an adopted instrument, when its items end at one: the paragraph that opens
  /// with a final formula (``LineGrammar/opensInstrumentClosing(_:)``: "IN WITNESS WHEREOF …",
  /// "DONE at …") and every paragraph after it up to the next annex or the resolution's own
  /// closing lines (the other formula, the signatures), one text block each, as printed.
  mutating func readInstrumentClosing() -> [TextBlock] {
    guard let first = current, LineGrammar.opensInstrumentClosing(first.text) else { return [] }
    var closing: [TextBlock] = []
    while let paragraph = current, !isClosing(paragraph.text), !LineGrammar.isAnnexHeading(paragraph.text) {
      closing.append(TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line))
      index += 1
    }
    return closing
  }

  /// Annexes, each from its "Annex" heading to the next (or to the closing lines).
  mutating func readAttachments() {
    while let paragraph = current, LineGrammar.isAnnexHeading(paragraph.text) {
      index += 1
      let title = TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)
      resolution.attachments.append(readAttachment(title: title))
    }
  }

}
