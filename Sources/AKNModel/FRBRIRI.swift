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
    // Appended with the room reserved, not interpolated (an IRI is built for every citation).
    let date = date.description
    var work = "/akn/un/statement/deliberation/"
    work.reserveCapacity(work.utf8.count + actor.utf8.count + date.utf8.count + number.utf8.count + 2)
    work += actor
    work += "/"
    work += date
    work += "/"
    work += number
    return work
  }
  /// `…/eng@2012-12-03`: the expression in ``language`` as adopted.
  public var expression: String { "\(work)/\(language)@\(date)" }
  /// `…/eng@2012-12-03.xml`.
  public var manifestation: String { "\(expression).xml" }

  /// The work's component `name` (`main`, `annex_1`): `…/67-27/!main`.
  public func workComponent(_ name: String) -> String { "\(work)/!\(name)" }
  /// The expression's component `name`: `…/eng@2012-12-03/!main`.
  public func expressionComponent(_ name: String) -> String { "\(expression)/!\(name)" }
  /// The manifestation of the expression's component `name`: `…/eng@2012-12-03/!main.xml`.
  public func manifestationComponent(_ name: String) -> String { "\(expression)/!\(name).xml" }

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
      func digits(max: Int) -> Int? {
        var value = 0
        let start = index
        while index < bytes.count, bytes[index] &- 0x30 < 10 {
          guard index - start < max else { return nil }
          value = value * 10 + Int(bytes[index] &- 0x30)
          index += 1
        }
        return index > start && value > 0 ? value : nil
      }
      guard let session = digits(max: 3), index < bytes.count, bytes[index] == 0x2F else { return nil }
      index += 1
      guard let number = digits(max: 4) else { return nil }
      if index == bytes.count { return "\(session)-\(number)" }
      guard index + 2 == bytes.count, bytes[index] == 0x20, bytes[index + 1] &- 0x41 < 26 else { return nil }
      return "\(session)-\(number)_\(Character(Unicode.Scalar(bytes[index + 1])))"
    } ?? nil
  }
}
