import Foundation
import Testing

/// Files of the wrong type and inputs over the size limit: every command that reads one input
/// (`convert`, `preview`, `text`, `validate`) exits 2 for them, by path and through standard
/// input alike, and `convert` and `preview` name what the file is.
struct FileTypeExitCodeTests {
  /// A file type: its bytes, and what `convert` must say it is (nil: it is not a wrong type).
  struct Kind: Sendable, CustomTestStringConvertible {
    var name: String
    var says: String?
    var bytes: @Sendable () throws -> [UInt8]
    var testDescription: String { name }
  }

  static func seedText() throws -> String { try String(contentsOf: AKN.seed, encoding: .utf8) }

  static func tar() throws -> [UInt8] {
    var header = [UInt8](repeating: 0, count: 512)
    header.replaceSubrange(0..<9, with: Array("a_res.txt".utf8))
    header.replaceSubrange(257..<263, with: Array("ustar\0".utf8))
    return header + Array(try seedText().utf8.prefix(512)) + [UInt8](repeating: 0, count: 1024)
  }

  static func random() -> [UInt8] {
    var state: UInt64 = 21
    return (0..<5000).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
  }

  static func utf16(bigEndian: Bool, bom: Bool) throws -> [UInt8] {
    let units = try seedText().utf16.flatMap { unit -> [UInt8] in
      bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    return (bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []) + units
  }

  static func utf32(bom: Bool) throws -> [UInt8] {
    let units = try seedText().unicodeScalars.flatMap { scalar in
      (0..<4).map { UInt8((scalar.value >> (8 * $0)) & 0xFF) }
    }
    return (bom ? [0xFF, 0xFE, 0x00, 0x00] : []) + units
  }

  static let kinds: [Kind] = [
    Kind(name: "gzip", says: "gzip-compressed data") { [0x1F, 0x8B, 0x08, 0x00] + random().prefix(200) },
    Kind(name: "xz", says: "xz-compressed data") {
      [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00] + random().prefix(200)
    },
    Kind(name: "bzip2", says: "bzip2-compressed data") { Array("BZh91AY&SY".utf8) + random().prefix(200) },
    Kind(name: "zstd", says: "akn batch does not read zstd archives") {
      [0x28, 0xB5, 0x2F, 0xFD] + random().prefix(200)
    },
    Kind(name: "zip", says: "a zip archive") {
      [0x50, 0x4B, 0x03, 0x04] + Array("a.txt".utf8) + random().prefix(200)
    },
    Kind(name: "tar", says: "a tar archive") { try tar() },
    Kind(name: "ELF", says: "an executable program (ELF)") {
      [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 56)
        + random().prefix(400)
    },
    Kind(name: "PNG", says: "an image (PNG)") {
      [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] + Array("IHDR".utf8)
        + random().prefix(200)
    },
    Kind(name: "JPEG", says: "an image (JPEG)") {
      [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + random().prefix(200)
    },
    Kind(name: "random bytes", says: "binary data") { random() },
    Kind(name: "UTF-16LE with BOM", says: "UTF-16 (little-endian)") {
      try utf16(bigEndian: false, bom: true)
    },
    Kind(name: "UTF-16BE with BOM", says: "UTF-16 (big-endian)") { try utf16(bigEndian: true, bom: true) },
    Kind(name: "UTF-16LE without BOM", says: "UTF-16 (little-endian, without a byte-order mark)") {
      try utf16(bigEndian: false, bom: false)
    },
    Kind(name: "UTF-32LE with BOM", says: "UTF-32 (little-endian)") { try utf32(bom: true) },
    Kind(name: "UTF-32LE without BOM", says: "UTF-32 (little-endian, without a byte-order mark)") {
      try utf32(bom: false)
    },
    Kind(name: "AKN XML", says: "Akoma Ntoso (XML) document") { [UInt8](try Data(contentsOf: AKN.golden)) },
  ]

  /// Every wrong type exits 2 with every command, by path and on standard input; `convert` and
  /// `preview` name it (an executable or a tar archive is not "UTF-16 without a byte-order mark").
  @Test(arguments: kinds)
  func aFileOfTheWrongTypeExitsWith2(_ kind: Kind) throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = try kind.bytes()
    let file = folder.appendingPathComponent("input.txt")
    try Data(bytes).write(to: file)
    let isAKN = kind.name == "AKN XML"
    for command in ["convert", "preview", "text", "validate"] {
      for viaStandardInput in [false, true] {
        let how = "\(kind.name), \(command), \(viaStandardInput ? "stdin" : "path")"
        let run =
          viaStandardInput
          ? try AKN.run([command, "-"], stdin: bytes) : try AKN.run([command, file.path])
        // AKN XML is what preview, text and validate read.
        let expected: Int32 = isAKN && command != "convert" ? 0 : 2
        #expect(run.status == expected, "\(how): \(run.stderr)")
        if command == "convert" || (command == "preview" && !isAKN), let says = kind.says {
          #expect(run.stderr.contains(says), "\(how): \(run.stderr)")
          #expect(!run.stderr.contains("UTF-16 without"), "\(how): \(run.stderr)")
        }
        if command == "validate" && !isAKN {
          #expect(run.output.contains("not checked"), "\(how): \(run.output)")
        }
        #expect(!run.stderr.contains("Fatal error"), "\(how)")
      }
    }
  }

  /// An input over 64 MiB exits 2 with every command, by path (refused by its size before it is
  /// read) and through standard input (refused once 64 MiB are read) alike.
  @Test func anInputOverTheSizeLimitExitsWith2() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("big.txt")
    #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: 65 * 1024 * 1024)  // sparse: costs no disk
    try handle.close()
    for command in ["convert", "preview", "text", "validate"] {
      let byPath = try AKN.run([command, file.path])
      #expect(byPath.status == 2, "\(command) by path: \(byPath.stderr)")
      // Through a shell pipe, so that the writer may be cut off when akn stops reading.
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = [
        "-c", "head -c 70000000 /dev/zero | tr '\\0' a | \"$0\" \(command) - >/dev/null 2>&1",
        AKN.executable.path,
      ]
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 2, "\(command) through standard input")
    }
  }
}
