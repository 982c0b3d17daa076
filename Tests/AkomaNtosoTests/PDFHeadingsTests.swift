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
    /// How it stands in the text column (185 to 736): at its left edge, centred, or over its
    /// whole width (a justified line).
    var place = Place.left
    /// A second run on the same line, after a wide gap (a table's cell): its left edge and text.
    var beside: (left: Int, text: String)?

    enum Place {
      case left
      case centred
      case full
    }
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
      let width = line.place == .full ? 551 : 7 * line.text.count
      let left = line.place == .centred ? 185 + (551 - width) / 2 : 185
      xml +=
        "<text top=\"\(Int(top))\" left=\"\(left)\" width=\"\(width)\" height=\"17\" font=\"\(font)\">\(body)</text>\n"
      if let beside = line.beside {
        xml +=
          "<text top=\"\(Int(top))\" left=\"\(beside.left)\" width=\"\(7 * beside.text.count)\" height=\"17\" font=\"\(font)\">\(beside.text)</text>\n"
      }
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

  // MARK: Headings set apart by their place

  /// A resolution adopting rules whose headings are printed in roman type, set apart by their
  /// place alone: chapters centred (the label, then its title, each directly above the text),
  /// sections centred with their titles on the label's line, and a heading set apart by a blank
  /// line's space above and below it, flush left; then lines that are centred but no heading (a
  /// paragraph's short last line, a signature, a table's row, "* * *").
  static func placed(centred: Bool = true, spaced: Bool = true) -> [Printed] {
    let place: Printed.Place = centred ? .centred : .left
    return [
      Printed(text: "Resolution adopted by the General Assembly on 22 December 2023", bold: true),
      Printed(text: "78/999. Rules of the Mechanism", bold: true),
      Printed(text: "The General Assembly,"),
      Printed(text: "1. Adopts the rules of the Mechanism annexed to the present resolution."),
      Printed(text: "50th plenary meeting"),
      Printed(text: "22 December 2023", above: 18),
      Printed(text: "Annex", bold: true),
      Printed(text: "Rules of the Mechanism", bold: true),
      Printed(text: "Chapter I", place: place),
      Printed(text: "General provisions", above: 18, place: place),
      Printed(
        text: "The present rules govern the work of the Mechanism and of its organs, and they apply",
        above: 18, place: .full),
      Printed(
        text: "to every meeting that the Mechanism holds at its seat or elsewhere, as it decides.",
        above: 18, place: .full),
      Printed(text: "Chapter II", place: place),
      Printed(text: "Meetings", above: 18, place: place),
      Printed(
        text: "The Mechanism shall meet once a year at its seat, at a date that it sets at its",
        above: 18, place: .full),
      Printed(
        text: "previous meeting, and at any other time at the request of a majority of its members.",
        above: 18, place: .full),
      Printed(text: "I. Scope of the meetings", place: place),
      Printed(
        text: "Each meeting considers the items of its agenda in the order adopted, unless it decides",
        above: 18, place: .full),
      Printed(
        text: "otherwise, and the reports of its organs at the beginning of the meeting, in order.",
        above: 18, place: .full),
      Printed(text: "II. Records of the meetings", place: place),
      Printed(
        text: "The secretariat keeps the records of each meeting and circulates them to the members",
        above: 18, place: .full),
      Printed(
        text: "within one month after the meeting, in the working languages of the Mechanism.",
        above: 18, place: .full),
      Printed(text: "Amendments", above: spaced ? 45 : 27),
      Printed(
        text: "The Mechanism may amend these rules by a decision of two thirds of its members, present",
        above: spaced ? 45 : 27, place: .full),
      Printed(
        text: "and voting, after a proposal circulated to the members three months before the meeting",
        above: 18, place: .full),
      Printed(text: "of the Mechanism for Criminal", above: 18, place: .centred),
      Printed(text: "Tribunals and its Trust Fund", above: 18, place: .centred),
      Printed(text: "* * *", place: .centred),
      Printed(text: "Posts of the Mechanism", place: .centred, beside: (left: 620, text: "12")),
      Printed(text: "For the Mechanism", place: .centred),
      Printed(text: "Chief Executive Officer", above: 18, place: .centred),
    ]
  }

  static func placedLines(centred: Bool = true, spaced: Bool = true) throws -> [String] {
    let layout = try PDFLayout.parse(Self.pdf2xml(Self.placed(centred: centred, spaced: spaced)))
    return PDFLines(layout).lines.filter { line in
      if case .body = line.kind { return line.printedAsHeading }
      return false
    }.map(\.text)
  }

  /// The annex's divisions: each one's number and heading, and the text of its paragraphs.
  static func divisions(_ items: [BodyItem]) -> [(num: String?, heading: String?, text: [String])] {
    items.flatMap { item -> [(num: String?, heading: String?, text: [String])] in
      guard case .section(let section) = item else { return [] }
      return [(section.num, section.heading?.plainText, paragraphs(section.items))] + divisions(section.items)
    }
  }

  @Test("a line centred in the text column, in roman type, with a heading's words is printed as a heading")
  func centredLinesAreMarked() throws {
    let marked = try Self.placedLines()
    #expect(marked.contains("Chapter I"))
    #expect(marked.contains("General provisions"))
    #expect(marked.contains("Meetings"))
    #expect(marked.contains("I. Scope of the meetings"))
    #expect(marked.contains("II. Records of the meetings"))
    // Flush left, the same lines are the text's.
    let flush = try Self.placedLines(centred: false, spaced: false)
    #expect(!flush.contains("General provisions"))
    #expect(!flush.contains("I. Scope of the meetings"))
  }

  @Test("a line set apart by a blank line's space above and below, in roman type, is printed as a heading")
  func spacedApartLinesAreMarked() throws {
    #expect(try Self.placedLines().contains("Amendments"))
    #expect(try !Self.placedLines(spaced: false).contains("Amendments"))
  }

  @Test(
    "centred lines that are no heading are not marked: a paragraph's short last lines, \"* * *\", a table's row, a signature"
  )
  func centredNonHeadings() throws {
    let marked = try Self.placedLines()
    #expect(!marked.contains { $0.contains("Mechanism for Criminal") || $0.contains("Tribunals and its") })
    #expect(!marked.contains("* * *"))
    #expect(!marked.contains { $0.hasPrefix("Posts of the Mechanism") })
    #expect(!marked.contains("For the Mechanism"))
    #expect(!marked.contains("Chief Executive Officer"))
    // The lines marked: the bold ones, and the headings set apart by their place; no other.
    #expect(
      marked == [
        "Resolution adopted by the General Assembly on 22 December 2023", "78/999. Rules of the Mechanism",
        "Annex", "Rules of the Mechanism", "Chapter I", "General provisions", "Chapter II", "Meetings",
        "I. Scope of the meetings", "II. Records of the meetings", "Amendments",
      ])
  }

  @Test("centred roman headings are the chapters' and sections' titles, never glued into the text below them")
  func centredHeadingsAreDivisions() throws {
    let reading = try PDFForm.readToolOutput(Self.pdf2xml(Self.placed()))
    try #require(reading.resolution.attachments.count == 1)
    let divisions = Self.divisions(reading.resolution.attachments[0].items)
    // The heading set apart by space ("Amendments"): a heading of its own, as a bold one is.
    #expect(divisions.map(\.num) == ["Chapter I", "Chapter II", "I.", "II.", nil])
    #expect(
      divisions.map(\.heading) == [
        "General provisions", "Meetings", "Scope of the meetings", "Records of the meetings", "Amendments",
      ])
    let text = divisions.flatMap(\.text)
    #expect(text.contains { $0.hasPrefix("The present rules govern") })
    #expect(!text.contains { $0.contains("General provisions") || $0.contains("Scope of the meetings") })
    // The paragraph's short centred last lines stay its text.
    #expect(
      reading.resolution.attachments[0].items.contains { item in
        Self.allText(item).contains {
          $0.hasSuffix("the meeting of the Mechanism for Criminal Tribunals and its Trust Fund")
        }
      })
    // Flush left, the titles run on into the text below them, as a text's reading gives them.
    let flush = try PDFForm.readToolOutput(Self.pdf2xml(Self.placed(centred: false)))
    #expect(
      !Self.divisions(flush.resolution.attachments[0].items).map(\.heading).contains("Scope of the meetings"))
  }

  /// Every paragraph text of an item, divisions opened.
  static func allText(_ item: BodyItem) -> [String] {
    switch item {
    case .paragraph(let block): return [block.text.plainText]
    case .section(let section): return section.items.flatMap(allText)
    }
  }
}
