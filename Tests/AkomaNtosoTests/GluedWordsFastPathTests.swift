import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The glued-marker check's words found on an ASCII text's bytes (issue 24) are those the
/// `Character` split gave it: on made-up edge cases (non-ASCII, empty, spaces and tabs, edges,
/// commas, `\r\n`) and on every line of the shared corpus.
@Suite struct GluedWordsFastPathTests {
  static let madeUp = [
    "", " ", "\t", "1", " 1 ", "\t1\t", "Committee8", "Committee8,", "(Committee8)", "“Committee8”",
    "\"Committee8\"", "'1989'", "[2014–20242]", "4,995,400", "4,9954", ",12", "12,", "(12).", ".;:()[]\"'",
    "a.1", "a. 1", "HIV/AIDS7 and COVID-1915;", "19895 2014", "systems;3255 ", "systems;3255\r\n", "a\r\n1",
    "1\r", "\r1", "word\u{301}8", "wo\u{301}rd8 x9", "\u{301}8", "8\u{301}", "a 8\u{301} 9", "é9",
    " \u{301}9",
    "x9\u{A0}y8", "x9\u{2003}y8", "1 2 3 4 5 6 7 8 9 10", "a1b2c3", "(a)1", "a1)", "a1]", "a1'", "a1\"",
    "a1“", "words only", "   spaces   between   ", "\t\ttabs\t\t9\t",
  ]

  /// The made-up lines and every line of the shared corpus's texts.
  static func lines() -> [String] { FastPathTests.corpusLines(after: madeUp) }

  /// What the check read of `text` before: every word, those ending in a digit and holding no comma.
  static func referenceDigitWords(_ text: String) -> [Substring] {
    Invariants.gluedCheckWords(text).filter { word in
      guard let last = word.utf8.last else { return false }
      return last >= 0x30 && last <= 0x39 && !word.contains(",")
    }
  }

  @Test("the words ending in a digit found on an ASCII text's bytes are those its characters give")
  func digitWords() {
    var ascii = 0
    for line in Self.lines() {
      let reference = Self.referenceDigitWords(line)
      guard let found = Invariants.gluedDigitWords(line) else {
        #expect(line.utf8.contains { $0 >= 0x80 }, "\(line)")
        continue
      }
      ascii += 1
      #expect(!line.utf8.contains { $0 >= 0x80 }, "\(line)")
      #expect(found == reference, "\(line)")
      #expect(found.map(\.startIndex) == reference.map(\.startIndex), "\(line)")
      #expect(found.map { $0.count } == reference.map { $0.count }, "\(line)")
    }
    #expect(ascii > 20)
  }

  @Test("a glued marker is still found in an ASCII text and in a text with other characters")
  func candidates() {
    let notes = (1...12).map { Footnote(marker: "\($0)", text: TextBlock("See A/66/\($0).", line: 100 + $0)) }
    let byMarker = Invariants.NotesByMarker(notes)
    for text in ["the Committee12; and 19895", "the Committee12; and 19895 “é”"] {
      var candidates: [Invariants.GluedCandidate] = []
      Invariants.gluedCandidates(
        in: text, line: 3, notes: notes, byMarker: byMarker, unmatchedLines: [], into: &candidates)
      #expect(
        candidates.map { "\($0.note) \($0.word) \($0.stem) \($0.line)" } == [
          "11 Committee12 Committee 3", "4 19895 1989 3",
        ], "\(text)")
    }
  }
}
