#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// What a file that is not text is, by its first bytes.
extension InputType {
  /// What `bytes` are, with what to do, when they are not a text in UTF-8 (or a text with a few
  /// bad bytes, which the decoder names at their line): compressed data, an archive, a program,
  /// an image, UTF-16 or UTF-32 text, or binary data; nil otherwise.
  static func binaryKind(_ bytes: [UInt8]) -> String? {
    let head = Array(bytes.prefix(4096))
    func at(_ offset: Int, _ magic: [UInt8]) -> Bool {
      head.count >= offset + magic.count && head[offset..<(offset + magic.count)].elementsEqual(magic)
    }
    for (magic, name, command) in compressedSignatures where at(0, magic) {
      return "\(name)-compressed data, not text; decompress it first (\(command))"
    }
    if at(257, Array("ustar".utf8)) {
      return "a tar archive, not text; akn batch converts the documents inside an archive"
    }
    if at(0, [0x7F, 0x45, 0x4C, 0x46]) { return "an executable program (ELF), not text" }
    if at(0, [0xCF, 0xFA, 0xED, 0xFE]) || at(0, [0xCE, 0xFA, 0xED, 0xFE]) || at(0, [0xFE, 0xED, 0xFA, 0xCF]) {
      return "an executable program (Mach-O), not text"
    }
    if at(0, Array("MZ".utf8)), head.contains(0) { return "an executable program (Windows), not text" }
    for (magic, offset, name) in imageSignatures where at(offset, magic) {
      return
        "an image (\(name)), not text; a scanned resolution needs OCR first (e.g. ocrmypdf), then convert the PDF or the text it gives"
    }
    if let encoding = wideEncoding(head) {
      return
        "\(encoding.name) text, not UTF-8; convert it to UTF-8 first (iconv -f \(encoding.iconv) -t UTF-8 FILE)"
    }
    if isBinary(head) { return "binary data, not text (nor a PDF)" }
    return nil
  }

  /// UTF-16 or UTF-32 text, known by its byte-order mark or by where its zero bytes are.
  /// Compressed data by its first bytes: the signature, the format's name, what to do.
  private static let compressedSignatures: [([UInt8], String, String)] = [
    ([0x1F, 0x8B], "gzip", "gunzip FILE; akn batch reads .tar.gz archives"),
    ([0xFD, 0x37, 0x7A, 0x58, 0x5A], "xz", "xz -d FILE; akn batch reads .tar.xz archives"),
    ([0x42, 0x5A, 0x68], "bzip2", "bunzip2 FILE; akn batch reads .tar.bz2 archives"),
    (
      [0x28, 0xB5, 0x2F, 0xFD], "zstd",
      "zstd -d FILE; akn batch does not read zstd archives either: decompress a .tar.zst to .tar first"
    ),
  ]

  /// Images by their signatures: the bytes, where they stand, the format's name.
  private static let imageSignatures: [([UInt8], Int, String)] = [
    ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "PNG"), ([0xFF, 0xD8, 0xFF], 0, "JPEG"),
    (Array("GIF8".utf8), 0, "GIF"), ([0x49, 0x49, 0x2A, 0x00], 0, "TIFF"),
    ([0x4D, 0x4D, 0x00, 0x2A], 0, "TIFF"),
    (Array("WEBP".utf8), 8, "WebP"),
  ]

  private static func wideEncoding(_ head: [UInt8]) -> (name: String, iconv: String)? {
    if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("UTF-32 (little-endian)", "UTF-32") }
    if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("UTF-32 (big-endian)", "UTF-32") }
    if head.starts(with: [0xFF, 0xFE]) { return ("UTF-16 (little-endian)", "UTF-16") }
    if head.starts(with: [0xFE, 0xFF]) { return ("UTF-16 (big-endian)", "UTF-16") }
    let count = head.count / 4 * 4
    // Without a zero byte (the C library's memchr finds one many bytes at a time) no position is
    // mostly zeros: a quarter of 8 bytes or more is 2 or more.
    guard count >= 8, head.withUnsafeBufferPointer({ memchr($0.baseAddress!, 0, $0.count) != nil }) else {
      return nil
    }
    // Zero bytes by position modulo 4; a text mostly in Latin script has its zeros in the high
    // bytes of each code unit.
    var zeros = [0, 0, 0, 0]
    head.withUnsafeBufferPointer { head in
      var counts: (Int, Int, Int, Int) = (0, 0, 0, 0)
      var index = 0
      while index < count {
        if head[index] == 0 { counts.0 += 1 }
        if head[index + 1] == 0 { counts.1 += 1 }
        if head[index + 2] == 0 { counts.2 += 1 }
        if head[index + 3] == 0 { counts.3 += 1 }
        index += 4
      }
      zeros = [counts.0, counts.1, counts.2, counts.3]
    }
    let quarter = count / 4
    func mostly(_ positions: [Int]) -> Bool { positions.allSatisfy { zeros[$0] * 10 >= quarter * 9 } }
    func rarely(_ positions: [Int]) -> Bool { positions.allSatisfy { zeros[$0] * 10 <= quarter } }
    if mostly([1, 2, 3]) && rarely([0]) {
      return ("UTF-32 (little-endian, without a byte-order mark)", "UTF-32LE")
    }
    if mostly([0, 1, 2]) && rarely([3]) {
      return ("UTF-32 (big-endian, without a byte-order mark)", "UTF-32BE")
    }
    if mostly([1, 3]) && rarely([0, 2]) {
      return ("UTF-16 (little-endian, without a byte-order mark)", "UTF-16LE")
    }
    if mostly([0, 2]) && rarely([1, 3]) {
      return ("UTF-16 (big-endian, without a byte-order mark)", "UTF-16BE")
    }
    return nil
  }

  /// Whether the first bytes are binary data rather than text: at least 16 of them, and a tenth
  /// of them, are zero bytes, control characters other than tab, line feed, form feed, carriage
  /// return and escape, or bytes that cannot start or continue UTF-8. A text with a few bad bytes
  /// (Windows-1252 accents, a stray NUL) is left to the decoder, which names them at their line.
  private static func isBinary(_ head: [UInt8]) -> Bool {
    head.withUnsafeBufferPointer(isBinary)
  }

  static func isBinary(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
    var bad = 0
    var index = 0
    let raw = UnsafeRawBufferPointer(head)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while index < head.count {
      // Eight bytes of printable ASCII (0x20 to 0x7E), never bad, passed at once: no byte
      // below 0x20 (the borrow test `(w - 0x20…) & ~w & 0x80…`) and none above 0x7E
      // (`((w + 0x01…) | w) & 0x80…`). Both tests may flag a word that has no such byte, never
      // miss one; a flagged word is read byte by byte below.
      if index + 8 <= head.count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if ((word &- ones &* 0x20) & ~word | ((word &+ ones) | word)) & highs == 0 {
          index += 8
          continue
        }
      }
      let byte = head[index]
      // Printable ASCII, the usual byte: never bad.
      if byte &- 0x20 < 0x5F {
        index += 1
        continue
      }
      if byte < 0x80 {
        switch byte {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: break
        case 0x00..<0x20, 0x7F: bad += 1
        default: break
        }
        index += 1
        continue
      }
      // A UTF-8 sequence: its length from the lead byte, then continuation bytes.
      let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
      var valid = length > 0 && index + length <= head.count
      if valid {
        for offset in 1..<length where head[index + offset] & 0xC0 != 0x80 {
          valid = false
          break
        }
      }
      if valid {
        index += length
      } else {
        // A sequence cut by the end of the sample is not held against the text.
        if !(length > 0 && index + length > head.count) { bad += 1 }
        index += 1
      }
    }
    return bad >= 16 && bad * 10 >= head.count
  }
}
