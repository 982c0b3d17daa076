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
      } else if let low = RomanNumeral.value(before, digits: .lowerToC),
        let high = RomanNumeral.value(after, digits: .lowerToC), high == low + 2,
        before.count > 1 || after.count > 1
      {
        missing = RomanNumeral.string(low + 1).lowercased()
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
}
