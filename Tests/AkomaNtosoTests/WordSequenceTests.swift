import Foundation
import Testing

@testable import AkomaNtoso

/// The lost-word check's byte paths (issue 24) answer as the `String` comparisons they replace.
@Suite struct WordSequenceTests {
  static let texts = [
    "", "made,1 Committee2 in 1972 and 19721 and 59/3009", "note 12 and 120 and 3 4 5",
    "Arabic-Indic ٣ and ١٢, superscript ² and fullwidth １２", "e\u{301}1 cafe\u{301} café 7",
    "1234567890123456789 0 00 007", "tab\t1\nline 2\r\n3",
  ]
  static let markerSets: [Set<String>] = [
    [], ["1"], ["1", "2", "12", "3"], ["٣", "²", "１２", "0", "007"], ["7", "19"], ["a", "b", "1"],
  ]

  static func words(_ sequence: WordSequence) -> [String] {
    (0..<sequence.count).map(sequence.string)
  }

  @Test("numerals that are markers dropped by their bytes, as their Strings were dropped")
  func removeNumerals() {
    for text in Self.texts {
      var all = WordSequence()
      all.append(wordsOf: text, line: 1)
      for markers in Self.markerSets {
        let expected = (0..<all.count).filter { !(all.isNumeral($0) && markers.contains(all.string($0))) }
          .map(all.string)
        var sequence = all
        sequence.removeNumerals(in: markers)
        #expect(Self.words(sequence) == expected, "\(text) without \(markers)")
      }
    }
  }

  @Test("two words match exactly when their Strings are equal")
  func matches() {
    var left = WordSequence()
    var right = WordSequence()
    for text in Self.texts {
      left.append(wordsOf: text, line: 1)
      right.append(wordsOf: text.uppercased() + " " + text, line: 2)
    }
    for i in 0..<left.count {
      for j in 0..<right.count {
        #expect(left.matches(i, right, j) == (left.string(i) == right.string(j)), "\(i) \(j)")
      }
    }
  }
}
