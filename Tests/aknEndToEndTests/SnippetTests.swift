import Foundation
import Testing

/// The documentation's programs (`Snippets/`, shown by the DocC catalog's getting-started
/// article) run from the package's folder and do what the article says they do.
struct SnippetTests {
  /// Runs the snippet `name` from the package's folder; it must have been built (`swift build`
  /// and `swift test` build every snippet).
  func runSnippet(_ name: String) throws -> Run {
    let program = AKN.sibling(name)
    try #require(
      FileManager.default.isExecutableFile(atPath: program.path),
      "the snippet \(name) is not built beside akn (\(program.path)); run swift build")
    return try AKN.run([], directory: AKN.root, program: program)
  }

  @Test("ConvertAText converts the seed with no warning and writes its XML")
  func convertAText() throws {
    let run = try runSnippet("ConvertAText")
    #expect(run.status == 0, "\(run.output)\(run.stderr)")
    #expect(run.output.hasPrefix("A/RES/67/27 "))
    #expect(run.output.contains(" bytes, 0 warnings"))
    let written = FileManager.default.temporaryDirectory.appendingPathComponent("A_RES_67_27.xml")
    let xml = try String(contentsOf: written, encoding: .utf8)
    #expect(xml.contains("<FRBRthis value=\"/akn/un/statement/deliberation/un-ga/2012-12-03/67-27/!main"))
  }

  @Test("ValidateAFile finds the seed's golden AKN valid")
  func validateAFile() throws {
    let run = try runSnippet("ValidateAFile")
    #expect(run.status == 0, "\(run.output)\(run.stderr)")
    #expect(run.output == "valid 0 errors 0 warnings\n")
  }

  @Test("ReadTheModel prints the seed's facts and outline from the model")
  func readTheModel() throws {
    let run = try runSnippet("ReadTheModel")
    #expect(run.status == 0, "\(run.output)\(run.stderr)")
    #expect(run.output.contains("form: ods\n"))
    #expect(run.output.contains("symbol: A/RES/67/27 adopted: 2012-12-03\n"))
    #expect(run.output.contains("preamble: 17 clauses; operative part: 5 items\n"))
    #expect(run.output.contains("paragraph 1. Calls upon Member States"))
    #expect(run.output.contains("footnotes: 4\n"))
  }
}
