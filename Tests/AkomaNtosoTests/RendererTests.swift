import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Renderers share one protocol and read only the model.
struct RendererTests {
  /// A renderer of the model written in a few lines, as an HTML or JSON renderer would be.
  struct OutlineRenderer: DocumentRenderer {
    func render(_ reading: Reading) throws(ConversionError) -> [String] {
      reading.resolution.body.map { item in
        switch item {
        case .paragraph(let block): return block.num ?? "-"
        case .section(let section): return "§" + (section.num ?? "")
        }
      }
    }
  }

  func seedReading() throws -> Reading {
    try FormRegistry.standard.read(ReaderInput(bytes: Fixtures.seed()))
  }

  @Test func theAKNRendererGivesTheConvertersBytes() throws {
    let reading = try seedReading()
    let rendered = try AKNRenderer(markupDate: Fixtures.markupDate).render(reading).serialized()
    let converted = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options).xml
    #expect(rendered == converted)
  }

  @Test func thePlainTextRendererPrintsWhatAknTextPrints() throws {
    let reading = try seedReading()
    let converted = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options).xml
    #expect(PlainTextRenderer().render(reading) == (try DocumentText.extract(fromXML: converted).text))
  }

  /// What `akn text` prints for the converted XML, line by line against the renderer's text: the
  /// first line that differs, or nil.
  static func firstDifference(_ rendered: String, _ printed: String) -> String? {
    guard rendered != printed else { return nil }
    let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    let printedLines = printed.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, (mine, theirs)) in zip(renderedLines, printedLines).enumerated() where mine != theirs {
      return
        "line \(index + 1):\n  akn text: \(theirs.debugDescription)\n  renderer: \(mine.debugDescription)"
    }
    return "lengths differ (akn text \(printedLines.count) lines, renderer \(renderedLines.count))"
  }

  @Test(
    "the plain-text renderer prints what akn text prints for every document of the dev corpora",
    .enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: the corpus comparison is skipped"))
  func thePlainTextRendererPrintsWhatAknTextPrintsForEveryCorpusDocument() throws {
    let corpus = Fixtures.shared!.appendingPathComponent("corpus")
    var compared = 0
    for folder in ["dev", "dev-markdown", "dev-decisions"] {
      let directory = corpus.appendingPathComponent(folder)
      let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
        $0.hasSuffix(".txt") || $0.hasSuffix(".md")
      }.sorted()
      for file in files {
        var options = Fixtures.options
        options.hints = DocumentHints.fromFileName(file)
        let bytes = try Fixtures.bytes(directory.appendingPathComponent(file))
        // Only documents that convert have an AKN document to compare with.
        guard let result = try? Fixtures.converter.convert(bytes, options: options) else { continue }
        compared += 1
        let printed = try DocumentText.extract(fromXML: result.xml).text
        if let difference = Self.firstDifference(PlainTextRenderer().render(result.reading), printed) {
          Issue.record("\(folder)/\(file): the renderer's text differs from akn text at \(difference)")
        }
      }
    }
    #expect(compared > 100, "only \(compared) documents converted")
  }

  @Test func thePlainTextRendererNeedsNoAdoptionDateNorNumber() throws {
    var reading = try seedReading()
    reading.resolution.metadata.adoptionDate = nil
    reading.resolution.metadata.number = nil
    reading.identity = nil
    #expect(throws: ConversionError.self) {
      try AKNRenderer(markupDate: Fixtures.markupDate).render(reading)
    }
    let text = PlainTextRenderer().render(reading)
    let converted = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options).xml
    #expect(text == (try DocumentText.extract(fromXML: converted).text))
  }

  /// What `akn text` prints for the AKN document of `resolution`, serialised and parsed again.
  static func aknText(of resolution: Resolution) throws -> String {
    let reading = Reading(resolution: resolution, report: ReadingReport(), form: "test")
    let xml = try AKNRenderer(markupDate: Fixtures.markupDate).render(reading).serialized()
    return try DocumentText.extract(fromXML: xml).text
  }

  /// The places where the AKN document's shape decides the text, in one model: a note cited
  /// twice, a note citing another, a repeated symbol note, a marker with no note, a title part
  /// followed by text, a whitespace run between inline elements, a table, quoted paragraphs,
  /// points (under a paragraph with and without text of its own), headings, sections with a
  /// preamble, an annex with and without items.
  @Test func thePlainTextRendererFollowsTheAKNDocumentsShape() throws {
    var resolution = Resolution(kind: .resolution)
    resolution.metadata.adoptionDate = SimpleDate(year: 2012, month: 12, day: 3)
    resolution.metadata.number = "67/27"
    func text(_ segments: TextBlock.Segment...) -> TextBlock { TextBlock(segments: segments, line: 1) }
    resolution.preface = [
      PrefaceLine(
        role: .other,
        text: text(
          .part(.docNumber, [.text("67/27")]), .text(". "), .part(.docTitle, [.text("A title")]),
          .text("  after the title"))),
      PrefaceLine(role: .other, text: text(.text("  leading spaces"), .noteRef(marker: "1"))),
    ]
    resolution.formula = text(.text("The General Assembly,"))
    var preambular = Block(
      text: text(.leadPhrase("Recalling"), .text(" "), .noteRef(marker: "*"), .text(" its")))
    preambular.children = [Block(num: "(a)", text: text(.text("point a")))]
    preambular.wrapUp = text(.text("wrap-up"))
    preambular.quoted = [Block(text: text(.text("“Quoted”")))]
    resolution.preamble = [
      preambular,
      Block(
        text: text(
          .citation(Citation(form: .ref, href: "/akn/x", text: "resolution 66/30")), .text(" \n "),
          .citation(Citation(form: .link, href: "https://undocs.org/x", text: "A/67/404")),
          .noteRepeat(marker: "*"), .noteRef(marker: "9"), .noteRef(marker: "1"))),
    ]
    var tabled = Block(num: "1.", text: text(.text("Decides, in the table below:")))
    tabled.table = Table(
      rows: [[text(.text("A")), text(.text("B"))], [text(.text("1")), text(.text("2"))]],
      notes: [text(.text("a Note under"))], line: 1)
    var listed = Block(num: "2.", text: text(.text("Requests:")))
    listed.children = [Block(num: "(a)", text: text(.text("one"))), Block(text: text(.text("two")))]
    listed.wrapUp = text(.text("and so on"))
    resolution.body = [
      .paragraph(tabled),
      .section(Section(num: nil, heading: text(.text("A heading")), items: [], line: 1)),
      .paragraph(listed),
      .paragraph(
        Block(
          num: "3.", text: TextBlock("", line: 1),
          children: [Block(num: "(a)", text: text(.text("no intro")))])),
      .section(
        Section(
          num: "I", heading: text(.text("Section")), intro: [Block(text: text(.text("Its preamble")))],
          items: [
            .section(Section(num: nil, heading: text(.text("Inner heading")), items: [], line: 1)),
            .paragraph(Block(num: "3.", text: text(.text("Inside")))),
          ], line: 1)),
    ]
    resolution.conclusions = [
      ConclusionLine(role: .other, text: text(.part(.meeting, [.text("48th meeting")])))
    ]
    resolution.attachments = [
      Attachment(
        heading: [text(.text("Annex I")), text(.text("Title")), text(.text("Subtitle"))],
        preamble: [Block(text: text(.text("We, the States,")))],
        items: [.paragraph(Block(num: "1.", text: text(.text("Annex paragraph"))))]),
      Attachment(heading: [text(.text("Programme"))], items: []),
    ]
    resolution.footnotes = [
      Footnote(marker: "1", text: text(.text("First  note,\tsee "), .noteRef(marker: "2"))),
      Footnote(marker: "2", text: text(.text("Second note"))),
      Footnote(marker: "*", text: text(.text("Symbol note"))),
      Footnote(marker: "1", text: text(.text("A second note 1 (not printed)"))),
    ]
    let reading = Reading(resolution: resolution, report: ReadingReport(), form: "test")
    let expected = try Self.aknText(of: resolution)
    #expect(PlainTextRenderer().render(reading) == expected)
    #expect(expected.contains("A title\nafter the title"))
    #expect(expected.hasSuffix("\n1 First note, see Second note\n* Symbol note\n"))
  }

  @Test func aNewRendererIsOneTypeOverTheModel() throws {
    let outline = try OutlineRenderer().render(try seedReading())
    #expect(outline == ["1.", "2.", "3.", "4.", "5."])
  }
}
