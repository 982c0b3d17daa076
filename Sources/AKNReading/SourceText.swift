public import AKNModel

/// The input text, decoded and normalised, split into numbered lines.
///
/// Decoding refuses what is not UTF-8 text (binary files, UTF-16, compressed files, invalid
/// byte sequences) with an error that names the line and column. Normalisation removes a
/// byte-order mark, turns CRLF and CR into LF, Unicode spaces (no-break, narrow no-break, thin …)
/// into plain spaces, the non-breaking hyphen into `-`, and drops soft hyphens and zero-width
/// characters. Tabs are kept: they separate numbers from text in the ODS export.
///
/// Control characters follow one rule: those that are white space
/// (vertical tab, form feed, next line) become a space, since they separate words (a page break
/// between two words); every other C0 control, DEL and every C1 control is dropped, since it
/// separates nothing ("LAJ\u{7F}ÁK" is "LAJÁK"), and counted in ``droppedControls``. A NUL is
/// refused as binary input.
public struct SourceText: Sendable {
  /// A line of the input.
  public struct Line: Sendable, Hashable {
    /// The 1-based line number in the input.
    public var number: Int
    /// The normalised text, without its line ending.
    public var text: String
    /// Whether the line opens with a form feed (a page break of a printed or exported text).
    public var pageBreak = false

    /// A line.
    public init(number: Int, text: String, pageBreak: Bool = false) {
      self.number = number
      self.text = text
      self.pageBreak = pageBreak
    }
  }

  /// The lines, in order.
  public var lines: [Line]
  /// The control characters dropped from the text (see ``SourceText``): for each line that had
  /// any, its number and how many.
  public var droppedControls: [(line: Int, count: Int)] = []

  /// Creates a source text from lines (for tests and other readers).
  public init(lines: [Line]) {
    self.lines = lines
  }

  /// The longest line accepted, in bytes. The longest paragraphs of real resolutions are a few
  /// KiB; a longer line means the input is not resolution text, and refusing it keeps the work
  /// per line bounded.
  public static let maximumLineBytes = 1024 * 1024

  /// Decodes and normalises `bytes`.
  ///
  /// - Throws: ``ConversionError`` when the bytes are empty, binary, compressed, UTF-16 or not
  ///   valid UTF-8.
  public static func decode(_ bytes: [UInt8]) throws(ConversionError) -> SourceText {
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      throw ConversionError(
        "the input is empty; expected the plain text of a UN resolution", rule: .inputEmpty)
    }
    if bytes.starts(with: [0x1F, 0x8B]) {
      throw ConversionError(
        "the input is gzip-compressed data, not text; decompress it first (gunzip)",
        rule: .inputBinary, line: 1, column: 1)
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw ConversionError(
        "the input is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)",
        rule: .inputEncoding, line: 1, column: 1)
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }

    // Validate UTF-8 and find NULs, tracking line and column for the error message.
    var line = 1
    var lineStart = body.startIndex
    var index = body.startIndex
    while index < body.endIndex {
      // A run of ASCII bytes but NUL and LF (the usual text) in one go.
      index = Self.endOfPlainASCII(body, from: index)
      if index - lineStart > maximumLineBytes {
        throw ConversionError(
          "line \(line) is longer than \(maximumLineBytes / 1024) KiB; no paragraph of a resolution is that long, so this is not resolution text (or its line breaks were lost)",
          rule: .inputLineLength, line: line, column: 1)
      }
      guard index < body.endIndex else { break }
      let byte = body[index]
      if byte == 0x0A {
        line += 1
        lineStart = index + 1
        index += 1
        continue
      }
      if byte == 0 {
        let zeroes = body.lazy.filter { $0 == 0 }.count
        let hint =
          zeroes * 4 >= body.count
          ? "it looks like UTF-16 without a byte-order mark; convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8)"
          : "it looks like a binary file, not text"
        throw ConversionError(
          "the input contains a NUL byte; \(hint)", rule: .inputBinary, line: line,
          column: Self.column(body[lineStart..<index]))
      }
      let length = Self.sequenceLength(body, at: index)
      if length == 0 {
        throw ConversionError(
          "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); the input must be UTF-8 (if it is Windows-1252, convert it: iconv -f WINDOWS-1252 -t UTF-8)",
          rule: .inputEncoding, line: line, column: Self.column(body[lineStart..<index]))
      }
      index += length
      if index - lineStart > maximumLineBytes {
        throw ConversionError(
          "line \(line) is longer than \(maximumLineBytes / 1024) KiB; no paragraph of a resolution is that long, so this is not resolution text (or its line breaks were lost)",
          rule: .inputLineLength, line: line, column: 1)
      }
    }

    // Lines end at LF, CR LF or CR (the line breaks as characters, found on the bytes).
    var lines: [Line] = []
    lines.reserveCapacity(line)
    var number = 0
    var droppedControls: [(line: Int, count: Int)] = []
    var start = body.startIndex
    index = body.startIndex
    while index <= body.endIndex {
      // Past the words that hold no line break, eight bytes at a time.
      index = Self.endOfLine(body, from: index)
      var next = index + 1
      if index < body.endIndex {
        let byte = body[index]
        guard byte == 0x0A || byte == 0x0D else {
          index += 1
          continue
        }
        if byte == 0x0D, next < body.endIndex, body[next] == 0x0A { next += 1 }
      }
      number += 1
      let raw = body[start..<index]
      let pageBreak = raw.first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x0C
      var dropped = 0
      lines.append(Line(number: number, text: Self.lineText(raw, dropped: &dropped), pageBreak: pageBreak))
      if dropped > 0 { droppedControls.append((number, dropped)) }
      start = next
      index = next
    }
    // A final newline does not start a line of its own.
    if let last = lines.last, last.text.isEmpty, lines.count > 1 { lines.removeLast() }
    var text = SourceText(lines: lines)
    text.droppedControls = droppedControls
    return text
  }

  /// The index of the first byte at or after `start` that is not ASCII, or is NUL or LF.
  static func endOfPlainASCII(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      let base = bytes.startIndex
      var offset = start - base
      // Eight bytes at a time while none of them is non-ASCII (high bit), NUL or LF (the
      // zero-byte test, on the word and on the word xor LFs); the first such word is scanned
      // byte by byte below.
      let raw = UnsafeRawBufferPointer(buffer)
      while offset + 8 <= buffer.count {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let lineFeeds = word ^ (ones &* 0x0A)
        guard (word | ((word &- ones) & ~word) | ((lineFeeds &- ones) & ~lineFeeds)) & highs == 0 else {
          break
        }
        offset += 8
      }
      while offset < buffer.count {
        let byte = buffer[offset]
        if byte >= 0x80 || byte == 0 || byte == 0x0A { break }
        offset += 1
      }
      return base + offset
    }
  }

  /// `start`, or the start of the first eight-byte word from `start` on that holds an LF or a
  /// CR (``ByteWords/equal(_:to:)``), or of the last bytes, fewer than eight: the bytes skipped
  /// hold neither.
  static func endOfLine(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      let raw = UnsafeRawBufferPointer(buffer)
      var offset = start - bytes.startIndex
      while offset + 8 <= buffer.count {
        let word = ByteWords.load(raw, at: offset)
        guard ByteWords.equal(word, to: 0x0A) | ByteWords.equal(word, to: 0x0D) == 0 else { break }
        offset += 8
      }
      return bytes.startIndex + min(offset, buffer.count)
    }
  }

  /// The character column (1-based) after `prefix`.
  private static func column(_ prefix: ArraySlice<UInt8>) -> Int {
    String(decoding: prefix, as: UTF8.self).count + 1
  }

  /// The length of the valid UTF-8 sequence at `index`, or 0 if it is invalid.
  private static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
    let lead = bytes[index]
    let length: Int
    let minimum: UInt32
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: (length, minimum) = (2, 0x80)
    case 0xE0...0xEF: (length, minimum) = (3, 0x800)
    case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
    default: return 0
    }
    guard index + length <= bytes.endIndex else { return 0 }
    var scalar = UInt32(lead) & (0xFF >> (length + 1))
    for offset in 1..<length {
      let next = bytes[index + offset]
      guard next & 0xC0 == 0x80 else { return 0 }
      scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
      return 0
    }
    return length
  }

  /// The normalised text of one line's bytes (valid UTF-8, no line break), adding the control
  /// characters dropped to `dropped`.
  private static func lineText(_ bytes: ArraySlice<UInt8>, dropped: inout Int) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    // Printable ASCII and tabs only: nothing to normalise.
    if isPrintableASCII(bytes) { return text }
    return normalise(text[...], dropped: &dropped)
  }

  /// `0x01` in every byte of a word.
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  /// `0x80` in every byte of a word.
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Whether every byte is printable ASCII (0x20 to 0x7E) or a tab.
  static func isPrintableASCII(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      let raw = UnsafeRawBufferPointer(buffer)
      var offset = 0
      // Eight bytes at a time: with no high bit set, adding 0x60 to each byte sets its high
      // bit exactly when it is at least 0x20, adding 0x01 exactly when it is 0x7F (no carry
      // between bytes); a word that fails is looked at byte by byte (it may hold a tab).
      while offset + 8 <= buffer.count {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        if word & highs == 0, (word &+ ones &* 0x60) & highs == highs, (word &+ ones) & highs == 0 {
          offset += 8
          continue
        }
        for byte in buffer[offset..<offset + 8] where !((byte >= 0x20 && byte < 0x7F) || byte == 0x09) {
          return false
        }
        offset += 8
      }
      return buffer[offset...].allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
    }
  }

  /// Normalises one line: line-ending residue, Unicode spaces, hyphens, invisible characters.
  package static func normalise(_ raw: Substring) -> String {
    var dropped = 0
    return normalise(raw, dropped: &dropped)
  }

  /// Normalises one line, adding the control characters dropped to `dropped`.
  ///
  /// A control character that is white space (VT, FF, NEL: a line or page break inside a line)
  /// becomes a space; any other control character (C0 but tab, DEL, C1) separates nothing and is
  /// dropped, so that a word it stands in stays one word.
  package static func normalise(_ raw: Substring, dropped: inout Int) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(raw.utf8.count)
    for scalar in raw.unicodeScalars {
      switch scalar.value {
      case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
        scalars.append(" ")
      case 0x2010, 0x2011:
        scalars.append("-")
      case 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
        continue
      case 0x0B, 0x0C, 0x85:
        scalars.append(" ")  // white-space controls: a break between words
      case 0x00...0x08, 0x0E...0x1F, 0x7F...0x84, 0x86...0x9F:
        dropped += 1  // other controls: nothing between the characters around them
      default:
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }
}
