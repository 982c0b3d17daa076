public import AKNModel
import AKNXML

/// A converted document beside its source, as one self-contained HTML5 page: on one side the
/// source's lines, numbered (for a PDF, the text extracted from it, page by page), with the lines
/// left out (page furniture, mastheads, trailers) struck through and their reason; on the other
/// the document as ``HTMLPreview`` lays it out. Each block of the document links to the lines it
/// was read from, and each of those lines back to the block (from the model's
/// ``SourceSpan``s: convert with ``ConversionOptions``' `sourceSpans`); each warning is shown at
/// its line in the source and at its place in the document, and listed at the top with its rule
/// and links to both.
///
/// Inline CSS, no JavaScript, nothing loaded from the network; every text of the source and of
/// the document is escaped.
public struct SideBySidePreview: Sendable {
  /// The conversion's warnings.
  public var diagnostics: [Diagnostic]

  /// A page showing `diagnostics`.
  public init(diagnostics: [Diagnostic] = []) {
    self.diagnostics = diagnostics
  }

  /// The page of `document`, built in this process from `reading`, beside `sourceLines` (the
  /// input's lines, line 1 first: the lines its spans count; for a PDF, the extracted text's),
  /// with the pages starting at the 1-based lines `pageStarts` (a PDF's; nil for a text).
  public func render(
    _ document: AKNDocument, reading: Reading, sourceLines: [String], pageStarts: [Int]? = nil
  ) -> String {
    let tree = document.tree
    let (page, placement, metadata) = HTMLPreview.rendered(
      tree, diagnostics: diagnostics, linker: SourceLinker(resolution: reading.resolution))
    var html = HTMLPreview.head(title: metadata.title, extraStyle: Self.stylesheet)
    html += "<body class=\"preview-side-by-side\">\n<div class=\"preview-top\">\n"
    html += metadata.header()
    let furniture = reading.report.furniture
    if !furniture.isEmpty {
      let reasons = Dictionary(grouping: furniture, by: \.reason).map { "\($0.value.count) \($0.key)" }
        .sorted().joined(separator: ", ")
      html +=
        "<p class=\"preview-summary\">\(furniture.count) line\(furniture.count == 1 ? "" : "s") of the source left out as not the document's text (\(HTMLText.escaped(reasons))): struck through in the source.</p>\n"
    }
    if !diagnostics.isEmpty {
      html += HTMLPreview.warningsSection(diagnostics, placed: placement.placed, sourceLinks: true)
    }
    html += "</div>\n<main class=\"preview-columns\">\n"
    html += sourcePane(
      lines: sourceLines, pageStarts: pageStarts, furniture: furniture, blocks: page.linker?.blocks ?? [])
    html += "<section class=\"preview-pane preview-rendered\" aria-label=\"The document\">\n"
    html += "<h2 class=\"preview-pane-title\">The document</h2>\n"
    html += page.article()
    html += "</section>\n</main>\n</body>\n</html>\n"
    return html
  }

  /// The source's lines: each numbered, its number a link to the block read from it; the lines
  /// left out struck through with their reason; the warnings of each line after it.
  func sourcePane(
    lines: [String], pageStarts: [Int]?, furniture: [RemovedLine],
    blocks: [(anchor: String, span: SourceSpan)]
  ) -> String {
    // The block each line was read into: the first block whose span (or piece) covers it.
    var blockOfLine: [Int: String] = [:]
    for (anchor, span) in blocks {
      for piece in span.pieces ?? [span] where piece.firstLine <= piece.lastLine {
        for line in piece.firstLine...piece.lastLine where blockOfLine[line] == nil {
          blockOfLine[line] = anchor
        }
      }
    }
    var leftOut: [Int: LeftOutReason] = [:]
    for line in furniture where leftOut[line.line] == nil { leftOut[line.line] = line.reason }
    var warnings: [Int: [Int]] = [:]
    for (index, diagnostic) in diagnostics.enumerated() {
      if let line = diagnostic.line { warnings[line, default: []].append(index) }
    }
    var pageOfLine: [Int: Int] = [:]
    for (index, start) in (pageStarts ?? []).enumerated() where pageOfLine[start] == nil {
      pageOfLine[start] = index + 1
    }
    // Each block's lines, wrapped together so that following a block's link to its first line
    // highlights all of them: from its first line through its last one, over the lines between
    // that are read into no block (blank lines, page furniture between its pieces).
    var runEnd: [Int: Int] = [:]
    var wrapped: Set<String> = []
    var start = 1
    while start <= lines.count {
      guard let anchor = blockOfLine[start], !wrapped.contains(anchor) else {
        start += 1
        continue
      }
      var last = start
      var next = start + 1
      while next <= lines.count, blockOfLine[next] == nil || blockOfLine[next] == anchor {
        if blockOfLine[next] == anchor { last = next }
        next += 1
      }
      if last > start { runEnd[start] = last }
      wrapped.insert(anchor)
      start = last + 1
    }
    var openRunEnd: Int?
    let kind = pageStarts == nil ? "the text" : "the text extracted from the PDF"
    var html = "<section class=\"preview-pane preview-source\" aria-label=\"The source\">\n"
    html += "<h2 class=\"preview-pane-title\">The source (\(kind), \(lines.count) lines)</h2>\n"
    html += "<div class=\"src-lines\">\n"
    for (offset, text) in lines.enumerated() {
      let number = offset + 1
      if let page = pageOfLine[number] {
        html += "<div class=\"src-page\" id=\"src-page-\(page)\">Page \(page)</div>\n"
      }
      var classes = "src-line"
      if let end = runEnd[number] {
        html += "<div class=\"src-block\">\n"
        openRunEnd = end
        classes += " src-first"
      }
      if leftOut[number] != nil { classes += " src-left-out" }
      if blockOfLine[number] != nil { classes += " src-read" }
      html += "<div class=\"\(classes)\" id=\"src-L\(number)\">"
      if let anchor = blockOfLine[number] {
        html +=
          "<a class=\"src-num\" href=\"#\(HTMLText.escaped(anchor))\" title=\"the block read from this line\">\(number)</a>"
      } else {
        html += "<span class=\"src-num\">\(number)</span>"
      }
      if let reason = leftOut[number] {
        html +=
          "<del class=\"src-text\" title=\"left out: \(HTMLText.escaped(reason.rawValue))\">\(HTMLText.escaped(text))</del> <span class=\"src-reason\">left out: \(HTMLText.escaped(reason.rawValue))</span>"
      } else {
        html += "<span class=\"src-text\">\(HTMLText.escaped(text))</span>"
      }
      html += "</div>\n"
      for index in warnings[number] ?? [] {
        let diagnostic = diagnostics[index]
        html +=
          "<div class=\"src-warning preview-\(diagnostic.severity.rawValue)\" id=\"src-warning-\(index + 1)\"><a href=\"#preview-diagnostic-\(index + 1)\" title=\"the list of warnings\">⚠</a> <code class=\"preview-rule\">\(HTMLText.escaped(diagnostic.rule.rawValue))</code> \(HTMLText.escaped(diagnostic.message))</div>\n"
      }
      if openRunEnd == number {
        html += "</div>\n"
        openRunEnd = nil
      }
    }
    return html + "</div>\n</section>\n"
  }

  /// The layout of the two panes, after ``HTMLPreview``'s stylesheet.
  static let stylesheet = """
    body.preview-side-by-side { max-width: none; margin: 0; padding: 0; }
    .preview-top { padding: 0.8em 1.5em 0; }
    .preview-top .preview-diagnostics { max-height: 30vh; overflow: auto; }
    .preview-summary { font-family: sans-serif; font-size: 9pt; color: #555; margin: 0 0 1em; }
    .preview-columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      border-top: 1px solid #999; }
    .preview-pane { height: 100vh; overflow: auto; padding: 0 1.5em 2em; box-sizing: border-box; }
    .preview-source { border-right: 1px solid #999; background: #fafafa; }
    .preview-pane-title { font-family: sans-serif; font-size: 10pt; color: #555; position: sticky;
      top: 0; background: inherit; margin: 0; padding: 0.5em 0; z-index: 1; }
    .preview-rendered { background: #fff; }
    .src-lines { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt;
      line-height: 1.4; }
    .src-line { display: flex; gap: 0.8em; white-space: pre-wrap; word-break: break-word; }
    .src-num { flex: none; width: 3.5em; text-align: right; color: #888; text-decoration: none;
      user-select: none; }
    a.src-num { color: #0645ad; }
    .src-read { border-left: 2px solid #cde; }
    .src-left-out .src-text { color: #999; }
    .src-reason { flex: none; font-family: sans-serif; font-size: 8pt; color: #a00; }
    .src-page { font-family: sans-serif; font-size: 9pt; font-weight: bold; color: #555;
      border-top: 1px dashed #999; margin: 0.8em 0 0.3em; padding-top: 0.3em; }
    .src-warning { font-family: sans-serif; font-size: 8.5pt; margin: 0.1em 0 0.3em 4.3em;
      border-left: 3px solid #c90; background: #fff8e6; padding: 0.1em 0.5em; }
    .src-line:target, .preview-block:target, .src-warning:target { background: #fff3a8; }
    .src-block:has(> .src-first:target) { background: #fff3a8; }
    .preview-src { font-family: sans-serif; font-size: 7.5pt; color: #888; text-decoration: none;
      white-space: nowrap; text-indent: 0; font-weight: normal; }
    .preview-src:hover { text-decoration: underline; }
    @media print {
      .preview-columns { display: block; }
      .preview-pane { height: auto; overflow: visible; }
      .preview-source { display: none; }
      .preview-src { display: none; }
    }

    """
}
