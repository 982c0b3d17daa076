import AKNMarkup
import AKNModel
import AKNReading
import AKNValidation
import AkomaNtoso
import Foundation

/// An answer of the API, independent of the HTTP server that sends it.
struct Answer: Sendable {
  var status: Int
  var contentType: String
  var body: [UInt8]
  var headers: [(String, String)] = []

  /// An `application/problem+json` answer (RFC 9457) with the findings that explain it: the
  /// shape of `Schemas/json/problem.schema.json`.
  static func problem(
    _ status: Int, _ title: String, detail: String? = nil, errors: [Diagnostic] = [],
    warnings: [Diagnostic] = []
  ) -> Answer {
    let problem = Problem(
      status: status, title: title, detail: detail ?? errors.first?.message, errors: errors,
      warnings: warnings)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let body = (try? encoder.encode(problem)).map { [UInt8]($0) } ?? Array(#"{"status":\#(status)}"#.utf8)
    return Answer(status: status, contentType: "application/problem+json", body: body)
  }

  private struct Problem: Encodable {
    var status: Int
    var title: String
    var detail: String?
    var errors: [Diagnostic]
    var warnings: [Diagnostic]
  }
}

/// What a client asks for with `Accept`.
enum Representation: String, Sendable, CaseIterable {
  case xml = "application/xml"
  case json = "application/json"
  case html = "text/html"
  /// The preview page and the AKN XML of one conversion, as the parts `preview` and `xml` of a
  /// `multipart/form-data` body: what the page asks for, so that it converts once.
  case previewAndXML = "multipart/form-data"

  /// The representation `accept` prefers (the highest `q`, then the first named); AKN XML for
  /// no header or `*/*`; nil when it accepts none of them.
  static func preferred(accept: String?) -> Representation? {
    guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .xml }
    var best: (Representation, Double)?
    for item in accept.split(separator: ",") {
      let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      guard let type = fields.first else { continue }
      var quality = 1.0
      for field in fields.dropFirst() where field.hasPrefix("q=") {
        quality = Double(field.dropFirst(2)) ?? 0
      }
      guard quality > 0 else { continue }
      let matched: Representation? =
        switch type {
        case "application/xml", "text/xml", "application/akn+xml", "application/*": .xml
        case "application/json": .json
        case "text/html", "text/*": .html
        case "multipart/form-data": .previewAndXML
        case "*/*": .xml
        default: nil
        }
      guard let matched else { continue }
      if best == nil || quality > best!.1 { best = (matched, quality) }
    }
    return best?.0
  }
}

/// The API's work on a request's bytes, through one converter and one validator per profile
/// (one compiled schema) shared by every request.
struct API: Sendable {
  let converter: Converter
  let validators: [ValidationProfile: Validator]
  let options: ServerOptions

  /// The conversion options for one request.
  func conversionOptions(sourceSpans: Bool, fileName: String?) -> ConversionOptions {
    var conversion = ConversionOptions(markupDate: options.markupDate ?? Self.today())
    conversion.maximumInputBytes = options.maximumRequestBytes
    conversion.pdfMemoryLimitBytes = options.pdfMemoryLimitBytes
    conversion.sourceSpans = sourceSpans
    // As `akn convert` does for a file: the number in a UN-symbol file name.
    conversion.hints = DocumentHints.forInput(fileName)
    return conversion
  }

  /// Today in UTC.
  static func today() -> SimpleDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return SimpleDate(year: parts.year!, month: parts.month!, day: parts.day!)!
  }

  /// `POST /v1/convert`: the AKN, the JSON model and report, or the HTML preview of `bytes`.
  func convert(_ bytes: [UInt8], fileName: String?, as representation: Representation) -> Answer {
    guard !bytes.isEmpty else {
      return .problem(
        400, "Empty request",
        detail:
          "the request has no body: send the text, PDF or AKN file as the body, or as the part named file of a multipart/form-data form"
      )
    }
    // The preview, as `akn preview` shows it: an AKN document as it is (with a notice when it is
    // not schema-valid AKN 3.0), a text or PDF beside its source.
    if representation == .html || representation == .previewAndXML, !Self.looksLikeHTML(bytes) {
      let preview: PreviewResult
      do {
        preview = try Previewer(converter: converter).preview(
          bytes,
          options: PreviewOptions(conversion: conversionOptions(sourceSpans: false, fileName: fileName)))
      } catch {
        return Self.failure(error.diagnostics, warnings: [])
      }
      var answer = Answer(
        status: 200, contentType: "text/html; charset=utf-8", body: Array(preview.html.utf8))
      if representation == .previewAndXML {
        var parts: [FormPart] = [
          FormPart(name: "preview", contentType: "text/html; charset=utf-8", body: answer.body)
        ]
        if let xml = preview.conversion?.xml {
          parts.append(
            FormPart(name: "xml", fileName: "document.xml", contentType: "application/xml", body: xml))
        }
        guard let (boundary, body) = try? FormPart.encode(parts) else {
          return .problem(
            500, "Internal error", detail: "the preview and the XML could not be put in one answer")
        }
        answer = Answer(
          status: 200, contentType: "multipart/form-data; boundary=\(boundary)", body: body)
      }
      answer.headers.append(("AKN-Warnings", String(preview.conversion?.warnings.count ?? 0)))
      return answer
    }
    let result: ConversionResult
    do {
      result = try converter.convert(
        bytes, options: conversionOptions(sourceSpans: representation == .json, fileName: fileName))
    } catch {
      return Self.failure(error.diagnostics, warnings: [])
    }
    var answer: Answer
    switch representation {
    case .xml:
      answer = Answer(status: 200, contentType: "application/xml; charset=utf-8", body: result.xml)
    case .json:
      do {
        answer = Answer(
          status: 200, contentType: "application/json", body: try JSONRenderer().render(result.reading))
      } catch {
        return Self.failure(error.diagnostics, warnings: result.warnings)
      }
    case .html, .previewAndXML:
      // An HTML page posted as the document: no preview of it (above), its conversion refused.
      return Self.failure(
        [Diagnostic(.error, rule: .inputType, message: "an HTML page is not a document akn reads")],
        warnings: [])
    }
    answer.headers.append(("AKN-Warnings", String(result.warnings.count)))
    return answer
  }

  /// `POST /v1/validate`: the JSON report `akn validate --format json --profile profile` prints
  /// for `bytes`; 200 when valid, 422 when invalid, 413/415/400 when the document was not checked.
  func validate(_ bytes: [UInt8], fileName: String?, profile: ValidationProfile) -> Answer {
    guard let validator = validators[profile] else {
      return .problem(400, "Bad request", detail: "no validator for the profile \(profile.rawValue)")
    }
    let report = validator.validate(bytes: bytes, path: fileName ?? "<request>")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let body = (try? encoder.encode(report)).map { [UInt8]($0) } ?? []
    let status: Int
    switch report.outcome {
    case .valid: status = 200
    case .invalid: status = 422
    case .unreadable:
      status = Self.status(unreadable: report.diagnostics.first?.rule)
    }
    return Answer(status: status, contentType: "application/json", body: body)
  }

  /// The status of a document not checked for the rule of its first finding.
  static func status(unreadable rule: RuleID?) -> Int {
    switch rule {
    case RuleID.inputSize: 413
    case RuleID.inputNotXML, RuleID.inputCompressed, RuleID.inputType, RuleID.inputBinary: 415
    default: 400
    }
  }

  /// The answer to a document that did not convert: 415 for a type the tool does not read, 413
  /// over the size limit, 400 for an empty body, else 422; the findings in the body.
  static func failure(_ errors: [Diagnostic], warnings: [Diagnostic]) -> Answer {
    let rule = errors.first?.rule
    switch rule {
    case RuleID.inputType, RuleID.inputBinary, RuleID.inputCompressed:
      return .problem(415, "Unsupported document type", errors: errors, warnings: warnings)
    case RuleID.inputSize:
      return .problem(413, "Document too large", errors: errors, warnings: warnings)
    case RuleID.inputEmpty:
      return .problem(400, "Empty document", errors: errors, warnings: warnings)
    default:
      return .problem(422, "Document not converted", errors: errors, warnings: warnings)
    }
  }

  /// Whether the markup is an HTML page (which the converter names as such, 415).
  static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
    guard let start = bytes.firstIndex(of: UInt8(ascii: "<")) else { return false }
    let opening = String(decoding: bytes[start...].prefix(64), as: UTF8.self).lowercased()
    return opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html")
  }

  /// Whether the first byte that is not white space (or a UTF-8 byte-order mark) is `<`.
  static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      case UInt8(ascii: "<"): return true
      default: return false
      }
    }
    return false
  }
}
