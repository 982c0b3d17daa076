import Foundation

/// The one comparison of a title printed in the text with a title given beside it (a Markdown
/// file's front matter, the input's hints): the same title when they differ only in spacing,
/// case, the kind of quotation marks and dashes, note markers and final punctuation.
enum TitleComparison {
  /// Whether `printed` and `given` are the same title.
  static func same(_ printed: String, _ given: String) -> Bool {
    comparable(printed) == comparable(given)
  }

  /// A title as compared: spaces collapsed, quotes and dashes of one kind, small letters, and no
  /// spaces, asterisks (note markers), full stops or colons at either end.
  static func comparable(_ title: String) -> String {
    let folded = title.split(whereSeparator: \.isWhitespace).joined(separator: " ").map {
      character -> Character in
      switch character {
      case "“", "”", "«", "»": return "\""
      case "‘", "’": return "'"
      case "–", "—": return "-"
      default: return character
      }
    }
    return String(folded).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " *.:"))
  }
}
