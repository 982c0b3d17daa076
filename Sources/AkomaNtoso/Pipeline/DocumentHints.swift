import Foundation

extension DocumentHints {
  /// The hints for one input file, the same for every command that converts it (`convert`,
  /// `preview`, `batch`): a number given by the user wins, then a row of a metadata file, then
  /// the number in the file's name when it is in the UN symbol form; nil when there is none
  /// (standard input has no name).
  ///
  /// - Parameters:
  ///   - path: the input's path, or nil for standard input.
  ///   - given: a number given for this input alone.
  ///   - metadata: the metadata file's table, if any.
  public static func forInput(_ path: String?, given: DocumentNumber? = nil, metadata: MetadataTable? = nil)
    -> DocumentHints?
  {
    if let given { return DocumentHints(number: given, source: .given) }
    guard let path else { return nil }
    return metadata?.hints(for: path) ?? fromFileName(path)
  }
}

/// An error in a metadata file: what is wrong, where, and what is expected.
public struct MetadataFileError: Error, CustomStringConvertible {
  /// `FILE:LINE: what is wrong`.
  public var description: String
  init(_ path: String, line: Int? = nil, _ message: String) {
    description = "\(path):\(line.map { "\($0):" } ?? "") \(message)"
  }
}

/// A table of facts about the inputs of a batch, one row per input file: at least the columns
/// `file` and `number`, perhaps `title`. Read from TSV, CSV (RFC 4180 quoting) or JSON (an array
/// of objects with those keys); other columns are ignored. A row is found by the input's path
/// inside the batch, else by its file name.
public struct MetadataTable: Sendable {
  /// The file it was read from.
  public let path: String
  private var byPath: [String: DocumentHints] = [:]
  private var byName: [String: [DocumentHints]] = [:]

  /// The number of rows.
  public private(set) var count = 0
  /// SHA-256 of the file's bytes (for the batch's settings: a changed file converts again).
  public let sha256: String

  /// Reads `bytes`, the content of the file at `path` (its extension, `.tsv`, `.csv` or
  /// `.json`, says the format; without one, JSON if it starts with `[`, TSV if its first line
  /// has a tab, else CSV).
  public init(path: String, bytes: [UInt8]) throws(MetadataFileError) {
    self.path = path
    self.sha256 = SHA256.hex(bytes)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw MetadataFileError(path, "not UTF-8 text")
    }
    let lower = path.lowercased()
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let rows: [(line: Int, fields: [String: String])]
    if lower.hasSuffix(".json")
      || (!lower.hasSuffix(".tsv") && !lower.hasSuffix(".csv")
        && body.drop { $0.isWhitespace }.first == "[")
    {
      rows = try Self.jsonRows(body, path: path)
    } else {
      let tabs =
        lower.hasSuffix(".tsv")
        || (!lower.hasSuffix(".csv") && (body.split(separator: "\n").first?.contains("\t") ?? false))
      rows = try Self.delimitedRows(body, separator: tabs ? "\t" : ",", path: path)
    }
    for row in rows {
      guard let file = row.fields["file"]?.trimmingCharacters(in: .whitespaces), !file.isEmpty else {
        throw MetadataFileError(path, line: row.line, "the row has no file name (column \"file\")")
      }
      let numberText = row.fields["number"] ?? ""
      guard let number = DocumentNumber(numberText) else {
        throw MetadataFileError(
          path, line: row.line,
          "the number \"\(numberText)\" of \(file) is not a document number: expected \(DocumentNumber.expectedForm)"
        )
      }
      let title = row.fields["title"].map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
      let hints = DocumentHints(
        number: number, title: title?.isEmpty == false ? title : nil,
        source: .metadataFile(path: path, line: row.line))
      if byPath[file] != nil {
        throw MetadataFileError(path, line: row.line, "\(file) has a row already")
      }
      byPath[file] = hints
      byName[String(file.split(separator: "/").last ?? ""), default: []].append(hints)
      count += 1
    }
  }

  /// The row of the input at `path` (relative to the batch's input): by path, else by file name
  /// when exactly one row has that name.
  public func hints(for path: String) -> DocumentHints? {
    if let hints = byPath[path] { return hints }
    let name = String(path.split(separator: "/").last ?? "")
    guard let rows = byName[name], rows.count == 1 else { return nil }
    return rows[0]
  }

  /// Rows of a TSV or CSV text with a header line.
  static func delimitedRows(_ text: String, separator: Character, path: String) throws(MetadataFileError)
    -> [(line: Int, fields: [String: String])]
  {
    var records: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var recordLine = 1
    var atFieldStart = true
    var characters = text.makeIterator()
    var pending: Character?
    func endRecord() {
      fields.append(field)
      if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
      fields = []
      field = ""
      atFieldStart = true
    }
    while let character = pending ?? characters.next() {
      pending = nil
      if quoted {
        if character == "\"" {
          let next = characters.next()
          if next == "\"" {
            field.append("\"")
          } else {
            quoted = false
            pending = next
          }
        } else {
          if character == "\n" || character == "\r\n" { line += 1 }
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"" where atFieldStart && separator == ",":
        quoted = true
        atFieldStart = false
      case separator:
        fields.append(field)
        field = ""
        atFieldStart = true
      case "\n", "\r\n":
        endRecord()
        line += 1
        recordLine = line
      case "\r":
        break
      default:
        field.append(character)
        atFieldStart = false
      }
    }
    if quoted { throw MetadataFileError(path, line: recordLine, "a quoted field is not closed") }
    endRecord()
    guard let header = records.first else { throw MetadataFileError(path, "the file is empty") }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    for required in ["file", "number"] where !names.contains(required) {
      throw MetadataFileError(
        path, line: 1,
        "the header has no column \"\(required)\" (it needs \"file\" and \"number\", and may have \"title\")")
    }
    return records.dropFirst().map { record in
      var row: [String: String] = [:]
      for (index, name) in names.enumerated() where index < record.fields.count && row[name] == nil {
        row[name] = record.fields[index]
      }
      return (record.line, row)
    }
  }

  /// Rows of a JSON array of objects; the line of each object is where it starts.
  static func jsonRows(_ text: String, path: String) throws(MetadataFileError) -> [(
    line: Int, fields: [String: String]
  )] {
    let value: Any
    do {
      value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    } catch {
      throw MetadataFileError(path, "not valid JSON: \(error.localizedDescription)")
    }
    guard let array = value as? [Any] else {
      throw MetadataFileError(path, "expected a JSON array of objects with \"file\" and \"number\"")
    }
    // The line of each object: the lines of its opening braces at depth 1, in order.
    var lines: [Int] = []
    var depth = 0
    var line = 1
    var inString = false
    var escaped = false
    for character in text {
      if inString {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
        }
        if character == "\n" { line += 1 }
        continue
      }
      switch character {
      case "\"": inString = true
      case "[", "{":
        if character == "{" && depth == 1 { lines.append(line) }
        depth += 1
      case "]", "}": depth -= 1
      case "\n": line += 1
      default: break
      }
    }
    var rows: [(line: Int, fields: [String: String])] = []
    for (index, element) in array.enumerated() {
      let rowLine = index < lines.count ? lines[index] : 1
      guard let object = element as? [String: Any] else {
        throw MetadataFileError(path, line: rowLine, "item \(index + 1) is not an object")
      }
      var fields: [String: String] = [:]
      for (key, value) in object {
        if let string = value as? String { fields[key.lowercased()] = string }
      }
      rows.append((rowLine, fields))
    }
    return rows
  }
}
