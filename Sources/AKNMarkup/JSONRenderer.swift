public import AKNModel
import Foundation

/// The model as JSON: the document (identity, structure, notes) and the reading report, as the
/// model's `Codable` conformances write them, described by `Schemas/json/convert.schema.json`.
///
/// The output is byte-stable: keys sorted, one value a line indented by two spaces a level,
/// `"key": value`, `[]` for an empty list, slashes unescaped, one newline at the end. An absent value is an absent key, never `null`. The top level holds
/// `formatVersion` (``formatVersion``), `form`, `document` (the ``Resolution``), `report` (the
/// ``ReadingReport``), `frbr` (the work and expression IRIs, when the model has what they need)
/// and, for a PDF, `pageStarts` (the line each page of the extracted text starts on).
public struct JSONRenderer: DocumentRenderer {
  /// The version of the JSON's shape; raised when a key changes meaning or is removed (a new
  /// optional key does not raise it).
  public static let formatVersion = 1

  /// A JSON renderer.
  public init() {}

  /// The JSON of `reading`, UTF-8.
  ///
  /// - Throws: ``ConversionError`` (rule `output.json`) only if the encoder refuses a value,
  ///   which the model never holds.
  public func render(_ reading: Reading) throws(ConversionError) -> [UInt8] {
    let identity = reading.identity ?? (try? WorkIdentity(reading.resolution, report: reading.report))
    let document = JSONDocument(
      formatVersion: Self.formatVersion, form: reading.form,
      frbr: identity.map { JSONDocument.FRBR(work: $0.work, expression: $0.expression, number: $0.number) },
      pageStarts: reading.extracted?.pageStarts, document: reading.resolution, report: reading.report)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return Self.indented([UInt8](try encoder.encode(document)))
    } catch {
      throw ConversionError("the document could not be written as JSON: \(error)", rule: .outputJSON)
    }
  }

  /// `json` (compact, as the encoder writes it) laid out one value per line, two spaces a level,
  /// `"key": value`, an empty array or object as `[]` or `{}`, a newline at the end: the same
  /// bytes on every platform, whatever the platform encoder's own pretty-printing does.
  static func indented(_ json: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count * 2)
    var depth = 0
    var inString = false
    var escaped = false
    func newline() {
      out.append(UInt8(ascii: "\n"))
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
    var index = 0
    while index < json.count {
      let byte = json[index]
      defer { index += 1 }
      if inString {
        out.append(byte)
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""):
        inString = true
        out.append(byte)
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        out.append(byte)
        let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if index + 1 < json.count, json[index + 1] == close {
          out.append(close)
          index += 1
        } else {
          depth += 1
          newline()
        }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        newline()
        out.append(byte)
      case UInt8(ascii: ","):
        out.append(byte)
        newline()
      case UInt8(ascii: ":"):
        out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
      case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        break
      default:
        out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\n"))
    return out
  }
}

/// The top level of the JSON.
struct JSONDocument: Encodable {
  /// The work's IRIs, as the AKN document names them.
  struct FRBR: Encodable {
    var work: String
    var expression: String
    var number: String
  }

  var formatVersion: Int
  var form: String
  var frbr: FRBR?
  var pageStarts: [Int]?
  var document: Resolution
  var report: ReadingReport
}
