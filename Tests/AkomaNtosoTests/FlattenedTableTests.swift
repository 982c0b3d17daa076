import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Tables printed one cell per line that no paragraph announces (budget and staffing tables in
/// an annex): rows and columns where the shape is clear, else their lines with a warning.
struct FlattenedTableTests {
  static func cells(_ paragraphs: [[String]], from line: Int = 10) -> [FlattenedTable.Cell] {
    var result: [FlattenedTable.Cell] = []
    var number = line
    for paragraph in paragraphs {
      for (offset, text) in paragraph.enumerated() {
        result.append(.init(text: text, line: number, endsParagraph: offset == paragraph.count - 1))
        number += 1
      }
      number += 1
    }
    return result
  }

  static func texts(_ table: Table) -> [[String]] { table.rows.map { $0.map(\.plainText) } }

  /// The table of the annex of a text-form corpus document (read, not converted).
  static func annexTables(_ path: String) throws -> [Table] {
    let url = try #require(Fixtures.shared).appendingPathComponent("corpus").appendingPathComponent(path)
    let reading = try FormRegistry.standard.read(ReaderInput(bytes: Fixtures.bytes(url)))
    return reading.resolution.attachments.flatMap(\.items).compactMap { item -> Table? in
      if case .paragraph(let block) = item { return block.table }
      return nil
    }
  }

  @Test("amounts: grouped digits, parentheses, dashes; not words, years with text or bad groups")
  func amounts() {
    for text in [
      "63 930 800", "(2 061 900)", " (1 897 200)", "1 131", "–", "1,204,900", "12.5", "7", "2 059",
    ] {
      #expect(FlattenedTable.isAmount(text), "\(text)")
    }
    for text in [
      "D-2", "P-2/1", "2024a", "12 3456", "1 23", "Total", "4,753,700 dollars", "(2 061 900", "1.", "",
    ] {
      #expect(!FlattenedTable.isAmount(text), "\(text)")
    }
  }

  @Test("a synthetic table: header cells wrapped, sub-heading rows, wrapped labels, notes and markers")
  func syntheticTable() throws {
    let found = FlattenedTable.readUnannounced(
      Self.cells([
        [
          "Gross", "Net of staff", "assessment", "Estimated appropriation for 2024a", "63 930 800",
          "58 552 400",
          "Revised estimates: effects of inflation b", "3 704 800", "3 597 500",
          "Recommendations of the Advisory Committee on Administrative and Budgetary", "Questionsc",
          "(2 061 900)", "(1 897 200)", "Total assessment for 2024",
        ],
        ["Requirements for 2024", "65 459 100", "60 132 400"],
        ["a See A/78/534."], ["b See A/78/634."], ["c Reflects amounts after recosting."],
      ]))
    guard case .table(let read) = found else {
      Issue.record("not read as a table: \(found)")
      return
    }
    let (table, warnings) = FlattenedTable.placingNotes(read)
    #expect(warnings.isEmpty)
    #expect(
      Self.texts(table) == [
        ["", "Gross", "Net of staff assessment"],
        ["Estimated appropriation for 2024", "63 930 800", "58 552 400"],
        ["Revised estimates: effects of inflation", "3 704 800", "3 597 500"],
        [
          "Recommendations of the Advisory Committee on Administrative and Budgetary Questions",
          "(2 061 900)",
          "(1 897 200)",
        ],
        ["Total assessment for 2024", "", ""],
        ["Requirements for 2024", "65 459 100", "60 132 400"],
      ])
    #expect(table.rows[1][0].segments == [.text("Estimated appropriation for 2024"), .noteRef(marker: "a")])
    #expect(table.rows[3][0].segments.last == .noteRef(marker: "c"))
    #expect(table.notes.isEmpty)
    #expect(table.footnotes.map(\.marker) == ["a", "b", "c"])
    #expect(
      table.footnotes.map(\.text.plainText) == [
        "See A/78/534.", "See A/78/634.", "Reflects amounts after recosting.",
      ])
    #expect(table.line == 10)
  }

  @Test("a word that ends with a note's letter keeps it where no marker was found before it")
  func wordEndingWithANoteLetter() throws {
    let found = FlattenedTable.readUnannounced(
      Self.cells([
        ["Item", "Amount", "Programme of the Agenda", "1 000", "Total for 2024a", "2 000"],
        ["a See A/78/534."],
      ]))
    guard case .table(let read) = found else {
      Issue.record("not read as a table: \(found)")
      return
    }
    let table = FlattenedTable.placingNotes(read).table
    #expect(table.rows[1][0].segments == [.text("Programme of the Agenda")])
    #expect(table.rows[2][0].segments == [.text("Total for 2024"), .noteRef(marker: "a")])
  }

  @Test("rows whose counts of amounts differ are kept line by line, with the reason")
  func unclearTable() {
    let found = FlattenedTable.readUnannounced(
      Self.cells([
        ["Item", "Amount", "First", "1 000", "2 000", "Second", "3 000", "Third", "4 000", "5 000"]
      ]))
    guard case .unclear(let table, let reason) = found else {
      Issue.record("read as a table: \(found)")
      return
    }
    #expect(table.rows.isEmpty)
    #expect(table.lines.count == 10)
    #expect(reason.contains("2 and 1"))
  }

  @Test("78/249: the budget table of the annex is a <table> of 14 rows and 3 columns, with its notes")
  func budgetTable() throws {
    guard Fixtures.shared != nil else {
      print("skipped: ../shared is absent")
      return
    }
    let tables = try Self.annexTables("bulk/ga-78/A_RES_78_249.txt")
    let table = try #require(tables.first)
    #expect(tables.count == 1)
    #expect(table.rows.count == 14)
    #expect(table.rows.allSatisfy { $0.count == 3 })
    #expect(
      table.rows[0].map(\.plainText) == ["", "Gross", "Net of staff assessment (United States dollars)"])
    #expect(table.rows[1][0].segments == [.text("Estimated appropriation for 2024"), .noteRef(marker: "a")])
    #expect(table.rows[2][0].segments.last == .noteRef(marker: "b"))
    #expect(
      table.rows[3][0].segments == [
        .text("Recommendations of the Advisory Committee on Administrative and Budgetary Questions"),
        .noteRef(marker: "c"),
      ])
    #expect(table.rows[3].dropFirst().map(\.plainText) == ["(2 061 900)", "(1 897 200)"])
    #expect(table.rows[6].map(\.plainText) == ["Total assessment for 2024", "", ""])
    #expect(table.rows[11].map(\.plainText) == ["Of which:", "", ""])
    #expect(table.rows[4][0].segments.last == .noteRepeat(marker: "c"))
    #expect(table.notes.isEmpty)
    #expect(table.footnotes.map(\.marker) == ["a", "b", "c"])

    let url = try #require(Fixtures.shared).appendingPathComponent("corpus/bulk/ga-78/A_RES_78_249.txt")
    let result = try Fixtures.converter.convert(try Fixtures.bytes(url), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(
      xml.contains(
        "<p>Estimated appropriation for 2024<sup><authorialNote eId=\"att_1__para_1__table_1__authorialNote_a\" marker=\"a\""
      ))
    #expect(!xml.contains("<p>a See"))
    #expect(!result.warnings.contains { $0.rule == RuleID.structureTable })
    #expect(
      PlainTextRenderer().render(result.reading) == (try DocumentText.extract(fromXML: result.xml).text))
  }

  @Test("78/252: the staffing table is one <table> of 42 rows and 4 columns over its page break")
  func staffingTable() throws {
    guard Fixtures.shared != nil else {
      print("skipped: ../shared is absent")
      return
    }
    let tables = try Self.annexTables("bulk/ga-78/A_RES_78_252.txt")
    let table = try #require(tables.first)
    #expect(tables.count == 1)
    #expect(table.rows.count == 42)
    #expect(table.rows.allSatisfy { $0.count == 4 })
    let header = [
      "Category", "Number of posts (excluding special political missions)",
      "Number of posts (special political missions)", "Total",
    ]
    #expect(table.rows[0].map(\.plainText) == header)
    #expect(table.rows[1].map(\.plainText) == ["Expenditure sections", "", "", ""])
    #expect(table.rows[3].map(\.plainText) == ["Deputy Secretary-General", "1", "–", "1"])
    #expect(table.rows[8].map(\.plainText) == ["P-5", "939", "192", "1 131"])
    // The header printed again at the top of the second page is a row as printed.
    #expect(table.rows.dropFirst().filter { $0.map(\.plainText) == header }.count == 1)
    #expect(table.rows.last?.map(\.plainText) == ["Total", "10 415", "4 079", "14 494"])
    #expect(table.notes.isEmpty)

    let url = try #require(Fixtures.shared).appendingPathComponent("corpus/bulk/ga-78/A_RES_78_252.txt")
    let result = try Fixtures.converter.convert(try Fixtures.bytes(url), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(xml.contains("<td/>"))
    #expect(!xml.contains("<p></p>"))
    #expect(!result.warnings.contains { $0.rule == RuleID.structureTable })
    #expect(
      PlainTextRenderer().render(result.reading) == (try DocumentText.extract(fromXML: result.xml).text))
  }
}
