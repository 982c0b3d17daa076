import Foundation

/// Small PDFs written by the tests: text in the standard Times font at given places, and the
/// hostile shapes (encrypted, truncated, thousands of pages, a decompression bomb …).
enum TestPDF {
  /// A piece of text: its baseline's place in points from the bottom left, and its size.
  struct Text {
    var x: Double
    var y: Double
    var size: Double = 12
    var text: String
  }

  /// A PDF of `objects` (object 1 first), with a cross-reference table and a trailer.
  static func assemble(_ objects: [[UInt8]], trailer: String = "", xrefShift: Int = 0) -> [UInt8] {
    var out = Array("%PDF-1.4\n".utf8)
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(out.count)
      out += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
    }
    let xref = out.count
    out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
    for offset in offsets {
      let digits = String(offset + xrefShift)
      out += Array((String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n").utf8)
    }
    out += Array(
      "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R \(trailer)>>\nstartxref\n\(xref)\n%%EOF\n".utf8)
    return out
  }

  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
      .replacingOccurrences(of: ")", with: "\\)")
  }

  /// A stream object.
  static func stream(_ content: [UInt8], dictionary: String = "") -> [UInt8] {
    Array("<< /Length \(content.count) \(dictionary)>>\nstream\n".utf8) + content + Array("\nendstream".utf8)
  }

  /// A PDF whose pages hold `pages` (objects: catalog, pages, font, then content and page per
  /// page), plus `extra` objects and catalog entries.
  static func document(
    pages: [[Text]], catalogExtra: String = "", extra: [[UInt8]] = [], trailer: String = "",
    xrefShift: Int = 0, fontExtra: String = ""
  ) -> [UInt8] {
    var objects: [[UInt8]] = [
      Array("<< /Type /Catalog /Pages 2 0 R \(catalogExtra)>>".utf8), [],
      Array("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman \(fontExtra)>>".utf8),
    ]
    objects += extra
    var kids: [Int] = []
    for page in pages {
      var content = ""
      for text in page {
        content += "BT /F1 \(text.size) Tf \(text.x) \(text.y) Td (\(escaped(text.text))) Tj"
        content += " ET\n"
      }
      objects.append(stream(Array(content.utf8)))
      objects.append(
        Array(
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents \(objects.count) 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
            .utf8))
      kids.append(objects.count)
    }
    objects[1] = Array(
      "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>"
        .utf8)
    return assemble(objects, trailer: trailer, xrefShift: xrefShift)
  }

  /// A one-page resolution: masthead, adoption line, title, a recital with a raised marker, two
  /// operative paragraphs (the first hyphenated at a line end), the meeting line, the note below
  /// the rule and the job number at the foot.
  static var resolution: [UInt8] {
    document(pages: [resolutionPage])
  }

  static let resolutionPage: [Text] = [
    Text(x: 72, y: 750, text: "United Nations"), Text(x: 400, y: 750, text: "A/RES/99/1"),
    Text(x: 72, y: 730, size: 14, text: "General Assembly"), Text(x: 400, y: 730, text: "Distr.: General"),
    Text(x: 400, y: 716, text: "1 January 2020"), Text(x: 72, y: 680, text: "Ninety-ninth session"),
    Text(x: 72, y: 666, text: "Agenda item 1"),
    Text(x: 72, y: 630, text: "Resolution adopted by the General Assembly on 1 January 2020"),
    Text(x: 72, y: 600, text: "99/1. Test of the reader"), Text(x: 72, y: 570, text: "The General Assembly,"),
    // The marker: raised and smaller, right after the comma (the line is 228 points wide).
    Text(x: 72, y: 540, text: "Recalling its resolution 98/1 of 1 January 2019,"),
    Text(x: 300.5, y: 545, size: 7, text: "1"),
    Text(x: 72, y: 510, text: "1. Decides to test the reader of the self-"),
    Text(x: 72, y: 496, text: "determination of documents;"),
    Text(x: 72, y: 466, text: "2. Requests a report;"),
    Text(x: 350, y: 436, text: "1st plenary meeting"), Text(x: 350, y: 422, text: "1 January 2020"),
    Text(x: 72, y: 100, text: "__________"), Text(x: 72, y: 88, size: 6, text: "1"),
    Text(x: 80, y: 84, size: 10, text: "Resolution 98/1."),
    Text(x: 72, y: 40, size: 10, text: "20-00001 (E)"),
  ]

  /// A resolution whose font maps its letters to the third next (`/ToUnicode` shifted, as a
  /// damaged font gives them): "the" reads "wkh".
  static var caesarResolution: [UInt8] {
    let cmap = """
      /CIDInit /ProcSet findresource begin 12 dict begin begincmap
      /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
      /CMapName /Shifted def /CMapType 2 def
      1 begincodespacerange <00> <FF> endcodespacerange
      3 beginbfrange <20> <20> <0020> <41> <57> <0044> <61> <77> <0064> endbfrange
      endcmap CMapName currentdict /CMapResource defineresource pop end end
      """
    return document(
      pages: [resolutionPage], extra: [stream(Array(cmap.utf8))], fontExtra: "/ToUnicode 4 0 R ")
  }

  /// A page whose form XObject draws the next ten times, `levels` deep, the last drawing a
  /// line of text: 10^(levels-1) lines from a PDF of a few KB (pdftohtml keeps them all in
  /// memory).
  static func fanOut(levels: Int = 8) -> [UInt8] {
    var objects: [[UInt8]] = [
      Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
      Array("<< /Type /Pages /Kids [4 0 R] /Count 1 >>".utf8),
      Array("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".utf8),
      Array(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /XObject << /X0 6 0 R >> >> >>"
          .utf8),
      stream(Array("/X0 Do".utf8)),
    ]
    for level in 0..<levels {
      let last = level == levels - 1
      let body =
        last
        ? "BT /F1 12 Tf 72 700 Td (The General Assembly) Tj ET"
        : Array(repeating: "q 1 0 0 1 1 1 cm /X\(level + 1) Do Q", count: 10).joined(separator: " ")
      let resources =
        last ? "/Font << /F1 3 0 R >>" : "/XObject << /X\(level + 1) \(objects.count + 2) 0 R >>"
      objects.append(
        stream(
          Array(body.utf8),
          dictionary: "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << \(resources) >> "))
    }
    return assemble(objects)
  }

  /// A resolution whose font's `/ToUnicode` stream inflates to `count` zero bytes (1 GiB from
  /// 6.5 MB): poppler reads the whole map into memory.
  static func zeroBomb(count: Int = 1 << 30) -> [UInt8] {
    document(
      pages: [resolutionPage],
      extra: [stream(deflated(zeros: count), dictionary: "/Filter /FlateDecode ")],
      fontExtra: "/ToUnicode 4 0 R ")
  }

  /// A zlib stream (fixed Huffman codes) of `count` zero bytes, built fast: after the header, a
  /// literal zero and one back-reference the bits are byte-aligned, and every eight
  /// back-references of 258 bytes at distance 1 (13 bits each) are the same 13 bytes.
  static func deflated(zeros count: Int) -> [UInt8] {
    var writer = BitWriter()
    writer.put(0x78, 8)
    writer.put(0x01, 8)
    writer.put(1, 1)  // final block
    writer.put(1, 2)  // fixed Huffman
    writer.code(0x30, 8)  // literal 0
    writer.reference()
    var out = writer.bytes  // 24 + 16 bits: aligned
    var unit = BitWriter()
    for _ in 0..<8 { unit.reference() }
    let references = max(0, (count - 1) / 258 - 1)
    for _ in 0..<(references / 8) { out += unit.bytes }
    var tail = BitWriter()
    for _ in 0..<(references % 8) { tail.reference() }
    tail.code(0, 7)  // end of block: symbol 256
    tail.flush()
    return out + tail.bytes + [0, 0, 0, 0]  // Adler-32 left wrong, as in deflateBomb
  }

  /// Bits written least significant first, Huffman codes most significant first (RFC 1951).
  struct BitWriter {
    var bytes: [UInt8] = []
    var buffer: UInt32 = 0
    var count = 0

    mutating func put(_ value: UInt32, _ bits: Int) {
      buffer |= value << count
      count += bits
      while count >= 8 {
        bytes.append(UInt8(buffer & 0xFF))
        buffer >>= 8
        count -= 8
      }
    }

    mutating func code(_ value: UInt32, _ bits: Int) {
      var reversed: UInt32 = 0
      for bit in 0..<bits where value & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
      put(reversed, bits)
    }

    /// Length 258 (symbol 285), distance 1.
    mutating func reference() {
      code(0b1100_0101, 8)
      code(0, 5)
    }

    mutating func flush() {
      if count > 0 { put(0, 8 - count) }
    }
  }

  /// A zlib stream (fixed Huffman codes) that inflates to `count` spaces: one literal, then
  /// back-references of 258 bytes at distance 1 (13 bits each).
  static func deflateBomb(spaces count: Int) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var bitBuffer: UInt32 = 0
    var bitCount = 0
    func put(_ value: UInt32, _ bits: Int) {
      bitBuffer |= value << bitCount
      bitCount += bits
      while bitCount >= 8 {
        out.append(UInt8(bitBuffer & 0xFF))
        bitBuffer >>= 8
        bitCount -= 8
      }
    }
    // Huffman codes are written most significant bit first.
    func code(_ value: UInt32, _ bits: Int) {
      var reversed: UInt32 = 0
      for bit in 0..<bits where value & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
      put(reversed, bits)
    }
    put(1, 1)  // final block
    put(1, 2)  // fixed Huffman
    code(0x30 + 0x20, 8)  // literal ' ' (0x20): codes 0x30 + value for 0–143
    for _ in 0..<(count / 258) {
      code(0b1100_0101, 8)  // length 258: symbol 285
      code(0, 5)  // distance 1
    }
    code(0, 7)  // end of block: symbol 256
    if bitCount > 0 { put(0, 8 - bitCount) }
    out += [0, 0, 0, 0]  // Adler-32 left wrong: readers that check it stop, others read on
    return out
  }
}
