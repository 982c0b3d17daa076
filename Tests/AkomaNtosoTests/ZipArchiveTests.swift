import Foundation
import Testing

@testable import AkomaNtoso

/// The zip a batch over HTTP answers with, written by libarchive, read back by libarchive.
struct ZipArchiveTests {
  @Test func whatIsWrittenIsReadBackWithItsNamesAndBytes() throws {
    var zip = ZipArchive()
    let xml = Array(repeating: Array("<p>Recalling its resolution 67/27,</p>\n".utf8), count: 200).flatMap {
      $0
    }
    zip.add("akn-batch-report.jsonl", Array("{\"input\":\"a.txt\"}\n".utf8))
    zip.add("ga/Résolution 1.xml", xml)
    zip.add("empty.xml", [])
    #expect(zip.contentSize == xml.count + 18)
    let bytes = try zip.bytes()
    #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    #expect(bytes.count < xml.count / 2, "deflated: \(bytes.count) bytes for \(xml.count)")
    // The same files give the same bytes (fixed times).
    #expect(try zip.bytes() == bytes)

    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-zip-\(UUID().uuidString).zip")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(bytes).write(to: file)
    let reader = try ArchiveReader(path: file.path)
    var read: [(String, [UInt8])] = []
    while let entry = try reader.next() {
      #expect(entry.kind == .regular)
      read.append((entry.path ?? "?", try reader.data(limit: 1 << 20) ?? []))
    }
    #expect(read.map(\.0) == ["akn-batch-report.jsonl", "ga/Résolution 1.xml", "empty.xml"])
    #expect(read.map(\.1) == zip.entries.map(\.bytes))
  }
}
