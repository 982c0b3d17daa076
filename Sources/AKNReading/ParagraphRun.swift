import AKNModel
import Foundation

/// The paragraphs of one run of text (the whole resolution, or one section), with their points:
/// a stack of open items, closed as the numbering moves on.
struct ParagraphRun {
  typealias Label = LineGrammar.Label

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
  /// The indices in `items` of the headings the print sets apart (``LogicalParagraph/printedAsHeading``).
  private(set) var printedHeadings: Set<Int> = []
  /// Whether the run is part of an annex or adopted instrument, whose unnumbered paragraphs
  /// among numbered ones (lead-ins such as "As a follow-up to the present declaration, we:") are
  /// ordinary.
  var inAttachment = false

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

  /// Whether the open paragraph announces a table ("… in the table below:") and has none yet.
  var announcesTable: Bool {
    open.count == 1 && open[0].children.isEmpty && open[0].table == nil
      && Self.mayEndWithColon(open[0].text.segments)
      && FlattenedTable.isAnnounced(by: open[0].text.plainText)
  }

  /// Whether the plain text of `segments` (``TextBlock/plainText``), trimmed, may end with a
  /// colon: its last byte that is not a space or a tab is one, read from the segments' bytes
  /// without building the text. False rules out a trimmed text that ends with ":".
  static func mayEndWithColon(_ segments: [TextBlock.Segment]) -> Bool {
    lastNonBlankByte(of: segments) == 0x3A
  }

  /// Whether `text`'s plain text, trimmed, ends with a colon (refused first on the segments'
  /// bytes, ``mayEndWithColon(_:)``, without building the plain text).
  static func endsWithColon(_ text: TextBlock) -> Bool {
    mayEndWithColon(text.segments) && text.plainText.trimmed.hasSuffix(":")
  }

  /// The last byte of the plain text of `segments` that is not a space or a tab; nil when none.
  private static func lastNonBlankByte(of segments: [TextBlock.Segment]) -> UInt8? {
    for segment in segments.reversed() {
      let text: String
      switch segment {
      case .text(let string), .leadPhrase(let string), .italic(let string): text = string
      case .citation(let citation): text = citation.text
      case .part(_, let inner):
        if let byte = lastNonBlankByte(of: inner) { return byte }
        continue
      case .noteRef, .noteRepeat: continue
      }
      if let byte = text.utf8.last(where: { $0 != 0x20 && $0 != 0x09 }) { return byte }
    }
    return nil
  }

  /// Gives the open paragraph the table it announces.
  mutating func attach(_ table: Table) {
    guard open.count == 1 else { return }
    open[0].table = table
  }

  /// Adds a table that no paragraph announces, in an unnumbered block of its own (no text).
  mutating func add(_ table: Table) {
    close(to: 0)
    subList = nil
    var block = Block(text: TextBlock("", line: table.line))
    block.table = table
    items.append((block, false))
  }

  /// Closes every open item.
  mutating func finish() { close(to: 0) }

  /// Gives the one open paragraph `paragraph` as the first paragraph of the text it quotes (a
  /// quoted instrument's title line before its quoted paragraphs); false, and nothing changes,
  /// when no single paragraph is open or it has items already.
  mutating func quote(_ paragraph: LogicalParagraph) -> Bool {
    guard open.count == 1, open[0].children.isEmpty, open[0].wrapUp == nil, open[0].table == nil else {
      return false
    }
    open[0].quoted.append(Block(text: TextBlock(paragraph.text.collapsingSpaces, line: paragraph.line)))
    return true
  }

  /// Adds one logical paragraph; `beforeNumbered` tells that a numbered paragraph follows it,
  /// `beforeLeadIn` that a lead-in ending with a colon and then a numbered paragraph follow it,
  /// `beforeDivision` that an article or rule follows it ("General principles" before "Rule
  /// 57": a heading over the rules).
  mutating func add(
    _ paragraph: LogicalParagraph, beforeNumbered: Bool = false, beforeLeadIn: Bool = false,
    beforeDivision: Bool = false, nextLabel: Label? = nil, into report: inout ReadingReport
  ) {
    let line = paragraph.line
    var text = paragraph.text
    // The label is read once, and again only after a repair of the text.
    var label = LineGrammar.label(of: text)
    var repairedText = false
    // A damaged number ("S." for "5.", "1," for "1."): after numbered paragraphs, or where an
    // operative phrase follows it (the first paragraph's number damaged too); not where a label
    // is read (the trimmed text's label is the text's).
    if label == nil, numberedSeen || Self.operativeAfterNumber(text),
      let repaired = repairNumber(text, line: line, into: &report)
    {
      text = repaired
      repairedText = true
    }
    if let repaired = repairOpeningParenthesis(text, line: line, into: &report) {
      text = repaired
      repairedText = true
    }
    if repairedText { label = LineGrammar.label(of: text) }
    guard let (found, rest) = label else {
      let block = TextBlock(text.collapsingSpaces, line: line)
      if let next = nextLabel, paragraph.printedAsHeading || Self.isHeadingLine(block.plainText),
        headsPoint(next)
      {
        // A sub-heading among a numbered paragraph's points ("27. To ensure …:" /
        // "Transparency and accountability in fiscal systems" / "(a) …"; "(k) …;" / "Access to
        // financing …" / "(l) …"): an unlabelled item of its list, where it is printed.
        close(to: 1)
        subList = nil
        var heading = Block(text: block)
        heading.isHeading = true
        open[0].children.append(heading)
        return
      }
      if paragraph.printedAsHeading, LineGrammar.isTitle(block.plainText) {
        // A heading the print sets apart (a PDF's bold line, "Guiding principles"): a heading
        // wherever it stands, before the numbered paragraphs too.
        close(to: 0)
        subList = nil
        var heading = Block(text: block)
        heading.isHeading = true
        printedHeadings.insert(items.count)
        items.append((heading, false))
        return
      }
      if numberedSeen
        && (Self.isCrossHeading(block.plainText)
          || (beforeNumbered && Self.isHeadingLine(block.plainText))
          || ((beforeNumbered || beforeLeadIn) && Self.isHeadingWord(block.plainText)))
        || (beforeDivision && open.isEmpty && Self.isHeadingLine(block.plainText))
      {
        // "Scope", "Follow-up": a heading among the operative paragraphs.
        close(to: 0)
        subList = nil
        var heading = Block(text: block)
        heading.isHeading = true
        items.append((heading, false))
        return
      }
      if open.count == 1, open[0].wrapUp == nil, open[0].children.isEmpty,
        Self.continuesQuotation(open[0], with: block.plainText)
      {
        // "… worded as follows:" then "“The Security Council has …”": the quoted text stays in
        // the paragraph that quotes it.
        open[0].quoted.append(Block(text: block))
        return
      }
      if numberedSeen, open.count == 1, open[0].wrapUp == nil, open[0].quoted.isEmpty,
        Self.continuesUnlabelledList(open[0], with: block.plainText)
      {
        // "… held as follows:" then "Monday, 9 June: …;", "Tuesday, 10 June: …;": the
        // paragraph's items, printed without labels.
        open[0].children.append(Block(text: block))
        return
      }
      if numberedSeen && open.count > 1 && open[0].wrapUp == nil {
        // Unnumbered text after a list: the end of its paragraph.
        close(to: 1)
        subList = nil
        open[0].wrapUp = block
      } else {
        close(to: 0)
        if numberedSeen && !inAttachment {
          report.warnings.append(
            Diagnostic(
              .warning, rule: .structureUnnumbered,
              message:
                "an unnumbered paragraph among the operative paragraphs; kept as an unnumbered paragraph",
              line: line))
        }
        open = [Block(text: block)]
        openLabels = [nil]
      }
      return
    }
    if let (point, pointText) = LineGrammar.firstSubLabel(after: found, in: rest),
      opensItem(found, opening: pointText)
    {
      // "3. (a) The …", "(a) (i) The …": the item's label and its first point's on one line.
      // The item has no text of its own; its first point holds the rest of the line, and the
      // points after it go on from it.
      add(found, text: TextBlock("", line: line), opening: pointText, nextLabel: point, into: &report)
      add(
        point, text: TextBlock(pointText.collapsingSpaces, line: line), opening: pointText,
        nextLabel: nextLabel, into: &report)
      return
    }
    add(
      found, text: TextBlock(rest.collapsingSpaces, line: line), opening: rest, nextLabel: nextLabel,
      into: &report)
  }

  /// Adds an item labelled `found` whose text is `text` (empty when its first point follows on
  /// its line); `opening` is the text its line goes on with after the label, which tells an
  /// operative paragraph from an item of a numbered list or a quoted text's paragraph.
  private mutating func add(
    _ found: Label, text block: TextBlock, opening rest: String, nextLabel: Label?,
    into report: inout ReadingReport
  ) {
    let line = block.line
    var label = found
    if case .number(let value, _) = label {
      switch numberPlace(value, opening: rest) {
      case .listItem:
        close(to: 1)
        open.append(Block(num: label.printed, text: block))
        openLabels.append(label)
        subList = value
        return
      case .quoted:
        // "… the following amendment to the statute: Article 9, new paragraph 4:" then "4. In
        // hearing …": a number that goes back after a colon, before text that is not an operative
        // paragraph's, is the quoted text's own, kept with its number in the paragraph that
        // quotes it.
        open[0].quoted.append(
          Block(text: TextBlock(segments: [.text("\(label.printed) ")] + block.segments, line: line)))
        return
      case .paragraph:
        break
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
    // The label series decides: the open items, and the last labelled item of the innermost
    // open one ("(l)" after "(k)" and a sub-heading is the twelfth letter, not Roman fifty).
    // (Asked only of a label that may be either: most are plain letters.)
    let resolved =
      if case .roman = label {
        LineGrammar.disambiguate(label, after: openLabels + [lastItemLabel()], next: nextLabel)
      } else {
        label
      }
    guard !open.isEmpty else {
      // In an annex, lettered paragraphs under a heading are the text's own units.
      if !inAttachment {
        report.warnings.append(
          Diagnostic(
            .warning, rule: .structureOrphanPoint,
            message: "the point \(label.printed) has no paragraph to belong to; kept as a paragraph",
            line: line
          ))
      }
      open = [Block(num: label.printed, text: block)]
      openLabels = [resolved]
      return
    }
    // A paragraph's wrap-up is its last text: a point after it shows that the unlabelled text
    // stood among the points ("(m) …;", "Measures which restrict or distort trade", "(n) …";
    // "(iii) …;", "Increase trade and investment by:", "(i) …"), a heading or lead-in of the
    // points after it. It becomes an unlabelled item of the list where it stands, so that the
    // text keeps its order, and the list may start again after it.
    if open.count == 1, let wrapUp = open[0].wrapUp {
      var heading = Block(text: wrapUp)
      heading.isHeading = true
      open[0].children.append(heading)
      open[0].wrapUp = nil
    }
    // Points that stand for paragraphs ("(a) Resolves …", "(b) Requests …"): siblings of the
    // first, not its sub-items.
    if let first = openLabels.first, let first, Self.sameKind(first, resolved) {
      close(to: 0)
      open = [Block(num: label.printed, text: block)]
      openLabels = [resolved]
      return
    }
    close(to: LineGrammar.depth(of: resolved, in: openLabels))
    open.append(Block(num: label.printed, text: block))
    openLabels.append(resolved)
  }

  /// Where a number goes.
  private enum NumberPlace {
    /// An item of a list numbered 1., 2. … inside the open paragraph.
    case listItem
    /// A paragraph of the text the open paragraph quotes.
    case quoted
    /// An operative paragraph (or an annex's).
    case paragraph
  }

  /// Where the number `value` goes, before `opening`, the text its line goes on with.
  private func numberPlace(_ value: Int, opening rest: String) -> NumberPlace {
    // A list numbered 1., 2. … inside a paragraph that announces it with a colon.
    let announces =
      open.first.map {
        $0.children.isEmpty && Self.mayEndWithColon($0.text.segments) && $0.text.plainText.hasSuffix(":")
      } ?? false
    let startsList = subList == nil && value == 1 && announces
    let continuesList = subList.map { value == $0 + 1 } ?? false
    // Both the list's next item and the next paragraph: a paragraph opens with an operative verb.
    let isNextParagraph = value == lastTop + 1 && (!continuesList || LineGrammar.isOperativeText(rest))
    if !open.isEmpty, lastTop >= 1, !isNextParagraph, startsList || continuesList { return .listItem }
    if open.count == 1, open[0].children.isEmpty, open[0].wrapUp == nil, value <= lastTop,
      Self.quotesNumbered(open[0], value: value), !LineGrammar.isOperativeText(rest)
    {
      return .quoted
    }
    return .paragraph
  }

  /// Whether an item labelled `label` opens an item of its own that may hold points: a number
  /// read as an operative paragraph (not a numbered list's item or a quoted paragraph), or a
  /// letter.
  private func opensItem(_ label: Label, opening: String) -> Bool {
    guard case .number(let value, _) = label else { return true }
    return numberPlace(value, opening: opening) == .paragraph
  }

  /// The label of the last labelled item of the innermost open block (a point closed by a
  /// sub-heading after it), nil when it has none.
  private func lastItemLabel() -> Label? {
    guard let num = open.last?.children.last(where: { $0.num != nil })?.num else { return nil }
    return LineGrammar.label(of: num + " x")?.0
  }

  /// Whether an unlabelled heading before the point labelled `next` stands among the points of
  /// the open numbered paragraph: the paragraph announces its points (it ends with a colon and
  /// has none yet) and `next` is the first of a series ("(a)", "(i)", "(1)"), or `next` goes on
  /// from the paragraph's last point ("(l)" after "(k)").
  private func headsPoint(_ next: Label) -> Bool {
    guard numberedSeen, let paragraph = open.first, case .number? = openLabels.first, paragraph.wrapUp == nil,
      paragraph.quoted.isEmpty, paragraph.table == nil
    else { return false }
    // The paragraph's last point: the one still open, or the last one closed.
    let previous: Label? = open.count > 1 ? openLabels[1] : lastItemLabel()
    guard let previous else {
      guard paragraph.children.isEmpty, Self.endsWithColon(paragraph.text)
      else { return false }
      switch next {
      case .letter("a", _), .roman("i", _), .parenNumber(1, _): return true
      default: return false
      }
    }
    switch (previous, LineGrammar.disambiguate(next, after: [previous])) {
    case (.letter(let a, _), .letter(let b, _)):
      guard let x = a.unicodeScalars.first, let y = b.unicodeScalars.first, a.count == 1, b.count == 1 else {
        return false
      }
      return y.value == x.value + 1
    case (.roman(let a, _), .roman(let b, _)):
      guard let x = Self.romanValue(a), let y = Self.romanValue(b) else { return false }
      return y == x + 1
    case (.parenNumber(let a, _), .parenNumber(let b, _)):
      return b == a + 1
    default:
      return false
    }
  }

  /// The value of a lower-case Roman numeral of i, v, x and l ("xiv" → 14), nil for other text.
  static func romanValue(_ text: String) -> Int? {
    LineGrammar.romanValue(text.uppercased())
  }

  /// A short heading: capitalised words, no closing punctuation, not a paragraph's opening.
  static func isCrossHeading(_ text: String) -> Bool {
    guard text.count <= 120, LineGrammar.isHeading(text), let first = text.first, first.isUppercase,
      Phrases.operative(text) == nil
    else { return false }
    return text.split(separator: " ").contains { $0.count >= 4 && $0.allSatisfy(\.isLetter) }
  }

  /// Whether the numbered text `value` after `paragraph` is text it quotes: the paragraph ends
  /// with a colon and quotes nothing yet, or the last paragraph it quotes is numbered just before.
  static func quotesNumbered(_ paragraph: Block, value: Int) -> Bool {
    guard let last = paragraph.quoted.last else {
      return Self.endsWithColon(paragraph.text)
    }
    let digits = last.text.plainText.prefix { $0.isASCIIDigit }
    return Int(digits).map { $0 + 1 == value } ?? false
  }

  /// Whether unlabelled `text` after `paragraph` is text it quotes: the paragraph ends with a
  /// colon and the text opens with a quotation mark, or a quotation it holds is still open.
  static func continuesQuotation(_ paragraph: Block, with text: String) -> Bool {
    let opens = text.first == "\u{201C}" || text.first == "\""
    guard let last = paragraph.quoted.last else {
      return opens && Self.endsWithColon(paragraph.text)
    }
    if opens { return true }
    // Still open: the last quoted paragraph has no closing mark after its last opening one.
    let text = last.text.plainText
    guard let open = text.lastIndex(where: { $0 == "\u{201C}" }) else { return false }
    return !text[open...].contains("\u{201D}")
  }

  /// Whether unlabelled `text` after `paragraph` is one of its items: the paragraph announces a
  /// list with a colon and has no labelled items, and its last unlabelled item (if any) ends as
  /// a list item does (";", "; and", "or", no closing full stop), or both are entries of one
  /// shape ("Monday, 9 June: …", "Tuesday, 10 June: …").
  static func continuesUnlabelledList(_ paragraph: Block, with text: String) -> Bool {
    guard paragraph.children.allSatisfy({ $0.num == nil && $0.children.isEmpty }) else { return false }
    guard let last = paragraph.children.last else {
      return Self.endsWithColon(paragraph.text)
    }
    let previous = last.text.plainText.trimmed
    if let end = previous.last, end != ".", end != "!", end != "?" { return true }
    func entry(_ text: String) -> Bool { text.prefix(30).contains(":") }
    return entry(previous) && entry(text)
  }

  /// A line with the shape of a heading ("Financing of the appropriation", "Ways to further
  /// improve the index"), which is one where a numbered paragraph follows: a capital first, no
  /// closing punctuation, no label, and not a closing line. A paragraph broken by a page goes on
  /// with its own words, not with a numbered paragraph.
  static func isHeadingLine(_ text: String) -> Bool {
    let trimmed = text.collapsingSpaces
    guard let first = trimmed.first, first.isUppercase, let last = trimmed.last, trimmed.count <= 250,
      !".,;:".contains(last), trimmed.contains(" ")
    else { return false }
    return LineGrammar.label(of: trimmed) == nil && !LineGrammar.isFormula(trimmed)
      && LineGrammar.meetingNumber(trimmed) == nil && !LineGrammar.isLoneLabel(trimmed)
  }

  /// A heading of one word before a numbered paragraph or its lead-in ("Objectives",
  /// "Principles", "Commitments" then "Guided by these principles, we hereby pledge to:"): a capital, then letters (a hyphen inside), five letters or more, nothing
  /// after. A word that an operative verb shares ("Objectives") is still a heading here: an
  /// operative paragraph ends with punctuation.
  static func isHeadingWord(_ text: String) -> Bool {
    // Most paragraphs are longer than a word and its spaces: refused by their byte count.
    guard text.utf8.count <= 48 else { return false }
    let trimmed = text.trimmed
    guard let first = trimmed.first, first.isUppercase, trimmed.count >= 5, trimmed.count <= 40,
      trimmed.allSatisfy({ $0.isLetter || $0 == "-" }), trimmed.last?.isLetter == true
    else { return false }
    return !LineGrammar.isFormula(trimmed)
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
  /// The bytes of ``digitLookalikes``' letters (each one ASCII byte), for the byte refusal.
  static let digitLookalikeBytes = Set(digitLookalikes.keys.compactMap(\.asciiValue))

  /// "S. Decides" after paragraph 4 → "5. Decides"; "14, Decides" after 13 → "14. Decides".
  /// Whether an operative phrase follows the first word of `text` ("1, Reaffirms its …", "1, That
  /// the Council …").
  static func operativeAfterNumber(_ text: String) -> Bool {
    // Only a first word that could be a damaged number is worth reading further.
    guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }),
      (0x30...0x39).contains(first) || "SIlOo".utf8.contains(first)
    else { return false }
    let trimmed = text.trimmed
    guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return false }
    var rest = String(trimmed[space...]).trimmed
    // "1, The Security Council requests …" (the early volumes' operative paragraphs).
    // (Each body's opening starts "The ": other texts are refused before naming the bodies.)
    if rest.hasPrefix("The "), let body = UNBody.adopting.first(where: { rest.hasPrefix("The \($0.name) ") })
    {
      rest = String(rest.dropFirst("The \(body.name) ".count))
      return rest.first?.isLowercase == true
        && Phrases.operative(rest.prefix(1).uppercased() + rest.dropFirst()) != nil
    }
    // "1, That the Trusteeship Council be requested …" (after "Resolves:", the early volumes).
    return LineGrammar.isOperativeText(rest) || rest.hasPrefix("That ")
  }

  /// The paragraph `text`, which has no label (``LineGrammar/label(of:)`` is nil), with its
  /// damaged number repaired; nil when it opens with none.
  private func repairNumber(_ text: String, line: Int, into report: inout ReadingReport) -> String? {
    guard Self.mayOpenWithDamagedNumber(text) else { return nil }
    let trimmed = text.trimmed
    let token = trimmed.prefix { $0 != " " && $0 != "\t" }
    guard (2...4).contains(token.count), let end = token.last, end == "." || end == "," else { return nil }
    let digits = String(token.dropLast().map { Self.digitLookalikes[$0] ?? $0 })
    guard digits.allSatisfy(\.isASCIIDigit), let value = Int(digits), value == lastTop + 1 else { return nil }
    let replacement = digits + "."
    report.repairs.append(Repair(line: line, original: String(token), replacement: replacement))
    report.warnings.append(
      Diagnostic(
        .warning, rule: .ocrNumber,
        message: "read the damaged paragraph number \"\(token)\" as \"\(replacement)\"", line: line))
    return replacement + trimmed[token.endIndex...]
  }

  /// Whether `text`'s first word, after spaces and tabs, may be a paragraph number as
  /// ``repairNumber(_:line:into:)`` reads it, on the bytes: one to three digits or letters that
  /// OCR reads as digits (``digitLookalikes``), then "." or ",", then a space, a tab or the end.
  /// False rules it out without trimming the text (each of those characters is one byte).
  static func mayOpenWithDamagedNumber(_ text: String) -> Bool {
    let bytes = text.utf8
    guard let start = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
    var index = start
    var length = 0
    while index < bytes.endIndex, length < 4 {
      let byte = bytes[index]
      if byte == 0x2E || byte == 0x2C {
        let after = bytes.index(after: index)
        return length >= 1 && (after == bytes.endIndex || bytes[after] == 0x20 || bytes[after] == 0x09)
      }
      guard byte &- 0x30 < 10 || Self.digitLookalikeBytes.contains(byte) else { return false }
      length += 1
      index = bytes.index(after: index)
    }
    return false
  }

  /// "b) To abstain" after "(a)": the opening parenthesis lost by OCR.
  private func repairOpeningParenthesis(_ text: String, line: Int, into report: inout ReadingReport)
    -> String?
  {
    guard Self.mayOpenWithBareLetter(text) else { return nil }
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
        .warning, rule: .ocrNumber,
        message: "read the damaged item label \"\(token)\" as \"\(replacement)\"",
        line: line))
    return replacement + trimmed[token.endIndex...]
  }

  /// Whether `text`'s first word, after spaces and tabs, may be a lower-case ASCII letter and a
  /// closing parenthesis ("b)"), on the bytes: false rules out
  /// ``repairOpeningParenthesis(_:line:into:)`` without trimming the text (a letter that is a
  /// character of its own is one byte, and nothing joins a parenthesis to it).
  static func mayOpenWithBareLetter(_ text: String) -> Bool {
    let bytes = text.utf8
    guard let start = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), bytes[start] &- 0x61 < 26 else {
      return false
    }
    let parenthesis = bytes.index(after: start)
    guard parenthesis < bytes.endIndex, bytes[parenthesis] == 0x29 else { return false }
    let after = bytes.index(after: parenthesis)
    return after == bytes.endIndex || bytes[after] == 0x20 || bytes[after] == 0x09
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
        .warning, rule: .ocrNumber,
        message: "read the damaged item label \"\(printed)\" as \"\(replacement)\"",
        line: line))
    return .letter(String(letter), printed: replacement)
  }
}
