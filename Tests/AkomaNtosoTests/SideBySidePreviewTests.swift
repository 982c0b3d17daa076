import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AkomaNtoso

/// The page of a text or PDF beside its source (`SideBySidePreview`, through `Previewer`).
@Suite struct SideBySidePreviewTests {
  static func page(_ bytes: [UInt8]) throws -> (html: String, result: ConversionResult) {
    let preview = try Previewer(converter: Fixtures.converter).preview(
      bytes, options: PreviewOptions(conversion: Fixtures.options))
    return (preview.html, try #require(preview.conversion))
  }

  /// The first `attribute="…"` value in `html` after `range`.
  static func value(_ attribute: String, in html: String, after index: String.Index) -> String? {
    guard let start = html.range(of: " \(attribute)=\"", range: index..<html.endIndex) else { return nil }
    return html[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
  }

  /// The element with `id`: its start tag.
  static func startTag(id: String, in html: String) -> Substring? {
    guard let found = html.range(of: " id=\"\(id)\"") else { return nil }
    let open = html[..<found.lowerBound].lastIndex(of: "<")!
    let close = html[found.upperBound...].firstIndex(of: ">")!
    return html[open...close]
  }

  @Test func eachBlockLinksToItsSourceLinesAndBack() throws {
    let (html, result) = try Self.page(try Fixtures.seed())
    #expect(html.contains("<body class=\"preview-side-by-side\">"))
    #expect(html.contains("<section class=\"preview-pane preview-source\""))
    #expect(html.contains("<section class=\"preview-pane preview-rendered\""))
    // Every source line is there, numbered, with its anchor.
    let lines = try String(
      contentsOf: Fixtures.examples.appendingPathComponent("A_RES_67_27.txt"), encoding: .utf8
    )
    .split(separator: "\n", omittingEmptySubsequences: false)
    let count = lines.last == "" ? lines.count - 1 : lines.count
    for number in 1...count { #expect(html.contains(" id=\"src-L\(number)\""), "no line \(number)") }
    #expect(!html.contains(" id=\"src-L\(count + 1)\""))
    // Each block of the document links to the first of its lines, and that line back to a
    // block whose lines include it.
    let blocks = html.components(separatedBy: "data-source-lines=\"").dropFirst()
    var spans = 0
    result.resolution.forEachTextBlock { if $0.span != nil { spans += 1 } }
    #expect(spans >= 30 && blocks.count >= spans * 9 / 10, "\(blocks.count) of \(spans) blocks linked")
    var checked = 0
    var searchFrom = html.startIndex
    while let found = html.range(
      of: "<a class=\"preview-src\" href=\"#src-L", range: searchFrom..<html.endIndex)
    {
      searchFrom = found.upperBound
      let line = Int(html[found.upperBound...].prefix { $0.isNumber })!
      let source = try #require(Self.startTag(id: "src-L\(line)", in: html), "line \(line) has no anchor")
      #expect(source.contains("src-read"))
      let lineStart = try #require(html.range(of: " id=\"src-L\(line)\""))
      let back = try #require(Self.value("href", in: html, after: lineStart.upperBound))
      #expect(back.hasPrefix("#"))
      let block = String(
        try #require(Self.startTag(id: String(back.dropFirst()), in: html), "\(back) is no anchor"))
      let range = try #require(Self.value("data-source-lines", in: block, after: block.startIndex))
      let bounds = range.split(separator: "-").compactMap { Int($0) }
      #expect(
        bounds.count == 2 && bounds[0] <= line && line <= bounds[1],
        "line \(line) links to \(back) (\(range))")
      checked += 1
    }
    #expect(checked == blocks.count)
    // Paragraph 1 ("Calls upon Member States …") links to its line.
    var paragraph1: SourceSpan?
    for item in result.resolution.body {
      if case .paragraph(let block) = item, block.num == "1." { paragraph1 = block.text.span }
    }
    let span = try #require(paragraph1)
    let content = try #require(html.range(of: "id=\"para_1\""))
    let link = try #require(
      html.range(of: "<a class=\"preview-src\" href=\"#src-L", range: content.upperBound..<html.endIndex))
    #expect(html[link.upperBound...].hasPrefix("\(span.firstLine)\""))
    #expect(!html.lowercased().contains("<script"))
  }

  /// A block read from several lines: its lines are wrapped together, and the wrapper is
  /// highlighted when the block's link (to its first line) is followed, so that every line of
  /// the block shows, not its first alone.
  @Test func aBlockOfSeveralLinesIsHighlightedWhole() throws {
    let bytes = try Fixtures.bytes(AllShapesTests.url)
    let (html, _) = try Self.page(bytes)
    #expect(html.contains(".src-block:has(> .src-first:target)"))
    let wrappers = html.components(separatedBy: "<div class=\"src-block\">\n").dropFirst()
    #expect(wrappers.count >= 10, "\(wrappers.count) blocks of several lines")
    for wrapper in wrappers {
      let inside = wrapper.components(separatedBy: "\n</div>\n")[0]
      // Its first line is the block's first, the others are the same block's or no block's.
      let first = try #require(inside.range(of: "<div class=\"src-line src-first"))
      #expect(first.lowerBound == inside.startIndex || inside[..<first.lowerBound].contains("src-page"))
      let targets = inside.components(separatedBy: "class=\"src-num\" href=\"").dropFirst().map {
        String($0.prefix { $0 != "\"" })
      }
      #expect(targets.count >= 2 && Set(targets).count == 1, "\(targets)")
      // That block's lines in the document cover every line wrapped.
      let numbers = inside.components(separatedBy: " id=\"src-L").dropFirst().compactMap {
        Int($0.prefix { $0.isNumber })
      }
      let block = String(try #require(Self.startTag(id: String(targets[0].dropFirst()), in: html)))
      let range = try #require(Self.value("data-source-lines", in: block, after: block.startIndex))
      let bounds = range.split(separator: "-").compactMap { Int($0) }
      #expect(bounds.first == numbers.first && bounds.last! >= numbers.last!, "\(range) vs \(numbers)")
    }
  }

  @Test func leftOutLinesAreStruckThroughWithTheirReason() throws {
    let (html, result) = try Self.page(try Fixtures.seed())
    #expect(!result.furniture.isEmpty)
    for line in result.furniture {
      let tag = try #require(Self.startTag(id: "src-L\(line.line)", in: html))
      #expect(tag.contains("src-left-out"), "line \(line.line)")
      let start = try #require(html.range(of: " id=\"src-L\(line.line)\""))
      let row = html[start.upperBound...].prefix { $0 != "\n" }
      #expect(row.contains("<del class=\"src-text\" title=\"left out: \(line.reason.rawValue)\">"))
      #expect(row.contains("<span class=\"src-reason\">left out: \(line.reason.rawValue)</span>"))
    }
    #expect(html.contains("\(result.furniture.count) lines of the source left out"))
  }

  @Test func warningsAreAtTheirPlaceAndListedWithLinks() throws {
    // The seed with the marker of its footnote 1 removed: the note is attached with a warning.
    var text = try String(
      contentsOf: Fixtures.examples.appendingPathComponent("A_RES_67_27.txt"), encoding: .utf8)
    let marker = try #require(text.range(of: "and the recommendations that were made,1"))
    text.replaceSubrange(marker, with: "and the recommendations that were made,")
    let (html, result) = try Self.page(Array(text.utf8))
    let warnings = result.warnings
    #expect(!warnings.isEmpty)
    for (index, warning) in warnings.enumerated() {
      let number = index + 1
      let item = try #require(
        html.range(of: "<li class=\"preview-warning\" id=\"preview-diagnostic-\(number)\">"))
      let row = html[item.upperBound...].prefix { $0 != "\n" }
      #expect(row.contains("<code class=\"preview-rule\">\(warning.rule.rawValue)</code>"))
      let line = try #require(warning.line)
      #expect(row.contains("<a class=\"preview-line\" href=\"#src-L\(line)\">line \(line)</a>"))
      #expect(row.contains("href=\"#preview-flag-\(number)\""))
      // In the source, right after its line; in the document, at its place; both link back.
      let sourceLine = try #require(html.range(of: " id=\"src-L\(line)\""))
      let afterLine = html[sourceLine.upperBound...].split(separator: "\n", maxSplits: 2)
      #expect(
        afterLine.count > 1
          && afterLine[1].hasPrefix(
            "<div class=\"src-warning preview-warning\" id=\"src-warning-\(number)\"><a href=\"#preview-diagnostic-\(number)\""
          ))
      let flag = try #require(html.range(of: " id=\"preview-flag-\(number)\""))
      let rendered = try #require(html.range(of: "<section class=\"preview-pane preview-rendered\""))
      #expect(flag.lowerBound > rendered.lowerBound)
      #expect(html[flag.upperBound...].hasPrefix("><a href=\"#preview-diagnostic-\(number)\""))
    }
  }

  @Test func hostileTextIsEscapedInBothPanes() throws {
    let hostile = "<script>alert(1)</script> </style><img src=x onerror=alert(1)> &amp; \"q\" 'a'"
    var text = try String(
      contentsOf: Fixtures.examples.appendingPathComponent("A_RES_67_27.txt"), encoding: .utf8)
    let place = try #require(text.range(of: "Recalling also its resolutions on the role of science"))
    text.replaceSubrange(place, with: "Recalling also \(hostile) its resolutions on the role of science")
    let (html, result) = try Self.page(Array(text.utf8))
    // A hostile source line and warning, given to the renderer directly.
    let document = try AKNRenderer(markupDate: Fixtures.markupDate).render(result.reading)
    var lines = Previewer.lines(of: Array(text.utf8))
    lines[0] = hostile
    let warning = Diagnostic(.warning, rule: RuleID.footnoteUnmatched, message: hostile, line: 1)
    let direct = SideBySidePreview(diagnostics: [warning]).render(
      document, reading: result.reading, sourceLines: lines)
    for page in [html, direct] {
      #expect(!page.lowercased().contains("<script"))
      #expect(!page.contains("<img"))
      #expect(page.components(separatedBy: "</style>").count == 2)
      #expect(!page.contains(" onerror=alert(1)>"))
    }
    let escaped =
      "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/style&gt;&lt;img src=x onerror=alert(1)&gt; &amp;amp;"
    // In the source pane and in the document.
    #expect(html.components(separatedBy: escaped).count - 1 >= 2)
    // Line 1, its warning (in the source and in the list), the document's text.
    #expect(direct.components(separatedBy: escaped).count - 1 >= 4)
    #expect(
      PageFacts.text(html).contains("<script>alert(1)</script> </style><img src=x onerror=alert(1)> &amp;"))
  }

  @Test func aSourceWithCRLFAndAByteOrderMarkHasItsLines() {
    #expect(Previewer.lines(of: Array("\u{FEFF}a\r\nb\rc\n\nd".utf8)) == ["a", "b", "c", "", "d"])
    #expect(Previewer.lines(of: Array("a\nb\n".utf8)) == ["a", "b"])
    #expect(Previewer.lines(of: []) == [""])
  }

  static let pdf: URL? = {
    guard let shared = Fixtures.shared, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftohtml")
    else {
      return nil
    }
    let url = shared.appendingPathComponent("corpus/dev-pdf/A_RES_78_8.pdf")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  @Test(
    .enabled(if: pdf != nil, "../shared/corpus/dev-pdf or pdftohtml is absent: the PDF page is not checked"))
  func aPDFShowsItsTextByPageWithThePageBesideEachBlock() throws {
    let (html, result) = try Self.page(try Fixtures.bytes(try #require(Self.pdf)))
    let extracted = try #require(result.reading.extracted)
    #expect(extracted.pageStarts.count >= 2)
    #expect(html.contains("The source (the text extracted from the PDF, \(extracted.lines.count) lines)"))
    for (index, start) in extracted.pageStarts.enumerated() {
      let header = try #require(
        html.range(of: "<div class=\"src-page\" id=\"src-page-\(index + 1)\">Page \(index + 1)</div>\n"))
      #expect(html[header.upperBound...].hasPrefix("<div class=\"src-line"))
      #expect(html[header.upperBound...].prefix(200).contains(" id=\"src-L\(start)\""))
    }
    // Each block says its page, and the page of its first line is that page.
    let labels = html.components(separatedBy: "<a class=\"preview-src\" href=\"#src-L").dropFirst()
    var spans = 0
    result.resolution.forEachTextBlock { if $0.span != nil { spans += 1 } }
    #expect(spans >= 15 && labels.count >= spans * 9 / 10, "\(labels.count) of \(spans) blocks linked")
    var pages: Set<Int> = []
    for label in labels {
      let line = Int(label.prefix { $0.isNumber })!
      let text = label.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" }
      #expect(text.hasPrefix("p. "), "\(text)")
      let page = Int(text.dropFirst(3).prefix { $0.isNumber })!
      #expect(extracted.place(ofLine: line)?.page == page, "line \(line) is not on page \(page)")
      pages.insert(page)
    }
    #expect(pages.count >= 2)
  }
}
