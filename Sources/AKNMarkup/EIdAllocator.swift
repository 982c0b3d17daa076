import Foundation

/// Gives elements their eIds by the AKN naming convention (`element_ref_number`, heads joined
/// by `__`): an element's printed number where it has one, else its position among its siblings
/// of the same name ("counted in sequence"), never an eId given twice, never the number a
/// numbered sibling will take (bluebell's `IdGenerator`).
struct EIdAllocator {
  /// eIds given so far, to keep them unique. Room for a short resolution's eIds from the start:
  /// growing from empty rehashed every eId given before at each doubling.
  private var usedEIds = Set<String>(minimumCapacity: 64)
  /// eIds that numbered elements of a container will take: an unnumbered sibling built before
  /// them never takes their number.
  private var reservedEIds = Set<String>(minimumCapacity: 32)
  /// How many elements each eId head (`att_1__para`, `para_2__authorialNote`) has had so far:
  /// an element's position among its siblings of the same name. Keyed by `Substring`, equal
  /// and hashed as the `String` of its characters would be, so that the head of an eId given
  /// is counted without copying it into a new string (and allocating one for a head of more than
  /// 15 bytes).
  private var siblingCount = [Substring: Int](minimumCapacity: 32)

  /// "3." → "3", "(a)" → "a", "I" → "I"; nil when nothing is left.
  package static func numberPart(_ num: String?) -> String? {
    guard let num else { return nil }
    if let part = asciiNumberPart(num) { return part.isEmpty ? nil : part }
    let part = num.filter { $0.isLetter || $0.isNumber }
    return part.isEmpty ? nil : part
  }

  /// ``numberPart(_:)``'s letters and digits of an ASCII `num` (all printed numbers in
  /// practice), on its bytes; nil for any other text. Among ASCII characters (a "\r\n" is
  /// neither) `Character.isLetter` holds for A–Z and a–z only and `isNumber` for 0–9 only.
  static func asciiNumberPart(_ num: String) -> String? {
    let utf8 = num.utf8
    guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
    // The usual number ("3", "a", "IV") is all letters and digits: itself.
    let isKept = { (byte: UInt8) in
      (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
    if utf8.allSatisfy(isKept) { return num }
    return String(decoding: utf8.filter(isKept), as: UTF8.self)
  }

  /// Reserves `head_N` for each printed number of `nums`.
  mutating func reserve(_ nums: [String?], head: String) {
    for num in nums {
      if let part = Self.numberPart(num) { reservedEIds.insert("\(head)_\(part)") }
    }
  }

  /// The eId of an element: `head_number` (the AKN naming convention's `element_ref_number`),
  /// the number being its printed number or, for an element without one, its position among
  /// its siblings of the same name ("counted in sequence").
  mutating func make(head: String, number: String?) -> String {
    guard let number else { return sequenced(head[...]) }
    return unique("\(head)_\(number)")
  }

  /// `eId` if no element has it yet; else (a number printed twice in one place, a second note
  /// with the same marker) the element is counted in sequence, like an unnumbered one.
  mutating func unique(_ eId: String) -> String {
    // One hash of the eId: inserted when new, left as it was when taken.
    guard let separator = Self.headEnd(eId) else {
      if usedEIds.insert(eId).inserted { return eId }
      return sequenced(eId[...])
    }
    let head = eId[..<separator]
    if usedEIds.insert(eId).inserted {
      siblingCount[head, default: 0] += 1
      return eId
    }
    return sequenced(head)
  }

  /// Where the head of `eId` ends: at the first "_" of its last component (after its last
  /// "__"), nil when that component has none ("para_1" → "para", "x__y_2" → "x__y"). On the
  /// bytes for an ASCII eId (all of them in practice), where a byte "_" is a character "_".
  package static func headEnd(_ eId: String) -> String.Index? {
    guard let found = asciiLastComponent(eId) else {
      return eId[afterLastDoubleUnderscore(eId)...].firstIndex(of: "_")
    }
    return found.underscore.map { eId.utf8.index(eId.utf8.startIndex, offsetBy: $0) }
  }

  /// Where the last component of `eId` starts: after its last "__" (in "a___b", after the
  /// third underscore), or at its start.
  package static func afterLastDoubleUnderscore(_ eId: String) -> String.Index {
    guard let found = asciiLastComponent(eId) else {
      return eId.range(of: "__", options: .backwards)?.upperBound ?? eId.startIndex
    }
    return eId.utf8.index(eId.utf8.startIndex, offsetBy: found.start)
  }

  /// For an ASCII eId stored contiguously (all of them in practice): the byte offsets of its
  /// last component's start and of the first "_" in that component. One pass from the end
  /// (which also checks that every byte is ASCII): the last "__" ends at the last "_" that a "_"
  /// comes before, and the first "_" after it is the last "_" met before reaching it. Nil for any
  /// other eId, which Foundation's search and the `Character` search read.
  private static func asciiLastComponent(_ eId: String) -> (start: Int, underscore: Int?)? {
    let found = eId.utf8.withContiguousStorageIfAvailable { bytes -> (start: Int, underscore: Int?)? in
      var start: Int?
      var underscore: Int?
      var index = bytes.count - 1
      while index >= 0 {
        let byte = bytes[index]
        guard byte < 0x80 else { return nil }
        if start == nil, byte == 0x5F {
          if index > 0, bytes[index - 1] == 0x5F {
            start = index + 1
          } else {
            underscore = index
          }
        }
        index -= 1
      }
      return (start ?? 0, underscore)
    }
    return found ?? nil
  }

  /// `head_N`, N the element's position among the siblings under `head`, or the next number
  /// after it that neither an element nor a numbered sibling's reservation has taken.
  private mutating func sequenced(_ head: Substring) -> String {
    siblingCount[head, default: 0] += 1
    var number = siblingCount[head]!
    var candidate = "\(head)_\(number)"
    while usedEIds.contains(candidate) || reservedEIds.contains(candidate) {
      number += 1
      candidate = "\(head)_\(number)"
    }
    usedEIds.insert(candidate)
    return candidate
  }
}
