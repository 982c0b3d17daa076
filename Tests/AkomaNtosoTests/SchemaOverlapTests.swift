import Foundation
import Testing

@testable import AKNModel
@testable import AKNValidation

/// `AKNSchema.startLoading(from:)`: the schema compiles on its own thread while the first files
/// are read and parsed; the reports are the same as with a schema compiled beforehand, and a
/// schema that does not compile stops the work before anything is reported.
@Suite struct SchemaOverlapTests {
  /// A copy of the schema files in a folder of their own: a path the process has not compiled.
  static func schemaCopy(breaking: Bool = false) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let source = Fixtures.root.appendingPathComponent("Schemas")
    for name in [AKNSchema.fileName, AKNSchema.importFileName] {
      try FileManager.default.copyItem(
        at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    if breaking {
      // Well-formed XML, but a type that is not defined: the schema does not compile.
      try Data(
        #"""
        <?xml version="1.0"?>
        <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
          <xsd:element name="akomaNtoso" type="undefinedType"/>
        </xsd:schema>
        """#.utf8
      ).write(to: folder.appendingPathComponent(AKNSchema.fileName))
    }
    return folder
  }

  /// Valid and invalid documents, a file that is not XML, one that is not AKN and a missing one.
  static func mixedFiles() throws -> (folder: URL, files: [String]) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-overlap-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let good = try ValidatorTests.golden()
    let bad = good.replacingOccurrences(
      of: #"<FRBRlanguage language="eng"/>"#, with: #"<FRBRlanguage language="en"/>"#
    )
    .replacingOccurrences(of: "<num>(a)</num>", with: "<nmu>(a)</nmu>")
    var files: [String] = []
    for index in 0..<40 {
      let path = folder.appendingPathComponent("f\(index).xml").path
      let text: String
      switch index % 7 {
      case 3: text = bad
      case 5: text = "not xml at all"
      case 6: text = #"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>"#
      default: text = good
      }
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      files.append(path)
    }
    files.insert(folder.appendingPathComponent("missing.xml").path, at: 2)
    return (folder, files)
  }

  @Test(arguments: [ValidationProfile.none, .akn4un])
  func reportsWhileTheSchemaCompilesAreTheSameAsAfter(profile: ValidationProfile) throws {
    let schemaFolder = try Self.schemaCopy()
    let (folder, files) = try Self.mixedFiles()
    defer {
      try? FileManager.default.removeItem(at: schemaFolder)
      try? FileManager.default.removeItem(at: folder)
    }
    var expected: [ValidationReport] = []
    Validator(schema: Fixtures.schema, profile: profile).validate(files: files) { expected.append($0) }
    #expect(expected.map(\.outcome).contains(.invalid) && expected.map(\.outcome).contains(.unreadable))

    let loading = try AKNSchema.startLoading(from: schemaFolder.path)
    var seen: [ValidationReport] = []
    Validator(schema: loading, profile: profile).validate(files: files) { seen.append($0) }
    #expect(loading.isReady && loading.compileError == nil)
    #expect(seen == expected)
  }

  @Test func aSchemaThatDoesNotCompileStopsBeforeTheFirstReport() throws {
    let schemaFolder = try Self.schemaCopy(breaking: true)
    let (folder, files) = try Self.mixedFiles()
    defer {
      try? FileManager.default.removeItem(at: schemaFolder)
      try? FileManager.default.removeItem(at: folder)
    }
    let loading = try AKNSchema.startLoading(from: schemaFolder.path)
    var reported = 0
    #expect(throws: SchemaError.self) {
      try Validator(schema: loading).validate(files: files) { _ in
        try loading.waitUntilCompiled()
        reported += 1
      }
    }
    #expect(reported == 0)
    #expect(loading.compileError?.kind == .doesNotCompile)
    #expect(loading.compileError?.message.contains("does not compile") == true)
    // Validating against it anyway says why, as an error of the document.
    let report = Validator(schema: loading).validate(fileAt: files[0])
    #expect(report.errors.first?.rule == .schemaCompile)
    // A later load compiles again and fails again, saying why.
    #expect(throws: SchemaError.self) { try AKNSchema.load(from: schemaFolder.path) }
  }
}
