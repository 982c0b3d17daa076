public import AKNModel
package import AKNXML

/// An AKN document as one self-contained HTML5 page: the document laid out as the UN prints it,
/// every element an HTML element with the class `akn-` + its AKN name (Indigo's style) and its
/// eId as `id`, the footnotes collected at the bottom with back-links, the FRBR metadata folded
/// in a `<details>` below the title, inline CSS with a print stylesheet; no JavaScript, nothing
/// loaded from the network.
///
/// Rendered generically from the tree, so that any producer's AKN renders (acts, bills, debates,
/// judgments as well as resolutions). Everything taken from the document is escaped; only
/// `http(s)://`, in-document `#` and AKN IRI (`/akn/…`) hrefs become links.
public struct HTMLPreview: Sendable {
  /// Diagnostics listed at the top of the page (a conversion's warnings), with their rule, each
  /// also shown at its place in the document (the element it names, or the element its line
  /// falls in) and linked from the list.
  public var diagnostics: [Diagnostic]
  /// Why the document may not be what it claims (not in the AKN 3.0 namespace, not
  /// schema-valid): shown in a notice above it; the document is rendered all the same.
  public var notices: [Diagnostic]

  /// A preview listing `diagnostics` at the top, and `notices` above the document.
  public init(diagnostics: [Diagnostic] = [], notices: [Diagnostic] = []) {
    self.diagnostics = diagnostics
    self.notices = notices
  }

  /// The page of AKN XML (parsed safely: no DTD, no entities, no network).
  ///
  /// - Throws: ``ConversionError`` when the bytes are not well-formed XML.
  public func render(xml bytes: [UInt8]) throws(ConversionError) -> String {
    let tree: XMLTree
    do {
      tree = try XMLTree.parse(bytes)
    } catch {
      throw ConversionError(diagnostics: error.diagnostics)
    }
    return render(tree)
  }

  /// The page of a document built in this process (``AKNRenderer``): its elements carry the
  /// lines of the input they were read from, so that each warning is shown at its place.
  public func render(_ document: AKNDocument) -> String {
    render(document.tree)
  }

  /// The page of a tree parsed or built in this process.
  package func render(_ tree: XMLTree) -> String {
    let (page, placement, metadata) = Self.rendered(tree, diagnostics: diagnostics, linker: nil)
    var html = Self.head(title: metadata.title, extraStyle: "")
    html += "<body>\n"
    html += Self.noticesSection(notices)
    html += metadata.header()
    if !diagnostics.isEmpty {
      html += Self.warningsSection(diagnostics, placed: placement.placed, sourceLinks: false)
    }
    html += page.article()
    html += "</body>\n</html>\n"
    return html
  }

  /// The document's body rendered, its warnings placed, and its metadata: what both pages show.
  static func rendered(_ tree: XMLTree, diagnostics: [Diagnostic], linker: SourceLinker?) -> (
    page: Page, placement: Placement, metadata: Metadata
  ) {
    let placement = Placement(tree: tree, diagnostics: diagnostics)
    var page = Page(tree: tree)
    page.flags = placement.flagsHTML(diagnostics)
    page.linker = linker
    if let root = tree.root { page.renderBody(root) }
    let metadata = tree.root.map { Metadata(tree: tree, root: $0) } ?? Metadata()
    return (page, placement, metadata)
  }

  /// The page's head: its title, the policy that loads nothing, the stylesheet.
  static func head(title: String?, extraStyle: String) -> String {
    var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    // Defence in depth: even markup that slipped through could load and run nothing.
    html +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html += "<title>\(HTMLText.escaped(title ?? "AKN document"))</title>\n"
    html += "<style>\n\(Self.stylesheet)\(extraStyle)</style>\n</head>\n"
    return html
  }

  /// The notice above a document that is not what it claims.
  static func noticesSection(_ notices: [Diagnostic]) -> String {
    guard !notices.isEmpty else { return "" }
    var html = "<section class=\"preview-notice\" role=\"alert\">\n<h2>"
    html += "This file is not a schema-valid AKN 3.0 document; it is rendered as it is</h2>\n<ul>\n"
    for notice in notices.prefix(Self.noticesShown) {
      html += "<li>"
      if let line = notice.line { html += "<span class=\"preview-line\">line \(line)</span> " }
      html += "<code class=\"preview-rule\">\(HTMLText.escaped(notice.rule.rawValue))</code> "
      html += HTMLText.escaped(notice.message) + "</li>\n"
    }
    if notices.count > Self.noticesShown {
      html += "<li>and \(notices.count - Self.noticesShown) more</li>\n"
    }
    return html + "</ul>\n</section>\n"
  }

  /// How many of a document's schema errors the notice lists.
  static let noticesShown = 20

  /// The list of warnings at the top: each with its rule, its line (a link to the line in the
  /// source pane when `sourceLinks`) and a link to its place in the document.
  static func warningsSection(_ diagnostics: [Diagnostic], placed: Set<Int>, sourceLinks: Bool) -> String {
    var html = "<section class=\"preview-diagnostics\">\n<h2>Warnings</h2>\n<ul>\n"
    for (index, diagnostic) in diagnostics.enumerated() {
      html +=
        "<li class=\"preview-\(diagnostic.severity.rawValue)\" id=\"preview-diagnostic-\(index + 1)\">"
      if let line = diagnostic.line {
        if sourceLinks {
          html += "<a class=\"preview-line\" href=\"#src-L\(line)\">line \(line)</a> "
        } else {
          html += "<span class=\"preview-line\">line \(line)</span> "
        }
      }
      html += "<code class=\"preview-rule\">\(HTMLText.escaped(diagnostic.rule.rawValue))</code> "
      html += HTMLText.escaped(diagnostic.message)
      if placed.contains(index) {
        html += " <a class=\"preview-place\" href=\"#preview-flag-\(index + 1)\">(in the document)</a>"
      } else if let element = diagnostic.element {
        html +=
          " (at <a href=\"#\(HTMLText.escaped(element))\">\(HTMLText.escaped(element))</a>)"
      }
      html += "</li>\n"
    }
    return html + "</ul>\n</section>\n"
  }

  /// The stylesheet: the UN's printed layout, then the print rules.
  static let stylesheet = """
    body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.35;
      max-width: 42em; margin: 2em auto; padding: 0 1.5em; color: #000; background: #fff; }
    .akn-document div { margin: 0; }
    .akn-meta { display: none; }
    .preview-diagnostics { font-family: sans-serif; font-size: 10pt; border: 1px solid #c90;
      background: #fff8e6; padding: 0.5em 1em; margin-bottom: 1.5em; }
    .preview-diagnostics h2, .preview-notes h2 { font-size: 10pt; margin: 0.3em 0; }
    .preview-rule { font-weight: bold; }
    .preview-line { color: #555; }
    .preview-notice { font-family: sans-serif; font-size: 10pt; border: 2px solid #b00;
      background: #fdecec; padding: 0.5em 1em; margin-bottom: 1.5em; }
    .preview-notice h2 { font-size: 10pt; margin: 0.3em 0; color: #900; }
    .preview-header { margin-bottom: 1.5em; }
    .preview-title { font-family: sans-serif; font-size: 13pt; margin: 0 0 0.3em; }
    details.preview-frbr { font-family: sans-serif; font-size: 8.5pt; color: #555; }
    details.preview-frbr summary { cursor: pointer; }
    table.preview-frbr { font-family: sans-serif; font-size: 8.5pt; border-collapse: collapse;
      margin: 0.5em 0 0; width: 100%; }
    table.preview-frbr th { text-align: left; padding: 1px 0.8em 1px 0; color: #555;
      font-weight: normal; white-space: nowrap; vertical-align: top; }
    table.preview-frbr td { padding: 1px 0; word-break: break-all; }
    .akn-preface { margin-bottom: 1.5em; }
    .akn-preface .akn-p { margin: 0.3em 0; }
    .akn-preface .akn-p:last-child, .akn-longTitle { font-weight: bold; margin-top: 1em; }
    .akn-docNumber, .akn-docTitle { font-weight: bold; }
    .akn-preamble > * , .akn-preamble .akn-p { margin: 0.6em 0; }
    .akn-preamble .akn-container > .akn-p, .akn-recital > .akn-p { text-indent: 2.5em; }
    .akn-formula { margin: 0.8em 0 0.8em 2.5em; }
    .akn-p { margin: 0.4em 0; }
    .akn-heading, .akn-subheading, .akn-crossHeading { font-weight: bold; text-align: center;
      margin: 1.2em 0 0.6em; }
    .akn-crossHeading[data-refersto="#preamble"], .akn-recital { font-weight: normal;
      text-align: left; text-indent: 2.5em; margin: 0.6em 0; }
    .preview-flag { font-family: sans-serif; font-size: 9pt; text-indent: 0; font-weight: normal;
      text-align: left; border-left: 3px solid #c90; background: #fff8e6; padding: 0.1em 0.5em;
      margin: 0.3em 0; }
    .preview-flag:target, .preview-diagnostics li:target { outline: 2px solid #c90; }
    .akn-numbered { position: relative; padding-left: 2.5em; margin: 0.6em 0; }
    .akn-numbered > .akn-num { position: absolute; left: 0; top: 0; width: 2.3em;
      font-weight: normal; }
    .akn-numbered > .akn-list, .akn-numbered > .akn-blockList { margin-left: 0; }
    .akn-list > .akn-numbered, .akn-blockList > .akn-numbered, .akn-point, .akn-item,
      .akn-subparagraph, .akn-subsection, .akn-indent { margin-left: 2.5em; }
    .akn-titled { margin: 1em 0; }
    .akn-titled > .akn-num, .akn-titled > .akn-heading { display: block; text-align: center;
      font-weight: bold; margin: 0.2em 0; }
    .akn-titled > .akn-num + .akn-heading { margin-top: 0; }
    .akn-intro, .akn-listIntroduction, .akn-wrapUp, .akn-listWrapUp { margin: 0.4em 0; }
    .akn-conclusions { margin-top: 1.5em; text-align: right; }
    .akn-conclusions .akn-p { margin: 0.1em 0; }
    .akn-attachments, .akn-components { margin-top: 3em; }
    .akn-attachment, .akn-component { border-top: 1px solid #999; padding-top: 1.5em;
      margin-top: 2em; }
    .akn-attachment .akn-preface .akn-p, .akn-attachment .akn-heading { text-align: center; }
    .akn-quotedStructure, .akn-embeddedStructure, .akn-quotedText + .akn-quotedStructure {
      margin: 0.5em 2.5em; }
    .akn-table, table.akn-table { border-collapse: collapse; margin: 0.6em 0; }
    .akn-table td, .akn-table th { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top; }
    .akn-noteRef { font-size: 75%; vertical-align: super; line-height: 0; text-decoration: none; }
    sup > .akn-noteRef { vertical-align: baseline; font-size: 100%; }
    .preview-notes { margin-top: 2em; border-top: 1px solid #000; width: 100%; font-size: 10pt; }
    .preview-notes ol { list-style: none; padding: 0; }
    .preview-notes li { position: relative; padding-left: 2.5em; margin: 0.3em 0; }
    .preview-notes .preview-note-marker { position: absolute; left: 0; vertical-align: super;
      font-size: 75%; }
    .preview-notes li > .akn-p:first-of-type { display: inline; }
    .preview-notes li > .akn-p:not(:first-of-type) { margin: 0.2em 0; }
    .preview-backref { text-decoration: none; margin-left: 0.3em; }
    a { color: #0645ad; }
    .akn-ref-unlinked { border-bottom: 1px dotted #777; }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
      .preview-diagnostics, .preview-flag, details.preview-frbr, .preview-backref { display: none; }
      a { color: inherit; text-decoration: none; }
      .akn-attachment, .akn-component { break-before: page; border-top: none; }
      .akn-numbered, .akn-heading, .akn-num { break-inside: avoid; break-after: avoid-page; }
      .preview-notes { break-inside: avoid; }
    }

    """
}

/// Escaping for HTML text and attribute values.
package enum HTMLText {
  /// `text` with `& < > " '` escaped: safe as element content and as a quoted attribute value.
  package static func escaped(_ text: String) -> String {
    var needs = false
    for byte in text.utf8
    where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
      || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    {
      needs = true
      break
    }
    guard needs else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Whether `href` may become a link: `http://`, `https://`, an in-document `#` anchor, or an
  /// AKN IRI (`/akn/…`, a dated reference or citation: letters, digits and `/ - _ . @ ! ~ : , ;`
  /// only); anything else (`javascript:`, `data:`, `//host`, other relative IRIs, …) is shown
  /// as text.
  package static func isSafeLink(_ href: String) -> Bool {
    let lowered = href.lowercased()
    guard !lowered.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
    else { return false }
    if lowered.hasPrefix("#") { return lowered.count > 1 }
    if lowered.hasPrefix("/akn/") {
      return lowered.unicodeScalars.allSatisfy {
        ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || "/-_.@!~:,;".unicodeScalars.contains($0)
      }
    }
    return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
  }
}

/// The walk over the document, writing the body and collecting the notes.
struct Page {
  let tree: XMLTree
  /// The body, or (while inside a note) the note being written.
  var buffers: [String] = [""]
  var output: String { buffers[0] }
  /// The notes in order of first citation; a note cited again (same marker and text) is listed
  /// once, with a back-link to each citation.
  var notes: [Note] = []
  var noteIndex: [String: Int] = [:]
  var skipDepth = 0
  var notesOpen: [(element: XMLElementHandle, anchor: String, marker: String)] = []
  var generated = 0
  /// The number of elements started so far (every one, skipped or not: ``Placement`` counts so).
  var ordinal = 0
  /// The warnings shown before an element, by its ordinal.
  var flags: [Int: String] = [:]
  /// What to write before each open element's end tag (a link to its source lines), innermost
  /// last.
  var closers: [String] = []
  /// For a page beside its source: the spans of the model's text blocks, to link blocks to.
  var linker: SourceLinker?

  struct Note {
    var anchor: String
    var marker: String
    var html: String
    var citations: [String]
    var otherIDs: [String]
  }

  init(tree: XMLTree) {
    self.tree = tree
  }

  static let inline: Set<String> = [
    "a", "abbr", "affectedDocument", "argument", "b", "br", "change", "concept", "courtType",
    "date", "decoration", "def", "del", "docAuthority", "docCommittee", "docDate",
    "docIntroducer", "docJurisdiction", "docNumber", "docProponent", "docPurpose", "docStage",
    "docStatus", "docTitle", "docType", "docketNumber", "embeddedText", "entity", "eol", "eop",
    "event", "fillIn", "i", "img", "inline", "ins", "judge", "lawyer", "legislature", "location",
    "marker", "mmod", "mod", "mref", "neutralCitation", "noteRef", "object", "omissis",
    "opinion", "organization", "outcome", "party", "person", "placeholder", "process",
    "quantity", "recordedTime", "ref", "relatedDocument", "remark", "rmod", "role", "rref",
    "session", "shortTitle", "signature", "span", "sub", "sup", "term", "time", "u", "vote",
    "quotedText", "num", "from",
  ]

  /// AKN elements that are HTML elements of the same name.
  static let sameInHTML: Set<String> = [
    "b", "i", "u", "sub", "sup", "del", "ins", "abbr", "table", "tr", "td", "th", "caption",
    "ul", "ol", "li",
  ]

  mutating func write(_ text: String) { buffers[buffers.count - 1] += text }

  mutating func renderBody(_ root: XMLElementHandle) {
    tree.walk(root) { event in
      switch event {
      case .start(let element): start(element)
      case .end(let element): end(element)
      case .text(let text):
        if skipDepth == 0 { write(HTMLText.escaped(text)) }
      }
    }
  }

  func identifier(of element: XMLElementHandle) -> String? {
    tree.attribute("eId", of: element) ?? tree.attribute("id", of: element)
  }

  mutating func start(_ element: XMLElementHandle) {
    let index = ordinal
    ordinal += 1
    let name = tree.name(of: element)
    if skipDepth > 0 || name == "meta" {
      skipDepth += 1
      return
    }
    if name == "authorialNote" {
      generated += 1
      let anchor = identifier(of: element) ?? "preview-note-\(generated)"
      let marker = tree.attribute("marker", of: element) ?? "*"
      notesOpen.append((element, anchor, marker))
      buffers.append("")
      closers.append("")
      if let flag = flags[index] { write(flag) }
      return
    }
    if name == "noteRef", let marker = tree.attribute("marker", of: element) {
      // A reference to a note given before (a table's note at a later marker): a link to it.
      if let flag = flags[index] { write(flag) }
      let href = tree.attribute("href", of: element) ?? ""
      let link =
        href.hasPrefix("#")
        ? "<a class=\"akn-noteRef\" href=\"\(HTMLText.escaped(href))\">\(HTMLText.escaped(marker))</a>"
        : "<span class=\"akn-noteRef\">\(HTMLText.escaped(marker))</span>"
      let parentIsSup = tree.parent(of: element).map { tree.name(of: $0) == "sup" } ?? false
      write(parentIsSup ? link : "<sup>\(link)</sup>")
      skipDepth += 1
      return
    }
    if let flag = flags[index] { write(flag) }
    var tag = tagName(name)
    var attributes = ""
    if let id = identifier(of: element) { attributes += " id=\"\(HTMLText.escaped(id))\"" }
    var classes = "akn-" + name
    if tag == "div" {
      let children = tree.children(of: element).map { tree.name(of: $0) }
      if children.contains("num") {
        classes += children.contains("heading") ? " akn-titled" : " akn-numbered"
      }
    }
    if name == "a" || name == "ref" {
      if let href = tree.attribute("href", of: element), HTMLText.isSafeLink(href) {
        tag = "a"
        attributes += " href=\"\(HTMLText.escaped(href))\""
      } else {
        tag = "span"
        if let href = tree.attribute("href", of: element) {
          classes += " akn-ref-unlinked"
          attributes += " title=\"\(HTMLText.escaped(href))\""
        }
      }
    } else if name == "img" {
      let source = tree.attribute("src", of: element) ?? ""
      let alternative = tree.attribute("alt", of: element) ?? source
      write(
        "<span class=\"akn-img\"\(attributes)>[image: \(HTMLText.escaped(alternative))]</span>")
      skipDepth += 1
      return
    }
    var closer = ""
    if linker != nil, let link = sourceLink(element, name: name) {
      if identifier(of: element) == nil { attributes += " id=\"\(HTMLText.escaped(link.anchor))\"" }
      attributes += " data-source-lines=\"\(link.span.firstLine)-\(link.span.lastLine)\""
      classes += " preview-block"
      closer = link.html
    }
    closers.append(closer)
    for key in ["name", "refersTo", "date"] {
      if let value = tree.attribute(key, of: element) {
        attributes += " data-\(key.lowercased())=\"\(HTMLText.escaped(value))\""
      }
    }
    if name == "td" || name == "th" {
      for key in ["colspan", "rowspan"] {
        if let value = tree.attribute(key, of: element), let number = Int(value), number > 0 {
          attributes += " \(key)=\"\(number)\""
        }
      }
    }
    if name == "br" {
      write("<br class=\"akn-br\">")
      return
    }
    write("<\(tag) class=\"\(HTMLText.escaped(classes))\"\(attributes)>")
  }

  mutating func end(_ element: XMLElementHandle) {
    if skipDepth > 0 {
      skipDepth -= 1
      return
    }
    let closer = closers.popLast() ?? ""
    write(closer)
    let name = tree.name(of: element)
    if name == "authorialNote", let open = notesOpen.popLast() {
      let html = buffers.removeLast()
      let key = open.marker + "\u{0}" + html
      let citation = "preview-cite-\(open.anchor)"
      let target: String
      if let index = noteIndex[key] {
        notes[index].citations.append(citation)
        notes[index].otherIDs.append(open.anchor)
        target = notes[index].anchor
      } else {
        noteIndex[key] = notes.count
        notes.append(
          Note(
            anchor: open.anchor, marker: open.marker, html: html, citations: [citation],
            otherIDs: []))
        target = open.anchor
      }
      let parentIsSup = tree.parent(of: element).map { tree.name(of: $0) == "sup" } ?? false
      let link =
        "<a class=\"akn-noteRef\" id=\"\(HTMLText.escaped(citation))\" href=\"#\(HTMLText.escaped(target))\">\(HTMLText.escaped(open.marker))</a>"
      write(parentIsSup ? link : "<sup>\(link)</sup>")
      return
    }
    if name == "br" { return }
    var tag = tagName(name)
    if name == "a" || name == "ref" {
      let href = tree.attribute("href", of: element) ?? ""
      tag = HTMLText.isSafeLink(href) ? "a" : "span"
    }
    // A line per block keeps the page (and a diff of it) readable.
    write(tag == "div" ? "</div>\n" : "</\(tag)>")
  }

  /// AKN elements that hold a text block of the model: linked to its source lines.
  static let textHolders: Set<String> = ["p", "heading", "subheading", "crossHeading"]

  /// The link from an element holding a text block to the block's lines in the source pane,
  /// and the anchor the source links back to; nil when the element holds no block with a span.
  mutating func sourceLink(_ element: XMLElementHandle, name: String) -> (
    anchor: String, span: SourceSpan, html: String
  )? {
    guard Self.textHolders.contains(name), linker != nil else { return nil }
    let line = tree.line(of: element)
    // A paragraph that only holds a quotation: its paragraphs are linked.
    guard line > 0, !tree.children(of: element).contains(where: { tree.name(of: $0) == "embeddedStructure" }),
      let span = linker!.span(forLine: line)
    else { return nil }
    let anchor = linker!.anchor(for: span, preferred: identifier(of: element))
    let lines =
      span.firstLine == span.lastLine ? "l. \(span.firstLine)" : "l. \(span.firstLine)–\(span.lastLine)"
    let label = span.page.map { "p. \($0), \(lines)" } ?? lines
    let html =
      " <a class=\"preview-src\" href=\"#src-L\(span.firstLine)\" title=\"where this was printed in the source\">\(label)</a>"
    return (anchor, span, html)
  }

  func tagName(_ name: String) -> String {
    if Self.sameInHTML.contains(name) { return name }
    return Self.inline.contains(name) ? "span" : "div"
  }

  /// The document as an `<article>`, then its notes.
  func article() -> String {
    "<article class=\"akn-document\">\n" + output + "\n</article>\n" + notesSection()
  }

  func notesSection() -> String {
    guard !notes.isEmpty else { return "" }
    var html = "<section class=\"preview-notes\">\n<h2>Notes</h2>\n<ol>\n"
    for note in notes {
      html +=
        "<li class=\"akn-authorialNote\" id=\"\(HTMLText.escaped(note.anchor))\"><span class=\"preview-note-marker\">\(HTMLText.escaped(note.marker))</span>"
      for other in note.otherIDs { html += "<span id=\"\(HTMLText.escaped(other))\"></span>" }
      html += note.html
      for (number, citation) in note.citations.enumerated() {
        let label = note.citations.count == 1 ? "↩" : "↩\(number + 1)"
        html +=
          " <a class=\"preview-backref\" href=\"#\(HTMLText.escaped(citation))\" title=\"back to the text\">\(label)</a>"
      }
      html += "</li>\n"
    }
    return html + "</ol>\n</section>\n"
  }
}

/// The spans of a reading's text blocks, by the line each starts on, for the elements built
/// from them (which carry that line); and the anchors given to the blocks linked.
struct SourceLinker {
  /// The spans of the blocks starting on each line, in the model's order.
  var spansByLine: [Int: [SourceSpan]] = [:]
  /// How many elements of each line have taken a span.
  var taken: [Int: Int] = [:]
  /// The anchor of each block linked, in the order of the page.
  var blocks: [(anchor: String, span: SourceSpan)] = []
  var anchors: [SourceSpan: String] = [:]

  init(resolution: Resolution) {
    resolution.forEachTextBlock { block in
      guard let span = block.span else { return }
      spansByLine[block.line, default: []].append(span)
    }
  }

  /// The span of the next element built from a block starting on `line` (elements of one line
  /// take its blocks in order; one built again, a note cited twice, takes the last).
  mutating func span(forLine line: Int) -> SourceSpan? {
    guard let spans = spansByLine[line], !spans.isEmpty else { return nil }
    let index = taken[line, default: 0]
    taken[line] = index + 1
    return spans[min(index, spans.count - 1)]
  }

  /// The anchor of the block of `span`: the one it was given, or `preferred` (its element's
  /// eId), or a new one.
  mutating func anchor(for span: SourceSpan, preferred: String?) -> String {
    if let anchor = anchors[span] { return anchor }
    let anchor = preferred ?? "preview-block-\(blocks.count + 1)"
    anchors[span] = anchor
    blocks.append((anchor, span))
    return anchor
  }
}

/// Where each diagnostic is shown in the document: before the element it names (its eId), or
/// else before the innermost block element on the latest line at or before its line.
struct Placement {
  /// The diagnostics (their indices) shown before each element, by the element's ordinal in the
  /// walk (every element counted, as ``Page`` counts).
  var byOrdinal: [Int: [Int]] = [:]
  /// The diagnostics placed.
  var placed: Set<Int> = []

  init(tree: XMLTree, diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty, let root = tree.root else { return }
    var candidates: [(ordinal: Int, line: Int, id: String?)] = []
    var ordinal = 0
    var skip = 0
    tree.walk(root) { event in
      switch event {
      case .start(let element):
        let index = ordinal
        ordinal += 1
        let name = tree.name(of: element)
        if skip > 0 || name == "meta" || name == "img" {
          skip += 1
          return
        }
        guard !Page.inline.contains(name), !Page.sameInHTML.contains(name), name != "br" else { return }
        let id = tree.attribute("eId", of: element) ?? tree.attribute("id", of: element)
        let line = tree.line(of: element)
        if line > 0 || id != nil { candidates.append((index, line, id)) }
      case .end:
        if skip > 0 { skip -= 1 }
      case .text:
        break
      }
    }
    var byID: [String: Int] = [:]
    for candidate in candidates {
      if let id = candidate.id, byID[id] == nil { byID[id] = candidate.ordinal }
    }
    for (index, diagnostic) in diagnostics.enumerated() {
      var target = diagnostic.element.flatMap { byID[$0] }
      if target == nil, let line = diagnostic.line {
        var best: (line: Int, ordinal: Int)?
        for candidate in candidates where candidate.line > 0 && candidate.line <= line {
          if best == nil || candidate.line >= best!.line { best = (candidate.line, candidate.ordinal) }
        }
        target = best?.ordinal
      }
      if let target {
        byOrdinal[target, default: []].append(index)
        placed.insert(index)
      }
    }
  }

  /// The HTML shown before each element: its diagnostics, each linking to the list at the top.
  func flagsHTML(_ diagnostics: [Diagnostic]) -> [Int: String] {
    byOrdinal.mapValues { indices in
      indices.map { index in
        let diagnostic = diagnostics[index]
        return
          "<div class=\"preview-flag preview-\(diagnostic.severity.rawValue)\" id=\"preview-flag-\(index + 1)\"><a href=\"#preview-diagnostic-\(index + 1)\" title=\"the list of warnings\">⚠</a> <code class=\"preview-rule\">\(HTMLText.escaped(diagnostic.rule.rawValue))</code> \(HTMLText.escaped(diagnostic.message))</div>\n"
      }.joined()
    }
  }
}

/// The FRBR identification of the (first) document, for the table at the top.
struct Metadata {
  var rows: [(String, String)] = []
  var title: String?

  init() {}

  init(tree: XMLTree, root: XMLElementHandle) {
    var identification: XMLElementHandle?
    var publication: XMLElementHandle?
    var organizations: [String: String] = [:]
    var docTitle: String?
    var docNumber: String?
    tree.forEachElement(under: root) { element, _ in
      switch tree.name(of: element) {
      case "identification" where identification == nil: identification = element
      case "publication" where publication == nil: publication = element
      case "TLCOrganization", "TLCPerson":
        if let id = tree.attribute("eId", of: element) ?? tree.attribute("id", of: element),
          let shown = tree.attribute("showAs", of: element)
        {
          organizations[id] = organizations[id] ?? shown
        }
      case "docTitle" where docTitle == nil: docTitle = Self.text(tree, element)
      case "docNumber" where docNumber == nil: docNumber = Self.text(tree, element)
      default: break
      }
    }
    var symbol: String?
    if let identification {
      for level in tree.children(of: identification) {
        let levelName = tree.name(of: level)
        let label: String
        switch levelName {
        case "FRBRWork": label = "Work"
        case "FRBRExpression": label = "Expression"
        case "FRBRManifestation": label = "Manifestation"
        default: continue
        }
        for item in tree.children(of: level) {
          switch tree.name(of: item) {
          case "FRBRthis":
            if let value = tree.attribute("value", of: item) { rows.append((label, value)) }
          case "FRBRdate":
            if let date = tree.attribute("date", of: item) {
              let kind = tree.attribute("name", of: item).map { " (\($0))" } ?? ""
              rows.append(("\(label) date", date + kind))
            }
          case "FRBRalias":
            if let value = tree.attribute("value", of: item) {
              let kind = tree.attribute("name", of: item) ?? "alias"
              if kind == "documentSymbol", symbol == nil { symbol = value }
              rows.append(("\(label) \(kind)", value))
            }
          case "FRBRauthor":
            if let href = tree.attribute("href", of: item) {
              let key = href.hasPrefix("#") ? String(href.dropFirst()) : href
              rows.append(("\(label) author", organizations[key].map { "\($0) (\(href))" } ?? href))
            }
          case "FRBRnumber":
            if let value = tree.attribute("showAs", of: item) ?? tree.attribute("value", of: item) {
              rows.append(("Number", value))
            }
          case "FRBRlanguage":
            if let value = tree.attribute("language", of: item) { rows.append(("Language", value)) }
          default: break
          }
        }
      }
    }
    if symbol == nil, let publication, let number = tree.attribute("number", of: publication) {
      symbol = number
    }
    if let symbol { rows.insert(("Symbol", symbol), at: 0) }
    if let publication {
      let date = tree.attribute("date", of: publication) ?? ""
      let shown = tree.attribute("showAs", of: publication) ?? tree.attribute("name", of: publication) ?? ""
      rows.append(("Publication", [shown, date].filter { !$0.isEmpty }.joined(separator: ", ")))
    }
    let parts = [symbol ?? docNumber, docTitle].compactMap { $0 }
    title = parts.isEmpty ? nil : parts.joined(separator: " — ")
  }

  static func text(_ tree: XMLTree, _ element: XMLElementHandle) -> String {
    var text = ""
    tree.walk(element) { event in
      if case .text(let value) = event { text += value }
    }
    return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(
      separator: " ")
  }

  /// The title, and the metadata folded below it.
  func header() -> String {
    guard title != nil || !rows.isEmpty else { return "" }
    var html = "<header class=\"preview-header\">\n"
    if let title { html += "<h1 class=\"preview-title\">\(HTMLText.escaped(title))</h1>\n" }
    if !rows.isEmpty {
      html += "<details class=\"preview-frbr\"><summary>FRBR metadata</summary>\n" + table() + "</details>\n"
    }
    return html + "</header>\n"
  }

  func table() -> String {
    guard !rows.isEmpty else { return "" }
    var html = "<table class=\"preview-frbr\">\n"
    for (label, value) in rows {
      html += "<tr><th>\(HTMLText.escaped(label))</th><td>\(HTMLText.escaped(value))</td></tr>\n"
    }
    return html + "</table>\n"
  }
}
