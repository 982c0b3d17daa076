import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The byte-level refusals of the structure reading and its checks (issue 24) give what the
/// `String` code they go before gave: on made-up edge cases (non-ASCII, empty, spaces and tabs,
/// combining marks) and on every line of the shared corpus.
@Suite struct StructureFastPathTests {
  static let madeUp = [
    "", " ", "\t", ":", " : ", "Decides:", "Decides: ", "Decides:\t", "Decides :\t ", "Decides", "a)",
    "b) To",
    "\tb)\tTo", " b)", "b)x", "B) To", "(b) To", "bb) To", "b\u{301}) To", "b)\u{301} To", "é) To",
    "\u{600}b) To",
    " \u{301}b) To", "b", ")", "1) To", "z)", "{) To", "`) To", "Decides:\u{301}", "Decides\u{600}:",
    "Decides: \u{301}",
    "table:", "in the table below:", "\u{201C}Quoted:\u{201D}", "colon\u{A0}:", "ends : \u{2003}",
  ]

  /// The made-up lines and every line of the shared corpus's texts.
  static func lines() -> [String] {
    var lines = madeUp
    for url in FastPathTests.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    return lines
  }

  @Test("a text refused as ending with a colon on its segments' bytes never trimmed to end with one")
  func endsWithColon() {
    for line in Self.lines() {
      let blocks = [
        TextBlock(line, line: 1),
        TextBlock(segments: [.text(line), .noteRef(marker: "1")], line: 1),
        TextBlock(segments: [.italic(line), .text("  \t")], line: 1),
        TextBlock(
          segments: [.text("A"), .part(.docType, [.leadPhrase(line)]), .noteRepeat(marker: "2")], line: 1),
      ]
      for block in blocks where !ParagraphRun.mayEndWithColon(block.segments) {
        #expect(!block.plainText.trimmed.hasSuffix(":"), "\(line)")
        #expect(!block.plainText.hasSuffix(":"), "\(line)")
      }
    }
  }

  @Test("a line refused as opening with a bare letter on its bytes has no such first word")
  func bareLetter() {
    for line in Self.lines() where !ParagraphRun.mayOpenWithBareLetter(line) {
      // What repairOpeningParenthesis asks of the first word before it repairs it.
      let token = line.trimmed.prefix { $0 != " " && $0 != "\t" }
      let bare =
        token.count == 2 && token.last == ")" && token.first.map { $0.isASCII && $0.isLowercase } == true
      #expect(!bare, "\(line)")
    }
    #expect(ParagraphRun.mayOpenWithBareLetter("b) To abstain"))
    #expect(ParagraphRun.mayOpenWithBareLetter("\t c)"))
  }
}

extension StructureFastPathTests {
  @Test("the Main Committees' names may be looked for on bytes first (ASCII without K, ; and `)")
  func committeeNames() {
    for committee in UNBody.mainCommittees {
      #expect(committee.name.allSatisfy { $0.isASCII && !"K;`".contains($0) }, "\(committee.name)")
    }
  }
}
