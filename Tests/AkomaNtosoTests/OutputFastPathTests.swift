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

  /// Made-up printed numbers and eIds: punctuation, letters, digits, underscores in runs, CR LF,
  /// non-ASCII letters and digits, combining marks.
  static let eIdCases = [
    "", "3.", "(a)", "I", "IV.", "12 bis", "(iii)", "*", "**", "\u{2020}", "A.1", "\r\n", "a\r\nb", "é",
    "(é)", "2\u{301}", "\u{664}", "²", "para_1", "x__y_2", "a___b", "__", "_", "a_", "_a", "a__", "a____b_c",
    "att_1__para_2__list_1__point_a__ref_3", "para_1__authorialNote", "preamble__container_12", "x__é_1",
    "x_\u{301}_y_2", "x__y\u{301}_2", "__\u{301}", "a__b__c", "a_b_c", "ref_1",
  ]

  /// The number part before issue 24.
  static func referenceNumberPart(_ num: String) -> String? {
    let part = num.filter { $0.isLetter || $0.isNumber }
    return part.isEmpty ? nil : part
  }

  /// The last component's start before issue 24, by `Character`.
  static func referenceAfterLastDoubleUnderscore(_ eId: String) -> String.Index {
    eId.range(of: "__", options: .backwards)?.upperBound ?? eId.startIndex
  }

  /// The head's end before issue 24, by `Character`.
  static func referenceHeadEnd(_ eId: String) -> String.Index? {
    eId[referenceAfterLastDoubleUnderscore(eId)...].firstIndex(of: "_")
  }

  @Test("the eId allocator's byte readings read what the Character ones read")
  func eIdReadings() {
    var texts = FastPathTests.corpusLines(after: Self.eIdCases)
    // Each line's words as printed numbers, and eIds made of them.
    let words = texts.prefix(200_000).flatMap { $0.split(separator: " ").map(String.init) }
    texts += words
    texts += zip(words, words.dropFirst()).prefix(50_000).map { "\($0)__\($1)_1" }
    for text in texts {
      #expect(EIdAllocator.numberPart(text) == Self.referenceNumberPart(text), "\(text.debugDescription)")
      let offset = { (index: String.Index?) in index.map { text.utf8.distance(from: text.startIndex, to: $0) }
      }
      #expect(
        offset(EIdAllocator.afterLastDoubleUnderscore(text))
          == offset(Self.referenceAfterLastDoubleUnderscore(text)), "\(text.debugDescription)")
      #expect(
        offset(EIdAllocator.headEnd(text)) == offset(Self.referenceHeadEnd(text)), "\(text.debugDescription)")
    }
    #expect(EIdAllocator.numberPart(nil) == nil)
  }
}
