/// A zip archive (PKWARE APPNOTE 6.3) of stored (uncompressed) entries, built in memory: what
/// `POST /v1/batch` answers with. Names are UTF-8 (flag bit 11), times fixed at 1980-01-01 so
/// that the same results give the same bytes; no zip64, so the whole must stay under 4 GiB.
struct ZipWriter {
  private(set) var bytes: [UInt8] = []
  private var central: [UInt8] = []
  private var count = 0

  /// Whether `size` more bytes of content would still fit a zip without zip64.
  func fits(_ size: Int) -> Bool {
    bytes.count + central.count + size + 1024 < Int(UInt32.max)
  }

  /// Adds a file named `name` (a relative path with `/`) holding `content`.
  mutating func add(_ name: String, _ content: [UInt8]) {
    let nameBytes = Array(name.utf8)
    let crc = Self.crc32(content)
    let offset = UInt32(bytes.count)
    // Local file header.
    var header: [UInt8] = []
    header.append32(0x0403_4B50)
    header.append16(20)  // version needed: 2.0
    header.append16(0x0800)  // UTF-8 names
    header.append16(0)  // stored
    header.append16(0)  // time 00:00
    header.append16(0x21)  // date 1980-01-01
    header.append32(crc)
    header.append32(UInt32(content.count))
    header.append32(UInt32(content.count))
    header.append16(UInt16(nameBytes.count))
    header.append16(0)
    bytes += header + nameBytes + content
    // Central directory record.
    var record: [UInt8] = []
    record.append32(0x0201_4B50)
    record.append16(0x0314)  // made by: Unix, 2.0
    record.append16(20)
    record.append16(0x0800)
    record.append16(0)
    record.append16(0)
    record.append16(0x21)
    record.append32(crc)
    record.append32(UInt32(content.count))
    record.append32(UInt32(content.count))
    record.append16(UInt16(nameBytes.count))
    record.append16(0)  // extra
    record.append16(0)  // comment
    record.append16(0)  // disk
    record.append16(0)  // internal attributes
    record.append32(0o100644 << 16)  // a regular file, rw-r--r--
    record.append32(offset)
    central += record + nameBytes
    count += 1
  }

  /// The archive: the entries, the central directory and its end record.
  func finished() -> [UInt8] {
    var end: [UInt8] = []
    end.append32(0x0605_4B50)
    end.append16(0)
    end.append16(0)
    end.append16(UInt16(min(count, 0xFFFF)))
    end.append16(UInt16(min(count, 0xFFFF)))
    end.append32(UInt32(central.count))
    end.append32(UInt32(bytes.count))
    end.append16(0)
    return bytes + central + end
  }

  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  /// The CRC-32 (IEEE) of `data`.
  static func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }
}

extension Array where Element == UInt8 {
  fileprivate mutating func append16(_ value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  fileprivate mutating func append32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }
}
