import Foundation
import Testing

/// `akn batch --shard K/N` under GNU parallel, as the documentation shows it: N runs with no
/// coordination cover every input exactly once and give the outputs of one run.
struct ShardCommandTests {
  @Test("four shards under GNU parallel: every input in one report once, the outputs of one run")
  func fourShardsUnderGNUParallel() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/parallel") else {
      Issue.record("GNU parallel is not installed: run Scripts/install-deps.sh (Debian package parallel)")
      return
    }
    let input = try AKN.temporaryFolder()
    let sharded = try AKN.temporaryFolder()
    let single = try AKN.temporaryFolder()
    defer {
      for folder in [input, sharded, single] { try? FileManager.default.removeItem(at: folder) }
    }
    // Twelve documents in two folders, and an input that is not one.
    for index in 1...12 {
      let folder = input.appendingPathComponent(index % 2 == 0 ? "even" : "odd")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: AKN.seed, to: folder.appendingPathComponent("doc\(index).txt"))
    }
    try Data("notes\n".utf8).write(to: input.appendingPathComponent("README.md"))
    let markup = ["--markup-date", "2026-01-01", "--quiet"]
    let shards = try JSONSchemaValidator.run(
      ["parallel", "--will-cite", AKN.executable.path, "batch", input.path, "-o", sharded.path]
        + markup + ["--shard", "{}/4", ":::", "1", "2", "3", "4"])
    #expect(shards.status == 0, "\(shards.output)")
    let one = try AKN.run(["batch", input.path, "-o", single.path] + markup)
    #expect(one.status == 0, "\(one.stderr)")

    // Every input in exactly one shard's report.
    var seen: [String: Int] = [:]
    for shard in 1...4 {
      let report = sharded.appendingPathComponent("akn-batch-report.shard-\(shard)-of-4.jsonl")
      for line in try String(contentsOf: report, encoding: .utf8).split(separator: "\n") {
        let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        seen[record["input"] as! String, default: 0] += 1
      }
    }
    let inputs = try Self.records(single.appendingPathComponent("akn-batch-report.jsonl"))
    #expect(Set(seen.keys) == Set(inputs), "\(seen)")
    #expect(seen.values.allSatisfy { $0 == 1 }, "an input in more than one shard: \(seen)")
    #expect(inputs.count == 13)
    // The same outputs, byte for byte.
    let outputs = try Self.xmlFiles(single)
    #expect(outputs.count == 12)
    #expect(try Self.xmlFiles(sharded) == outputs)
    for path in outputs {
      let a = try Data(contentsOf: single.appendingPathComponent(path))
      let b = try Data(contentsOf: sharded.appendingPathComponent(path))
      #expect(a == b, "\(path)")
    }
  }

  static func records(_ report: URL) throws -> [String] {
    try String(contentsOf: report, encoding: .utf8).split(separator: "\n").map { line in
      let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return record?["input"] as? String ?? ""
    }
  }

  static func xmlFiles(_ folder: URL) throws -> [String] {
    let walker = FileManager.default.enumerator(atPath: folder.path)
    var files: [String] = []
    while let path = walker?.nextObject() as? String {
      if path.hasSuffix(".xml") { files.append(path) }
    }
    return files.sorted()
  }
}
