// Checks on raw bytes before libxml2 sees them.
package import AKNModel
import Foundation

/// Cheap checks on the raw bytes before libxml2 sees them, so that what is not XML at all, what
/// carries a DOCTYPE (every entity bomb does), what is in an encoding that could hide its markup
/// from these checks, and an element with more attributes than libxml2 handles in reasonable
/// time, get a clear message. One pass over the bytes, whatever their size.
package enum XMLPrologCheck {
  /// The most attributes one element may have, namespace declarations included. No AKN element
  /// has more than a few dozen; libxml2 2.9 checks an element's attributes against each other
  /// (quadratic: 100,000 attributes on one element took 21 s to validate, 20,000 took 2.3 s).
  package static let defaultMaximumAttributesPerElement = 256

  /// The refusal for `bytes`, or nil if they may be parsed.
  ///
  /// - Parameters:
  ///   - doctype: whether a DOCTYPE is refused.
  ///   - maximumAttributes: the most attributes (namespace declarations included) one element
  ///     may have.
  package static func refusal(
    _ bytes: [UInt8], doctype: Bool, maximumAttributes: Int = defaultMaximumAttributesPerElement
  ) -> Diagnostic? {
    guard !bytes.isEmpty else {
      return Diagnostic(.error, rule: .inputEmpty, message: "the file is empty; it is not XML")
    }
    if let format = compression(bytes) {
      return Diagnostic(
        .error, rule: .inputCompressed,
        message:
          "the file is \(format.name)-compressed data, not XML; decompress it first (\(format.command)); compressed input is never opened, for safety"
      )
    }
    let view = MarkupView(bytes)
    if let refusal = encodingRefusal(view) { return refusal }
    if let refusal = prolog(view.units, doctype: doctype) { return refusal }
    return attributeRefusal(view.units, maximum: maximumAttributes)
  }

  private static func compression(_ bytes: [UInt8]) -> (name: String, command: String)? {
    if bytes.starts(with: [0x1F, 0x8B]) { return ("gzip", "gunzip -c FILE > FILE.xml") }
    if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return ("xz", "xz -dc FILE > FILE.xml") }
    if bytes.starts(with: [0x42, 0x5A, 0x68]) { return ("bzip2", "bunzip2 -c FILE > FILE.xml") }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return ("zip", "unzip FILE") }
    if bytes.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return ("zstd", "zstd -dc FILE > FILE.xml") }
    return nil
  }

  /// The markup of a document as one byte per character, for the checks here: the bytes
  /// themselves for UTF-8 and the encodings that keep ASCII as it is; for UTF-16 and UTF-32
  /// (known as libxml2 knows them: by a byte-order mark or by how `<` is written), one byte per
  /// code unit, ASCII as itself and anything else as 0x80.
  struct MarkupView {
    /// `utf-8` (or an ASCII-compatible encoding), `UTF-16` or `UTF-32`.
    var family: String
    var units: [UInt8]

    init(_ bytes: [UInt8]) {
      func wide(_ width: Int, bigEndian: Bool, skip: Int) -> [UInt8] {
        var units: [UInt8] = []
        units.reserveCapacity((bytes.count - skip) / width)
        var index = skip
        while index + width <= bytes.count {
          var value: UInt32 = 0
          for offset in 0..<width {
            let byte = UInt32(bytes[index + (bigEndian ? offset : width - 1 - offset)])
            value = value << 8 | byte
          }
          units.append(value < 0x80 ? UInt8(value) : 0x80)
          index += width
        }
        return units
      }
      if bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) {
        (family, units) = ("UTF-32", wide(4, bigEndian: true, skip: 0))
      } else if bytes.starts(with: [0x3C, 0x00, 0x00, 0x00]) {
        (family, units) = ("UTF-32", wide(4, bigEndian: false, skip: 0))
      } else if bytes.starts(with: [0xFE, 0xFF]) {
        (family, units) = ("UTF-16", wide(2, bigEndian: true, skip: 2))
      } else if bytes.starts(with: [0xFF, 0xFE]) {
        (family, units) = ("UTF-16", wide(2, bigEndian: false, skip: 2))
      } else if bytes.count >= 2, bytes[0] == 0x00, bytes[1] == 0x3C {
        (family, units) = ("UTF-16", wide(2, bigEndian: true, skip: 0))
      } else if bytes.count >= 4, bytes[0] == 0x3C, bytes[1] == 0x00, bytes[3] == 0x00 {
        (family, units) = ("UTF-16", wide(2, bigEndian: false, skip: 0))
      } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
        (family, units) = ("UTF-8", Array(bytes.dropFirst(3)))
      } else {
        (family, units) = ("UTF-8", bytes)
      }
    }
  }

  /// Encodings whose markup is plain ASCII bytes, so that the checks here see what libxml2
  /// will parse (by prefix of the name, upper-cased). Others (UTF-7, EBCDIC …) could hide an
  /// element's attributes from them.
  private static let readableEncodings = [
    "UTF-8", "UTF8", "US-ASCII", "ASCII", "ISO-8859-", "ISO8859", "ISO_8859", "LATIN", "ISO-LATIN-",
    "WINDOWS-125", "CP125", "UTF-16", "UTF16", "UCS-2", "UCS2", "UTF-32", "UTF32", "UCS-4", "UCS4",
    "ISO-10646-UCS", "SHIFT_JIS", "SHIFT-JIS", "SJIS", "EUC-", "GB2312", "GBK", "GB18030", "BIG5",
    "KOI8-",
  ]

  /// The encoding the XML declaration names, when it is not one whose markup the checks here can
  /// read.
  private static func encodingRefusal(_ view: MarkupView) -> Diagnostic? {
    let head = view.units.prefix(512)
    guard head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) else {
      return nil
    }
    let declaration = String(decoding: head[..<end], as: UTF8.self)
    guard let range = declaration.range(of: "encoding") else { return nil }
    let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    let name = String(rest.dropFirst().prefix { $0 != quote })
    let upper = name.uppercased()
    if readableEncodings.contains(where: { upper.hasPrefix($0) }) { return nil }
    return Diagnostic(
      .error, rule: .inputEncoding,
      message:
        "the XML declaration names the encoding \"\(name)\", which is not read: an AKN document is UTF-8, UTF-16 or UTF-32, or in an encoding that writes its markup in ASCII (ISO-8859-n, Windows-125n …); convert it to UTF-8 (iconv -f \(name) -t UTF-8) and declare that",
      line: 1, column: 1)
  }

  /// Walks the prolog (XML declaration, comments, processing instructions, white space) up to
  /// the first element; refuses a DOCTYPE and anything that cannot start an XML document.
  private static func prolog(_ bytes: [UInt8], doctype: Bool) -> Diagnostic? {
    var index = 0
    var line = 1
    var lineStart = 0
    func skip(past terminator: [UInt8]) -> Bool {
      while index < bytes.count {
        if bytes[index] == 0x0A {
          line += 1
          lineStart = index + 1
        }
        if bytes[index...].starts(with: terminator) {
          index += terminator.count
          return true
        }
        index += 1
      }
      return false
    }
    while index < bytes.count {
      switch bytes[index] {
      case 0x0A:
        line += 1
        index += 1
        lineStart = index
      case 0x20, 0x09, 0x0D:
        index += 1
      case UInt8(ascii: "<"):
        let rest = bytes[index...]
        if rest.starts(with: Array("<?".utf8)) {
          guard skip(past: Array("?>".utf8)) else { return nil }
        } else if rest.starts(with: Array("<!--".utf8)) {
          guard skip(past: Array("-->".utf8)) else { return nil }
        } else if rest.starts(with: Array("<!DOCTYPE".utf8)) {
          guard doctype else { return nil }
          return Diagnostic(
            .error, rule: .xmlDoctype,
            message:
              "the document has a DOCTYPE declaration; AKN documents never use DTDs, and DTDs and entities are refused for safety (no entity is expanded, no file or URL is read). Remove the <!DOCTYPE …> and any entity references",
            line: line, column: index - lineStart + 1)
        } else {
          return nil  // the root element (or malformed markup, which libxml2 reports)
        }
      default:
        let binary = bytes.prefix(4096).contains(0)
        return Diagnostic(
          .error, rule: .inputNotXML,
          message: binary
            ? "the file is binary data, not XML"
            : "the file is not XML: it must start with '<' (an XML declaration or the <akomaNtoso> element)",
          line: line, column: index - lineStart + 1)
      }
    }
    return nil
  }

  /// The first element with more than `maximum` attributes (namespace declarations included),
  /// counted as the `=` outside quotes in its start tag; comments, processing instructions,
  /// CDATA sections and declarations are skipped. Exact for well-formed markup. `memchr` does
  /// the searching, so that the pass costs little even in a debug build.
  private static func attributeRefusal(_ units: [UInt8], maximum: Int) -> Diagnostic? {
    units.withUnsafeBufferPointer { buffer -> Diagnostic? in
      guard let base = buffer.baseAddress else { return nil }
      let count = buffer.count
      /// The index of the first `byte` at or after `from`, or `count`.
      func find(_ byte: UInt8, from: Int) -> Int {
        guard from < count, let found = memchr(base + from, Int32(byte), count - from) else { return count }
        return found.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
      }
      func matches(_ pattern: StaticString, at index: Int) -> Bool {
        let length = pattern.utf8CodeUnitCount
        guard index + length <= count else { return false }
        return memcmp(base + index, pattern.utf8Start, length) == 0
      }
      /// The index just past the first `terminator` at or after `from`, or `count`.
      func end(of terminator: StaticString, from: Int) -> Int {
        var index = from
        while true {
          index = find(terminator.utf8Start.pointee, from: index)
          if index >= count { return count }
          if matches(terminator, at: index) { return index + terminator.utf8CodeUnitCount }
          index += 1
        }
      }
      var index = 0
      while true {
        index = find(UInt8(ascii: "<"), from: index)
        guard index < count else { return nil }
        if matches("<!--", at: index) {
          index = end(of: "-->", from: index + 4)
        } else if matches("<![CDATA[", at: index) {
          index = end(of: "]]>", from: index + 9)
        } else if matches("<?", at: index) {
          index = end(of: "?>", from: index + 2)
        } else if matches("<!", at: index) || matches("</", at: index) {
          index = find(UInt8(ascii: ">"), from: index + 2) + 1
        } else {
          // A start tag: attributes up to the `>` outside quotes.
          let start = index
          var attributes = 0
          index += 1
          while index < count {
            let unit = base[index]
            if unit == UInt8(ascii: "\"") || unit == UInt8(ascii: "'") {
              index = find(unit, from: index + 1)
            } else if unit == UInt8(ascii: "=") {
              attributes += 1
              if attributes > maximum { return tooManyAttributes(buffer, tag: start, maximum: maximum) }
            } else if unit == UInt8(ascii: ">") {
              break
            }
            index += 1
          }
          index += 1
        }
      }
    }
  }

  private static func tooManyAttributes(_ buffer: UnsafeBufferPointer<UInt8>, tag start: Int, maximum: Int)
    -> Diagnostic
  {
    let line = 1 + buffer[..<start].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    var end = start + 1
    while end < buffer.count, end - start < 100,
      ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(buffer[end])
    {
      end += 1
    }
    let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[(start + 1)..<end]), as: UTF8.self)
    return Diagnostic(
      .error, rule: .inputAttributes,
      message:
        "the element <\(name)> has more than \(maximum) attributes (namespace declarations included); no AKN element has that many, and so many make parsing and validation slow, so the document is refused for safety",
      line: line)
  }
}
