import AKNMarkup
import AKNModel
import AKNReading
import AKNValidation
import AkomaNtoso
public import ArgumentParser
import Foundation

extension AKNCommand {
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check AKN 3.0 documents against the official schema and the AKN4UN rules.",
      discussion: """
        Layer 1 is the official OASIS AKN 3.0 schema. Layer 2 (--profile akn4un, the default) is \
        the AKN naming convention for every document plus the AKN4UN rules for documents whose \
        FRBRcountry is un; the rules are listed in Schemas/akn4un-rules.md. Files are parsed \
        safely: no network, no DTD, no external entity; a DOCTYPE is refused. Files are checked \
        in parallel and reported in the order given.

        Exit codes: 0 every document valid; 1 some document invalid; 2 usage or I/O error \
        (unreadable or missing file, not XML at all, over \(Validator.defaultMaximumBytes / 1024 / 1024) MiB \
        or another limit of the input policy, schema not installed).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case human, json
    }

    @Argument(
      help: ArgumentHelp(
        "AKN XML files, folders (every *.xml inside, recursively), or - for standard input.",
        valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("human: FILE:LINE:COLUMN: error: …; json: one JSON object per line and file."))
    var format: Format = .human

    @Option(help: ArgumentHelp("akn4un: schema, naming convention and AKN4UN rules; none: the schema only."))
    var profile: ValidationProfile = .akn4un

    @Flag(name: .shortAndLong, help: "Print no warnings.")
    var quiet = false

    @Option(
      help: ArgumentHelp(
        "Leave out the findings of these rules (repeat, or separate with commas); a prefix such as schema takes schema.*.",
        valueName: "rule"))
    var ignore: [String] = []

    @Option(
      help: ArgumentHelp(
        "Keep only the findings of these rules (repeat, or separate with commas); a prefix such as akn4un takes akn4un.*.",
        valueName: "rule"))
    var select: [String] = []

    @Option(
      help: ArgumentHelp(
        "Print at most N errors per file, then how many more there are (human format; the counts stay whole).",
        valueName: "n"))
    var maxErrors: Int?

    @Flag(help: "Print the number of findings per rule instead of each finding.")
    var statistics = false

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var color: ColorOptions

    func validate() throws {
      guard !paths.isEmpty else {
        throw ValidationError("give at least one file, folder, or - for standard input")
      }
      guard paths.filter({ $0 == "-" }).count <= 1 else {
        throw ValidationError("standard input (-) can be given only once")
      }
      if let maxErrors, maxErrors < 1 {
        throw ValidationError("--max-errors \(maxErrors): expected at least 1")
      }
    }

    /// The rule selection from --select and --ignore.
    var rules: RuleFilter {
      func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
          .filter { !$0.isEmpty }
      }
      return RuleFilter(select: split(select), ignore: split(ignore))
    }

    func run() throws {
      let validator = Validator(schema: try schema.load(), profile: profile)
      let style = Style(colour: format == .human && color.enabled(for: 1), maxErrors: maxErrors)
      let rules = self.rules
      var tally = Tally()
      var perRule: [String: (severity: Diagnostic.Severity, count: Int)] = [:]
      let emit = { (original: ValidationReport) in
        let report = rules.apply(to: original)
        tally.add(report)
        if statistics {
          for diagnostic in report.diagnostics where !(quiet && diagnostic.severity == .warning) {
            perRule[diagnostic.rule, default: (diagnostic.severity, 0)].count += 1
          }
          return
        }
        switch format {
        case .human: Console.output(style.render(report, quiet: quiet))
        case .json: Console.output(Self.json(report) + "\n")
        }
      }
      var batch: [String] = []
      func flush() {
        validator.validate(files: batch, emit)
        batch.removeAll()
      }
      for path in paths {
        if path == "-" {
          flush()
          emit(validateStandardInput(validator))
          continue
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
          let files: [String]
          do {
            files = try Validator.xmlFiles(in: path)
          } catch {
            flush()
            emit(
              ValidationReport(
                path: path,
                diagnostics: [
                  Diagnostic(.error, rule: "input.unreadable", message: "the folder cannot be read")
                ], unreadable: true))
            continue
          }
          if files.isEmpty { Console.error("akn: warning: \(path): no *.xml file in this folder") }
          batch += files
        } else {
          batch.append(path)
        }
      }
      flush()
      if statistics { Self.printStatistics(perRule, format: format) }
      let summary = tally.summary
      if format == .json { Console.error(summary) } else { Console.output(summary + "\n") }
      if tally.unreadable > 0 { throw Exit.usage }
      if tally.invalid > 0 { throw Exit.failure }
    }

    func validateStandardInput(_ validator: Validator) -> ValidationReport {
      let limit = validator.maximumBytes
      let data = (try? FileHandle.standardInput.read(upToCount: limit + 1)) ?? Data()
      return validator.validate(bytes: [UInt8](data), path: "<stdin>")
    }

    /// Counts per rule, most frequent first (like ruff's --statistics): `COUNT  RULE  SEVERITY`
    /// lines, or one JSON object `{"rule": …, "severity": …, "count": …}` per line.
    static func printStatistics(
      _ perRule: [String: (severity: Diagnostic.Severity, count: Int)], format: Format
    ) {
      let rows = perRule.sorted {
        $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
      }
      let width = rows.map(\.key.count).max() ?? 0
      for (rule, entry) in rows {
        switch format {
        case .human:
          let count = String(entry.count)
          Console.output(
            String(repeating: " ", count: max(0, 6 - count.count)) + count + "  "
              + rule.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + entry.severity.rawValue
              + "\n")
        case .json:
          Console.output(
            #"{"count":\#(entry.count),"rule":"\#(rule)","severity":"\#(entry.severity.rawValue)"}"# + "\n")
        }
      }
    }

    static func json(_ report: ValidationReport) -> String {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
      return String(decoding: data, as: UTF8.self)
    }
  }
}

extension ValidationProfile: ExpressibleByArgument {}

/// `--select` and `--ignore`: which rules' findings are kept. A pattern names a rule
/// (`akn4un.eId`) or a prefix of dotted rule ids (`schema` takes `schema.element`).
struct RuleFilter {
  var select: [String]
  var ignore: [String]

  static func matches(_ rule: String, _ pattern: String) -> Bool {
    rule == pattern || rule.hasPrefix(pattern.hasSuffix(".") ? pattern : pattern + ".")
  }

  func keeps(_ rule: String) -> Bool {
    if !select.isEmpty && !select.contains(where: { Self.matches(rule, $0) }) { return false }
    return !ignore.contains { Self.matches(rule, $0) }
  }

  /// The report with only the kept findings; its outcome follows from them (an unreadable file
  /// stays unreadable).
  func apply(to report: ValidationReport) -> ValidationReport {
    guard !(select.isEmpty && ignore.isEmpty), report.outcome != .unreadable else { return report }
    return ValidationReport(path: report.path, diagnostics: report.diagnostics.filter { keeps($0.rule) })
  }
}

/// Counts for the closing summary line.
private struct Tally {
  var files = 0
  var valid = 0
  var invalid = 0
  var unreadable = 0
  var errors = 0
  var warnings = 0

  mutating func add(_ report: ValidationReport) {
    files += 1
    switch report.outcome {
    case .valid: valid += 1
    case .invalid: invalid += 1
    case .unreadable: unreadable += 1
    }
    errors += report.errors.count
    warnings += report.warnings.count
  }

  var summary: String {
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    var text = "akn validate: \(count(files, "file")): \(valid) valid, \(invalid) invalid"
    if unreadable > 0 { text += ", \(unreadable) not checked" }
    text += " (\(count(errors, "error")), \(count(warnings, "warning")))"
    return text
  }
}

/// Compiler-style lines, coloured only on a terminal.
private struct Style {
  var colour: Bool
  var maxErrors: Int?

  func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

  func render(_ report: ValidationReport, quiet: Bool) -> String {
    var text = ""
    var errors = 0
    for diagnostic in report.diagnostics where !(quiet && diagnostic.severity == .warning) {
      if diagnostic.severity == .error {
        errors += 1
        if let maxErrors, errors > maxErrors { continue }
      }
      text += line(diagnostic, file: report.path) + "\n"
    }
    if let maxErrors, errors > maxErrors {
      let more = errors - maxErrors
      text +=
        "\(report.path): note: \(more) more error\(more == 1 ? "" : "s") not shown (--max-errors \(maxErrors))\n"
    }
    return text
  }

  func line(_ diagnostic: Diagnostic, file: String) -> String {
    let plain = diagnostic.formatted(file: file) + " [\(diagnostic.rule)]"
    let severity = diagnostic.severity.rawValue + ":"
    guard colour, let range = plain.range(of: " \(severity) ") else { return plain }
    let code = diagnostic.severity == .error ? "1;31" : "1;35"
    return paint(String(plain[..<range.lowerBound]), "1") + " " + paint(severity, code) + " "
      + plain[range.upperBound...]
  }
}
