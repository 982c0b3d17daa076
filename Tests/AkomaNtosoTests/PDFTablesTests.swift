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
        ["", "Gross", "Net of staff assessment"],
        ["", "(United States dollars)"],
        ["Estimated appropriation for 2024", "63 930 800", "58 552 400"],
        [
          "Recommendations of the Advisory Committee on Administrative and Budgetary Questions",
          "(2 061 900)",
          "(1 897 200)",
        ],
        ["Of which:", "", ""],
        ["Requirements for 2024", "61 868 900", "56 655 200"],
      ])
    // The raised letters: the notes' markers in their cells.
    #expect(table.rows[2][0].segments.last == .noteRef(marker: "a"))
    #expect(table.rows[3][0].segments.last == .noteRef(marker: "b"))
    #expect(table.notes.isEmpty)
    #expect(table.footnotes.map(\.marker) == ["a", "b"])
  }

  @Test("a header line printed over two columns' headings is a header row of its own, one cell spanning them")
  func headerCellSpanningColumns() throws {
    let reading = try PDFForm.readToolOutput(Self.pdf2xml(Self.budget))
    let table = try #require(reading.resolution.tables.first)
    // The unit line under "Gross" and "Net of staff assessment": its own header row, its cell
    // over both columns of amounts (the text form glues it to the last heading).
    #expect(table.rows[1].map(\.plainText) == ["", "(United States dollars)"])
    #expect(table.spans == [Table.Span(row: 1, cell: 1, columns: 2)])
    #expect(table.columnSpan(row: 1, cell: 1) == 2)
    #expect(table.columnSpan(row: 0, cell: 2) == 1)
    #expect(table.headerRows == 2)
    let xml = String(
      decoding: try AKNRenderer(markupDate: Fixtures.markupDate).render(reading).serialized(), as: UTF8.self)
    let rows = xml.components(separatedBy: "<tr>").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
    try #require(rows.count == 6)
    #expect(rows[1].contains("<th colspan=\"2\">"), "\(rows[1])")
    #expect(rows[1].components(separatedBy: "<th").count == 3)
    #expect(!rows[0].contains("colspan"))
    #expect(!rows[0].contains("dollars"))
    // The JSON names the span; a table without one has no key.
    let json = String(decoding: try JSONRenderer().render(reading), as: UTF8.self)
    #expect(json.contains("\"spans\""))
    let plain = try PDFForm.readToolOutput(Self.pdf2xml(Self.posts))
    #expect(!String(decoding: try JSONRenderer().render(plain), as: UTF8.self).contains("\"spans\""))
  }

  /// A paragraph announcing a staffing table whose columns are text beside a column of amounts,
  /// as 78/253 prints it: a bold sub-heading over it, the header in italics, an action wrapped
  /// over two lines beside its post, the title of a post ending close to its level.
  static let posts: [String] = [
    text(160, 185, "Resolution adopted by the General Assembly on 22 December 2023"),
    text(200, 185, "78/999. Pension Fund"),
    text(236, 221, "The General Assembly,"),
    text(262, 221, "Having considered the report of the Pension Board on its seventy-fifth session,"),
    text(298, 185, "1. Approves the changes to the staffing table as set out in the table below:"),
    text(330, 152, "<b>A.  Pension Administration </b>", width: 220),
    text(360, 185, "<i>Action </i>", font: 2, width: 33),
    text(360, 351, "<i>Title of post </i>", font: 2, width: 58),
    text(360, 600, "<i>Category/Level </i>", font: 2, width: 74),
    text(360, 695, "<i>Number </i>", font: 2, width: 39),
    text(391, 185, "New post ", font: 1, width: 56),
    text(391, 351, "Information Systems Officer ", font: 1, width: 162),
    text(391, 600, "P-4 ", font: 1, width: 22),
    text(391, 724, "1 ", font: 1, width: 10),
    text(413, 185, "Redeployment from ", font: 1, width: 113),
    text(429, 185, "Contracts Management ", font: 1, width: 131),
    text(413, 351, "Senior Facilities Management Assistant ", font: 1, width: 223),
    text(413, 600, "GS (PL) ", font: 1, width: 49),
    text(413, 724, "1 ", font: 1, width: 10),
    text(451, 185, "Reclassification ", font: 1, width: 92),
    text(451, 351, "Benefits Officer ", font: 1, width: 93),
    text(451, 600, "P-4 ", font: 1, width: 22),
    text(451, 724, "2 ", font: 1, width: 10),
    text(490, 221, "2. Decides to review the staffing of the Fund at its next session."),
    text(600, 527, "<i>50th plenary meeting </i>"),
    text(618, 611, "<i>22 December 2023 </i>"),
  ]

  @Test(
    "a table whose columns are text read by the columns its runs stand in: a row per line, a wrapped cell whole, no warning"
  )
  func textColumns() throws {
    let reading = try PDFForm.readToolOutput(Self.pdf2xml(Self.posts))
    var tables: [Table] = []
    for item in reading.resolution.body {
      if case .paragraph(let block) = item, let table = block.table { tables.append(table) }
    }
    let table = try #require(tables.first)
    #expect(
      table.rows.map { $0.map(\.plainText) } == [
        ["A. Pension Administration", "", "", ""],
        ["Action", "Title of post", "Category/Level", "Number"],
        ["New post", "Information Systems Officer", "P-4", "1"],
        ["Redeployment from Contracts Management", "Senior Facilities Management Assistant", "GS (PL)", "1"],
        ["Reclassification", "Benefits Officer", "P-4", "2"],
      ])
    // The sub-heading over the table and the column headings are its header: `th` both.
    #expect(table.headerRows == 2)
    #expect(!reading.report.warnings.contains { $0.rule == .structureTable })
    let xml = String(
      decoding: try AKNRenderer(markupDate: Fixtures.markupDate).render(reading).serialized(), as: UTF8.self)
    let rows = xml.components(separatedBy: "<tr>").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
    #expect(
      rows.map { $0.contains("<th") && !$0.contains("<td") } == [true, true, false, false, false], "\(xml)")
  }

  @Test("a header run over several columns is split at its runs of spaces, one heading a column")
  func splitHeader() throws {
    let texts = [
      Self.text(160, 185, "Resolution adopted by the General Assembly on 22 December 2023"),
      Self.text(200, 185, "78/999. Posts"),
      Self.text(236, 221, "The General Assembly,"),
      Self.text(262, 221, "Having considered the report of the Secretary-General on the posts,"),
      Self.text(298, 185, "1. Approves the establishment of three posts, as reflected in the table below:"),
      Self.text(330, 403, "<i>D-1 </i>", font: 2, width: 20),
      Self.text(330, 439, "<i>P-5  GS (OL)  Total </i>", font: 2, width: 151),
      Self.text(361, 185, "Department of Management ", font: 1, width: 158),
      Self.text(376, 185, "Strategy, Policy and Compliance ", font: 1, width: 185),
      Self.text(376, 414, "1 ", font: 1, width: 10),
      Self.text(376, 450, "3 ", font: 1, width: 10),
      Self.text(376, 530, "– ", font: 1, width: 10),
      Self.text(376, 570, "4 ", font: 1, width: 10),
      Self.text(398, 185, "Department of Operational Support ", font: 1, width: 199),
      Self.text(398, 414, "– ", font: 1, width: 10),
      Self.text(398, 450, "1 ", font: 1, width: 10),
      Self.text(398, 530, "1 ", font: 1, width: 10),
      Self.text(398, 570, "2 ", font: 1, width: 10),
      Self.text(440, 221, "2. Decides to review the posts at its next session."),
      Self.text(600, 527, "<i>50th plenary meeting </i>"),
      Self.text(618, 611, "<i>22 December 2023 </i>"),
    ]
    let reading = try PDFForm.readToolOutput(Self.pdf2xml(texts))
    var tables: [Table] = []
    for item in reading.resolution.body {
      if case .paragraph(let block) = item, let table = block.table { tables.append(table) }
    }
    let table = try #require(tables.first)
    #expect(
      table.rows.map { $0.map(\.plainText) } == [
        ["", "D-1", "P-5", "GS (OL)", "Total"],
        ["Department of Management Strategy, Policy and Compliance", "1", "3", "–", "4"],
        ["Department of Operational Support", "–", "1", "1", "2"],
      ])
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
    #expect(appropriation.rows.count == 15)
    // The unit line printed under both columns' headings: a header row of one cell over both.
    #expect(appropriation.rows[0].map(\.plainText) == ["", "Gross", "Net of staff assessment"])
    #expect(appropriation.rows[1].map(\.plainText) == ["", "(United States dollars)"])
    #expect(appropriation.spans == [Table.Span(row: 1, cell: 1, columns: 2)])
    #expect(appropriation.headerRows == 2)
    #expect(appropriation.rows.enumerated().allSatisfy { $0.offset == 1 || $0.element.count == 3 })
    #expect(appropriation.notes.isEmpty)
    #expect(appropriation.footnotes.map(\.marker) == ["a", "b", "c"])
    let staffing = try Self.resolution("A_RES_78_252")
    #expect(staffing.attachments[0].heading.map(\.plainText) == ["Annex", "Staffing table for 2024"])
    let posts = try #require(Self.tables(staffing.attachments[0].items).first)
    #expect(posts.rows.count == 42)
    #expect(posts.rows.allSatisfy { $0.count == 4 })
  }

  @Test("78/253: the staffing tables of text columns and the posts table are tables, none kept line by line")
  func textColumnTables() throws {
    let budget = try Self.resolution("A_RES_78_253")
    let tables = Self.tables(budget.body)
    #expect(tables.count == 2)
    #expect(tables.allSatisfy { !$0.rows.isEmpty && $0.lines.isEmpty })
    let staffing = try #require(tables.first)
    #expect(staffing.rows.allSatisfy { $0.count == 4 })
    #expect(staffing.rows.count == 30)
    #expect(staffing.rows[0].map(\.plainText) == ["A. Pension Administration", "", "", ""])
    #expect(
      staffing.rows.contains {
        $0.map(\.plainText) == [
          "Redeployment from Office of the Representative of the Secretary-General to Legal Team",
          "Senior Legal Officer", "P-5", "1",
        ]
      })
    let posts = try #require(tables.last)
    #expect(
      posts.rows[0].map(\.plainText) == [
        "", "D-2", "D-1", "P-5", "P-4", "P-3", "P-2", "GS (PL)", "GS (OL)", "Total",
      ])
    #expect(posts.rows.count == 4)
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
