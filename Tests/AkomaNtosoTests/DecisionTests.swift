import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// GA decisions: their number (given, from the file name, from a metadata file), their notes
/// (inline, asterisks after a rule), their session and parts.
@Suite struct DecisionNumberTests {
  @Test func numbersInTheUNForm() {
    #expect(DocumentNumber("71/401") == DocumentNumber(session: 71, number: 401))
    #expect(DocumentNumber(" 74/527 ") == DocumentNumber(session: 74, number: 527))
    #expect(DocumentNumber("71/546 A")?.parts == ["A"])
    #expect(DocumentNumber("71/504 A and B")?.parts == ["A", "B"])
    #expect(DocumentNumber("73/547 A, B and C")?.description == "73/547 A, B and C")
    #expect(DocumentNumber("71/546 A B and C")?.description == "71/546 A, B and C")
    for bad in [
      "banana", "71", "71/", "/401", "71/401/2", "71/546 a", "71/546 A B", "71/546 A and", "71/546 AB",
      "1234/5",
    ] {
      #expect(DocumentNumber(bad) == nil, "\(bad)")
    }
    // One work for a decision in parts; a single part of a number is its own work.
    #expect(DocumentNumber("71/546 A, B and C")?.iriNumber == "71-546")
    #expect(DocumentNumber("68/247 B")?.iriNumber == "68-247_B")
  }

  /// The IRI number of a printed number: the bytes' reading of the usual forms (`67/27`,
  /// `68/247 B`) gives what `DocumentNumber` gives, and leaves every other form to it.
  @Test func theIRINumberOfAPrintedNumber() {
    func general(_ printed: String) -> String {
      DocumentNumber(printed)?.iriNumber ?? String(printed.map { $0 == "/" ? "-" : $0 == " " ? "_" : $0 })
    }
    let forms = [
      "67/27", "68/247 B", "067/0027", "1/1", "999/9999", "0/5", "5/0", "1234/5", "67/12345", "68/247 b",
      "68/247 BC", "68/247 B ", " 67/27", "71/546 A, B and C", "71/504 A and B", "1980/67", "67/27 (2012)",
      "242", "67/", "/27",
    ]
    for printed in forms {
      #expect(FRBRIRI.number(printed: printed) == general(printed), "\(printed)")
    }
    #expect(FRBRIRI.sessionNumber("067/0027") == "67-27")
    #expect(FRBRIRI.sessionNumber("68/247 B") == "68-247_B")
    for other in ["0/5", "1234/5", "67/12345", "68/247 b", "68/247 B ", "71/504 A and B"] {
      #expect(FRBRIRI.sessionNumber(other) == nil, "\(other)")
    }
  }

  @Test func theNarrativesThatOpenADecision() {
    func read(_ text: String) -> String? {
      DecisionReader.narrative(text).map {
        "\($0.meeting.map(String.init) ?? "-") \($0.date?.date?.description ?? "-")"
      }
    }
    #expect(
      read("At its 62nd plenary meeting, on 4 December 2017, the General Assembly decided") == "62 2017-12-04"
    )
    #expect(
      read("At the 19th plenary meeting of the General Assembly, on 12 October 2018, the President")
        == "19 2018-10-12")
    #expect(
      read("The General Assembly, at its 70th plenary meeting, on 27 May 2025, and the Security Council")
        == "70 2025-05-27")
    #expect(read("On 17 June 2020, the General Assembly, in accordance with Article 61") == "- 2020-06-17")
    // A committee's meeting is not the Assembly's decision.
    #expect(
      read("On 4 October 2018, the Special Political and Decolonization Committee held a meeting") == nil)
    #expect(read("At the 19th meeting of the Committee, on 12 October 2018") == nil)
    #expect(read("Recalling its resolution 70/1") == nil)
  }

  @Test func numbersFromFileNames() {
    func number(_ name: String) -> String? { DocumentNumber.fromFileName(name)?.number.description }
    #expect(number("A_DEC_71_401.txt") == "71/401")
    #expect(number("dir/A_DEC_71_504_A_and_B.txt") == "71/504 A and B")
    #expect(number("A_DEC_77_507_A,_B_and_C.txt") == "77/507 A, B and C")
    #expect(number("A_DEC_71_546_A_B_and_C.txt") == "71/546 A, B and C")
    #expect(number("A_DEC_74_527_.txt") == "74/527")
    #expect(number("A_RES_78_1.txt") == "78/1")
    #expect(number("A_RES_78_1__railcar_raw.txt") == nil)
    #expect(number("S_RES_242_1967.txt") == nil)
    #expect(number("decision.txt") == nil)
  }

  @Test func metadataFilesInThreeFormats() throws {
    let tsv = try MetadataTable(
      path: "m.tsv", bytes: Array("file\tnumber\ttitle\nx.txt\t71/504 A and B\tAdoption of the agenda\n".utf8)
    )
    #expect(tsv.hints(for: "sub/x.txt")?.number?.description == "71/504 A and B")
    #expect(tsv.hints(for: "x.txt")?.title == "Adoption of the agenda")
    #expect(tsv.hints(for: "x.txt")?.source == .metadataFile(path: "m.tsv", line: 2))
    let csv = try MetadataTable(
      path: "m.csv",
      bytes: Array("title,file,number\r\n\"Organization, \"\"work\"\"\",y.txt,73/547 A, B and C\r\n".utf8))
    // Unquoted commas split fields: the number above is cut; quoted, it is whole.
    #expect(csv.hints(for: "y.txt")?.number?.description == "73/547 A")
    let quoted = try MetadataTable(
      path: "m.csv",
      bytes: Array("title,file,number\n\"Organization, \"\"work\"\"\",y.txt,\"73/547 A, B and C\"\n".utf8))
    #expect(quoted.hints(for: "y.txt")?.number?.description == "73/547 A, B and C")
    #expect(quoted.hints(for: "y.txt")?.title == "Organization, \"work\"")
    let json = try MetadataTable(
      path: "m.json",
      bytes: Array(
        "[\n  {\"file\": \"z.txt\", \"number\": \"72/409\"},\n  {\"file\": \"w.txt\", \"number\": \"72/410\"}\n]"
          .utf8))
    #expect(json.hints(for: "w.txt")?.source == .metadataFile(path: "m.json", line: 3))
    #expect(json.count == 2)
    // A row whose number is not a number is an error at its line.
    #expect(throws: MetadataFileError.self) {
      try MetadataTable(path: "m.tsv", bytes: Array("file\tnumber\nx.txt\tbanana\n".utf8))
    }
    do {
      _ = try MetadataTable(path: "m.tsv", bytes: Array("file\tnumber\nx.txt\t71/1\ny.txt\tbanana\n".utf8))
    } catch {
      #expect(error.description.hasPrefix("m.tsv:3: "))
      #expect(error.description.contains("banana"))
    }
    #expect(throws: MetadataFileError.self) {
      try MetadataTable(path: "m.tsv", bytes: Array("name\tnumber\nx.txt\t71/1\n".utf8))
    }
  }
}

/// The decisions of `../shared/corpus/dev-decisions`, checked against `decisions.tsv`.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: decision corpus tests skipped"))
struct DecisionCorpusTests {
  static var folder: URL { Fixtures.shared!.appendingPathComponent("corpus/dev-decisions") }

  struct Row {
    var file: String
    var number: DocumentNumber
    var title: String
    var date: String
  }

  static func rows() throws -> [Row] {
    let text = try String(contentsOf: folder.appendingPathComponent("decisions.tsv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 5, let number = DocumentNumber(fields[1]) else { return nil }
      return Row(file: fields[0], number: number, title: fields[2], date: fields[4])
    }
  }

  /// Where the records' date contradicts the text, with the text's evidence.
  static let knownDates = [
    // "At its 1st plenary meeting, on 9 September 2025, …"; the record says 2025-09-02.
    "A_DEC_80_501.txt": "2025-09-09"
  ]

  static func convert(_ bytes: [UInt8], hints: DocumentHints?) -> ConversionResult? {
    var options = Fixtures.options
    options.hints = hints
    return try? Fixtures.converter.convert(bytes, options: options)
  }

  /// The file names alone (no metadata file) give every decision its number, its work IRI and
  /// the session of its meeting; the notes are where their markers are.
  @Test func numbersFromFileNamesMatchTheRecords() throws {
    let rows = try Self.rows()
    #expect(rows.count == 73)
    var converted = 0
    for row in rows {
      let bytes = try Fixtures.bytes(Self.folder.appendingPathComponent(row.file))
      guard let result = Self.convert(bytes, hints: DocumentHints.fromFileName(row.file)) else { continue }
      converted += 1
      let metadata = result.resolution.metadata
      #expect(metadata.number.flatMap(DocumentNumber.init) == row.number, "\(row.file)")
      // The work's date is the first adoption (part A); the records give the last meeting's.
      if let known = Self.knownDates[row.file] {
        #expect(metadata.adoptionDate?.description == known, "\(row.file)")
      } else {
        #expect(metadata.adoptionDate.map { $0.description <= row.date } == true, "\(row.file)")
        #expect(
          metadata.adoptionDate?.description == row.date || result.resolution.body.count > 1, "\(row.file)")
      }
      #expect(metadata.session == row.number.session, "\(row.file)")
      // (A/DEC/71/419 also has a DEL inside a name, dropped with a note of its own.)
      #expect(
        result.notes.filter { $0.rule != RuleID.inputControlCharacter }.map(\.message) == [
          "the number \(row.number) is not in the text; it was taken from the file name \(row.file)"
        ])
      #expect(!result.warnings.contains { $0.rule == RuleID.decisionUnnumbered }, "\(row.file)")
      let xml = String(decoding: result.xml, as: UTF8.self)
      #expect(xml.contains("/\(row.number.iriNumber)\"/>"), "\(row.file)")
      if row.file == "A_DEC_71_419.txt" {
        #expect(xml.contains("Mr. Miroslav LAJÁK of Slovakia"))
        #expect(result.notes.filter { $0.rule == RuleID.inputControlCharacter }.count == 1)
      }
      if let meeting = metadata.meetingNumber {
        #expect(
          xml.contains(
            "href=\"/akn/ontology/event/un/un-ga/\(row.number.session)/plenaryMeeting/\(meeting)\""),
          "\(row.file)")
      }
      Self.checkNotes(xml, source: String(decoding: bytes, as: UTF8.self), file: row.file)
    }
    // All of them, also those that open "On 17 June 2020, the General Assembly …", "The General
    // Assembly, at its 70th plenary meeting, …" or "At the 19th plenary meeting of the General
    // Assembly, …".
    #expect(converted == 73)
  }

  /// No inline note left as text, no rule line as a paragraph, each note written once at a
  /// marker: as many notes as the source has `(footnote:` plus distinct asterisk markers.
  static func checkNotes(_ xml: String, source: String, file: String) {
    #expect(!xml.lowercased().contains("(footnote:"), "\(file)")
    #expect(!xml.contains("___"), "\(file)")
    let inline = source.lowercased().components(separatedBy: "(footnote:").count - 1
    let legends = Set(
      source.split(whereSeparator: \.isNewline).compactMap { line -> String? in
        let stars = line.prefix { $0 == "*" }
        let after = line.dropFirst(stars.count).first
        return !stars.isEmpty && (after == " " || after == "\t") ? String(stars) : nil
      })
    let written = xml.components(separatedBy: "<authorialNote ").count - 1
    #expect(written == inline + legends.count, "\(file)")
  }

  /// The metadata file on its own: the inputs copied under neutral names (no number in them), a
  /// metadata file written from the records; every number and title comes from it, said in a note.
  @Test func aMetadataFileGivesNumbersAndTitles() throws {
    let rows = try Self.rows()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-decisions-\(UUID().uuidString)")
    let input = folder.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var table = "file\tnumber\ttitle\n"
    for (index, row) in rows.enumerated() {
      let name = "doc_\(index + 1).txt"
      try FileManager.default.copyItem(
        at: Self.folder.appendingPathComponent(row.file), to: input.appendingPathComponent(name))
      table += "\(name)\t\(row.number)\t\(row.title)\n"
    }
    let metadataPath = folder.appendingPathComponent("decisions.tsv").path
    try table.write(toFile: metadataPath, atomically: true, encoding: .utf8)
    var options = BatchOptions(conversion: Fixtures.options, jobs: 2, settings: "test")
    options.metadata = try MetadataTable(path: metadataPath, bytes: Array(table.utf8))
    let output = folder.appendingPathComponent("out")
    let summary = try Batch.run(
      input: input.path, outputFolder: output.path, converter: Fixtures.converter, options: options)
    #expect(summary.converted == 73)
    var checked = 0
    for (index, row) in rows.enumerated() {
      let path = output.appendingPathComponent("doc_\(index + 1).xml").path
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      let xml = String(decoding: data, as: UTF8.self)
      #expect(
        xml.contains("<FRBRnumber value=\"\(row.number.iriNumber)\" showAs=\"\(row.number)\"/>"),
        "\(row.file)")
      let title = row.title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
        of: "\"", with: "&quot;")
      #expect(xml.contains("<FRBRname value=\"\(escaped)\"/>"), "\(row.file)")
      checked += 1
    }
    #expect(checked == summary.converted)
    let report = try String(contentsOf: URL(fileURLWithPath: summary.reportPath), encoding: .utf8)
    #expect(report.contains("it was taken from the metadata file \(metadataPath), line 2"))
    #expect(!report.contains("taken from the file name"))
  }

  /// 72/409: a legend after a rule line, `*` and `**` each cited twice: each note at its own
  /// marker, written once; the rule is not a paragraph.
  @Test func asteriskNotesAfterARule() throws {
    let bytes = try Fixtures.bytes(Self.folder.appendingPathComponent("A_DEC_72_409.txt"))
    let result = try #require(Self.convert(bytes, hints: DocumentHints.fromFileName("A_DEC_72_409.txt")))
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(result.resolution.footnotes.map(\.marker) == ["*", "**"])
    #expect(
      xml.contains(
        "BOCHAROVA (Russian Federation),<sup><authorialNote eId=\"para_2__authorialNote_1\" marker=\"*\""))
    #expect(
      xml.contains(
        "QUARTEY (Ghana),<sup><authorialNote eId=\"para_2__authorialNote_2\" marker=\"**\""))
    #expect(xml.contains("(United States of America),<sup>**</sup>"))
    #expect(xml.contains("(Philippines)<sup>*</sup>"))
    #expect(!xml.contains("<paragraph eId=\"para_3\""))
    #expect(result.furniture.map(\.reason) == [LeftOutReason.rule])
  }

  /// 77/505: inline notes become notes where they stood, in order; a note on its own line after
  /// a part letter goes to that part's heading.
  @Test func inlineNotesAtTheirPlace() throws {
    let bytes = try Fixtures.bytes(Self.folder.appendingPathComponent("A_DEC_77_505_A_and_B.txt"))
    let result = try #require(
      Self.convert(bytes, hints: DocumentHints.fromFileName("A_DEC_77_505_A_and_B.txt")))
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(result.resolution.footnotes.map(\.marker) == (1...21).map(String.init))
    #expect(
      xml.contains(
        "in its first report,<sup><authorialNote eId=\"sec_A__para_1__authorialNote_1\" marker=\"1\""))
    #expect(xml.contains("<num>B</num>\n        <heading><sup><authorialNote"))
    #expect(xml.contains("<FRBRnumber value=\"77-505\" showAs=\"77/505 A and B\"/>"))
  }
}
