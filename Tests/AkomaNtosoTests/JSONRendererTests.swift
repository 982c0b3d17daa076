import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// The JSON renderer: the model and the reading report as `akn convert --format json` prints
/// them, checked against the committed schema with a JSON Schema validator from PyPI.
struct JSONRendererTests {
  /// The committed JSON Schema of the output.
  static let schema = Fixtures.root.appendingPathComponent("Schemas/json/convert.schema.json")
  /// The options `akn convert --format json` converts with: the source spans recorded.
  static let options: ConversionOptions = {
    var options = Fixtures.options
    options.sourceSpans = true
    return options
  }()

  /// The documents whose JSON is checked: the seed and a PDF (its spans with boxes and fonts)
  /// always, and every dev document and two dev PDFs when `../shared` is there. Each with its
  /// name.
  static func documents() throws -> [(name: String, bytes: [UInt8])] {
    var documents = [("A_RES_67_27.txt", try Fixtures.seed()), ("test.pdf", TestPDF.resolution)]
    if let shared = Fixtures.shared {
      for name in ["A_RES_78_1.pdf", "A_RES_78_8.pdf"] {
        documents.append((name, try Fixtures.bytes(shared.appendingPathComponent("corpus/dev-pdf/\(name)"))))
      }
      let folder = shared.appendingPathComponent("corpus/dev")
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".txt") }.sorted()
      for name in names {
        documents.append((name, try Fixtures.bytes(folder.appendingPathComponent(name))))
      }
    } else {
      print("JSONRendererTests: ../shared/corpus/dev is absent: only the seed's JSON is checked")
    }
    return documents
  }

  /// The JSON of every document that converts, with the reading it was rendered from.
  static func outputs() throws -> [(name: String, reading: Reading, json: [UInt8])] {
    var outputs: [(String, Reading, [UInt8])] = []
    for (name, bytes) in try documents() {
      guard let result = try? Fixtures.converter.convert(bytes, options: Self.options) else { continue }
      outputs.append((name, result.reading, try JSONRenderer().render(result.reading)))
    }
    return outputs
  }

  @Test func theSeedsJSONIsTheGoldenFile() throws {
    let result = try Fixtures.converter.convert(Fixtures.seed(), options: Self.options)
    let json = try JSONRenderer().render(result.reading)
    try Golden.check(json, against: Fixtures.examples.appendingPathComponent("A_RES_67_27.json"))
    // The same bytes on a second rendering: nothing depends on hashing order.
    #expect(try JSONRenderer().render(result.reading) == json)
  }

  @Test func theSeedsJSONHoldsIdentityStructureAndReport() throws {
    let result = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options)
    let json = try JSONRenderer().render(result.reading)
    let top = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
    #expect(top["formatVersion"] as? Int == 1)
    #expect(top["form"] as? String == result.reading.form)
    let frbr = try #require(top["frbr"] as? [String: Any])
    #expect(frbr["work"] as? String == "/akn/un/statement/deliberation/un-ga/2012-12-03/67-27")
    #expect(
      frbr["expression"] as? String == "/akn/un/statement/deliberation/un-ga/2012-12-03/67-27/eng@2012-12-03")
    // The XML names the same work.
    #expect(
      String(decoding: result.xml, as: UTF8.self).contains(
        "\"/akn/un/statement/deliberation/un-ga/2012-12-03/67-27\""))
    let document = try #require(top["document"] as? [String: Any])
    let metadata = try #require(document["metadata"] as? [String: Any])
    #expect(metadata["symbol"] as? String == "A/RES/67/27")
    #expect(metadata["number"] as? String == "67/27")
    #expect(metadata["session"] as? Int == 67)
    #expect(metadata["adoptionDate"] as? String == "2012-12-03")
    #expect((metadata["organ"] as? [String: Any])?["actor"] as? String == "un-ga")
    #expect(metadata["source"] == nil)  // absent, not null
    let body = try #require(document["body"] as? [[String: Any]])
    #expect(body.map { $0["kind"] as? String } == Array(repeating: "paragraph", count: 5))
    #expect(body.map { $0["num"] as? String } == ["1.", "2.", "3.", "4.", "5."])
    let report = try #require(top["report"] as? [String: Any])
    let furniture = try #require(report["furniture"] as? [[String: Any]])
    #expect(furniture.count == result.reading.report.furniture.count)
    #expect(furniture.allSatisfy { $0["line"] is Int && $0["reason"] is String && $0["text"] is String })
  }

  @Test func everyOutputValidatesAgainstTheCommittedSchema() throws {
    let outputs = try Self.outputs()
    #expect(outputs.count >= 1)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-json-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for (name, _, json) in outputs {
      let url = folder.appendingPathComponent(name + ".json")
      try Data(json).write(to: url)
      paths.append(url.path)
    }
    // One run of the validator over every output.
    // The Python that has it: $PYTHON (or python3), else the virtual environment that
    // Scripts/install-deps.sh makes when user installs are refused.
    let candidates = [
      ProcessInfo.processInfo.environment["PYTHON"] ?? "python3",
      Fixtures.root.appendingPathComponent(".build/venv/bin/python3").path,
    ]
    var python = candidates[0]
    var probe = try Self.run([python, "-m", "check_jsonschema", "--version"])
    for candidate in candidates.dropFirst() where probe.status != 0 {
      guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
      let other = try Self.run([candidate, "-m", "check_jsonschema", "--version"])
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
    let check = try Self.run(
      [python, "-m", "check_jsonschema", "--check-metaschema", Self.schema.path])
    #expect(check.status == 0, "the schema is not a valid draft 2020-12 schema: \(check.output)")
    let validation = try Self.run(
      [python, "-m", "check_jsonschema", "--schemafile", Self.schema.path] + paths)
    #expect(validation.status == 0, "\(validation.output)")
    print("JSONRendererTests: \(outputs.count) outputs valid against \(Self.schema.lastPathComponent)")
  }

  @Test func noOutputHoldsNullAndTheModelReadsBack() throws {
    struct Top: Decodable {
      var document: Resolution
      var report: ReadingReport
      var formatVersion: Int
    }
    func nulls(_ value: Any, _ path: String) -> [String] {
      if value is NSNull { return [path] }
      if let object = value as? [String: Any] {
        return object.keys.sorted().flatMap { nulls(object[$0]!, path + "." + $0) }
      }
      if let array = value as? [Any] {
        return array.enumerated().flatMap { nulls($0.element, path + "[\($0.offset)]") }
      }
      return []
    }
    for (name, reading, json) in try Self.outputs() {
      let parsed = try JSONSerialization.jsonObject(with: Data(json))
      #expect(nulls(parsed, "$") == [], "\(name)")
      // Nothing is lost: the JSON decodes to the model it was written from.
      let top = try JSONDecoder().decode(Top.self, from: Data(json))
      // Whether a PDF's italics came from its print is a note for reading's later passes, not
      // written.
      var written = reading.resolution
      written.updateTextBlocks { $0.italicsFromPrint = false }
      #expect(top.document == written, "\(name)")
      #expect(top.report == reading.report, "\(name)")
    }
  }

  @Test func enumsWithPayloadsHaveAKind() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func text<T: Encodable>(_ value: T) throws -> String {
      String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    #expect(try text(TextBlock.Segment.noteRef(marker: "1")) == #"{"kind":"noteRef","marker":"1"}"#)
    #expect(
      try text(PrefaceLine.Role.date(SimpleDate(year: 1977, month: 11, day: 4)!, printed: "4 November 1977"))
        == #"{"date":"1977-11-04","kind":"date","printed":"4 November 1977"}"#)
    #expect(try text(ConclusionLine.Role.meeting(number: 48)) == #"{"kind":"meeting","number":48}"#)
    #expect(try text(MovedLines(lines: 3...9, before: 40)) == #"{"before":40,"first":3,"last":9}"#)
    let section = BodyItem.section(Section(num: "A", heading: nil, items: [], line: 7))
    #expect(
      try text(section) == #"{"intro":[],"items":[],"kind":"section","line":7,"num":"A","unit":"section"}"#)
    #expect(try JSONDecoder().decode(BodyItem.self, from: Data(try text(section).utf8)) == section)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(BodyItem.self, from: Data(#"{"kind":"chapter"}"#.utf8))
    }
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SimpleDate.self, from: Data(#""2012-02-30""#.utf8))
    }
  }

  @Test func theLayoutIsOneValueALineAndLeavesStringsAlone() {
    let compact = #"{"a":[],"b":{"c":"x,{y}: \"z\" \\","d":[1,2]},"e":{}}"#
    let expected = """
      {
        "a": [],
        "b": {
          "c": "x,{y}: \\"z\\" \\\\",
          "d": [
            1,
            2
          ]
        },
        "e": {}
      }

      """
    #expect(String(decoding: JSONRenderer.indented(Array(compact.utf8)), as: UTF8.self) == expected)
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
