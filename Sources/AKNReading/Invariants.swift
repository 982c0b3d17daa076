public import AKNModel
import Foundation

/// Checks of a document after it is read: properties every correctly read resolution has, so
/// that a wrong reading (a missed heading, a merged paragraph, a boundary in the wrong place)
/// is never silent. Each violation is a warning at its line, with a rule id of its own; a
/// violation the source itself makes (an OCR'd label, a misprint) is as well warned, since the
/// output cannot be told right from it.
///
/// The checks, each stated in general terms on its function:
/// - ``numbering(_:)``: every numbered series is contiguous (`structure.numbering`);
/// - ``clausePlaces(_:)``: a clause's grammar fits its place (`structure.clause-place`);
/// - ``labelsInText(_:)``: no label or heading inside a paragraph's text
///   (`structure.label-in-text`);
/// - ``gluedMarkers(_:warnings:)``: no footnote marker glued to a word (`footnote.glued-marker`);
/// - ``mostlyNumbers(_:)``: no paragraph of mostly numbers (`structure.mostly-numbers`);
/// - ``notesInText(_:)``: no note's marker or text left in the running text (`footnote.in-text`).
public enum Invariants {
  /// The warnings of every check on `reading`, in document order per check; a place already
  /// warned of the same thing (the same rule, or one that says the same: an operative paragraph
  /// left unnumbered in the preamble, `markdown.unnumbered`) is not warned again.
  public static func warnings(for reading: Reading) -> [Diagnostic] {
    let resolution = reading.resolution
    // The checks of the texts in one walk of the model (`TextChecks`); the numbering reads the
    // structure alone.
    let checks = TextChecks(resolution, warnings: reading.report.warnings)
    let found =
      numbering(resolution) + checks.clausePlaces + checks.labelsInText + checks.gluedMarkers
      + checks.mostlyNumbers + checks.notesInText
    func same(_ rule: RuleID) -> RuleID {
      rule == .markdownUnnumbered
        ? .structureClausePlace : rule == .structureOutline ? .structureNumbering : rule
    }
    var warned = Set(
      reading.report.warnings.compactMap { warning in warning.line.map { "\($0) \(same(warning.rule))" } })
    var result: [Diagnostic] = []
    for warning in found {
      guard let line = warning.line, warned.insert("\(line) \(warning.rule)").inserted else { continue }
      result.append(reading.extracted?.placing(warning) ?? warning)
    }
    return result
  }
}

extension Invariants {
  /// `text`'s plain text, without a copy when it is one piece of text (the usual case).
  static func plain(_ text: TextBlock) -> String {
    if text.segments.count == 1, case .text(let string) = text.segments[0] { return string }
    return text.plainText
  }
}

// MARK: Numbered series

extension Invariants {
  /// The kind of numbers a series counts in.
  enum NumberKind: String, Hashable {
    case arabic, lowerLetter, upperLetter, lowerRoman, upperRoman
  }

  /// A number as printed, read: the word before it (`article` for "Article 5", empty for `1.`
  /// or `(a)`) and what it can count as ("i" is the letter 9 or the Roman 1).
  struct ParsedNumber {
    var prefix: String
    var readings: [(kind: NumberKind, value: Int)]
  }

  /// `1.`, `(a)`, `(iv)`, `IV.`, `Article 5`, `Rule 12`, `Section B`: its series and values; nil
  /// for a number that is not one of a series (`2 bis`, `5 (a)`, `*`).
  static func parseNumber(_ printed: String) -> ParsedNumber? {
    // Most numbers are a paragraph's: digits and a full stop ("12."), read from the bytes.
    let bytes = printed.utf8.last == 0x2E ? printed.utf8.dropLast() : printed.utf8[...]
    if !bytes.isEmpty, bytes.count <= 6, bytes.allSatisfy({ $0 &- 0x30 < 10 }) {
      let value = bytes.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
      return ParsedNumber(prefix: "", readings: [(.arabic, value)])
    }
    // Most others are a point's: one letter in parentheses ("(a)", "(i)"), read from the bytes.
    if let parsed = parseLetterInParentheses(printed.utf8) { return parsed }
    return parseNumberByCharacters(printed)
  }

  /// `parseNumber(_:)` of "(a)" to "(z)" and "(A)" to "(Z)" on the bytes (the same readings:
  /// a Roman numeral first when the letter is one, then the letter); nil for any other text.
  static func parseLetterInParentheses(_ bytes: String.UTF8View) -> ParsedNumber? {
    guard bytes.count == 3, bytes.first == 0x28, bytes.last == 0x29 else { return nil }
    let letter = bytes[bytes.index(after: bytes.startIndex)]
    let upper = letter & ~0x20
    guard upper &- 0x41 < 26 else { return nil }
    let lower = letter != upper
    var readings: [(kind: NumberKind, value: Int)] = []
    if let roman = RomanNumeral.value(
      ascii: CollectionOfOne(Optional(upper)), digits: .upper, canonical: true)
    {
      readings.append((lower ? .lowerRoman : .upperRoman, roman))
    }
    readings.append((lower ? .lowerLetter : .upperLetter, Int(upper) - 64))
    return ParsedNumber(prefix: "", readings: readings)
  }

  /// `parseNumber(_:)` on the characters, for any number printed.
  static func parseNumberByCharacters(_ printed: String) -> ParsedNumber? {
    var words = printed.split(separator: " ")
    guard !words.isEmpty, words.count <= 2 else { return nil }
    var prefix = ""
    if words.count == 2 {
      prefix = words[0].lowercased()
      guard ["article", "rule", "section", "part", "chapter", "annex"].contains(prefix) else { return nil }
      words.removeFirst()
    }
    var mark = Substring(words[0])
    if mark.hasPrefix("("), mark.hasSuffix(")") {
      mark = mark.dropFirst().dropLast()
    } else if mark.hasSuffix(")") || mark.hasSuffix(".") {
      mark = mark.dropLast()
    }
    guard !mark.isEmpty, mark.count <= 8, mark.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
    else { return nil }
    if mark.allSatisfy(\.isNumber) {
      guard let value = Int(mark) else { return nil }
      return ParsedNumber(prefix: prefix, readings: [(.arabic, value)])
    }
    var readings: [(kind: NumberKind, value: Int)] = []
    let lower = mark.allSatisfy(\.isLowercase)
    let upper = mark.allSatisfy(\.isUppercase)
    guard lower || upper else { return nil }
    if let roman = romanValue(mark.uppercased()) {
      readings.append((lower ? .lowerRoman : .upperRoman, roman))
    }
    // "(a)" is the first letter, "(aa)" the 27th, "(bb)" the 28th.
    if let scalar = mark.uppercased().unicodeScalars.first, mark.count <= 2, Set(mark).count == 1 {
      readings.append((lower ? .lowerLetter : .upperLetter, Int(scalar.value) - 64 + 26 * (mark.count - 1)))
    }
    return readings.isEmpty ? nil : ParsedNumber(prefix: prefix, readings: readings)
  }

  /// The value of a Roman numeral written the usual way (`IV`, not `IIII`), up to 3999.
  static func romanValue(_ text: String) -> Int? {
    RomanNumeral.value(text, digits: .upper, canonical: true)
  }

  /// A member of a series to check: its number as printed (nil for an unnumbered paragraph),
  /// its line, and whether it is a heading among the paragraphs.
  struct Member {
    var num: String?
    var line: Int
    var isHeading = false
  }

  /// Where a series stands: the numbers met last in each series of one part of the document
  /// (the operative part, or one annex), so that paragraphs numbered on across sections are
  /// contiguous.
  struct SeriesState {
    /// The last number of each series met: a handful of series, in a list searched in order
    /// (no hashing per number read).
    private var last: [(key: SeriesKey, value: Int)] = []

    /// The last number of the series `key`, nil before it is met.
    subscript(key: SeriesKey) -> Int? {
      get { last.first { $0.key == key }?.value }
      set {
        if let index = last.firstIndex(where: { $0.key == key }) {
          if let newValue { last[index].value = newValue } else { last.remove(at: index) }
        } else if let newValue {
          last.append((key, newValue))
        }
      }
    }
  }

  /// A series: the word before its numbers (`article`, empty for `1.` or `(a)`) and the kind of
  /// its numbers. (A struct, not a string joining them: no string is built per number read.)
  struct SeriesKey: Equatable {
    var prefix: String
    var kind: NumberKind
  }

  /// Every numbered series is contiguous at every level: operative paragraphs, the points of a
  /// paragraph, sections and parts, articles and rules, annexes. In one list of siblings, each
  /// number follows the one before it by one; a series starts at 1 (or, for paragraphs that run
  /// on across sections, actions, articles and rules, right after the last number of the one
  /// before: a series whose first number continues the previous division's last); it may start again
  /// at 1 after a heading. A gap, a repeat or a number going back means that a heading or a
  /// paragraph was missed, or merged into another (or that the source misprints it). The first
  /// operative paragraph of the document is left to `structure.first-paragraph`; quoted text
  /// keeps the numbers of the text it quotes and is not checked.
  public static func numbering(_ resolution: Resolution) -> [Diagnostic] {
    var warnings = Findings()
    var scope = Scope()
    checkItems(
      resolution.body, what: "operative paragraph", top: true,
      intro: resolution.preamble.last.map { plain($0.text) },
      scope: &scope, into: &warnings)
    var annexes: [Member] = []
    for attachment in resolution.attachments {
      let line = attachment.heading.first?.line ?? 0
      annexes.append(Member(num: attachment.number.map { "Annex \($0)" }, line: line))
      var inner = Scope()
      checkItems(
        attachment.items, what: "paragraph", top: false,
        intro: attachment.preamble.last.map { plain($0.text) },
        scope: &inner, into: &warnings)
    }
    if annexes.filter({ $0.num != nil }).count > 1 {
      var inner = SeriesState()
      checkSeries(annexes, what: "annex", allowFirst: false, state: &inner, into: &warnings)
    }
    // A gap between labelled divisions ("Rule 49" after "Rule 47") whose skipped labels are
    // printed nowhere in the text is the document's own: it amends or annotates some articles
    // or rules only, or a budget lists some sections. One whose skipped label is printed was
    // read as text, merged into a paragraph: that is warned.
    var text: String?
    var kept: [Diagnostic] = []
    for (warning, skipped) in zip(warnings.warnings, warnings.skipped) {
      if !skipped.isEmpty {
        if text == nil { text = documentText(resolution) }
        guard skipped.contains(where: { label in Self.printsLabel(text!, label) }) else { continue }
      }
      kept.append(warning)
    }
    return kept.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
  }

  /// The warnings of the numbering check, each with the labels it says are missing when they
  /// are labels of their own ("Rule 48", "Section 12"); empty for bare numbers.
  struct Findings {
    var warnings: [Diagnostic] = []
    var skipped: [[String]] = []
  }

  /// The plain text of every paragraph, heading and note of `resolution`, one a line.
  static func documentText(_ resolution: Resolution) -> String {
    var text = ""
    resolution.forEachTextBlock { block in
      text += block.plainText
      text += "\n"
    }
    return text
  }

  /// Whether `text` prints `label` ("Rule 48") as a label: not followed by a letter or digit.
  static func printsLabel(_ text: String, _ label: String) -> Bool {
    var search = text[...]
    while let range = search.range(ofASCII: label) {
      let after = search[range.upperBound...].first
      if after == nil || !(after!.isLetter || after!.isNumber) { return true }
      search = search[range.upperBound...]
    }
    return false
  }

  /// The series of one part of the document (the operative part, or one annex): paragraphs and
  /// divisions (sections, articles, rules) each run on across the divisions that hold them.
  struct Scope {
    var paragraphs = SeriesState()
    var divisions = SeriesState()
    /// The paragraphs of the articles and rules read so far: an article's paragraphs are its
    /// own, but a series whose first number continues the last of the article before runs on
    /// through the articles (notes on some articles numbered 1, 2, … across them).
    var divisionParagraphs = SeriesState()
  }

  /// Whether `text` introduces a list of agenda items, or is one ("Item 18. Macroeconomic policy
  /// questions:"): their numbers are the agenda's, a selection of it, not a series of the
  /// document's own.
  static func introducesAgendaItems(_ text: String?) -> Bool {
    guard var text, mentionsItem(&text) else { return false }
    text = text.lowercased()
    if text.hasPrefix("item "), text.dropFirst(5).first?.isNumber == true { return true }
    return text.contains("agenda item") || text.contains("following items")
  }

  /// Whether the bytes of `text` hold "item" in any case.
  static func mentionsItem(_ text: inout String) -> Bool {
    text.withUTF8 { bytes in
      guard bytes.count >= 4 else { return false }
      for index in 0...(bytes.count - 4)
      where bytes[index] | 0x20 == 0x69 && bytes[index + 1] | 0x20 == 0x74 && bytes[index + 2] | 0x20 == 0x65
        && bytes[index + 3] | 0x20 == 0x6D
      {
        return true
      }
      return false
    }
  }

  private static func checkItems(
    _ items: [BodyItem], what: String, top: Bool, intro: String?, scope: inout Scope,
    into warnings: inout Findings
  ) {
    var paragraphs: [Member] = []
    var sections: [Member] = []
    var agenda = introducesAgendaItems(intro)
    for item in items {
      switch item {
      case .paragraph(let block):
        if paragraphs.allSatisfy({ $0.num == nil }), block.num == nil,
          introducesAgendaItems(plain(block.text))
        {
          agenda = true
        }
        paragraphs.append(Member(num: block.num, line: block.text.line, isHeading: block.isHeading))
      case .section(let section):
        sections.append(Member(num: section.num, line: section.line))
      }
    }
    // A list of agenda items keeps the agenda's numbers, and its points the agenda's letters.
    if agenda { return }
    for item in items {
      if case .paragraph(let block) = item { checkChildren(block, into: &warnings) }
    }
    checkSeries(paragraphs, what: what, allowFirst: top, state: &scope.paragraphs, into: &warnings)
    checkSeries(sections, what: "division", allowFirst: false, state: &scope.divisions, into: &warnings)
    for item in items {
      guard case .section(let section) = item else { continue }
      for block in section.intro { checkChildren(block, into: &warnings) }
      let intro = section.intro.last.map { plain($0.text) } ?? section.heading.map(plain)
      if section.unit == .section || section.unit == .action {
        // Paragraphs may run on across sections and the actions of a pact ("Action 2. We will
        // …" holds paragraphs 21 and 22 of a series that runs on through the whole text), or
        // start again at 1 in each.
        checkItems(section.items, what: what, top: false, intro: intro, scope: &scope, into: &warnings)
      } else {
        // An article's or a rule's paragraphs are its own: they start at 1, or run on from the
        // last paragraph of the article or rule before (a series through the divisions' headings).
        var inner = Scope()
        inner.divisions = scope.divisions
        inner.paragraphs = scope.divisionParagraphs
        checkItems(section.items, what: "paragraph", top: false, intro: intro, scope: &inner, into: &warnings)
        scope.divisions = inner.divisions
        scope.divisionParagraphs = inner.paragraphs
      }
    }
  }

  private static func checkChildren(_ block: Block, into warnings: inout Findings) {
    guard !block.children.isEmpty, !introducesAgendaItems(plain(block.text)) else { return }
    var state = SeriesState()
    let members = block.children.map { Member(num: $0.num, line: $0.text.line, isHeading: $0.isHeading) }
    checkSeries(members, what: "point", allowFirst: false, state: &state, into: &warnings)
    for child in block.children { checkChildren(child, into: &warnings) }
  }

  /// Checks one list of siblings; `allowFirst` leaves the first number of the list unchecked.
  private static func checkSeries(
    _ members: [Member], what: String, allowFirst: Bool, state: inout SeriesState,
    into warnings: inout Findings
  ) {
    var last: (key: SeriesKey, kind: NumberKind, value: Int, printed: String)?
    var headingSince = false
    var first = true
    for member in members {
      if member.isHeading {
        headingSince = true
        continue
      }
      guard let printed = member.num, let parsed = parseNumber(printed) else { continue }
      func key(_ kind: NumberKind) -> SeriesKey { SeriesKey(prefix: parsed.prefix, kind: kind) }
      // "Article 5", "Rule 12" say what they are; a section's "IV." is a section.
      let what = what == "division" ? (parsed.prefix.isEmpty ? "section" : parsed.prefix) : what
      func named(_ printed: String) -> String {
        let number = printed.hasSuffix(".") ? String(printed.dropLast()) : printed
        return parsed.prefix.isEmpty ? "\(what) \(number)" : number
      }
      var taken: (kind: NumberKind, value: Int)
      var problem: String?
      // The values a gap or a late start skipped, for a labelled division.
      var skipped: ClosedRange<Int>?
      let same = last.flatMap { last in parsed.readings.first { key($0.kind) == last.key } }
      let one = parsed.readings.first { $0.value == 1 }
      let onAfter = parsed.readings.first { state[key($0.kind)].map { $0 + 1 } == $0.value }
      if let same, let last, same.value == last.value + 1 {
        taken = same
      } else if let one {
        taken = one
        if let last, key(one.kind) == last.key, !headingSince {
          problem = "\(named(printed)) starts the numbering again after \(named(last.printed))"
        }
      } else if let same, let last {
        taken = same
        problem =
          same.value == last.value
          ? "\(named(printed)) is numbered as the one before it"
          : same.value < last.value
            ? "\(named(printed)) follows \(named(last.printed)): the numbering goes back"
            : "\(named(printed)) follows \(named(last.printed)): \(missing(last.value, same.value, same.kind, what)) missing"
        if same.value > last.value + 1 { skipped = (last.value + 1)...(same.value - 1) }
      } else if first, let onAfter {
        taken = onAfter
      } else {
        taken = parsed.readings.min { $0.value < $1.value }!
        if !(first && allowFirst) {
          problem =
            "the \(what)s here start at \(named(printed)), not at 1: \(missing(0, taken.value, taken.kind, what)) missing"
          if taken.value > 1 { skipped = 1...(taken.value - 1) }
        }
      }
      if let problem {
        warnings.warnings.append(
          Diagnostic(
            .warning, rule: .structureNumbering,
            message:
              "\(problem): a heading or a paragraph may have been missed or merged into another; check the numbering against the source",
            line: member.line))
        // A labelled division's skipped labels ("Rule 48"), as the text would print them.
        var labels: [String] = []
        if !parsed.prefix.isEmpty, let skipped, let word = printed.split(separator: " ").first {
          for value in skipped.prefix(50) {
            labels.append(word + " " + Self.printed(value, taken.kind))
          }
        }
        warnings.skipped.append(labels)
      }
      last = (key(taken.kind), taken.kind, taken.value, printed)
      state[key(taken.kind)] = taken.value
      headingSince = false
      first = false
    }
  }

  /// "1 is", "(b) to (d) are": the numbers between `before` and `after` of `kind`, said.
  private static func missing(_ before: Int, _ after: Int, _ kind: NumberKind, _ what: String) -> String {
    after - before == 2
      ? "\(what) \(printed(before + 1, kind)) is"
      : "\(what)s \(printed(before + 1, kind)) to \(printed(after - 1, kind)) are"
  }

  /// `value` written in `kind`: `4`, `(d)`, `(iv)`, `D`, `IV`.
  static func printed(_ value: Int, _ kind: NumberKind) -> String {
    switch kind {
    case .arabic: return String(value)
    case .lowerRoman: return "(\(RomanNumeral.string(value).lowercased()))"
    case .upperRoman: return RomanNumeral.string(value)
    case .lowerLetter, .upperLetter:
      guard (1...52).contains(value), let scalar = Unicode.Scalar(UInt32(64 + (value - 1) % 26 + 1)) else {
        return String(value)
      }
      let letter = String(repeating: Character(scalar), count: value > 26 ? 2 : 1)
      return kind == .lowerLetter ? "(\(letter.lowercased()))" : letter
    }
  }
}

// MARK: A clause's grammar and its place

extension Invariants {
  /// The verbs (third person) that open an operative clause: "Decides", "Requests", "Calls upon".
  static let operativeVerbs: Set<String> = [
    "accepts", "acknowledges", "adopts", "affirms", "agrees", "appeals", "appoints", "approves",
    "asks", "assures", "authorizes", "authorises", "calls", "commends", "concurs", "condemns",
    "confirms", "congratulates", "considers", "declares", "decides", "demands", "deplores",
    "designates", "determines", "directs", "emphasizes", "emphasises", "encourages", "endorses",
    "establishes", "expresses", "extends", "highlights", "insists", "instructs", "invites",
    "notes", "proclaims", "reaffirms", "recalls", "recognizes", "recognises", "recommends",
    "regrets", "reiterates", "rejects", "reminds", "renews", "requests", "resolves", "stresses",
    "supports", "takes", "underlines", "underscores", "urges", "welcomes",
  ]

  /// Words in "-ing" that open a clause without being a participle ("During", "Notwithstanding").
  static let ingPrepositions: Set<String> = [
    "according", "concerning", "during", "excluding", "following", "including", "notwithstanding",
    "pending", "regarding", "nothing", "something", "anything", "everything",
  ]

  /// Whether `text` opens with an operative verb, after adverbs ("Also requests").
  static func opensWithOperativeVerb(_ text: String) -> Bool {
    guard let first = text.utf8.first, first >= 0x41, first <= 0x5A else { return false }
    // Most preambular paragraphs open with a participle in "-ing" ("Recalling", "Noting"): a
    // first word ending in "ing" is neither an operative verb (each ends in "s") nor an adverb
    // of `Phrases` (none ends in "ing"), and one of 80 letters or more never ends within the 80
    // bytes read below. Refused on the bytes, with no array or string built.
    if firstWordRefused(text.utf8) { return false }
    // The first words, lower-cased, from the bytes (letters of ASCII; anything else ends a word).
    var word: [UInt8] = []
    var seen = 0
    for byte in text.utf8.prefix(80) {
      let lower = byte | 0x20
      if byte < 0x80, lower >= 0x61, lower <= 0x7A {
        word.append(lower)
        continue
      }
      guard !word.isEmpty else { continue }
      let string = String(decoding: word, as: UTF8.self)
      if Phrases.leadingAdverbs.contains(string) || Phrases.trailingAdverbs.contains(string) {
        word.removeAll(keepingCapacity: true)
        seen += 1
        if seen == 4 { return false }
        continue
      }
      return operativeVerbs.contains(string)
    }
    return false
  }

  /// Whether the first word of `bytes` (its run of ASCII letters) ends in "ing" (in any case)
  /// or runs to 80 letters or more: then ``opensWithOperativeVerb(_:)`` is false.
  static func firstWordRefused(_ bytes: String.UTF8View) -> Bool {
    var length = 0
    var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
    for byte in bytes {
      let lower = byte | 0x20
      guard lower &- 0x61 < 26 else { break }
      last = (last.1, last.2, lower)
      length += 1
      if length == 80 { return true }
    }
    return length >= 3 && last == (0x69, 0x6E, 0x67)
  }

  /// Whether `text` opens with a preambular phrase: a participle ("Recalling", "Having
  /// examined", "Deeply concerned"), not an adverb before a verb ("Further requests").
  static func opensWithParticiple(_ text: String) -> Bool {
    guard Phrases.preambular(text) != nil else { return false }
    let first = text.prefix { $0.isLetter }.lowercased()
    if ingPrepositions.contains(first) || Phrases.leadingAdverbs.contains(first) { return false }
    if Phrases.trailingAdverbs.contains(first) { return false }
    // "Deeply deplores", "Strongly condemns": an adverb before a verb in the third person.
    let words = text.prefix(60).split(separator: " ").prefix(2)
    if words.count == 2, let verb = words.last, verb.first?.isLowercase == true, verb.hasSuffix("s"),
      !verb.hasSuffix("ss")
    {
      return false
    }
    return !opensWithOperativeVerb(text)
  }

  /// Whether an operative verb in lower case follows a comma in `text` ("Acting under Chapter
  /// VII of the Charter, decides"): the clause's main verb, which makes a participle before it
  /// an operative paragraph's own.
  static func hasLowercaseOperativeVerb(_ text: String) -> Bool {
    var afterComma = false
    var adverbs = 0
    for word in text.split(separator: " ") {
      if afterComma {
        let letters = word.prefix { $0.isLetter }
        if let first = letters.first, first.isLowercase {
          let lower = String(letters)
          if operativeVerbs.contains(lower) { return true }
          if Phrases.leadingAdverbs.contains(lower) || Phrases.trailingAdverbs.contains(lower), adverbs < 2 {
            adverbs += 1
            continue
          }
        }
      }
      afterComma = word.hasSuffix(",")
      adverbs = 0
    }
    return false
  }

  /// A clause's grammar matches its place. A preambular paragraph is a participle or an
  /// adjective clause ("Recalling …", "Deeply concerned …"): one that opens with an operative
  /// verb ("Decides", "Requests") or is the enacting formula ("The Security Council,") stands
  /// before the boundary between preamble and operative part that was missed. An operative
  /// paragraph has an operative verb as its main verb: one that opens with a participle
  /// ("Having examined …", "Recalling …") and has no operative verb in lower case after a comma
  /// ("Acting under Chapter VII, decides …") is a preambular paragraph merged into it, or
  /// misplaced. Parts with a preamble of their own are checked the same way; annexes (whose
  /// texts speak in other voices) and quoted text are not.
  public static func clausePlaces(_ resolution: Resolution) -> [Diagnostic] {
    TextChecks(resolution, warnings: []).clausePlaces
  }

  /// The clause-place warning of the preambular paragraph `text` (trimmed) at `line`, the
  /// `index`th block of its preamble (`ownFormula`: a part's, which may open with its formula).
  static func clausePlaceInPreamble(_ text: String, line: Int, index: Int, ownFormula: Bool) -> Diagnostic? {
    if text.utf8.count <= 60, LineGrammar.isFormula(text) {
      // A part's text opens with its own formula.
      if ownFormula, index == 0 { return nil }
      return Diagnostic(
        .warning, rule: .structureClausePlace,
        message:
          "the enacting formula \"\(text)\" was read as a preambular paragraph: the boundary between the preamble and the operative part may be misplaced; check the structure against the source",
        line: line)
    } else if opensWithOperativeVerb(text) {
      return Diagnostic(
        .warning, rule: .structureClausePlace,
        message:
          "the preambular paragraph \"\(excerpt(text))\" opens with an operative verb: an operative paragraph may have been read into the preamble; check the structure against the source",
        line: line)
    }
    return nil
  }

  /// The clause-place warning of the operative paragraph `block`, whose text is `text` (trimmed).
  static func clausePlaceInOperative(_ block: Block, text: String) -> Diagnostic? {
    guard opensWithParticiple(text), !hasLowercaseOperativeVerb(text) else { return nil }
    return Diagnostic(
      .warning, rule: .structureClausePlace,
      message:
        "\(block.num.map { "operative paragraph \($0)" } ?? "an unnumbered operative paragraph") opens with the preambular phrase \"\(excerpt(text))\" and has no operative verb in lower case: a preambular paragraph may have been merged into it, or read after the boundary of the operative part; check the structure against the source",
      line: block.text.line)
  }

  /// The first words of `text`, up to about 40 characters.
  static func excerpt(_ text: String) -> String {
    guard text.count > 40 else { return text }
    let cut = text.prefix(40)
    if let space = cut.lastIndex(of: " ") { return cut[..<space] + " …" }
    return cut + "…"
  }
}

// MARK: Labels inside a paragraph's text

extension Invariants {
  /// Words that label a division of a text ("Action 2.", "Article 5.").
  static let labelWords: Set<String> = [
    "Action", "Article", "Chapter", "Part", "Rule", "Section", "Annex", "Appendix", "Goal", "Target",
  ]

  /// A label at the start of `text` ("V. Opening of the Conference", "A. A Commission …"): a
  /// Roman numeral or a capital letter, a full stop, and a capitalised word; nil otherwise.
  static func leadingLabel(_ text: String) -> String? {
    // The bytes first: a capital, and a full stop within the first seven.
    guard let first = text.utf8.first, first >= 0x41, first <= 0x5A, text.utf8.prefix(7).contains(0x2E) else {
      return nil
    }
    guard let dot = text.firstIndex(of: "."), text.distance(from: text.startIndex, to: dot) <= 6 else {
      return nil
    }
    let mark = text[..<dot]
    guard !mark.isEmpty, mark.allSatisfy({ $0.isASCII && $0.isUppercase }),
      mark.count == 1 || romanValue(String(mark)) != nil
    else { return nil }
    let rest = text[text.index(after: dot)...]
    guard rest.first == " ", let next = rest.dropFirst().first, next.isUppercase else { return nil }
    // "U. N." and other initials: a letter alone after the dot.
    let word = rest.dropFirst().prefix { $0.isLetter }
    guard word.count >= 2 || word == "A" else { return nil }
    return String(mark) + "."
  }

  /// The label words' bytes, for ``mayHoldLabel(_:)``.
  static let labelWordBytes: [[UInt8]] = labelWords.map { Array($0.utf8) }

  /// Whether the bytes of `text` hold the end of a sentence, a space and a label word
  /// ("`. Action`"): the only texts ``innerLabel(_:)`` need read word by word.
  static func mayHoldLabel(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.count > 4 else { return false }
      for index in 0..<(bytes.count - 3)
      where bytes[index + 1] == 0x20 && bytes[index + 2] >= 0x41 && bytes[index + 2] <= 0x5A {
        switch bytes[index] {
        case 0x2E, 0x3B, 0x3A, 0x21, 0x3F:
          for word in labelWordBytes where index + 2 + word.count <= bytes.count {
            if bytes[(index + 2)..<(index + 2 + word.count)].elementsEqual(word) { return true }
          }
        default: continue
        }
      }
      return false
    }
  }

  /// A label inside `text` after the end of a sentence ("… coercion. Action 2. We will …"): a
  /// label word, a number, a full stop or colon, and a capitalised word; nil otherwise.
  static func innerLabel(_ text: String) -> String? {
    guard mayHoldLabel(text) else { return nil }
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    guard words.count >= 4 else { return nil }
    for index in 1..<(words.count - 2) {
      let before = words[index - 1]
      guard let end = before.last, ".;:!?".contains(end), labelWords.contains(String(words[index])) else {
        continue
      }
      let number = words[index + 1]
      guard let close = number.last, close == "." || close == ":" else { continue }
      let digits = number.dropLast()
      guard !digits.isEmpty, digits.count <= 4,
        digits.allSatisfy(\.isNumber) || romanValue(String(digits)) != nil
      else { continue }
      guard let next = words[index + 2].first, next.isUppercase else { continue }
      return "\(words[index]) \(number)"
    }
    return nil
  }

  /// No label or heading inside a paragraph's text. A paragraph that opens with a section label
  /// ("V. Opening of the Conference", "A. A Commission …"), or holds a division's label after the
  /// end of a sentence ("… coercion. Action 2. We will …"), holds a heading that was not read as
  /// one, or two paragraphs merged. Paragraphs, points, preambular paragraphs, annexes' text;
  /// not headings, tables or quoted text.
  public static func labelsInText(_ resolution: Resolution) -> [Diagnostic] {
    TextChecks(resolution, warnings: []).labelsInText
  }

  /// The label-in-text warning of the paragraph `text` (trimmed) at `line`; `numbered`: the
  /// paragraph has a number of its own (or is a wrap-up), so an opening label is not looked for;
  /// `mayHoldInnerLabel`: false when the text holds no end of a sentence, space and capital
  /// (``TextFacts/mayHoldInnerLabel``, of the text or of the text it was trimmed from), which
  /// every label inside the text follows (``mayHoldLabel(_:)``): it is not looked for then.
  static func labelInText(_ text: String, numbered: Bool, mayHoldInnerLabel: Bool = true, line: Int)
    -> Diagnostic?
  {
    if !numbered, let label = leadingLabel(text) {
      return Diagnostic(
        .warning, rule: .structureLabelInText,
        message:
          "the paragraph \"\(excerpt(text))\" opens with the label \(label): a heading or a numbered division may have been read as text; check the structure against the source",
        line: line)
    } else if mayHoldInnerLabel, let label = innerLabel(text) {
      return Diagnostic(
        .warning, rule: .structureLabelInText,
        message:
          "the label \"\(label)\" stands inside the text of the paragraph that starts here: a heading or a paragraph of its own may have been merged into it; check the structure against the source",
        line: line)
    }
    return nil
  }
}

// MARK: Footnote markers glued to a word

extension Invariants {
  /// No footnote marker glued to a word. A word of the text that ends in a note's number, and
  /// that, without it, is a word the document prints elsewhere ending in a letter or a year
  /// (`Committee8`, `HIV/AIDS7`, `2014–20242`, `19895`), is a word with the note's marker glued
  /// to it; for a note whose marker was found nowhere (a `footnote.unmatched` warning), also
  /// one holding a letter elsewhere (`COVID-1915`). A plain number (`2014`, `216`) or an amount
  /// (`4,995,400`, `8.5`) never is. Warned at the word's line, naming the word and the note.
  public static func gluedMarkers(_ resolution: Resolution, warnings existing: [Diagnostic]) -> [Diagnostic] {
    TextChecks(resolution, warnings: existing).gluedMarkers
  }

  /// The words of `text` (split at spaces and tabs) without the punctuation around them.
  static func gluedCheckWords(_ text: String) -> [Substring] {
    let edges: Set<Character> = [",", ".", ";", ":", "(", ")", "[", "]", "“", "”", "\"", "'"]
    return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word in
      var word = word
      while let first = word.first, edges.contains(first) { word.removeFirst() }
      while let last = word.last, edges.contains(last) { word.removeLast() }
      return word
    }
  }

  /// The words of an ASCII `text` that ``gluedCheckWords(_:)`` gives ending in a digit and
  /// holding no comma (the only words ``gluedCandidates(in:line:notes:byMarker:unmatchedLines:into:)``
  /// reads), found on its bytes with no array of every word; nil when `text` is not ASCII. In
  /// ASCII a character is a byte (or `\r\n`, which is neither a space, a tab nor an edge), so the
  /// words and their edges are those of the characters.
  static func gluedDigitWords(_ text: String) -> [Substring]? {
    let utf8 = text.utf8
    // The words' byte ranges, then the words (no Substring for a word that cannot be a candidate).
    let found: [Range<Int>]? =
      utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>]? in
        var ranges: [Range<Int>] = []
        let count = bytes.count
        var index = 0
        while index < count {
          let byte = bytes[index]
          if byte >= 0x80 { return nil }
          if byte == 0x20 || byte == 0x09 {
            index &+= 1
            continue
          }
          // A word: up to the next space or tab.
          var end = index
          var comma = false
          while end < count {
            let byte = bytes[end]
            if byte >= 0x80 { return nil }
            if byte == 0x20 || byte == 0x09 { break }
            if byte == 0x2C { comma = true }
            end &+= 1
          }
          // Without its edges (`,.;:()[]"'`, as ``gluedCheckWords(_:)`` trims them).
          var start = index
          while start < end, isGluedEdge(bytes[start]) { start &+= 1 }
          var stop = end
          while stop > start, isGluedEdge(bytes[stop &- 1]) { stop &-= 1 }
          if stop > start, bytes[stop &- 1] &- 0x30 < 10,
            !comma || !bytes[start..<stop].contains(0x2C)
          {
            ranges.append(start..<stop)
          }
          index = end
        }
        return ranges
      } ?? nil
    guard let found else { return nil }
    return found.map { range in
      text[
        utf8.index(
          utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
            utf8.startIndex, offsetBy: range.upperBound)]
    }
  }

  /// An ASCII byte that ``gluedCheckWords(_:)`` trims from a word's ends.
  private static func isGluedEdge(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x2C, 0x2E, 0x3B, 0x3A, 0x28, 0x29, 0x5B, 0x5D, 0x22, 0x27: true
    default: false
    }
  }

  /// A word that may be a word with a note's marker glued to it: the note (its index among the
  /// notes with a number), the word, the word without the marker, its line, and whether the note
  /// has no marker elsewhere.
  typealias GluedCandidate = (note: Int, word: Substring, stem: Substring, line: Int, unplaced: Bool)

  /// The words of `plain` (at `line`) that end in the number of one of `notes` and may be a
  /// word with its marker glued to it, in order; the vocabulary decides later.
  static func gluedCandidates(
    in plain: String, line: Int, notes: [Footnote], byMarker: NotesByMarker, unmatchedLines: Set<Int>,
    into candidates: inout [GluedCandidate]
  ) {
    for word in gluedDigitWords(plain) ?? gluedCheckWords(plain) {
      guard let last = word.utf8.last, last >= 0x30, last <= 0x39, !word.contains(",") else { continue }
      for number in byMarker.notes(endingWord: word) {
        let note = notes[number]
        let unplaced = unmatchedLines.contains(note.text.line)
        let stem = word.dropLast(note.marker.count)
        guard stem.last.map({ $0.isLetter || $0.isNumber }) == true,
          !(stem.contains(".") && stem.last?.isNumber == true),
          stem.last?.isLetter == true || endsWithYear(stem)
            || (unplaced && stem.contains(where: \.isLetter))
        else { continue }
        candidates.append((number, word, stem, line, unplaced))
      }
    }
  }

  /// The notes of a document by marker, to find those whose marker ends a word.
  struct NotesByMarker {
    private var indices: [Substring: [Int]] = [:]
    private var longest = 0

    /// The index of `notes` (each note's position in it).
    init(_ notes: [Footnote]) {
      for (number, note) in notes.enumerated() {
        indices[note.marker[...], default: []].append(number)
        longest = max(longest, note.marker.count)
      }
    }

    /// The positions of the notes whose marker ends `word` and is shorter than it, in order.
    func notes(endingWord word: Substring) -> [Int] {
      guard longest > 0 else { return [] }
      var found: [Int] = []
      var start = word.endIndex
      var length = 0
      while length < longest, start > word.startIndex {
        start = word.index(before: start)
        length += 1
        guard start > word.startIndex else { break }
        if let numbers = indices[word[start...]] { found += numbers }
      }
      return found.count > 1 ? found.sorted() : found
    }
  }

  /// The glued-marker warnings of `candidates`: those whose stem `texts` print as a word, the
  /// first of each note.
  static func gluedMarkerWarnings(_ candidates: [GluedCandidate], notes: [Footnote], texts: [String])
    -> [Diagnostic]
  {
    guard !candidates.isEmpty else { return [] }
    var vocabulary = Set<Substring>()
    for plain in texts { vocabulary.formUnion(gluedCheckWords(plain)) }
    var warnings: [Diagnostic] = []
    var warned: Set<Int> = []
    for candidate in candidates
    where vocabulary.contains(candidate.stem) && warned.insert(candidate.note).inserted {
      warnings.append(
        Diagnostic(
          .warning, rule: .footnoteGluedMarker,
          message:
            "\"\(candidate.word)\" may be \"\(candidate.stem)\" with the marker of footnote \(notes[candidate.note].marker) glued to it\(candidate.unplaced ? " (the note has no marker elsewhere)" : ""); check the text against the source",
          line: candidate.line))
    }
    return warnings
  }
}

extension Invariants {
  /// Whether `text` ends in a year of four digits (1900–2099) that no other digit runs into:
  /// `1989`, `2014–2024`.
  static func endsWithYear(_ text: Substring) -> Bool {
    let digits = text.reversed().prefix { $0.isASCIIDigit }
    guard digits.count == 4, let year = Int(String(digits.reversed())) else { return false }
    return (1900...2099).contains(year)
  }
}

// MARK: Paragraphs of numbers

extension Invariants {
  /// A paragraph is words. One whose words are mostly numbers (at least eight words, three in
  /// four of them figures: `1 234 5.6 % 2023`) is a table printed one cell per line that was
  /// read as running text; tables read as tables are not checked.
  public static func mostlyNumbers(_ resolution: Resolution) -> [Diagnostic] {
    TextChecks(resolution, warnings: []).mostlyNumbers
  }

  /// The mostly-numbers warning of the paragraph `plain` at `line`, whose bytes `facts` counted.
  static func mostlyNumbers(_ plain: String, facts: TextFacts, line: Int) -> Diagnostic? {
    // A paragraph with more than one word in four holding a letter is words.
    guard facts.tokens >= 8, facts.lettered * 4 <= facts.tokens else { return nil }
    let words = plain.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard words.count >= 8 else { return nil }
    // A year in parentheses is a citation's ("425 (1978)"), not a cell.
    let figures = words.filter { word in
      word.first != "(" && word.contains(where: \.isNumber)
        && word.allSatisfy { $0.isNumber || ",.%–-/$€£*".contains($0) }
    }.count
    guard figures * 4 >= words.count * 3 else { return nil }
    return Diagnostic(
      .warning, rule: .structureMostlyNumbers,
      message:
        "a paragraph of \(words.count) words, \(figures) of them figures, was read as text: it is likely a table; check it against the source",
      line: line)
  }
}

// MARK: Notes left in the running text

extension Invariants {
  /// Words after which a number counts something ("paragraphs 1, 2", "resolution 242"): a
  /// number after them is never a note's marker.
  static let countingWords: Set<String> = [
    "and", "or", "to", "paragraph", "paragraphs", "resolution", "resolutions", "article", "articles",
    "rule", "rules", "section", "sections", "chapter", "annex", "item", "items", "page", "pages", "no",
    "nos", "part", "parts", "decision", "decisions", "meeting", "meetings", "point", "points",
  ]

  /// No note left in the running text. A paragraph that ends in a number set off after the end
  /// of its clause (`… addressed to the President of the Security Council, 123`), where the
  /// number counts nothing and is no note of the document, ends in the marker of a note that is
  /// not in the file; a paragraph that opens with a number and a note's opening (`10 Ibid.,
  /// document S/6569.`, `3 See …`, `5 Official Records …`) is the notes read as text.
  public static func notesInText(_ resolution: Resolution) -> [Diagnostic] {
    TextChecks(resolution, warnings: []).notesInText
  }

  /// The note-in-text warning of the paragraph `plain` at `line`, whose bytes `facts` read;
  /// `markers`: the markers of the document's notes.
  static func noteInText(_ plain: String, facts: TextFacts, markers: Set<String>, line: Int) -> Diagnostic? {
    // Only a text that opens or ends in a digit can be either.
    guard let firstByte = facts.first,
      (0x30...0x39).contains(firstByte) || facts.lastNonBlank.map({ (0x30...0x39).contains($0) }) == true
    else { return nil }
    // Only the last words and the first ones matter.
    let words = plain.suffix(48).split(separator: " ")
    let head = plain.prefix(24).split(separator: " ")
    if plain.utf8.count >= 12, words.count >= 2, let last = words.last, (1...3).contains(last.count),
      last.allSatisfy(\.isASCIIDigit),
      !markers.contains(String(last)), let before = words.dropLast().last, let end = before.last,
      ",;".contains(end), before.dropLast().allSatisfy({ !$0.isNumber }),
      !countingWords.contains(before.dropLast().lowercased())
    {
      return Diagnostic(
        .warning, rule: .footnoteInText,
        message:
          "the paragraph that starts here ends in \"\(before) \(last)\": \(last) is the marker of a footnote that is not in the text; check it against the source",
        line: line)
    } else if head.count >= 3, let first = head.first, (1...3).contains(first.count),
      first.allSatisfy(\.isASCIIDigit),
      ["Ibid.", "Ibid.,", "See", "Official"].contains(String(head[1]))
    {
      return Diagnostic(
        .warning, rule: .footnoteInText,
        message:
          "the paragraph \"\(excerpt(plain))\" is the text of footnotes, read as a paragraph: their markers stay in the text; check it against the source",
        line: line)
    }
    return nil
  }
}
