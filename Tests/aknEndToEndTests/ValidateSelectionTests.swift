import Foundation
import Testing

/// `akn validate --statistics`, `--select`, `--ignore` and `--max-errors`.
@Suite struct ValidateSelectionTests {
  /// The golden document with three paragraphs' eIds broken: 6 schema errors, 3 nc.eid-syntax
  /// errors and 1 nc.eid-prefix warning.
  static func brokenDocument() throws -> (URL, URL) {
    let folder = try AKN.temporaryFolder()
    var text = try String(contentsOf: AKN.golden, encoding: .utf8)
    for n in 1...3 { text = text.replacingOccurrences(of: "eId=\"para_\(n)\"", with: "eId=\"Para \(n)\"") }
    let file = folder.appendingPathComponent("three.xml")
    try Data(text.utf8).write(to: file)
    return (folder, file)
  }

  @Test func statisticsCountFindingsPerRule() throws {
    let (folder, _) = try Self.brokenDocument()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try AKN.run(["validate", "three.xml", "--statistics"], directory: folder)
    #expect(run.status == 1)
    #expect(
      run.output == """
             6  schema         error
             3  nc.eid-syntax  error
             1  nc.eid-prefix  warning
        akn validate: 1 file: 0 valid, 1 invalid (9 errors, 1 warning)

        """, "\(run.output)")
    let json = try AKN.run(["validate", "three.xml", "--statistics", "--format", "json"], directory: folder)
    #expect(
      json.output.split(separator: "\n").first == #"{"count":6,"rule":"schema","severity":"error"}"#)
  }

  @Test func selectAndIgnoreChooseTheRulesAndTheOutcome() throws {
    let (folder, _) = try Self.brokenDocument()
    defer { try? FileManager.default.removeItem(at: folder) }
    let selected = try AKN.run(["validate", "three.xml", "--select", "nc.eid-syntax"], directory: folder)
    #expect(selected.status == 1)
    #expect(selected.output.split(separator: "\n").filter { $0.hasSuffix("[nc.eid-syntax]") }.count == 3)
    #expect(selected.output.hasSuffix("(3 errors, 0 warnings)\n"), "\(selected.output)")
    // A prefix takes the rules under it; commas and repetition both list rules.
    let ignored = try AKN.run(
      ["validate", "three.xml", "--ignore", "schema,nc.eid-syntax"], directory: folder)
    #expect(ignored.status == 0, "\(ignored.output)")
    #expect(ignored.output.hasSuffix("1 valid, 0 invalid (0 errors, 1 warning)\n"), "\(ignored.output)")
    let prefix = try AKN.run(
      ["validate", "three.xml", "--ignore", "schema", "--ignore", "nc"], directory: folder)
    #expect(prefix.status == 0)
    #expect(prefix.output == "akn validate: 1 file: 1 valid, 0 invalid (0 errors, 0 warnings)\n")
    // A prefix is whole words: "nc.eid" names no rule nor family (exit 2, the nearest named).
    let partial = try AKN.run(["validate", "three.xml", "--select", "nc.eid"], directory: folder)
    #expect(partial.status == 2)
    #expect(partial.output.isEmpty)
  }

  @Test func maxErrorsCutsEachFilesErrorsAndSaysHowManyMore() throws {
    let (folder, file) = try Self.brokenDocument()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(at: file, to: folder.appendingPathComponent("again.xml"))
    let run = try AKN.run(["validate", "three.xml", "again.xml", "--max-errors", "2"], directory: folder)
    #expect(run.status == 1)
    let lines = run.output.split(separator: "\n").map(String.init)
    for name in ["three.xml", "again.xml"] {
      #expect(lines.filter { $0.hasPrefix("\(name):") && $0.contains(": error: ") }.count == 2)
      // The cap takes warnings too: errors first, then warnings.
      #expect(
        lines.contains("\(name): note: 7 more errors and 1 more warning not shown (--max-errors 2)"),
        "\(run.output)")
      #expect(!lines.contains { $0.hasPrefix("\(name):") && $0.hasSuffix("[nc.eid-prefix]") })
    }
    #expect(lines.last == "akn validate: 2 files: 0 valid, 2 invalid (18 errors, 2 warnings)")
    let zero = try AKN.run(["validate", "three.xml", "--max-errors", "0"], directory: folder)
    #expect(zero.status == 2)
    #expect(zero.stderr.contains("--max-errors 0: expected at least 1"), "\(zero.stderr)")
  }
}
