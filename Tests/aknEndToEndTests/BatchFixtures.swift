import Foundation
import Testing

/// Inputs for the batch tests, made by the tests themselves from the seed.
enum BatchFixtures {
  /// The seed text with its resolution number changed to `number` (a different, valid resolution).
  static func variant(_ number: Int) throws -> [UInt8] {
    let seed = try String(contentsOf: AKN.seed, encoding: .utf8)
    return Array(seed.replacingOccurrences(of: "67/27", with: "67/\(number)").utf8)
  }

  /// Writes `files` (relative path → bytes) under `folder`.
  static func write(_ files: [(String, [UInt8])], under folder: URL) throws {
    for (path, bytes) in files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
  }

  /// `count` valid documents spread over a few folders.
  static func documents(_ count: Int, first: Int = 100) throws -> [(String, [UInt8])] {
    try (0..<count).map { index in
      ("set\(index % 4)/sub/A_RES_67_\(first + index).txt", try variant(first + index))
    }
  }

  /// An entry of a test archive; `link` makes a symbolic link, `hardlink` a hard link.
  struct Entry: Encodable {
    var name: String
    var data: String = ""
    var hex: String? = nil
    var link: String? = nil
    var hardlink: String? = nil
    var zeros: Int? = nil
  }

  static let python: String? =
    ["/usr/bin/python3", "/usr/local/bin/python3"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/python3" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }

  /// Makes a `.zip`, `.tar`, `.tar.gz` or `.tar.xz` (by `url`'s extension) holding exactly `entries`, in order, with
  /// Python's zipfile/tarfile (which, unlike most tools, writes hostile names as given).
  static func archive(_ entries: [Entry], at url: URL) throws {
    let script = """
      import io, json, sys, tarfile, zipfile
      path, entries = sys.argv[1], json.load(sys.stdin)
      def content(e):
          if e.get('zeros') is not None: return b'\\0' * e['zeros']
          if e.get('hex') is not None: return bytes.fromhex(e['hex'])
          return e['data'].encode('utf-8')
      if path.endswith('.zip'):
          with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
              for e in entries: z.writestr(e['name'], content(e))
      else:
          mode = 'w:xz' if path.endswith('.xz') else 'w:gz' if path.endswith('gz') else 'w'
          with tarfile.open(path, mode) as t:
              for e in entries:
                  info = tarfile.TarInfo(e['name']); info.mtime = 0
                  if e.get('link') is not None:
                      info.type = tarfile.SYMTYPE; info.linkname = e['link']; t.addfile(info)
                  elif e.get('hardlink') is not None:
                      info.type = tarfile.LNKTYPE; info.linkname = e['hardlink']; t.addfile(info)
                  else:
                      data = content(e); info.size = len(data); t.addfile(info, io.BytesIO(data))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/python3")
    process.arguments = ["-c", script, url.path]
    let input = Pipe()
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(try JSONEncoder().encode(entries))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 could not make \(url.lastPathComponent)")
  }

  /// Entries for `files` (UTF-8 text only).
  static func entries(_ files: [(String, [UInt8])]) -> [Entry] {
    files.map { Entry(name: $0.0, hex: $0.1.map { String(format: "%02x", $0) }.joined()) }
  }

  /// The report's records, as JSON objects, in order.
  static func report(in folder: URL, name: String = "akn-batch-report.jsonl") throws -> [[String: Any]] {
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    return try data.split(separator: UInt8(ascii: "\n")).map {
      try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
    }
  }

  /// The report without timings, one comparable line per record.
  static func reportWithoutTimings(in folder: URL, name: String = "akn-batch-report.jsonl") throws -> [String]
  {
    try report(in: folder, name: name).map { record in
      var record = record
      record["ms"] = nil
      return String(
        decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
    }
  }

  /// Every regular file under `folder`: relative path → bytes (the report excluded).
  static func files(under folder: URL, excludingReports: Bool = true) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: base) else { return result }
    for case let path as String in walker {
      let type =
        try FileManager.default.attributesOfItem(atPath: base + "/" + path)[.type] as? FileAttributeType
      guard type == .typeRegular else { continue }
      if excludingReports && path.hasPrefix("akn-batch-report") { continue }
      result[path] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + path))
    }
    return result
  }
}
