import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

@Suite struct BatchTests {
  @Test func sha256MatchesTheStandardVectors() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func shardsPartitionPathsDeterministically() throws {
    #expect(BatchShard("0/3") == nil)
    #expect(BatchShard("4/3") == nil)
    #expect(BatchShard("1/0") == nil)
    #expect(BatchShard("2") == nil)
    let shards = try (1...4).map { try #require(BatchShard("\($0)/4")) }
    let paths = (0..<400).map { "ga-\($0 % 7)/A_RES_78_\($0).txt" }
    for path in paths { #expect(shards.filter { $0.contains(path) }.count == 1) }
    // Stable across runs and machines: FNV-1a, not Swift's seeded hasher.
    #expect(PathHash.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
    for shard in shards { #expect(paths.filter(shard.contains).count > 60) }
  }

  @Test func archivePathsAreNormalisedOrRefused() {
    func check(_ raw: String) -> String? { try? BatchSource.normalise(raw).get() }
    #expect(check("a/b/A_RES_78_1.txt") == "a/b/A_RES_78_1.txt")
    #expect(check("./a//./b.txt") == "a/b.txt")
    #expect(check("../a.txt") == nil)
    #expect(check("a/../../b.txt") == nil)
    #expect(check("a/..") == nil)
    #expect(check("/etc/x.txt") == nil)
    #expect(check("..\\x.txt") == nil)
    #expect(check("a/\u{1}b.txt") == nil)
    #expect(check("./") == nil)
    if case .failure(let refusal) = BatchSource.normalise("../a.txt") {
      #expect(refusal.diagnostic.rule == RuleID.batchUnsafePath)
    }
  }

  @Test func reportLinesRoundTripWithAFixedKeyOrder() throws {
    let record = BatchRecord(
      input: "a/\"q\"\u{1}\u{2028}é.txt", output: "a/x.xml", status: .failed, reason: "schema",
      errors: [
        .init(Diagnostic(.error, rule: .schema, message: "bad\nthing", line: 3, column: 4, element: "p"))
      ],
      warnings: [], bytes: 10, ms: 2, sha256: "00", outputSha256: nil, options: nil)
    let line = record.jsonLine
    #expect(line.hasPrefix(#"{"input":"a/\"q\"\u0001\u2028é.txt","output":"a/x.xml","status":"failed""#))
    #expect(!line.contains("\n"))
    let decoded = try JSONDecoder().decode(BatchRecord.self, from: Data(line.utf8))
    #expect(decoded == record)
    #expect(decoded.errors.first?.message == "bad\nthing (at p)")
  }

  @Test func reportLinesQuoteTextsWithNothingToEscapeWhole() throws {
    // Texts with nothing to escape are quoted as they are; any other goes through the escaping
    // loop. Both must give the same JSON, which decodes back to the same record.
    for text in [
      "plain/path.txt", "é ü 中文", "en – dash", "line\u{2028}sep", "para\u{2029}", "tab\there", "del\u{7F}",
    ] {
      let record = BatchRecord(
        input: text, output: nil, status: .ignored, reason: text, errors: [], warnings: [], bytes: 0, ms: 0,
        sha256: nil, outputSha256: nil, options: nil)
      let line = record.jsonLine
      #expect(!line.contains("\n") && !line.contains("\u{2028}") && !line.contains("\u{7F}"))
      #expect(try JSONDecoder().decode(BatchRecord.self, from: Data(line.utf8)) == record)
    }
    let plain = BatchRecord(
      input: "é – x.txt", output: nil, status: .ignored, reason: nil, errors: [], warnings: [], bytes: 0,
      ms: 0,
      sha256: nil, outputSha256: nil, options: nil)
    #expect(plain.jsonLine.hasPrefix(#"{"input":"é – x.txt","status":"ignored""#))
  }

  // MARK: Limits, on small archives made with tar

  private func tarball(_ files: [String: [UInt8]], compress: Bool = true) throws -> (URL, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-batch-\(UUID().uuidString)")
    let content = folder.appendingPathComponent("content")
    for (path, bytes) in files {
      let url = content.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    let archive = folder.appendingPathComponent(compress ? "in.tar.gz" : "in.tar")
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments =
      ["tar", compress ? "-czf" : "-cf", archive.path, "-C", content.path] + files.keys.sorted()
    try tar.run()
    tar.waitUntilExit()
    try #require(tar.terminationStatus == 0)
    return (folder, archive)
  }

  private func run(_ archive: URL, in folder: URL, limits: BatchLimits) throws -> BatchSummary {
    try Batch.run(
      input: archive.path, outputFolder: folder.appendingPathComponent("out").path,
      converter: Fixtures.converter,
      options: BatchOptions(conversion: Fixtures.options, jobs: 2, limits: limits, settings: "test"))
  }

  @Test func tooManyEntriesStopTheBatchClearly() throws {
    let files = Dictionary(uniqueKeysWithValues: (0..<6).map { ("n\($0).md", Array("x".utf8)) })
    let (folder, archive) = try tarball(files)
    defer { try? FileManager.default.removeItem(at: folder) }
    let summary = try run(archive, in: folder, limits: BatchLimits(maximumEntries: 4))
    #expect(summary.ignored == 4)
    #expect(summary.failuresByReason == ["batch.limit": 1])
    #expect(summary.stopped?.contains("more than 4 entries") == true)
  }

  @Test func aHighCompressionRatioStopsTheBatch() throws {
    let zeros = [UInt8](repeating: UInt8(ascii: " "), count: 4 << 20)
    let (folder, archive) = try tarball(["a.txt": zeros, "b.txt": zeros])
    defer { try? FileManager.default.removeItem(at: folder) }
    let summary = try run(archive, in: folder, limits: BatchLimits(maximumRatio: 50, ratioFloor: 1 << 20))
    #expect(summary.failuresByReason["batch.limit"] == 1)
    #expect(summary.stopped?.contains("expands more than 50 times") == true)
    // With the default limits the same archive is read to the end (its texts just fail).
    let whole = try run(archive, in: folder, limits: BatchLimits())
    #expect(whole.stopped == nil)
    #expect(whole.failed == 2)
  }

  @Test func tooManyUncompressedBytesStopTheBatch() throws {
    let text = [UInt8](repeating: UInt8(ascii: "a"), count: 3000)
    let (folder, archive) = try tarball(["a.txt": text, "b.txt": text, "c.txt": text], compress: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let summary = try run(archive, in: folder, limits: BatchLimits(maximumTotalBytes: 5000))
    #expect(summary.documents == 3)
    #expect(summary.failuresByReason["batch.limit"] == 1)
    #expect(summary.stopped?.contains("uncompressed") == true)
  }

  @Test func writingRefusesToPassThroughALink() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("akn-out-\(UUID().uuidString)")
    let outside = folder.appendingPathComponent("outside")
    let root = folder.appendingPathComponent("root")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("link").path, withDestinationPath: outside.path)
    #expect(throws: UnsafeOutputPath.self) {
      try OutputFile.write(Array("x".utf8), inside: root.path, at: "link/a.xml")
    }
    #expect(throws: UnsafeOutputPath.self) {
      try OutputFile.write(Array("x".utf8), inside: root.path, at: "../a.xml")
    }
    try OutputFile.write(Array("x".utf8), inside: root.path, at: "a/b/c.xml")
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("a/b/c.xml").path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
  }

  /// What a killed write leaves behind is what a new run clears away, and nothing else.
  @Test func temporaryFilesOfAKilledRunAreRemoved() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("akn-tmp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let leftover = OutputFile.temporaryPath(for: folder.appendingPathComponent("sub/a.xml").path)
    let kept = folder.appendingPathComponent("sub/.notes.tmp").path
    for path in [leftover, kept] { #expect(FileManager.default.createFile(atPath: path, contents: Data())) }
    Batch.removeTemporaryFiles(in: folder.path)
    #expect(!FileManager.default.fileExists(atPath: leftover))
    #expect(FileManager.default.fileExists(atPath: kept))
  }
}
