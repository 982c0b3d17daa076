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
    xrefShift: Int = 0
  ) -> [UInt8] {
    var objects: [[UInt8]] = [
      Array("<< /Type /Catalog /Pages 2 0 R \(catalogExtra)>>".utf8), [],
      Array("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".utf8),
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
