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
  /// an element's position among its siblings of the same name.
  private var siblingCount = [String: Int](minimumCapacity: 32)

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
    guard let number else { return sequenced(head) }
    return unique("\(head)_\(number)")
  }

  /// `eId` if no element has it yet; else (a number printed twice in one place, a second note
  /// with the same marker) the element is counted in sequence, like an unnumbered one.
  mutating func unique(_ eId: String) -> String {
    // One hash of the eId: inserted when new, left as it was when taken.
    guard let separator = Self.headEnd(eId) else {
      if usedEIds.insert(eId).inserted { return eId }
      return sequenced(eId)
    }
    let head = String(eId[..<separator])
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
    guard let start = asciiAfterLastDoubleUnderscore(eId) else {
      return eId[afterLastDoubleUnderscore(eId)...].firstIndex(of: "_")
    }
    return eId.utf8[start...].firstIndex(of: 0x5F)
  }

  /// Where the last component of `eId` starts: after its last "__" (in "a___b", after the
  /// third underscore), or at its start.
  package static func afterLastDoubleUnderscore(_ eId: String) -> String.Index {
    asciiAfterLastDoubleUnderscore(eId)
      ?? eId.range(of: "__", options: .backwards)?.upperBound ?? eId.startIndex
  }

  /// ``afterLastDoubleUnderscore(_:)`` for an ASCII eId (all of them in practice), on its
  /// bytes from the end, where the last component is: the last "__" ends at the last "_" that
  /// a "_" comes before. Nil for any other eId (Foundation's search reads characters).
  private static func asciiAfterLastDoubleUnderscore(_ eId: String) -> String.Index? {
    let utf8 = eId.utf8
    guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
    var end = utf8.endIndex
    // Whether the byte after the one before `end` is a "_".
    var followedByUnderscore = false
    while end > utf8.startIndex {
      let index = utf8.index(before: end)
      let isUnderscore = utf8[index] == 0x5F
      // A "_" then a "_": the last "__" ends after the second.
      if isUnderscore && followedByUnderscore { return utf8.index(after: end) }
      followedByUnderscore = isUnderscore
      end = index
    }
    return eId.startIndex
  }

  /// `head_N`, N the element's position among the siblings under `head`, or the next number
  /// after it that neither an element nor a numbered sibling's reservation has taken.
  private mutating func sequenced(_ head: String) -> String {
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
