/// A logical paragraph of the resolution's text: one or more input lines joined.
package struct LogicalParagraph: Sendable, Hashable {
  /// The line it starts on.
  package var line: Int
  /// The text, with tabs kept (they separate a number from its text).
  package var text: String
  /// The input lines it was joined from, trimmed (one cell each in a flattened table).
  package var lines: [String]
  /// Whether every line of it is printed as a heading (a PDF's bold or larger lines, alone on
  /// their lines): the print's evidence that it is a heading or title, never a paragraph. False
  /// for text, which has no print.
  package var printedAsHeading = false

  /// A paragraph of `text` starting on `line`, joined from `lines` (by default the text alone).
  package init(line: Int, text: String, lines: [String]? = nil) {
    self.line = line
    self.text = text
    self.lines = lines ?? [text]
  }
}
