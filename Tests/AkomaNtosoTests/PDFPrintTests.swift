import Foundation
import Testing

@testable import AKNModel
@testable import AKNPDF
@testable import AKNReading
@testable import AkomaNtoso

/// Where each block of a PDF was printed and in what font, carried from the layout's runs into
/// the blocks' source spans (``SourceSpan/boxes``, ``SourceSpan/font``): a consumer of the JSON
/// can find a block on its page and know it was printed bold 10-point Times.
struct PDFPrintTests {
  /// The reading of pdf2xml `xml`, with its spans.
  static func reading(pdf2xml xml: [UInt8]) throws -> Reading {
    var reading = try PDFForm.readToolOutput(xml)
    SourceSpans.attach(to: &reading, input: ReaderInput(bytes: xml))
    return reading
  }

  /// Every text block of `resolution` but the footnotes, in the model's order.
  static func blocks(_ resolution: Resolution) -> [TextBlock] {
    var blocks: [TextBlock] = []
    resolution.forEachTextBlock { blocks.append($0) }
    return Array(blocks.dropLast(resolution.footnotes.count))
  }

  /// Checks that every block of `reading` that has a span has its boxes, on pages 1 to
  /// `pages.count`, inside the page (`pages`: each page's width and height in points), and a
  /// font; and that the preamble's and body's paragraphs run down the pages in reading order.
  static func checkPlaces(
    _ reading: Reading, pages: [(width: Double, height: Double)], name: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var all: [TextBlock] = []
    reading.resolution.forEachTextBlock { all.append($0) }
    var placed = 0
    for block in all {
      guard let span = block.span else { continue }
      placed += 1
      let boxes = try #require(
        span.boxes, "\(name): \(block.plainText.prefix(60))", sourceLocation: sourceLocation)
      #expect(span.font != nil, "\(name): \(block.plainText.prefix(60))", sourceLocation: sourceLocation)
      #expect(
        boxes.first?.page == span.page, "\(name): \(block.plainText.prefix(60))",
        sourceLocation: sourceLocation)
      #expect(boxes.map(\.page) == boxes.map(\.page).sorted(), sourceLocation: sourceLocation)
      for box in boxes {
        try #require((1...pages.count).contains(box.page), sourceLocation: sourceLocation)
        let page = pages[box.page - 1]
        #expect(
          box.left >= 0 && box.top >= 0 && box.width > 0 && box.height > 0 && box.right <= page.width
            && box.bottom <= page.height, "\(name) \(box): \(block.plainText.prefix(60))",
          sourceLocation: sourceLocation)
      }
      // No segment carries the print: it is the block's.
      #expect(
        block.segmentSpans.allSatisfy { $0?.boxes == nil && $0?.font == nil }, sourceLocation: sourceLocation)
    }
    #expect(placed > 0, "\(name)", sourceLocation: sourceLocation)
    // Reading order: each paragraph starts on a later page, or lower on the same page.
    var previous: (page: Int, top: Double, text: String)?
    for block in SourceSpanTests.paragraphs(reading.resolution) {
      guard let first = block.text.span?.boxes?.first else { continue }
      if let previous {
        #expect(
          first.page > previous.page || (first.page == previous.page && first.top > previous.top),
          "\(name): \"\(block.text.plainText.prefix(50))\" (page \(first.page), top \(first.top)) after \"\(previous.text.prefix(50))\" (page \(previous.page), top \(previous.top))",
          sourceLocation: sourceLocation)
      }
      previous = (first.page, first.top, block.text.plainText)
    }
  }

  @Test("a bold heading reports bold 10-point Times; a paragraph roman; boxes in points from the layout")
  func headingsAndParagraphsFromPdf2xml() throws {
    let reading = try Self.reading(pdf2xml: PDFHeadingsTests.pdf2xml(PDFHeadingsTests.lines(bold: true)))
    let annex = try #require(reading.resolution.attachments.first)
    let heading = try #require(
      annex.items.lazy.compactMap { item -> TextBlock? in
        if case .section(let section) = item { return section.heading }
        return nil
      }.first)
    #expect(heading.plainText == "Guiding principles")
    let span = try #require(heading.span)
    #expect(span.font == PrintedFont(family: "TimesNewRomanPS", size: 10, bold: true, italic: false))
    // pdf2xml's units are points × 1.5: top 517, left 185, width 7 × 18, height 17.
    #expect(span.boxes == [PrintedBox(page: 1, left: 123.33, top: 344.67, width: 84, height: 11.33)])
    let paragraph = try #require(
      annex.items.lazy.compactMap { item -> TextBlock? in
        if case .paragraph(let block) = item { return block.text }
        return nil
      }.first)
    #expect(paragraph.plainText == "In order to act together, we will observe the following principles:")
    #expect(
      paragraph.span?.font == PrintedFont(family: "TimesNewRomanPSMT", size: 10, bold: false, italic: false))
    // The annex's title, two bold lines: one box over both.
    let title = try #require(annex.heading.last)
    #expect(title.plainText == "Financing of the Mechanism for Criminal Tribunals for 2024")
    let titleBox = try #require(title.span?.boxes?.first)
    #expect(titleBox.top == 224.67 && titleBox.bottom == 248)
    #expect(title.span?.font?.bold == true)
    try Self.checkPlaces(reading, pages: [(612, 792)])
  }

  @Test("a PDF's blocks have boxes on their page, inside it, top to bottom; the note below the rule")
  func pdfBlocksArePlaced() throws {
    let reading = try SourceSpanTests.reading(TestPDF.resolution)
    try Self.checkPlaces(reading, pages: [(612, 792)])
    // "1. Decides … self-" and "determination of documents;": one box over both lines.
    let decides = try #require(
      SourceSpanTests.paragraphs(reading.resolution).first {
        $0.text.plainText.contains("self-determination")
      })
    let box = try #require(decides.text.span?.boxes?.first)
    #expect(box.left >= 71 && box.left <= 73)
    #expect(box.height > 20 && box.height < 40, "\(box)")
    #expect(decides.text.span?.font?.family == "Times")
    #expect(decides.text.span?.font?.size == 12)
    // The footnote, printed at the foot of the page in 10-point type.
    let note = try #require(reading.resolution.footnotes.first?.text.span)
    #expect((note.boxes?.first?.top ?? 0) > 690)
    #expect(note.font?.size == 10)
  }

  @Test("a text input's spans carry no print: no boxes, no font, none in its JSON")
  func textInputHasNoPrint() throws {
    let reading = try SourceSpanTests.reading(Fixtures.seed())
    var spans = 0
    reading.resolution.forEachTextBlock { block in
      if let span = block.span {
        spans += 1
        #expect(span.boxes == nil && span.font == nil)
      }
    }
    #expect(spans > 0)
    let json = String(decoding: try JSONRenderer().render(reading), as: UTF8.self)
    #expect(!json.contains("\"boxes\"") && !json.contains("\"font\""))
  }

  @Test("the JSON of a PDF writes each block's boxes and font under its span")
  func jsonWritesThePrint() throws {
    let reading = try SourceSpanTests.reading(TestPDF.resolution)
    let json =
      try JSONSerialization.jsonObject(with: Data(try JSONRenderer().render(reading))) as? [String: Any]
    let document = try #require(json?["document"] as? [String: Any])
    let body = try #require(document["body"] as? [[String: Any]])
    let text = try #require(body.first?["text"] as? [String: Any])
    let span = try #require(text["span"] as? [String: Any])
    let boxes = try #require(span["boxes"] as? [[String: Any]])
    #expect(boxes.count == 1)
    #expect(Set(boxes[0].keys) == ["page", "left", "top", "width", "height"])
    #expect(boxes[0]["page"] as? Int == 1)
    let font = try #require(span["font"] as? [String: Any])
    #expect(font["family"] as? String == "Times")
    #expect(font["bold"] as? Bool == false)
    // A segment's span has neither.
    let segments = try #require(text["segments"] as? [[String: Any]])
    #expect(segments.allSatisfy { (($0["span"] as? [String: Any])?["boxes"]) == nil })
  }

  @Test(
    "the dev PDFs: every block placed inside its page, top to bottom; the resolution's bold title reports bold",
    .enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: skipped"))
  func devPDFsArePlaced() throws {
    let folder = Fixtures.shared!.appendingPathComponent("corpus/dev-pdf")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".pdf")
    }
    .sorted()
    #expect(!names.isEmpty)
    var boldTitles = 0
    var titles = 0
    var headings = 0
    var boldHeadings = 0
    for name in names {
      let bytes = try Fixtures.bytes(folder.appendingPathComponent(name))
      let layout = try PDFLayout.parse(try PDFTool().extract(bytes).xml)
      let pages = layout.pages.map { ($0.width / PDFPrint.unitsPerPoint, $0.height / PDFPrint.unitsPerPoint) }
      let reading = try SourceSpanTests.reading(bytes)
      try Self.checkPlaces(reading, pages: pages, name: name)
      for heading in Self.sectionHeadings(reading.resolution) {
        headings += 1
        // The print sets a section's heading apart in bold, or in italics (A/RES/79/1's
        // sub-headings); its span says which.
        let font = heading.span?.font
        #expect(
          font?.bold == true || font?.italic == true,
          "\(name): \(heading.plainText) \(String(describing: font))")
        if font?.bold == true { boldHeadings += 1 }
      }
      if let title = reading.resolution.preface.first(where: {
        if case .numberAndTitle = $0.role { true } else { false }
      })?.text.span {
        titles += 1
        if title.font?.bold == true { boldTitles += 1 }
      }
    }
    // The UN prints a resolution's title in bold.
    #expect(titles > 0 && boldTitles == titles, "\(boldTitles) of \(titles) titles bold")
    #expect(boldHeadings > headings / 2, "\(boldHeadings) of \(headings) section headings bold")
  }

  /// The headings of the sections of the body and the annexes, in order.
  static func sectionHeadings(_ resolution: Resolution) -> [TextBlock] {
    func headings(_ items: [BodyItem]) -> [TextBlock] {
      items.flatMap { item -> [TextBlock] in
        guard case .section(let section) = item else { return [] }
        return (section.heading.map { [$0] } ?? []) + headings(section.items)
      }
    }
    return headings(resolution.body) + resolution.attachments.flatMap { headings($0.items) }
  }
}
