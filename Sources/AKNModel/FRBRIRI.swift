/// The FRBR IRI of a UN deliberation (a resolution or decision) in the AKN naming convention:
/// the one type that builds every IRI the tool writes, the document's own and the targets of
/// its citations (in the spirit of cobalt's `FrbrUri`).
///
/// `/akn/un/statement/deliberation/un-ga/2012-12-03/67-27` (work),
/// `…/eng@2012-12-03` (expression), `…/eng@2012-12-03.xml` (manifestation), and a component of
/// any of them: `…/!main`, `…/!annex_1`, `…/!main.xml`.
public struct FRBRIRI: Sendable, Hashable, Codable {
  /// The actor code of the body that adopted it (`un-ga`, `un-sc`).
  public var actor: String
  /// The date of adoption.
  public var date: SimpleDate
  /// The number part (`67-27`, `68-247_B`, `242`, `nn`): see ``number(printed:)``.
  public var number: String
  /// The language of the expression (ISO 639-2).
  public var language = "eng"

  /// The IRI of the work `number` that `actor` adopted on `date`.
  public init(actor: String, date: SimpleDate, number: String) {
    self.actor = actor
    self.date = date
    self.number = number
  }

  /// `/akn/un/statement/deliberation/un-ga/2012-12-03/67-27`.
  public var work: String {
    // Written in one allocation (an IRI is built for every citation), as `joined` writes its
    // parts but without the array a variadic call allocates (~1,000 instructions a citation).
    let date = date.description
    let prefix = "/akn/un/statement/deliberation/"
    let count = prefix.utf8.count + actor.utf8.count + 1 + date.utf8.count + 1 + number.utf8.count
    return String(unsafeUninitializedCapacity: count) { buffer in
      var written = 0
      Self.put(prefix, into: buffer, at: &written)
      Self.put(actor, into: buffer, at: &written)
      Self.put("/", into: buffer, at: &written)
      Self.put(date, into: buffer, at: &written)
      Self.put("/", into: buffer, at: &written)
      Self.put(number, into: buffer, at: &written)
      return written
    }
  }
  /// `…/eng@2012-12-03`: the expression in ``language`` as adopted.
  public var expression: String {
    let date = date.description
    return Self.joined(
      "/akn/un/statement/deliberation/", actor, "/", date, "/", number, "/", language, "@", date)
  }
  /// `…/eng@2012-12-03.xml`.
  public var manifestation: String { Self.joined(expression, ".xml") }

  /// The work's component `name` (`main`, `annex_1`): `…/67-27/!main`.
  public func workComponent(_ name: String) -> String { Self.joined(work, "/!", name) }
  /// The expression's component `name`: `…/eng@2012-12-03/!main`.
  public func expressionComponent(_ name: String) -> String { Self.joined(expression, "/!", name) }
  /// The manifestation of the expression's component `name`: `…/eng@2012-12-03/!main.xml`.
  public func manifestationComponent(_ name: String) -> String { Self.joined(expression, "/!", name, ".xml") }

  /// `parts` one after the other, as `parts.joined()` or an interpolation gives them, their UTF-8
  /// written once into a string of the right size: each `+=` or interpolated part costs ~300
  /// instructions (and the string grows), and these IRIs are built several times per document
  /// and once per citation.
  static func joined(_ parts: String...) -> String {
    var count = 0
    for part in parts { count += part.utf8.count }
    return String(unsafeUninitializedCapacity: count) { buffer in
      var written = 0
      for part in parts { put(part, into: buffer, at: &written) }
      return written
    }
  }

  /// Writes `part`'s UTF-8 into `buffer` from `written` on and moves `written` past it.
  /// Bounds-checked: `initialize(from:)` writes at most the slice's room and says where it
  /// stopped; the callers count the room all their parts need first.
  @inline(__always)
  private static func put(
    _ part: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at written: inout Int
  ) {
    let (_, end) = buffer[written...].initialize(from: part.utf8)
    written = end
  }

  /// The number part of an IRI for a number as printed: `67/27` → `67-27`; `68/247 B` →
  /// `68-247_B`; a decision in parts, `71/546 A, B and C` → `71-546` (one work, its parts
  /// components of it); anything else with `/` as `-` and spaces as `_`.
  public static func number(printed: String) -> String {
    if let number = sessionNumber(printed) { return number }
    if let number = DocumentNumber(printed) { return number.iriNumber }
    return String(printed.map { $0 == "/" ? "-" : $0 == " " ? "_" : $0 })
  }

  /// The number part of the usual forms, `67/27` and `68/247 B` (a session of one to three
  /// digits and a number of one to four, neither zero), read from the bytes as
  /// ``DocumentNumber`` reads them; nil for any other form.
  static func sessionNumber(_ printed: String) -> String? {
    printed.utf8.withContiguousStorageIfAvailable { bytes -> String? in
      var index = 0
      /// The run of at most `max` digits at `index`, not all zeros: where its first digit other
      /// than "0" is and where it ends; nil for no such run.
      func digits(max: Int) -> Range<Int>? {
        let start = index
        var significant: Int?
        while index < bytes.count, bytes[index] &- 0x30 < 10 {
          guard index - start < max else { return nil }
          if significant == nil, bytes[index] != 0x30 { significant = index }
          index += 1
        }
        return significant.map { $0..<index }
      }
      guard let session = digits(max: 3), index < bytes.count, bytes[index] == 0x2F else { return nil }
      index += 1
      guard let number = digits(max: 4) else { return nil }
      var letter: UInt8?
      if index < bytes.count {
        guard index + 2 == bytes.count, bytes[index] == 0x20, bytes[index + 1] &- 0x41 < 26 else {
          return nil
        }
        letter = bytes[index + 1]
      }
      // "session-number" or "session-number_L", each number written as its decimal digits (its
      // digits from the first that is not "0", as `"\(value)"` writes it), into one string of the
      // right size instead of an interpolation (~850 instructions; one number per citation).
      let count = session.count + 1 + number.count + (letter == nil ? 0 : 2)
      return String(unsafeUninitializedCapacity: count) { buffer in
        var written = 0
        func put(_ byte: UInt8) {
          buffer[written] = byte  // bounds-checked; `count` above is the room needed
          written += 1
        }
        for offset in session { put(bytes[offset]) }
        put(0x2D)
        for offset in number { put(bytes[offset]) }
        if let letter {
          put(0x5F)
          put(letter)
        }
        return written
      }
    } ?? nil
  }
}
