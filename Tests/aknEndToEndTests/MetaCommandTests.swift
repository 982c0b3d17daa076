import Foundation
import Testing

/// `akn meta FILE…`: the identity facts as JSON Lines, valid against the committed
/// `Schemas/json/meta.schema.json`, the same for a text and for the XML it converts to.
struct MetaCommandTests {
  static let schema = AKN.root.appendingPathComponent("Schemas/json/meta.schema.json")

  /// The files whose facts are checked: the seed and its golden XML always; with `../shared`,
  /// every dev text, a few dev PDFs and every AKN document of `akn/`.
  static func inputs() throws -> [String] {
    var inputs = [AKN.seed.path, AKN.golden.path]
    guard let shared = AKN.shared else {
      print("MetaCommandTests: ../shared is absent: only the seed and its XML are checked")
      return inputs
    }
    func files(_ folder: String, _ suffix: String) throws -> [String] {
      let url = shared.appendingPathComponent(folder)
      return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(suffix) }
        .sorted().map { url.appendingPathComponent($0).path }
    }
    inputs += try files("corpus/dev", ".txt")
    inputs += try files("corpus/dev-pdf", ".pdf").prefix(3)
    inputs += try files("akn/valid", ".xml") + files("akn/invalid", ".xml")
    return inputs
  }

  /// The objects `akn meta` printed, one a line.
  static func objects(_ run: Run) throws -> [[String: Any]] {
    try run.output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  @Test func theSeedsFactsAreItsXMLs() throws {
    let run = try AKN.run(["meta", AKN.seed.path, AKN.golden.path])
    #expect(run.status == 0, "\(run.stderr)")
    let objects = try Self.objects(run)
    try #require(objects.count == 2)
    let text = objects[0]
    let work = "/akn/un/statement/deliberation/un-ga/2012-12-03/67-27"
    #expect(text["work"] as? String == work)
    #expect(text["expression"] as? String == "\(work)/eng@2012-12-03")
    #expect(text["manifestation"] as? String == "\(work)/eng@2012-12-03.xml")
    #expect(text["symbol"] as? String == "A/RES/67/27")
    #expect(text["number"] as? String == "67/27")
    #expect(text["session"] as? Int == 67)
    #expect(text["kind"] as? String == "resolution")
    #expect(text["form"] as? String == "ods")
    #expect((text["body"] as? [String: String]) == ["actor": "un-ga", "name": "General Assembly"])
    #expect(
      (text["title"] as? String)?.hasPrefix("Developments in the field of information and telecommunications")
        == true)
    #expect((text["dates"] as? [String: String])?["adoption"] == "2012-12-03")
    #expect((text["dates"] as? [String: String])?["manifestation"] == "2026-01-01")
    #expect((text["counts"] as? [String: Int]) == ["paragraphs": 5, "notes": 4, "annexes": 0])
    #expect(text["vote"] == nil, "the seed states no vote: the key is absent, not null")
    // The same facts from the golden XML, but for the file and the form.
    var xml = objects[1]
    #expect(xml["form"] as? String == "akn")
    xml["form"] = text["form"]
    xml["file"] = text["file"]
    #expect(NSDictionary(dictionary: xml).isEqual(to: text), "\(xml)\n\(text)")
  }

  @Test func aFileThatFailsIsNamedAndTheOthersGoOn() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let notAKN = folder.appendingPathComponent("other.xml")
    try Data("<?xml version=\"1.0\"?>\n<html><body/></html>\n".utf8).write(to: notAKN)
    let run = try AKN.run(["meta", notAKN.path, AKN.seed.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("not an Akoma Ntoso document"), "\(run.stderr)")
    #expect(try Self.objects(run).count == 1)
    let missing = try AKN.run(["meta", folder.appendingPathComponent("none.txt").path])
    #expect(missing.status == 2 && missing.output.isEmpty)
    #expect(missing.stderr.contains("no such file"), "\(missing.stderr)")
    let none = try AKN.run(["meta"])
    #expect(none.status == 2 && none.stderr.contains("Missing expected argument"), "\(none.stderr)")
  }

  @Test func everyOutputValidatesAgainstTheCommittedSchema() throws {
    let inputs = try Self.inputs()
    let run = try AKN.run(["meta"] + inputs)
    let lines = run.output.split(separator: "\n")
    // Every dev text, PDF and AKN document gives its facts.
    #expect(run.status == 0, "\(run.stderr)")
    #expect(lines.count == inputs.count, "\(run.stderr)")
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for (index, line) in lines.enumerated() {
      #expect(!line.contains("null"), "\(line)")
      let url = folder.appendingPathComponent("\(index).json")
      try Data(line.utf8).write(to: url)
      paths.append(url.path)
    }
    try JSONSchemaValidator.check(paths, against: Self.schema)
    print("MetaCommandTests: \(paths.count) outputs valid against meta.schema.json")
  }
}

/// check-jsonschema (PyPI), found as `JSONRendererTests` finds it: `$PYTHON` (or python3), else
/// the virtual environment that `Scripts/install-deps.sh` makes.
enum JSONSchemaValidator {
  static func check(_ paths: [String], against schema: URL) throws {
    let candidates = [
      ProcessInfo.processInfo.environment["PYTHON"] ?? "python3",
      AKN.root.appendingPathComponent(".build/venv/bin/python3").path,
    ]
    var python = candidates[0]
    var probe = try run([python, "-m", "check_jsonschema", "--version"])
    for candidate in candidates.dropFirst() where probe.status != 0 {
      guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
      let other = try run([candidate, "-m", "check_jsonschema", "--version"])
      if other.status == 0 { (python, probe) = (candidate, other) }
    }
    guard probe.status == 0 else {
      Issue.record(
        """
        the JSON Schema validator check-jsonschema (PyPI) is not installed for \(python): run \
        Scripts/install-deps.sh (or: \(python) -m pip install --user check-jsonschema); \(probe.output)
        """)
      return
    }
    let metaschema = try run([python, "-m", "check_jsonschema", "--check-metaschema", schema.path])
    #expect(metaschema.status == 0, "the schema is not a valid draft 2020-12 schema: \(metaschema.output)")
    let validation = try run([python, "-m", "check_jsonschema", "--schemafile", schema.path] + paths)
    #expect(validation.status == 0, "\(validation.output)")
  }

  /// Runs a program (found on PATH) and returns its exit status and combined output.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
