import Foundation
import Testing

@Suite(.enabled(if: BatchFixtures.python != nil, "python3 is needed to make the test archive"))
struct HostileArchiveTests {
  /// An archive of 100,000 empty entries: every entry is reported, none crashes the batch, and
  /// the run ends in bounded time with exit code 1.
  @Test func anArchiveOf100000EmptyEntries() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let archive = folder.appendingPathComponent("empty.zip")
    let make = Process()
    make.executableURL = URL(fileURLWithPath: BatchFixtures.python!)
    make.arguments = [
      "-c",
      """
      import sys, zipfile
      with zipfile.ZipFile(sys.argv[1], 'w') as z:
          for i in range(100000): z.writestr('e/%06d.txt' % i, b'')
      """,
      archive.path,
    ]
    try make.run()
    make.waitUntilExit()
    try #require(make.terminationStatus == 0)

    let output = folder.appendingPathComponent("out")
    let run = try AKN.run(["batch", archive.path, "-o", output.path, "--quiet"])
    #expect(run.status == 1)
    let report = try BatchFixtures.report(in: output)
    #expect(report.count == 100_000)
    #expect(
      report.allSatisfy {
        ($0["status"] as? String) == "failed" && ($0["reason"] as? String) == "input.empty"
      })
    // Nothing but the report was written.
    #expect(try BatchFixtures.files(under: output).isEmpty)
  }
}
