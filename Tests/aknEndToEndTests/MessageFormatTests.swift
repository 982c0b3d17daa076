import Foundation
import Testing

/// What the README promises of every message: it starts with the file it is about, then the
/// line and column where it is about a place in the input (`FILE:LINE:COLUMN: error: …`, as
/// compilers write, so that editors and CI annotations jump there).
struct MessageFormatTests {
  /// Every line `akn` printed for `file` (standard error, or standard output for `validate`'s
  /// report) starts with `file:`, or is the indented continuation of one, or the command's own
  /// summary (`akn: file: not converted; …`, `akn validate: 1 file: …`).
  func expectEveryLineNames(
    _ file: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    #expect(!lines.isEmpty, "nothing was printed", sourceLocation: sourceLocation)
    for line in lines where !line.hasPrefix(" ") && !line.hasPrefix("akn validate: ") {
      #expect(
        line.hasPrefix(file + ":") || line.hasPrefix("akn: \(file): "), "\(line)",
        sourceLocation: sourceLocation)
    }
  }

  @Test("a text in the wrong encoding: FILE:LINE:COLUMN of the first bad byte")
  func encodingErrorNamesLineAndColumn() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("latin1.txt").path
    try Data(Array("one\ntwo\ncaf".utf8) + [0xE9] + Array("\n".utf8)).write(to: URL(fileURLWithPath: file))
    let run = try AKN.run(["convert", file, "--color", "never"])
    #expect(run.status != 0)
    expectEveryLineNames(file, in: run.stderr)
    #expect(run.stderr.hasPrefix("\(file):3:4: error: "), "\(run.stderr)")
  }

  @Test("an XML syntax error in validate: FILE:LINE:COLUMN where the parser stopped")
  func xmlErrorNamesLineAndColumn() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("broken.xml").path
    try Data("<akomaNtoso>\n  <act>\n</akomaNtoso>\n".utf8).write(to: URL(fileURLWithPath: file))
    let run = try AKN.run(["validate", file, "--color", "never"])
    #expect(run.status == 1)
    expectEveryLineNames(file, in: run.output + run.stderr)
    #expect(run.output.hasPrefix("\(file):3:14: error: Opening and ending tag mismatch"), "\(run.output)")
  }

  @Test("a document that is not a resolution, and a truncated one: the file and the line")
  func readingErrorsNameTheFile() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let prose = folder.appendingPathComponent("prose.txt").path
    try Data("It was a dark and stormy night.\n".utf8).write(to: URL(fileURLWithPath: prose))
    let run = try AKN.run(["convert", prose, "--color", "never"])
    #expect(run.status != 0)
    expectEveryLineNames(prose, in: run.stderr)
    #expect(run.stderr.hasPrefix("\(prose):1:1: error: "), "\(run.stderr)")
    // Half of the seed: the ODS trailer is gone.
    let seed = try Data(contentsOf: AKN.seed)
    let half = folder.appendingPathComponent("half.txt").path
    try seed.prefix(seed.count / 2).write(to: URL(fileURLWithPath: half))
    let cut = try AKN.run(["convert", half, "--color", "never"])
    expectEveryLineNames(half, in: cut.stderr)
  }

  @Test("warnings of a conversion name the file and the line they are about")
  func warningsNameFileAndLine() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The seed with its adoption line removed: a warned document.
    let seed = try String(contentsOf: AKN.seed, encoding: .utf8)
    let lines = seed.split(separator: "\n", omittingEmptySubsequences: false)
    let kept = lines.filter { !$0.contains("plenary meeting") }
    let file = folder.appendingPathComponent("warned.txt").path
    try Data(kept.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
    let run = try AKN.run([
      "convert", file, "-o", folder.appendingPathComponent("out.xml").path, "--color", "never",
    ])
    expectEveryLineNames(file, in: run.stderr)
    #expect(
      run.stderr.range(of: #"^\#(file):\d+(:\d+)?: warning: "#, options: .regularExpression) != nil,
      "\(run.stderr)")
  }
}
