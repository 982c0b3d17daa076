import Testing

@testable import AKNReading

/// The invariants' byte-level readings (issue 24) give what the code they replace gave: each is
/// compared with a copy of that code on made-up edge cases and on every line of the shared corpus.
@Suite struct InvariantFastPathTests {
  /// `Invariants.lastLetterOfRun(_:from:)` before it read eight bytes at a time: one at a time.
  static func referenceLastLetter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    while index + 1 < bytes.count, (bytes[index + 1] | 0x20) &- 0x61 < 26 { index += 1 }
    return index
  }

  static let madeUp: [String] = [
    "", "a", "ab", "abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijklmnopq", "abcdefghijklmnop",
    "The General Assembly, Recalling its resolution 77/1.", "ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ az AZ",
    "word\u{7F}word", "wordé", "éàüabcdefghijkéabc", "abcdefgh\u{80}", "abc\u{FF}de", "zzzzzzzz{zzzzzz",
    "aaaaaaa`aaaaaaaa", "AAAAAAA@AAAAAAA[", "Ā ā Ł ł ſ ǅ", "tab\there", "letters1234567890letters",
    "Resolution 12. Recalling. Noting; Welcoming: Deciding! Asking? Yes", "x\u{00E1}\u{00FA}y",
  ]

  @Test("the run of letters read eight bytes at a time ends where the byte-by-byte reading ended")
  func lastLetterOfRun() {
    for line in FastPathTests.corpusLines(after: Self.madeUp) {
      var text = line
      text.withUTF8 { bytes in
        for index in bytes.indices where (bytes[index] | 0x20) &- 0x61 < 26 {
          let fast = Invariants.lastLetterOfRun(bytes, from: index)
          let reference = Self.referenceLastLetter(bytes, from: index)
          #expect(fast == reference, "\(line) at \(index)")
          if fast != reference { return }
        }
      }
    }
    // Every byte value after and inside a run of letters, at every place of the eight.
    for value in 0...255 {
      for place in 0..<18 {
        var bytes = [UInt8](repeating: 0x61, count: 18)
        bytes[place] = UInt8(value)
        bytes.withUnsafeBufferPointer { buffer in
          #expect(
            Invariants.lastLetterOfRun(buffer, from: 0) == Self.referenceLastLetter(buffer, from: 0),
            "\(value) at \(place)")
        }
      }
    }
  }
}
