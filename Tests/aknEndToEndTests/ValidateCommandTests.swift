import Foundation
import Testing

@Suite struct ValidateCommandTests {
  static let shared: URL? = {
    let candidates = [
      ProcessInfo.processInfo.environment["AKN_SHARED"].map { URL(fileURLWithPath: $0) },
      AKN.root.deletingLastPathComponent().appendingPathComponent("shared"),
    ].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("akn").path) }
  }()

  static func golden() throws -> String { try String(contentsOf: AKN.golden, encoding: .utf8) }

  /// A folder with one valid and one invalid document (the invalid one in a subfolder).
  static func mixedFolder() throws -> (folder: URL, good: URL, bad: URL) {
    let folder = try AKN.temporaryFolder()
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    let good = folder.appendingPathComponent("a.xml")
    let bad = folder.appendingPathComponent("sub/b.xml")
    try Data(try golden().utf8).write(to: good)
    let broken = try golden()
      .replacingOccurrences(of: #"<FRBRlanguage language="eng"/>"#, with: #"<FRBRlanguage language="en"/>"#)
      .replacingOccurrences(of: "<num>(a)</num>", with: "<nmu>(a)</nmu>")
    try Data(broken.utf8).write(to: bad)
    try Data("ignored".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    return (folder, good, bad)
  }

  @Test func aValidDocumentExitsZeroWithASummary() throws {
    let run = try AKN.run(["validate", AKN.golden.path])
    #expect(run.status == 0, "\(run.output)\(run.stderr)")
    #expect(run.output == "akn validate: 1 file: 1 valid, 0 invalid (0 errors, 0 warnings)\n")
    #expect(run.stderr.isEmpty)
  }

  @Test func convertOutputPassesBothLayers() throws {
    let converted = try AKN.run(["convert", AKN.seed.path, "--quiet"])
    #expect(converted.status == 0)
    let run = try AKN.run(["validate", "-"], stdin: converted.stdout)
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.contains("1 valid, 0 invalid (0 errors, 0 warnings)"))
  }

  @Test func errorsAreCompilerStyleWithRealLinesAndExitOne() throws {
    let (folder, _, bad) = try Self.mixedFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try AKN.run(["validate", folder.path])
    #expect(run.status == 1)
    let lines = run.output.split(separator: "\n").map(String.init)
    let badLines = try String(contentsOf: bad, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let nmu = try #require(badLines.firstIndex { $0.contains("<nmu>") }) + 1
    #expect(
      lines.contains {
        $0.hasPrefix("\(folder.path)/sub/b.xml:\(nmu): error: Element 'nmu': This element is not expected.")
          && $0.hasSuffix("[schema]")
      }, "\(lines)")
    #expect(
      lines.contains {
        $0.hasPrefix(#"\#(folder.path)/sub/b.xml:24: error: FRBRlanguage "en" is not a three-letter"#)
          && $0.hasSuffix("[nc.language]")
      }, "\(lines)")
    #expect(!run.output.contains("{http"))
    #expect(!run.output.contains("\u{1B}["), "no colour when not on a terminal")
    #expect(lines.last == "akn validate: 2 files: 1 valid, 1 invalid (3 errors, 0 warnings)")
  }

  @Test func jsonGivesOneObjectPerFileInOrder() throws {
    let (folder, good, bad) = try Self.mixedFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try AKN.run(["validate", "--format", "json", bad.path, folder.path])
    #expect(run.status == 1)
    let objects = try run.output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.map { $0["path"] as? String } == [bad.path, good.path, bad.path])
    #expect(objects.map { $0["valid"] as? Bool } == [false, true, false])
    let errors = try #require(objects[0]["errors"] as? [[String: Any]])
    #expect(errors.count == 3)
    let language = try #require(errors.first { $0["rule"] as? String == "nc.language" })
    #expect(language["line"] as? Int == 24)
    #expect((language["message"] as? String)?.contains("three-letter") == true)
    #expect(errors.contains { $0["rule"] as? String == "schema" && ($0["line"] as? Int ?? 0) > 24 })
    #expect(run.stderr.contains("akn validate: 3 files: 1 valid, 2 invalid"))
  }

  /// Bytes that do not decode in the declared encoding: libxml2 raises that without a parser
  /// context, and would print it itself; it must come out as akn's own diagnostic, once.
  @Test func anUndecodableDeclaredEncodingIsOurDiagnosticNotLibxml2Noise() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("euc.xml")
    try Data(
      Array(#"<?xml version="1.0" encoding="EUC-JP"?><a>"#.utf8) + [0xFF, 0xFF, 0xFF] + Array("</a>".utf8)
    )
    .write(to: file)
    for arguments in [
      ["validate", file.path], ["validate", "--profile", "none", file.path], ["text", file.path],
    ] {
      let run = try AKN.run(arguments)
      #expect(run.status == 1, "\(arguments)")
      let output = run.output + run.stderr
      #expect(output.contains("are not valid in the encoding the XML declaration names"), "\(output)")
      #expect(!output.contains("encoding error :") && !output.contains("I/O error :"), "\(output)")
      #expect(output.components(separatedBy: "are not valid in the encoding").count == 2, "\(output)")
    }
  }

  @Test func profileNoneChecksTheSchemaOnly() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("x.xml")
    try Data(
      try Self.golden().replacingOccurrences(
        of: #"<FRBRlanguage language="eng"/>"#, with: #"<FRBRlanguage language="en"/>"#
      ).utf8
    ).write(to: file)
    #expect(try AKN.run(["validate", file.path]).status == 1)
    let run = try AKN.run(["validate", "--profile", "none", file.path])
    #expect(run.status == 0, "\(run.output)")
  }

  @Test func warningsAreDistinctAndDoNotFail() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("w.xml")
    try Data(
      try Self.golden().replacingOccurrences(of: #"eId="para_3__list_1""#, with: #"eId="list_1""#).utf8
    ).write(to: file)
    let run = try AKN.run(["validate", file.path])
    #expect(run.status == 0)
    #expect(run.output.contains(#"\#(file.path):"#))
    #expect(run.output.contains(#": warning: eId "list_1" does not start with "para_3__""#))
    #expect(run.output.contains("[nc.eid-prefix]"))
    #expect(run.output.hasSuffix("1 valid, 0 invalid (0 errors, 1 warning)\n"))
    let quiet = try AKN.run(["validate", "--quiet", file.path])
    #expect(quiet.status == 0)
    #expect(quiet.output == "akn validate: 1 file: 1 valid, 0 invalid (0 errors, 1 warning)\n")
  }

  @Test func unreadableAndNotXMLAreExitTwo() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let gz = folder.appendingPathComponent("a.xml")
    try Data([0x1F, 0x8B, 0x08, 0x00] + Array(repeating: UInt8(0), count: 16)).write(to: gz)
    let run = try AKN.run(["validate", gz.path, AKN.golden.path, "/nonexistent/b.xml"])
    #expect(run.status == 2)
    #expect(run.output.contains("\(gz.path): error: the file is gzip-compressed data, not XML"))
    #expect(run.output.contains("/nonexistent/b.xml: error: no such file [input.unreadable]"))
    #expect(run.output.contains("3 files: 1 valid, 0 invalid, 2 not checked"))
  }

  @Test func aDoctypeIsAnInvalidDocumentWithAClearMessage() throws {
    let laughs = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
      <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&lol1;</akomaNtoso>
      """
    let run = try AKN.run(["validate", "-"], stdin: Array(laughs.utf8))
    #expect(run.status == 1)
    #expect(run.output.hasPrefix("<stdin>:2:1: error: the document has a DOCTYPE declaration;"))
  }

  @Test func usageErrorsAreExitTwo() throws {
    #expect(try AKN.run(["validate"]).status == 2)
    #expect(try AKN.run(["validate", "--format", "xml", AKN.golden.path]).status == 2)
    let schema = try AKN.run(["validate", AKN.golden.path, "--schema", "/nonexistent/schema"])
    #expect(schema.status == 2)
    #expect(schema.stderr.contains("no schema at /nonexistent/schema"))
  }

  @Test(.enabled(if: shared != nil, "../shared (the AKN corpus) is absent"))
  func theOASISExamplesPassTheSchemaAndTheInvalidOnesFail() throws {
    let akn = Self.shared!.appendingPathComponent("akn")
    let valid = try AKN.run(["validate", "--profile", "none", akn.appendingPathComponent("valid").path])
    #expect(valid.status == 0, "\(valid.output)")
    #expect(valid.output.contains("8 valid, 0 invalid"))
    let invalid = try AKN.run(["validate", "--profile", "none", akn.appendingPathComponent("invalid").path])
    #expect(invalid.status == 1)
    #expect(invalid.output.contains("0 valid, 2 invalid"))
    #expect(invalid.output.contains("Element 'opinion': The attribute 'by' is required but missing."))
    #expect(invalid.output.contains("no matching global declaration available for the validation root"))
  }
}
