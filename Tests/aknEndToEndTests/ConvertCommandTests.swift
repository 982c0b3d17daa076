import Foundation
import Testing

@Suite struct ConvertCommandTests {
  @Test func convertsTheSeedToStandardOutput() throws {
    let run = try AKN.run(["convert", AKN.seed.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == [UInt8](try Data(contentsOf: AKN.golden)))
    #expect(run.stderr.contains("note: left out 19 lines"))
  }

  @Test func writesTheOutputFileWithDashO() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("sub/A_RES_67_27.xml")
    // The folder must exist (a missing one is refused: OutputTargetTests).
    try FileManager.default.createDirectory(
      at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    let run = try AKN.run(["convert", AKN.seed.path, "-o", output.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.isEmpty)
    #expect(try Data(contentsOf: output) == Data(contentsOf: AKN.golden))
    // Only the output file: no temporary file is left behind.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == [
        "A_RES_67_27.xml"
      ])
  }

  @Test func anOutputThatCannotBeWrittenIsAClearErrorAndLeavesNothing() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The output's folder is a file: nothing can be created there.
    let blocker = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let output = blocker.appendingPathComponent("out.xml")
    let run = try AKN.run(["convert", AKN.seed.path, "-o", output.path, "--quiet"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("akn: error: cannot write \(output.path): "), "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["file"])
    // Written over an existing file, the old content is replaced whole.
    let existing = folder.appendingPathComponent("existing.xml")
    try Data("old".utf8).write(to: existing)
    let again = try AKN.run(["convert", AKN.seed.path, "-o", existing.path, "--quiet"])
    #expect(again.status == 0)
    #expect(try Data(contentsOf: existing) == Data(contentsOf: AKN.golden))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["existing.xml", "file"])
  }

  @Test func readsStandardInput() throws {
    let run = try AKN.run(["convert", "-"], stdin: [UInt8](try Data(contentsOf: AKN.seed)))
    #expect(run.status == 0)
    #expect(run.stdout == [UInt8](try Data(contentsOf: AKN.golden)))
  }

  @Test func markupDateOptionSetsTheManifestationDate() throws {
    let run = try AKN.run(["convert", AKN.seed.path, "--markup-date", "2030-05-06"])
    #expect(run.status == 0)
    #expect(run.output.contains(#"<FRBRdate date="2030-05-06" name="markup"/>"#))
    let bad = try AKN.run(["convert", AKN.seed.path, "--markup-date", "2030-02-31"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("YYYY-MM-DD"))
  }

  @Test func badInputFailsWithPositionAndWritesNothing() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("bad.txt")
    try Data("line one\ncaf\u{E9}\n".utf8.map { $0 } + [0xE9, 0x0A]).write(to: input)
    let output = folder.appendingPathComponent("bad.xml")
    let run = try AKN.run(["convert", input.path, "-o", output.path])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("\(input.path):3:1: error: invalid UTF-8"))
    #expect(run.stderr.contains("nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.txt"])
  }

  @Test func failedConversionKeepsAnExistingOutputFile() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("out.xml")
    try Data("previous".utf8).write(to: output)
    let run = try AKN.run(["convert", "-", "-o", output.path], stdin: Array("just prose\n".utf8))
    #expect(run.status == 1)
    #expect(run.stderr.contains("<stdin>:1:1: error:"))
    #expect(try String(contentsOf: output, encoding: .utf8) == "previous")
  }

  @Test func missingInputIsAUsageError() throws {
    let run = try AKN.run(["convert", "/nonexistent/file.txt"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("no such file"))
  }

  @Test func missingSchemaSaysHowToInstallIt() throws {
    let run = try AKN.run(["convert", AKN.seed.path, "--schema", "/nonexistent/schema"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("no schema at /nonexistent/schema"))
    let located = try AKN.run(
      ["convert", AKN.seed.path], environment: ["AKN_SCHEMA": "/nonexistent/akomantoso30.xsd"])
    #expect(located.status == 2)
  }

  @Test func textPrintsTheDocumentBack() throws {
    let run = try AKN.run(["text", AKN.golden.path])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("Resolution adopted by the General Assembly on 3 December 2012\n"))
    #expect(run.output.contains("1.\tCalls upon Member States"))
    #expect(run.output.contains("made,[1]\n"))
    #expect(run.output.hasSuffix("4 See A/65/201.\n"))
  }
}

@Suite struct HostileFileTests {
  @Test func a200MBTextFileIsRefusedBeforeReading() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let big = folder.appendingPathComponent("big.txt")
    FileManager.default.createFile(atPath: big.path, contents: nil)
    let handle = try FileHandle(forWritingTo: big)
    try handle.truncate(atOffset: 200 * 1024 * 1024)  // sparse: no 200 MB written to disk
    try handle.close()
    let run = try AKN.run(["convert", big.path, "-o", folder.appendingPathComponent("big.xml").path])
    #expect(run.status == 2)  // over a limit, as through standard input
    #expect(run.stderr.contains("200 MiB, over the limit of 64 MiB"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("big.xml").path))
  }
}

/// `--date`: the adoption date of a text whose own is missing or damaged.
struct DateHintCommandTests {
  static let damaged = """
    Resolution 638 (1989)
    of 3f July 1989

    The Security Council,

    Deeply disturbed by the prevalence of incidents of hostage-taking,

    1. Condemns unequivocally all acts of hostage-taking and abduction;

    2. Decides to remain seized of the matter.

    Adopted unanimously at the 2872nd meeting.

    """

  @Test func aDamagedDateIsRefusedNamingItsLineAndTheOption() throws {
    let run = try AKN.run(["convert", "-", "--color", "never"], stdin: Array(Self.damaged.utf8))
    #expect(run.status == 1)
    #expect(
      run.stderr.hasPrefix(
        "<stdin>:2: error: no adoption date: the adoption date \"of 3f July 1989\" cannot be read"))
    #expect(run.stderr.contains("(or give it with --date YYYY-MM-DD)"))
  }

  @Test func theGivenDateMakesTheIdentityWithANote() throws {
    let run = try AKN.run(
      ["convert", "-", "--date", "1989-07-31", "--color", "never"], stdin: Array(Self.damaged.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.output.contains(#"<FRBRthis value="/akn/un/statement/deliberation/un-sc/1989-07-31/638/!main"/>"#))
    #expect(
      run.stderr.contains(
        "<stdin>:2: note: the text prints no readable adoption date; 1989-07-31 was taken from the date given with the input"
      ))
    // The damaged line is still said, and kept in the document as printed.
    #expect(run.stderr.contains("<stdin>:2: warning: the adoption date \"of 3f July 1989\" cannot be read"))
    #expect(run.output.contains("of 3f July 1989"))
  }

  @Test func thePrintedDateWinsOverTheGivenOne() throws {
    let text = Self.damaged.replacingOccurrences(of: "of 3f July 1989", with: "of 31 July 1989")
    let run = try AKN.run(
      ["convert", "-", "--date", "1989-08-01", "--color", "never"], stdin: Array(text.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.output.contains("/un-sc/1989-07-31/638/"))
    #expect(
      run.stderr.contains(
        "warning: the text prints the adoption date 1989-07-31, but the date given with the input is 1989-08-01; the text's date was kept"
      ))
  }

  @Test func aDateThatIsNotRealIsAUsageError() throws {
    let run = try AKN.run(["convert", "-", "--date", "1989-02-30"], stdin: Array(Self.damaged.utf8))
    #expect(run.status == 2)
    #expect(run.stderr.contains("--date 1989-02-30: expected a real date as YYYY-MM-DD"))
  }
}
