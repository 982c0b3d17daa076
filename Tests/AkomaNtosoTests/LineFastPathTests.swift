import Foundation
import Testing

@testable import AKNModel
@testable import AKNPDF
@testable import AKNReading

/// The byte readings of line labels, meeting lines, Council headings and binary data (issue 24)
/// give what the `Character` readings they replace or go before gave: on made-up edge cases
/// (non-ASCII, combining and prepended marks, spaces and tabs, the ends) and on every line of
/// the shared corpus.
@Suite struct LineFastPathTests {
  static let madeUp = [
    "", " ", "(", "()", "(a)", "(a) ", "(a)\t", "(a) To", "(a)\tTo", " \t(b)  To  ", "(c) To", "(i) To",
    "(v)\tTo", "(x) To", "(l) To", "(cc) To", "(ci) To", "(iv) To", "(xlviii) To", "(viiii) To",
    "(aa) To", "(ab) To", "(abcdef) To", "(abcdefg) To", "(A) To", "(1) To", "(01) To", "(12)\tTo",
    "(123) To", "(1a) To", "(a1) To", "(a)To", "(a)\u{301} To", "(a\u{301}) To", "(a) \u{301}To",
    "(a) To\u{600} ", "(a) T\u{301} ", "(a) é", "(a) To é", "\u{600}(a) To", "(é) To", "(a)  ",
    "(a) \t ", "( a) To", "(a )To", "(a)) To", "(a) (i) To", "3. (a) To", "3.\tTo", "(2) ",
    "1st plenary meeting", "48th plenary meeting", "48th  plenary\tmeeting.", " 2nd meeting", "3rd meeting.",
    "4th (resumed) plenary meeting", "4th (resumed) meeting .", "4th (resumed)\u{301} meeting",
    "5th plenary meeting\u{301}", "5th plenary meetings", "5th plenary meeting and", "5th meeting  .. ",
    "5t\u{301}h meeting", "5\u{301}th meeting", "99999999999999999999th meeting", "0th meeting",
    "007th meeting", "12 meeting", "12th", "12th ", "12th plenary", "21st plenary meeting,",
    "Resolution 418 (1977)", "resolution 418", "RESOLUTION 1 (1946)", "Resolution", "Resolution ",
    "Resolution x", "Resolution \u{301}418 (1977)", "Resolutio 418", "418 (1977)", "418 (1977). Resolution",
    "418 (1977) Resolution of", "Resolution 290 of 1970", "Resolution 418 (197-4)", "Resolution 418 (1977",
    "1", "12345 (1977)", "123456 (1977)", "Resolution adopted by the General Assembly",
  ]

  static func lines() -> [String] { FastPathTests.corpusLines(after: madeUp) }

  @Test("a label read on the bytes is the label read by Character, on every corpus line")
  func label() {
    for line in Self.lines() {
      let fast = LineGrammar.label(of: line)
      let slow = LineGrammar.mayOpenLabel(line) ? LineGrammar.labelByCharacters(line) : nil
      #expect(fast?.0 == slow?.0 && fast?.1 == slow?.1, "\(line)")
    }
  }

  @Test("a meeting line read on the bytes gives the number read by Character, on every corpus line")
  func meetingNumber() {
    for line in Self.lines() {
      #expect(LineGrammar.meetingNumber(line) == FastPathTests.referenceMeetingNumber(line), "\(line)")
    }
  }

  @Test("a Council heading refused on its digit's byte is no heading read by Character")
  func numberAndYear() {
    for line in Self.lines() {
      let fast = SCVolumeReader.numberAndYear(line)
      let slow = Self.numberAndYearByCharacters(line)
      #expect(fast?.number == slow?.number && fast?.year == slow?.year && fast?.rest == slow?.rest, "\(line)")
    }
  }

  @Test("binary data is told from text as byte by byte, on made-up bytes and every corpus file")
  func isBinary() throws {
    var samples: [[UInt8]] = [
      [], Array("plain text\n".utf8), Array(repeating: 0, count: 40), Array(repeating: 0x7F, count: 17),
      Array(repeating: 0x1F, count: 16) + Array(repeating: 0x41, count: 150),
      Array("é\u{1}\u{2}\u{3}".utf8) + Array(repeating: 0x0A, count: 20),
    ]
    // Made-up mixtures of printable ASCII, controls, UTF-8 and broken sequences, at every offset.
    var generator = SplitMix64(state: 24)
    let pieces: [[UInt8]] = [
      Array("The General Assembly,".utf8), [0x00], [0x01], [0x09], [0x0A], [0x0D], [0x1B], [0x1F], [0x20],
      [0x7E], [0x7F], [0x80], [0xC3, 0xA9], [0xC3], [0xE2, 0x80, 0x94], [0xE2, 0x80],
      [0xF0, 0x9F, 0x98, 0x80],
      [0xF5], [0xFF], Array(repeating: 0x61, count: 9),
    ]
    for _ in 0..<3000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(generator.next() % 40) {
        bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
      }
      samples.append(bytes)
    }
    for url in FastPathTests.corpusTexts() { samples.append(Array(try Data(contentsOf: url).prefix(4096))) }
    if let shared = Fixtures.shared {
      let pdfs = shared.appendingPathComponent("corpus/dev-pdf")
      for name in (try? FileManager.default.contentsOfDirectory(atPath: pdfs.path)) ?? []
      where name.hasSuffix(".pdf") {
        let data = try Data(contentsOf: pdfs.appendingPathComponent(name))
        for offset in stride(from: 0, to: data.count, by: max(1, data.count / 8)) {
          samples.append(Array(data.dropFirst(offset).prefix(4096)))
        }
      }
    }
    for sample in samples {
      for start in 0..<min(9, sample.count + 1) {
        let head = Array(sample[start...])
        let fast = head.withUnsafeBufferPointer(InputType.isBinary)
        #expect(fast == Self.isBinaryByteByByte(head), "\(head.prefix(40))")
      }
    }
  }

  @Test("a file name read on its bytes gives the number read by Character, on made-up and corpus names")
  func fileNames() throws {
    var names = [
      "", "/", "//", "a/", "A_RES_78_1.txt", "A_RES_78_1", "A_DEC_71_401.txt", "A_DEC_71_504_A_and_B.txt",
      "A_DEC_77_507_A,_B_and_C.txt", "A_RES_78_1.pdf", "A_RES_78_1.md", "A_RES_78_1.PDF", "A_RES_78_1_.txt",
      "A_RES_78_1.md.txt", "A_RES_78_1.txt.md", "A_RES_0_1.txt", "A_RES_1_0.txt", "A_RES_1234_1.txt",
      "A_RES_12_12345.txt", "A_RES_067_0027.txt", "A_RES_ 67_27.txt", "A_RES_67_27x.txt", "A_RES_67.txt",
      "A_RES_67_27_B.txt", "A_res_67_27.txt", "a_RES_67_27.txt", "A_SES_67_27.txt", "S_RES_67_27.txt",
      "dir/A_RES_67_27.txt", "/abs/dir/A_DEC_71_401.txt", "dir/A_RES_67_27.txt/",
      "dir\u{301}/A_RES_67_27.txt",
      "dir/\u{301}A_RES_67_27.txt", "dir\u{600}/A_RES_67_27.txt", "A_RES_67_27\u{301}.txt",
      "A\u{301}_RES_67_27.txt",
      "é/A_RES_67_27.txt", "A_RES_٦٧_27.txt", "A_RES_67_27.TXT", "A_DEC_71_504_A_and_B_.txt",
      "small-0000.txt",
    ]
    if let shared = Fixtures.shared {
      let corpus = shared.appendingPathComponent("corpus")
      let walker = FileManager.default.enumerator(atPath: corpus.path)
      while let path = walker?.nextObject() as? String { names.append(path) }
    }
    for name in names {
      let fast = DocumentNumber.fromFileName(name)
      let slow = Self.fromFileNameByCharacters(name)
      #expect(fast?.number == slow?.number && fast?.kind == slow?.kind, "\(name)")
      #expect(DocumentNumber.lastPathComponent(name) == (name.split(separator: "/").last ?? ""), "\(name)")
    }
  }

  @Test("a committee and the last parenthesis found on the bytes as by Character, on every corpus line")
  func committeeName() {
    let extra = [
      "Third Committee", "the Third Committee (A/67/1)", "(Third Committee)", "Third Committee\u{301}",
      "\u{600}Third Committee", "xThird Committeex", "Third  Committee", "(\u{301}a (b", "a\u{600}(b", "((",
      "Special Political and Decolonization Committee (Fourth Committee)",
      "Fourth Committee\u{301} Fourth Committee",
    ]
    for line in Self.lines() + extra {
      let text = line[...]
      #expect(StructureReader.lastParenthesis(in: text) == text.lastIndex(of: "("), "\(line)")
      for committee in UNBody.mainCommittees {
        #expect(StructureReader.contains(line, committee.name) == line.contains(committee.name), "\(line)")
      }
    }
  }

  @Test("a PDF signature and wide text found as by the byte loop, on made-up and corpus heads")
  func signatures() throws {
    var samples: [[UInt8]] = [[], Array("%PDF-".utf8), Array("%PDF".utf8), Array("x%PDF-1.7".utf8)]
    for offset in [0, 1, 7, 8, 9, 1015, 1016, 1018, 1019, 1020, 1023] {
      var bytes = [UInt8](repeating: 0x25, count: offset) + Array("%PDF-1.7\n".utf8)
      bytes += [UInt8](repeating: 0x41, count: 20)
      samples.append(bytes)
      samples.append([UInt8](repeating: 0x41, count: offset) + Array("%PDF-".utf8))
    }
    for url in FastPathTests.corpusTexts() { samples.append(Array(try Data(contentsOf: url).prefix(4096))) }
    if let shared = Fixtures.shared {
      let pdfs = shared.appendingPathComponent("corpus/dev-pdf")
      for name in (try? FileManager.default.contentsOfDirectory(atPath: pdfs.path)) ?? []
      where name.hasSuffix(".pdf") {
        samples.append(Array(try Data(contentsOf: pdfs.appendingPathComponent(name)).prefix(4096)))
      }
    }
    for sample in samples {
      for start in 0..<min(9, sample.count + 1) {
        let head = Array(sample[start...])
        #expect(PDFForm.isPDF(head) == Self.isPDFByteByByte(head), "\(head.prefix(40))")
        // Text without a zero byte is never read as wide text without a byte-order mark.
        if !head.contains(0), head.count >= 8, Self.wideEncodingWithoutMark(head) {
          Issue.record("wide text without a zero byte: \(head.prefix(40))")
        }
      }
    }
  }

  @Test("lines split past words without a line break as byte by byte, on made-up and corpus texts")
  func lineSplit() throws {
    var texts: [[UInt8]] = []
    var generator = SplitMix64(state: 7)
    let pieces: [[UInt8]] = [
      Array("The General Assembly,".utf8), [0x0A], [0x0D], [0x0D, 0x0A], [0x0C], [0x09], [0x20],
      Array("é".utf8), Array("\u{2028}".utf8), [0x01], Array(repeating: 0x61, count: 7),
    ]
    for _ in 0..<2000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(generator.next() % 30) {
        bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
      }
      texts.append(bytes)
    }
    for url in FastPathTests.corpusTexts() { texts.append(Array(try Data(contentsOf: url))) }
    for bytes in texts {
      guard let text = try? SourceText.decode(bytes) else { continue }
      // The lines as the byte-by-byte loop split them (LF, CR LF or CR; a final empty line dropped).
      var raws: [ArraySlice<UInt8>] = []
      var body = bytes[...]
      if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
      var start = body.startIndex
      var index = body.startIndex
      while index <= body.endIndex {
        var next = index + 1
        if index < body.endIndex {
          let byte = body[index]
          guard byte == 0x0A || byte == 0x0D else {
            index += 1
            continue
          }
          if byte == 0x0D, next < body.endIndex, body[next] == 0x0A { next += 1 }
        }
        raws.append(body[start..<index])
        start = next
        index = next
      }
      // Each line's text; a final empty one (after the controls are dropped) does not count.
      var expected = raws.map { raw in
        SourceText.isPrintableASCII(raw)
          ? String(decoding: raw, as: UTF8.self)
          : SourceText.normalise(String(decoding: raw, as: UTF8.self)[...])
      }
      if let last = expected.last, last.isEmpty, expected.count > 1 {
        expected.removeLast()
        raws.removeLast()
      }
      #expect(text.lines.map(\.text) == expected, "\(bytes.prefix(60))")
      for (line, raw) in zip(text.lines, raws) {
        #expect(line.pageBreak == (raw.first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x0C))
      }
    }
  }

  // MARK: - The readings before the byte ones (copies of the old code)

  static func isPDFByteByByte(_ bytes: [UInt8]) -> Bool {
    let count = min(bytes.count, 1024)
    guard count >= 5 else { return false }
    for offset in 0...(count - 5) where bytes[offset] == 0x25 {
      if bytes[offset + 1] == 0x50, bytes[offset + 2] == 0x44, bytes[offset + 3] == 0x46,
        bytes[offset + 4] == 0x2D
      {
        return true
      }
    }
    return false
  }

  /// Whether the old wide-text count (no byte-order mark) names an encoding.
  static func wideEncodingWithoutMark(_ head: [UInt8]) -> Bool {
    let count = head.count / 4 * 4
    guard count >= 8 else { return false }
    var zeros = [0, 0, 0, 0]
    for index in 0..<count where head[index] == 0 { zeros[index % 4] += 1 }
    let quarter = count / 4
    func mostly(_ positions: [Int]) -> Bool { positions.allSatisfy { zeros[$0] * 10 >= quarter * 9 } }
    func rarely(_ positions: [Int]) -> Bool { positions.allSatisfy { zeros[$0] * 10 <= quarter } }
    return (mostly([1, 2, 3]) && rarely([0])) || (mostly([0, 1, 2]) && rarely([3]))
      || (mostly([1, 3]) && rarely([0, 2])) || (mostly([0, 2]) && rarely([1, 3]))
  }

  static func fromFileNameByCharacters(_ name: String) -> (number: DocumentNumber, kind: String)? {
    var base = Substring(name.split(separator: "/").last ?? "")
    for suffix in [".txt", ".TXT", ".pdf", ".PDF", ".md"] where base.hasSuffix(suffix) {
      base = base.dropLast(suffix.count)
    }
    let fields = base.split(separator: "_", omittingEmptySubsequences: false)
    guard fields.count >= 4, fields[0] == "A", fields[1] == "DEC" || fields[1] == "RES" else { return nil }
    let rest = fields[4...].joined(separator: " ")
    guard let number = DocumentNumber("\(fields[2])/\(fields[3]) \(rest)") else { return nil }
    return (number, String(fields[1]))
  }

  static func numberAndYearByCharacters(_ text: String) -> (number: String, year: Int?, rest: Substring)? {
    guard SCVolumeReader.mayOpenHeading(text, joined: false) else { return nil }
    var rest = text[...]
    let named = rest.lowercased().hasPrefix("resolution ")
    if named { rest = rest.dropFirst("resolution ".count) }
    let digits = rest.prefix(while: \.isASCIIDigit)
    guard (1...5).contains(digits.count) else { return nil }
    rest = rest[digits.endIndex...].drop { $0 == " " }
    if named && (rest.isEmpty || rest.hasPrefix("of ") || SCVolumeReader.leadingDate(String(rest)) != nil) {
      return (String(digits), nil, rest)
    }
    guard rest.first == "(", let close = rest.firstIndex(of: ")") else { return nil }
    let inside = rest[rest.index(after: rest.startIndex)..<close]
    let year = inside.filter(\.isASCIIDigit)
    guard year.count == 4, inside.count <= 6, let value = Int(year) else { return nil }
    rest = rest[rest.index(after: close)...]
    if rest.first == "." { rest = rest.dropFirst() }
    rest = rest.drop { $0 == " " }
    if !named && !rest.hasPrefix("Resolution") { return nil }
    return (String(digits), value, rest)
  }

  static func isBinaryByteByByte(_ head: [UInt8]) -> Bool {
    var bad = 0
    var index = 0
    while index < head.count {
      let byte = head[index]
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
        if !(length > 0 && index + length > head.count) { bad += 1 }
        index += 1
      }
    }
    return bad >= 16 && bad * 10 >= head.count
  }
}
