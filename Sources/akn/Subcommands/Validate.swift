import AKNCommandLine
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

        A file with more than \(Style.summaryThreshold) findings gets a table of its findings per \
        rule and its first \(Style.summaryShown) findings (--verbose prints them all). A text, a PDF or \
        a Word document is not AKN: `akn convert` turns a resolution's text or PDF into AKN.

        Exit codes: 0 every document valid (and warnings within --max-warnings); 1 some document \
        invalid, or more warnings than --max-warnings; 2 usage or I/O error (an unknown rule id \
        in --select or --ignore, unreadable or missing file, not XML at all, over \(Validator.defaultMaximumBytes / 1024 / 1024) MiB \
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
        "Print at most N findings (errors first, then warnings) per file, then how many more there are (human format; the counts stay whole).",
        valueName: "n"))
    var maxErrors: Int?

    @Option(
      help: ArgumentHelp(
        "Exit 1 when the files have more than N warnings in all (after --select and --ignore), as eslint does.",
        valueName: "n"))
    var maxWarnings: Int?

    @Flag(
      name: .shortAndLong,
      help:
        "Print every finding of a file with many (by default, over 50 findings give a table per rule and the first 10)."
    )
    var verbose = false

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
      if let maxWarnings, maxWarnings < 0 {
        throw ValidationError("--max-warnings \(maxWarnings): expected 0 or more")
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

    /// Exits 2 naming the nearest rule id when a pattern of --select or --ignore names no rule
    /// and no family of rules.
    func checkRuleNames() throws {
      let known = Validator.ruleIDs + Validator.ruleFamilies
      for (option, patterns) in [("--select", rules.select), ("--ignore", rules.ignore)] {
        for pattern in patterns {
          let name = pattern.hasSuffix(".") ? String(pattern.dropLast()) : pattern
          guard !known.contains(name) else { continue }
          var message = "akn: error: \(option) \(pattern): no such rule"
          let best = known.min { AKNCommand.editDistance(name, $0) < AKNCommand.editDistance(name, $1) }
          if let best, AKNCommand.editDistance(name, best) <= max(2, best.count / 3) {
            message += "; did you mean \(best)?"
          }
          message +=
            " (the rules: \(Validator.ruleFamilies.joined(separator: ", ")) and their members, listed in Schemas/akn4un-rules.md)"
          Console.error(Palette(enabled: color.enabled(for: 2)).severity(message))
          throw Exit.usage
        }
      }
    }

    func run() throws {
      try checkRuleNames()
      // The schema compiles on a thread of its own while the folders are listed and the first
      // files read and parsed; nothing is printed before it has compiled.
      let loading = try schema.startLoading()
      var compiled = false
      func waitForSchema() throws {
        guard !compiled else { return }
        try schema.waitUntilCompiled(loading)
        compiled = true
      }
      let validator = Validator(schema: loading, profile: profile)
      let style = Style(
        colour: format == .human && color.enabled(for: 1), maxErrors: maxErrors, verbose: verbose)
      let rules = self.rules
      var tally = Tally()
      var perRule: [String: (severity: Diagnostic.Severity, count: Int)] = [:]
      let emit = { (original: ValidationReport) throws in
        try waitForSchema()
        let report = Self.pointToConvert(rules.apply(to: original))
        tally.add(report)
        if statistics {
          for diagnostic in report.diagnostics where !(quiet && diagnostic.severity == .warning) {
            perRule[diagnostic.rule.rawValue, default: (diagnostic.severity, 0)].count += 1
          }
          return
        }
        switch format {
        case .human: Console.output(style.render(report, quiet: quiet))
        case .json: Console.output(Self.json(report) + "\n")
        }
      }
      var batch: [String] = []
      func flush() throws {
        try validator.validate(files: batch, emit)
        batch.removeAll()
      }
      for path in paths {
        if path == "-" {
          try flush()
          try emit(validateStandardInput(validator))
          continue
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
          let files: [String]
          do {
            files = try Validator.xmlFiles(in: path)
          } catch {
            try flush()
            try emit(
              ValidationReport(
                path: path,
                diagnostics: [
                  Diagnostic(.error, rule: .inputUnreadable, message: "the folder cannot be read")
                ], unreadable: true))
            continue
          }
          if files.isEmpty {
            try waitForSchema()
            Console.error("akn: warning: \(path): no *.xml file in this folder")
          }
          batch += files
        } else {
          batch.append(path)
        }
      }
      try flush()
      try waitForSchema()
      if statistics { Self.printStatistics(perRule, format: format) }
      let summary = tally.summary
      if format == .json { Console.error(summary) } else { Console.output(summary + "\n") }
      if tally.unreadable > 0 { throw Exit.usage }
      if tally.invalid > 0 { throw Exit.failure }
      if let maxWarnings, tally.warnings > maxWarnings {
        Console.error(
          "akn validate: \(tally.warnings) warnings, more than --max-warnings \(maxWarnings) allows")
        throw Exit.failure
      }
    }

    /// A report on a file that is not XML, pointed to the command it needs: a text or a PDF to
    /// `akn convert`, a Word or OpenDocument file to saving it as PDF or text first.
    static func pointToConvert(_ report: ValidationReport) -> ValidationReport {
      guard let first = report.diagnostics.first,
        first.rule == RuleID.inputNotXML || first.rule == RuleID.inputCompressed
      else { return report }
      let head = report.path == "<stdin>" ? [] : Self.head(of: report.path)
      let name = report.path.lowercased()
      let hint: String
      if head.starts(with: Array("%PDF-".utf8)) || name.hasSuffix(".pdf") {
        hint =
          "the file is a PDF, not AKN XML: `akn convert \(report.path)` turns a resolution's PDF into AKN"
      } else if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
        let text = String(decoding: head, as: UTF8.self)
        if text.contains("word/") || name.hasSuffix(".docx") {
          hint =
            "the file is a Word document (.docx), not AKN XML: save it as PDF or text, then `akn convert` that"
        } else if text.contains("opendocument.text") || name.hasSuffix(".odt") {
          hint =
            "the file is an OpenDocument text (.odt), not AKN XML: save it as PDF or text, then `akn convert` that"
        } else {
          return report
        }
      } else if first.rule == RuleID.inputNotXML, !head.prefix(4096).contains(0) {
        hint =
          "the file is text, not AKN XML: `akn convert \(report.path)` turns a resolution's text into AKN"
      } else {
        return report
      }
      var diagnostics = report.diagnostics
      diagnostics[0].message = hint
      return ValidationReport(
        path: report.path, diagnostics: diagnostics, unreadable: report.outcome == .unreadable)
    }

    /// The first 64 KiB of a file, or nothing.
    static func head(of path: String) -> [UInt8] {
      guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
      defer { try? handle.close() }
      return [UInt8]((try? handle.read(upToCount: 64 * 1024)) ?? Data())
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
      switch format {
      case .human:
        Console.output(statisticsTable(perRule))
      case .json:
        let rows = perRule.sorted {
          $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
        }
        for (rule, entry) in rows {
          Console.output(
            #"{"count":\#(entry.count),"rule":"\#(rule)","severity":"\#(entry.severity.rawValue)"}"# + "\n")
        }
      }
    }

    /// `COUNT  RULE  SEVERITY` lines, most frequent first.
    static func statisticsTable(_ perRule: [String: (severity: Diagnostic.Severity, count: Int)]) -> String {
      let rows = perRule.sorted {
        $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
      }
      let width = rows.map(\.key.count).max() ?? 0
      var text = ""
      for (rule, entry) in rows {
        let count = String(entry.count)
        text +=
          String(repeating: " ", count: max(0, 6 - count.count)) + count + "  "
          + rule.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + entry.severity.rawValue + "\n"
      }
      return text
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
    return ValidationReport(
      path: report.path, diagnostics: report.diagnostics.filter { keeps($0.rule.rawValue) })
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
  /// Over this many findings, a file gets a table per rule and its first ``summaryShown``.
  static let summaryThreshold = 50
  static let summaryShown = 10

  var colour: Bool
  var maxErrors: Int?
  var verbose = false

  func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

  /// The findings of `report`, at most `--max-errors` of them (errors first, then warnings,
  /// printed in document order), or for a file with over ``summaryThreshold`` findings (unless
  /// verbose) a table per rule and the first ``summaryShown``; then a note of what is not shown.
  func render(_ report: ValidationReport, quiet: Bool) -> String {
    let findings = report.diagnostics.filter { !(quiet && $0.severity == .warning) }
    let summarised = !verbose && findings.count > Self.summaryThreshold
    var limit = maxErrors ?? Int.max
    if summarised { limit = min(limit, Self.summaryShown) }
    var text = ""
    if summarised {
      var perRule: [String: (severity: Diagnostic.Severity, count: Int)] = [:]
      for finding in findings { perRule[finding.rule.rawValue, default: (finding.severity, 0)].count += 1 }
      text += "\(report.path): note: \(findings.count) findings, by rule:\n"
      text += AKNCommand.Validate.statisticsTable(perRule)
    }
    // Errors first, then warnings, each in document order.
    let order =
      findings.indices.filter { findings[$0].severity == .error }
      + findings.indices.filter { findings[$0].severity != .error }
    let shown = Set(order.prefix(limit))
    for index in findings.indices where shown.contains(index) {
      text += line(findings[index], file: report.path) + "\n"
    }
    let hidden = findings.indices.filter { !shown.contains($0) }
    guard !hidden.isEmpty else { return text }
    let errors = hidden.filter { findings[$0].severity == .error }.count
    let others = hidden.count - errors
    func count(_ n: Int, _ word: String) -> String { "\(n) more \(word)\(n == 1 ? "" : "s")" }
    let what = [errors > 0 ? count(errors, "error") : nil, others > 0 ? count(others, "warning") : nil]
      .compactMap { $0 }.joined(separator: " and ")
    var why: [String] = []
    if let maxErrors, maxErrors <= limit { why.append("--max-errors \(maxErrors)") }
    if summarised && Self.summaryShown < (maxErrors ?? Int.max) { why.append("--verbose prints them all") }
    text += "\(report.path): note: \(what) not shown (\(why.joined(separator: "; ")))\n"
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
