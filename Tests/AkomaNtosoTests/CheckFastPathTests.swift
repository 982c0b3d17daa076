import Foundation
import Testing

@testable import AKNReading
@testable import AkomaNtoso

/// The lost-word check's and the invariants' byte paths (issue 24, round 8) answer as the code
/// they replace: each is compared with a copy of that code on made-up edge cases and on every
/// line of the shared corpus.
@Suite struct CheckFastPathTests {
  /// Words of every length around the 8 bytes a key holds whole, twins differing in one byte
  /// (first, middle, last), non-ASCII words, and words that end their text (the key's read
  /// byte by byte near a buffer's end).
  static let madeUp = [
    "", "a", "ab abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcdefghij",
    "abcdefgh abcdefgX Xbcdefgh abcdefghi abcdXfghi abcdefghX Xbcdefghi",
    "abcdefghijklmnop abcdefghijklmnoq abcdefgXijklmnop abcdefghijklmnopq abcdefghXjklmnopq",
    "1234567 12345678 123456789 1234567890123456 1234567890123457 12345678901234567",
    "café cafe\u{301} Ⅻ résolutions resolutions résolutionS réſolutions ﬁnance finance",
    "made,1 Committee2 in 1972 and 19721 and 59/3009 A/RES/78/1 2014–20242",
    "Generalversammlung Generalversammlunq Generalversammlung", "x", "xy", "xyzxyzxy", "xyzxyzxyz",
    // More words than the scan's buffer of 40 holds, three times over.
    (0..<150).map { "w\($0)x" }.joined(separator: " "),
  ]

  /// The word comparison before round 8: an FNV-1a hash of each word's NFC bytes, then the bytes
  /// compared; that is, the words' `String`s compared (canonical equivalence).
  static func referenceMatches(_ left: String, _ right: String) -> Bool { left == right }

  static func sequence(_ text: String, line: Int = 1) -> WordSequence {
    var sequence = WordSequence()
    sequence.append(wordsOf: text, line: line)
    return sequence
  }

  @Test("words match by their keys exactly when their Strings are equal")
  func keyedMatches() {
    var pairs = 0
    // Made-up lines: every pair of words of the lines, within a line and across all of them.
    var all = WordSequence()
    for text in Self.madeUp { all.append(wordsOf: text, line: 1) }
    for text in Self.madeUp {
      let words = Self.sequence(text)
      for i in 0..<words.count {
        for j in 0..<all.count {
          let expected = Self.referenceMatches(words.string(i), all.string(j))
          #expect(words.matches(i, all, j) == expected, "\(words.string(i)) / \(all.string(j))")
          #expect(all.matches(j, words, i) == expected, "\(all.string(j)) / \(words.string(i))")
          pairs += 1
        }
      }
    }
    // The corpus: each word with its neighbours, in the line and in the line read again after
    // another text (other offsets in the buffer, the last word away from the buffer's end).
    var previous = ""
    for text in FastPathTests.corpusLines(after: []) {
      let words = Self.sequence(text)
      var again = Self.sequence(previous)
      let offset = again.count
      again.append(wordsOf: text, line: 2)
      again.append(wordsOf: "and more words", line: 3)
      for i in 0..<words.count {
        for j in max(0, i - 3)..<min(words.count, i + 4) {
          let expected = Self.referenceMatches(words.string(i), words.string(j))
          #expect(words.matches(i, words, j) == expected, "\(text): \(i) \(j)")
          #expect(words.matches(i, again, offset + j) == expected, "\(text): \(i) \(j) again")
          pairs += 2
        }
      }
      previous = text
    }
    #expect(pairs > 0)
  }

  /// The words before round 8: runs of letters or of digits by `Character`, each in NFC (the
  /// old `appendScanningCharacters`, which the byte scan answers as).
  static func referenceWords(_ text: String) -> [(word: String, isNumeral: Bool)] {
    var words: [(word: String, isNumeral: Bool)] = []
    var current = ""
    var previousIsNumber = false
    for character in text {
      let isNumber = character.isNumber
      if isNumber || character.isLetter {
        if !current.isEmpty, isNumber != previousIsNumber {
          words.append((current.precomposedStringWithCanonicalMapping, previousIsNumber))
          current = ""
        }
        current.append(character)
        previousIsNumber = isNumber
      } else if !current.isEmpty {
        words.append((current.precomposedStringWithCanonicalMapping, previousIsNumber))
        current = ""
      }
    }
    if !current.isEmpty { words.append((current.precomposedStringWithCanonicalMapping, previousIsNumber)) }
    return words
  }

  @Test("the words, their numeral flags and their lines are those the Character scan gave")
  func wordsAndLines() {
    var sequence = WordSequence()
    var expected: [(word: String, isNumeral: Bool, line: Int)] = []
    // Texts with no word between others (their line names no word), several texts on one line.
    let texts = Self.madeUp + ["", "  ", "", "--"] + FastPathTests.corpusLines(after: []).prefix(30_000)
    for (number, text) in texts.enumerated() {
      let line = number / 2 + 1
      sequence.append(wordsOf: text, line: line)
      expected += Self.referenceWords(text).map { ($0.word, $0.isNumeral, line) }
    }
    #expect(sequence.count == expected.count)
    for index in 0..<min(sequence.count, expected.count) {
      #expect(sequence.string(index) == expected[index].word, "\(index)")
      #expect(sequence.isNumeral(index) == expected[index].isNumeral, "\(index)")
      #expect(sequence.line(index) == expected[index].line, "\(index)")
    }
    // The lines follow the words kept when numerals are dropped, and through a copy.
    var copy = WordSequence()
    copy.append(wordsOf: "before", line: 0)
    copy.append(contentsOf: sequence)
    let markers: Set<String> = ["1", "2", "3", "12", "1972", "٣"]
    copy.removeNumerals(in: markers)
    let kept = [("before", false, 0)] + expected.filter { !($0.isNumeral && markers.contains($0.word)) }
    #expect(copy.count == kept.count)
    for index in 0..<min(copy.count, kept.count) {
      #expect(copy.string(index) == kept[index].0, "\(index)")
      #expect(copy.line(index) == kept[index].2, "\(index)")
    }
  }

  @Test("the marker numerals dropped by their keys are those their Strings dropped")
  func keyedRemoveNumerals() {
    let markerSets: [Set<String>] = [
      ["1", "2", "12", "1972", "12345678", "123456789", "1234567890123456"],
      ["3009", "78", "20242", "7", "19"], ["١٢", "٣", "²"],
    ]
    for text in Self.madeUp + FastPathTests.corpusLines(after: []).prefix(20_000) {
      let all = Self.sequence(text)
      for markers in markerSets {
        let expected = (0..<all.count).filter { !(all.isNumeral($0) && markers.contains(all.string($0))) }
          .map(all.string)
        var sequence = all
        sequence.removeNumerals(in: markers)
        #expect((0..<sequence.count).map(sequence.string) == expected, "\(text) without \(markers)")
      }
    }
  }

  /// `ScanText.foldingSpaces` before round 8: byte by byte.
  static func referenceFoldingSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
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
          length += 1
          pendingSpace = false
        }
        if byte < 0x80 && byte != 0x0D {
          buffer[length] = byte
          length += 1
          index += 1
          continue
        }
        guard let width = ScanText.standaloneWidth(bytes, at: index) else {
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

  @Test("spaces folded with runs of printable ASCII copied at once, as byte by byte")
  func foldingSpaces() {
    let madeUp = [
      "", " ", "\t", "a", " a ", "  a  b\t\tc  ", "a\u{7F}b ~!x", "\u{1}\u{2} x\u{1F}y", "a\nb \n c",
      "a\r\nb", "line\r", "\r", "café  –  “x”  ", "a\u{301} b", "x\u{200B}y", "١٢ ٣", "end\u{7E}",
    ]
    for text in FastPathTests.corpusLines(after: madeUp) {
      var text = text
      let (folded, reference) = text.withUTF8 {
        (ScanText.foldingSpaces($0), Self.referenceFoldingSpaces($0))
      }
      #expect(folded == reference, "\(text)")
      if let folded { #expect(Array(folded.utf8) == Array(reference!.utf8), "\(text)") }
    }
  }

  /// `ScanText.asciiBytes` before round 8: one pass, byte by byte.
  static func referenceASCIIBytes(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { bytes in
      var combined: UInt8 = 0
      var carriageReturn = false
      for byte in bytes {
        combined |= byte
        if byte == 0x0D { carriageReturn = true }
      }
      return combined < 0x80 && !carriageReturn ? Array(bytes) : nil
    }
  }

  @Test("a text's ASCII bytes found in two passes, as in one")
  func asciiBytes() {
    let madeUp = [
      "", "a", "\r", "a\r", "\ra", "a\r\nb", "\u{7F}", "é", "abc\u{80}", "line one\tand two\n",
      String(repeating: "x", count: 100) + "\r", String(repeating: "y", count: 100) + "é",
      String(repeating: "z", count: 100),
    ]
    for text in FastPathTests.corpusLines(after: madeUp) {
      #expect(ScanText.asciiBytes(text) == Self.referenceASCIIBytes(text), "\(text)")
    }
  }
}
