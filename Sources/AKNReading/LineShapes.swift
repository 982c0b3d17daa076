package import AKNModel
import Foundation

/// What the line-oriented forms (PDF text, printed volumes, decision texts) share beyond the
/// shapes of single lines (``LineGrammar``): the masthead read into the metadata, the rule for
/// whether a line continues the paragraph before it, damaged months repaired.
package enum LineShapes {
  /// Reads one masthead line into `metadata`; returns why it is furniture, or nil when the line
  /// is text (an agenda item's title, say).
  package static func masthead(_ line: String, into metadata: inout Metadata) -> LeftOutReason? {
    let text = line.collapsingSpaces
    if text.isEmpty { return nil }
    if text.hasPrefix("United Nations") {
      let rest = text.dropFirst("United Nations".count).trimmed
      if LineGrammar.isSymbol(rest) { metadata.symbol = rest }
      return rest.isEmpty || LineGrammar.isSymbol(rest) ? LeftOutReason.masthead : nil
    }
    if LineGrammar.isSymbol(text) && !text.contains(" ")
      || UNBody.adopting.contains(where: { $0.opensWithResolutionSymbol(text) })
    {
      if metadata.symbol == nil { metadata.symbol = text.last == "*" ? String(text.dropLast()) : text }
      return .masthead
    }
    if let body = UNBody.adopting.first(where: { text.hasPrefix($0.name) }) {
      let rest = text.dropFirst(body.name.count)
      guard rest.trimmed.isEmpty || rest.trimmed.hasPrefix("Distr.") else { return nil }
      if body != .generalAssembly { metadata.organ = body }
      return .masthead
    }
    if text.hasPrefix("Distr.") { return .masthead }
    if let date = Dates.parse(text) {
      if metadata.distributionDate == nil { metadata.distributionDate = date }
      return .masthead
    }
    if let job = LineGrammar.jobNumber(inLine: text) {
      metadata.jobNumber = job
      return .jobNumber
    }
    if LineGrammar.isBarcode(text) { return .barcode }
    // "Seventy-eighth session", "Tenth emergency special session": the masthead's session line,
    // which opens with an ordinal; an agenda item's title that ends "… of its fifty-sixth
    // session" is the title's, not the masthead's.
    if text.hasSuffix(" session") || text.hasSuffix(" sessions"),
      let first = text.split(separator: " ").first, Dates.ordinal(String(first)) != nil,
      text.split(separator: " ").count <= 5
    {
      if metadata.session == nil { metadata.session = LineGrammar.session(in: String(first) + " session") }
      return .masthead
    }
    if text.hasPrefix("Agenda item") {
      let items = text.dropFirst("Agenda item".count).drop { $0 == "s" }.trimmed
      metadata.agendaItems = items.components(separatedBy: " and ").flatMap {
        $0.components(separatedBy: ", ")
      }.map(\.trimmed).filter { !$0.isEmpty }
      return .masthead
    }
    return nil
  }

  /// The first `count` lines that are not blank, spaces collapsed.
  static func leadingLines(of text: SourceText, count: Int) -> [String] {
    var result: [String] = []
    for line in text.lines {
      guard result.count < count else { break }
      let collapsed = line.text.collapsingSpaces
      if !collapsed.isEmpty { result.append(collapsed) }
    }
    return result
  }

  /// Whether the line `next` continues the paragraph whose text so far is `previous`, across a
  /// page break or other interruption.
  static func continues(_ previous: String, with next: String) -> Bool {
    let next = next.trimmed
    guard let first = next.first else { return false }
    if first.isLowercase { return true }
    if LineGrammar.isLoneLabel(next) || LineGrammar.label(of: next) != nil
      || LineGrammar.sectionNumber(next) != nil
      || LineGrammar.isFormula(next) || LineGrammar.isAnnexHeading(next)
      || LineGrammar.meetingNumber(next) != nil
    {
      return false
    }
    // A closing date ("16 July 2024") ends its paragraph.
    if previous.count < 40, Dates.parse(previous) != nil { return false }
    // The end of the text before, without a trailing footnote marker ("2030,1").
    var end = previous.trimmed[...]
    while let last = end.last, last.isASCIIDigit || last == " " || last == "/" { end = end.dropLast() }
    guard let last = end.last else { return true }
    if ".;:".contains(last) { return false }
    if last == "," { return Phrases.preambular(next) == nil && Phrases.operative(next) == nil }
    return true
  }

  /// Months whose OCR often reads `l` as `]` or `1`: the damaged spelling → the month.
  static let damagedMonths: [String: String] = {
    var result: [String: String] = [:]
    for month in ["April", "July"] {
      for wrong in ["]", "1", "I"] {
        result[month.replacingOccurrences(of: "l", with: wrong)] = month
      }
    }
    return result
  }()

  /// Repairs damaged month names in `line` (only where a day and a year stand either side),
  /// recording each repair and warning about it.
  static func repairMonths(in text: inout String, line: Int, into report: inout ReadingReport) {
    guard text.contains("Apri") || text.contains("Ju") else { return }
    for (wrong, month) in damagedMonths where text.contains(wrong) {
      guard let range = text.range(of: wrong) else { continue }
      let before = text[..<range.lowerBound].trimmed.split(separator: " ").last
      let after = text[range.upperBound...].trimmed.split(separator: " ").first
      let dayBefore = before.map { $0.allSatisfy(\.isASCIIDigit) && $0.count <= 2 } ?? false
      let yearAfter = after.map { $0.prefix(4).allSatisfy(\.isASCIIDigit) && $0.count >= 4 } ?? false
      guard dayBefore || yearAfter else { continue }
      text.replaceSubrange(range, with: month)
      report.repairs.append(Repair(line: line, original: wrong, replacement: month))
      report.warnings.append(
        Diagnostic(
          .warning, rule: .ocrMonth, message: "read the damaged month \"\(wrong)\" as \"\(month)\"",
          line: line))
    }
  }
}

extension Character {
  /// An ASCII digit 0–9.
  var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Joins lines into logical paragraphs: blank lines end a paragraph, a lone number joins the
/// line after it, and an interruption (page furniture, a footnote block) is bridged when the
/// text continues.
package struct ParagraphAssembler {
  /// How a line ending in a hyphen joins the next.
  var hyphenation = Hyphenation.compounds
  private(set) var paragraphs: [LogicalParagraph] = []
  /// Words hyphenated at a line end and joined.
  private(set) var hyphenJoins: [HyphenJoin] = []
  /// The input line of the last line added.
  private var lastLine = 0
  private var current: LogicalParagraph?
  private var interrupted = false
  private var sawBlank = false
  /// The length of the last line added, to tell a wrapped line from a heading.
  private var lastLineLength = 0
  /// Whether the open paragraph is the title after an annex heading, which ends at its last short
  /// line even with no blank line after it.
  private var inAnnexTitle = false

  /// An assembler joining a line that ends in a hyphen by `hyphenation`.
  package init(hyphenation: Hyphenation = .compounds) {
    self.hyphenation = hyphenation
  }

  /// A blank line: the paragraph ends, unless an interruption follows and the text goes on.
  package mutating func blank() {
    if current != nil { sawBlank = true }
  }

  /// Something left out (furniture, notes) stood here: the paragraph may go on after it.
  package mutating func interrupt() {
    if current != nil { interrupted = true }
  }

  /// Ends the open paragraph.
  package mutating func close() {
    if let current {
      paragraphs.append(current)
      inAnnexTitle = false
    }
    current = nil
    interrupted = false
    sawBlank = false
  }

  /// Any line of body text: blank, a line that stands alone (formula, section marker, meeting
  /// line), or text.
  ///
  /// `printedAsHeading` tells that the print sets the line as a heading (a PDF's bold line): a
  /// heading's lines and a paragraph's are never joined, so that a heading is never glued into
  /// the paragraph before or after it.
  package mutating func line(_ text: String, number: Int, printedAsHeading: Bool = false) {
    let trimmed = text.trimmed
    if trimmed.isEmpty {
      blank()
    } else if LineGrammar.isFormula(trimmed) || LineGrammar.sectionNumber(trimmed) != nil
      || LineGrammar.meetingNumber(trimmed) != nil
    {
      single(trimmed, line: number, printedAsHeading: printedAsHeading)
    } else if LineGrammar.isAnnexHeading(trimmed) || LineGrammar.unitLabel(trimmed) != nil,
      !endsMidSentence
    {
      // "Annex II", "Rule 12", "Article 5" alone on a line, not inside a sentence.
      single(trimmed, line: number, printedAsHeading: printedAsHeading)
      inAnnexTitle = LineGrammar.isAnnexHeading(trimmed)
    } else if current != nil, inAnnexTitle || !endsMidSentence,
      LineGrammar.sectionWithHeading(trimmed) != nil || LineGrammar.actionLabel(trimmed) != nil
    {
      // "I. Representation and credentials" after an annex's title (which ends on a word) or
      // after a paragraph, "Action 2. We will …" after a point: a division's label and its title
      // or sentence open a paragraph of their own (which may still wrap onto the next line).
      close()
      self.text(trimmed, line: number, printedAsHeading: printedAsHeading)
    } else {
      self.text(trimmed, line: number, printedAsHeading: printedAsHeading)
    }
  }

  /// Whether the open paragraph stops inside a sentence (on a small letter or a comma) on the
  /// line just before.
  private var endsMidSentence: Bool {
    guard !sawBlank, let last = current?.text.trimmed.last else { return false }
    return last.isLowercase || last == ","
  }

  /// A line that stands alone as a paragraph (a formula, a section marker).
  package mutating func single(_ text: String, line: Int, printedAsHeading: Bool = false) {
    close()
    var paragraph = LogicalParagraph(line: line, text: text.trimmed)
    paragraph.printedAsHeading = printedAsHeading
    paragraphs.append(paragraph)
  }

  /// A line of text; `printedAsHeading` as for ``line(_:number:printedAsHeading:)``.
  package mutating func text(_ raw: String, line: Int, printedAsHeading: Bool = false) {
    let text = raw.trimmed
    guard !text.isEmpty else { return blank() }
    if let open = current {
      let openIsLabel = LineGrammar.isLoneLabel(open.text)
      if open.printedAsHeading != printedAsHeading {
        // A heading printed as such, and the text before or after it.
        close()
      } else if inAnnexTitle, lastLineLength <= 65, text.count > 65, text.first?.isUppercase == true,
        let last = open.text.last, !".,;:".contains(last)
      {
        // An annex's title, then its text: the title's lines are short, the text's long.
        close()
      } else if interrupted && !openIsLabel {
        if !LineShapes.continues(open.text, with: text) { close() }
      } else if sawBlank && inAnnexTitle {
        // An annex's title ends at a blank line; a subtitle or a place line ("United Arab
        // Emirates, 2 to 4 December 2026") follows as a paragraph of its own.
        close()
      } else if sawBlank {
        // A blank line inside a sentence (a page break with no furniture): a long line that
        // ends on a word, then text that opens nothing new.
        // ("States, reports …" is a noun before a comma, not an operative verb.)
        let firstWord = text.prefix { $0.isLetter }
        let opensWithVerb = Phrases.operative(text) != nil && text.dropFirst(firstWord.count).first != ","
        // A title after a division's label ("Article 10", blank lines, "Interference with …")
        // ends at the blank line: the article's text follows it.
        // So does an annex's subtitle after its title ("Advancing science, finance and …").
        let afterLabel =
          paragraphs.last.map { Self.isDivisionLabel($0.text) } == true
          || paragraphs.dropLast().last.map { LineGrammar.isAnnexHeading($0.text) } == true
        let titleAfterLabel = afterLabel && LineGrammar.isTitle(open.text)
        let continuesSentence =
          !titleAfterLabel && lastLineLength >= 50 && open.text.last?.isLetter == true
          && !Self.startsItem(text)
          && Phrases.preambular(text) == nil && !opensWithVerb && LineShapes.continues(open.text, with: text)
        // A clause broken after a comma ("Deeply concerned that, despite its calls for a
        // cease-fire," / blank / "the conflict … continues"): a word in small letters cannot
        // open a paragraph of its own there (see ``continuesClause(_:with:)``).
        let continuesClause = !titleAfterLabel && Self.continuesClause(open.text, with: text)
        if !continuesSentence && !continuesClause { close() }
      } else if !openIsLabel, Self.startsItem(text), Self.endsItem(open.text) {
        close()
      } else if !openIsLabel, open.lines.count == 1, LineGrammar.mayOpenLabel(text),
        LineGrammar.opensNumberedParagraph(text),
        LineGrammar.isTitle(open.text) || LineGrammar.sectionWithHeading(open.text) != nil
      {
        // A heading of one line, then a numbered paragraph with no blank line between ("B." /
        // "Domestic and international private business and finance" / "31. Private business
        // …"; "III. Data, monitoring and follow-up" / "62. Timely …"): the heading ends there.
        close()
      } else if Self.startsRecital(text, after: open.text) {
        close()
      }
    }
    interrupted = false
    sawBlank = false
    if current == nil {
      current = LogicalParagraph(line: line, text: text)
      current!.printedAsHeading = printedAsHeading
    } else {
      current!.text = hyphenation.join(
        current!.text, text, line: lastLine, nextLine: line, into: &hyphenJoins)
      current!.lines.append(text)
    }
    lastLineLength = text.count
    lastLine = line
  }

  /// All paragraphs, the open one closed.
  package mutating func finish() -> [LogicalParagraph] {
    close()
    return paragraphs
  }

  /// A division's label alone on its line: "Article 10", "Rule 8", "Chapter II", "IV", "B.".
  static func isDivisionLabel(_ text: String) -> Bool {
    LineGrammar.unitLabel(text) != nil || LineGrammar.sectionNumber(text) != nil
  }

  /// A line that opens a numbered or lettered item.
  static func startsItem(_ text: String) -> Bool {
    if LineGrammar.isLoneLabel(text) || LineGrammar.label(of: text) != nil { return true }
    // "4, Extends …": a number damaged by OCR, before an operative verb.
    let digits = text.prefix(while: \.isASCIIDigit)
    guard (1...3).contains(digits.count), text.dropFirst(digits.count).hasPrefix(", ") else { return false }
    return LineGrammar.isOperativeText(String(text.dropFirst(digits.count + 2)))
  }

  /// Whether `text`, after a blank line, goes on with the clause `open` broke off after a comma:
  /// it opens with a word of small letters ("the conflict … continues"), not an item's damaged
  /// label ("f) To monitor", "i. Condemns") nor a recital's or operative paragraph's phrase whose
  /// capital OCR lost ("faving noted …", "faking note of …").
  static func continuesClause(_ open: String, with text: String) -> Bool {
    guard open.last == ",", text.first?.isLowercase == true, !startsItem(text) else { return false }
    let word = text.prefix { $0.isLetter }
    guard word.count >= 2, text.dropFirst(word.count).first.map({ $0 == " " || $0 == "," }) ?? true else {
      return false
    }
    let capitalized = word.prefix(1).uppercased() + text.dropFirst()
    return Phrases.preambular(capitalized) == nil && Phrases.operative(capitalized) == nil
  }

  /// Whether `text` opens a preambular clause or an operative paragraph of its own after
  /// `open`, with no blank line between them: `open` is itself a preambular clause
  /// ("Reaffirming its resolution 582 (1986),", "Having examined the application of …, 26")
  /// that ends as a clause does, on a comma (a footnote marker aside: "… Protocol, 28"), and
  /// `text` opens with a preambular phrase ("Deeply concerned that …") or an operative verb
  /// ("Recommends to the General Assembly …"), which a wrapped line inside a sentence does not
  /// (its first word would not be capitalized), nor a line inside a quotation `open` leaves open.
  /// The phrase must go on with a small word that is not a conjunction ("Recognizing the efforts",
  /// "Deeply concerned that"): a capitalized name wrapped after a comma ("… Development,
  /// Production," / "Stockpiling and Use of Chemical Weapons", "… agenda," / "Securing Our
  /// Common Future") goes on with "and" or a capital.
  static func startsRecital(_ text: String, after open: String) -> Bool {
    // Most lines: a wrapped line opens with a small letter, or the line before ends elsewhere
    // than on a comma; asked first, on bytes, so that a paragraph's lines cost little.
    guard let firstByte = text.utf8.first, firstByte >= 0x41, firstByte <= 0x5A else { return false }
    var end = open.utf8[...]
    while let last = end.last, (last >= 0x30 && last <= 0x39) || last == 0x20 { end = end.dropLast() }
    guard end.last == 0x2C,
      let phraseEnd = Phrases.preambular(text)?.end
        ?? (LineGrammar.isOperativeText(text) ? Phrases.operative(text) : nil)
    else { return false }
    let next = text[phraseEnd...].drop { $0 == " " }.prefix { $0.isLetter }
    guard let first = next.first, first.isLowercase, !["and", "or", "nor", "of"].contains(next) else {
      return false
    }
    // Inside a quotation ("entitled “Global Drive for Media Freedom," / "Access to Information
    // …”") no clause ends.
    let opened = open.filter { $0 == "\u{201C}" }.count
    guard opened <= open.filter({ $0 == "\u{201D}" }).count else { return false }
    return Phrases.preambular(open.trimmed) != nil
  }

  /// Text that may end an item: a full stop, semicolon or colon (a footnote marker aside).
  static func endsItem(_ text: String) -> Bool {
    var end = text[...]
    while let last = end.last, last.isASCIIDigit || last == " " { end = end.dropLast() }
    guard let last = end.last else { return false }
    return ".;:".contains(last)
  }
}
