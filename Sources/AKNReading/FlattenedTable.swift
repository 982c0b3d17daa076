import AKNModel

/// A table that the text gives one cell per line (as PDF text extraction prints it), read back
/// into rows where its shape is clear.
enum FlattenedTable {
  /// Whether a paragraph announces a table after it: its text ends with a colon and names a
  /// table ("… as reflected in the table below:").
  static func isAnnounced(by text: String) -> Bool {
    let trimmed = text.trimmed
    guard trimmed.hasSuffix(":") else { return false }
    return trimmed.suffix(80).lowercased().contains("table")
  }

  /// The table printed in `lines` (each a line's text and its 1-based number).
  static func read(_ lines: [(text: String, line: Int)]) -> Table {
    var body = lines
    var notes: [TextBlock] = []
    while let last = body.last, body.count > 1, isNote(last.text) {
      notes.insert(TextBlock(last.text, line: last.line), at: 0)
      body.removeLast()
    }
    let start = lines.first?.line ?? 1
    if let rows = rows(body) { return Table(rows: rows, notes: notes, line: start) }
    return Table(rows: [], lines: body.map { TextBlock($0.text, line: $0.line) }, notes: notes, line: start)
  }

  /// A note under a table: "Abbreviations: …", "Note: …", or a note letter and a sentence
  /// ("a Member States in level H* have a discount of 70 per cent.").
  static func isNote(_ text: String) -> Bool {
    for prefix in ["Abbreviations:", "Abbreviation:", "Note:", "Notes:", "Source:", "Sources:"]
    where text.hasPrefix(prefix) {
      return true
    }
    let words = text.split(separator: " ", maxSplits: 1)
    guard words.count == 2, words[0].count == 1, let letter = words[0].first, letter.isLowercase,
      words[1].first?.isUppercase == true, text.hasSuffix(".")
    else { return false }
    return true
  }

  /// The rows, header first, when the table's rows start with keys in sequence ("A", "B", "C" …
  /// alone on a line) and every row has as many cells as the header; else nil.
  static func rows(_ lines: [(text: String, line: Int)]) -> [[TextBlock]]? {
    var keys: [Int] = []
    for (offset, line) in lines.enumerated() {
      let text = line.text.trimmed
      guard text.count == 1, let letter = text.unicodeScalars.first, letter.isASCII,
        ("A"..."Z").contains(letter)
      else { continue }
      if let last = keys.last {
        if lines[last].text.trimmed.unicodeScalars.first!.value + 1 == letter.value { keys.append(offset) }
      } else if letter == "A" {
        keys.append(offset)
      }
    }
    guard keys.count >= 3, keys[0] > 0 else { return nil }
    let header = joinWrapped(Array(lines[..<keys[0]]))
    let columns = header.count
    guard columns >= 2 else { return nil }
    var result = [header]
    for (position, key) in keys.enumerated() {
      let end = position + 1 < keys.count ? keys[position + 1] : lines.count
      var cells = [lines[key]] + joinWrapped(Array(lines[(key + 1)..<end]))
      // A cell wrapped on a line that ends with a small word ("… the average for all" /
      // "Member States …"): join while the row has more cells than the header.
      while cells.count > columns,
        let wrapped = (1..<(cells.count - 1)).first(where: { cells[$0].text.last?.isLowercase == true })
      {
        cells[wrapped].text += " " + cells[wrapped + 1].text
        cells.remove(at: wrapped + 1)
      }
      guard cells.count == columns else { return nil }
      result.append(cells)
    }
    return result.map { $0.map { TextBlock($0.text.trimmed, line: $0.line) } }
  }

  /// Lines joined where a cell goes on: the next line starts with a small letter or a
  /// parenthesis, or the line before leaves a parenthesis open.
  static func joinWrapped(_ lines: [(text: String, line: Int)]) -> [(text: String, line: Int)] {
    var result: [(text: String, line: Int)] = []
    for line in lines {
      let text = line.text.trimmed
      guard !text.isEmpty else { continue }
      if let last = result.last, let first = text.first,
        first.isLowercase || first == "("
          || last.text.filter({ $0 == "(" }).count > last.text.filter({ $0 == ")" }).count
      {
        result[result.count - 1].text += " " + text
      } else {
        result.append((text, line.line))
      }
    }
    return result
  }
}
