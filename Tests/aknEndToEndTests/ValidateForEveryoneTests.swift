import Foundation
import Testing

/// `akn validate` on files from other producers: a summary per file over 50 findings,
/// `--verbose`, `--max-warnings`, unknown rule ids, and inputs that are not XML pointed to the
/// command they need.
@Suite struct ValidateForEveryoneTests {
  /// The 8 valid OASIS examples in `../shared/akn/valid`, with over 1,000 naming-convention
  /// warnings between them.
  static let oasis: URL? = AKN.shared.map { $0.appendingPathComponent("akn/valid") }.flatMap {
    FileManager.default.fileExists(atPath: $0.path) ? $0 : nil
  }

  static func findingLines(_ output: String) -> [Substring] {
    output.split(separator: "\n").filter { $0.contains(": warning: ") || $0.contains(": error: ") }
  }

  @Test(.enabled(if: oasis != nil, "../shared/akn/valid (the OASIS examples) is absent"))
  func manyFindingsGetATablePerRuleAndTheFirstTen() throws {
    let folder = try #require(Self.oasis)
    let run = try AKN.run(["validate", folder.path])
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try #require(run.output.split(separator: "\n").last)
    // "… (0 errors, 1017 warnings)"
    let counts = summary.split(separator: "(").last?.split(separator: " ") ?? []
    let warnings = try #require(counts.count == 4 ? Int(counts[2]) : nil, "\(summary)")
    #expect(warnings > 1000, "\(summary)")
    #expect(summary.hasPrefix("akn validate: 8 files: 8 valid, 0 invalid (0 errors, "))
    let tables = run.output.split(separator: "\n").filter { $0.hasSuffix(" findings, by rule:") }
    #expect(!tables.isEmpty)
    #expect(
      run.output.split(separator: "\n").contains {
        $0.hasPrefix(" ") && $0.contains("  nc.eid-prefix ") && $0.hasSuffix(" warning")
      })
    // Each summarised file prints its first 10 findings, then says how many more and how to see them.
    for table in tables {
      let file = String(table.prefix { $0 != ":" })
      let shown = Self.findingLines(run.output).filter { $0.hasPrefix(file + ":") }
      #expect(shown.count == 10, "\(file)")
      #expect(
        run.output.split(separator: "\n").contains {
          $0.hasPrefix(file + ": note: ") && $0.hasSuffix(" not shown (--verbose prints them all)")
        })
    }
    #expect(Self.findingLines(run.output).count < 200)

    let verbose = try AKN.run(["validate", "--verbose", folder.path])
    #expect(verbose.status == 0)
    #expect(Self.findingLines(verbose.output).count == warnings)
    #expect(!verbose.output.contains(" findings, by rule:"))

    let strict = try AKN.run(["validate", "--max-warnings", "1000", folder.path])
    #expect(strict.status == 1)
    #expect(
      strict.stderr.contains("akn validate: \(warnings) warnings, more than --max-warnings 1000 allows"))
    let lenient = try AKN.run(["validate", "--max-warnings", String(warnings), folder.path])
    #expect(lenient.status == 0, "\(lenient.stderr)")
  }

  @Test func maxWarningsCountsTheKeptWarnings() throws {
    let (folder, _) = try ValidateSelectionTests.brokenDocument()
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = ["validate", "three.xml", "--ignore", "schema,nc.eid-syntax"]
    let over = try AKN.run(base + ["--max-warnings", "0"], directory: folder)
    #expect(over.status == 1, "\(over.output)")
    #expect(
      over.stderr.contains("akn validate: 1 warnings, more than --max-warnings 0 allows"), "\(over.stderr)")
    #expect(try AKN.run(base + ["--max-warnings", "1"], directory: folder).status == 0)
    #expect(try AKN.run(base + ["--ignore", "nc", "--max-warnings", "0"], directory: folder).status == 0)
    let negative = try AKN.run(base + ["--max-warnings", "-1"], directory: folder)
    #expect(negative.status == 2)
  }

  @Test func unknownRuleIdsExit2WithTheNearest() throws {
    let (folder, _) = try ValidateSelectionTests.brokenDocument()
    defer { try? FileManager.default.removeItem(at: folder) }
    let typo = try AKN.run(["validate", "three.xml", "--ignore", "nc.eid-prefx"], directory: folder)
    #expect(typo.status == 2)
    #expect(typo.output.isEmpty)
    #expect(
      typo.stderr.contains("akn: error: --ignore nc.eid-prefx: no such rule; did you mean nc.eid-prefix?"),
      "\(typo.stderr)")
    let select = try AKN.run(
      ["validate", "three.xml", "--select", "schema,akn4un.subtipe"], directory: folder)
    #expect(select.status == 2)
    #expect(select.stderr.contains("--select akn4un.subtipe: no such rule; did you mean akn4un.subtype?"))
    // Every family and every rule is accepted.
    for known in ["schema", "nc", "akn4un", "input", "xml.doctype", "nc.ref-target", "akn4un."] {
      let run = try AKN.run(["validate", "three.xml", "--ignore", known], directory: folder)
      #expect(run.status == 1, "\(known): \(run.stderr)")
    }
  }

  /// Every rule id that reports carry is one `--select` accepts: the list the unknown-id check
  /// uses is complete for the findings of broken, foreign, empty, compressed and unsafe files.
  @Test func everyRuleIdReportedIsAccepted() throws {
    let (folder, _) = try ValidateSelectionTests.brokenDocument()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data().write(to: folder.appendingPathComponent("empty.xml"))
    try Data([0x1F, 0x8B, 8, 0]).write(to: folder.appendingPathComponent("gz.xml"))
    try Data("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a/>".utf8).write(
      to: folder.appendingPathComponent("doctype.xml"))
    try Data("<akomaNtoso><unclosed></akomaNtoso>".utf8).write(to: folder.appendingPathComponent("bad.xml"))
    try Data("<html/>".utf8).write(to: folder.appendingPathComponent("root.xml"))
    try FileManager.default.copyItem(at: AKN.seed, to: folder.appendingPathComponent("text.xml"))
    var paths = [folder.path]
    if let shared = AKN.shared?.appendingPathComponent("akn") { paths.append(shared.path) }
    let run = try AKN.run(["validate", "--format", "json"] + paths)
    var rules: Set<String> = []
    for line in run.output.split(separator: "\n") {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in ["errors", "warnings"] {
        for finding in object[key] as? [[String: Any]] ?? [] { rules.insert(finding["rule"] as! String) }
      }
    }
    #expect(rules.count >= 8, "\(rules)")
    let selected = try AKN.run(["validate", "--select", rules.sorted().joined(separator: ",")] + paths)
    #expect(!selected.stderr.contains("no such rule"), "\(selected.stderr)")
  }

  @Test func filesThatAreNotXMLArePointedToTheRightCommand() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(at: AKN.seed, to: folder.appendingPathComponent("r.txt"))
    try Data("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n".utf8).write(to: folder.appendingPathComponent("r.pdf"))
    // A Word document: a zip whose first entry is under word/.
    let docx: [UInt8] =
      [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26) + Array("word/document.xml".utf8)
    try Data(docx).write(to: folder.appendingPathComponent("r.docx"))
    let expected = [
      "r.txt":
        "r.txt:1:1: error: the file is text, not AKN XML: `akn convert r.txt` turns a resolution's text into AKN",
      "r.pdf":
        "r.pdf:1:1: error: the file is a PDF, not AKN XML: `akn convert r.pdf` turns a resolution's PDF into AKN",
      "r.docx":
        "r.docx: error: the file is a Word document (.docx), not AKN XML: save it as PDF or text, then `akn convert` that",
    ]
    for (name, line) in expected {
      let run = try AKN.run(["validate", name], directory: folder)
      #expect(run.status == 2, "\(name)")
      #expect(run.output.contains(line), "\(run.output)")
      #expect(!run.output.contains("unzip"))
    }
  }
}
