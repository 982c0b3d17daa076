/// A problem found in an input or an output document: a parse error, a schema error, a broken
/// AKN4UN rule, or a warning about something that was repaired or guessed.
///
/// Diagnostics carry a position in the *input* whenever one is known: the line (1-based) of the
/// plain-text resolution for `convert`, or the line and column of the XML file for `validate`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    /// Information about how the document was read (where a fact came from); never a failure,
    /// not even in strict mode.
    case note
    /// Worth knowing; the document is still produced (unless `--strict`).
    case warning
    /// The document is wrong; nothing is written.
    case error

    /// Less serious than.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs.rank < rhs.rank
    }

    private var rank: Int {
      switch self {
      case .note: return 0
      case .warning: return 1
      case .error: return 2
      }
    }
  }

  /// How serious it is.
  public var severity: Severity
  /// A short, stable identifier of the kind of problem (`schema`, `xml`, `footnote.unmatched`,
  /// `akn4un.frbr-uri` …), used in reports and in `--format json`.
  public var rule: RuleID
  /// What is wrong and, where possible, what to do about it.
  public var message: String
  /// 1-based line in the input, if known.
  public var line: Int?
  /// 1-based column in the input, if known.
  public var column: Int?
  /// The element at fault: its `eId`, or a short path of element names.
  public var element: String?

  /// Creates a diagnostic.
  public init(
    _ severity: Severity, rule: RuleID, message: String, line: Int? = nil, column: Int? = nil,
    element: String? = nil
  ) {
    self.severity = severity
    self.rule = rule
    self.message = message
    self.line = line
    self.column = column
    self.element = element
  }

  /// `LINE:COLUMN: severity: message [element]`, without a file name.
  public var description: String {
    var position = ""
    if let line {
      position = "\(line):"
      if let column { position += "\(column):" }
      position += " "
    }
    var text = "\(position)\(severity.rawValue): \(message)"
    if let element { text += " (at \(element))" }
    return text
  }

  /// The diagnostic as a compiler-style line: `FILE:LINE:COLUMN: severity: message`.
  public func formatted(file: String) -> String {
    var position = file + ":"
    if let line {
      position += "\(line):"
      if let column { position += "\(column):" }
    }
    var text = "\(position) \(severity.rawValue): \(message)"
    if let element { text += " (at \(element))" }
    return text
  }
}

/// Why a text could not be converted. Carries the position in the input where known.
public struct ConversionError: Error, Sendable, CustomStringConvertible {
  /// The problems, the first being the cause.
  public var diagnostics: [Diagnostic]

  /// A conversion error with one diagnostic.
  public init(_ message: String, rule: RuleID, line: Int? = nil, column: Int? = nil) {
    self.diagnostics = [Diagnostic(.error, rule: rule, message: message, line: line, column: column)]
  }

  /// A conversion error with several diagnostics.
  public init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  /// Whether the input is a file of the wrong type (an office document, an archive, XML, a PDF
  /// that cannot be read as text) rather than a text that could not be converted: programs
  /// exit with 2 for these, as for a usage error.
  public var isWrongFileType: Bool {
    guard let rule = diagnostics.first?.rule else { return false }
    return [
      RuleID.inputType, .inputPDFDamaged, .inputPDFEncrypted, .inputPDFGarbled, .inputPDFLimit,
      .inputPDFNoText,
      .inputPDFTool,
    ].contains(rule)
  }

  /// The diagnostics, one per line.
  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}
