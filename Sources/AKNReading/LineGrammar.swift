import AKNModel
import Foundation

/// What a line looks like, in every text form: the grammar of single lines that the readers
/// share (labels and series, formulas and headings, meeting and trailer lines, page furniture).
/// It decides shapes only and references no reader: a reader asks it, never another reader,
/// and a new line shape is added here (in the file of its concern), once for every form.
///
/// - `LineGrammar.swift`: labels and division markers (`3.`, `(a)`, `IV`, `Article 5`,
///   `Action 2.`, `I. Heading`) and their series (`(i)` after `(h)`, an item's depth).
/// - `LineGrammar+Headings.swift`: formulas, the adoption and title lines (and a printed page's
///   masthead before them), annex headings, headings and titles, operative text, session lines.
/// - `LineGrammar+Closing.swift`: meeting lines, trailers, references to the records, a note's
///   first line, page furniture (job numbers, page numbers, barcodes, rules, symbols).
package enum LineGrammar {
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
    if let numbered = numberLabel(text) { return numbered }
    if let parenthesized = parenLabel(text) { return parenthesized }
    return labelByCharacters(text)
  }

  /// ``label(of:)`` read by `Character`: what the byte readings (``numberLabel(_:)``,
  /// ``parenLabel(_:)``) leave undecided, and what they are tested against.
  static func labelByCharacters(_ text: String) -> (Label, String)? {
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

  /// `label(of:)` of a numbered paragraph's line ("3.\tInvites …") read on its bytes, with one
  /// string built (the rest); nil when the bytes are not such a line or a byte next to the
  /// label, the separator or the rest's ends is not ASCII (a mark that may join a character),
  /// where `label(of:)` reads it by `Character`.
  private static func numberLabel(_ text: String) -> (Label, String)? {
    text.utf8.withContiguousStorageIfAvailable { bytes -> (Label, String)? in
      let count = bytes.count
      var index = 0
      while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
      let digitsStart = index
      var value = 0
      while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - digitsStart < 5 {
        value = value * 10 + Int(bytes[index] - 0x30)
        index += 1
      }
      let digitsEnd = index
      // One to four digits, ".", a space or a tab, then an ASCII byte or the end.
      guard digitsEnd > digitsStart, digitsEnd - digitsStart <= 4, digitsEnd + 1 < count,
        bytes[digitsEnd] == 0x2E, bytes[digitsEnd + 1] == 0x20 || bytes[digitsEnd + 1] == 0x09,
        digitsEnd + 2 == count || bytes[digitsEnd + 2] < 0x80
      else { return nil }
      var start = digitsEnd + 1
      while start < count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      // Nothing after the separator: the label reads by `Character` (it is no numbered line).
      guard start < count else { return nil }
      var end = count
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      // A space or a tab before the rest, or after it, that a non-ASCII scalar may join.
      if start < count, bytes[start] >= 0x80 { return nil }
      if end < count, end > 0, bytes[end - 1] >= 0x80 { return nil }
      let printed = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[digitsStart...digitsEnd]), as: UTF8.self)
      let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      return (.number(value, printed: printed), rest)
    } ?? nil
  }

  /// `label(of:)` of a line opening with a letter, a Roman numeral or a number in parentheses
  /// ("(a)\tGeneral …", "(iv) The …", "(12)\tThe …") read on its bytes, with one string built
  /// for the rest and one for the label; nil when the bytes are not such a line, or a byte next
  /// to the label, the separator or the rest's ends is not ASCII (a mark that may join a
  /// character), where `label(of:)` reads it by `Character` (``labelByCharacters(_:)``). Between
  /// the parentheses: one or two ASCII digits, or one to six ASCII lowercase letters (then, as
  /// by `Character`: one letter but i, v, x, l; only i, v, x, l, c; two letters alike); all other
  /// lines are left to the reading by `Character`.
  private static func parenLabel(_ text: String) -> (Label, String)? {
    text.utf8.withContiguousStorageIfAvailable { bytes -> (Label, String)? in
      let count = bytes.count
      var index = 0
      while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
      guard index < count, bytes[index] == 0x28 else { return nil }
      let open = index
      index += 1
      var digits = 0
      var letters = 0
      while index < count, index - open <= 7 {
        let byte = bytes[index]
        if byte >= 0x30 && byte <= 0x39 {
          digits += 1
        } else if byte >= 0x61 && byte <= 0x7A {
          letters += 1
        } else {
          break
        }
        index += 1
      }
      // ")" right after the digits or letters, then a space or a tab, then an ASCII byte.
      let close = index
      guard close < count, bytes[close] == 0x29, close + 2 < count,
        bytes[close + 1] == 0x20 || bytes[close + 1] == 0x09, bytes[close + 2] < 0x80
      else { return nil }
      let inside = UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close])
      let label: Label
      let printed = String(decoding: UnsafeBufferPointer(rebasing: bytes[open...close]), as: UTF8.self)
      if letters == 0 && (1...2).contains(digits) {
        label = .parenNumber(inside.reduce(0) { $0 * 10 + Int($1 - 0x30) }, printed: printed)
      } else if digits == 0 && (1...6).contains(letters) {
        // i, v, x, l: Roman numerals alone; c one too, but alone a letter.
        func isRoman(_ byte: UInt8) -> Bool {
          switch byte {
          case 0x69, 0x76, 0x78, 0x6C: true
          default: false
          }
        }
        let roman = inside.allSatisfy { isRoman($0) || $0 == 0x63 }
        if letters == 1 && !isRoman(inside[0]) {
          label = .letter(String(decoding: inside, as: UTF8.self), printed: printed)
        } else if roman {
          label = .roman(String(decoding: inside, as: UTF8.self), printed: printed)
        } else if letters == 2 && inside[0] == inside[1] {
          label = .letter(String(decoding: inside, as: UTF8.self), printed: printed)
        } else {
          return nil
        }
      } else {
        return nil
      }
      var start = close + 1
      while start < count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      var end = count
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      // Nothing after the separator, or a non-ASCII byte that may join a space or a tab.
      guard start < end, bytes[start] < 0x80, end == count || bytes[end - 1] < 0x80 else { return nil }
      return (label, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    } ?? nil
  }

  /// The first byte of `text` that is not a space or a tab, for the quick refusals on bytes.
  static func firstByteAfterSpaces(_ text: String) -> UInt8? {
    text.utf8.first { $0 != 0x20 && $0 != 0x09 }
  }

  /// Two labels opening one line: an item's own and its first sub-item's ("3. (a) The
  /// Government …", "12. (a) Each State Party …", "(a) (i) The conversion …"). `rest`, the text
  /// after `label` (as ``label(of:)`` splits it), opens with the first label of the series one
  /// level down, then text: `(a)`, `(i)` or `(1)` after a number, `(i)` or `(1)` after a letter.
  /// The item then has no text of its own: the line is the item's label, then its first
  /// sub-item, which the items after it (`(b)`, `(ii)`) go on from. Returns the sub-item's label
  /// and its text; nil when `rest` opens otherwise (a label that starts no series, "3. (b) …",
  /// is text, and so is any label after a Roman numeral, a number in parentheses or a bullet,
  /// whose series have no level below them here).
  static func firstSubLabel(after label: Label, in rest: String) -> (Label, String)? {
    // Most lines: the item's text opens with no "(".
    guard rest.utf8.first == 0x28, let (inner, text) = Self.label(of: rest), !text.isEmpty else {
      return nil
    }
    switch (label, inner) {
    case (.number, .letter("a", _)), (.number, .roman("i", _)), (.number, .parenNumber(1, _)),
      (.letter, .roman("i", _)), (.letter, .parenNumber(1, _)):
      return (inner, text)
    default:
      return nil
    }
  }

  /// Whether the first byte of `text` after its leading spaces and tabs may open a label:
  /// an ASCII digit, "(", or 0xE2 (the lead byte of "\u{2014}", "\u{2022}" and "\u{2013}").
  static func mayOpenLabel(_ text: String) -> Bool {
    for byte in text.utf8 where byte != 0x20 && byte != 0x09 {
      return (byte >= 0x30 && byte <= 0x39) || byte == 0x28 || byte == 0xE2
    }
    return false
  }

  /// Whether `text` may open with a label that is a Roman numeral or a letter alike (`(i)`,
  /// `(v)`, `(x)`, `(l)`, `(c)`, `(ii)`): "(" then one of i, v, x, l, c after its leading spaces.
  static func mayOpenRomanLabel(_ text: String) -> Bool {
    var opened = false
    for byte in text.utf8 where byte != 0x20 && byte != 0x09 {
      if opened { return byte == 0x69 || byte == 0x76 || byte == 0x78 || byte == 0x6C || byte == 0x63 }
      guard byte == 0x28 else { return false }
      opened = true
    }
    return false
  }

  /// Whether the last byte of `text` but spaces and tabs is not a full stop, comma, semicolon or
  /// colon (a heading's end, not a sentence's), and `text` is at most 1,000 bytes long.
  static func endsOnWord(_ text: String) -> Bool {
    let bytes = text.utf8
    guard bytes.count <= 1000 else { return false }
    for byte in bytes.reversed() where byte != 0x20 && byte != 0x09 {
      return byte != 0x2E && byte != 0x2C && byte != 0x3B && byte != 0x3A
    }
    return false
  }

  /// A number or letter alone on its line: `1.`, `(a)`, `(iv)`, `12.`.
  static func isLoneLabel(_ text: String) -> Bool {
    let trimmed = text.trimmed
    guard !trimmed.isEmpty, trimmed.count <= 7 else { return false }
    if trimmed.last == ".", trimmed.dropLast().allSatisfy(\.isASCIIDigit), trimmed.count > 1 { return true }
    if trimmed.first == "(", trimmed.last == ")" {
      let inside = trimmed.dropFirst().dropLast()
      return !inside.isEmpty && inside.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isASCIIDigit }
    }
    return false
  }

  /// A section or part marker alone on its line: `I`, `XXVI`, `A`, `B.`, `Section B`, and a
  /// budget section's `Section 31`, `Section 29A` (a number, then a capital letter or not).
  static func sectionNumber(_ text: String) -> String? {
    // Each opens with a capital letter ("Section", "Part", a roman or a letter): a numbered
    // paragraph or a line in lower case is refused on its first byte.
    guard let first = firstByteAfterSpaces(text), first >= 0x41, first <= 0x5A else { return nil }
    var trimmed = text.trimmed
    if trimmed.hasPrefix("Section ") {
      trimmed = String(trimmed.dropFirst(8))
      let digits = trimmed.prefix { $0.isASCIIDigit }
      let rest = trimmed.dropFirst(digits.count)
      if (1...3).contains(digits.count), rest.isEmpty || (rest.count == 1 && rest.first!.isUppercase) {
        return trimmed
      }
    }
    if trimmed.hasPrefix("Part ") { trimmed = String(trimmed.dropFirst(5)) }
    if trimmed.last == "." { trimmed.removeLast() }
    // At most six characters, counted no further than seven (most lines are paragraphs).
    var count = 0
    for _ in trimmed {
      count += 1
      if count > 6 { return nil }
    }
    guard count > 0 else { return nil }
    if count == 1, let letter = trimmed.first, letter.isASCII, letter.isUppercase { return trimmed }
    if trimmed.allSatisfy({ "IVXL".contains($0) }) { return trimmed }
    return nil
  }

  /// Whether `text` opens a numbered paragraph ("3.\tDecides …", or "3." alone on its line).
  static func opensNumberedParagraph(_ text: String) -> Bool {
    // Either opens with a digit.
    guard let first = firstByteAfterSpaces(text), first >= 0x30, first <= 0x39 else { return false }
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
    // The number is a `sectionNumber`, which opens with a capital letter.
    guard let first = firstByteAfterSpaces(text), first >= 0x41, first <= 0x5A, !hasNoEarlyDot(text) else {
      return nil
    }
    let trimmed = text.collapsingSpaces
    guard let dot = trimmed.firstIndex(of: "."), trimmed.distance(from: trimmed.startIndex, to: dot) <= 6
    else {
      return nil
    }
    let mark = String(trimmed[..<dot])
    guard Self.sectionNumber(mark) == mark else { return nil }
    let rest = trimmed[trimmed.index(after: dot)...]
    guard rest.first == " " else { return nil }
    let heading = rest.trimmed
    guard let first = heading.first, first.isUppercase, isTitle(heading) else { return nil }
    return ("\(mark).", heading)
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

  /// The value of an upper-case Roman numeral of I, V, X and L ("XIV" → 14), nil for other text.
  static func romanValue(_ text: String) -> Int? {
    RomanNumeral.value(text, digits: .upperToL)
  }

  /// A label that is both a letter and a Roman numeral is placed by the series it goes on
  /// from: `(i)` after `(h)` is the letter i, `(l)` after `(k)` the twelfth letter, and a doubled
  /// letter after the one before it (`(cc)` after `(bb)`, `(ii)` after `(hh)`) a letter of the
  /// doubled series; elsewhere a Roman numeral. An open Roman series keeps it Roman only where
  /// it goes on from it (`(v)` after `(iv)`): `(i)` after `(h)`'s `(ii)` is the letter i. And
  /// `next`, the label after it, keeps it Roman where it goes on from it: `(i)` after `(h)`, then
  /// `(ii)`, is the first Roman item under `(h)`.
  static func disambiguate(_ label: Label, after open: [Label?], next: Label? = nil) -> Label {
    guard case .roman(let value, let printed) = label, value.count <= 2 else { return label }
    let single: [String: String] = ["i": "h", "v": "u", "x": "w", "l": "k", "c": "b", "d": "c", "m": "l"]
    var before: String?
    if value.count == 1 {
      before = single[value]
    } else if value.first == value.last, let letter = single[String(value.prefix(1))] {
      before = letter + letter
    }
    guard let before else { return label }
    if let lastLetter = open.last(where: { if case .letter = $0 { return true } else { return false } }),
      case .letter(let letter, _)? = lastLetter, letter == before
    {
      let number = romanValue(value.uppercased())
      func goesOn(_ other: String) -> Bool {
        guard let number, let previous = romanValue(other.uppercased()) else { return false }
        return number == previous + 1
      }
      if open.contains(where: { if case .roman(let other, _)? = $0 { goesOn(other) } else { false } }) {
        return label
      }
      if case .roman(let following, _)? = next, let number, romanValue(following.uppercased()) == number + 1 {
        return label
      }
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
