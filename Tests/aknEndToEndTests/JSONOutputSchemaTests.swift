import Foundation
import Testing

/// Every JSON the tool writes has a committed JSON Schema (draft 2020-12) and one convention for
/// absent values: the key is omitted, never `null`. `convert --format json` and `meta` are
/// checked by their own tests; these check `validate --format json` and the batch report.
struct JSONOutputSchemaTests {
  static let schemas = AKN.root.appendingPathComponent("Schemas/json")

  /// Writes each line of `lines` to a file of its own and checks them against `schema`.
  static func check(_ lines: [Substring], against schema: String) throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for (index, line) in lines.enumerated() {
      #expect(!line.contains(":null"), "\(line)")
      let url = folder.appendingPathComponent("\(index).json")
      try Data(line.utf8).write(to: url)
      paths.append(url.path)
    }
    try JSONSchemaValidator.check(paths, against: schemas.appendingPathComponent(schema))
  }

  @Test("validate --format json: valid, invalid and unreadable files, each line valid against its schema")
  func validateOutputHasItsSchema() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let converted = folder.appendingPathComponent("seed.xml")
    #expect(try AKN.run(["convert", AKN.seed.path, "-o", converted.path, "--quiet"]).status == 0)
    let broken = folder.appendingPathComponent("broken.xml")
    try Data(
      "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act/></akomaNtoso>\n".utf8
    )
    .write(to: broken)
    var inputs = [converted.path, broken.path, AKN.seed.path, folder.appendingPathComponent("none.xml").path]
    if let shared = AKN.shared {
      let others = shared.appendingPathComponent("akn/invalid")
      let files = (try? FileManager.default.contentsOfDirectory(atPath: others.path)) ?? []
      inputs += files.filter { $0.hasSuffix(".xml") }.sorted().prefix(3).map {
        others.appendingPathComponent($0).path
      }
    }
    let run = try AKN.run(["validate", "--format", "json"] + inputs)
    let lines = run.output.split(separator: "\n")
    #expect(lines.count == inputs.count, "\(run.stderr)")
    try Self.check(lines, against: "validate.schema.json")
  }

  @Test("the batch report: converted, failed and ignored inputs, each record valid against its schema")
  func batchReportHasItsSchema() throws {
    let input = try AKN.temporaryFolder()
    let output = try AKN.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(at: output)
    }
    try FileManager.default.copyItem(at: AKN.seed, to: input.appendingPathComponent("A_RES_67_27.txt"))
    try Data("not a resolution\n".utf8).write(to: input.appendingPathComponent("bad.txt"))
    try Data("notes\n".utf8).write(to: input.appendingPathComponent("README.md"))
    let run = try AKN.run(["batch", input.path, "-o", output.path, "--quiet", "--jobs", "1"])
    #expect(run.status == 1, "\(run.stderr)")
    let report = try String(
      contentsOf: output.appendingPathComponent("akn-batch-report.jsonl"), encoding: .utf8)
    let lines = report.split(separator: "\n")
    #expect(Set(lines.compactMap { Self.status(of: $0) }) == ["converted", "failed", "ignored"], "\(report)")
    try Self.check(lines, against: "batch-report.schema.json")
  }

  static func status(of line: Substring) -> String? {
    let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return object?["status"] as? String
  }
}
