import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// A table's notes (`a`, `b` … printed under it) are notes at their markers in its cells: the
/// first cell that carries a letter holds the note (`sup/authorialNote`, as the document's
/// footnotes), each later one a reference to it (`sup/noteRef` with the marker and an `href`);
/// no note is left as a paragraph after the table. A note whose letter no cell carries, or a
/// cell's letter with no note, is warned at its line and kept. On a synthetic text and PDF, and
/// on the corpus documents with such tables, on each route.
@Suite struct TableNotesTests {
  static func convert(_ bytes: [UInt8]) throws -> (result: ConversionResult, xml: String) {
    let result = try Fixtures.converter.convert(bytes, options: Fixtures.options)
    return (result, String(decoding: result.xml, as: UTF8.self))
  }

  /// A resolution whose annex is a budget table printed one cell per line, as the text forms
  /// give it: markers glued to the cells (`2024a`, `Questionsc`, `Committeec`), the notes under
  /// it; `extra` lines are added after the notes.
  static func budget(
    notes: [String] = ["a See A/78/534.", "b See A/78/634.", "c Reflects amounts after recosting."]
  )
    -> String
  {
    """
    United Nations
    A/RES/78/900

    General Assembly
    Distr.: General
    7 January 2024

    Seventy-eighth session
    Agenda item 150

    Resolution adopted by the General Assembly on 22 December 2023

    78/900. Financing of the Mechanism

    The General Assembly,

    Having considered the reports of the Secretary-General on the Mechanism,

    1. Decides to appropriate the amounts set out in the annex to the present resolution;

    50th plenary meeting
    22 December 2023



    Annex

    Financing of the Mechanism for 2024


    Gross
    Net of staff
    assessment
    Estimated appropriation for 2024a
    63 930 800
    58 552 400
    Revised estimates: effects of changes in rates of exchange and inflation b
    3 704 800
    3 597 500
    Recommendations of the Advisory Committee on Administrative and Budgetary
    Questionsc
    (2 061 900)
    (1 897 200)
    Recommendations of the Fifth Committeec
    (114 600)
    (120 300)
    Estimated initial appropriation for 2024
    65 459 100
    60 132 400


    \(notes.joined(separator: "\n\n"))

    """
  }

  static func table(_ resolution: Resolution) throws -> Table {
    let tables = resolution.tables
    try #require(tables.count == 1)
    return tables[0]
  }

  @Test(
    "text: each note at its first marker, a reference at the later ones, no note paragraph after the table")
  func textTable() throws {
    let (result, xml) = try Self.convert(Fixtures.bytes(Self.budget()))
    let table = try Self.table(result.resolution)
    #expect(table.notes.isEmpty)
    #expect(table.footnotes.map(\.marker) == ["a", "b", "c"])
    #expect(
      table.footnotes.map(\.text.plainText) == [
        "See A/78/534.", "See A/78/634.", "Reflects amounts after recosting.",
      ])
    #expect(table.rows[1][0].segments == [.text("Estimated appropriation for 2024"), .noteRef(marker: "a")])
    #expect(table.rows[2][0].segments.last == .noteRef(marker: "b"))
    #expect(table.rows[2][0].plainText.hasSuffix("inflation"))
    #expect(table.rows[3][0].segments.last == .noteRef(marker: "c"))
    #expect(
      table.rows[4][0].segments == [
        .text("Recommendations of the Fifth Committee"), .noteRepeat(marker: "c"),
      ])
    let eId = "att_1__para_1__table_1"
    #expect(
      xml.contains(
        "<p>Estimated appropriation for 2024<sup><authorialNote eId=\"\(eId)__authorialNote_a\" marker=\"a\" placement=\"bottom\"><p>See <a href=\"https://undocs.org/A/78/534\">A/78/534</a>.</p></authorialNote></sup></p>"
      ))
    #expect(
      xml.contains(
        "<p>Recommendations of the Fifth Committee<sup><noteRef marker=\"c\" href=\"#\(eId)__authorialNote_c\"/></sup></p>"
      ))
    #expect(!xml.contains("<p>a See"))
    #expect(!xml.contains("<p>c Reflects"))
    #expect(!result.warnings.contains { $0.rule == RuleID.structureTableNote })
    // akn text: the notes as the document's other notes; the same from the model and the XML.
    let text = try DocumentText.extract(fromXML: result.xml)
    #expect(PlainTextRenderer().render(result.reading) == text.text)
    #expect(text.body.contains("Estimated appropriation for 2024[a]"))
    #expect(text.body.contains("Recommendations of the Fifth Committee[c]"))
    #expect(
      text.notes.suffix(3) == ["a See A/78/534.", "b See A/78/634.", "c Reflects amounts after recosting."])
    // JSON: the table's notes, and the segments at their markers.
    let json = String(decoding: try JSONRenderer().render(result.reading), as: UTF8.self)
    #expect(json.contains("\"footnotes\""))
    #expect(json.contains("\"noteRepeat\""))
  }

  @Test("a note whose letter no cell carries is kept under the table, warned at its line")
  func noteWithoutMarker() throws {
    let text = Self.budget(notes: [
      "a See A/78/534.", "b See A/78/634.", "c Reflects amounts after recosting.", "d Not cited anywhere.",
    ])
    let (result, xml) = try Self.convert(Fixtures.bytes(text))
    let table = try Self.table(result.resolution)
    #expect(table.footnotes.map(\.marker) == ["a", "b", "c"])
    #expect(table.notes.map(\.plainText) == ["d Not cited anywhere."])
    #expect(xml.contains("<p>d Not cited anywhere.</p>"))
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
      $0 == "d Not cited anywhere."
    }
    let warnings = result.warnings.filter { $0.rule == RuleID.structureTableNote }
    #expect(warnings.map(\.line) == [line.map { $0 + 1 }])
  }

  @Test("a cell ending in a letter after a number with no note of that letter is kept, warned at its line")
  func markerWithoutNote() throws {
    for cell in ["Estimated initial appropriation for 2024d", "Estimated initial appropriation for 2024 d"] {
      let text = Self.budget().replacingOccurrences(
        of: "Estimated initial appropriation for 2024", with: cell)
      let (result, xml) = try Self.convert(Fixtures.bytes(text))
      let table = try Self.table(result.resolution)
      #expect(table.rows[5][0].segments == [.text(cell)])
      #expect(xml.contains("<p>\(cell)</p>"))
      let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == cell }
      let warnings = result.warnings.filter { $0.rule == RuleID.structureTableNote }
      #expect(warnings.map(\.line) == [line.map { $0 + 1 }], "\(cell)")
      #expect(warnings.first?.message.contains("no note d") == true)
    }
  }

  @Test("a letter is a marker only when a note of that letter follows the table")
  func evidenceRule() throws {
    let (result, xml) = try Self.convert(Fixtures.bytes(Self.budget(notes: ["Note: amounts in dollars."])))
    let table = try Self.table(result.resolution)
    #expect(table.footnotes.isEmpty)
    #expect(table.rows[1][0].segments == [.text("Estimated appropriation for 2024a")])
    #expect(!xml.contains("authorialNote"))
    #expect(xml.contains("<p>Note: amounts in dollars.</p>"))
  }

  @Test("PDF: the raised letters are the notes' markers, the notes at them, none after the table")
  func pdfTable() throws {
    let reading = try PDFForm.readToolOutput(PDFTablesTests.pdf2xml(PDFTablesTests.budget))
    let table = try Self.table(reading.resolution)
    #expect(table.rows[2][0].segments == [.text("Estimated appropriation for 2024"), .noteRef(marker: "a")])
    #expect(table.rows[3][0].segments.last == .noteRef(marker: "b"))
    #expect(table.notes.isEmpty)
    #expect(table.footnotes.map(\.marker) == ["a", "b"])
    #expect(table.footnotes.map(\.text.plainText) == ["See A/78/534.", "Reflects amounts after recosting."])
    #expect(!reading.report.warnings.contains { $0.rule == RuleID.structureTableNote })
  }

  // MARK: A PDF table's raised note letters as certain markers (#25)

  /// The PDF budget table (``PDFTablesTests/budget``) with its texts changed by `edit` (two
  /// header rows, the columns' headings and the unit line over both, so its first row of
  /// amounts is `rows[2]`).
  static func pdfBudget(_ edit: (inout [String]) -> Void) throws -> Reading {
    var texts = PDFTablesTests.budget
    edit(&texts)
    return try PDFForm.readToolOutput(PDFTablesTests.pdf2xml(texts))
  }

  @Test(
    "PDF: a letter printed on the baseline at a cell's end is text, even where a note of that letter follows")
  func pdfRaisedNoteLettersAreCertainMarkers() throws {
    // "Requirements for 2024 a" with the "a" on the baseline, in the row's own font: text.
    let reading = try Self.pdfBudget { texts in
      let index = texts.firstIndex { $0.contains(">Requirements for 2024<") }!
      texts[index] = PDFTablesTests.text(509, 185, "Requirements for 2024 a", font: 1, width: 152)
    }
    let table = try Self.table(reading.resolution)
    #expect(table.rows[5][0].segments == [.text("Requirements for 2024 a")])
    // The raised letters still are the markers, each note at its cell.
    #expect(table.rows[2][0].segments == [.text("Estimated appropriation for 2024"), .noteRef(marker: "a")])
    #expect(table.rows[3][0].segments.last == .noteRef(marker: "b"))
    #expect(table.footnotes.map(\.marker) == ["a", "b"])
    #expect(table.notes.isEmpty)
    #expect(!reading.report.warnings.contains { $0.rule == RuleID.structureTableNote })
  }

  @Test(
    "PDF: a raised letter with no note of its letter under the table is kept as printed, warned at its page and line"
  )
  func pdfRaisedMarkerWithoutNote() throws {
    // "Questions" with a raised "d" (the notes are a and b): after a word, where a text's letter
    // is no marker, the print says it is one.
    let reading = try Self.pdfBudget { texts in
      let index = texts.firstIndex { $0.contains(">b<") }!
      texts[index] = PDFTablesTests.text(464, 240, "<i>d</i>", font: 3, width: 4)
    }
    let table = try Self.table(reading.resolution)
    #expect(!table.rows[3][0].segments.contains { if case .noteRef = $0 { true } else { false } })
    #expect(table.rows[3][0].plainText.hasSuffix("Questions d"))
    #expect(table.footnotes.map(\.marker) == ["a"])
    #expect(table.notes.map(\.plainText) == ["b Reflects amounts after recosting."])
    let warnings = reading.report.warnings.filter { $0.rule == RuleID.structureTableNote }
    #expect(warnings.count == 2, "\(warnings)")
    let marker = try #require(warnings.first { $0.message.contains("no note d") })
    #expect(marker.message.contains("printed raised"))
    #expect(marker.message.hasSuffix("(page 1, line \(marker.line ?? 0))"), "\(marker.message)")
    let line = try #require(marker.line)
    #expect(reading.extracted?.lines[line - 1].hasSuffix("Questions d") == true)
    #expect(warnings.contains { $0.message.contains("the note b under the table stands at no cell") })
  }

  @Test("PDF: a raised * at a cell's end is the marker of the * note under the table")
  func pdfRaisedStar() throws {
    let reading = try Self.pdfBudget { texts in
      let index = texts.firstIndex { $0.contains(">Requirements for 2024<") }!
      texts.insert(PDFTablesTests.text(509, 327, "*", font: 3, width: 4), at: index + 1)
      texts.insert(
        contentsOf: [
          PDFTablesTests.text(578, 196, "*", font: 3, width: 4),
          PDFTablesTests.text(581, 201, "  Subject to the review in 2025. ", font: 1, width: 180),
        ], at: texts.firstIndex { $0.contains("50th plenary meeting") }!)
    }
    let table = try Self.table(reading.resolution)
    #expect(table.rows[5][0].segments == [.text("Requirements for 2024"), .noteRef(marker: "*")])
    #expect(table.footnotes.map(\.marker) == ["a", "b", "*"])
    #expect(table.footnotes.last?.text.plainText == "Subject to the review in 2025.")
    #expect(table.notes.isEmpty)
    #expect(!reading.report.warnings.contains { $0.rule == RuleID.structureTableNote })
  }

  @Test(
    "79/250's PDF: the level name H* printed on the baseline in its note stays text",
    .enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: skipped"))
  func baselineStarStaysText() throws {
    let url = Fixtures.shared!.appendingPathComponent("corpus/dev-pdf/A_RES_79_250.pdf")
    let (result, xml) = try Self.convert(try Fixtures.bytes(url))
    let table = try #require(result.resolution.tables.first { !$0.footnotes.isEmpty })
    #expect(table.footnotes.map(\.marker) == ["a"])
    #expect(table.footnotes[0].text.plainText == "Member States in level H* have a discount of 70 per cent.")
    #expect(!xml.contains("marker=\"*\""))
  }

  @Test("two tables each with a note a: each note at its own table's marker, both listed by akn text")
  func twoTablesWithTheSameLetter() throws {
    var resolution = Resolution(kind: .resolution)
    resolution.metadata.adoptionDate = SimpleDate(year: 2023, month: 12, day: 22)
    resolution.metadata.number = "78/900"
    func table(_ note: String) -> Table {
      Table(
        rows: [
          [TextBlock("Item", line: 1), TextBlock("Amount", line: 1)],
          [
            TextBlock(segments: [.text("First"), .noteRef(marker: "a")], line: 2),
            TextBlock("1 000", line: 2),
          ],
          [
            TextBlock(segments: [.text("Second"), .noteRepeat(marker: "a")], line: 3),
            TextBlock("2 000", line: 3),
          ],
        ], footnotes: [Footnote(marker: "a", text: TextBlock(note, line: 4))], line: 1)
    }
    var first = Block(num: "1.", text: TextBlock("Approves the table below:", line: 1))
    first.table = table("The first table's note.")
    var second = Block(num: "2.", text: TextBlock("Approves the table below:", line: 5))
    second.table = table("The second table's note.")
    resolution.body = [.paragraph(first), .paragraph(second)]
    let reading = Reading(resolution: resolution, report: ReadingReport(), form: "test")
    let xml = String(
      decoding: try AKNRenderer(markupDate: Fixtures.markupDate).render(reading).serialized(), as: UTF8.self)
    #expect(xml.contains("<noteRef marker=\"a\" href=\"#para_1__table_1__authorialNote_a\"/>"))
    #expect(xml.contains("<noteRef marker=\"a\" href=\"#para_2__table_1__authorialNote_a\"/>"))
    let text = try RendererTests.aknText(of: resolution)
    #expect(PlainTextRenderer().render(reading) == text)
    #expect(text.hasSuffix("\na The first table's note.\na The second table's note.\n"))
    #expect(text.contains("First[a]\n") && text.contains("Second[a]\n"))
  }

  // MARK: The corpus

  /// The corpus documents with tables whose notes have markers, and the cells that carry them
  /// (the first cell of each marker, then a later one where a marker repeats).
  static let documents: [(path: String, markers: [String], repeats: [String])] = [
    ("bulk/ga-78/A_RES_78_249.txt", ["a", "b", "c"], ["c"]),
    ("dev-markdown/A_RES_78_249__railcar_raw.txt", ["a", "b", "c"], ["c"]),
    ("dev-pdf/A_RES_78_249.pdf", ["a", "b", "c"], ["c"]),
    ("dev/A_RES_79_250.txt", ["a"], []),
    ("dev-pdf/A_RES_79_250.pdf", ["a"], []),
    ("bulk/ga-79-80/A_RES_79_255.txt", ["a", "b"], []),
  ]

  @Test(
    "corpus: each table note at its marker, a reference where it repeats, no note paragraph after the table",
    .enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: skipped"))
  func corpusTables() throws {
    for document in Self.documents {
      let url = Fixtures.shared!.appendingPathComponent("corpus").appendingPathComponent(document.path)
      guard FileManager.default.fileExists(atPath: url.path) else {
        Issue.record("\(document.path) is missing")
        continue
      }
      let (result, xml) = try Self.convert(try Fixtures.bytes(url))
      let tables = result.resolution.tables.filter { !$0.footnotes.isEmpty }
      #expect(tables.count == 1, "\(document.path)")
      guard let table = tables.first else { continue }
      #expect(table.footnotes.map(\.marker) == document.markers, "\(document.path)")
      #expect(table.notes.isEmpty, "\(document.path): \(table.notes.map(\.plainText))")
      for marker in document.markers {
        #expect(xml.contains("marker=\"\(marker)\" placement=\"bottom\""), "\(document.path): note \(marker)")
        #expect(!xml.contains("<p>\(marker) "), "\(document.path): note \(marker) as a paragraph")
        #expect(!xml.contains("<p><i>\(marker)</i> "), "\(document.path): note \(marker) as a paragraph")
      }
      for marker in document.repeats {
        #expect(
          xml.contains("<noteRef marker=\"\(marker)\" href=\"#"), "\(document.path): repeated \(marker)")
      }
      #expect(!result.warnings.contains { $0.rule == RuleID.structureTableNote }, "\(document.path)")
      #expect(
        PlainTextRenderer().render(result.reading) == (try DocumentText.extract(fromXML: result.xml).text),
        "\(document.path)")
    }
  }
}
