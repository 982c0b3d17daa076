import AKNModel

/// Reading the dates and numbers that resolutions print in words.
enum Dates {
  static let months = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ]

  /// A date found in a text, with where it is.
  struct Match {
    var date: SimpleDate?
    /// The text of the date as printed.
    var text: String
    /// The range of the date in the scanned string.
    var range: Range<String.Index>
  }

  /// Parses a whole string that is a date: "3 December 2012" (also "December 3, 2012").
  static func parse(_ text: String) -> SimpleDate? {
    let trimmed = text.trimmed
    guard let match = find(in: trimmed), match.range == trimmed.startIndex..<trimmed.endIndex else {
      return nil
    }
    return match.date
  }

  /// Finds the first "D Month YYYY" in `text`. The match's `date` is nil when the day does not
  /// exist in that month (31 February), so that callers can report it instead of guessing.
  static func find(in text: String) -> Match? {
    findAll(in: text, limit: 1).first
  }

  /// Finds every "D Month YYYY" in `text`, in order.
  static func findAll(in text: String, limit: Int = .max) -> [Match] {
    var results: [Match] = []
    let words = Words(text)
    var index = 0
    while index + 2 < words.count, results.count < limit {
      defer { index += 1 }
      let dayWord = words[index]
      // A day and a year are ASCII digits: one byte a character (checked before counting).
      guard dayWord.value.utf8.count <= 2, let day = Int(dayWord.value),
        index + 1 < words.count,
        let month = monthNumber(words[index + 1].value),
        words.isAdjacent(index, index + 1),
        // "4 December2024": the space before the year lost in the print, still one date.
        words.isAdjacent(index + 1, index + 2) || words.areJoined(index + 1, index + 2),
        words[index + 2].value.utf8.count == 4, let year = Int(words[index + 2].value)
      else { continue }
      let range = dayWord.range.lowerBound..<words[index + 2].range.upperBound
      results.append(
        Match(
          date: SimpleDate(year: year, month: month, day: day), text: String(text[range]),
          range: range))
      index += 2
    }
    return results
  }

  /// The month number for a month name, case-insensitive.
  static func monthNumber(_ word: Substring) -> Int? {
    let lower = word.lowercased()
    return months.firstIndex(of: lower).map { $0 + 1 }
  }

  /// The months' names as bytes.
  static let monthBytes = months.map { Array($0.utf8) }

  /// ``monthNumber(_:)`` for a word of ASCII bytes, read on the bytes: lowercasing an ASCII text
  /// maps A–Z to a–z and keeps every other byte, so the word is a month's name when its bytes,
  /// so mapped, are the name's.
  static func monthNumber<Bytes: Collection<UInt8>>(ascii word: Bytes) -> Int? {
    let count = word.count
    for (index, name) in monthBytes.enumerated() where name.count == count {
      if zip(word, name).allSatisfy({ ($0 &- 0x41 < 26 ? $0 | 0x20 : $0) == $1 }) { return index + 1 }
    }
    return nil
  }

  static let units = [
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
  ]
  static let tens = [
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
  ]

  /// "Sixty-seventh" → 67, "Tenth" → 10, "Seventieth" → 70. Nil if not an ordinal in words.
  static func ordinal(_ word: String) -> Int? {
    let parts = word.lowercased().split(separator: "-")
    switch parts.count {
    case 1:
      return units[String(parts[0])] ?? tens[String(parts[0])]
    case 2:
      guard let ten = tens[String(parts[0])], ten % 10 == 0, let unit = units[String(parts[1])],
        unit < 10
      else { return nil }
      return ten + unit
    default:
      return nil
    }
  }
}

/// The words of a string (runs of letters and digits) with their ranges, for small scanners.
struct Words {
  struct Word {
    var value: Substring
    var range: Range<String.Index>
  }

  private(set) var items: [Word] = []
  private let text: String

  init(_ text: String) {
    self.text = text
    // Every character one scalar (the usual case): the same words found on the bytes.
    if let ranges = ScanText.wordIndexRanges(text) {
      items = ranges.map { Word(value: text[$0], range: $0) }
      return
    }
    var start: String.Index?
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character.isLetter || character.isNumber {
        // "2012Sixty-seventh" (a masthead run together) is two words.
        if let begin = start, text[text.index(before: index)].isNumber != character.isNumber {
          items.append(Word(value: text[begin..<index], range: begin..<index))
          start = index
        }
        if start == nil { start = index }
      } else if let begin = start {
        items.append(Word(value: text[begin..<index], range: begin..<index))
        start = nil
      }
      index = text.index(after: index)
    }
    if let begin = start {
      items.append(Word(value: text[begin..<text.endIndex], range: begin..<text.endIndex))
    }
  }

  var count: Int { items.count }
  subscript(index: Int) -> Word { items[index] }

  /// True when only spaces separate word `a` from word `b` (and, for dates, a comma is allowed).
  func isAdjacent(_ a: Int, _ b: Int) -> Bool {
    let between = text[items[a].range.upperBound..<items[b].range.lowerBound]
    return !between.isEmpty && between.allSatisfy { $0 == " " }
  }

  /// True when word `b` follows word `a` with nothing between (letters run into digits:
  /// "December2024").
  func areJoined(_ a: Int, _ b: Int) -> Bool {
    items[a].range.upperBound == items[b].range.lowerBound
  }
}

extension StringProtocol {
  /// The string without leading and trailing spaces and tabs.
  var trimmed: String {
    // On the bytes: a space or a tab is a character of its own unless a non-ASCII scalar next
    // to it can join it (a combining mark after it, a prepended mark before it), so the bytes
    // decide when the scalars next to the trimmed runs are ASCII.
    let fast =
      utf8.withContiguousStorageIfAvailable { bytes -> String? in
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == 0 && end == bytes.count { return String(self) }
        if start > 0, start < bytes.count, bytes[start] >= 0x80 { return nil }
        if end < bytes.count, end > 0, bytes[end - 1] >= 0x80 { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      } ?? nil
    if let fast { return fast }
    var start = startIndex
    var end = endIndex
    while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
    while end > start {
      let before = index(before: end)
      guard self[before] == " " || self[before] == "\t" else { break }
      end = before
    }
    return String(self[start..<end])
  }

  /// Runs of spaces and tabs folded into one space, and the ends trimmed.
  package var collapsingSpaces: String {
    // Nothing to collapse: no tab, no space at either end, no two spaces together (read eight
    // bytes at a time).
    let unchanged = utf8.withContiguousStorageIfAvailable(SpaceFolding.isCollapsed) ?? false
    if unchanged { return String(self) }
    if let folded = utf8.withContiguousStorageIfAvailable(ScanText.foldingSpaces) ?? nil {
      return folded
    }
    var result = ""
    result.reserveCapacity(utf8.count)
    var pendingSpace = false
    for character in self {
      if character == " " || character == "\t" {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.append(" ") }
        pendingSpace = false
        result.append(character)
      }
    }
    return result
  }
}

/// Whether a text's bytes need no folding of spaces (``StringProtocol/collapsingSpaces``).
enum SpaceFolding {
  /// Whether `bytes` hold no tab, no two spaces together and no space at either end (and are
  /// not empty): what the byte loop of ``StringProtocol/collapsingSpaces`` tells, eight bytes at
  /// a time.
  ///
  /// A word of eight bytes is read whole (``ByteWords``; each load bounds-checked by the loop:
  /// `index + 8 <= count`) and its tab and space bytes found at once. Two spaces together are a
  /// space byte after a space byte, in the word or across the words' border; the bytes after the
  /// last whole word are read one by one as before.
  static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    guard count > 0 else { return false }
    let raw = UnsafeRawBufferPointer(bytes)
    let tab = ByteWords.repeated(0x09)
    let space = ByteWords.repeated(0x20)
    // Whether the byte before the next one read is a space (before the first: as if one were,
    // so that a leading space counts as two together).
    var afterSpace = true
    var index = 0
    while index + 8 <= count {
      let word = ByteWords.load(raw, at: index)
      let tabs = ByteWords.equal(word, repeated: tab)
      let spaces = ByteWords.equal(word, repeated: space)
      if tabs != 0 || spaces & (spaces << 8) != 0 || (afterSpace && spaces & 0x80 != 0) { return false }
      afterSpace = spaces & 0x8000_0000_0000_0000 != 0
      index += 8
    }
    while index < count {
      let byte = bytes[index]
      if byte == 0x09 || (byte == 0x20 && afterSpace) { return false }
      afterSpace = byte == 0x20
      index += 1
    }
    return !afterSpace
  }
}
