// The one place that touches libxml2. Everything else in the package sees `XMLTree`,
// `XMLElementHandle` handles and `CompiledSchema`, never a C pointer.
package import AKNModel
internal import CLibXML2
import Foundation
import Synchronization

/// Process-wide libxml2 set-up, done once before any tree is parsed, built or validated.
///
/// - `xmlInitParser()` and `xmlSchemaInitTypes()` run first: libxml2 2.9.14 initialises the
///   schema types lazily and without a lock inside `xmlSchemaParse`.
/// - One external-entity loader is installed for the whole process. It answers only the files in
///   ``LibXML2/allowedFiles`` (the schema's own `xml.xsd` import) and refuses everything else:
///   no network, no `file:` entity, no DTD, no catalog.
package enum LibXML2 {
  /// Absolute paths the entity loader may open. Only schema files are ever added.
  static let allowedFiles = Mutex<Set<String>>([])

  package static let setUp: Void = {
    xmlInitParser()
    xmlSchemaInitTypes()
    xmlSetExternalEntityLoader { url, _, context in
      guard let url else { return nil }
      let path = String(cString: url)
      let allowed = LibXML2.allowedFiles.withLock { $0.contains(path) }
      guard allowed else { return nil }
      return xmlNewInputFromFile(context, url)
    }
  }()

  /// The version of the libxml2 library loaded at run time, e.g. `20914`.
  package static var runtimeVersion: String {
    setUp
    return String(cString: cxml_runtime_version())
  }
}

/// A handle on one element of an ``XMLTree``. Valid only while its tree lives.
package struct XMLElementHandle {
  fileprivate let node: xmlNodePtr
}

/// Options for ``XMLTree/parse(_:url:)``.
package struct XMLParseLimits: Sendable {
  /// Documents larger than this are refused before parsing.
  package var maximumBytes = 256 * 1024 * 1024
  /// At most this many diagnostics are kept per document.
  package var maximumDiagnostics = 200
  /// Whether a DOCTYPE in the prolog is refused before libxml2 sees the bytes (so that entity
  /// bombs get the clear DOCTYPE message, not an entity error). Tests turn it off to check
  /// libxml2's own defences.
  package var refuseDoctypeBeforeParsing = true

  /// The limits for untrusted documents, refusing documents over `maximumBytes`.
  package init(maximumBytes: Int = 256 * 1024 * 1024) {
    self.maximumBytes = maximumBytes
  }
}

/// An XML document owned by Swift: built element by element, or parsed safely from bytes.
///
/// Not `Sendable`: a tree belongs to the task that made it. It frees its libxml2 document when
/// released.
package final class XMLTree {
  fileprivate let doc: xmlDocPtr
  private var namespace: xmlNsPtr?
  private var prefixed: [String: xmlNsPtr] = [:]

  private init(doc: xmlDocPtr) {
    self.doc = doc
  }

  deinit { xmlFreeDoc(doc) }

  /// A new document whose root element is `rootName` in the default namespace `namespaceURI`.
  package convenience init(rootName: String, namespaceURI: String) {
    LibXML2.setUp
    let doc = xmlNewDoc("1.0")!
    self.init(doc: doc)
    let root = xmlNewDocNode(doc, nil, rootName, nil)!
    xmlDocSetRootElement(doc, root)
    namespace = xmlNewNs(root, namespaceURI, nil)
    xmlSetNs(root, namespace)
  }

  /// The root element.
  package var root: XMLElementHandle? {
    xmlDocGetRootElement(doc).map(XMLElementHandle.init(node:))
  }

  // MARK: Building

  /// Declares `prefix` for `uri` on the root element, for elements added with that prefix.
  package func declareNamespace(prefix: String, uri: String) {
    guard let root = xmlDocGetRootElement(doc) else { return }
    prefixed[prefix] = xmlNewNs(root, uri, prefix)
  }

  /// Appends a new element named `name` (in the default namespace, or in the namespace declared
  /// for `prefix`) as the last child of `parent`.
  ///
  /// - Parameter line: the 1-based line of the input the element comes from; the validator reports
  ///   schema errors on this element at that line.
  @discardableResult
  package func append(_ name: String, to parent: XMLElementHandle, prefix: String? = nil, line: Int? = nil)
    -> XMLElementHandle
  {
    let ns = prefix.flatMap { prefixed[$0] } ?? namespace
    let node = xmlNewChild(parent.node, ns, name, nil)!
    if let line { setLine(line, of: node) }
    return XMLElementHandle(node: node)
  }

  /// Appends an element for mixed content (`p`, `heading` …). It starts with an empty text
  /// node, so that the serialiser never indents inside it: `<p><event>…</event></p>` keeps
  /// its text exactly, with no whitespace added around the inline element.
  @discardableResult
  package func appendMixed(_ name: String, to parent: XMLElementHandle, line: Int? = nil) -> XMLElementHandle
  {
    let element = append(name, to: parent, line: line)
    if let empty = xmlNewDocTextLen(doc, "", 0), xmlAddChild(element.node, empty) == nil {
      xmlFreeNode(empty)
    }
    return element
  }

  /// Appends `text` (escaped as needed) as the last child of `parent`.
  package func appendText(_ text: String, to parent: XMLElementHandle) {
    guard !text.isEmpty else { return }
    let count = text.utf8.count
    let node = text.withCString { xmlNewDocTextLen(doc, $0, Int32(count)) }!
    // xmlAddChild merges adjacent text nodes, which is what we want.
    if xmlAddChild(parent.node, node) == nil { xmlFreeNode(node) }
  }

  /// Sets attribute `name` to `value` on `element` (escaped as needed).
  package func setAttribute(_ name: String, _ value: String, on element: XMLElementHandle) {
    xmlSetProp(element.node, name, value)
  }

  private func setLine(_ line: Int, of node: xmlNodePtr) {
    // libxml2 keeps 16 bits of line in the node; larger values are stored as 65535, which is
    // what the parser does too without XML_PARSE_BIG_LINES.
    node.pointee.line = UInt16(clamping: line)
  }

  // MARK: Reading

  /// The element's local name.
  package func name(of element: XMLElementHandle) -> String {
    String(cString: element.node.pointee.name)
  }

  /// The element's name as written in the document: `prefix:name`, or the local name.
  package func qualifiedName(of element: XMLElementHandle) -> String {
    XMLTree.qualifiedName(of: element.node)
  }

  fileprivate static func qualifiedName(of node: xmlNodePtr) -> String {
    let name = String(cString: node.pointee.name)
    guard let prefix = node.pointee.ns?.pointee.prefix else { return name }
    return String(cString: prefix) + ":" + name
  }

  /// The namespace URI of the element, if any.
  package func namespaceURI(of element: XMLElementHandle) -> String? {
    element.node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
  }

  /// The value of attribute `name` (no namespace), if present.
  package func attribute(_ name: String, of element: XMLElementHandle) -> String? {
    guard let value = xmlGetNoNsProp(element.node, name) else { return nil }
    defer { cxml_free(value) }
    return String(cString: value)
  }

  /// All attributes of the element in document order, as (qualified name, value).
  package func attributes(of element: XMLElementHandle) -> [(name: String, value: String)] {
    var result: [(String, String)] = []
    var attr = element.node.pointee.properties
    while let current = attr {
      var name = String(cString: current.pointee.name)
      if let ns = current.pointee.ns, let prefix = ns.pointee.prefix {
        name = String(cString: prefix) + ":" + name
      }
      let raw = xmlNodeListGetString(doc, current.pointee.children, 1)
      let value = raw.map { String(cString: $0) } ?? ""
      if let raw { cxml_free(raw) }
      result.append((name, value))
      attr = current.pointee.next
    }
    return result
  }

  /// The element children of `element`, in order.
  package func children(of element: XMLElementHandle) -> [XMLElementHandle] {
    var result: [XMLElementHandle] = []
    var child = element.node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElementHandle(node: current)) }
      child = current.pointee.next
    }
    return result
  }

  /// The parent element, if any.
  package func parent(of element: XMLElementHandle) -> XMLElementHandle? {
    guard let parent = element.node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE
    else { return nil }
    return XMLElementHandle(node: parent)
  }

  /// The line the element starts on (from the parser, or as set when building).
  package func line(of element: XMLElementHandle) -> Int {
    Int(xmlGetLineNo(element.node))
  }

  /// Walks the element and its descendants depth-first, in document order.
  package func forEachElement(
    under element: XMLElementHandle, _ body: (XMLElementHandle, _ depth: Int) -> Void
  ) {
    var stack: [(xmlNodePtr, Int)] = [(element.node, 0)]
    while let (node, depth) = stack.popLast() {
      body(XMLElementHandle(node: node), depth)
      // Children pushed last first, so that they come off the stack in document order.
      var child = node.pointee.last
      while let current = child {
        if current.pointee.type == XML_ELEMENT_NODE { stack.append((current, depth + 1)) }
        child = current.pointee.prev
      }
    }
  }

  /// A visitor's view of mixed content, for turning a tree back into text.
  package enum Content {
    case start(XMLElementHandle)
    case text(String)
    case end(XMLElementHandle)
  }

  /// Walks every element and text node under `element` in document order (iteratively, so
  /// deep trees cannot overflow the stack).
  package func walk(_ element: XMLElementHandle, _ body: (Content) -> Void) {
    var stack: [(xmlNodePtr, Bool)] = [(element.node, false)]
    while let (node, closing) = stack.popLast() {
      switch node.pointee.type {
      case XML_ELEMENT_NODE:
        if closing {
          body(.end(XMLElementHandle(node: node)))
          continue
        }
        body(.start(XMLElementHandle(node: node)))
        stack.append((node, true))
        // Children pushed last first, so that they come off the stack in document order.
        var child = node.pointee.last
        while let current = child {
          stack.append((current, false))
          child = current.pointee.prev
        }
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = node.pointee.content { body(.text(String(cString: content))) }
      default:
        break
      }
    }
  }

  // MARK: Output

  /// The document serialised as UTF-8 with an XML declaration, indented where the content model
  /// allows (mixed content is left as it is).
  package func serialized() -> [UInt8] {
    var buffer: UnsafeMutablePointer<xmlChar>?
    var size: Int32 = 0
    xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 1)
    guard let buffer else { return [] }
    defer { cxml_free(buffer) }
    return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
  }

  // MARK: Parsing untrusted bytes

  /// Why a document could not be parsed.
  package struct ParseFailure: Error {
    package var diagnostics: [Diagnostic]
    /// Whether the bytes are not XML at all (empty, compressed, binary, too large), as opposed
    /// to XML that is malformed or unsafe.
    package var isNotXML: Bool { diagnostics.contains { $0.rule.hasPrefix("input.") } }
  }

  /// Parses untrusted XML from memory.
  ///
  /// Options: `XML_PARSE_NONET | XML_PARSE_BIG_LINES` and nothing else: no entity substitution,
  /// no DTD loading or validation, no XInclude, no recovery, libxml2's default size limits (no
  /// `HUGE`). Bytes are never decompressed. A document with a DOCTYPE is refused.
  package static func parse(_ bytes: [UInt8], url: String, limits: XMLParseLimits = .init())
    throws(ParseFailure)
    -> XMLTree
  {
    LibXML2.setUp
    guard bytes.count <= limits.maximumBytes else {
      throw ParseFailure(diagnostics: [
        Diagnostic(
          .error, rule: "input.size",
          message:
            "the file is \(bytes.count) bytes, over the limit of \(limits.maximumBytes) bytes")
      ])
    }
    if let refusal = XMLPrologCheck.refusal(bytes, doctype: limits.refuseDoctypeBeforeParsing) {
      throw ParseFailure(diagnostics: [refusal])
    }
    guard bytes.count <= Int(Int32.max), let context = xmlNewParserCtxt() else {
      throw ParseFailure(diagnostics: [
        Diagnostic(.error, rule: "xml", message: "could not create an XML parser")
      ])
    }
    defer { xmlFreeParserCtxt(context) }
    let sink = DiagnosticSink(limit: limits.maximumDiagnostics, rule: "xml")
    let doc: xmlDocPtr? = withExtendedLifetime(sink) {
      context.pointee._private = Unmanaged.passUnretained(sink).toOpaque()
      context.pointee.sax.pointee.serror = { userData, error in
        // For parser errors libxml2 passes the parser context as userData.
        guard let userData, let error else { return }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let sinkPointer = context.pointee._private else { return }
        Unmanaged<DiagnosticSink>.fromOpaque(sinkPointer).takeUnretainedValue().record(error)
      }
      // Errors raised without the parser context (encoding conversion, I/O) go to this thread's
      // handler, which would print them; they go to the sink too.
      xmlSetStructuredErrorFunc(Unmanaged.passUnretained(sink).toOpaque()) { userData, error in
        guard let userData, let error else { return }
        Unmanaged<DiagnosticSink>.fromOpaque(userData).takeUnretainedValue().record(error)
      }
      defer { xmlSetStructuredErrorFunc(nil, nil) }
      let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
      return bytes.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
          xmlCtxtReadMemory(context, $0, Int32(buffer.count), url, nil, options)
        }
      }
    }
    let wellFormed = context.pointee.wellFormed != 0
    guard let doc, wellFormed else {
      if let doc { xmlFreeDoc(doc) }
      var diagnostics = sink.diagnostics.filter { $0.severity == .error }
      if diagnostics.isEmpty {
        diagnostics = [Diagnostic(.error, rule: "xml", message: "the file is not well-formed XML")]
      }
      throw ParseFailure(diagnostics: diagnostics)
    }
    let tree = XMLTree(doc: doc)
    if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
      throw ParseFailure(diagnostics: [
        Diagnostic(
          .error, rule: "xml.doctype",
          message:
            "the document has a DOCTYPE declaration; AKN documents never use DTDs, and DTDs and entities are refused for safety. Remove the <!DOCTYPE …> and any entity references",
          line: tree.doctypeLine)
      ])
    }
    return tree
  }

  private var doctypeLine: Int? {
    guard let dtd = doc.pointee.intSubset else { return nil }
    let line = xmlGetLineNo(UnsafeMutableRawPointer(dtd).assumingMemoryBound(to: xmlNode.self))
    return line > 0 ? Int(line) : nil
  }
}

/// Collects libxml2's structured errors for one parse or one validation.
package final class DiagnosticSink {
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var dropped = 0
  package let limit: Int
  package let rule: String
  /// A namespace URI left out of messages (libxml2 writes `{URI}name`): the schema's own.
  package var hiddenNamespace: String?
  /// Maps a node to a short description of where it is (its eId, or a path).
  package var describe: ((XMLElementHandle) -> String?)?

  package init(limit: Int, rule: String) {
    self.limit = limit
    self.rule = rule
  }

  fileprivate func record(_ error: UnsafePointer<xmlError>) {
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

  fileprivate func record(_ error: UnsafeMutablePointer<xmlError>) {
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
        Diagnostic(.error, rule: "schema.compile", message: "cannot read the schema at \(path)")
      ])
    }
    defer { xmlSchemaFreeParserCtxt(parser) }
    let sink = DiagnosticSink(limit: 20, rule: "schema.compile")
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
          ? [Diagnostic(.error, rule: "schema.compile", message: "the schema at \(path) does not compile")]
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
      return [Diagnostic(.error, rule: "schema", message: "could not create a validation context")]
    }
    defer { xmlSchemaFreeValidCtxt(context) }
    let sink = DiagnosticSink(limit: limit, rule: "schema")
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
          .error, rule: "schema",
          message: result < 0
            ? "the validator failed internally (libxml2 code \(result))"
            : "the document is not valid (libxml2 code \(result))"))
    }
    if sink.dropped > 0 {
      diagnostics.append(
        Diagnostic(.error, rule: "schema", message: "… and \(sink.dropped) more schema errors"))
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

    static func from(_ context: UnsafeMutableRawPointer?) -> StreamState? {
      guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
        let state = parser.pointee._private
      else { return nil }
      return Unmanaged<StreamState>.fromOpaque(state).takeUnretainedValue()
    }
  }

  /// Whether `bytes` are a well-formed document whose root is `rootName` in `rootNamespace` and
  /// that is valid against the schema, checked while parsing, without building a tree, with
  /// the parse options and limits of ``XMLTree/parse(_:url:limits:)``.
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
      handler.pointee.startElementNs = { context, localName, prefix, uri, _, _, _, _, _ in
        guard let state = StreamState.from(context) else { return }
        if state.rootName == nil {
          state.rootName = localName.map { String(cString: $0) } ?? ""
          state.rootNamespace = uri.map { String(cString: $0) }
        }
        state.open.append((localName, prefix, uri))
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
