import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

/// Converts the real resolutions of `../shared/corpus`: every `dev` file must match its row of
/// `dev/manifest.tsv`, every `bulk` file must convert or fail with a ``ConversionError``.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: corpus tests skipped"))
struct CorpusTests {
  static var corpus: URL { Fixtures.shared!.appendingPathComponent("corpus") }

  /// One row of the manifest.
  struct Row {
    var file: String
    var symbol: String
    var adoptionDate: String
    var operative: Int
    var footnotes: Int
    var annex: Bool
    var title: String
    var verified: Bool
  }

  static func manifest() throws -> [Row] {
    let text = try String(contentsOf: corpus.appendingPathComponent("dev/manifest.tsv"), encoding: .utf8)
    var rows: [Row] = []
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 11 else { continue }
      var title = fields[10]
      if title.hasPrefix("\""), title.hasSuffix("\"") {
        title = String(title.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
      }
      rows.append(
        Row(
          file: fields[0], symbol: fields[1], adoptionDate: fields[4], operative: Int(fields[5]) ?? -1,
          footnotes: Int(fields[6]) ?? -1, annex: fields[7] == "yes", title: title,
          verified: fields[9] == "yes"))
    }
    return rows
  }

  /// Manifest values that the text itself contradicts or does not hold, with the evidence. Each
  /// entry must still differ: a fixed one fails the test until it is removed here.
  static let knownDifferences: [String: String] = [
    // Decisions: these texts print no title (the records' index holds it).
    "A_DEC_71_401.txt title": "the text has no title line",
    "A_DEC_71_546_A_B_and_C.txt title": "the text has no title line",
    "A_DEC_72_512.txt title": "the text has no title line",
    "A_DEC_73_548.txt title": "the text has no title line",
    "A_DEC_74_521.txt title": "the text has no title line",
    "A_DEC_75_418.txt title": "the text has no title line",
    // verified=no row: the text has a note "* Indicating provisional dates in 2020 …" (last
    // line) for the marker in "Provisional programme of work *".
    "A_DEC_74_521.txt footnotes": "the text has one footnote marked *",
  ]

  @Test("every dev file converts and matches its manifest row")
  func devFilesMatchManifest() throws {
    var differences: [String: String] = [:]
    for row in try Self.manifest() {
      let url = Self.corpus.appendingPathComponent("dev").appendingPathComponent(row.file)
      let result: ConversionResult
      // As `akn batch` converts them: a decision's number from its file name (A_DEC_71_401.txt).
      switch Self.convert(try Fixtures.bytes(url), hints: DocumentHints.fromFileName(row.file)) {
      case .success(let converted): result = converted
      case .failure(let error):
        Issue.record("\(row.file) did not convert: \(error)")
        continue
      }
      let resolution = result.resolution
      let metadata = resolution.metadata
      func compare(_ field: String, _ actual: String, _ expected: String) {
        if actual != expected { differences["\(row.file) \(field)"] = "got \(actual), manifest \(expected)" }
      }
      if resolution.kind == .decision, let number = metadata.number.flatMap(DocumentNumber.init),
        let expected = DocumentNumber(String(row.symbol.dropFirst("decision ".count)))
      {
        // The manifest prints "decision 71/546 A B and C"; the UN prints "71/546 A, B and C".
        compare("symbol", "decision \(number)", "decision \(expected)")
      } else {
        compare("symbol", metadata.symbol ?? "-", row.symbol)
      }
      compare("adoption date", metadata.adoptionDate.map(Self.printed) ?? "-", row.adoptionDate)
      if !row.title.isEmpty { compare("title", metadata.title ?? "-", row.title.collapsingSpaces) }
      compare("operative paragraphs", String(resolution.operativeParagraphCount), String(row.operative))
      compare("footnotes", String(resolution.footnotes.count), String(row.footnotes))
      compare("annex", String(!resolution.attachments.isEmpty), String(row.annex))
    }
    for (key, difference) in differences.sorted(by: { $0.key < $1.key })
    where Self.knownDifferences[key] == nil {
      Issue.record("\(key): \(difference)")
    }
    for key in Self.knownDifferences.keys.sorted() where differences[key] == nil {
      Issue.record("\(key) now matches the manifest: remove it from knownDifferences")
    }
  }

  static let validator = Validator(schema: Fixtures.schema)

  static func convert(_ bytes: [UInt8], hints: DocumentHints? = nil) -> Result<
    ConversionResult, ConversionError
  > {
    var options = Fixtures.options
    options.hints = hints
    return Result { () throws(ConversionError) in try Fixtures.converter.convert(bytes, options: options) }
  }

  /// "3 December 2012", as the manifest prints dates.
  static func printed(_ date: SimpleDate) -> String {
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "\(date.day) \(months[date.month - 1]) \(date.year)"
  }

  @Test("every bulk file converts to schema-valid XML or fails with a clear message")
  func bulkFilesConvertOrFailCleanly() throws {
    var lines: [String] = []
    for folder in ["bulk/ga-78", "bulk/sc-0001-0450", "dev"] {
      var converted = 0
      var failures: [String: Int] = [:]
      var warnings: [String: Int] = [:]
      let directory = Self.corpus.appendingPathComponent(folder)
      let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
        $0.hasSuffix(".txt")
      }.sorted()
      for file in files {
        let bytes = try Fixtures.bytes(directory.appendingPathComponent(file))
        switch Self.convert(bytes) {
        case .success(let result):
          converted += 1
          for warning in result.warnings { warnings[warning.rule.rawValue, default: 0] += 1 }
          // The output passes both layers of `akn validate`: the schema and the AKN4UN rules.
          let report = Self.validator.validate(bytes: result.xml, path: file)
          #expect(report.valid, "\(folder)/\(file): \(report.diagnostics.map(\.description))")
          #expect(
            report.diagnostics.allSatisfy { $0.severity != .warning },
            "\(folder)/\(file): \(report.diagnostics)")
        case .failure(let error):
          let message = error.diagnostics.first?.message ?? ""
          #expect(!message.isEmpty, "\(file): an error without a message")
          failures[error.diagnostics.first?.rule.rawValue ?? "?", default: 0] += 1
          if ProcessInfo.processInfo.environment["AKN_CORPUS_VERBOSE"] == "1" {
            print("FAILED \(folder)/\(file): \(error.diagnostics.first?.description ?? "")")
          }
        }
      }
      func list(_ counts: [String: Int]) -> String {
        counts.isEmpty
          ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
      }
      lines.append(
        "corpus \(folder): \(converted) of \(files.count) converted; failed by reason: \(list(failures)); warnings by kind: \(list(warnings))"
      )
    }
    let report = lines.joined(separator: "\n")
    print(report)
    try report.write(
      to: FileManager.default.temporaryDirectory.appendingPathComponent("akn-corpus-report.txt"),
      atomically: true,
      encoding: .utf8)
  }
}
