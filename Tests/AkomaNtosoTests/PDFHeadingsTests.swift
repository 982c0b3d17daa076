import Foundation
import Testing

@testable import AKNModel
@testable import AKNPDF
@testable import AKNReading

/// Headings from the print: a PDF's bold lines (alone on their lines, of the body's size or
/// larger) are headings and titles, never paragraphs, and never glued into one.
struct PDFHeadingsTests {
  /// A printed line: its text, whether it is bold, its font size, and the space above it (a
  /// paragraph's line spacing is 18).
  struct Printed {
    var text: String
    var bold = false
    var size = 15.0
    var above = 27.0
  }

  /// pdf2xml of one page (918 × 1188, as the UN's PDFs) holding `lines` from the top.
  static func pdf2xml(_ lines: [Printed]) -> [UInt8] {
    var xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <pdf2xml producer="poppler" version="24.02.0">
      <page number="1" position="absolute" top="0" left="0" height="1188" width="918">
      <fontspec id="0" size="15" family="TimesNewRomanPSMT" color="#000000"/>
      <fontspec id="1" size="15" family="TimesNewRomanPS" color="#000000"/>
      <fontspec id="2" size="18" family="TimesNewRomanPS" color="#000000"/>

      """
    var top = 130.0
    for line in lines {
      top += line.above
      let font = line.size > 15 ? 2 : line.bold ? 1 : 0
      let text = line.text.replacingOccurrences(of: "&", with: "&amp;")
      let body = line.bold ? "<b>\(text)</b>" : text
      xml +=
        "<text top=\"\(Int(top))\" left=\"185\" width=\"\(7 * line.text.count)\" height=\"17\" font=\"\(font)\">\(body)</text>\n"
    }
    xml += "</page>\n</pdf2xml>\n"
    return Array(xml.utf8)
  }

  /// A resolution adopting an annex: its title in bold over two lines, five short lines after it
  /// (that a text's reading would take for a list, not a title), a bold heading before the
  /// annex's numbered paragraphs, and a bold heading set directly above a paragraph's text.
  static func lines(bold: Bool) -> [Printed] {
    [
      Printed(text: "Resolution adopted by the General Assembly on 22 December 2023", bold: true),
      Printed(text: "78/999. Financing of the Mechanism", bold: true),
      Printed(text: "The General Assembly,"),
      Printed(text: "1. Approves the plan set out in the annex to the present resolution."),
      Printed(text: "50th plenary meeting"),
      Printed(text: "22 December 2023", above: 18),
      Printed(text: "Annex", bold: true),
      Printed(text: "Financing of the Mechanism for Criminal Tribunals", bold: bold),
      Printed(text: "for 2024", bold: bold, above: 18),
      Printed(text: "Regional offices"),
      Printed(text: "Scope of the work"),
      Printed(text: "Field missions"),
      Printed(text: "Headquarters units"),
      Printed(text: "Liaison offices"),
      Printed(text: "Guiding principles", bold: bold),
      Printed(text: "In order to act together, we will observe the following principles:"),
      Printed(text: "1. The first principle applies to all of us."),
      Printed(text: "2. The second principle applies to all of us."),
      Printed(text: "Follow-up", bold: bold),
      Printed(text: "We will review these principles together in 2030.", above: 18),
    ]
  }

  static func attachment(bold: Bool) throws -> AKNModel.Attachment {
    let reading = try PDFForm.readToolOutput(pdf2xml(lines(bold: bold)))
    try #require(reading.resolution.attachments.count == 1)
    return reading.resolution.attachments[0]
  }

  static func headings(_ items: [BodyItem]) -> [String] {
    items.compactMap { item in
      if case .section(let section) = item, section.num == nil { return section.heading?.plainText }
      return nil
    }
  }

  static func paragraphs(_ items: [BodyItem]) -> [String] {
    items.compactMap { item in
      if case .paragraph(let block) = item { return block.text.plainText }
      return nil
    }
  }

  @Test("a bold line is printed as a heading: alone on its line, the body's size, letters")
  func boldLinesAreMarked() throws {
    let layout = try PDFLayout.parse(Self.pdf2xml(Self.lines(bold: true)))
    let lines = PDFLines(layout).lines.filter { if case .body = $0.kind { true } else { false } }
    let marked = lines.filter(\.printedAsHeading).map(\.text)
    #expect(marked.contains("Guiding principles"))
    #expect(marked.contains("Follow-up"))
    #expect(marked.contains("Financing of the Mechanism for Criminal Tribunals"))
    #expect(!marked.contains("Regional offices"))
    #expect(!marked.contains("We will review these principles together in 2030."))
  }

  @Test("an annex's bold title is its title, however many title-shaped lines follow it")
  func boldAnnexTitle() throws {
    let annex = try Self.attachment(bold: true)
    #expect(
      annex.heading.map(\.plainText) == [
        "Annex", "Financing of the Mechanism for Criminal Tribunals for 2024",
      ])
    // The same lines printed roman: five title-shaped lines in a row read as a list, and the title
    // as the annex's first paragraph (the text's reading, which the print now overrules).
    let roman = try Self.attachment(bold: false)
    #expect(roman.heading.map(\.plainText) == ["Annex"])
  }

  @Test("a bold heading before an annex's numbered paragraphs opens its body, not its preamble")
  func boldHeadingBeforeNumbered() throws {
    let annex = try Self.attachment(bold: true)
    #expect(!annex.preamble.map(\.text.plainText).contains("Guiding principles"))
    #expect(Self.headings(annex.items).first == "Guiding principles")
    #expect(
      Self.paragraphs(annex.items).first
        == "In order to act together, we will observe the following principles:")
  }

  @Test("a bold heading set directly above text is never glued into its paragraph")
  func boldHeadingNotGlued() throws {
    let annex = try Self.attachment(bold: true)
    #expect(Self.headings(annex.items).contains("Follow-up"))
    #expect(Self.paragraphs(annex.items).contains("We will review these principles together in 2030."))
    #expect(!Self.paragraphs(annex.items).contains { $0.contains("Follow-up") })
    // Printed roman, the heading's line runs on into the text (no gap, no print to tell).
    let roman = try Self.attachment(bold: false)
    #expect(Self.paragraphs(roman.items).contains { $0.hasPrefix("Follow-up We will review") })
  }
}
