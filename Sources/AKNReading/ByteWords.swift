/// Eight bytes read as one word (issue 24's byte scans): masks with the high bit of each byte
/// that passes a test, no other bit, byte `k` of the eight read (in memory order) at bits `8k`
/// to `8k + 7`. Each test is exact: every byte's sum stays under 0x100, so no carry crosses into
/// the next byte.
enum ByteWords {
  static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  static let high: UInt64 = 0x8080_8080_8080_8080

  /// The eight bytes of `raw` from `offset` (the caller checks `offset + 8 <= raw.count`), the
  /// first in the lowest bits.
  @inline(__always)
  static func load(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  /// `byte` in each of the eight bytes.
  @inline(__always)
  static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

  /// The bytes equal to the byte `pattern` repeats (``repeated(_:)``): the zero bytes of
  /// `word ^ pattern` (a byte's low seven bits plus 0x7F set its high bit unless they are 0).
  @inline(__always)
  static func equal(_ word: UInt64, repeated pattern: UInt64) -> UInt64 {
    let value = word ^ pattern
    return ~(((value & low7) &+ low7) | value | low7)
  }

  /// The bytes equal to `byte`.
  @inline(__always)
  static func equal(_ word: UInt64, to byte: UInt8) -> UInt64 { equal(word, repeated: repeated(byte)) }

  /// The ASCII digits: bytes under 0x80 whose low seven bits plus 0x50 reach 0x80 (at least
  /// 0x30) and plus 0x46 do not (under 0x3A).
  @inline(__always)
  static func digits(_ word: UInt64) -> UInt64 {
    let value = word & low7
    return (value &+ 0x5050_5050_5050_5050) & ~(value &+ 0x4646_4646_4646_4646) & ~word & high
  }

  /// The ASCII letters: bytes under 0x80 that, `| 0x20`, lie in `0x61...0x7A` (the per-byte
  /// test `(byte | 0x20) &- 0x61 < 26`): their seven low bits, `| 0x20`, plus `0x1F` reach 0x80
  /// (at least 0x61) and plus `0x05` do not (under 0x7B); at most `0x9E`, so no carry.
  @inline(__always)
  static func asciiLetters(_ word: UInt64) -> UInt64 {
    let value = (word | repeated(0x20)) & low7
    return (value &+ repeated(0x1F)) & ~(value &+ repeated(0x05)) & ~word & high
  }

  /// The bytes over 0x7F.
  @inline(__always)
  static func over7F(_ word: UInt64) -> UInt64 { word & high }

  /// The place (0 to 7) of the first byte a non-zero mask marks.
  @inline(__always)
  static func firstIndex(_ mask: UInt64) -> Int { mask.trailingZeroBitCount / 8 }
}
