// An XML document owned by Swift: built, walked, serialised, or parsed from untrusted bytes.
package import AKNModel
internal import CLibXML2
import Foundation

/// A handle on one element of an ``XMLTree``. Valid only while its tree lives.
package struct XMLElementHandle {
  let node: xmlNodePtr
}

/// Options for ``XMLTree/parse(_:limits:)``.
package struct XMLParseLimits: Sendable {
  /// Documents larger than this are refused before parsing.
  package var maximumBytes = 256 * 1024 * 1024
  /// At most this many diagnostics are kept per document.
  package var maximumDiagnostics = 200
  /// Whether a DOCTYPE in the prolog is refused before libxml2 sees the bytes (so that entity
  /// bombs get the clear DOCTYPE message, not an entity error). Tests turn it off to check
  /// libxml2's own defences.
  package var refuseDoctypeBeforeParsing = true
  /// The most attributes one element may have, namespace declarations included; a document
  /// with more is refused before parsing (`input.attributes`).
  package var maximumAttributesPerElement = XMLPrologCheck.defaultMaximumAttributesPerElement

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
  let doc: xmlDocPtr
  private var namespace: xmlNsPtr?
  private var prefixed: [String: xmlNsPtr] = [:]
  /// The name libxml2 gives the text nodes it makes (its `xmlStringText`), once this tree has
  /// made one: text appended after such a node joins it.
  private var textName: UnsafePointer<xmlChar>?

  init(doc: xmlDocPtr) {
    self.doc = doc
  }

  deinit { xmlFreeDoc(doc) }

  /// A new document whose root element is `rootName` in the default namespace `namespaceURI`.
  package convenience init(rootName: String, namespaceURI: String) {
    LibXML2.setUp
    let doc = xmlNewDoc("1.0")!
    // Element and attribute names kept once in a dictionary, as the parser keeps them, instead
    // of a copy allocated (and freed) for each element and attribute. Freed with the document.
    doc.pointee.dict = xmlDictCreate()
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
    let node = name.withXMLChars { xmlNewChild(parent.node, ns, $0, nil) }!
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
    if let empty = xmlNewDocTextLen(doc, "", 0) {
      textName = empty.pointee.name
      if xmlAddChild(element.node, empty) == nil { xmlFreeNode(empty) }
    }
    return element
  }

  /// Appends `text` (escaped as needed) as the last child of `parent`.
  package func appendText(_ text: String, to parent: XMLElementHandle) {
    guard !text.isEmpty else { return }
    // After a text node (a mixed element's first, empty one; the text before a citation), the
    // text joins it: what xmlAddChild does, without making and freeing a node for it.
    if let last = parent.node.pointee.last, let textName, last.pointee.type == XML_TEXT_NODE,
      last.pointee.name == textName
    {
      text.withXMLChars { xmlNodeAddContent(last, $0) }
      return
    }
    let count = text.utf8.count
    let node = text.withCString { xmlNewDocTextLen(doc, $0, Int32(count)) }!
    textName = node.pointee.name
    // xmlAddChild merges adjacent text nodes, which is what we want.
    if xmlAddChild(parent.node, node) == nil { xmlFreeNode(node) }
  }

  /// Adds attribute `name` with `value` to `element` (escaped as needed when written).
  ///
  /// `element` has no attribute `name` yet and `name` has no prefix (the builder gives each
  /// attribute of an element once, none of them prefixed; debug builds check it). libxml2's
  /// `xmlNewProp` makes the attribute as `xmlSetProp` made it in that case (the name from the
  /// document's dictionary, the value in a text node, the attribute last of the element's),
  /// without its search for a prefix in the name and for an attribute of that name to replace
  /// (~110 instructions an attribute).
  package func addAttribute(_ name: String, _ value: String, to element: XMLElementHandle) {
    assert(!name.utf8.contains(0x3A), "prefixed attribute \(name)")
    _ = name.withXMLChars { name in
      assert(xmlHasProp(element.node, name) == nil, "attribute given twice")
      return value.withXMLChars { xmlNewProp(element.node, name, $0) }
    }
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

  static func qualifiedName(of node: xmlNodePtr) -> String {
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
    guard let value = name.withXMLChars({ xmlGetNoNsProp(element.node, $0) }) else { return nil }
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
    package var isNotXML: Bool { diagnostics.contains { $0.rule.isInput } }
  }

  /// Parses untrusted XML from memory.
  ///
  /// Options: `XML_PARSE_NONET | XML_PARSE_BIG_LINES` and nothing else: no entity substitution,
  /// no DTD loading or validation, no XInclude, no recovery, libxml2's default size limits (no
  /// `HUGE`). Bytes are never decompressed. A document with a DOCTYPE is refused.
  ///
  /// The document gets no URL: for each error it reports on a document that has one, libxml2
  /// 2.9 walks back over every node before the one at fault (looking for an XInclude), which
  /// made validating a document with many errors quadratic (40,000 invalid siblings: 8 s).
  package static func parse(_ bytes: [UInt8], limits: XMLParseLimits = .init())
    throws(ParseFailure)
    -> XMLTree
  {
    LibXML2.setUp
    guard bytes.count <= limits.maximumBytes else {
      throw ParseFailure(diagnostics: [
        Diagnostic(
          .error, rule: .inputSize,
          message:
            "the file is \(bytes.count) bytes, over the limit of \(limits.maximumBytes) bytes")
      ])
    }
    if let refusal = XMLPrologCheck.refusal(
      bytes, doctype: limits.refuseDoctypeBeforeParsing, maximumAttributes: limits.maximumAttributesPerElement
    ) {
      throw ParseFailure(diagnostics: [refusal])
    }
    guard bytes.count <= Int(Int32.max), let context = xmlNewParserCtxt() else {
      throw ParseFailure(diagnostics: [
        Diagnostic(.error, rule: .xml, message: "could not create an XML parser")
      ])
    }
    defer { xmlFreeParserCtxt(context) }
    let sink = DiagnosticSink(limit: limits.maximumDiagnostics, rule: .xml)
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
          xmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, nil, options)
        }
      }
    }
    let wellFormed = context.pointee.wellFormed != 0
    guard let doc, wellFormed else {
      if let doc { xmlFreeDoc(doc) }
      var diagnostics = sink.diagnostics.filter { $0.severity == .error }
      if diagnostics.isEmpty {
        diagnostics = [Diagnostic(.error, rule: .xml, message: "the file is not well-formed XML")]
      }
      throw ParseFailure(diagnostics: diagnostics)
    }
    let tree = XMLTree(doc: doc)
    if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
      throw ParseFailure(diagnostics: [
        Diagnostic(
          .error, rule: .xmlDoctype,
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

extension String {
  /// Calls `body` with the string as a NUL-terminated `xmlChar` string. Without a copy where the
  /// string is stored as contiguous UTF-8 (a `String` passed to a C pointer parameter is copied
  /// into a new array at every call: ~250 instructions and an allocation per name and value).
  fileprivate func withXMLChars<Result>(_ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
    withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
  }
}
