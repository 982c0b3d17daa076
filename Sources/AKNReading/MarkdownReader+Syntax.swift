import AKNModel
import Foundation

extension MarkdownReader {
  // MARK: Recognition

  /// `[^12]: text` → ("12", "text").
  static func definition(_ text: String) -> (String, String)? {
    guard text.hasPrefix("[^"), let close = text.firstIndex(of: "]") else { return nil }
    let label = text[text.index(text.startIndex, offsetBy: 2)..<close]
    let after = text[text.index(after: close)...]
    guard !label.isEmpty, label.count <= 8, !label.contains(" "), after.hasPrefix(":") else { return nil }
    return (String(label), after.dropFirst().trimmed)
  }

  /// A thematic break: `---`, `***`, `___` (three or more, spaces between allowed).
  static func isThematicBreak(_ text: String) -> Bool {
    let compact = text.filter { $0 != " " && $0 != "\t" }
    guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
    return compact.allSatisfy { $0 == first }
  }

  /// Whether the text after a front matter is reflowed Markdown rather than the raw text of a
  /// PDF: footnote definitions, a `---` rule, a collapsed masthead, or lines longer than a PDF
  /// page is wide.
  static func isReflowed(_ lines: ArraySlice<SourceText.Line>) -> Bool {
    var long = 0
    for line in lines {
      let text = line.text.trimmed
      if definition(text) != nil || text == "---" { return true }
      if UNBody.adopting.contains(where: {
        text.hasPrefix($0.name) && text.dropFirst($0.name.count).hasPrefix(" Distr.:")
      }) {
        return true
      }
      if text.count > 200 { long += 1 }
    }
    return long >= 2
  }

  /// `# Annex` → `Annex`.
  static func atxHeading(_ text: String) -> String? {
    let hashes = text.prefix { $0 == "#" }
    guard (1...6).contains(hashes.count), text.dropFirst(hashes.count).first == " " else { return nil }
    var heading = text.dropFirst(hashes.count).trimmed
    while heading.hasSuffix("#") { heading = String(heading.dropLast()).trimmed }
    return heading.isEmpty ? nil : heading
  }

  /// The text without Markdown syntax: `[^4]` markers become the bare number glued to the word
  /// before (as the PDF prints them, for ``FootnoteLinker``), `**strong**` and `__strong__` lose
  /// their marks, and backslash escapes (`\*`, `\[`) their backslash.
  mutating func plain(_ text: String, line: Int) -> String {
    guard text.contains("[^") || text.contains("**") || text.contains("__") || text.contains("\\") else {
      return text
    }
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let rest = text[index...]
      if rest.hasPrefix("[^"), let close = rest.firstIndex(of: "]") {
        let label = rest[rest.index(rest.startIndex, offsetBy: 2)..<close]
        if !label.isEmpty, label.count <= 8, label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "*" }) {
          while result.last == " " { result.removeLast() }
          result += label
          explicitMarkers.append((String(label), line))
          index = text.index(after: close)
          continue
        }
      }
      if character == "\\", let next = text.index(index, offsetBy: 1, limitedBy: text.endIndex),
        next < text.endIndex, text[next].isASCII, text[next].isPunctuation || text[next].isSymbol
      {
        result.append(text[next])
        index = text.index(after: next)
        continue
      }
      if rest.hasPrefix("**") || rest.hasPrefix("__") {
        index = text.index(index, offsetBy: 2)
        continue
      }
      result.append(character)
      index = text.index(after: index)
    }
    return result
  }
}
