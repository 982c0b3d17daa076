import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

/// The seed resolution A/RES/67/27 end to end through the library.
@Suite struct SeedTests {
  let result: ConversionResult
  let tree: XMLTree

  init() throws {
    result = try Fixtures.converter.convert(try Fixtures.seed(), options: Fixtures.options)
    tree = try XMLTree.parse(result.xml)
  }

  /// All elements named `name`, in document order.
  func elements(_ name: String) -> [XMLElementHandle] {
    var found: [XMLElementHandle] = []
    tree.forEachElement(under: tree.root!) { element, _ in
      if tree.name(of: element) == name { found.append(element) }
    }
    return found
  }

  func text(_ element: XMLElementHandle) -> String {
    var text = ""
    tree.walk(element) { if case .text(let string) = $0 { text += string } }
    return text
  }

  func attribute(_ name: String, _ element: XMLElementHandle) -> String? { tree.attribute(name, of: element) }

  @Test func matchesTheGoldenFile() throws {
    try Golden.check(result.xml, against: Fixtures.examples.appendingPathComponent("A_RES_67_27.akn.xml"))
  }

  @Test func isAStatementNamedResolution() {
    let statement = elements("statement")
    #expect(statement.count == 1)
    #expect(attribute("name", statement[0]) == "resolution")
    #expect(attribute("contains", statement[0]) == "originalVersion")
  }

  @Test func hasTheWorkExpressionAndManifestationIRIs() {
    let this = elements("FRBRthis").compactMap { attribute("value", $0) }
    let uri = elements("FRBRuri").compactMap { attribute("value", $0) }
    let work = "/akn/un/statement/deliberation/un-ga/2012-12-03/67-27"
    #expect(uri == [work, "\(work)/eng@2012-12-03", "\(work)/eng@2012-12-03.xml"])
    #expect(this == ["\(work)/!main", "\(work)/eng@2012-12-03/!main", "\(work)/eng@2012-12-03/!main.xml"])
    let aliases = elements("FRBRalias").map { (attribute("name", $0), attribute("value", $0)) }
    #expect(aliases.contains { $0 == ("documentSymbol", "A/RES/67/27") })
    #expect(aliases.contains { $0 == ("odsJobNumber", "N1248022E") })
    // cobalt (Laws.Africa) shows this alias as the title; without it, the symbol.
    #expect(
      aliases.contains {
        $0 == (
          "title",
          "Developments in the field of information and telecommunications in the context of international security"
        )
      })
    #expect(elements("FRBRsubtype").compactMap { attribute("value", $0) } == ["deliberation"])
    #expect(elements("FRBRcountry").compactMap { attribute("value", $0) } == ["un"])
  }

  @Test func readsTheMetadataFromTheText() {
    let metadata = result.resolution.metadata
    #expect(metadata.adoptionDate == SimpleDate(year: 2012, month: 12, day: 3))
    #expect(metadata.distributionDate == SimpleDate(year: 2012, month: 12, day: 11))
    #expect(metadata.symbol == "A/RES/67/27")
    #expect(metadata.session == 67)
    #expect(metadata.agendaItems == ["89"])
    #expect(metadata.committee?.name == "First Committee")
    #expect(metadata.committee?.actor == "un-ga-c1")
    #expect(metadata.reportSymbol == "A/67/404")
    #expect(metadata.jobNumber == "12-48022")
    #expect(metadata.odsJobNumber == "N1248022E")
    #expect(metadata.meetingNumber == 48)
    #expect(elements("publication").compactMap { attribute("date", $0) } == ["2012-12-11"])
  }

  @Test func prefaceHasTheDocumentParts() {
    #expect(elements("docNumber").map(text) == ["67/27"])
    #expect(
      elements("docTitle").map(text) == [
        "Developments in the field of information and telecommunications in the context of international security"
      ])
    #expect(elements("docDate").compactMap { attribute("date", $0) } == ["2012-12-03"])
    #expect(elements("docAuthority").map(text) == ["General Assembly"])
    #expect(elements("docCommittee").compactMap { attribute("refersTo", $0) } == ["#un-ga-c1"])
    #expect(elements("docType").map(text) == ["Resolution"])
  }

  @Test func preambleHasTheFormulaAndSeventeenNamedContainers() {
    let formula = elements("formula")
    #expect(formula.count == 1)
    #expect(attribute("name", formula[0]) == "enactingFormula")
    #expect(text(formula[0]).trimmingCharacters(in: .whitespacesAndNewlines) == "The General Assembly,")
    let containers = elements("container").filter { attribute("eId", $0)?.hasPrefix("preamble__") == true }
    #expect(containers.count == 17)
    let names = containers.compactMap { attribute("name", $0) }
    #expect(names.prefix(3) == ["recalling", "recalling", "noting"])
    #expect(names.contains("bearingInMind"))
    #expect(names.contains("expressingConcern"))
    #expect(names.contains("takingNote"))
    // The opening phrase is in <i>.
    let italics = elements("i").map(text)
    #expect(italics.prefix(2) == ["Recalling", "Recalling also"])
  }

  @Test func mainBodyHasFiveParagraphsAndTheListOfParagraphThree() {
    let paragraphs = elements("paragraph")
    #expect(
      paragraphs.compactMap { attribute("eId", $0) } == ["para_1", "para_2", "para_3", "para_4", "para_5"])
    let points = elements("point").compactMap { attribute("eId", $0) }
    #expect(
      points == [
        "para_3__list_1__point_a", "para_3__list_1__point_b", "para_3__list_1__point_c",
        "para_3__list_1__point_d",
      ])
    #expect(elements("intro").count == 1)
    #expect(
      elements("i").map(text).suffix(5) == ["Calls upon", "Considers", "Invites", "Welcomes", "Decides"])
  }

  @Test func footnotesAreAttachedAtEveryMarker() {
    let notes = elements("authorialNote")
    #expect(notes.compactMap { attribute("marker", $0) } == ["1", "2", "3", "4", "4"])
    #expect(notes.allSatisfy { attribute("placement", $0) == "bottom" })
    #expect(text(notes[0]) == "See A/51/261, annex.")
    // Footnote 4 is cited in the preamble and in paragraph 3; both citations are kept.
    #expect(attribute("eId", notes[3])?.hasPrefix("preamble__container_16") == true)
    #expect(attribute("eId", notes[4])?.hasPrefix("para_3__list_1__intro") == true)
    // The marker digit is gone from the running text.
    let allText = text(tree.root!)
    #expect(!allText.contains("made,1"))
    #expect(!allText.contains("Security,4"))
  }

  @Test func citationsBecomeRefsAndLinks() {
    let refs = elements("ref").compactMap { attribute("href", $0) }
    #expect(refs.count == 14)
    #expect(refs.first == "/akn/un/statement/deliberation/un-ga/1998-12-04/53-70")
    #expect(refs.last == "/akn/un/statement/deliberation/un-ga/2011-12-02/66-24")
    let links = elements("a").compactMap { attribute("href", $0) }
    for symbol in ["A/67/404", "A/51/261", "A/C.2/59/3", "A/60/687", "A/65/201", "A/RES/60/45"] {
      #expect(links.contains("https://undocs.org/\(symbol)"), "no link to \(symbol)")
    }
  }

  @Test func conclusionsHaveTheMeetingAndTheDate() {
    let events = elements("event")
    #expect(events.map(text) == ["48th plenary meeting"])
    #expect(attribute("refersTo", events[0]) == "#plenaryMeeting48")
    let dates = elements("date")
    #expect(dates.compactMap { attribute("date", $0) } == ["2012-12-03"])
    // Every #id that is referred to exists.
    let ids = Set(elements("TLCEvent").compactMap { attribute("eId", $0) })
    #expect(ids.contains("plenaryMeeting48"))
  }

  @Test func leavesOutTheTrailerAndTheMasthead() {
    let allText = text(tree.root!)
    for furniture in ["[DU1]", "<<ODS", "Please recycle", "*1248022*", "Distr.:", "12-48022"] {
      #expect(!DocumentText.extract(from: tree).text.contains(furniture), "\(furniture) is in the output")
    }
    #expect(!allText.contains("Please recycle"))
    #expect(result.furniture.contains { $0.text.contains("Please recycle") })
  }

  @Test func everyWordOfTheResolutionIsInTheOutputInOrder() throws {
    let input = try SourceText.decode(try Fixtures.seed())
    let output = DocumentText.extract(from: tree)
    let markers = result.resolution.footnotes.map(\.marker)
    #expect(
      WordCheck.lostWords(input: input, furniture: result.furniture, output: output, footnoteOrder: markers)
        .isEmpty)
    // And the check does catch a lost word.
    var damaged = output
    damaged.body = damaged.body.replacingOccurrences(of: "Midrand", with: "")
    let lost = WordCheck.lostWords(
      input: input, furniture: result.furniture, output: damaged, footnoteOrder: markers)
    #expect(lost == [WordCheck.LostWord(word: "Midrand", line: 12)])
  }

  @Test func isDeterministic() throws {
    let again = try Fixtures.converter.convert(try Fixtures.seed(), options: Fixtures.options)
    #expect(again.xml == result.xml)
  }
}
