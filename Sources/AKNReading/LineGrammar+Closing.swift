import AKNModel
import Foundation

extension LineGrammar {
  /// The end of the operative part: a meeting line.
  static func meetingNumber(_ text: String) -> Int? {
    // Most lines do not start with a digit: nothing to fold.
    guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first >= 0x30, first <= 0x39
    else { return nil }
    // Nor, after its digits, with the first letter of an ordinal's ending ("st", "nd", "rd",
    // "th"): a numbered paragraph ("3.\tInvites …") is refused on its bytes.
    guard
      let after = text.utf8.drop(while: { $0 == 0x20 || $0 == 0x09 }).first(where: { $0 < 0x30 || $0 > 0x39 }
      ),
      after == 0x73 || after == 0x6E || after == 0x72 || after == 0x74
    else { return nil }
    // The whole line, folded: "48th plenary meeting", not a wrapped line that starts with an
    // ordinal. Read on the bytes: a line that matches is ASCII throughout (digits, the
    // ordinal's ending, the words, then only spaces and periods), so its bytes and its
    // `Character`s say the same.
    var trimmed = text.collapsingSpaces
    return trimmed.withUTF8 { bytes -> Int? in
      var index = 0
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      guard index > 0, let value = Int(String(decoding: bytes[..<index], as: UTF8.self)) else {
        return nil
      }
      func skip(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard bytes.count - index >= length,
          memcmp(bytes.baseAddress! + index, word.utf8Start, length) == 0
        else { return false }
        index += length
        return true
      }
      guard skip("st") || skip("nd") || skip("rd") || skip("th") else { return nil }
      _ = skip(" (resumed)")
      guard skip(" plenary meeting") || skip(" meeting") else { return nil }
      return bytes[index...].allSatisfy { $0 == 0x20 || $0 == 0x2E } ? value : nil
    }
  }

  /// "Adopted at the 2963rd meeting …", "Adopted unanimously at …", "Adopted without vote …".
  static func isTrailer(_ text: String) -> Bool {
    text.hasPrefix("Adopted ") && !isAdoptedBy(.securityCouncil, text)
  }

  /// Whether `text` opens "Adopted by the " and `body`'s name ("Adopted by the Security Council
  /// at its 3217th meeting …").
  static func isAdoptedBy(_ body: UNBody, _ text: String) -> Bool {
    text.hasPrefix("Adopted by the ") && text.dropFirst("Adopted by the ".count).hasPrefix(body.name)
  }

  /// "at its 3217th meeting", "at the 2963rd meeting" → the meeting number.
  static func meeting(in text: String) -> Int? {
    for word in text.split(separator: " ") {
      let digits = word.prefix(while: \.isASCIIDigit)
      guard !digits.isEmpty, digits.count < 6 else { continue }
      let suffix = word[digits.endIndex...]
      if ["st", "nd", "rd", "th"].contains(suffix), let value = Int(digits) {
        return value
      }
    }
    return nil
  }

  /// Whether `text` opens the closing of an adopted instrument (a convention, treaty or
  /// agreement): its final formulas, "IN WITNESS WHEREOF, the undersigned … have signed this
  /// Convention." and "DONE at New York, this … day of …" (also "Done at", "In witness
  /// whereof"), after which come the signatures. They close the instrument, not its last article.
  static func opensInstrumentClosing(_ text: String) -> Bool {
    guard
      startsWithWord(text, ["IN WITNESS WHEREOF", "In witness whereof", "DONE at ", "Done at "], then: nil)
    else { return false }
    let trimmed = text.trimmed
    if trimmed.hasPrefix("IN WITNESS") || trimmed.hasPrefix("In witness") {
      // The formula and what it says: "IN WITNESS WHEREOF, the undersigned …".
      return trimmed.dropFirst("IN WITNESS WHEREOF".count).first.map { $0 == "," || $0 == " " } ?? true
    }
    // "DONE at New York, this …": a place (a capital) after "at".
    return trimmed.dropFirst("DONE at ".count).first?.isUppercase == true
  }

  /// "(See A/71/PV.1)", "(A/71/717/Add.2, para. 5, A/71/PV.89)".
  static func isRecordsReference(_ text: String) -> Bool {
    guard text.first == "(", text.last == ")", text.contains("/") else { return false }
    let inner = text.dropFirst()
    return inner.hasPrefix("See ") || Self.isSymbol(String(inner.prefix { $0 != "," && $0 != ")" }))
  }

  /// Stands in the running text where an inline note was taken out, until the structure is
  /// read; a private-use character no text carries.
  static let inlineNoteMark: Character = "\u{E000}"

  /// `12-48022`: two digits, a hyphen, five digits.
  package static func isJobNumber(_ text: some StringProtocol) -> Bool {
    // Two ASCII digits, a hyphen, five ASCII digits: exactly these eight bytes.
    var offset = 0
    for byte in text.utf8 {
      guard offset < 8, offset == 2 ? byte == 0x2D : (byte >= 0x30 && byte <= 0x39) else { return false }
      offset += 1
    }
    return offset == 8
  }

  /// A job-number line: `23-23832`, `23-23832 (E)    061223`, `02-72318 (E)`.
  package static func jobNumber(inLine text: String) -> String? {
    let trimmed = text.trimmed
    var first = trimmed.prefix { $0 != " " }
    // A reissued document marks its job number and symbol with an asterisk: "23-24915*".
    if first.last == "*" { first = first.dropLast() }
    guard isJobNumber(first) else { return nil }
    let rest = trimmed[first.endIndex...].drop { $0 == "*" }.trimmed
    guard rest.isEmpty || rest.hasPrefix("(") else { return nil }
    return String(first)
  }

  /// A page number: `2/19`.
  package static func isPageNumber(_ text: String) -> Bool {
    let parts = text.trimmed.split(separator: "/", omittingEmptySubsequences: false)
    return parts.count == 2
      && parts.allSatisfy { (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }
  }

  /// A barcode line: `*2325865*`.
  package static func isBarcode(_ text: String) -> Bool {
    let trimmed = text.trimmed
    return trimmed.count > 3 && trimmed.first == "*" && trimmed.last == "*"
      && trimmed.dropFirst().dropLast().allSatisfy(\.isASCIIDigit)
  }

  /// A footnote separator: a run of underscores.
  package static func isRule(_ text: String) -> Bool {
    let trimmed = text.trimmed
    return trimmed.count >= 5 && trimmed.allSatisfy { $0 == "_" }
  }

  /// A document symbol: `A/RES/78/12`, `S/RES/1445 (2002)`, `A/78/L.12`.
  package static func isSymbol(_ text: String) -> Bool {
    let trimmed = text.trimmed
    guard let first = trimmed.first, "ASE".contains(first), trimmed.dropFirst().first == "/" else {
      return false
    }
    return trimmed.count < 40 && !trimmed.contains("  ")
  }

  /// "3  See …" → ("3", "See …"); "a  Levels …" → ("a", …); "*  The voting …" → ("*", …).
  package static func noteStart(_ text: String) -> (String, String)? {
    let digits = text.prefix(while: \.isASCIIDigit)
    var marker = Substring(digits)
    if digits.isEmpty {
      guard let first = text.first, first == "*" || (first.isASCII && first.isLowercase) else { return nil }
      marker = text.prefix(1)
    }
    guard marker.count <= 3 else { return nil }
    var rest = text[marker.endIndex...]
    if rest.first == "/" { rest = rest.dropFirst() }
    // "17See …", "33.One …": a number set against its note by OCR.
    if !digits.isEmpty, rest.first == "." || rest.first?.isUppercase == true {
      let body = rest.drop { $0 == "." }.trimmed
      guard body.first?.isUppercase == true else { return nil }
      return (String(marker), body)
    }
    guard let separator = rest.first, separator == " " || separator == "\t" else { return nil }
    let body = rest.trimmed
    guard !body.isEmpty else { return nil }
    // A lower-case marker is followed by a capital ("a  Levels"), not by a word ("a new").
    if !digits.isEmpty || marker == "*" || body.first?.isUppercase == true {
      return (String(marker), body)
    }
    return nil
  }
}
