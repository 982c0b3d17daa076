import Foundation
import Testing

/// The schema compiles on a thread of its own while `akn validate` reads and parses the first
/// files and `akn batch` sets up: a schema that does not compile still fails cleanly, exit 2,
/// with nothing on standard output and no output folder or report written.
@Suite struct SchemaCompileCommandTests {
  /// A schema folder whose akomantoso30.xsd is well-formed but does not compile.
  static func brokenSchema() throws -> URL {
    let folder = try AKN.temporaryFolder()
    let imported = AKN.root.appendingPathComponent("Schemas/xml.xsd")
    try FileManager.default.copyItem(
      at: imported, to: folder.appendingPathComponent(imported.lastPathComponent))
    try Data(
      #"""
      <?xml version="1.0"?>
      <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
        <xsd:element name="akomaNtoso" type="undefinedType"/>
      </xsd:schema>
      """#.utf8
    ).write(to: folder.appendingPathComponent("akomantoso30.xsd"))
    return folder
  }

  @Test func validateWithASchemaThatDoesNotCompileReportsNothing() throws {
    let schema = try Self.brokenSchema()
    let files = try AKN.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: schema)
      try? FileManager.default.removeItem(at: files)
    }
    // Valid, unreadable and non-XML files: none of them is reported.
    try FileManager.default.copyItem(at: AKN.golden, to: files.appendingPathComponent("a.xml"))
    try Data("not xml".utf8).write(to: files.appendingPathComponent("b.xml"))
    for profile in ["none", "akn4un"] {
      let run = try AKN.run([
        "validate", "--profile", profile, "--schema", schema.path, files.path,
        files.appendingPathComponent("missing.xml").path,
      ])
      #expect(run.status == 2)
      #expect(run.stdout.isEmpty, "\(run.output)")
      #expect(run.stderr.hasPrefix("akn: error: the schema at "), "\(run.stderr)")
      #expect(run.stderr.contains("does not compile"))
      #expect(run.stderr.contains("make schema"))
    }
  }

  @Test func batchWithASchemaThatDoesNotCompileWritesNothing() throws {
    let schema = try Self.brokenSchema()
    let input = try AKN.temporaryFolder()
    let output = input.deletingLastPathComponent().appendingPathComponent("akn-out-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: schema)
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(at: output)
    }
    try FileManager.default.copyItem(at: AKN.seed, to: input.appendingPathComponent("A_RES_67_27.txt"))
    let run = try AKN.run(["batch", input.path, "-o", output.path, "--schema", schema.path, "--quiet"])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty, "\(run.output)")
    #expect(run.stderr.hasPrefix("akn: error: the schema at "), "\(run.stderr)")
    #expect(run.stderr.contains("make schema"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}
