import Foundation
import Testing

@testable import AKNModel
@testable import AKNPDF
@testable import AkomaNtoso

/// Tables from a PDF's positions: columns from the x-positions of the runs, rows from the lines,
/// the header cells read column by column, the note letters as the table's notes.
struct PDFTablesTests {
  /// pdf2xml of one page (918 × 1188): the body text in font 0 (15), the table in font 1 (13), its
  /// header in font 2 (12, italic), raised note letters in font 3 (9).
  static func pdf2xml(_ texts: [String]) -> [UInt8] {
    Array(
      ("""
      <?xml version="1.0" encoding="UTF-8"?>
      <pdf2xml producer="poppler" version="24.02.0">
      <page number="1" position="absolute" top="0" left="0" height="1188" width="918">
      <fontspec id="0" size="15" family="TimesNewRomanPSMT" color="#000000"/>
      <fontspec id="1" size="13" family="TimesNewRomanPSMT" color="#000000"/>
      <fontspec id="2" size="12" family="TimesNewRomanPS" color="#000000"/>
      <fontspec id="3" size="9" family="TimesNewRomanPS" color="#000000"/>

      """ + texts.joined(separator: "\n") + "\n</page>\n</pdf2xml>\n").utf8)
  }

  static func text(_ top: Int, _ left: Int, _ body: String, font: Int = 0, width: Int? = nil) -> String {
    let height = [0: 17, 1: 14, 2: 12, 3: 9][font]!
    let plain = body.replacingOccurrences(of: "<i>", with: "").replacingOccurrences(of: "</i>", with: "")
    return
      "<text top=\"\(top)\" left=\"\(left)\" width=\"\(width ?? 6 * plain.count)\" height=\"\(height)\" font=\"\(font)\">\(body)</text>"
  }

  /// A resolution whose one operative paragraph is followed by a budget table as the UN prints
  /// it: a header over two columns of amounts ("Gross" on one line, "Net of staff" over
  /// "assessment" beside it), rows of a label and two amounts set closer together than three
  /// times the font's size, a label wrapped over two lines, raised note letters, notes under it.
  static let budget: [String] = [
    text(160, 185, "Resolution adopted by the General Assembly on 22 December 2023"),
    text(200, 185, "78/999. Financing of the Mechanism"),
    text(236, 221, "The General Assembly,"),
    text(262, 221, "Having considered the reports of the Secretary-General on the financing of the"),
    text(280, 185, "Mechanism and the related reports of the Advisory Committee on Administrative and"),
    text(298, 185, "Budgetary Questions, and recalling its earlier resolutions on the Mechanism,"),
    text(316, 185, "1. Approves the budget of the Mechanism for the year 2024 as set out below;"),
    text(360, 777, "<i>Net of staff </i>", font: 2),
    text(372, 715, "<i>Gross </i>", font: 2),
    text(372, 777, "<i>assessment </i>", font: 2),
    text(397, 695, "<i>(United States dollars) </i>", font: 2, width: 108),
    text(427, 185, "Estimated appropriation for 2024", font: 1, width: 183),
    text(427, 369, "<i>a</i>", font: 3, width: 4),
    text(427, 680, "63 930 800 ", font: 1, width: 65),
    text(427, 766, "58 552 400 ", font: 1, width: 65),
    text(
      449, 185, "Recommendations of the Advisory Committee on Administrative and Budgetary ", font: 1,
      width: 446),
    text(465, 185, "Questions", font: 1, width: 55),
    text(464, 240, "<i>b</i>", font: 3, width: 4),
    text(465, 677, "(2 061 900) ", font: 1, width: 68),
    text(465, 760, "(1 897 200) ", font: 1, width: 71),
    text(487, 185, "<i>Of which</i>: ", font: 1, width: 57),
    text(509, 185, "Requirements for 2024", font: 1, width: 140),
    text(509, 680, "61 868 900 ", font: 1, width: 65),
    text(509, 766, "56 655 200 ", font: 1, width: 65),
    text(540, 196, "<i>a</i>", font: 3, width: 4),
    text(543, 201, "  See A/78/534. ", font: 1, width: 90),
    text(559, 196, "<i>b</i>", font: 3, width: 4),
    text(562, 201, "  Reflects amounts after recosting. ", font: 1, width: 194),
    text(600, 527, "<i>50th plenary meeting </i>"),
    text(618, 611, "<i>22 December 2023 </i>"),
  ]

  static func table(_ texts: [String]) throws -> Table {
    let reading = try PDFForm.readToolOutput(pdf2xml(texts))
    var tables: [Table] = []
    for item in reading.resolution.body {
      if case .paragraph(let block) = item, let table = block.table { tables.append(table) }
    }
    try #require(tables.count == 1)
    return tables[0]
  }

  @Test("a budget table from positions: header column by column, a row per label, the notes apart")
  func budgetTable() throws {
    let table = try Self.table(Self.budget)
    #expect(
      table.rows.map { $0.map(\.plainText) } == [
        ["", "Gross", "Net of staff assessment (United States dollars)"],
        ["Estimated appropriation for 2024 ", "63 930 800", "58 552 400"],
        [
          "Recommendations of the Advisory Committee on Administrative and Budgetary Questions ",
          "(2 061 900)",
          "(1 897 200)",
        ],
        ["Of which:", "", ""],
        ["Requirements for 2024", "61 868 900", "56 655 200"],
      ])
    // The raised letters: the notes' markers in their cells.
    #expect(table.rows[1][0].segments.last == .noteRef(marker: "a"))
    #expect(table.rows[2][0].segments.last == .noteRef(marker: "b"))
    #expect(table.notes.map(\.plainText) == ["a See A/78/534.", "b Reflects amounts after recosting."])
  }

  @Test("amounts apart in lines of the body's size are no table from positions")
  func bodyTextIsNoTable() throws {
    // Amounts in a line of the body's size, apart from its words: the text of a paragraph.
    let texts = Self.budget.map { $0.replacingOccurrences(of: "font=\"1\"", with: "font=\"0\"") }
      .map { $0.replacingOccurrences(of: "font=\"2\"", with: "font=\"0\"") }
    let reading = try PDFForm.readToolOutput(Self.pdf2xml(texts))
    let positional = reading.resolution.body.contains { item in
      if case .paragraph(let block) = item, let table = block.table { return !table.rows.isEmpty }
      return false
    }
    #expect(!positional)
  }
}

/// The layout's readings on the dev PDFs: annex titles, tables and headings the print decides.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: PDF layout corpus tests skipped"))
struct PDFLayoutCorpusTests {
  static func resolution(_ name: String) throws -> Resolution {
    try PDFCorpusTests.convert(PDFCorpusTests.corpus.appendingPathComponent("dev-pdf/\(name).pdf")).resolution
  }

  /// The tables of `items`, sections included.
  static func tables(_ items: [BodyItem]) -> [Table] {
    items.flatMap { item -> [Table] in
      switch item {
      case .paragraph(let block): return block.table.map { [$0] } ?? []
      case .section(let section): return tables(section.items)
      }
    }
  }

  @Test("78/249 and 78/252: the annex's bold title is its title, its table a table of the text form's rows")
  func annexTitlesAndTables() throws {
    let budget = try Self.resolution("A_RES_78_249")
    #expect(
      budget.attachments[0].heading.map(\.plainText) == [
        "Annex", "Financing of the International Residual Mechanism for Criminal Tribunals for 2024",
      ])
    let appropriation = try #require(Self.tables(budget.attachments[0].items).first)
    #expect(appropriation.rows.count == 14)
    #expect(appropriation.rows.allSatisfy { $0.count == 3 })
    #expect(
      appropriation.rows[0].map(\.plainText) == [
        "", "Gross", "Net of staff assessment (United States dollars)",
      ])
    #expect(appropriation.notes.count == 3)
    let staffing = try Self.resolution("A_RES_78_252")
    #expect(staffing.attachments[0].heading.map(\.plainText) == ["Annex", "Staffing table for 2024"])
    let posts = try #require(Self.tables(staffing.attachments[0].items).first)
    #expect(posts.rows.count == 42)
    #expect(posts.rows.allSatisfy { $0.count == 4 })
  }

  @Test("79/250: the scale table's keyed rows read from the columns' positions")
  func keyedTable() throws {
    let scale = try #require(Self.tables(try Self.resolution("A_RES_79_250").body).first)
    #expect(scale.rows.count == 11)
    #expect(scale.rows.map { $0[0].plainText } == ["Level"] + "ABCDEFGHIJ".map(String.init))
    #expect(scale.rows[4][2].plainText == "Under 22,946")
  }

  @Test("79/1: the Declaration on Future Generations' bold 'Guiding principles' is a heading of its body")
  func guidingPrinciples() throws {
    let declaration = try Self.resolution("A_RES_79_1").attachments[2]
    #expect(!declaration.preamble.contains { $0.text.plainText == "Guiding principles" })
    let headings = declaration.items.compactMap { item -> String? in
      if case .section(let section) = item, section.num == nil { return section.heading?.plainText }
      return nil
    }
    #expect(headings.first == "Guiding principles")
  }
}
