import Foundation
import Testing

@Suite struct BatchCommandTests {
  let folder: URL
  init() throws { folder = try AKN.temporaryFolder() }

  private func digest(_ url: URL) throws -> [String: Data] {
    try BatchFixtures.files(under: url, excludingReports: false)
  }

  @Test func folderBatchMirrorsPathsAndReportsEveryInput() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    var files = try BatchFixtures.documents(3)
    files.append(("c/A_RES_67_27.txt", [UInt8](try Data(contentsOf: AKN.seed))))
    files.append(("c/latin1.txt", Array("Resolution\ncaf".utf8) + [0xE9, 0x0A]))
    files.append(("c/notes.md", Array("not a resolution".utf8)))
    files.append((".git/objects/A_RES_1.txt", Array("not walked".utf8)))
    try BatchFixtures.write(files, under: input)
    try FileManager.default.createSymbolicLink(
      atPath: input.appendingPathComponent("c/link.txt").path, withDestinationPath: AKN.seed.path)
    #expect(mkfifo(input.appendingPathComponent("c/pipe.txt").path, 0o644) == 0)
    let before = try digest(input)
    let output = folder.appendingPathComponent("out")

    let run = try AKN.run(["batch", input.path, "-o", output.path, "--jobs", "2"])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("akn batch: 4 converted, 3 failed, 2 ignored"))
    #expect(run.stderr.contains("1 batch.link"))
    #expect(run.stderr.contains("1 input.encoding"))
    #expect(run.stderr.contains("1 batch.not-regular"))
    #expect(try digest(input) == before, "the inputs were modified")

    // The outputs mirror the inputs' paths and are what `akn convert` writes.
    let outputs = try BatchFixtures.files(under: output)
    #expect(
      Set(outputs.keys) == [
        "set0/sub/A_RES_67_100.xml", "set1/sub/A_RES_67_101.xml", "set2/sub/A_RES_67_102.xml",
        "c/A_RES_67_27.xml",
      ])
    #expect(outputs["c/A_RES_67_27.xml"] == (try Data(contentsOf: AKN.golden)))
    let single = try AKN.run(["convert", "-"], stdin: try BatchFixtures.variant(101))
    #expect(outputs["set1/sub/A_RES_67_101.xml"] == Data(single.stdout))

    let report = try BatchFixtures.report(in: output)
    #expect(
      report.map { $0["input"] as? String } == [
        ".git", "c/A_RES_67_27.txt", "c/latin1.txt", "c/link.txt", "c/notes.md", "c/pipe.txt",
        "set0/sub/A_RES_67_100.txt", "set1/sub/A_RES_67_101.txt", "set2/sub/A_RES_67_102.txt",
      ])
    let byInput = Dictionary(uniqueKeysWithValues: report.map { ($0["input"] as! String, $0) })
    #expect(byInput["c/latin1.txt"]?["status"] as? String == "failed")
    #expect(byInput["c/latin1.txt"]?["reason"] as? String == "input.encoding")
    let error = (byInput["c/latin1.txt"]?["errors"] as? [[String: Any]])?.first
    #expect(error?["line"] as? Int == 2)
    #expect((error?["message"] as? String)?.contains("iconv") == true)
    #expect(byInput["c/link.txt"]?["reason"] as? String == "batch.link")
    #expect(byInput["c/pipe.txt"]?["reason"] as? String == "batch.not-regular")
    #expect(byInput["c/notes.md"]?["status"] as? String == "ignored")
    #expect(byInput[".git"]?["reason"] as? String == "hidden")
    let converted = try #require(byInput["c/A_RES_67_27.txt"])
    #expect(converted["status"] as? String == "converted")
    #expect(converted["output"] as? String == "c/A_RES_67_27.xml")
    #expect(converted["bytes"] as? Int == (try Data(contentsOf: AKN.seed)).count)
    #expect(converted["ms"] is Int)
    #expect((converted["sha256"] as? String)?.count == 64)
  }

  @Test func anUnreadableFileIsReportedAndTheBatchGoesOn() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    try BatchFixtures.write(try BatchFixtures.documents(2), under: input)
    let locked = input.appendingPathComponent("set0/sub/A_RES_67_100.txt")
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path) }
    let output = folder.appendingPathComponent("out")
    let run = try AKN.run(["batch", input.path, "-o", output.path, "--quiet"])
    let report = try BatchFixtures.report(in: output)
    #expect(report.count == 2)
    if getuid() == 0 {
      // root reads every file: the permission bits cannot make one unreadable here.
      #expect(run.status == 0)
    } else {
      #expect(run.status == 1)
      #expect(report.first?["reason"] as? String == "batch.unreadable")
      #expect(report.last?["status"] as? String == "converted")
    }
  }

  @Test(.enabled(if: BatchFixtures.python != nil, "python3 is needed to make the test archives"))
  func archivesGiveTheSameOutputsAndReportAsTheFolder() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    var files = try BatchFixtures.documents(6)
    files.append(("bad/prose.txt", Array("just some prose\n".utf8)))
    try BatchFixtures.write(files, under: folder.appendingPathComponent("in"))
    let archives = ["in.zip", "in.tar.gz", "in.tar.xz", "in.tar"]
    for name in archives {
      try BatchFixtures.archive(
        BatchFixtures.entries(files.sorted { $0.0 < $1.0 }), at: folder.appendingPathComponent(name))
    }
    var results: [(files: [String: Data], report: [String])] = []
    for input in ["in"] + archives {
      let output = folder.appendingPathComponent("out-\(input)")
      let run = try AKN.run(["batch", folder.appendingPathComponent(input).path, "-o", output.path])
      #expect(run.status == 1, "\(input): \(run.stderr)")
      #expect(run.stderr.contains("6 converted, 1 failed"), "\(input): \(run.stderr)")
      results.append(
        (try BatchFixtures.files(under: output), try BatchFixtures.reportWithoutTimings(in: output)))
    }
    #expect(results[0].files.count == 6)
    for (name, result) in zip(archives, results.dropFirst()) {
      #expect(result.files == results[0].files, "\(name)")
      #expect(result.report == results[0].report, "\(name)")
    }
  }

  @Test(.enabled(if: BatchFixtures.python != nil, "python3 is needed to make the test archives"))
  func hostileArchiveEntriesAreRefusedAndNothingIsWrittenOutside() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = String(decoding: try BatchFixtures.variant(200), as: UTF8.self)
    let outside = folder.appendingPathComponent("outside")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    let output = folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    // A link already in the output folder (made by someone else): never written through.
    try FileManager.default.createSymbolicLink(
      atPath: output.appendingPathComponent("planted").path, withDestinationPath: outside.path)
    typealias Entry = BatchFixtures.Entry
    for name in ["hostile.tar.gz", "hostile.zip"] {
      var entries = [
        Entry(name: "ok/A_RES_67_200.txt", data: good),
        Entry(name: "../up.txt", data: good),
        Entry(name: "ok/../../up2.txt", data: good),
        Entry(name: "/tmp/absolute.txt", data: good),
        Entry(name: "planted/A_RES_67_201.txt", data: good),
        Entry(name: "bomb.txt", zeros: 80 << 20),
        Entry(
          name: "dup/A_RES_67_210.txt", data: String(decoding: try BatchFixtures.variant(210), as: UTF8.self)),
        Entry(
          name: "dup/A_RES_67_210.txt", data: String(decoding: try BatchFixtures.variant(211), as: UTF8.self)),
      ]
      if name.hasSuffix(".tar.gz") {
        entries += [
          Entry(name: "escape", link: outside.path),
          Entry(name: "escape/A_RES_67_202.txt", data: good),
          Entry(name: "ok/hard.txt", hardlink: "/etc/passwd"),
        ]
      }
      let archive = folder.appendingPathComponent(name)
      try BatchFixtures.archive(entries, at: archive)
      let run = try AKN.run(["batch", archive.path, "-o", output.path])
      #expect(run.status == 1, "\(run.stderr)")
      let report = try BatchFixtures.report(in: output)
      let reasons = Dictionary(report.map { ($0["input"] as! String, $0["reason"] as? String ?? "") }) {
        a, _ in a
      }
      #expect(reasons["ok/A_RES_67_200.txt"] == "")
      #expect(reasons["../up.txt"] == "batch.unsafe-path")
      #expect(reasons["ok/../../up2.txt"] == "batch.unsafe-path")
      #expect(reasons["/tmp/absolute.txt"] == "batch.unsafe-path")
      #expect(reasons["planted/A_RES_67_201.txt"] == "batch.write")
      #expect(reasons["bomb.txt"] == "batch.too-large")
      // A path stored twice: the first one wins, the second is refused before anything is written.
      #expect(
        report.filter { $0["input"] as? String == "dup/A_RES_67_210.txt" }.map { $0["reason"] as? String }
          == [nil, "batch.duplicate"])
      let kept = try String(
        contentsOf: output.appendingPathComponent("dup/A_RES_67_210.xml"), encoding: .utf8)
      #expect(kept.contains("67/210") && !kept.contains("67/211"))
      if name.hasSuffix(".tar.gz") {
        #expect(reasons["escape"] == "batch.link")
        #expect(reasons["ok/hard.txt"] == "batch.link")
        // The link was refused, so this is a plain folder in the output, not the link's target.
        #expect(reasons["escape/A_RES_67_202.txt"] == "")
        #expect(
          FileManager.default.fileExists(
            atPath: output.appendingPathComponent("escape/A_RES_67_202.xml").path))
      }
      #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("up.xml").path))
      #expect(!FileManager.default.fileExists(atPath: "/tmp/absolute.xml"))
      #expect(
        FileManager.default.fileExists(atPath: output.appendingPathComponent("ok/A_RES_67_200.xml").path))
    }
  }

  @Test func aCorruptArchiveReportsWhatWasReadAndWhatWasNot() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    try BatchFixtures.write(try BatchFixtures.documents(40), under: input)
    let archive = folder.appendingPathComponent("whole.tar.gz")
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments = ["tar", "-czf", archive.path, "-C", input.path, "."]
    try tar.run()
    tar.waitUntilExit()
    #expect(tar.terminationStatus == 0)
    let whole = try Data(contentsOf: archive)
    let cut = folder.appendingPathComponent("cut.tar.gz")
    try whole.prefix(whole.count * 2 / 3).write(to: cut)
    let output = folder.appendingPathComponent("out")
    let run = try AKN.run(["batch", cut.path, "-o", output.path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("cut.tar.gz is damaged"), "\(run.stderr)")
    let report = try BatchFixtures.report(in: output)
    let last = try #require(report.last)
    #expect(last["input"] as? String == "cut.tar.gz")
    #expect(last["reason"] as? String == "batch.archive")
    let converted = report.filter { $0["status"] as? String == "converted" }
    #expect(converted.count > 0 && converted.count < 40)
    // Everything before the damage converted (tar's `./` folder entry is no failure).
    #expect(
      converted.count == report.count - 1,
      "\(report.dropLast().filter { $0["status"] as? String != "converted" })")
    #expect(try BatchFixtures.files(under: output).count == converted.count)
    // A file that is no archive at all.
    let fake = folder.appendingPathComponent("fake.zip")
    try Data("not a zip".utf8).write(to: fake)
    let bad = try AKN.run(["batch", fake.path, "-o", folder.appendingPathComponent("out2").path])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("fake.zip cannot be read as an archive"), "\(bad.stderr)")
  }

  @Test func aKilledRunResumedGivesTheSameOutputAndReport() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    var files = try BatchFixtures.documents(400)
    files.insert(("a/prose.txt", Array("prose, not a resolution\n".utf8)), at: 0)
    try BatchFixtures.write(files, under: input)
    let reference = folder.appendingPathComponent("reference")
    let whole = try AKN.run(["batch", input.path, "-o", reference.path, "--quiet"])
    #expect(whole.status == 1)

    let output = folder.appendingPathComponent("out")
    let process = Process()
    process.executableURL = AKN.executable
    process.arguments = ["batch", input.path, "-o", output.path, "--quiet", "--jobs", "1"]
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = "1767225600"
    process.environment = environment
    process.standardError = FileHandle.nullDevice
    try process.run()
    let journal = output.appendingPathComponent("akn-batch-report.jsonl.partial")
    var lines = 0
    while process.isRunning && lines < 50 {
      usleep(5_000)
      lines = ((try? Data(contentsOf: journal)) ?? Data()).count { $0 == UInt8(ascii: "\n") }
    }
    let wasRunning = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try #require(wasRunning, "the batch finished before it could be killed; the test needs more documents")
    #expect(process.terminationReason == .uncaughtSignal)

    // After the kill: every .xml present is complete and valid (the same bytes as the reference).
    let partial = try BatchFixtures.files(under: output).filter { $0.key.hasSuffix(".xml") }
    let referenceFiles = try BatchFixtures.files(under: reference)
    #expect(partial.count > 0 && partial.count < 400)
    for (path, data) in partial { #expect(referenceFiles[path] == data, "\(path) is not complete") }
    #expect(
      !FileManager.default.fileExists(atPath: output.appendingPathComponent("akn-batch-report.jsonl").path))

    // What a kill during a write leaves: a temporary file, never a partial .xml.
    try Data("<akomaNtoso".utf8).write(
      to: output.appendingPathComponent("set0/sub/.A_RES_67_104.xml.\(UUID().uuidString).tmp"))
    let resumed = try AKN.run(["batch", input.path, "-o", output.path, "--resume"])
    #expect(resumed.status == 1)
    #expect(resumed.stderr.contains("already up to date"), "\(resumed.stderr)")
    let resumedFiles = try BatchFixtures.files(under: output)
    #expect(resumedFiles == referenceFiles)
    #expect(
      try BatchFixtures.reportWithoutTimings(in: output) == BatchFixtures.reportWithoutTimings(in: reference))
    #expect(!FileManager.default.fileExists(atPath: journal.path))
  }

  @Test func resumeConvertsAgainWhatChanged() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    try BatchFixtures.write(try BatchFixtures.documents(3), under: input)
    let output = folder.appendingPathComponent("out")
    #expect(try AKN.run(["batch", input.path, "-o", output.path]).status == 0)
    // One input changes, one output is damaged by hand: both are converted again.
    try Data(try BatchFixtures.variant(300)).write(
      to: input.appendingPathComponent("set0/sub/A_RES_67_100.txt"))
    try Data("damaged".utf8).write(to: output.appendingPathComponent("set1/sub/A_RES_67_101.xml"))
    let run = try AKN.run(["batch", input.path, "-o", output.path, "--resume"])
    #expect(run.status == 0)
    #expect(run.stderr.contains("3 converted (1 already up to date)"), "\(run.stderr)")
    let repaired = try String(
      contentsOf: output.appendingPathComponent("set1/sub/A_RES_67_101.xml"), encoding: .utf8)
    #expect(repaired.contains("67/101"))
    let changed = try String(
      contentsOf: output.appendingPathComponent("set0/sub/A_RES_67_100.xml"), encoding: .utf8)
    #expect(changed.contains("67/300"))
    // An input that no longer converts leaves its existing output alone.
    try Data("now just prose\n".utf8).write(to: input.appendingPathComponent("set2/sub/A_RES_67_102.txt"))
    let kept = try Data(contentsOf: output.appendingPathComponent("set2/sub/A_RES_67_102.xml"))
    let failed = try AKN.run(["batch", input.path, "-o", output.path, "--resume"])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("2 converted (2 already up to date), 1 failed"), "\(failed.stderr)")
    #expect(try Data(contentsOf: output.appendingPathComponent("set2/sub/A_RES_67_102.xml")) == kept)
  }

  @Test func shardsCoverEveryInputExactlyOnce() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    try BatchFixtures.write(try BatchFixtures.documents(12), under: input)
    let whole = folder.appendingPathComponent("whole")
    #expect(try AKN.run(["batch", input.path, "-o", whole.path]).status == 0)
    let sharded = folder.appendingPathComponent("sharded")
    var inputs: [String] = []
    for index in 1...3 {
      let run = try AKN.run(["batch", input.path, "-o", sharded.path, "--shard", "\(index)/3", "--jobs", "1"])
      #expect(run.status == 0, "\(run.stderr)")
      let report = try BatchFixtures.report(in: sharded, name: "akn-batch-report.shard-\(index)-of-3.jsonl")
      inputs += report.map { $0["input"] as! String }
    }
    #expect(inputs.count == 12)
    #expect(Set(inputs).count == 12)
    let shardedFiles = try BatchFixtures.files(under: sharded)
    #expect(shardedFiles == (try BatchFixtures.files(under: whole)))
    let bad = try AKN.run(["batch", input.path, "-o", sharded.path, "--shard", "4/3"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("expected K/N"))
  }

  @Test func usageErrors() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = try AKN.run(["batch", "/nonexistent/in", "-o", folder.path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no such file or folder"))
    let text = try AKN.run(["batch", AKN.seed.path, "-o", folder.path])
    #expect(text.status == 2)
    #expect(text.stderr.contains("not a folder or an archive"))
  }

  @Test(.enabled(if: AKN.shared != nil, "../shared/corpus/bulk is absent: the bulk batch test is skipped"))
  func everyBulkDocumentEndsConvertedOrReported() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let bulk = try #require(AKN.shared).appendingPathComponent("corpus/bulk")
    let texts = try FileManager.default.subpathsOfDirectory(atPath: bulk.path).filter { $0.hasSuffix(".txt") }
    let run = try AKN.run(["batch", bulk.path, "-o", folder.path, "--quiet"])
    #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
    let report = try BatchFixtures.report(in: folder)
    #expect(Set(report.map { $0["input"] as! String }) == Set(texts))
    #expect(report.count == texts.count)
    for record in report {
      let status = record["status"] as? String
      if status == "failed" {
        let errors = record["errors"] as? [[String: Any]] ?? []
        #expect(!errors.isEmpty && (errors.first?["message"] as? String)?.isEmpty == false, "\(record)")
      } else {
        #expect(status == "converted", "\(record)")
      }
    }
    let written = try BatchFixtures.files(under: folder).keys.filter { $0.hasSuffix(".xml") }
    #expect(written.count == report.filter { $0["status"] as? String == "converted" }.count)
  }
}
