// Checks on raw bytes before libxml2 sees them.
package import AKNModel
import Foundation

/// Cheap checks on the raw bytes before libxml2 sees them, so that what is not XML at all, and
/// what carries a DOCTYPE (every entity bomb does), gets a clear message.
package enum XMLPrologCheck {
  /// The refusal for `bytes`, or nil if they may be parsed.
  package static func refusal(_ bytes: [UInt8], doctype: Bool) -> Diagnostic? {
    guard !bytes.isEmpty else {
      return Diagnostic(.error, rule: "input.empty", message: "the file is empty; it is not XML")
    }
    if let format = compression(bytes) {
      return Diagnostic(
        .error, rule: "input.compressed",
        message:
          "the file is \(format.name)-compressed data, not XML; decompress it first (\(format.command)); compressed input is never opened, for safety"
      )
    }
    var index = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    // UTF-16 and UTF-32 documents (with or without a byte-order mark) are left to libxml2.
    if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
      || bytes.starts(with: [0x3C, 0x00]) || bytes.starts(with: [0x00, 0x3C])
      || bytes.starts(with: [0x00, 0x00, 0x00, 0x3C])
    {
      return nil
    }
    return prolog(bytes, from: index, doctype: doctype)
  }

  private static func compression(_ bytes: [UInt8]) -> (name: String, command: String)? {
    if bytes.starts(with: [0x1F, 0x8B]) { return ("gzip", "gunzip -c FILE > FILE.xml") }
    if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return ("xz", "xz -dc FILE > FILE.xml") }
    if bytes.starts(with: [0x42, 0x5A, 0x68]) { return ("bzip2", "bunzip2 -c FILE > FILE.xml") }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return ("zip", "unzip FILE") }
    if bytes.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return ("zstd", "zstd -dc FILE > FILE.xml") }
    return nil
  }

  /// Walks the prolog (XML declaration, comments, processing instructions, white space) up to
  /// the first element; refuses a DOCTYPE and anything that cannot start an XML document.
  private static func prolog(_ bytes: [UInt8], from start: Int, doctype: Bool) -> Diagnostic? {
    var index = start
    var line = 1
    var lineStart = start
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
            .error, rule: "xml.doctype",
            message:
              "the document has a DOCTYPE declaration; AKN documents never use DTDs, and DTDs and entities are refused for safety (no entity is expanded, no file or URL is read). Remove the <!DOCTYPE …> and any entity references",
            line: line, column: index - lineStart + 1)
        } else {
          return nil  // the root element (or malformed markup, which libxml2 reports)
        }
      default:
        let binary = bytes.prefix(4096).contains(0)
        return Diagnostic(
          .error, rule: "input.not-xml",
          message: binary
            ? "the file is binary data, not XML"
            : "the file is not XML: it must start with '<' (an XML declaration or the <akomaNtoso> element)",
          line: line, column: index - lineStart + 1)
      }
    }
    return nil
  }
}
