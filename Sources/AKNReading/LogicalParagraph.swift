/// A logical paragraph of the resolution's text: one or more input lines joined.
package struct LogicalParagraph: Sendable, Hashable {
  /// The line it starts on.
  package var line: Int
  /// The text, with tabs kept (they separate a number from its text).
  package var text: String

  /// A paragraph starting on `line`.
  package init(line: Int, text: String) {
    self.line = line
    self.text = text
  }
}
