import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

/// Small fixtures, one per tricky line kind of each input form.
@Suite struct FormTests {
  static func convert(_ text: String, strict: Bool = false) throws(ConversionError) -> ConversionResult {
    try Fixtures.converter.convert(
      Fixtures.bytes(text), options: ConversionOptions(markupDate: Fixtures.markupDate, strict: strict))
  }

  static func xml(_ result: ConversionResult) -> String { String(decoding: result.xml, as: UTF8.self) }

  static func text(_ result: ConversionResult) throws -> String {
    try DocumentText.extract(fromXML: result.xml).text
  }

  // MARK: PDF text

  /// A two-page GA resolution as a PDF text extractor gives it: masthead, a date on the line
  /// after the adoption line, footnotes and a page header that interrupt a sentence, numbers
  /// alone on their line, a marker set off by a space, U+2011 and U+202F, trailing spaces.
  static let pdf = """
    United Nations \nA/RES/78/900 \n \nGeneral Assembly \nDistr.: General \n30 November 2023 \n \n\
    23-23832 (E)    061223 \n*2323832* \n \nSeventy-eighth session \nAgenda item 125 \n\
    Global health and foreign policy \n \nResolution adopted by the General Assembly on \n\
    29 November 2023 \n \n[without reference to a Main Committee (A/78/L.12)] \n \n\
    78/900. World Test Day \n \nThe General Assembly, \n \n\
    Recalling the Convention on the Rights of Persons with Disabilities, 1 \n \n\
    Noting the non\u{2011}binding guidance of the Committee.2 and the 2030\u{202F}Agenda for \n\
    Sustainable Development, \n \n1. \nDecides to designate 7 September as a \n\
    __________________ \n \n1  United Nations, Treaty Series, vol. 2515, No. 44910. \n \n\
    2  See A/78/1, wrapped over \n \nA/RES/78/900 \nWorld Test Day\n \n23-23832\n2/2 \n \n \n\
    United Nations Day, to be observed every year; \n \n2. \nInvites all Member States to observe it. \n \n\
    41st plenary meeting \n29 November 2023 \n
    """

  @Test func pdfText() throws {
    let result = try Self.convert(Self.pdf)
    let metadata = result.resolution.metadata
    #expect(metadata.symbol == "A/RES/78/900")
    #expect(metadata.adoptionDate?.description == "2023-11-29")
    #expect(metadata.jobNumber == "23-23832")
    #expect(metadata.session == 78)
    #expect(metadata.title == "World Test Day")
    #expect(metadata.meetingNumber == 41)
    #expect(result.resolution.operativeParagraphCount == 2)
    #expect(result.resolution.footnotes.map(\.marker) == ["1", "2"])
    // The footnote block did not swallow the page header; the note is whole.
    #expect(result.resolution.footnotes[1].text.plainText == "See A/78/1, wrapped over")
    let reasons = Set(result.furniture.map(\.reason))
    #expect(
      reasons.isSuperset(of: [
        LeftOutReason.pageNumber, .pageHeader, .runningTitle, .jobNumber, .footnoteRule,
      ]))
    let text = try Self.text(result)
    // The sentence broken by the page is joined again.
    #expect(
      text.contains("Decides to designate 7 September as a United Nations Day, to be observed every year;"))
    #expect(text.contains("Disabilities, [1]"))
    #expect(text.contains("Committee.[2]"))
    #expect(text.contains("non-binding"))
    #expect(result.warnings.isEmpty)
  }

  /// The last note of a page printed right above the page's footer, with no running title
  /// there ("5  A/78/184." then the symbol, the page number and the job number).
  @Test("The last note above a page's footer is a note, not the running title")
  func lastNoteAboveTheFooter() throws {
    let text = Self.pdf.replacingOccurrences(
      of: "2  See A/78/1, wrapped over \n \nA/RES/78/900 \nWorld Test Day\n \n23-23832\n2/2 \n",
      with: "2  See A/78/1, wrapped over \n\nA/RES/78/900 \n \n2/2 \n23-23832 \n")
    #expect(text != Self.pdf)
    let result = try Self.convert(text)
    #expect(
      result.resolution.footnotes.map(\.text.plainText) == [
        "United Nations, Treaty Series, vol. 2515, No. 44910.", "See A/78/1, wrapped over",
      ])
    #expect(!result.furniture.contains { $0.reason == .runningTitle })
    #expect(result.warnings.isEmpty)
  }

  @Test func formIsDetected() throws {
    func detected(_ bytes: [UInt8]) -> String? {
      FormRegistry.standard.detect(ReaderInput(bytes: bytes))?.name
    }
    #expect(try detected(Fixtures.bytes(Self.pdf)) == "pdf")
    #expect(try detected(Fixtures.bytes(Self.sc)) == "sc")
    #expect(try detected(Fixtures.bytes(Self.decision)) == "decision")
    #expect(try detected(Fixtures.seed()) == "ods")
    #expect(detected(Array("Nothing to see here.\n".utf8)) == nil)
    #expect(detected([0x1F, 0x8B, 0x08, 0x00]) == nil)
  }

  // MARK: Security Council volumes

  /// A 1960s heading, OCR damage (`Apri]`, `S.` for 5., `(5)` for (b)), a trailer with a vote
  /// line that starts with a number, and the volume's footnote.
  static let sc = """
    Resolution 900 (1967)
    of 22 Apri] 1967

    The Security Council,

    Recalling its resolution 242 (1967) of 22 November 1967 and the report 11 of the
    Secretary-General,

    1. Decides that:

    (a) The first;

    (5) The second;

    2. Calls upon the parties;

    3. Requests the Secretary-General;

    4. Notes the report (S/8000);

    S. Decides to remain seized of the matter.

    Adopted at the 1382nd meeting by
    12 votes to 2 (A and B),
    with 1 abstention (C).

    11 Official Records of the Security Council, Twenty-second Year,
    Supplement for July 1967, document S/7999.
    """

  @Test func securityCouncilVolume() throws {
    let result = try Self.convert(Self.sc)
    let metadata = result.resolution.metadata
    #expect(metadata.organ == .securityCouncil)
    #expect(metadata.symbol == "S/RES/900 (1967)")
    #expect(metadata.adoptionDate?.description == "1967-04-22")
    #expect(metadata.meetingNumber == 1382)
    #expect(result.resolution.operativeParagraphCount == 5)
    #expect(result.resolution.footnotes.map(\.marker) == ["11"])
    let xml = Self.xml(result)
    #expect(xml.contains("/akn/un/statement/deliberation/un-sc/1967-04-22/900"))
    #expect(xml.contains("name=\"documentSymbol\" value=\"S/RES/900 (1967)\""))
    #expect(xml.contains("href=\"https://undocs.org/S/8000\""))
    // Every repair is a warning with its line.
    let repairs = result.warnings.filter { [RuleID.ocrMonth, .ocrNumber, .ocrWord].contains($0.rule) }
      .compactMap(\.line).sorted()
    #expect(repairs == [2, 13, 21])
    let text = try Self.text(result)
    #expect(text.contains("(b)\tThe second;"))
    #expect(text.contains("5.\tDecides to remain seized"))
    #expect(text.contains("12 votes to 2"))
  }

  @Test func strictTurnsRepairsIntoErrors() {
    #expect(throws: ConversionError.self) { try Self.convert(Self.sc, strict: true) }
  }

  @Test func printedVolumeHeadingWithDraftSymbol() throws {
    let text = """
      83 (1950). Resolution of 27 June 1950
      [S/1511]

      The Security Council

      Recommends that the Members furnish such assistance as may be necessary.

      Adopted at the 474th meeting
      by 7 votes to 1 (Yugoslavia) 12

      12 Two members did not participate in the voting.
      """
    let result = try Self.convert(text)
    #expect(result.resolution.metadata.symbol == "S/RES/83 (1950)")
    #expect(result.resolution.operativeParagraphCount == 1)
    #expect(result.resolution.footnotes.count == 1)
    #expect(try Self.text(result).contains("(Yugoslavia) [12]"))
  }

  @Test func councilParts() throws {
    let text = """
      RESOLUTION 901 (1993)

      Adopted by the Security Council at its 3217th meeting,
      on 25 May 1993

      A

      The Security Council,

      Recalling its resolutions,

      1. Urges the parties;

      2. Decides to act;

      B

      The Security Council,

      1. Requests the Secretary-General to report.
      """
    let result = try Self.convert(text)
    #expect(result.resolution.metadata.adoptionDate?.description == "1993-05-25")
    #expect(result.resolution.metadata.meetingNumber == 3217)
    #expect(result.resolution.operativeParagraphCount == 3)
    let xml = Self.xml(result)
    #expect(xml.contains("<section eId=\"sec_A\">"))
    #expect(xml.contains("sec_B__para_1"))
  }

  // MARK: Decisions

  static let decision =
    "Commemoration of an anniversary\r\n\r\nA\r\nAt its 99th plenary meeting, on 16 July 2019, the General Assembly decided to reconsider the provision.\r\n\r\nB\r\nAt its 99th plenary meeting, on 16 July 2019, the General Assembly, by a recorded vote of 185 to none,* decided to hold the meeting.\r\n\r\n* The voting was as follows:\r\nIn favour: 185\r\n\r\n(See A/73/PV.99)\r\n"

  @Test func generalAssemblyDecision() throws {
    let result = try Self.convert(Self.decision)
    #expect(result.resolution.kind == .decision)
    #expect(result.resolution.metadata.adoptionDate?.description == "2019-07-16")
    #expect(result.resolution.metadata.meetingNumber == 99)
    #expect(result.resolution.metadata.title == "Commemoration of an anniversary")
    #expect(result.resolution.operativeParagraphCount == 2)
    #expect(result.resolution.footnotes.map(\.marker) == ["*"])
    let xml = Self.xml(result)
    #expect(xml.contains("<statement name=\"decision\""))
    #expect(xml.contains("/akn/un/statement/deliberation/un-ga/2019-07-16/nn"))
    #expect(try Self.text(result).contains("(See A/73/PV.99)"))
  }

  // MARK: Structure in any form

  /// Sections whose numbering restarts, a section with one unnumbered paragraph, "Decides:"
  /// with points, a numbered list inside a paragraph, a resumed meeting and an annex.
  @Test func sectionsListsAndAnnexes() throws {
    let text = """
      United Nations \nA/RES/78/901 \nDistr.: General \n
      Resolution adopted by the General Assembly on 22 December 2023 \n
      78/901. Special subjects \n
      The General Assembly, \n
      I \nFirst subject \n
      Recalling its resolution 77/263 A, \n
      1. \nDecides that the agenda shall be: \n
      1. \nOpening of the session. \n
      2. \nElection of officers. \n
      2. \nRequests the Secretary-General to report; \n
      II \nSecond subject \n
      Recalling its resolution 77/264, \n
      1. \nApproves the budget; \n
      III \nThird subject \n
      Decides: \n
      (a) \nTo approve the estimates; \n
      (b) \nTo review them; \n
      50th (resumed) plenary meeting \n22 December 2023 \n
      Annex \n
      Terms of reference \n
      1. \nThe group shall meet. \n
      """
    let result = try Self.convert(text)
    #expect(result.resolution.operativeParagraphCount == 4)
    #expect(result.resolution.metadata.meetingNumber == 50)
    #expect(result.resolution.attachments.count == 1)
    let xml = Self.xml(result)
    #expect(xml.contains("<attachments>"))
    #expect(xml.contains("<doc name=\"annex\">"))
    #expect(xml.contains("!annex_1"))
    #expect(xml.contains("sec_I__para_1__list_1__point_1"))
    #expect(xml.contains("<heading>Third subject</heading>"))
    // A section's own preamble (AKN4UN): crossHeading refersTo="#preamble" (counted in sequence: it
    // has no number), and its concept.
    #expect(
      xml.contains("<crossHeading eId=\"sec_II__crossHeading_1\" refersTo=\"#preamble\"><i>Recalling</i>"))
    #expect(xml.contains("<TLCConcept eId=\"preamble\""))
    #expect(xml.contains("sec_III__para_1__list_1__point_b"))
  }

  @Test func headingsAmongTheParagraphs() throws {
    let text = """
      United Nations \nA/RES/78/902 \n
      Resolution adopted by the General Assembly on 22 December 2023 \n
      78/902. An index \n
      The General Assembly, \n
      1. \nWelcomes the work of the Panel; \n
      Scope \n
      2. \nNotes that the index is for all countries. \n
      41st plenary meeting \n22 December 2023 \n
      """
    let result = try Self.convert(text)
    #expect(result.resolution.operativeParagraphCount == 2)
    #expect(result.warnings.isEmpty)
    #expect(Self.xml(result).contains("<hcontainer eId=\"hcontainer_1\" name=\"crossHeading\">"))
  }

  @Test func lostWordsAreReported() throws {
    let source = try SourceText.decode(Fixtures.bytes("The General Assembly,\nDecides to act today."))
    let output = DocumentText(body: "The General Assembly,\nDecides to act.\n", notes: [])
    let lost = WordCheck.lostWords(input: source, furniture: [], output: output, footnoteOrder: [])
    #expect(lost.map(\.word) == ["today"])
    // A repair is honoured, only on its line.
    let repaired = try SourceText.decode(Fixtures.bytes("Decides on 2 Apri] 1990."))
    let april = DocumentText(body: "Decides on 2 April 1990.\n", notes: [])
    #expect(
      WordCheck.lostWords(
        input: repaired, furniture: [], output: april, footnoteOrder: [],
        repairs: [Repair(line: 1, original: "Apri]", replacement: "April")]
      ).isEmpty)
    #expect(!WordCheck.lostWords(input: repaired, furniture: [], output: april, footnoteOrder: []).isEmpty)
  }

  @Test func lostWordsCompareAsStringsDoInAnyScript() throws {
    // Precomposed in the input, decomposed in the output: the same words (canonical equivalence).
    let source = try SourceText.decode(Fixtures.bytes("Café naïve, Привет 你好 2012¹ ½"))
    let same = DocumentText(body: "Cafe\u{301} nai\u{308}ve Привет 你好 2012¹ ½\n", notes: [])
    #expect(WordCheck.lostWords(input: source, furniture: [], output: same, footnoteOrder: []).isEmpty)
    // A word of another script, or a digit of another form, lost is reported as written.
    let lostCyrillic = DocumentText(body: "Café naïve 你好 2012¹ ½\n", notes: [])
    #expect(
      WordCheck.lostWords(input: source, furniture: [], output: lostCyrillic, footnoteOrder: [])
        == [WordCheck.LostWord(word: "Привет", line: 1)])
    let lostSuperscript = DocumentText(body: "Café naïve Привет 你好 2012 ½\n", notes: [])
    #expect(
      WordCheck.lostWords(input: source, furniture: [], output: lostSuperscript, footnoteOrder: [])
        .map(\.word) == ["2012¹"])
    // A marker glued to a year became a note: not lost.
    let glued = try SourceText.decode(Fixtures.bytes("Recalling its resolution of 19721 and 19722"))
    let notes = DocumentText(body: "Recalling its resolution of 1972 and 1972\n", notes: [])
    #expect(
      WordCheck.lostWords(input: glued, furniture: [], output: notes, footnoteOrder: ["1", "2"]).isEmpty)
    #expect(!WordCheck.lostWords(input: glued, furniture: [], output: notes, footnoteOrder: ["1"]).isEmpty)
    // "COVID-1916" became "COVID-19" and note 16, 19 being a marker too (taken out of the
    // output's numbers with the markers): not lost.
    let covid = try SourceText.decode(Fixtures.bytes("from COVID-1916 and"))
    let split = DocumentText(body: "from COVID-19 and\n", notes: [])
    let order = (1...19).map { "\($0)" }
    #expect(WordCheck.lostWords(input: covid, furniture: [], output: split, footnoteOrder: order).isEmpty)
    #expect(!WordCheck.lostWords(input: covid, furniture: [], output: split, footnoteOrder: ["19"]).isEmpty)
  }

  @Test func markersAreNotTakenFromYearsCountsOrDates() {
    var state = FootnoteLinker.State(order: [1, 2, 3], known: ["1", "2", "3"])
    #expect(state.split("by 12 votes to 2 (Cuba)") == [.text("by 12 votes to 2 (Cuba)")])
    #expect(state.split("on 1 February 2024") == [.text("on 1 February 2024")])
    #expect(state.split("States, 1 from Asia") == [.text("States, 1 from Asia")])
    #expect(
      state.split("the Convention of 19721 and") == [
        .text("the Convention of 1972"), .noteRef(marker: "1"), .text(" and"),
      ])
    #expect(state.split("Disabilities, 2") == [.text("Disabilities, "), .noteRef(marker: "2")])
    #expect(
      state.split("on 30 September 1992 3/ and") == [
        .text("on 30 September 1992 "), .noteRef(marker: "3"), .text(" and"),
      ])
  }

  @Test func aMarkerGluedToTheEndOfARangeOfYearsIsSplit() {
    // "the Decade 2014–2024" and note 15; "2015–2030" and note 4; only the next note in order.
    var state = FootnoteLinker.State(order: [14, 15, 16], known: ["14", "15", "16"])
    state.nextPosition = 1
    #expect(
      state.split("Decade 2014–202415 and the Pathway") == [
        .text("Decade 2014–2024"), .noteRef(marker: "15"), .text(" and the Pathway"),
      ])
    // Not the next note in order, a range ending before it starts, or no year left: a number.
    var other = FootnoteLinker.State(order: [4], known: ["4"])
    #expect(other.split("for 2015–20305 and") == [.text("for 2015–20305 and")])
    #expect(other.split("for 2031–20304 and") == [.text("for 2031–20304 and")])
    #expect(other.split("items 12–20344 and") == [.text("items 12–20344 and")])
    #expect(
      other.split("Framework 2015-20304 and") == [
        .text("Framework 2015-2030"), .noteRef(marker: "4"), .text(" and"),
      ])
  }

  /// A resolution of preambular paragraphs `texts` with notes 1...`notes`, linked.
  static func linked(_ texts: [String], notes: Int) -> (Resolution, ReadingReport) {
    var resolution = Resolution()
    resolution.preamble = texts.enumerated().map { Block(text: TextBlock($1, line: $0 + 1)) }
    resolution.footnotes = (1...notes).map {
      Footnote(marker: "\($0)", text: TextBlock("Note \($0).", line: 100 + $0))
    }
    var report = ReadingReport()
    FootnoteLinker.link(&resolution, report: &report)
    return (resolution, report)
  }

  @Test func aMarkerGluedToANumberPrintedElsewhereWithoutItIsSplit() {
    // "COVID-192": COVID-19 stands elsewhere, COVID-192 once, between the citations of 1 and 3.
    let (resolution, report) = Self.linked(
      [
        "Recalling the effects of COVID-19 on the economy,1",
        "Noting the recovery from COVID-192 and the Framework,3",
      ], notes: 3)
    #expect(!report.warnings.contains { $0.rule == RuleID.footnoteUnmatched }, "\(report.warnings)")
    #expect(
      resolution.preamble[1].text.segments == [
        .text("Noting the recovery from COVID-19"), .noteRef(marker: "2"), .text(" and the Framework,"),
        .noteRef(marker: "3"),
      ])
  }

  @Test func aGluedNumberNotPrintedElsewhereOrTwiceStaysText() {
    // "COVID-1915" with no "COVID-19" elsewhere: nothing tells the marker from the number.
    let (alone, aloneReport) = Self.linked(
      ["Recalling the Declaration,1", "Noting COVID-192 and more,3"], notes: 3)
    #expect(alone.preamble[1].text.segments.first == .text("Noting COVID-192 and more,"))
    #expect(aloneReport.warnings.contains { $0.message.hasPrefix("footnote 2 has no marker") })
    // Two candidates for one note: neither is taken.
    let (twice, _) = Self.linked(
      ["Agenda 21 and COVID-19 goals,1", "Agenda 212 and COVID-192 again,3"], notes: 3)
    #expect(twice.preamble[1].text.segments.first == .text("Agenda 212 and COVID-192 again,"))
  }
}
