import AKNModel
import Foundation

/// Reads a resolution as PDF-to-Markdown pipelines write it: a YAML front matter (symbol, title,
/// distribution date, source), then either the raw text of the PDF (read as the `pdf` form reads
/// it) or a reflowed Markdown text: one paragraph a line, the masthead collapsed onto a few lines
/// (`General Assembly Distr.: General 9 November 2023`, `Seventy-eighth session Agenda item 89 …`),
/// footnote markers `[^1]` (or bare numbers, or lost) with their definitions `[^1]: …` at the end,
/// and `---` rules.
///
/// The front matter is metadata, never text. Where it and the text disagree the text wins and
/// the mismatch is a warning (`markdown.front-matter`); it fills what the text lacks (a title cut
/// short, the symbol line the pipeline dropped).
struct MarkdownReader {
  /// The lines after the front matter.
  let lines: ArraySlice<SourceText.Line>
  var resolution = Resolution()
  var report = ReadingReport()
  /// The explicit markers (`[^4]`) of the text, with their lines, in order.
  var explicitMarkers: [(marker: String, line: Int)] = []

  init(lines: ArraySlice<SourceText.Line>) {
    self.lines = lines
  }

  // MARK: Recognition

  /// `[^12]: text` → ("12", "text").
  static func definition(_ text: String) -> (String, String)? {
    guard text.hasPrefix("[^"), let close = text.firstIndex(of: "]") else { return nil }
    let label = text[text.index(text.startIndex, offsetBy: 2)..<close]
    let after = text[text.index(after: close)...]
    guard !label.isEmpty, label.count <= 8, !label.contains(" "), after.hasPrefix(":") else { return nil }
    return (String(label), after.dropFirst().trimmed)
  }

  /// A thematic break: `---`, `***`, `___` (three or more, spaces between allowed).
  static func isThematicBreak(_ text: String) -> Bool {
    let compact = text.filter { $0 != " " && $0 != "\t" }
    guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
    return compact.allSatisfy { $0 == first }
  }

  /// Whether the text after a front matter is reflowed Markdown rather than the raw text of a
  /// PDF: footnote definitions, a `---` rule, a collapsed masthead, or lines longer than a PDF
  /// page is wide.
  static func isReflowed(_ lines: ArraySlice<SourceText.Line>) -> Bool {
    var long = 0
    for line in lines {
      let text = line.text.trimmed
      if definition(text) != nil || text == "---" { return true }
      if UNBody.adopting.contains(where: {
        text.hasPrefix($0.name) && text.dropFirst($0.name.count).hasPrefix(" Distr.:")
      }) {
        return true
      }
      if text.count > 200 { long += 1 }
    }
    return long >= 2
  }

  // MARK: Reading

  /// The logical paragraphs of the text, the masthead, rules and footnote definitions taken out.
  mutating func read() -> [LogicalParagraph] {
    let body = Array(lines)
    let start =
      body.prefix(60).firstIndex {
        let trimmed = $0.text.trimmed
        return trimmed.hasPrefix("Resolution adopted by") || trimmed.hasPrefix("Decision adopted by")
      } ?? 0
    var assembler = ParagraphAssembler()
    var index = 0
    // The numbered title, once read.
    var title: String?
    // Whether the last line of text was an annex heading (the title after it is the annex's).
    var previousIsAnnex = false
    while index < body.count {
      let line = body[index]
      let trimmed = line.text.trimmed
      if let (label, rest) = Self.definition(trimmed) {
        index = readDefinition(body, at: index, label: label, first: rest)
        assembler.blank()
        continue
      }
      index += 1
      if trimmed.isEmpty {
        // A paragraph cut by a page break: the text goes on in lower case after the blank line.
        var next = index
        while next < body.count, body[next].text.trimmed.isEmpty { next += 1 }
        if index > start, next < body.count, body[next].text.trimmed.first?.isLowercase == true {
          assembler.interrupt()
        } else {
          assembler.blank()
        }
        continue
      }
      if Self.isThematicBreak(trimmed) || LineGrammar.isRule(trimmed) {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .markdownRule))
        assembler.close()
        continue
      }
      if index - 1 < start {
        readMastheadLine(line, into: &assembler)
        continue
      }
      if index - 1 == start { assembler.close() }
      var text = plain(trimmed, line: line.number)
      if let heading = Self.atxHeading(text) {
        assembler.single(heading, line: line.number)
        continue
      }
      text = text.trimmed
      if let numbered = LineGrammar.numberAndTitle(text) {
        title = numbered.1.collapsingSpaces
      } else if let title, text.collapsingSpaces == title, !previousIsAnnex {
        // The running title of a page, left in the text by the pipeline.
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .runningTitle))
        assembler.interrupt()
        continue
      }
      previousIsAnnex = LineGrammar.isAnnexHeading(text)
      if let (meeting, date) = Self.closingLine(text) {
        assembler.single(meeting, line: line.number)
        assembler.single(date, line: line.number)
        continue
      }
      assembler.line(text, number: line.number)
    }
    let paragraphs = assembler.finish()
    report.hyphenJoins = assembler.hyphenJoins + report.hyphenJoins
    return restoreItemLabels(restoreNumbers(paragraphs))
  }

  /// `(h)`, `(j)` → `h`, `j`; nil for a paragraph that does not open with a bracketed label.
  static func bracketLabel(_ text: String) -> String? {
    guard text.hasPrefix("("), let close = text.firstIndex(of: ")") else { return nil }
    let inside = text[text.index(after: text.startIndex)..<close]
    guard (1...5).contains(inside.count), inside.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
      return nil
    }
    return String(inside)
  }

  /// The value of a lower-case roman numeral (`iv` → 4), nil when it is not one.
  static func romanValue(_ text: String) -> Int? {
    let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100]
    var total = 0
    var previous = 0
    for character in text.reversed() {
      guard let value = values[character] else { return nil }
      total += value < previous ? -value : value
      previous = max(previous, value)
    }
    return total > 0 ? total : nil
  }

  static func roman(_ value: Int) -> String {
    let table: [(Int, String)] = [
      (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]
    var rest = value
    var result = ""
    for (amount, letters) in table {
      while rest >= amount {
        result += letters
        rest -= amount
      }
    }
    return result
  }

  /// An item whose label the extraction dropped between two items a label apart (`(h)`, then an
  /// unlabelled paragraph, then `(j)`; `(iv)` … `(vi)`): it gets the one label missing, with a
  /// warning.
  mutating func restoreItemLabels(_ paragraphs: [LogicalParagraph]) -> [LogicalParagraph] {
    var result = paragraphs
    guard paragraphs.count >= 3 else { return result }
    for index in 1..<(paragraphs.count - 1) {
      let text = paragraphs[index].text.trimmed
      guard LineGrammar.label(of: text) == nil, !LineGrammar.isLoneLabel(text),
        let after = Self.bracketLabel(paragraphs[index + 1].text.trimmed)
      else { continue }
      let before = Self.bracketLabel(paragraphs[index - 1].text.trimmed) ?? ""
      var missing: String?
      if (after == "ii" || after == "b"), before != (after == "ii" ? "i" : "a"), !text.hasSuffix(":") {
        // The first item of a list, before its second.
        missing = after == "ii" ? "i" : "a"
      } else if let low = Self.romanValue(before), let high = Self.romanValue(after), high == low + 2,
        before.count > 1 || after.count > 1
      {
        missing = Self.roman(low + 1)
      } else if before.count == 1, after.count == 1, let low = before.unicodeScalars.first?.value,
        let high = after.unicodeScalars.first?.value, high == low + 2
      {
        missing = String(UnicodeScalar(low + 1).map(Character.init) ?? "?")
      }
      guard let missing else { continue }
      result[index].text = "(\(missing)) " + text
      report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownNumber,
          message:
            "an item without its label before (\(after)): labelled (\(missing)) (the extraction dropped it)",
          line: paragraphs[index].line))
    }
    return result
  }

  /// Whether `text` opens with an operative verb, perhaps after one or two adverbs (`Also
  /// decides`, `Further requests`, `Once again calls`).
  static func opensWithOperativeVerb(_ text: String) -> Bool {
    if LineGrammar.isOperativeText(text) { return true }
    let words = text.split(separator: " ", maxSplits: 3)
    for skip in 1...2 where words.count > skip + 1 {
      let adverbs = words.prefix(skip)
      guard adverbs.allSatisfy({ $0.allSatisfy(\.isLetter) }), words[skip].first?.isLowercase == true else {
        return false
      }
      let rest = words[skip...].joined(separator: " ")
      if LineGrammar.isOperativeText(rest.prefix(1).uppercased() + rest.dropFirst()) { return true }
    }
    return false
  }

  /// Paragraph numbers the extraction dropped (the PDF prints 1–9 alone on their line, and the
  /// pipeline loses them): a run of unnumbered paragraphs that each open with an operative verb
  /// (their lettered items `(a)` between them), right before paragraph `n.`, with exactly
  /// `n - 1` of them and nothing numbered before them, is numbered 1 to `n - 1`, with a warning
  /// for each.
  mutating func restoreNumbers(_ paragraphs: [LogicalParagraph]) -> [LogicalParagraph] {
    var result = paragraphs
    var run: [Int] = []
    var sawNumber = false
    for (index, paragraph) in paragraphs.enumerated() {
      let text = paragraph.text.trimmed
      if LineGrammar.sectionNumber(text) != nil || LineGrammar.isAnnexHeading(text) {
        // Numbering restarts in a part or an annex.
        sawNumber = false
        run = []
        continue
      }
      if let (label, _) = LineGrammar.label(of: text) {
        if case .number(let value, _) = label {
          if !sawNumber, !run.isEmpty, value == run.count + 1 {
            for (offset, position) in run.enumerated() {
              result[position].text = "\(offset + 1). " + result[position].text.trimmed
              report.warnings.append(
                Diagnostic(
                  .warning, rule: .markdownNumber,
                  message:
                    "an operative paragraph without its number before paragraph \(value): numbered \(offset + 1). (the extraction dropped the numbers 1 to \(run.count))",
                  line: paragraphs[position].line))
            }
          }
          sawNumber = true
          run = []
        }
        continue  // a lettered item inside the run
      }
      if Self.opensWithOperativeVerb(text) {
        run.append(index)
      } else if !run.isEmpty {
        run = []
      }
    }
    return result
  }

  /// A footnote definition and its continuation lines (indented, or running on without a blank
  /// line); returns the index of the line after it.
  private mutating func readDefinition(
    _ body: [SourceText.Line], at start: Int, label: String, first: String
  ) -> Int {
    var text = first
    report.noteLines.append(body[start].number)
    var index = start + 1
    while index < body.count {
      let raw = body[index].text
      let trimmed = raw.trimmed
      if trimmed.isEmpty {
        // A blank line, then an indented line: the note goes on.
        var next = index + 1
        while next < body.count, body[next].text.trimmed.isEmpty { next += 1 }
        guard next < body.count, Self.isIndented(body[next].text) else { break }
        index = next
        continue
      }
      if Self.definition(trimmed) != nil || Self.isThematicBreak(trimmed) { break }
      if !Self.isIndented(raw), body[index - 1].text.trimmed.isEmpty { break }
      report.noteLines.append(body[index].number)
      text = Hyphenation.compounds.join(
        text, trimmed, line: body[index - 1].number, nextLine: body[index].number, into: &report.hyphenJoins)
      index += 1
    }
    let line = body[start].number
    let noteText = plain(text, line: line).trimmed
    // "[^26]: August–4 September 2002 …" right after note 7, and note 8 next: the pipeline read
    // a wrapped line of note 7 that starts with a number as a definition. It goes on note 7.
    if let previous = resolution.footnotes.last, let last = Int(previous.marker), let value = Int(label),
      value != last + 1, start > 0, !body[start - 1].text.trimmed.isEmpty,
      Self.nextDefinitionLabel(body, from: index) == String(last + 1)
    {
      let joined = previous.text.plainText + " " + label + " " + noteText
      resolution.footnotes[resolution.footnotes.count - 1].text = TextBlock(joined, line: previous.text.line)
      report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownDefinition,
          message:
            "the footnote definition [^\(label)] follows note \(last) out of sequence, and note \(last + 1) comes next: read as a line of note \(last) that starts with \"\(label)\"",
          line: line))
      return index
    }
    resolution.footnotes.append(Footnote(marker: label, text: TextBlock(noteText, line: line)))
    return index
  }

  /// The label of the next footnote definition from `index` on.
  static func nextDefinitionLabel(_ body: [SourceText.Line], from index: Int) -> String? {
    for line in body[index...] {
      if let (label, _) = definition(line.text.trimmed) { return label }
    }
    return nil
  }

  static func isIndented(_ text: String) -> Bool {
    text.hasPrefix("  ") || text.hasPrefix("\t")
  }

  /// A line before the adoption line: the masthead, collapsed onto few lines, and the agenda
  /// item's title.
  private mutating func readMastheadLine(_ line: SourceText.Line, into assembler: inout ParagraphAssembler) {
    var (pieces, rest) = Self.mastheadPieces(line.text.collapsingSpaces)
    if pieces.isEmpty {
      // A masthead line as the PDF prints it: a job number, a barcode.
      (pieces, rest) = ([line.text.collapsingSpaces], nil)
    }
    if rest == nil, pieces.count == 1 {
      // A masthead line as the PDF prints it (a job number, a symbol …).
      if let reason = LineShapes.masthead(pieces[0], into: &resolution.metadata) {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: reason))
        return
      }
    } else if !pieces.isEmpty {
      var read: [String] = []
      for piece in pieces where LineShapes.masthead(piece, into: &resolution.metadata) != nil {
        read.append(piece)
      }
      if read.count == pieces.count {
        if let rest {
          // Only the pieces are furniture; the agenda item's title stays text.
          for piece in pieces {
            report.furniture.append(RemovedLine(line: line.number, text: piece, reason: .mastheadPart))
          }
          assembler.text(rest, line: line.number)
        } else {
          report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .masthead))
        }
        return
      }
    }
    assembler.text(plain(line.text.trimmed, line: line.number), line: line.number)
  }

  /// A collapsed masthead line cut into the lines the PDF prints, and the text after them (an
  /// agenda item's title): `General Assembly Distr.: General 9 November 2023` →
  /// [`General Assembly`, `Distr.: General`, `9 November 2023`].
  static func mastheadPieces(_ text: String) -> (pieces: [String], rest: String?) {
    var pieces: [String] = []
    var rest = Substring(text)
    func take(_ count: Int) {
      pieces.append(String(rest.prefix(count)).trimmed)
      rest = rest.dropFirst(count).drop { $0 == " " }
    }
    while !rest.isEmpty {
      if rest.hasPrefix("United Nations") {
        take("United Nations".count)
        let word = rest.prefix { $0 != " " }
        if LineGrammar.isSymbol(String(word)) {
          pieces[pieces.count - 1] += " " + word
          rest = rest.dropFirst(word.count).drop { $0 == " " }
        }
        continue
      }
      if let body = UNBody.adopting.first(where: { rest.hasPrefix($0.name) }) {
        take(body.name.count)
        continue
      }
      if rest.hasPrefix("Distr.:") {
        let words = rest.split(separator: " ", maxSplits: 2)
        take(words.prefix(2).reduce(0) { $0 + $1.count } + 1)
        continue
      }
      let words = rest.split(separator: " ", maxSplits: 3)
      if words.count >= 3, Dates.parse(words.prefix(3).joined(separator: " ")) != nil {
        take(words.prefix(3).joined(separator: " ").count)
        continue
      }
      if words.count >= 2, words[1] == "session" || words[1] == "sessions",
        LineGrammar.session(in: words.prefix(2).joined(separator: " ")) != nil
      {
        take(words[0].count + 1 + words[1].count)
        continue
      }
      if rest.hasPrefix("Agenda item") {
        take(agendaLength(rest))
        continue
      }
      break
    }
    if pieces.isEmpty { return ([], text) }
    let remainder = rest.trimmed
    return (pieces, remainder.isEmpty ? nil : remainder)
  }

  /// The length of `Agenda item 13 and 75 (a)` at the start of `text`, its items included.
  static func agendaLength(_ text: Substring) -> Int {
    var rest = text.dropFirst("Agenda item".count)
    if rest.first == "s" { rest = rest.dropFirst() }
    var end = rest.startIndex
    var cursor = rest[...]
    while true {
      let spaces = cursor.prefix { $0 == " " }
      var next = cursor.dropFirst(spaces.count)
      if !spaces.isEmpty, let separator = ["and ", ", "].first(where: { next.hasPrefix($0) }),
        end != rest.startIndex
      {
        next = next.dropFirst(separator.count)
      } else if cursor.hasPrefix(", ") {
        next = cursor.dropFirst(2)
      }
      let digits = next.prefix(while: \.isASCIIDigit)
      guard !digits.isEmpty, spaces.count > 0 || cursor.hasPrefix(",") else { break }
      var after = next.dropFirst(digits.count)
      // "75 (a)": a sub-item letter.
      if after.hasPrefix(" ("), let close = after.firstIndex(of: ")"),
        after.distance(from: after.startIndex, to: close) <= 6
      {
        after = after[after.index(after: close)...]
      }
      end = after.startIndex
      cursor = after
    }
    return text.distance(from: text.startIndex, to: end)
  }

  /// `45th plenary meeting 7 December 2023` → (`45th plenary meeting`, `7 December 2023`).
  static func closingLine(_ text: String) -> (String, String)? {
    guard let first = text.first, first.isASCIIDigit, let range = text.range(of: " meeting ") else {
      return nil
    }
    let meeting = String(text[..<range.lowerBound]) + " meeting"
    let date = text[range.upperBound...].trimmed
    guard LineGrammar.meetingNumber(meeting) != nil, Dates.parse(date) != nil else { return nil }
    return (meeting, date)
  }

  /// `# Annex` → `Annex`.
  static func atxHeading(_ text: String) -> String? {
    let hashes = text.prefix { $0 == "#" }
    guard (1...6).contains(hashes.count), text.dropFirst(hashes.count).first == " " else { return nil }
    var heading = text.dropFirst(hashes.count).trimmed
    while heading.hasSuffix("#") { heading = String(heading.dropLast()).trimmed }
    return heading.isEmpty ? nil : heading
  }

  /// The text without Markdown syntax: `[^4]` markers become the bare number glued to the word
  /// before (as the PDF prints them, for ``FootnoteLinker``), `**strong**` and `__strong__` lose
  /// their marks, and backslash escapes (`\*`, `\[`) their backslash.
  mutating func plain(_ text: String, line: Int) -> String {
    guard text.contains("[^") || text.contains("**") || text.contains("__") || text.contains("\\") else {
      return text
    }
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let rest = text[index...]
      if rest.hasPrefix("[^"), let close = rest.firstIndex(of: "]") {
        let label = rest[rest.index(rest.startIndex, offsetBy: 2)..<close]
        if !label.isEmpty, label.count <= 8, label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "*" }) {
          while result.last == " " { result.removeLast() }
          result += label
          explicitMarkers.append((String(label), line))
          index = text.index(after: close)
          continue
        }
      }
      if character == "\\", let next = text.index(index, offsetBy: 1, limitedBy: text.endIndex),
        next < text.endIndex, text[next].isASCII, text[next].isPunctuation || text[next].isSymbol
      {
        result.append(text[next])
        index = text.index(after: next)
        continue
      }
      if rest.hasPrefix("**") || rest.hasPrefix("__") {
        index = text.index(index, offsetBy: 2)
        continue
      }
      result.append(character)
      index = text.index(after: index)
    }
    return result
  }
}

/// A resolution as a PDF-to-Markdown pipeline writes it (`markdown`): front matter, then the
/// reflowed Markdown text or the raw PDF text.
struct MarkdownForm: FormReader {
  let name = "markdown"
  let summary =
    "a PDF-to-Markdown extraction: YAML front matter (symbol, title, date, source), then the reflowed text with [^1] footnotes and --- rules, or the raw text of the PDF"

  func confidence(_ input: ReaderInput) -> Confidence {
    guard case .success(let text) = input.text else { return .none }
    if FrontMatter.opens(text) {
      // "---" then "key: value": a front matter, whatever follows.
      let second = text.lines.dropFirst().first { !$0.text.trimmed.isEmpty }?.text ?? ""
      let key = second.prefix { $0 != ":" }
      if !key.isEmpty, key.count < second.count,
        key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
      {
        return Confidence(95)
      }
      return .none
    }
    // No front matter: Markdown footnote definitions after a resolution's masthead.
    guard PDFTextReader.matches(text),
      text.lines.contains(where: { MarkdownReader.definition($0.text) != nil })
    else { return .none }
    return Confidence(95)
  }

  func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    let text = try input.requireText()
    let frontMatter = try FrontMatter.read(text)
    var report = ReadingReport()
    var bodyLines = text.lines[...]
    if let frontMatter {
      for line in text.lines[..<frontMatter.bodyStart] {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .frontMatter))
      }
      bodyLines = text.lines[frontMatter.bodyStart...]
    }
    guard bodyLines.contains(where: { !$0.text.trimmed.isEmpty }) else {
      throw ConversionError(
        "there is no text after the front matter; expected the text of the resolution",
        rule: .inputEmpty, line: frontMatter?.lines.upperBound ?? 1)
    }
    var reading: Reading
    var explicitMarkers: [(marker: String, line: Int)] = []
    let isReflowed = MarkdownReader.isReflowed(bodyLines)
    if isReflowed {
      var reader = MarkdownReader(lines: bodyLines)
      let paragraphs = reader.read()
      reader.report.furniture.insert(contentsOf: report.furniture, at: 0)
      explicitMarkers = reader.explicitMarkers
      reading = try FormPass(
        paragraphs: paragraphs, resolution: reader.resolution, report: reader.report,
        footnotesAfterClosing: false
      ).readStructure(form: name)
    } else {
      // The raw text of the PDF: read as the `pdf` form reads it.
      var reader = PDFTextReader(text: SourceText(lines: Array(bodyLines)))
      let paragraphs = reader.read()
      reader.report.furniture.insert(contentsOf: report.furniture, at: 0)
      reading = try FormPass(
        paragraphs: paragraphs, resolution: reader.resolution, report: reader.report,
        footnotesAfterClosing: false
      ).readStructure(form: name)
    }
    Self.checkMarkers(explicitMarkers, in: &reading)
    Self.adoptionFromClosing(&reading)
    if isReflowed {
      // Operative paragraphs whose numbers the extraction dropped land in the preamble: say so.
      for block in reading.resolution.preamble where block.num == nil {
        let text = block.text.plainText.trimmed
        guard MarkdownReader.opensWithOperativeVerb(text), Phrases.preambular(text) == nil else { continue }
        reading.report.warnings.append(
          Diagnostic(
            .warning, rule: .markdownUnnumbered,
            message:
              "a paragraph that opens with an operative verb, without a number, was read as preambular: the extraction dropped the operative numbers here and they cannot be restored with certainty",
            line: block.text.line))
      }
    }
    if reading.resolution.metadata.adoptionDate == nil,
      let adoption = reading.resolution.preface.first(where: {
        $0.text.plainText.hasPrefix("Resolution adopted by")
          || $0.text.plainText.hasPrefix("Decision adopted by")
      })
    {
      let distributed =
        frontMatter?.value("date").map {
          " (the front matter's date, \($0), is the distribution date, not the adoption date)"
        } ?? ""
      throw ConversionError(
        "the adoption line \"\(adoption.text.plainText)\" has no date, and the closing lines give none either: the extraction lost the adoption date\(distributed); convert the PDF text of this document instead",
        rule: .textMetadata, line: adoption.text.line)
    }
    if let frontMatter { Self.reconcile(frontMatter, with: &reading) }
    return reading
  }

  /// Explicit markers (`[^4]`) that did not become a footnote reference stay text (the
  /// pipeline's `U[^4]` for `U4`): a warning for each.
  static func checkMarkers(_ markers: [(marker: String, line: Int)], in reading: inout Reading) {
    guard !markers.isEmpty else { return }
    var linked = reading.resolution.noteRefCounts
    for (marker, line) in markers {
      if let count = linked[marker], count > 0 {
        linked[marker] = count - 1
        continue
      }
      let known = reading.resolution.footnotes.contains { $0.marker == marker }
      reading.report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownMarker,
          message: known
            ? "the Markdown marker [^\(marker)] is not where footnote \(marker) is cited (it follows a capital or a number, or the note is cited elsewhere); its digits were kept as text"
            : "the Markdown marker [^\(marker)] has no footnote definition; its digits were kept as text",
          line: line))
    }
  }

  /// A text whose adoption line lost its date (`Resolution adopted by the General Assembly on`):
  /// the date of the plenary meeting in the closing lines is the adoption date, with a warning.
  static func adoptionFromClosing(_ reading: inout Reading) {
    guard reading.resolution.metadata.adoptionDate == nil else { return }
    for line in reading.resolution.conclusions {
      guard case .date(let date) = line.role else { continue }
      reading.resolution.metadata.adoptionDate = date
      let adoptionLine =
        reading.resolution.preface.first {
          $0.text.plainText.hasPrefix("Resolution adopted by")
            || $0.text.plainText.hasPrefix("Decision adopted by")
        }?.text.line
      reading.report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownAdoptionDate,
          message:
            "the adoption line has no date; the date of the meeting in the closing lines (\(date)) was taken as the adoption date",
          line: adoptionLine ?? line.text.line))
      return
    }
  }

  /// The front matter against what the text says: the text wins, the front matter fills what it
  /// lacks, a disagreement is a warning.
  static func reconcile(_ frontMatter: FrontMatter, with reading: inout Reading) {
    var metadata = reading.resolution.metadata
    func warn(_ key: String, _ message: String) {
      reading.report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownFrontMatter, message: "front matter \(key): " + message,
          line: frontMatter.line(of: key)))
    }
    if let symbol = frontMatter.value("symbol") {
      if let printed = metadata.symbol {
        if printed != symbol {
          warn("symbol", "\"\(symbol)\" but the text prints \"\(printed)\"; the text's is kept")
        }
      } else {
        metadata.symbol = symbol
      }
      if let number = metadata.number,
        !symbol.hasSuffix("/" + number.replacingOccurrences(of: " ", with: "")),
        !symbol.hasSuffix("/" + number)
      {
        warn("symbol", "\"\(symbol)\" does not end with the number the text prints (\(number))")
      }
    }
    if var title = frontMatter.value("title") {
      // The catalogue's title ends in " :" (the place of a subtitle).
      while title.hasSuffix(":") { title = String(title.dropLast()).trimmed }
      title = title.collapsingSpaces
      if let printed = metadata.title {
        if printed == title {
        } else if title.hasPrefix(printed + " "), printed.count >= 10 {
          // The text's title stops short (the pipeline dropped its wrapped line).
          metadata.title = title
          if let index = reading.resolution.preface.firstIndex(where: {
            if case .numberAndTitle = $0.role { return true } else { return false }
          }), case .numberAndTitle(let number, _) = reading.resolution.preface[index].role {
            let line = reading.resolution.preface[index].text.line
            reading.resolution.preface[index] = PrefaceLine(
              role: .numberAndTitle(number: number, title: title),
              text: TextBlock("\(number). \(title)", line: line))
          }
          warn(
            "title",
            "the title printed in the text stops at \"\(printed)\"; completed from the front matter: \"\(title)\""
          )
        } else if Self.comparable(printed) != Self.comparable(title) {
          warn("title", "\"\(title)\" but the text prints \"\(printed)\"; the text's is kept")
        }
      } else {
        metadata.title = title
      }
    }
    if let raw = frontMatter.value("date") {
      // The front matter's date is the distribution date, never the adoption date.
      if let date = SimpleDate(iso: raw) ?? Dates.parse(raw) {
        if let printed = metadata.distributionDate {
          if printed != date {
            warn("date", "\(date) but the masthead's distribution date is \(printed); the masthead's is kept")
          }
        } else {
          metadata.distributionDate = date
        }
      } else {
        warn("date", "\"\(raw)\" is not a date (expected YYYY-MM-DD); ignored")
      }
    }
    if let source = frontMatter.value("source_pdf") ?? frontMatter.value("source") ?? frontMatter.value("url")
    {
      metadata.source = source
    }
    if let language = frontMatter.value("language"),
      !["en", "eng", "english"].contains(language.lowercased())
    {
      warn("language", "\"\(language)\": akn reads English texts; the output is marked as English")
    }
    reading.resolution.metadata = metadata
  }

  /// A title as compared: spaces collapsed, quotes and dashes of one kind.
  static func comparable(_ text: String) -> String {
    String(
      text.collapsingSpaces.map { character -> Character in
        switch character {
        case "“", "”", "«", "»": return "\""
        case "‘", "’": return "'"
        case "–", "—": return "-"
        default: return character
        }
      })
  }
}

extension SimpleDate {
  /// A date written `YYYY-MM-DD`, if it exists.
  init?(iso text: String) {
    let parts = text.split(separator: "-")
    guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), parts[1].count == 2, parts[2].count == 2
    else { return nil }
    self.init(year: year, month: month, day: day)
  }
}

extension Resolution {
  /// How many footnote references each marker has in the text.
  var noteRefCounts: [String: Int] {
    var counts: [String: Int] = [:]
    func count(_ text: TextBlock) {
      for case .noteRef(let marker) in text.segments { counts[marker, default: 0] += 1 }
    }
    func count(_ block: Block) {
      count(block.text)
      block.quoted.forEach(count)
      block.children.forEach(count)
      if let wrapUp = block.wrapUp { count(wrapUp) }
    }
    func count(_ item: BodyItem) {
      switch item {
      case .paragraph(let block): count(block)
      case .section(let section):
        if let heading = section.heading { count(heading) }
        section.intro.forEach(count)
        section.items.forEach(count)
      }
    }
    preface.forEach { count($0.text) }
    preamble.forEach(count)
    body.forEach(count)
    conclusions.forEach { count($0.text) }
    for attachment in attachments {
      attachment.heading.forEach(count)
      attachment.preamble.forEach(count)
      attachment.items.forEach(count)
    }
    return counts
  }
}
