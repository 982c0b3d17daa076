import Foundation

/// Gives elements their eIds by the AKN naming convention (`element_ref_number`, heads joined
/// by `__`): an element's printed number where it has one, else its position among its siblings
/// of the same name ("counted in sequence"), never an eId given twice, never the number a
/// numbered sibling will take (bluebell's `IdGenerator`).
struct EIdAllocator {
  /// eIds given so far, to keep them unique.
  private var usedEIds: Set<String> = []
  /// eIds that numbered elements of a container will take: an unnumbered sibling built before
  /// them never takes their number.
  private var reservedEIds: Set<String> = []
  /// How many elements each eId head (`att_1__para`, `para_2__authorialNote`) has had so far:
  /// an element's position among its siblings of the same name.
  private var siblingCount: [String: Int] = [:]

  /// "3." → "3", "(a)" → "a", "I" → "I"; nil when nothing is left.
  package static func numberPart(_ num: String?) -> String? {
    guard let num else { return nil }
    let part = num.filter { $0.isLetter || $0.isNumber }
    return part.isEmpty ? nil : part
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
    var copy = eId
    let found: (ascii: Bool, offset: Int?) = copy.withUTF8 { bytes in
      var start = 0
      var afterUnderscore = false
      for index in 0..<bytes.count {
        let byte = bytes[index]
        guard byte < 0x80 else { return (false, nil) }
        if byte == 0x5F {
          if afterUnderscore { start = index + 1 }
          afterUnderscore = true
        } else {
          afterUnderscore = false
        }
      }
      var index = start
      while index < bytes.count, bytes[index] != 0x5F { index += 1 }
      return (true, index < bytes.count ? index : nil)
    }
    guard found.ascii else { return eId[afterLastDoubleUnderscore(eId)...].firstIndex(of: "_") }
    return found.offset.map { eId.utf8.index(eId.utf8.startIndex, offsetBy: $0) }
  }

  /// Where the last component of `eId` starts: after its last "__" (in "a___b", after the
  /// third underscore), or at its start. On the bytes for an ASCII eId (all of them in practice).
  package static func afterLastDoubleUnderscore(_ eId: String) -> String.Index {
    let utf8 = eId.utf8
    if utf8.contains(where: { $0 >= 0x80 }) {
      return eId.range(of: "__", options: .backwards)?.upperBound ?? eId.startIndex
    }
    var last: String.Index?
    var afterUnderscore = false
    var index = utf8.startIndex
    while index < utf8.endIndex {
      let byte = utf8[index]
      utf8.formIndex(after: &index)
      if byte == 0x5F {
        if afterUnderscore { last = index }
        afterUnderscore = true
      } else {
        afterUnderscore = false
      }
    }
    return last ?? eId.startIndex
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
