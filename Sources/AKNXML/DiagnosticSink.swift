// libxml2's structured errors, collected as diagnostics in plain words.
package import AKNModel
internal import CLibXML2
import Foundation

/// Collects libxml2's structured errors for one parse or one validation.
package final class DiagnosticSink {
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var dropped = 0
  package let limit: Int
  package let rule: RuleID
  /// A namespace URI left out of messages (libxml2 writes `{URI}name`): the schema's own.
  package var hiddenNamespace: String?
  /// Maps a node to a short description of where it is (its eId, or a path).
  package var describe: ((XMLElementHandle) -> String?)?

  package init(limit: Int, rule: RuleID) {
    self.limit = limit
    self.rule = rule
  }

  func record(_ error: UnsafePointer<xmlError>) {
    let error = error.pointee
    guard diagnostics.count < limit else {
      dropped += 1
      return
    }
    let severity: Diagnostic.Severity = error.level == XML_ERR_WARNING ? .warning : .error
    var message = error.message.map { String(cString: $0) } ?? "unknown XML error"
    message = Self.tidy(message, hiding: hiddenNamespace)
    if let raw = error.node, error.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
      let node = raw.assumingMemoryBound(to: xmlNode.self)
      if node.pointee.type == XML_ELEMENT_NODE, node.pointee.ns?.pointee.prefix != nil {
        // libxml2 names the element by its local name; say it as the document writes it.
        let local = "'" + String(cString: node.pointee.name) + "'"
        message = message.replacingOccurrences(
          of: "Element \(local)", with: "Element '\(XMLTree.qualifiedName(of: node))'")
      }
    }
    var line = error.line > 0 ? Int(error.line) : nil
    var column: Int? = error.int2 > 0 ? Int(error.int2) : nil
    var element: String?
    if let raw = error.node {
      let node = raw.assumingMemoryBound(to: xmlNode.self)
      if node.pointee.type == XML_ELEMENT_NODE {
        element = describe?(XMLElementHandle(node: node))
        if line == nil {
          let nodeLine = xmlGetLineNo(node)
          if nodeLine > 0 { line = Int(nodeLine) }
        }
      }
      if error.domain == Int32(XML_FROM_SCHEMASV.rawValue) { column = nil }
    }
    if line == nil { column = nil }
    // Decoding errors come once per buffer refill, without a place: say each once.
    if line == nil, diagnostics.contains(where: { $0.line == nil && $0.message == message }) { return }
    // After a fatal error libxml2 reports its consequences at the same place; keep the cause.
    if error.domain != Int32(XML_FROM_SCHEMASV.rawValue), line != nil,
      diagnostics.contains(where: { $0.line == line && $0.column == column })
    {
      return
    }
    diagnostics.append(
      Diagnostic(severity, rule: rule, message: message, line: line, column: column, element: element))
  }

  func record(_ error: UnsafeMutablePointer<xmlError>) {
    record(UnsafePointer(error))
  }

  /// Removes the AKN namespace noise and the trailing newline from a libxml2 message.
  package static func tidy(_ message: String, hiding namespace: String?) -> String {
    var text = message.trimmingCharacters(in: .whitespacesAndNewlines)
    if let namespace { text = text.replacingOccurrences(of: "{\(namespace)}", with: "") }
    if text.hasPrefix("Input is not proper UTF-8") {
      let bytes = text.range(of: "Bytes: ").map { String(text[$0.upperBound...]) }
      text =
        "invalid UTF-8\(bytes.map { " (bytes \($0))" } ?? ""): the file is not UTF-8 and its XML declaration names no other encoding; convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8) or declare its encoding"
    } else if text.hasPrefix("input conversion failed due to input error") {
      let bytes = text.range(of: "bytes ").map { String(text[$0.upperBound...]) }
      text =
        "the bytes\(bytes.map { " \($0)" } ?? "") are not valid in the encoding the XML declaration names; save the file as UTF-8 (and declare that) or correct its encoding=\"…\""
    } else if text == "encoder error" {
      text = "the text could not be decoded from the encoding the XML declaration names"
    } else if text.hasPrefix("AttValue length too long") {
      text = "an attribute value is over 10,000,000 bytes, the limit for untrusted XML"
    } else if text.hasPrefix("xmlSAX2Characters: huge text node") || text.hasPrefix("Huge input lookup") {
      text = "a text node is over 10,000,000 bytes, the limit for untrusted XML"
    }
    text = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    if text.hasPrefix("Excessive depth in document") {
      // libxml2 suggests XML_PARSE_HUGE, which is never used on untrusted input.
      text =
        "elements are nested more than 256 levels deep, the limit for untrusted XML; no AKN document is that deep"
    }
    return text
  }
}
