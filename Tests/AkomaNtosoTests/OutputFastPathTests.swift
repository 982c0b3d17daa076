import Foundation
import Testing

@testable import AKNMarkup

/// The byte-level readings of the output side (issue 24: the plain-text renderer, the eId
/// allocator, the lost-word check) give what the `String` code they replace gave: each is
/// compared with a copy of that code on made-up edge cases and on every line of the shared corpus.
@Suite struct OutputFastPathTests {
  /// Made-up texts for the whitespace readings: spaces, line feeds, tabs, CR LF, a combining
  /// mark after a space, non-ASCII letters and spaces.
  static let whitespaceCases = [
    "", " ", "\n", "\t", "  \n  ", "\n\t\n", "\r\n", " \r\n", "\n\r\n ", " a", "\n\ta b",
    " \u{301}x", "\n\u{301}x", "\t\u{301}", "  \u{301}", " \u{200D}x", " é", "\né", "\u{A0}\n",
    "\n\u{A0}", "x\n", "é\n ", " \n x", "\u{2003}\n", "a", "\n \n \n", "  \r", "\u{301}",
  ]

  /// The indentation test before issue 24.
  static func referenceIsIndentation(_ text: String) -> Bool {
    text.contains("\n") && text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" })
  }

  /// The leading-whitespace drop before issue 24.
  static func referenceDroppingLeadingWhitespace(_ text: String) -> Substring {
    text.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
  }

  @Test("the plain-text renderer's whitespace readings on bytes read what the Character ones read")
  func plainTextWhitespace() {
    let lines = FastPathTests.corpusLines(after: Self.whitespaceCases)
    var texts = lines
    // Text nodes are often a line's end and the next line's indentation.
    for (first, second) in zip(lines, lines.dropFirst()).prefix(20_000) {
      texts.append(" \(first)\n  \(second)")
    }
    for text in texts {
      #expect(
        PlainTextRenderer.isIndentation(text) == Self.referenceIsIndentation(text), "\(text.debugDescription)"
      )
      let reference = Self.referenceDroppingLeadingWhitespace(text)
      if let start = PlainTextRenderer.leadingWhitespaceEnd(text) {
        #expect(Array(text.utf8[start...]) == Array(reference.utf8), "\(text.debugDescription)")
      }
    }
    // The refusal is for a space with a non-ASCII character after it only.
    #expect(PlainTextRenderer.leadingWhitespaceEnd(" \u{301}x") == nil)
    #expect(PlainTextRenderer.leadingWhitespaceEnd("\n\u{301}x") != nil)
  }
}
