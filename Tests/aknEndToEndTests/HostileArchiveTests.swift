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

  /// Names in several scripts, as Python's zipfile writes them (the zip UTF-8 flag set) and as
  /// its tarfile writes them (pax headers): every entry is converted, under its own name, in the
  /// "C" locale and under `LC_ALL=C.UTF-8` alike. libarchive used to give no name at all for them
  /// (`entry path "" is empty`).
  @Test(arguments: ["names.zip", "names.tar.gz"])
  func namesInEveryScriptAreReadAsTheArchiveStoresThem(_ archiveName: String) throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let names = [
      "Résolutions/A_RES_67_201 café.txt",  // Latin accents, in a folder with one
      "Резолюции/Резолюция 67-202.txt",  // Cyrillic
      "قرارات/قرار ٦٧-٢٠٣.txt",  // Arabic
      "决议/第67-204号决议.txt",  // CJK
      "ascii/A_RES_67_205.txt",
    ]
    let files = try names.enumerated().map { ($0.element, try BatchFixtures.variant(201 + $0.offset)) }
    let archive = folder.appendingPathComponent(archiveName)
    try BatchFixtures.archive(BatchFixtures.entries(files), at: archive)
    for locale in ["C", "C.UTF-8"] {
      let output = folder.appendingPathComponent("out-\(locale)")
      let run = try AKN.run(
        ["batch", archive.path, "-o", output.path, "--quiet"],
        environment: ["LC_ALL": locale, "LANG": locale])
      #expect(run.status == 0, "\(locale): \(run.stderr)")
      let report = try BatchFixtures.report(in: output)
      #expect(report.map { $0["input"] as? String } == names, "\(locale)")
      #expect(report.allSatisfy { $0["status"] as? String == "converted" }, "\(locale): \(report)")
      let written = try BatchFixtures.files(under: output)
      #expect(Set(written.keys) == Set(names.map { String($0.dropLast(4)) + ".xml" }), "\(locale)")
      for (offset, name) in names.enumerated() {
        let xml = String(decoding: written[String(name.dropLast(4)) + ".xml"] ?? Data(), as: UTF8.self)
        #expect(xml.contains("67/\(201 + offset)"), "\(locale): \(name)")
      }
    }
  }

  /// A path stored twice, and an entry whose output is where another entry's output needs a
  /// folder (`c.txt` → `c.xml`, `c.xml/d.txt` → `c.xml/d.xml`): the first in archive order wins,
  /// every run alike, the later one is reported as a duplicate, and `--resume` converts nothing
  /// again and leaves every file as it was.
  @Test(arguments: ["dup.zip", "dup.tar"])
  func aPathStoredTwiceOrAFileWhereAFolderIsNeededLosesToTheFirstEntry(_ archiveName: String) throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let archive = folder.appendingPathComponent(archiveName)
    try BatchFixtures.archive(
      BatchFixtures.entries([
        ("c.txt", try BatchFixtures.variant(301)),
        ("c.txt", try BatchFixtures.variant(302)),
        ("c.xml/d.txt", try BatchFixtures.variant(303)),
        ("e.xml/f.txt", try BatchFixtures.variant(304)),
        ("e.txt", try BatchFixtures.variant(305)),
        ("g.txt", try BatchFixtures.variant(306)),
      ]), at: archive)
    let output = folder.appendingPathComponent("out")
    let first = try AKN.run(["batch", archive.path, "-o", output.path, "--quiet", "--jobs", "4"])
    #expect(first.status == 1, "\(first.stderr)")
    let report = try BatchFixtures.report(in: output)
    #expect(
      report.map { $0["input"] as? String } == [
        "c.txt", "c.txt", "c.xml/d.txt", "e.xml/f.txt", "e.txt", "g.txt",
      ])
    #expect(
      report.map { $0["reason"] as? String }
        == [nil, "batch.duplicate", "batch.duplicate", nil, "batch.duplicate", nil])
    let messages = report.map { (($0["errors"] as? [[String: Any]])?.first?["message"] as? String) ?? "" }
    #expect(messages[1].contains("stored more than once"), "\(messages[1])")
    #expect(messages[2].contains("needs a folder c.xml"), "\(messages[2])")
    #expect(messages[4].contains("needs a folder"), "\(messages[4])")
    let files = try BatchFixtures.files(under: output)
    #expect(Set(files.keys) == ["c.xml", "e.xml/f.xml", "g.xml"])
    #expect(String(decoding: files["c.xml"] ?? Data(), as: UTF8.self).contains("67/301"))
    let reportBytes = try BatchFixtures.reportWithoutTimings(in: output)
    for round in 1...2 {
      let resumed = try AKN.run(["batch", archive.path, "-o", output.path, "--resume", "--jobs", "4"])
      #expect(resumed.status == 1, "\(resumed.stderr)")
      #expect(
        resumed.stderr.contains("3 converted (3 already up to date)"), "round \(round): \(resumed.stderr)")
      #expect(try BatchFixtures.files(under: output) == files, "round \(round)")
      #expect(try BatchFixtures.reportWithoutTimings(in: output) == reportBytes, "round \(round)")
    }
  }

  /// In a folder too (`c.txt` sorts before `c.xml/`), and with shards: each shard sees every
  /// input's output path, so the shards agree on which one wins, whichever shard each is in.
  @Test func aFileWhereAFolderIsNeededLosesInAFolderAndInEveryShard() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    var files: [(String, [UInt8])] = [
      ("c.txt", try BatchFixtures.variant(401)), ("c.xml/d.txt", try BatchFixtures.variant(402)),
    ]
    for index in 0..<8 {
      files.append(("k\(index).txt", try BatchFixtures.variant(410 + index)))
      files.append(("k\(index).xml/x.txt", try BatchFixtures.variant(420 + index)))
    }
    try BatchFixtures.write(files, under: input)
    let whole = folder.appendingPathComponent("whole")
    _ = try AKN.run(["batch", input.path, "-o", whole.path, "--quiet"])
    let reasons = Dictionary(
      try BatchFixtures.report(in: whole).map { ($0["input"] as! String, $0["reason"] as? String ?? "") }
    ) { a, _ in a }
    #expect(reasons["c.txt"] == "")
    #expect(reasons["c.xml/d.txt"] == "batch.duplicate")
    let sharded = folder.appendingPathComponent("sharded")
    for shard in ["1/2", "2/2"] {
      _ = try AKN.run(["batch", input.path, "-o", sharded.path, "--quiet", "--shard", shard])
    }
    var shardReasons: [String: String] = [:]
    for name in ["akn-batch-report.shard-1-of-2.jsonl", "akn-batch-report.shard-2-of-2.jsonl"] {
      for record in try BatchFixtures.report(in: sharded, name: name) {
        shardReasons[record["input"] as! String] = record["reason"] as? String ?? ""
      }
    }
    #expect(shardReasons == reasons)
    #expect(try BatchFixtures.files(under: sharded) == BatchFixtures.files(under: whole))
  }
}
