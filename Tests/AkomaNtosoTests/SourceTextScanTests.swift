import Testing

@testable import AKNReading

/// `SourceText`'s byte scans that read eight bytes at a time give what a byte-by-byte scan
/// gives, at every offset and length, around every byte value that stops them.
@Suite struct SourceTextScanTests {
  static func plainEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
    var index = start
    while index < bytes.endIndex, !(bytes[index] >= 0x80 || bytes[index] == 0 || bytes[index] == 0x0A) {
      index += 1
    }
    return index
  }

  static func printable(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
  }

  @Test func wordScansAgreeWithByteScans() {
    var generator = SystemRandomNumberGenerator()
    // Every byte value, alone in printable text, at each position of a 20-byte line.
    for value in 0...255 {
      for position in 0..<20 {
        var line = Array("The General Assembly".utf8)
        line[position] = UInt8(value)
        let bytes = line[...]
        #expect(SourceText.isPrintableASCII(bytes) == Self.printable(bytes))
        for start in 0...line.count {
          #expect(SourceText.endOfPlainASCII(bytes, from: start) == Self.plainEnd(bytes, from: start))
        }
      }
    }
    // Random slices (not starting at 0) of mostly printable bytes.
    for _ in 0..<2_000 {
      let count = Int.random(in: 0..<40, using: &generator)
      let line = (0..<count + 5).map { _ -> UInt8 in
        Int.random(in: 0..<10, using: &generator) == 0
          ? UInt8.random(in: 0...255, using: &generator) : UInt8.random(in: 0x20...0x7E, using: &generator)
      }
      let bytes = line[3..<(count + 3)]
      #expect(SourceText.isPrintableASCII(bytes) == Self.printable(bytes))
      for start in bytes.startIndex...bytes.endIndex {
        #expect(SourceText.endOfPlainASCII(bytes, from: start) == Self.plainEnd(bytes, from: start))
      }
    }
  }
}
