/// A logical paragraph of the resolution's text: one or more input lines joined.
struct LogicalParagraph: Sendable, Hashable {
  /// The line it starts on.
  var line: Int
  /// The text, with tabs kept (they separate a number from its text).
  var text: String
}
