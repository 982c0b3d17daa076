// Parsing the XML a trusted local tool wrote (pdftohtml's pdf2xml), apart from untrusted input.
import AKNModel
internal import CLibXML2

extension XMLTree {
  /// Parses the XML output of a local tool this program ran itself (e.g. `pdftohtml -xml`),
  /// whose prolog names a DTD that the untrusted-XML path (``parse(_:limits:)``) refuses on
  /// purpose.
  ///
  /// Kept apart from that path and never used for a user's file: the DOCTYPE is accepted, but
  /// the DTD is never loaded (`XML_PARSE_DTDLOAD` is not set), entities are never substituted
  /// (`XML_PARSE_NOENT` is not set), the network is never touched (`XML_PARSE_NONET`), and
  /// libxml2's default size limits stay on (no `HUGE`). Control characters a tool may pass
  /// through from a PDF's text (not allowed in XML 1.0) are read as spaces.
  ///
  /// - Throws: ``XMLTree/ParseFailure`` when the output is over `maximumBytes` or not
  ///   well-formed.
  package static func parseTrustedToolOutput(_ bytes: [UInt8], tool: String, maximumBytes: Int)
    throws(ParseFailure) -> XMLTree
  {
    LibXML2.setUp
    guard bytes.count <= maximumBytes, bytes.count <= Int(Int32.max) else {
      throw ParseFailure(diagnostics: [
        Diagnostic(
          .error, rule: .inputSize,
          message: "\(tool) wrote \(bytes.count) bytes, over the limit of \(maximumBytes) bytes")
      ])
    }
    guard !bytes.isEmpty else {
      throw ParseFailure(diagnostics: [Diagnostic(.error, rule: .xml, message: "\(tool) wrote nothing")])
    }
    var cleaned = bytes
    for index in cleaned.indices {
      let byte = cleaned[index]
      if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { cleaned[index] = 0x20 }
    }
    guard let context = xmlNewParserCtxt() else {
      throw ParseFailure(diagnostics: [
        Diagnostic(.error, rule: .xml, message: "could not create an XML parser")
      ])
    }
    defer { xmlFreeParserCtxt(context) }
    let sink = DiagnosticSink(limit: 20, rule: .xml)
    let doc: xmlDocPtr? = withExtendedLifetime(sink) {
      context.pointee._private = Unmanaged.passUnretained(sink).toOpaque()
      context.pointee.sax.pointee.serror = { userData, error in
        guard let userData, let error else { return }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let sinkPointer = context.pointee._private else { return }
        Unmanaged<DiagnosticSink>.fromOpaque(sinkPointer).takeUnretainedValue().record(error)
      }
      xmlSetStructuredErrorFunc(Unmanaged.passUnretained(sink).toOpaque()) { userData, error in
        guard let userData, let error else { return }
        Unmanaged<DiagnosticSink>.fromOpaque(userData).takeUnretainedValue().record(error)
      }
      defer { xmlSetStructuredErrorFunc(nil, nil) }
      let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
      return cleaned.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
          xmlCtxtReadMemory(context, $0, Int32(buffer.count), tool, nil, options)
        }
      }
    }
    guard let doc, context.pointee.wellFormed != 0 else {
      if let doc { xmlFreeDoc(doc) }
      var diagnostics = sink.diagnostics.filter { $0.severity == .error }
      if diagnostics.isEmpty {
        diagnostics = [
          Diagnostic(.error, rule: .xml, message: "the output of \(tool) is not well-formed XML")
        ]
      }
      throw ParseFailure(diagnostics: diagnostics)
    }
    return XMLTree(doc: doc)
  }
}
