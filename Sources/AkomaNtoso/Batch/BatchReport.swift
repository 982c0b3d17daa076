import AKNXML

/// One line of a batch report: what happened to one input.
///
/// The report is JSON Lines, one record per input in input order, with the keys in this order:
/// `input`, `output`, `status`, `reason`, `errors`, `warnings`, `notes` (only when there are
/// some), `bytes`, `ms`, `sha256`, `outputSha256`, `options`. An absent value is an absent key,
/// never `null` (as in every JSON the tool writes); the shape is `Schemas/json/batch-report.schema.json`.
public struct BatchRecord: Sendable, Codable, Equatable {
  /// What happened to an input.
  public enum Status: String, Sendable, Codable {
    /// Converted, schema-valid, written.
    case converted
    /// Not converted (see `errors`); no output was written for it.
    case failed
    /// Not an input document (not a `.txt` file, or a hidden file); left alone.
    case ignored
  }

  /// A diagnostic as the report stores it.
  public struct Message: Sendable, Codable, Equatable {
    /// The diagnostic's rule (`schema`, `input.encoding`, `batch.unsafe-path` …).
    public var rule: String
    /// 1-based line in the input, if known.
    public var line: Int?
    /// 1-based column in the input, if known.
    public var column: Int?
    /// What is wrong.
    public var message: String

    init(_ diagnostic: Diagnostic) {
      rule = diagnostic.rule.rawValue
      line = diagnostic.line
      column = diagnostic.column
      message = diagnostic.message + (diagnostic.element.map { " (at \($0))" } ?? "")
    }
  }

  /// The input's path relative to the batch input (folder or archive), as stored.
  public var input: String
  /// The output's path relative to the output folder, for documents; nil otherwise.
  public var output: String?
  /// What happened.
  public var status: Status
  /// For a failure, the rule of its first error; for an ignored input, why it was ignored.
  public var reason: String?
  /// Why it failed.
  public var errors: [Message]
  /// What was repaired or guessed.
  public var warnings: [Message]
  /// Where facts the text does not print came from (a number taken from the file name or from a
  /// metadata file); nil when there are none.
  public var notes: [Message]?
  /// The input's size in bytes (0 when it was not read).
  public var bytes: Int
  /// Milliseconds spent on it.
  public var ms: Int
  /// SHA-256 of the input's bytes, when read.
  public var sha256: String?
  /// SHA-256 of the output's bytes, when written.
  public var outputSha256: String?
  /// The conversion settings the output was made with (compared by `--resume`).
  public var options: String?

  /// The record as one JSON line (without the newline), keys in a fixed order.
  public var jsonLine: String {
    var out = "{"
    out += "\"input\":" + json(input)
    if let output { out += ",\"output\":" + json(output) }
    out += ",\"status\":" + json(status.rawValue)
    if let reason { out += ",\"reason\":" + json(reason) }
    out += ",\"errors\":" + json(errors)
    out += ",\"warnings\":" + json(warnings)
    if let notes, !notes.isEmpty { out += ",\"notes\":" + json(notes) }
    out += ",\"bytes\":\(bytes),\"ms\":\(ms)"
    if let sha256 { out += ",\"sha256\":" + json(sha256) }
    if let outputSha256 { out += ",\"outputSha256\":" + json(outputSha256) }
    if let options { out += ",\"options\":" + json(options) }
    return out + "}"
  }

  private func json(_ messages: [Message]) -> String {
    "["
      + messages.map { message in
        "{\"rule\":" + json(message.rule) + (message.line.map { ",\"line\":\($0)" } ?? "")
          + (message.column.map { ",\"column\":\($0)" } ?? "") + ",\"message\":" + json(message.message) + "}"
      }.joined(separator: ",") + "]"
  }

  private func json(_ text: String) -> String {
    // Most texts (paths, rule names, hashes, messages) hold nothing to escape: then they are
    // quoted whole. A byte that may need escaping (a control character, a quote, a backslash,
    // DEL, or 0xE2, which starts U+2028 and U+2029) sends the text to the loop below.
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
      return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _
      where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028
        || scalar.value == 0x2029:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// What a batch did, in numbers.
public struct BatchSummary: Sendable {
  /// Documents converted (including those already up to date with `--resume`).
  public var converted = 0
  /// Of the converted documents, those found up to date and not converted again (`--resume`).
  public var upToDate = 0
  /// Inputs that failed (documents not converted, and refused archive entries).
  public var failed = 0
  /// Inputs that are not documents, left alone.
  public var ignored = 0
  /// Failures by the rule of their first error.
  public var failuresByReason: [String: Int] = [:]
  /// Warnings by rule, over the converted documents.
  public var warningsByKind: [String: Int] = [:]
  /// Wall-clock seconds.
  public var seconds = 0.0
  /// The report file written.
  public var reportPath = ""
  /// Set when reading stopped early (a damaged archive, a limit): what was and was not read.
  public var stopped: String?
  /// Inputs reported (converted, failed or ignored).
  public var finished = 0
  /// Inputs in all, once counted (nil when the batch was interrupted before they were).
  public var total: Int?
  /// Set when ``BatchOptions/cancellation`` stopped the batch before its end: the report is
  /// still `REPORT.partial` (``reportPath``), which `resume` continues.
  public var interrupted = false

  /// Documents handled: converted or failed.
  public var documents: Int { converted + failed }

  mutating func add(_ record: BatchRecord) {
    switch record.status {
    case .converted:
      converted += 1
      for warning in record.warnings { warningsByKind[warning.rule, default: 0] += 1 }
    case .failed:
      failed += 1
      failuresByReason[record.reason ?? "unknown", default: 0] += 1
    case .ignored:
      ignored += 1
    }
  }
}

/// Progress of a running batch, reported after each input.
public struct BatchProgress: Sendable {
  /// Inputs finished (converted, failed or ignored).
  public var done: Int
  /// Inputs in all, once counted (nil until then).
  public var total: Int?
  /// Failures so far.
  public var failed: Int
  /// Seconds since the start.
  public var elapsed: Double
  /// The record of the input just finished.
  public var record: BatchRecord?
}
