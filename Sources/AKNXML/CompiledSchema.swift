// A compiled XML Schema, shared by every validation in the process.
package import AKNModel
internal import CLibXML2
import Foundation
import Synchronization

/// The official AKN 3.0 schema, compiled once and shared by every validation in the process.
///
/// `@unchecked Sendable` is sound here: the compiled `xmlSchema` is never mutated after
/// `xmlSchemaParse` returns, and libxml2 supports concurrent validation against one schema as
/// long as each validation has its own validation context and its own document (which
/// ``validate(_:)`` guarantees by creating a context per call).
package final class CompiledSchema: @unchecked Sendable {
  private let schema: xmlSchemaPtr

  /// Why a schema could not be compiled.
  package struct CompileFailure: Error {
    package var diagnostics: [Diagnostic]
  }

  /// Compiles the XSD at `path`. Imports are served only from files in `allowedImports`.
  package init(path: String, allowedImports: [String]) throws(CompileFailure) {
    LibXML2.setUp
    LibXML2.allowedFiles.withLock { $0.formUnion(allowedImports + [path]) }
    guard let parser = xmlSchemaNewParserCtxt(path) else {
      throw CompileFailure(diagnostics: [
        Diagnostic(.error, rule: .schemaCompile, message: "cannot read the schema at \(path)")
      ])
    }
    defer { xmlSchemaFreeParserCtxt(parser) }
    let sink = DiagnosticSink(limit: 20, rule: .schemaCompile)
    let compiled: xmlSchemaPtr? = withExtendedLifetime(sink) {
      xmlSchemaSetParserStructuredErrors(
        parser,
        { userData, error in
          guard let userData, let error else { return }
          Unmanaged<DiagnosticSink>.fromOpaque(userData).takeUnretainedValue().record(error)
        }, Unmanaged.passUnretained(sink).toOpaque())
      return xmlSchemaParse(parser)
    }
    guard let compiled else {
      throw CompileFailure(
        diagnostics: sink.diagnostics.isEmpty
          ? [Diagnostic(.error, rule: .schemaCompile, message: "the schema at \(path) does not compile")]
          : sink.diagnostics)
    }
    schema = compiled
    targetNamespace = compiled.pointee.targetNamespace.map { String(cString: $0) }
  }

  deinit { xmlSchemaFree(schema) }

  /// The schema's target namespace, left out of its messages.
  package let targetNamespace: String?

  /// Validates `tree` against the schema. Returns every error (up to `limit`), empty if valid.
  ///
  /// - Parameter describe: names the element at fault (its eId or a short path).
  package func validate(_ tree: XMLTree, limit: Int = 200, describe: ((XMLElementHandle) -> String?)? = nil)
    -> [Diagnostic]
  {
    guard let context = xmlSchemaNewValidCtxt(schema) else {
      return [Diagnostic(.error, rule: .schema, message: "could not create a validation context")]
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    let sink = DiagnosticSink(limit: limit, rule: .schema)
    sink.describe = describe
    sink.hiddenNamespace = targetNamespace
    let result: Int32 = withExtendedLifetime(sink) {
      xmlSchemaSetValidStructuredErrors(
        context,
        { userData, error in
          guard let userData, let error else { return }
          Unmanaged<DiagnosticSink>.fromOpaque(userData).takeUnretainedValue().record(error)
        }, Unmanaged.passUnretained(sink).toOpaque())
      return xmlSchemaValidateDoc(context, tree.doc)
    }
    var diagnostics = sink.diagnostics
    if result != 0 && !diagnostics.contains(where: { $0.severity == .error }) {
      diagnostics.append(
        Diagnostic(
          .error, rule: .schema,
          message: result < 0
            ? "the validator failed internally (libxml2 code \(result))"
            : "the document is not valid (libxml2 code \(result))"))
    }
    if sink.dropped > 0 {
      diagnostics.append(
        Diagnostic(.error, rule: .schema, message: "… and \(sink.dropped) more schema errors"))
    }
    return diagnostics
  }
}

extension CompiledSchema {
  /// What a streaming validation saw.
  private final class StreamState {
    var failed = false
    var rootName: String?
    var rootNamespace: String?
    /// The elements started and not yet ended (the parser's own strings), so that a parse that
    /// stops half-way can end them for the validator.
    var open:
      [(name: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?)] = []
    /// The `xml:id` values seen. Validating while parsing, libxml2 checks no `xs:ID` for
    /// uniqueness (it does so only on a tree), so a repeated one is looked for here.
    var ids = Set<String>()

    static func from(_ context: UnsafeMutableRawPointer?) -> StreamState? {
      guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
        let state = parser.pointee._private
      else { return nil }
      return Unmanaged<StreamState>.fromOpaque(state).takeUnretainedValue()
    }
  }

  /// Whether `bytes` are a well-formed document whose root is `rootName` in `rootNamespace` and
  /// that is valid against the schema, checked while parsing, without building a tree, with
  /// the parse options and limits of ``XMLTree/parse(_:limits:)``.
  ///
  /// True only when neither the parser nor the validator said anything at all (not even a
  /// warning); anything else is false, and the caller parses a tree and validates that to
  /// report what is wrong. The caller refuses a DOCTYPE and oversized input first.
  package func isCleanlyValid(_ bytes: [UInt8], rootName: String, rootNamespace: String) -> Bool {
    LibXML2.setUp
    guard !bytes.isEmpty, bytes.count <= Int(Int32.max),
      let validation = xmlSchemaNewValidCtxt(schema)
    else { return false }
    defer { xmlSchemaFreeValidCtxt(validation) }
    let parser: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
      }
    }
    guard let parser, let handler = parser.pointee.sax else { return false }
    defer { xmlFreeParserCtxt(parser) }
    let state = StreamState()
    return withExtendedLifetime(state) { () -> Bool in
      let statePointer = Unmanaged.passUnretained(state).toOpaque()
      // Any error or warning, from the validator or raised outside the parser's handler.
      let markFailed: xmlStructuredErrorFunc = { userData, _ in
        guard let userData else { return }
        Unmanaged<StreamState>.fromOpaque(userData).takeUnretainedValue().failed = true
      }
      xmlSchemaSetValidStructuredErrors(validation, markFailed, statePointer)
      _ = xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue))
      // No tree: the handler keeps only the first element's name and the errors.
      handler.initialize(to: xmlSAXHandler())
      handler.pointee.initialized = XML_SAX2_MAGIC
      handler.pointee.serror = { _, error in
        // Parser errors carry their parser context, whose _private is the state.
        guard let context = error?.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
          let statePointer = context.pointee._private
        else { return }
        Unmanaged<StreamState>.fromOpaque(statePointer).takeUnretainedValue().failed = true
      }
      handler.pointee.startElementNs = { context, localName, prefix, uri, _, _, count, _, attributes in
        guard let state = StreamState.from(context) else { return }
        if state.rootName == nil {
          state.rootName = localName.map { String(cString: $0) } ?? ""
          state.rootNamespace = uri.map { String(cString: $0) }
        }
        state.open.append((localName, prefix, uri))
        // Each attribute is five pointers: local name, prefix, URI, value start, value end.
        if let attributes {
          for index in 0..<Int(count) {
            let base = index * 5
            guard let name = attributes[base], let uri = attributes[base + 2],
              strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "id") == 0,
              strcmp(
                UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self),
                "http://www.w3.org/XML/1998/namespace")
                == 0,
              let start = attributes[base + 3], let end = attributes[base + 4]
            else { continue }
            let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            // Told apart as xs:ID compares them (white space collapsed), which may be stricter
            // than libxml2's check on a tree: a false alarm only sends the document there.
            let key = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
              .joined(separator: " ")
            if !state.ids.insert(key).inserted { state.failed = true }
          }
        }
      }
      // A DOCTYPE (refused by the caller in UTF-8, but not seen there in every encoding).
      handler.pointee.internalSubset = { context, _, _, _ in
        StreamState.from(context)?.failed = true
      }
      handler.pointee.endElementNs = { context, _, _, _ in
        _ = StreamState.from(context)?.open.popLast()
      }
      parser.pointee._private = statePointer
      parser.pointee.userData = UnsafeMutableRawPointer(parser)
      // Errors the parser raises outside its handler go to this thread's handler, not stderr.
      xmlSetStructuredErrorFunc(statePointer, markFailed)
      defer { xmlSetStructuredErrorFunc(nil, nil) }
      guard let plug = xmlSchemaSAXPlug(validation, &parser.pointee.sax, &parser.pointee.userData) else {
        return false
      }
      let parsed = xmlParseDocument(parser)
      // Read before unplugging, which clears the validation context.
      let valid = xmlSchemaIsValid(validation) == 1
      // A parse stopped by an error leaves elements open; ending them lets the validator free
      // what it holds for them (libxml2 2.9.14 leaks its IDC matchers otherwise).
      if !state.open.isEmpty, let end = parser.pointee.sax?.pointee.endElementNs {
        for element in state.open.reversed() {
          end(parser.pointee.userData, element.name, element.prefix, element.uri)
        }
      }
      _ = xmlSchemaSAXUnplug(plug)
      if let doc = parser.pointee.myDoc {
        xmlFreeDoc(doc)
        parser.pointee.myDoc = nil
      }
      return parsed == 0 && parser.pointee.wellFormed != 0 && !state.failed && valid
        && state.rootName == rootName && state.rootNamespace == rootNamespace
    }
  }
}
