import AKNModel
import Foundation

/// A YAML front matter as PDF-to-Markdown pipelines write it before a document's text: a `---`
/// line, flat `key: value` lines, a closing `---` line.
///
/// Only that flat subset of YAML is read, strictly: one `key: value` pair a line, the value
/// plain, in double quotes (with the escapes `\"`, `\\`, `\/`, `\n`, `\t`, `\uXXXX`) or in single
/// quotes (`''` for a quote), full-line `#` comments and blank lines. Nested mappings, lists,
/// block scalars (`|`, `>`), flow collections (`[…]`, `{…}`), anchors, aliases and tags are not
/// read: such a line is an error at its line and column, never a guess.
struct FrontMatter: Sendable, Hashable {
  /// One `key: value` line.
  struct Field: Sendable, Hashable {
    var key: String
    var value: String
    /// The 1-based input line.
    var line: Int
  }

  /// The fields, in order.
  var fields: [Field]
  /// The input lines of the front matter, its `---` lines included.
  var lines: ClosedRange<Int>
  /// The index in the text's lines of the first line after the closing `---`.
  var bodyStart: Int

  /// The value of `key`, nil when absent or empty.
  func value(_ key: String) -> String? {
    guard let value = fields.first(where: { $0.key == key })?.value, !value.trimmed.isEmpty else {
      return nil
    }
    return value.trimmed
  }

  /// The line of `key`.
  func line(of key: String) -> Int? {
    fields.first { $0.key == key }?.line
  }

  /// Whether `text` opens with a front matter: its first line is `---`.
  static func opens(_ text: SourceText) -> Bool {
    text.lines.first?.text.trimmingTrailingSpaces == "---"
  }

  /// Reads the front matter at the start of `text`, or nil when the text has none.
  ///
  /// - Throws: ``ConversionError`` (rule `input.front-matter`) at the line and column of what
  ///   is not a flat `key: value` line, of a repeated key, or of an unclosed front matter.
  static func read(_ text: SourceText) throws(ConversionError) -> FrontMatter? {
    guard opens(text) else { return nil }
    let lines = text.lines
    var fields: [Field] = []
    for index in 1..<lines.count {
      let line = lines[index]
      let content = line.text.trimmingTrailingSpaces
      if content == "---" || content == "..." {
        return FrontMatter(fields: fields, lines: lines[0].number...line.number, bodyStart: index + 1)
      }
      if content.isEmpty || content.hasPrefix("#") { continue }
      let field = try Self.field(content, line: line.number)
      if let first = fields.first(where: { $0.key == field.key }) {
        throw error("the key \"\(field.key)\" is given twice (first on line \(first.line))", line.number, 1)
      }
      fields.append(field)
    }
    throw error(
      "the front matter opened on line \(lines[0].number) is not closed: expected a line \"---\" after its key: value lines",
      lines[0].number, 1)
  }

  /// One `key: value` line.
  private static func field(_ content: String, line: Int) throws(ConversionError) -> Field {
    let characters = Array(content)
    if characters.first == " " || characters.first == "\t" {
      throw error(
        "an indented line (a nested mapping or a continued value) is not read; write each field on one line as key: value",
        line, 1)
    }
    if characters.first == "-" {
      throw error("a list item is not read; write each field on one line as key: value", line, 1)
    }
    guard let colon = characters.firstIndex(of: ":") else {
      throw error("expected key: value (no colon on this line)", line, 1)
    }
    let key = String(characters[..<colon])
    if let bad = key.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
      let column = key.distance(from: key.startIndex, to: bad) + 1
      throw error("a key is made of letters, digits, _ and -; \"\(key)\" is not", line, column)
    }
    if key.isEmpty { throw error("expected a key before the colon", line, 1) }
    var position = colon + 1
    if position < characters.count, characters[position] != " " && characters[position] != "\t" {
      throw error("expected a space after the colon of key \"\(key)\"", line, position + 1)
    }
    while position < characters.count, characters[position] == " " || characters[position] == "\t" {
      position += 1
    }
    let value = try Self.value(characters, from: position, line: line)
    return Field(key: key, value: value, line: line)
  }

  /// The value from `start` to the end of the line.
  private static func value(_ characters: [Character], from start: Int, line: Int) throws(ConversionError)
    -> String
  {
    guard start < characters.count else { return "" }
    let first = characters[start]
    if first == "\"" || first == "'" {
      var result = ""
      var index = start + 1
      while index < characters.count {
        let character = characters[index]
        if character == first {
          if first == "'", index + 1 < characters.count, characters[index + 1] == "'" {
            result.append("'")
            index += 2
            continue
          }
          let rest = String(characters[(index + 1)...]).trimmed
          guard rest.isEmpty || rest.hasPrefix("#") else {
            throw error("unexpected text after the closing quote", line, index + 2)
          }
          return result
        }
        if first == "\"", character == "\\" {
          guard index + 1 < characters.count else { break }
          let escaped = characters[index + 1]
          switch escaped {
          case "\"", "\\", "/": result.append(escaped)
          case "n": result.append("\n")
          case "t": result.append("\t")
          case "u":
            let hex = String(characters[min(index + 2, characters.count)..<min(index + 6, characters.count)])
            guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
              throw error("expected four hexadecimal digits after \\u", line, index + 1)
            }
            result.unicodeScalars.append(scalar)
            index += 6
            continue
          default:
            throw error(
              "the escape \\\(escaped) is not read (only \\\", \\\\, \\/, \\n, \\t, \\uXXXX)", line, index + 1
            )
          }
          index += 2
          continue
        }
        result.append(character)
        index += 1
      }
      throw error("the quoted value is not closed on its line", line, start + 1)
    }
    if "[{|>&*!%@`".contains(first) {
      throw error(
        "a value starting with \"\(first)\" (a YAML list, mapping, block, anchor, alias or tag) is not read; quote it",
        line, start + 1)
    }
    var text = String(characters[start...])
    // " #" starts a comment in a plain value.
    if let comment = text.range(of: " #") { text = String(text[..<comment.lowerBound]) }
    return text.trimmed
  }

  private static func error(_ message: String, _ line: Int, _ column: Int) -> ConversionError {
    ConversionError("front matter: " + message, rule: .inputFrontMatter, line: line, column: column)
  }
}

extension String {
  /// The string without trailing spaces and tabs.
  package var trimmingTrailingSpaces: String {
    var end = endIndex
    while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" {
      end = index(before: end)
    }
    return String(self[..<end])
  }
}
