import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

@Suite struct TextTests {
  @Test(arguments: [
    ("3 December 2012", "2012-12-03"),
    ("29 February 2024", "2024-02-29"),
    // The space before the year lost in the print: still the date.
    ("4 December2024", "2024-12-04"),
  ])
  func datesInWords(text: String, iso: String) {
    #expect(Dates.parse(text)?.description == iso)
  }

  @Test func impossibleDatesAreNotGuessed() {
    #expect(Dates.parse("31 February 2012") == nil)
    #expect(Dates.find(in: "on 31 February 2012")?.date == nil)
    #expect(Dates.parse("29 February 2023") == nil)
    // Only the year may run on from the month: not the day, nor a longer number.
    #expect(Dates.parse("4December 2024") == nil)
    #expect(Dates.parse("4 December20245") == nil)
  }

  @Test func ordinalsInWords() {
    #expect(Dates.ordinal("Sixty-seventh") == 67)
    #expect(Dates.ordinal("Seventieth") == 70)
    #expect(Dates.ordinal("tenth") == 10)
    #expect(Dates.ordinal("session") == nil)
  }

  @Test func labels() {
    #expect(LineGrammar.label(of: "\t3.\tInvites")?.0 == .number(3, printed: "3."))
    #expect(LineGrammar.label(of: "(a)\tGeneral")?.0 == .letter("a", printed: "(a)"))
    #expect(LineGrammar.label(of: "(iv) text")?.0 == .roman("iv", printed: "(iv)"))
    #expect(LineGrammar.label(of: "3.5 per cent") == nil)
    #expect(LineGrammar.label(of: "1998. It was") != nil)
  }

  @Test func romanAfterHIsALetter() {
    let open: [LineGrammar.Label?] = [.number(1, printed: "1."), .letter("h", printed: "(h)")]
    #expect(
      LineGrammar.disambiguate(.roman("i", printed: "(i)"), after: open) == .letter("i", printed: "(i)"))
    let nested: [LineGrammar.Label?] = [.number(1, printed: "1."), .letter("a", printed: "(a)")]
    #expect(
      LineGrammar.disambiguate(.roman("i", printed: "(i)"), after: nested) == .roman("i", printed: "(i)"))
  }

  @Test func footnoteMarkersAreNotTakenFromAbbreviationsOrSymbols() {
    var state = FootnoteLinker.State(order: [1, 2], known: ["1", "2"])
    #expect(state.split("see A/55/140 and Corr.1 and Add.1") == [.text("see A/55/140 and Corr.1 and Add.1")])
    #expect(state.split("emissions of CO2 are") == [.text("emissions of CO2 are")])
    #expect(state.split("paragraph 2 above") == [.text("paragraph 2 above")])
    // Out of order: 3 before 1 is not a marker (a missing marker may be skipped, not more).
    var three = FootnoteLinker.State(order: [1, 2, 3, 4], known: ["1", "2", "3", "4"])
    #expect(three.split("the Convention,4 and") == [.text("the Convention,4 and")])
    #expect(
      state.split("that were made,1 and the Convention,2") == [
        .text("that were made,"), .noteRef(marker: "1"), .text(" and the Convention,"), .noteRef(marker: "2"),
      ])
    // A note cited again.
    #expect(state.split("the report,1 to") == [.text("the report,"), .noteRef(marker: "1"), .text(" to")])
  }

  @Test func citations() {
    let scanned = Citations.scan("resolutions 53/70 of 4 December 1998 and 66/24, and A/C.2/59/3, annex.")
    #expect(
      scanned == [
        .text("resolutions "),
        .citation(
          Citation(
            form: .ref, href: "/akn/un/statement/deliberation/un-ga/1998-12-04/53-70",
            text: "53/70 of 4 December 1998", body: .generalAssembly, kind: .resolution,
            number: Citation.Number(printed: "53/70", number: 70, session: 53),
            date: SimpleDate(year: 1998, month: 12, day: 4))),
        .text(" and "),
        .citation(
          Citation(
            form: .link, href: "https://undocs.org/A/RES/66/24", text: "66/24", body: .generalAssembly,
            kind: .resolution, number: Citation.Number(printed: "66/24", number: 24, session: 66))),
        .text(", and "),
        .citation(
          Citation(
            form: .link, href: "https://undocs.org/A/C.2/59/3", text: "A/C.2/59/3", kind: .documentSymbol)),
        .text(", annex."),
      ])
    #expect(
      Citations.scan("Security Council resolution 1325 (2000) of 31 October 2000") == [
        .text("Security Council resolution "),
        .citation(
          Citation(
            form: .ref, href: "/akn/un/statement/deliberation/un-sc/2000-10-31/1325",
            text: "1325 (2000) of 31 October 2000", body: .securityCouncil, kind: .resolution,
            number: Citation.Number(printed: "1325 (2000)", number: 1325, year: 2000),
            date: SimpleDate(year: 2000, month: 10, day: 31))),
      ])
    // Numbers that are not citations stay text.
    #expect(
      Citations.scan("from 13 to 15 May 1996, 1/2 of the") == [.text("from 13 to 15 May 1996, 1/2 of the")])
  }

  @Test func preambularPhrases() {
    #expect(Phrases.preambular("Bearing in mind also the results")?.name == "bearingInMind")
    #expect(Phrases.preambular("Expressing concern that")?.name == "expressingConcern")
    #expect(Phrases.preambular("Recalling, in this connection")?.name == "recalling")
    let text = "Recalling also its resolutions"
    #expect(Phrases.preambular(text).map { String(text[..<$0.end]) } == "Recalling also")
  }

  @Test func operativePhrases() {
    for (text, phrase) in [
      ("Calls upon Member States", "Calls upon"), ("Also requests the", "Also requests"),
      ("Reiterates its invitation", "Reiterates"), ("Further reiterates its call", "Further reiterates"),
      ("Takes note of the report", "Takes note"), ("Decides to include", "Decides"),
    ] {
      #expect(Phrases.operative(text).map { String(text[..<$0]) } == phrase)
    }
  }
}

@Suite struct EIdTests {
  @Test func footnoteMarkersBecomeValidEIdNumbers() {
    #expect(AKNBuilder.eIdNumber(marker: "4") == "4")
    #expect(AKNBuilder.eIdNumber(marker: "a") == "a")
    // A marker of symbols only has no number: the note is counted in sequence.
    #expect(AKNBuilder.eIdNumber(marker: "*") == nil)
    #expect(AKNBuilder.eIdNumber(marker: "**") == nil)
    #expect(AKNBuilder.eIdNumber(marker: "\u{2020}") == nil)
  }

  /// The eIds of the `paragraph`, `point` and `authorialNote` elements of `text`'s output.
  static func eIds(_ text: String) throws -> [String] {
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    return xml.matches(of: /<(?:paragraph|point|authorialNote) eId="([^"]*)"/).map { String($0.1) }
  }

  @Test func repeatedNumbersAndUnnumberedParagraphsAreCountedInSequence() throws {
    // A volume's resolution in two parts, each numbered from 1, then an unnumbered paragraph.
    let text = """
      Resolution 999 (1970)
      of 1 April 1970

      The Security Council,

      Noting the report,

      1. Decides to remain seized;

      2. Requests the Secretary-General to report;

      1. Calls upon the parties to co-operate;

      Adopted at the 1500th meeting.
      """
    let eIds = try Self.eIds(text)
    #expect(eIds == ["para_1", "para_2", "para_3"])
    #expect(!eIds.contains { $0.contains("-") || $0.contains("_u") })
  }

  @Test func aNoteMarkedWithSymbolsIsCountedInSequence() throws {
    let text = """
      At its 62nd plenary meeting, on 4 December 2017, the General Assembly elected ALGERIA,* CHINA** and JAPAN* as members.

      * Term of office expires on 31 December 2024.
      ** Term of office expires on 31 December 2025.
      """
    let eIds = try Self.eIds(text).filter { $0.contains("authorialNote") }
    // Each legend is written once, at its first marker; `*` and `**` are counted in sequence.
    #expect(eIds.map { $0.components(separatedBy: "__").last } == ["authorialNote_1", "authorialNote_2"])
    #expect(eIds.allSatisfy { $0.range(of: "__authorialNote_[0-9]+$", options: .regularExpression) != nil })
  }
}

@Suite struct CitationKeywordTests {
  @Test func aCapitalisedKeywordStartsAListToo() {
    #expect(
      Citations.scan("Resolution 76/181, annex.") == [
        .text("Resolution "),
        .citation(
          Citation(
            form: .link, href: "https://undocs.org/A/RES/76/181", text: "76/181", body: .generalAssembly,
            kind: .resolution, number: Citation.Number(printed: "76/181", number: 181, session: 76))),
        .text(", annex."),
      ])
    #expect(
      Citations.scan("Decision 55/488.") == [
        .text("Decision "),
        .citation(
          Citation(
            form: .link, href: "https://undocs.org/A/DEC/55/488", text: "55/488", body: .generalAssembly,
            kind: .decision, number: Citation.Number(printed: "55/488", number: 488, session: 55))),
        .text("."),
      ])
  }
}
