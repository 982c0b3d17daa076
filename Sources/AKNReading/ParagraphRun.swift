import AKNModel
import Foundation

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
    // A damaged number ("S." for "5.", "1," for "1."): after numbered paragraphs, or where an
    // operative phrase follows it (the first paragraph's number damaged too).
    if numberedSeen || Self.operativeAfterNumber(text),
      let repaired = repairNumber(text, line: line, into: &report)
    {
      text = repaired
    }
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
  /// Whether an operative phrase follows the first word of `text` ("1, Reaffirms its …").
  static func operativeAfterNumber(_ text: String) -> Bool {
    let trimmed = text.trimmed
    guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return false }
    var rest = String(trimmed[space...]).trimmed
    // "1, The Security Council requests …" (the early volumes' operative paragraphs).
    if let body = UNBody.adopting.first(where: { rest.hasPrefix("The \($0.name) ") }) {
      rest = String(rest.dropFirst("The \(body.name) ".count))
      return rest.first?.isLowercase == true
        && Phrases.operative(rest.prefix(1).uppercased() + rest.dropFirst()) != nil
    }
    return StructureReader.isOperativeText(rest)
  }

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
