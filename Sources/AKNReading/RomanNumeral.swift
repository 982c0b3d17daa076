/// Roman numerals as the documents print them: section and list labels (`XIV.`, `(iv)`),
/// sessions in old symbols (`1514 (XV)`). One reading and one writing for every reader.
enum RomanNumeral {
  /// The digits a reading accepts: which letters, in which case.
  struct Digits: Sendable {
    /// The value of each accepted ASCII letter.
    let values: [UInt8: Int]

    /// `I V X L`: section labels and sessions (no label or session goes past `L`).
    static let upperToL = Digits(values: ["I": 1, "V": 5, "X": 10, "L": 50])
    /// `I V X L C D M`: any number up to 3999.
    static let upper = Digits(values: ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000])
    /// `i v x l c`: list labels.
    static let lowerToC = Digits(values: ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100])

    private init(values: [Character: Int]) {
      self.values = Dictionary(uniqueKeysWithValues: values.map { ($0.key.asciiValue!, $0.value) })
    }
  }

  /// The value of the ASCII letters `ascii` read as a Roman numeral of `digits`, nil when a letter
  /// is not one of them or there is none. Lenient, as printed labels are: a digit smaller than
  /// one after it is subtracted (`IV` 4, `XIV` 14), and a form not written the usual way still has
  /// its value (`IIII` 4); with `canonical`, only the usual form is a numeral (`IV`, not `IIII`),
  /// up to 3999.
  static func value<Letters: BidirectionalCollection>(
    ascii letters: Letters, digits: Digits, canonical: Bool = false
  ) -> Int? where Letters.Element == UInt8? {
    var total = 0
    var previous = 0
    for letter in letters.reversed() {
      guard let letter, let value = digits.values[letter] else { return nil }
      if value < previous { total -= value } else { total += value }
      previous = max(previous, value)
    }
    guard total > 0 else { return nil }
    if canonical {
      guard total < 4000, letters.elementsEqual(string(total).utf8.lazy.map { Optional($0) }) else {
        return nil
      }
    }
    return total
  }

  /// The value of `text` read as a Roman numeral of `digits` (see ``value(ascii:digits:canonical:)``).
  static func value(_ text: some StringProtocol, digits: Digits, canonical: Bool = false) -> Int? {
    value(ascii: text.utf8.lazy.map { Optional($0) }, digits: digits, canonical: canonical)
  }

  /// The numerals' letters, largest first, with the subtractive pairs.
  static let table: [(Int, String)] = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
  ]

  /// `value` as a Roman numeral written the usual way, in capitals (`14` → `XIV`).
  static func string(_ value: Int) -> String {
    var rest = value
    var result = ""
    for (amount, letters) in table {
      while rest >= amount {
        result += letters
        rest -= amount
      }
    }
    return result
  }
}
