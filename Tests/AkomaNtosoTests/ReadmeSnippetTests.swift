import Foundation
import Testing

@testable import AkomaNtoso

/// The README's library snippet compiles and runs: its lines are this test's, word for word.
struct ReadmeSnippetTests {
  /// The snippet, as the README prints it (between `import Foundation` and the closing fence).
  static let snippet = """
    let schema = try AKNSchema.load(from: "Schemas")            // compile once
    let converter = Converter(schema: schema)                    // Sendable: share it across tasks
    let bytes = [UInt8](FileManager.default.contents(atPath: "Examples/A_RES_67_27.txt") ?? Data())
    let options = ConversionOptions(markupDate: SimpleDate(year: 2026, month: 1, day: 1)!)
    let result = try converter.convert(bytes, options: options)  // read, render, validate, check
    try OutputFile.write(result.xml, to: "A_RES_67_27.xml")        // atomic: all or nothing
    print(result.resolution.metadata.symbol ?? "", result.warnings.count)
    """

  @Test("the README's library snippet is this test's code")
  func theReadmeShowsThisCode() throws {
    let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains(Self.snippet))
  }

  @Test("the README's library snippet runs (its paths made absolute)")
  func theSnippetRuns() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("akn-snippet-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = Fixtures.root.path
    // The snippet's calls, word for word but the paths.
    let schema = try AKNSchema.load(from: root + "/Schemas")  // compile once
    let converter = Converter(schema: schema)  // Sendable: share it across tasks
    let bytes = [UInt8](FileManager.default.contents(atPath: root + "/Examples/A_RES_67_27.txt") ?? Data())
    let options = ConversionOptions(markupDate: SimpleDate(year: 2026, month: 1, day: 1)!)
    let result = try converter.convert(bytes, options: options)  // read, render, validate, check
    try OutputFile.write(result.xml, to: folder.path + "/A_RES_67_27.xml")  // atomic: all or nothing
    #expect(result.resolution.metadata.symbol == "A/RES/67/27")
    #expect(result.warnings.isEmpty)
    #expect(
      FileManager.default.contents(atPath: folder.path + "/A_RES_67_27.xml").map { [UInt8]($0) } == result.xml
    )
  }
}
