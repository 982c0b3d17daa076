import Foundation
import Testing

/// `akn convert --format json`: the model and the reading report, after the same conversion and
/// checks as the XML.
@Suite struct ConvertJSONCommandTests {
  static let goldenJSON = AKN.root.appendingPathComponent("Examples/A_RES_67_27.json")

  @Test func printsTheSeedsModelAsTheGoldenJSON() throws {
    let run = try AKN.run(["convert", AKN.seed.path, "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == [UInt8](try Data(contentsOf: Self.goldenJSON)))
    // The same notes as for the XML.
    #expect(run.stderr.contains("note: left out 19 lines"))
    // The XML is still the default.
    let xml = try AKN.run(["convert", AKN.seed.path, "--format", "xml", "--quiet"])
    #expect(xml.stdout == [UInt8](try Data(contentsOf: AKN.golden)))
  }

  @Test func writesTheJSONWithDashO() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("A_RES_67_27.json")
    let run = try AKN.run(["convert", AKN.seed.path, "--format", "json", "-o", output.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(try Data(contentsOf: output) == Data(contentsOf: Self.goldenJSON))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["A_RES_67_27.json"])
  }

  @Test func aTextThatDoesNotConvertWritesNoJSON() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("out.json")
    let run = try AKN.run(
      ["convert", "-", "--format", "json", "-o", output.path], stdin: Array("Just some words.\n".utf8))
    #expect(run.status != 0)
    #expect(run.stderr.contains("not converted; nothing was written"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test func anUnknownFormatIsAUsageError() throws {
    let run = try AKN.run(["convert", AKN.seed.path, "--format", "yaml"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("'--format"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func theJSONHoldsWhatThePipelineDecided() throws {
    // A decision whose number is given: the JSON has the number, the session taken from it, the
    // IRIs the XML has, and the note saying where the number came from.
    let run = try AKN.run(
      ["convert", "-", "--number", "72/512", "--format", "json"],
      stdin: Array(DecisionCommandTests.decision.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    let top = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any])
    let document = try #require(top["document"] as? [String: Any])
    #expect(document["kind"] as? String == "decision")
    let metadata = try #require(document["metadata"] as? [String: Any])
    #expect(metadata["number"] as? String == "72/512")
    #expect(metadata["session"] as? Int == 72)
    let frbr = try #require(top["frbr"] as? [String: Any])
    #expect(frbr["number"] as? String == "72-512")
    let notes = try #require((top["report"] as? [String: Any])?["notes"] as? [[String: Any]])
    #expect(notes.contains { $0["rule"] as? String == "input.number" && $0["severity"] as? String == "note" })
  }
}
