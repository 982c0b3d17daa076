import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNXML
@testable import AkomaNtoso

/// Checks on a rendered page, reading it as the renderer writes it (every `<` of the document's
/// text is escaped, so a tag is a tag).
enum PageFacts {
  /// The page's text: tags removed, the five escapes decoded once.
  static func text(_ html: String) -> String {
    var text = ""
    var inTag = false
    for character in html {
      if character == "<" {
        inTag = true
        text += " "
      } else if character == ">" && inTag {
        inTag = false
      } else if !inTag {
        text.append(character)
      }
    }
    return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// Runs of letters or digits, with their counts.
  static func words(_ text: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    var word = ""
    for character in text {
      if character.isLetter || character.isNumber {
        word.append(character)
      } else if !word.isEmpty {
        counts[word, default: 0] += 1
        word = ""
      }
    }
    if !word.isEmpty { counts[word, default: 0] += 1 }
    return counts
  }

  /// The values of `attribute="…"` in the page, in order.
  static func values(of attribute: String, in html: String) -> [String] {
    let parts = html.components(separatedBy: " \(attribute)=\"").dropFirst()
    return parts.compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
  }

  /// How many elements carry `akn-name` as a class.
  static func count(ofClass name: String, in html: String) -> Int {
    html.components(separatedBy: "class=\"akn-\(name)\"").count - 1
      + html.components(separatedBy: "class=\"akn-\(name) ").count - 1
  }

  /// Checks what every page must satisfy against the tree it came from: each element of the
  /// document (outside `meta`) is an element with its class, each eId an anchor, every word of
  /// the text on the page, every note marker linked to its note and back.
  static func checkAgainstSource(
    _ html: String, xml: [UInt8], name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let tree = try XMLTree.parse(xml)
    guard let root = tree.root else {
      Issue.record("\(name): no root", sourceLocation: sourceLocation)
      return
    }
    var expected: [String: Int] = [:]
    var eIds: [String] = []
    var sourceWords: [String: Int] = [:]
    var seenNotes: Set<String> = []
    var skipDepth = 0
    // A note cited twice (same marker, same text) is listed once.
    tree.walk(root) { event in
      switch event {
      case .start(let element):
        let elementName = tree.name(of: element)
        if skipDepth > 0 {
          skipDepth += 1
          return
        }
        if elementName == "meta" || elementName == "img" {
          skipDepth = 1
          return
        }
        if elementName == "authorialNote" {
          let key = (tree.attribute("marker", of: element) ?? "") + "\u{0}" + Metadata.text(tree, element)
          if !seenNotes.insert(key).inserted {
            skipDepth = 1
            return
          }
        }
        if let eId = tree.attribute("eId", of: element) ?? tree.attribute("id", of: element) {
          eIds.append(eId)
        }
        if elementName != "authorialNote" && elementName != "br" {
          expected[elementName, default: 0] += 1
        }
      case .end:
        if skipDepth > 0 { skipDepth -= 1 }
      case .text(let value):
        guard skipDepth == 0 else { return }
        for (word, count) in words(value) { sourceWords[word, default: 0] += count }
      }
    }
    for (elementName, count) in expected {
      #expect(
        Self.count(ofClass: elementName, in: html) == count,
        "\(name): \(count) <\(elementName)> in the XML", sourceLocation: sourceLocation)
    }
    let ids = Set(values(of: "id", in: html))
    for eId in eIds {
      #expect(
        ids.contains(HTMLText.escaped(eId)), "\(name): no anchor \(eId)", sourceLocation: sourceLocation)
    }
    // Every word of the document's text is on the page, as often (nothing lost, nothing escaped
    // twice: an escape seen as text would add words like "amp").
    let pageWords = words(text(html))
    for (word, count) in sourceWords where pageWords[word, default: 0] < count {
      Issue.record(
        "\(name): '\(word)' \(count) times in the text, \(pageWords[word, default: 0]) on the page",
        sourceLocation: sourceLocation)
    }
    if sourceWords["amp"] == nil {
      #expect(!text(html).contains("&amp;"), "\(name): escaped twice", sourceLocation: sourceLocation)
    }
    // Notes: each marker links to a note at the bottom, which links back to it.
    let notesStart = html.range(of: "<section class=\"preview-notes\">")?.lowerBound
    let markers = html.components(separatedBy: "<a class=\"akn-noteRef\" id=\"").dropFirst()
    for marker in markers {
      let parts = marker.components(separatedBy: "\"")
      guard parts.count > 2, parts[1] == " href=" else {
        Issue.record("\(name): a malformed note marker", sourceLocation: sourceLocation)
        continue
      }
      let citation = parts[0]
      let target = String(parts[2].dropFirst())
      guard let notesStart, let note = html.range(of: "id=\"\(target)\"", range: notesStart..<html.endIndex)
      else {
        Issue.record("\(name): marker \(citation) links to no note", sourceLocation: sourceLocation)
        continue
      }
      let item = html[note.lowerBound...].components(separatedBy: "</li>")[0]
      #expect(
        item.contains("href=\"#\(citation)\""), "\(name): note \(target) has no back-link to \(citation)",
        sourceLocation: sourceLocation)
    }
    let notesInXML = xmlCount("authorialNote", tree: tree, root: root)
    #expect(markers.count == notesInXML, "\(name): \(notesInXML) notes", sourceLocation: sourceLocation)
    #expect(!html.lowercased().contains("<script"), sourceLocation: sourceLocation)
    #expect(html.components(separatedBy: "</style>").count == 2, sourceLocation: sourceLocation)
  }

  static func xmlCount(_ name: String, tree: XMLTree, root: XMLElementHandle) -> Int {
    var count = 0
    tree.forEachElement(under: root) { element, _ in
      if tree.name(of: element) == name { count += 1 }
    }
    return count
  }
}

@Suite struct PreviewTests {
  static func seedPage() throws -> (html: String, xml: [UInt8]) {
    // As `akn preview --single-column` renders it.
    let preview = try Previewer(converter: Fixtures.converter).preview(
      try Fixtures.seed(), options: PreviewOptions(conversion: Fixtures.options, layout: .singleColumn))
    let result = try #require(preview.conversion)
    return (preview.html, result.xml)
  }

  @Test func seedRendersItsStructure() throws {
    let (html, xml) = try Self.seedPage()
    try PageFacts.checkAgainstSource(html, xml: xml, name: "A/RES/67/27")
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<title>A/RES/67/27 — Developments in the field of information"))
    let compact = html.replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
    // Numbered paragraphs carry their number as the first child, styled as a hanging number.
    #expect(
      compact.contains(
        "<div class=\"akn-paragraph akn-numbered\" id=\"para_1\"><span class=\"akn-num\">1.</span>"))
    #expect(
      compact.contains(
        "<div class=\"akn-point akn-numbered\" id=\"para_3__list_1__point_a\"><span class=\"akn-num\">(a)</span>"
      ))
    #expect(html.contains(".akn-numbered > .akn-num { position: absolute;"))
    // Lead phrases are italic; links to undocs.org kept; AKN IRIs are not links.
    #expect(html.contains("<i class=\"akn-i\">Recalling</i>"))
    #expect(html.contains("<a class=\"akn-a\" href=\"https://undocs.org/A/67/404\">A/67/404</a>"))
    // Dated references are links to their AKN IRI.
    #expect(
      html.contains(
        "<a class=\"akn-ref\" id=\"preamble__container_1__ref_1\" href=\"/akn/un/statement/deliberation/un-ga/1998-12-04/53-70\">53/70 of 4 December 1998</a>"
      ))
    // Note 4 is cited twice: listed once, with two back-links.
    #expect(html.components(separatedBy: "<li class=\"akn-authorialNote\"").count == 5)
    #expect(html.contains("href=\"#preview-cite-para_3__list_1__intro__authorialNote_4\""))
    // The notes come after the closing lines; the metadata table has the symbol and IRIs.
    let conclusions = try #require(html.range(of: "class=\"akn-conclusions\""))
    let notes = try #require(html.range(of: "class=\"preview-notes\""))
    #expect(conclusions.lowerBound < notes.lowerBound)
    #expect(html.contains("<tr><th>Symbol</th><td>A/RES/67/27</td></tr>"))
    // The title first, the metadata folded below it, then the document.
    let title = try #require(html.range(of: "<h1 class=\"preview-title\">A/RES/67/27 — Developments"))
    let details = try #require(
      html.range(of: "<details class=\"preview-frbr\"><summary>FRBR metadata</summary>"))
    let table = try #require(html.range(of: "<table class=\"preview-frbr\">"))
    let article = try #require(html.range(of: "<article class=\"akn-document\">"))
    #expect(title.lowerBound < details.lowerBound && details.lowerBound < table.lowerBound)
    #expect(
      html.range(of: "</details>", range: table.upperBound..<html.endIndex)!.lowerBound < article.lowerBound)
    #expect(
      html.contains("<td>/akn/un/statement/deliberation/un-ga/2012-12-03/67-27/eng@2012-12-03/!main</td>"))
    #expect(html.contains("@media print"))
    #expect(!html.contains("http-equiv=\"refresh\""))
  }

  @Test func seedGolden() throws {
    let (html, _) = try Self.seedPage()
    try Golden.check(
      Array(html.utf8), against: Fixtures.examples.appendingPathComponent("A_RES_67_27.preview.html"))
  }

  @Test func warningsAreListedWithTheirRule() throws {
    let diagnostic = Diagnostic(
      .warning, rule: RuleID.footnoteUnmatched, message: "a <b> & \"c\"", line: 12, element: "para_1")
    let html = try HTMLPreview(diagnostics: [diagnostic]).render(
      xml: try Fixtures.bytes(Fixtures.examples.appendingPathComponent("A_RES_67_27.akn.xml")))
    #expect(
      html.contains(
        "<li class=\"preview-warning\" id=\"preview-diagnostic-1\"><span class=\"preview-line\">line 12</span> <code class=\"preview-rule\">footnote.unmatched</code> a &lt;b&gt; &amp; &quot;c&quot; <a class=\"preview-place\" href=\"#preview-flag-1\">(in the document)</a></li>"
      ))
    // At its place: just before the element it names, linking back to the list.
    let flag = try #require(
      html.range(of: "<div class=\"preview-flag preview-warning\" id=\"preview-flag-1\">"))
    #expect(
      html[flag.lowerBound...].hasPrefix(
        "<div class=\"preview-flag preview-warning\" id=\"preview-flag-1\"><a href=\"#preview-diagnostic-1\"")
    )
    #expect(
      html.contains(
        "a &lt;b&gt; &amp; &quot;c&quot;</div>\n<div class=\"akn-paragraph akn-numbered\" id=\"para_1\">"))
  }

  @Test func warningsWithALineOnlyArePlacedByTheLinesOfTheTree() throws {
    // A document built in this process carries the input's lines: a warning of line 21 (the
    // seed's paragraph 1, A/RES/67/27 line 21) is shown before that paragraph's text.
    let result = try Fixtures.converter.convert(try Fixtures.seed(), options: Fixtures.options)
    let document = try AKNRenderer(markupDate: Fixtures.markupDate).render(result.reading)
    var paragraphLine = 0
    for item in result.resolution.body {
      if case .paragraph(let block) = item, block.num == "1." { paragraphLine = block.text.line }
    }
    #expect(paragraphLine > 0)
    let diagnostic = Diagnostic(
      .warning, rule: RuleID.footnoteUnmatched, message: "here", line: paragraphLine)
    let html = HTMLPreview(diagnostics: [diagnostic]).render(document)
    let flag = try #require(html.range(of: "id=\"preview-flag-1\""))
    let before = html[..<flag.lowerBound]
    let after = html[flag.upperBound...]
    #expect(before.contains("id=\"para_1\"") && !before.contains("id=\"para_2\""))
    #expect(after.contains("id=\"para_2\""))
    #expect(html.contains("href=\"#preview-flag-1\""))
  }

  @Test func sectionRecitalsAreStyledAsRecitals() throws {
    // A section's own recitals (crossHeading refersTo="#preamble", as the budget resolutions
    // print them) are recitals, not headings.
    let xml = Array(
      """
      <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution"><mainBody>
      <section eId="sec_I"><num>I</num><heading>Budget</heading>
      <crossHeading eId="sec_I__crossHeading_1" refersTo="#preamble"><i>Recalling</i> its resolution,</crossHeading>
      <paragraph eId="sec_I__para_1"><num>1.</num><content><p>Decides.</p></content></paragraph></section>
      </mainBody></statement></akomaNtoso>
      """.utf8)
    let html = try HTMLPreview().render(xml: xml)
    #expect(
      html.contains(
        "<div class=\"akn-crossHeading\" id=\"sec_I__crossHeading_1\" data-refersto=\"#preamble\">"))
    #expect(
      html.contains(".akn-crossHeading[data-refersto=\"#preamble\"], .akn-recital { font-weight: normal;"))
  }

  @Test func aDocumentNotInTheAKNNamespaceOrInvalidHasANotice() throws {
    let previewer = Previewer(converter: Fixtures.converter)
    let options = PreviewOptions(conversion: Fixtures.options)
    let foreign = try previewer.preview(
      Array(
        "<akomaNtoso xmlns=\"http://example.org/other\"><act name=\"x\"><body><p>Text &lt;b&gt;</p></body></act></akomaNtoso>"
          .utf8),
      options: options)
    #expect(foreign.notices.count == 1)
    #expect(foreign.html.contains("<section class=\"preview-notice\" role=\"alert\">"))
    #expect(
      foreign.html.contains("not the AKN 3.0 namespace")
        || foreign.html.contains("an AKN document has the root"))
    #expect(PageFacts.text(foreign.html).contains("Text <b>"))  // still rendered
    let invalid = try previewer.preview(Self.document(body: "<p>one</p><unknownElement/>"), options: options)
    #expect(!invalid.notices.isEmpty)
    #expect(invalid.notices.allSatisfy { $0.rule == .schema })
    #expect(invalid.html.contains("class=\"preview-notice\""))
    #expect(invalid.html.contains(">one</div>"))
    let valid = try previewer.preview(
      try Fixtures.bytes(Fixtures.examples.appendingPathComponent("A_RES_67_27.akn.xml")), options: options)
    #expect(valid.notices.isEmpty)
    #expect(!valid.html.contains("preview-notice\""))
  }

  static var validDocuments: [URL] {
    guard let shared = Fixtures.shared else { return [] }
    let folder = shared.appendingPathComponent("akn/valid")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test(.enabled(if: Fixtures.shared != nil, "../shared is absent: the other producers' AKN is not rendered"))
  func everyValidDocumentOfOtherProducersRenders() throws {
    let documents = Self.validDocuments
    #expect(documents.count >= 8, "../shared/akn/valid has \(documents.count) documents")
    for url in documents {
      let xml = try Fixtures.bytes(url)
      let html = try HTMLPreview().render(xml: xml)
      try PageFacts.checkAgainstSource(html, xml: xml, name: url.lastPathComponent)
    }
  }

  // MARK: Hostile AKN

  static func document(body: String, eId: String = "para_1") -> [UInt8] {
    Array(
      """
      <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="x"><body>
      <paragraph eId="\(eId)"><num>1.</num><content>\(body)</content></paragraph></body></act></akomaNtoso>
      """.utf8)
  }

  @Test func scriptInTextIsText() throws {
    let html = try HTMLPreview().render(
      xml: Self.document(
        body:
          "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;/style&gt;&lt;img src=x onerror=alert(1)&gt; &amp;amp;</p>"
      ))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<img"))
    #expect(html.components(separatedBy: "</style>").count == 2)
    #expect(
      html.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/style&gt;&lt;img src=x onerror=alert(1)&gt; &amp;amp;"))
    #expect(
      PageFacts.text(html).contains("<script>alert(1)</script> </style><img src=x onerror=alert(1)> &amp;"))
  }

  @Test func onlyWebAndAnchorLinksAreLinks() throws {
    let hrefs = [
      "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>",
      "vbscript:x", "//evil.example/x", "/akn/un/x<y", "/akn/un/x(1)", "/aknother", "file:///etc/passwd",
    ]
    for href in hrefs {
      let escaped = href.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
        of: "<", with: "&lt;"
      )
      .replacingOccurrences(of: "\t", with: "&#9;")
      let html = try HTMLPreview().render(
        xml: Self.document(body: "<p><a href=\"\(escaped)\">one</a> <ref href=\"\(escaped)\">two</ref></p>"))
      let links = PageFacts.values(of: "href", in: html).filter { !$0.hasPrefix("#") }
      #expect(links.isEmpty, "\(href) became a link: \(links)")
      #expect(html.contains(">one</span>") && html.contains(">two</span>"))
    }
    let html = try HTMLPreview().render(
      xml: Self.document(
        body: "<p><a href=\"https://undocs.org/A/1\">web</a> <ref href=\"#para_1\">here</ref></p>"))
    #expect(html.contains("<a class=\"akn-a\" href=\"https://undocs.org/A/1\">web</a>"))
    #expect(html.contains("<a class=\"akn-ref\" href=\"#para_1\">here</a>"))
    // A dated reference or citation: its AKN IRI is a link.
    let dated = try HTMLPreview().render(
      xml: Self.document(
        body: "<p><ref href=\"/akn/un/statement/deliberation/un-ga/1998-12-04/53-70\">53/70</ref></p>"))
    #expect(
      dated.contains(
        "<a class=\"akn-ref\" href=\"/akn/un/statement/deliberation/un-ga/1998-12-04/53-70\">53/70</a>"))
  }

  @Test func quotesInAttributesStayInside() throws {
    let html = try HTMLPreview().render(
      xml: Self.document(
        body:
          "<p><ref href=\"https://x.example/&quot;onmouseover=&quot;alert(1)\" refersTo=\"#a' onclick='b\">x</ref></p>",
        eId: "a&quot; onmouseover=&quot;alert(1)"))
    #expect(!html.contains("\" onmouseover=\""))
    #expect(!html.contains("' onclick='"))
    #expect(html.contains("id=\"a&quot; onmouseover=&quot;alert(1)\""))
    #expect(html.contains("href=\"https://x.example/&quot;onmouseover=&quot;alert(1)\""))
  }

  @Test func aHugeDocumentRendersInBoundedTime() throws {
    var body = ""
    for number in 1...20_000 {
      body +=
        "<paragraph eId=\"para_\(number)\"><num>\(number).</num><content><p><i>Decides</i> that &lt;b&gt; \(number)<authorialNote marker=\"\(number)\" eId=\"n\(number)\"><p>Note \(number)</p></authorialNote></p></content></paragraph>"
    }
    let xml = Array(
      "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act name=\"x\"><body>\(body)</body></act></akomaNtoso>"
        .utf8)
    let start = Date()
    let html = try HTMLPreview().render(xml: xml)
    let seconds = Date().timeIntervalSince(start)
    #expect(seconds < 60, "took \(seconds) s")  // a guard against a quadratic walk, not a speed test
    #expect(html.components(separatedBy: "class=\"akn-paragraph akn-numbered\"").count == 20_001)
    #expect(html.contains("<li class=\"akn-authorialNote\" id=\"n20000\">"))
  }

  @Test func notXMLIsAnError() throws {
    #expect(throws: ConversionError.self) { try HTMLPreview().render(xml: Array("<p>unclosed".utf8)) }
    #expect(throws: ConversionError.self) {
      try HTMLPreview().render(xml: Array("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>".utf8))
    }
  }
}
