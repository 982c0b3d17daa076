/// A General Assembly resolution or decision number: `71/401`, `68/247 B`, `71/546 A, B and C`.
///
/// The session comes first, then the number within the session, then the part letters of a
/// document adopted in parts. The printed form of the parts is the UN's own: `A`, `A and B`,
/// `A, B and C`.
public struct DocumentNumber: Sendable, Hashable, CustomStringConvertible {
  /// The session, e.g. 71.
  public var session: Int
  /// The number within the session, e.g. 546.
  public var number: Int
  /// The part letters, e.g. `["A", "B", "C"]`; empty for a document not in parts.
  public var parts: [String]

  /// Creates a number.
  public init(session: Int, number: Int, parts: [String] = []) {
    self.session = session
    self.number = number
    self.parts = parts
  }

  /// The form users type and the UN prints.
  public static let expectedForm =
    "SESSION/NUMBER with optional part letters, such as 74/521, 71/546 A or 71/546 A, B and C"

  /// Reads `71/401`, `71/546 A`, `71/504 A and B`, `73/547 A, B and C` (also `A B and C`), with
  /// surrounding spaces ignored; nil for anything else.
  public init?(_ text: String) {
    let trimmed = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    guard let slash = trimmed.firstIndex(of: "/") else { return nil }
    let sessionText = trimmed[..<slash]
    let rest = trimmed[trimmed.index(after: slash)...]
    let numberText = rest.prefix { $0.isASCII && $0.isNumber }
    guard (1...3).contains(sessionText.count), sessionText.allSatisfy({ $0.isASCII && $0.isNumber }),
      (1...4).contains(numberText.count), let session = Int(sessionText), let number = Int(numberText),
      session > 0, number > 0
    else { return nil }
    guard let parts = Self.parts(rest[numberText.endIndex...]) else { return nil }
    self.init(session: session, number: number, parts: parts)
  }

  /// The part letters of ` A`, ` A and B`, ` A, B and C`, ` A B and C`; `[]` for nothing, nil
  /// for anything that is not a list of capital letters.
  static func parts(_ text: Substring) -> [String]? {
    let words = text.split { $0 == " " || $0 == "," }
    var parts: [String] = []
    for (index, word) in words.enumerated() {
      if word == "and" {
        // "and" only before the last letter.
        guard index == words.count - 2, !parts.isEmpty else { return nil }
        continue
      }
      guard word.count == 1, let letter = word.first, letter.isASCII, letter.isUppercase,
        !parts.contains(String(letter))
      else { return nil }
      parts.append(String(letter))
    }
    if words.count >= 2, words[words.count - 2] != "and" { return nil }
    return parts
  }

  /// The number from a file name in the UN symbol form: `A_DEC_71_401.txt` → 71/401,
  /// `A_DEC_71_504_A_and_B.txt` → 71/504 A and B, `A_DEC_77_507_A,_B_and_C.txt` → 77/507 A, B
  /// and C, `A_RES_78_1.txt` or `A_RES_78_1.pdf` → 78/1 (`.txt`, `.pdf` or `.md`); a trailing `_` (a trailing space in the symbol) is
  /// ignored. Nil for any other name. The kind (`DEC` or `RES`) comes with it.
  public static func fromFileName(_ name: String) -> (number: DocumentNumber, kind: String)? {
    let component = lastPathComponent(name)
    switch fromASCIIFileName(component) {
    case .notSymbolForm: return nil
    case .read(let number, let kind): return (number, kind)
    case .undecided: break
    }
    var base = component
    for suffix in [".txt", ".TXT", ".pdf", ".PDF", ".md"] where base.hasSuffix(suffix) {
      base = base.dropLast(suffix.count)
    }
    let fields = base.split(separator: "_", omittingEmptySubsequences: false)
    guard fields.count >= 4, fields[0] == "A", fields[1] == "DEC" || fields[1] == "RES" else { return nil }
    let rest = fields[4...].joined(separator: " ")
    guard let number = DocumentNumber("\(fields[2])/\(fields[3]) \(rest)") else { return nil }
    return (number, String(fields[1]))
  }

  /// What `name.split(separator: "/").last` gives (the text after the last "/" `Character`, or
  /// "" when there is none after it), found on the bytes when the bytes next to the last "/"
  /// byte are ASCII (so that no mark joins the slash into another `Character`).
  static func lastPathComponent(_ name: String) -> Substring {
    let utf8 = name.utf8
    if let slash = utf8.lastIndex(of: UInt8(ascii: "/")) {
      let after = utf8.index(after: slash)
      if slash == utf8.startIndex || utf8[utf8.index(before: slash)] < 0x80,
        after == utf8.endIndex || utf8[after] < 0x80
      {
        return after == utf8.endIndex ? name.split(separator: "/").last ?? "" : name[after...]
      }
    } else {
      return name[...]
    }
    return name.split(separator: "/").last ?? ""
  }

  /// What ``fromASCIIFileName(_:)`` tells.
  private enum FileNameReading {
    /// Not ASCII, or in the symbol form but not the plain one: read by `Character`.
    case undecided
    /// Not in the symbol form (`A_DEC_…`, `A_RES_…`).
    case notSymbolForm
    /// A plain number: `A_RES_78_1.txt`.
    case read(DocumentNumber, kind: String)
  }

  /// ``fromFileName(_:)`` of a file name (no folders) read on its bytes when it is ASCII (where
  /// bytes and `Character`s say the same): whether it is in the symbol form, and the number of
  /// `A_RES_78_1.txt` (a session of one to three digits, a number of one to four, neither zero,
  /// no part letters) read at once.
  private static func fromASCIIFileName(_ name: Substring) -> FileNameReading {
    var bytes = Array(name.utf8)
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return .undecided }
    // The suffixes, one after the other, as `fromFileName(_:)` drops them.
    for suffix in [".txt", ".TXT", ".pdf", ".PDF", ".md"]
    where bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
      bytes.removeLast(suffix.utf8.count)
    }
    let fields = bytes.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false)
    guard fields.count >= 4, fields[0].elementsEqual("A".utf8),
      fields[1].elementsEqual("DEC".utf8) || fields[1].elementsEqual("RES".utf8)
    else { return .notSymbolForm }
    func value(_ digits: ArraySlice<UInt8>, _ lengths: ClosedRange<Int>) -> Int? {
      guard lengths.contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
        return nil
      }
      let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
      return value > 0 ? value : nil
    }
    guard fields.count == 4, let session = value(fields[2], 1...3), let number = value(fields[3], 1...4)
    else {
      return .undecided
    }
    return .read(
      DocumentNumber(session: session, number: number), kind: String(decoding: fields[1], as: UTF8.self))
  }

  /// `71/546 A, B and C`.
  public var description: String {
    var text = "\(session)/\(number)"
    switch parts.count {
    case 0: break
    case 1: text += " \(parts[0])"
    default: text += " " + parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
    return text
  }

  /// The number in an IRI: `71-546` for a document in several parts (one work, its parts are
  /// components), `68-247_B` for a document that is one part of a number.
  public var iriNumber: String {
    parts.count == 1 ? "\(session)-\(number)_\(parts[0])" : "\(session)-\(number)"
  }
}
