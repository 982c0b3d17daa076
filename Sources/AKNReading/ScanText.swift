import AKNModel
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fast scanning of text by Unicode scalar with the semantics of `Character`.
///
/// Walking `Character`s costs grapheme breaking and a property look-up per character. When every
/// character of a text is one Unicode scalar, walking its scalars gives the same positions and,
/// through `ScanUnit`, the same answers.
package enum ScanText {
  /// True when every `Character` of `text` is exactly one Unicode scalar. Checked cheaply for the
  /// scalars that always stand alone as a character (ASCII but CR, Latin-1 and Latin Extended,
  /// general punctuation, currency signs); otherwise by counting characters.
  package static func isOneScalarPerCharacter<Text: StringProtocol>(_ text: Text) -> Bool {
    let fast =
      text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        var index = 0
        while index < bytes.count {
          guard let width = standaloneWidth(bytes, at: index) else { return false }
          index += width
        }
        return true
      } ?? false
    return fast || text.count == text.unicodeScalars.count
  }
}

extension ScanText {
  /// The scalar value of the UTF-8 sequence that starts at `index` of `bytes` (valid UTF-8: a
  /// String's bytes), and its length in bytes: the one decoder of the byte paths.
  @inline(__always)
  package static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (
    value: UInt32, length: Int
  ) {
    let lead = bytes[index]
    if lead < 0x80 { return (UInt32(lead), 1) }
    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    var value = UInt32(lead & (lead < 0xE0 ? 0x1F : lead < 0xF0 ? 0x0F : 0x07))
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    return (value, length)
  }
}

extension ScanText {
  /// The scalars of `text`, as `Array(text.unicodeScalars)`, decoded from its UTF-8 bytes into
  /// an array allocated once at its size.
  package static func scalars(_ text: String) -> [Unicode.Scalar] {
    var text = text
    return text.withUTF8 { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return [Unicode.Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
        var index = 0
        var out = 0
        while index < bytes.count {
          let (value, length) = decodeScalar(bytes, at: index)
          // Valid UTF-8 (a String's bytes) encodes only valid scalars.
          buffer[out] = Unicode.Scalar(value)!
          index += length
          out += 1
        }
        initialized = out
      }
    }
  }

  /// The UTF-8 length of the scalar at `index` of valid UTF-8 `bytes` when it always stands alone
  /// as a character: ASCII but CR (1), U+0080–U+02FF, Latin-1 and Latin Extended before the
  /// combining marks (2), U+2010–U+2027 and U+2030–U+205E, general punctuation but the
  /// separators, joiners and format controls (3); nil for any other scalar.
  package static func standaloneWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    let lead = bytes[index]
    if lead < 0x80 { return lead == 0x0D ? nil : 1 }
    if lead >= 0xC2 && lead <= 0xCB { return index + 1 < bytes.count ? 2 : nil }
    guard lead == 0xE2, index + 2 < bytes.count else { return nil }
    let second = bytes[index + 1]
    let third = bytes[index + 2]
    let punctuation =
      (second == 0x80 && ((0x90...0xA7).contains(third) || (0xB0...0xBF).contains(third)))
      || (second == 0x81 && (0x80...0x9E).contains(third))
    return punctuation ? 3 : nil
  }

  /// Runs of spaces and tabs folded into one space and the ends trimmed, on the bytes; nil when
  /// a character may not be one scalar (then a space or a tab may be part of a larger
  /// character, and the caller folds by `Character`).
  package static func foldingSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var standsAlone = true
    let folded = String(unsafeUninitializedCapacity: bytes.count) { buffer in
      var length = 0
      var pendingSpace = false
      var index = 0
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 {
          pendingSpace = length > 0
          index += 1
          continue
        }
        if pendingSpace {
          buffer[length] = 0x20
          length &+= 1
          pendingSpace = false
        }
        if byte < 0x80 && byte != 0x0D {
          buffer[length] = byte
          length &+= 1
          index &+= 1
          // The printable ASCII bytes after it (0x21–0x7F: no space, tab, CR or non-ASCII byte),
          // copied in a tighter loop: what this loop does with them one by one. (`length` never
          // passes `index`: within `buffer`, of `count` bytes.)
          while index < count, bytes[index] &- 0x21 < 0x5F {
            buffer[length] = bytes[index]
            length &+= 1
            index &+= 1
          }
          continue
        }
        // The same test as `isOneScalarPerCharacter`, scalar by scalar.
        guard let width = standaloneWidth(bytes, at: index) else {
          standsAlone = false
          return 0
        }
        let end = min(index + width, count)
        while index < end {
          buffer[length] = bytes[index]
          length += 1
          index += 1
        }
      }
      return length
    }
    return standsAlone ? folded : nil
  }

  /// True for the scalars that are always a character of their own, whatever their neighbours
  /// (ASCII but CR, Latin-1 and Latin Extended, general punctuation but the separators, joiners
  /// and format controls): a run of them, and the scalar after it, are one scalar per character.
  package static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (value < 0x300 && value != 0x0D) || (0x2010...0x2027).contains(value)
      || (0x2030...0x205E).contains(value)
  }
}

/// One unit of scanned text, a `Character` or a `Unicode.Scalar`, with `Character`'s semantics.
package protocol ScanUnit {
  /// `Character.isLetter`: the first scalar is alphabetic.
  var isLetter: Bool { get }
  /// `Character.isNumber`: the first scalar has a numeric type.
  var isNumber: Bool { get }
  /// `Character.asciiValue`.
  var ascii: UInt8? { get }
  /// Whether the unit is this one scalar (`Character` equality for a character).
  func isScalar(_ scalar: Unicode.Scalar) -> Bool
  /// The text of some units.
  static func string(_ units: ArraySlice<Self>) -> String
  /// The number of units in `text`.
  static func count(_ text: String) -> Int
}

extension ScanUnit {
  package var isASCIIDigit: Bool {
    guard let ascii else { return false }
    return ascii >= 0x30 && ascii <= 0x39
  }
  package var isASCIIUppercase: Bool {
    guard let ascii else { return false }
    return ascii >= 0x41 && ascii <= 0x5A
  }
  package var isASCIIAlphanumeric: Bool {
    guard let ascii else { return false }
    return (ascii >= 0x30 && ascii <= 0x39) || ((ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7A)
  }
}

extension Character: ScanUnit {
  package var ascii: UInt8? { asciiValue }
  package func isScalar(_ scalar: Unicode.Scalar) -> Bool { self == Character(scalar) }
  package static func string(_ units: ArraySlice<Character>) -> String { String(units) }
  package static func count(_ text: String) -> Int { text.count }
}

/// An ASCII byte as a unit of a text that is all ASCII (``ScanText/asciiBytes(_:)``), where a
/// byte is a scalar and a character: the same answers as `Unicode.Scalar` and `Character` give
/// for it, without decoding. Not for any other byte.
extension UInt8: ScanUnit {
  package var isLetter: Bool { (self | 0x20) &- 0x61 < 26 }
  package var isNumber: Bool { self &- 0x30 < 10 }
  package var ascii: UInt8? { self }
  package func isScalar(_ scalar: Unicode.Scalar) -> Bool { UInt32(self) == scalar.value }
  package static func string(_ units: ArraySlice<UInt8>) -> String { String(decoding: units, as: UTF8.self) }
  package static func count(_ text: String) -> Int { text.utf8.count }
}

extension ScanText {
  /// The bytes of `text` when it is all ASCII and holds no CR (which joins the LF after it into
  /// one character), so that each byte is one character; nil otherwise.
  package static func asciiBytes(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { bytes in
      // In two passes that go many bytes at a time: the bytes ORed together (a loop the compiler
      // vectorises), then a CR looked for by the C library's `memchr`.
      var combined: UInt8 = 0
      for byte in bytes { combined |= byte }
      guard combined < 0x80 else { return nil }
      guard let base = bytes.baseAddress else { return [] }
      return memchr(base, 0x0D, bytes.count) == nil ? Array(bytes) : nil
    }
  }
}

extension Unicode.Scalar: ScanUnit {
  package var isLetter: Bool {
    if value < 0x80 { return ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A) }
    return properties.isAlphabetic
  }
  package var isNumber: Bool {
    if value < 0x80 { return value >= 0x30 && value <= 0x39 }
    return properties.numericType != nil
  }
  package var ascii: UInt8? { value < 0x80 ? UInt8(value) : nil }
  package func isScalar(_ scalar: Unicode.Scalar) -> Bool { self == scalar }
  package static func string(_ units: ArraySlice<Unicode.Scalar>) -> String {
    String(unsafeUninitializedCapacity: units.count * 4) { buffer in
      var length = 0
      for scalar in units {
        let value = scalar.value
        if value < 0x80 {
          buffer[length] = UInt8(value)
          length += 1
        } else {
          for byte in UTF8.encode(scalar)! {
            buffer[length] = byte
            length += 1
          }
        }
      }
      return length
    }
  }
  package static func count(_ text: String) -> Int { text.unicodeScalars.count }
}

extension ScanText {
  /// False when the bytes of `needle` do not occur in `text`: a cheap test before a Foundation
  /// search. `needle` must be ASCII without `K`, `;` and `` ` `` (the only ASCII characters with
  /// canonical equivalents), so that no other spelling of it can match.
  package static func hasBytes<Text: StringProtocol>(_ text: Text, _ needle: String) -> Bool {
    let found = text.utf8.withContiguousStorageIfAvailable { haystack in
      needle.utf8.withContiguousStorageIfAvailable { needle -> Bool in
        needle.isEmpty || byteOffset(of: needle, in: haystack) != nil
      }
    }
    // Not contiguous: let the caller search.
    return (found ?? nil) ?? true
  }

  /// The first byte offset of non-empty `needle` in `haystack`, or nil. The next first byte by
  /// the C library's `memchr` (many bytes at a time): a needle's first byte ("<", "[") is rare
  /// in a text.
  static func byteOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    guard let first = needle.first, needle.count <= haystack.count, let base = haystack.baseAddress else {
      return nil
    }
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
      index = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
      var offset = 1
      while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
      if offset == needle.count { return index }
      index += 1
    }
    return nil
  }
}

extension ScanText {
  /// The ranges of the words of `text` (as `WordCheck` and `Words` find them) when every
  /// character of it is one scalar of the blocks `forEachWord` reads and it is stored
  /// contiguously; nil otherwise.
  package static func wordIndexRanges(_ text: String) -> [Range<String.Index>]? {
    let offsets =
      text.utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>]? in
        var ranges: [Range<Int>] = []
        return forEachWord(in: bytes) { range, _ in ranges.append(range) } ? ranges : nil
      } ?? nil
    guard let offsets else { return nil }
    let utf8 = text.utf8
    return offsets.map {
      utf8.index(
        utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)
    }
  }

  /// A word of UTF-8 text as ``forEachWord(in:_:)`` finds it: where its bytes start in a buffer,
  /// how many they are, and whether it is a numeral.
  package struct WordSpan: Equatable {
    package var start: Int
    package var count: Int
    package var isNumeral: Bool

    package init(start: Int, count: Int, isNumeral: Bool) {
      self.start = start
      self.count = count
      self.isNumeral = isNumeral
    }
  }

  /// Appends to `spans` the words of UTF-8 `bytes` (``forEachWord(in:_:)``'s), each start moved
  /// by `base` (where `bytes` stand in the caller's buffer); when ``forEachWord(in:_:)`` cannot
  /// read the text, appends nothing and returns false. The words with no closure called per word.
  package static func appendWords(
    in bytes: UnsafeBufferPointer<UInt8>, at base: Int, to spans: inout [WordSpan]
  ) -> Bool {
    let first = spans.count
    // The words go to a buffer on the stack, copied to `spans` 40 at a time: an `Array.append`
    // per word cost more than the scan of the word. (40 spans are 960 bytes: a buffer of more than
    // 1,024 bytes may go to the heap.)
    let scanned = withUnsafeTemporaryAllocation(of: WordSpan.self, capacity: 40) { chunk -> Bool in
      var filled = 0
      let found = forEachWord(in: bytes) { range, isNumeral in
        if filled == chunk.count {
          spans.append(contentsOf: chunk)
          filled = 0
        }
        // `filled` < `chunk.count`: within the buffer.
        chunk.initializeElement(
          at: filled, to: WordSpan(start: base &+ range.lowerBound, count: range.count, isNumeral: isNumeral))
        filled &+= 1
      }
      spans.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<filled]))
      // `WordSpan` is a trivial type: its copies in `chunk` need no deinitialisation.
      return found
    }
    if !scanned { spans.removeSubrange(first...) }
    return scanned
  }

  /// Calls `body` with the byte range of each word of UTF-8 `bytes` and whether it is a
  /// numeral. Words are runs of letters or of digits (a letter–digit boundary splits), with
  /// `Character.isLetter` / `isNumber`.
  ///
  /// Reads the characters that are always one scalar (those of `isOneScalarPerCharacter`'s
  /// byte test); at any other it stops and returns false, and the caller scans by `Character`.
  ///
  /// Always inlined, so that `body` is inlined into the loop: no closure call per word.
  @inline(__always)
  package static func forEachWord(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ range: Range<Int>, _ isNumeral: Bool) -> Void
  ) -> Bool {
    wordClasses.withUnsafeBufferPointer { classes in
      var start = -1
      var previousIsNumber = false
      var index = 0
      let count = bytes.count
      while index < count {
        let lead = bytes[index]
        let isNumber: Bool
        var next = index + 1
        let leadClass = classes[Int(lead)]
        switch leadClass {
        case WordClass.letter, WordClass.digit:
          // A run of ASCII letters or of digits at once: one word, or the word it goes on.
          let isDigits = leadClass == WordClass.digit
          if start < 0 {
            start = index
          } else if isDigits != previousIsNumber {
            body(start..<index, previousIsNumber)
            start = index
          }
          previousIsNumber = isDigits
          index = next
          while index < count, classes[Int(bytes[index])] == leadClass { index += 1 }
          continue
        case WordClass.other:
          if start >= 0 {
            body(start..<index, previousIsNumber)
            start = -1
          }
          index = next
          continue
        case WordClass.carriageReturn:
          return false
        default:
          guard let width = standaloneWidth(bytes, at: index) else { return false }
          next = index + width
          let value =
            width == 2
            ? UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            : UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
              | UInt32(bytes[index + 2] & 0x3F)
          let properties = Unicode.Scalar(value)!.properties
          let number = properties.numericType != nil
          guard number || properties.isAlphabetic else {
            if start >= 0 {
              body(start..<index, previousIsNumber)
              start = -1
            }
            index = next
            continue
          }
          isNumber = number
        }
        if start < 0 {
          start = index
        } else if isNumber != previousIsNumber {
          body(start..<index, previousIsNumber)
          start = index
        }
        previousIsNumber = isNumber
        index = next
      }
      if start >= 0 { body(start..<count, previousIsNumber) }
      return true
    }
  }

  /// What a byte is to ``forEachWord(in:_:)``: an ASCII letter, digit, CR or other character,
  /// or the lead or continuation of a longer UTF-8 sequence.
  private enum WordClass {
    static let other: UInt8 = 0
    static let letter: UInt8 = 1
    static let digit: UInt8 = 2
    static let carriageReturn: UInt8 = 3
    static let multiByte: UInt8 = 4
  }

  /// ``WordClass`` of each byte value.
  private static let wordClasses: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
    switch byte {
    case 0x80...: WordClass.multiByte
    case 0x0D: WordClass.carriageReturn
    case 0x30...0x39: WordClass.digit
    case 0x41...0x5A, 0x61...0x7A: WordClass.letter
    default: WordClass.other
    }
  }
}

extension StringProtocol {
  /// The first range of `needle` in the text, as Foundation's `range(of:)` finds it. Found on the
  /// bytes when the text is ASCII and `needle` printable ASCII: there Foundation's search (which
  /// matches canonical equivalents and whole characters) is a byte comparison, and it cost ~7,000
  /// instructions a call through `NSString`. Any other text or needle goes to Foundation.
  package func range(ofASCII needle: String) -> Range<Index>? {
    let found = utf8.withContiguousStorageIfAvailable { haystack in
      needle.utf8.withContiguousStorageIfAvailable { needle in ScanText.asciiOffset(of: needle, in: haystack)
      }
    }
    switch found {
    case .some(.some(.found(let offset))):
      let lower = utf8.index(utf8.startIndex, offsetBy: offset)
      return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    case .some(.some(.absent)):
      return nil
    default:
      return range(of: needle)
    }
  }
}

extension ScanText {
  /// What ``StringProtocol/range(ofASCII:)`` found on the bytes.
  package enum ASCIISearch: Equatable {
    /// The needle's first byte offset.
    case found(Int)
    /// Not in the text.
    case absent
    /// The text is not ASCII or the needle not printable ASCII (or empty): Foundation answers.
    case notASCII
  }

  /// The first occurrence of printable ASCII `needle` in ASCII `haystack`.
  package static func asciiOffset(
    of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>
  )
    -> ASCIISearch
  {
    guard !needle.isEmpty, needle.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
      !haystack.contains(where: { $0 >= 0x80 })
    else { return .notASCII }
    return byteOffset(of: needle, in: haystack).map { .found($0) } ?? .absent
  }
}
