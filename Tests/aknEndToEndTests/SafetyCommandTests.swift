import Foundation
import Testing

/// The safety conventions: an output never overwrites its input, `-o -` is standard output, a
/// batch that converts nothing fails, `--color`, and suggestions for mistyped names.
@Suite struct SafetyCommandTests {
  /// A temporary folder holding a copy of the seed as `same.txt`.
  static func folderWithSeed() throws -> (URL, URL) {
    let folder = try AKN.temporaryFolder()
    let source = folder.appendingPathComponent("same.txt")
    try FileManager.default.copyItem(at: AKN.seed, to: source)
    return (folder, source)
  }

  @Test func convertRefusesToWriteOverItsInputThroughAnyPath() throws {
    let (folder, source) = try Self.folderWithSeed()
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = try Data(contentsOf: source)
    let symlink = folder.appendingPathComponent("link.txt")
    try FileManager.default.createSymbolicLink(at: symlink, withDestinationURL: source)
    let hardLink = folder.appendingPathComponent("hard.txt")
    try FileManager.default.linkItem(at: source, to: hardLink)
    for output in ["same.txt", "./same.txt", source.path, "link.txt", "hard.txt"] {
      let run = try AKN.run(["convert", "same.txt", "-o", output], directory: folder)
      #expect(run.status == 2, "\(output): \(run.stderr)")
      #expect(run.stderr.contains("akn: error: -o \(output) is the input file same.txt; nothing was written"))
      #expect(run.stdout.isEmpty)
      #expect(try Data(contentsOf: source) == original, "\(output) changed the input")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "hard.txt", "link.txt", "same.txt",
      ])
  }

  @Test func dashOIsStandardOutput() throws {
    let (folder, _) = try Self.folderWithSeed()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try AKN.run(["convert", "same.txt", "-o", "-", "--quiet"], directory: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == [UInt8](try Data(contentsOf: AKN.golden)))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
  }

  @Test func batchRefusesAnOutputFolderThatIsOrIsInsideItsInput() throws {
    let (folder, _) = try Self.folderWithSeed()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: AKN.seed, to: input.appendingPathComponent("A_RES_67_27.txt"))
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("alias"), withDestinationURL: input)
    for (source, output) in [
      ("in", "in"), ("in", "in/out"), ("in", "./in/a/b"), ("alias", "in/out"), ("in", "alias/out"),
    ] {
      let run = try AKN.run(["batch", source, "-o", output], directory: folder)
      #expect(run.status == 2, "\(source) -o \(output): \(run.stderr)")
      #expect(
        run.stderr.contains(
          "akn: error: the output folder \(output) is the input folder \(source) or inside it"),
        "\(run.stderr)")
      // Refused before anything is written.
      #expect(try FileManager.default.contentsOfDirectory(atPath: input.path) == ["A_RES_67_27.txt"])
    }
    // A sibling folder whose name merely starts like the input's is fine.
    let run = try AKN.run(["batch", "in", "-o", "in-out", "--quiet"], directory: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("in-out/A_RES_67_27.xml").path))
  }

  @Test func aBatchThatConvertsNothingFailsAndSaysWhy() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("only")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try Data("# notes\n".utf8).write(to: input.appendingPathComponent("a.md"))
    try Data("{}".utf8).write(to: input.appendingPathComponent("b.json"))
    for extra in [[], ["--quiet"]] {
      let run = try AKN.run(["batch", "only", "-o", "out"] + extra, directory: folder)
      #expect(run.status == 1, "\(run.stderr)")
      #expect(
        run.stderr.contains(
          "akn: error: nothing was converted: only holds no .txt or .pdf document (2 other files ignored; batch converts .txt and .pdf files)"
        ), "\(run.stderr)")
    }
  }

  @Test func colorOptionAndEnvironment() throws {
    let (folder, _) = try Self.folderWithSeed()
    defer { try? FileManager.default.removeItem(at: folder) }
    let invalid = folder.appendingPathComponent("bad.xml")
    try Data("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>".utf8).write(
      to: invalid)
    let escape = "\u{1B}["
    // Output to a pipe: auto does not colour; always does, whatever the environment says.
    let auto = try AKN.run(["validate", "bad.xml"], directory: folder)
    #expect(auto.status == 1)
    #expect(!auto.output.contains(escape))
    let always = try AKN.run(
      ["validate", "bad.xml", "--color", "always"], environment: ["NO_COLOR": "1", "TERM": "dumb"],
      directory: folder)
    #expect(always.status == 1)
    #expect(always.output.contains("\(escape)1;31merror:\(escape)0m"), "\(always.output)")
    let never = try AKN.run(["validate", "bad.xml", "--color", "never"], directory: folder)
    #expect(!never.output.contains(escape))
    #expect(never.output == auto.output)
    // Every command takes --color; convert colours its warnings and errors on standard error.
    let convert = try AKN.run(
      ["convert", "same.txt", "-o", "same.txt", "--color", "always"], directory: folder)
    #expect(convert.status == 2)
    #expect(convert.stderr.contains("\(escape)1;31merror:\(escape)0m"), "\(convert.stderr)")
    let text = try AKN.run(["text", "bad.xml", "--color", "never"], directory: folder)
    #expect(!text.stderr.contains("Unknown option"), "\(text.stderr)")
    let batch = try AKN.run(["batch", ".", "-o", "out", "--color", "bogus"], directory: folder)
    #expect(batch.status == 2)
    #expect(batch.stderr.contains("--color"), "\(batch.stderr)")
    let preview = try AKN.run(
      ["preview", "same.txt", "-o", "same.txt", "--color", "always"], directory: folder)
    #expect(preview.status == 2)
    #expect(preview.stderr.contains("\(escape)1;31merror:\(escape)0m"), "\(preview.stderr)")
    // The README says every command takes --color.
    for command in ["convert", "validate", "batch", "text", "preview", "meta"] {
      let help = try AKN.run([command, "--help"], directory: folder)
      #expect(help.output.contains("--color"), "akn \(command) --help: \(help.output)")
    }
  }

  /// On a terminal (a pseudo-terminal from util-linux `script`), auto colours unless NO_COLOR is
  /// set and not empty, or TERM is dumb.
  @Test func autoColourOnATerminalHonoursNoColorAndDumbTerminals() throws {
    let script = "/usr/bin/script"
    guard FileManager.default.isExecutableFile(atPath: script) else {
      Issue.record("\(script) (util-linux) is missing: cannot run akn on a terminal")
      return
    }
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let invalid = folder.appendingPathComponent("bad.xml")
    try Data("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>".utf8).write(
      to: invalid)
    func onTerminal(_ environment: [String: String]) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: script)
      process.arguments = ["-qec", "'\(AKN.executable.path)' validate '\(invalid.path)'", "/dev/null"]
      var env = ProcessInfo.processInfo.environment
      env["TERM"] = "xterm"
      env.removeValue(forKey: "NO_COLOR")
      for (key, value) in environment { env[key] = value }
      process.environment = env
      let out = Pipe()
      process.standardOutput = out
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    let red = "\u{1B}[1;31merror:"
    #expect(try onTerminal([:]).contains(red))
    #expect(try onTerminal(["NO_COLOR": ""]).contains(red), "an empty NO_COLOR is not set")
    let noColor = try onTerminal(["NO_COLOR": "1"])
    #expect(noColor.contains("error:") && !noColor.contains("\u{1B}["), "\(noColor)")
    let dumb = try onTerminal(["TERM": "dumb"])
    #expect(dumb.contains("error:") && !dumb.contains("\u{1B}["), "\(dumb)")
  }

  @Test func mistypedSubcommandsAndOptionsSuggestTheNearest() throws {
    let run = try AKN.run(["convrt", "x.txt"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("Unknown subcommand 'convrt'. Did you mean 'convert'?"), "\(run.stderr)")
    let validate = try AKN.run(["valdiate", "x.xml"])
    #expect(validate.stderr.contains("Did you mean 'validate'?"), "\(validate.stderr)")
    let far = try AKN.run(["frobnicate"])
    #expect(far.status == 2)
    #expect(
      far.stderr.contains("Subcommands: convert, validate, batch, text, preview, meta, serve, help."),
      "\(far.stderr)")
    let option = try AKN.run(["convert", AKN.seed.path, "--outptu", "x.xml"])
    #expect(option.status == 2)
    #expect(option.stderr.contains("Unknown option '--outptu'. Did you mean '--output'?"), "\(option.stderr)")
  }

  @Test func versionNamesTheReleaseTheCommitLibxml2AndTheAllocator() throws {
    let run = try AKN.run(["--version"])
    #expect(run.status == 0)
    let line = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    // mimalloc in use: the version is printed bare only when a block malloc returns lies in
    // mimalloc's heap (else "… linked but not in use").
    let pattern =
      #"^akn \d+\.\d+\.\d+ \(git ([0-9a-f]{12}|unknown), libxml2 \d+\.\d+\.\d+, mimalloc \d+\.\d+\.\d+\)$"#
    #expect(line.range(of: pattern, options: .regularExpression) != nil, "\(line)")
    // Built from this checkout: the commit is its HEAD.
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["git", "-C", AKN.root.path, "rev-parse", "--short=12", "HEAD"]
    let out = Pipe()
    git.standardOutput = out
    git.standardError = FileHandle.nullDevice
    try git.run()
    let head = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    git.waitUntilExit()
    if git.terminationStatus == 0 && !head.isEmpty {
      #expect(line.contains("(git \(head)"), "\(line) is not built from HEAD \(head)")
    }
  }
}
