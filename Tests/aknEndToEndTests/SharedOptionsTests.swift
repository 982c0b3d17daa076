import Foundation
import Testing

/// `akn` and `akn serve` take `--schema` and the date options from one shared definition: the same
/// wrong value gets the same message (with its remedy) and exit code 2 from both programs.
@Suite struct SharedOptionsTests {
  static let server = AKN.sibling("akn-serve")

  @Test func aMissingSchemaIsTheSameUsageErrorInBothPrograms() throws {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-no-schema-\(UUID().uuidString)"
    ).path
    let convert = try AKN.run(["convert", AKN.seed.path, "--schema", missing])
    let serve = try AKN.run(["--port", "0", "--schema", missing], program: Self.server)
    #expect(convert.status == 2)
    #expect(serve.status == 2)
    let remedy = "--schema takes akomantoso30.xsd or the folder holding it and xml.xsd"
    #expect(convert.stderr.hasPrefix("akn: error: "), "\(convert.stderr)")
    #expect(convert.stderr.contains(remedy), "\(convert.stderr)")
    #expect(serve.stderr.hasPrefix("akn serve: error: "), "\(serve.stderr)")
    #expect(serve.stderr.contains(remedy), "\(serve.stderr)")
    #expect(serve.output.isEmpty, "the server must not say it listens: \(serve.output)")
  }

  @Test func aBadMarkupDateIsRefusedByBothPrograms() throws {
    let convert = try AKN.run(["convert", AKN.seed.path, "--markup-date", "2024-02-30"])
    let serve = try AKN.run(["--port", "0", "--markup-date", "2024-02-30"], program: Self.server)
    for run in [convert, serve] {
      #expect(run.status == 2)
      #expect(
        run.stderr.contains("--markup-date 2024-02-30: expected a real date as YYYY-MM-DD"), "\(run.stderr)")
    }
  }

  @Test func aBadSourceDateEpochIsRefusedByBothPrograms() throws {
    let environment = ["SOURCE_DATE_EPOCH": "yesterday"]
    let convert = try AKN.run(["convert", AKN.seed.path], environment: environment)
    let serve = try AKN.run(["--port", "0"], environment: environment, program: Self.server)
    for run in [convert, serve] {
      #expect(run.status == 2)
      #expect(
        run.stderr.contains("SOURCE_DATE_EPOCH=yesterday: expected a number of seconds since 1970"),
        "\(run.stderr)")
    }
  }
}
