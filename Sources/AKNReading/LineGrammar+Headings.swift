import AKNModel
import Foundation

extension LineGrammar {
  /// An enacting formula: "The General Assembly,", "The Security Council," (a body of the
  /// bodies table, then a comma, a colon or nothing).
  static func isFormula(_ text: String) -> Bool {
    formulaBody(text) != nil
  }

  /// The body whose enacting formula `text` is ("The Security Council," → the Council).
  static func formulaBody(_ text: String) -> UNBody? {
    var trimmed = text.collapsingSpaces
    if trimmed.last == "," || trimmed.last == ":" { trimmed.removeLast() }
    return UNBody.withFormula(trimmed)
  }

  /// "Resolution adopted by the General Assembly on 3 December 2012".
  static func adoptionDate(in text: String) -> (Organ, SimpleDate?, String)? {
    guard text.hasPrefix("Resolution") || text.hasPrefix("Decision") else { return nil }
    for (index, prefix) in adoptionPrefixes.enumerated() {
      guard let range = text.range(ofASCII: prefix) else { continue }
      let organ = UNBody.adopting[index]
      let rest = String(text[range.upperBound...])
      guard let match = Dates.find(in: rest), match.range.lowerBound == rest.startIndex else {
        continue
      }
      return (organ, match.date, match.text)
    }
    return nil
  }

  /// "adopted by the General Assembly on " and so on: the words before an adoption date, for
  /// each body of `UNBody.adopting` (in its order), built once.
  static let adoptionPrefixes = UNBody.adopting.map { "adopted by the \($0.name) on " }

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

  /// A heading line: short text that is neither a paragraph nor a list item.
  static func isHeading(_ text: String) -> Bool {
    let trimmed = text.collapsingSpaces
    guard let last = trimmed.last, trimmed.count <= 250, !".,;:".contains(last) else { return false }
    return label(of: trimmed) == nil && !isFormula(trimmed) && Phrases.preambular(trimmed) == nil
      && meetingNumber(trimmed) == nil && !Self.isLoneLabel(trimmed)
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
      $0.isASCIIDigit || $0 == Self.inlineNoteMark || $0 == " "
    }).first,
      ".,;:".contains(beforeMarker)
    {
      return false
    }
    return label(of: trimmed) == nil && !isFormula(trimmed) && meetingNumber(trimmed) == nil
      && !Self.isLoneLabel(trimmed) && !hasSentenceBreak(trimmed)
  }

  /// What a line set apart by its place alone is by its words (``headingShape(_:)``).
  package enum HeadingShape: Sendable, Hashable {
    /// A label of the outline, alone or with its title on the line: "II", "B.", "Chapter II",
    /// "Rule 12", "Annex I", "II. Financing of the plan", "Action 2. We will …".
    case label
    /// A title: short text that ends no sentence ("General provisions").
    case title
  }

  /// Whether a line may be a heading by its words, asked of a line that the print sets apart by
  /// its place rather than by its font (a PDF's line centred in the text column, or with a blank
  /// line's space above and below it): a label of the outline (alone, or with its title or its
  /// sentence), or a title of at most 120 characters (``isTitle(_:)``: no closing full stop,
  /// comma, semicolon or colon, no sentence inside, no formula or meeting line). Nil for any
  /// other line: a sentence, a signature's "For the Government of …:", "* * *".
  package static func headingShape(_ text: String) -> HeadingShape? {
    let trimmed = text.collapsingSpaces
    guard !trimmed.isEmpty, trimmed.count <= 200 else { return nil }
    if isAnnexHeading(trimmed) || sectionNumber(trimmed) != nil || unitLabel(trimmed) != nil
      || sectionWithHeading(trimmed) != nil || actionLabel(trimmed) != nil
    {
      return .label
    }
    guard trimmed.count <= 120, !opensInstrumentClosing(trimmed), isTitle(trimmed) else { return nil }
    return .title
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

  /// "Sixty-seventh session" → 67.
  static func session(in text: String) -> Int? {
    guard ScanText.hasBytes(text, "session"),
      let range = text.range(ofASCII: " session") ?? text.range(ofASCII: "session")
    else { return nil }
    let before = text[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
    return Dates.ordinal(before)
  }

  /// Whether `text` opens as a resolution's printed page does: a masthead ("United Nations",
  /// "Distr.") and, after it within 40 lines, the adoption line.
  static func opensWithMastheadAndAdoption(_ text: SourceText) -> Bool {
    var sawMasthead = false
    for line in text.lines.prefix(40) {
      // Each opening looked for starts with "U" or "D" ("R" too after the masthead): another
      // first byte after spaces and tabs refuses the line without trimming it.
      guard let first = line.text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }),
        first == 0x55 || first == 0x44 || (sawMasthead && first == 0x52)
      else { continue }
      let trimmed = line.text.trimmed
      if trimmed.hasPrefix("United Nations") || trimmed.hasPrefix("Distr.") { sawMasthead = true }
      if sawMasthead, trimmed.hasPrefix("Resolution adopted by") || trimmed.hasPrefix("Decision adopted by") {
        return true
      }
    }
    return false
  }
}
