import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Each rule that decides whose act a citation is, on a short text written for it and on the
/// corpus texts it was found in: the act links to its own body's document, or, when akn cannot
/// name the body, to nothing, with a note at its place; never to a General Assembly act.
@Suite struct CitedBodyRuleTests {
  /// The scan of `text` as one paragraph, and the acts it left unlinked.
  static func scan(_ text: String) -> (pieces: [Citations.Inline], unlinked: [Citations.Unlinked]) {
    var state = Citations.State()
    let pieces = Citations.scan(text, state: &state)
    return (pieces, state.unlinked)
  }

  /// The href of the citation printed `label` in `pieces`, "text" when it is left unlinked, nil
  /// when `label` is not a piece of its own.
  static func target(_ label: String, in pieces: [Citations.Inline]) -> String? {
    for piece in pieces {
      switch piece {
      case .citation(let citation) where citation.text == label: return citation.href ?? "text"
      case .text(let text) where text == label: return "text"
      default: continue
      }
    }
    return nil
  }

  // MARK: Bodies named around the number

  /// "Human Rights Council decision 18/120 of … and resolutions 24/14 of …": the other kind of
  /// act, joined by "and" to a list under way, is the same body's.
  @Test func aListGoingOnWithTheOtherKindOfActKeepsItsBody() {
    let (pieces, _) = Self.scan(
      "Recalling its resolution 77/214 of 15 December 2022, and Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14 of 27 September 2013 and 27/21 of 26 September 2014,"
    )
    #expect(
      Self.target("77/214 of 15 December 2022", in: pieces)
        == "/akn/un/statement/deliberation/un-ga/2022-12-15/77-214")
    #expect(
      Self.target("18/120 of 30 September 2011", in: pieces)
        == "/akn/un/statement/deliberation/un-hrc/2011-09-30/18-120")
    #expect(
      Self.target("24/14 of 27 September 2013", in: pieces)
        == "/akn/un/statement/deliberation/un-hrc/2013-09-27/24-14")
    #expect(
      Self.target("27/21 of 26 September 2014", in: pieces)
        == "/akn/un/statement/deliberation/un-hrc/2014-09-26/27-21")
    // The same kind of act again after "and" names no body of its own: the Assembly's.
    let (again, _) = Self.scan("Recalling Human Rights Council resolution 5/1 and resolution 60/251,")
    #expect(Self.target("60/251", in: again) == "https://undocs.org/A/RES/60/251")
  }

  /// "the resolutions and decisions of the Human Rights Council, the most recent of which being
  /// resolutions 53/26 …": a body named after "of the" past the keywords.
  @Test func aBodyNamedAfterTheKeywordsIsTheAuthor() {
    let (pieces, _) = Self.scan(
      "recalling the resolutions and decisions of the Human Rights Council, the most recent of which being resolutions 53/26 of 14 July 2023 and 52/31 of 4 April 2023,"
    )
    #expect(
      Self.target("53/26 of 14 July 2023", in: pieces)
        == "/akn/un/statement/deliberation/un-hrc/2023-07-14/53-26")
    #expect(
      Self.target("52/31 of 4 April 2023", in: pieces)
        == "/akn/un/statement/deliberation/un-hrc/2023-04-04/52-31")
  }

  /// "in line with resolution 5/5 of the United Nations Environment Assembly": a body named
  /// after an undated number; not linked (akn has no address for it), and it is named, so no note.
  @Test func aBodyNamedAfterAnUndatedNumberIsItsAuthor() {
    let (pieces, unlinked) = Self.scan(
      "in line with resolution 5/5 of the United Nations Environment Assembly, has the potential")
    #expect(Self.target("5/5", in: pieces) == "text")
    #expect(unlinked.isEmpty)
  }

  /// "reaffirming its resolution 73/183 …": in a sentence that names another body, "its" is
  /// still the adopting body's own act.
  @Test func itsResolutionIsTheAdoptingBodysOwn() {
    let (pieces, _) = Self.scan(
      "Recognizing the role of the Commission on Crime Prevention and Criminal Justice, reaffirming its resolution 73/183 of 17 December 2018,"
    )
    #expect(
      Self.target("73/183 of 17 December 2018", in: pieces)
        == "/akn/un/statement/deliberation/un-ga/2018-12-17/73-183")
  }

  /// "Noting the adoption, by the Economic and Social Commission for Asia and the Pacific at its
  /// seventy-ninth session, of resolution 79/8 …": a regional commission, named in the sentence.
  @Test func aRegionalCommissionNamedInTheSentenceIsTheAuthor() {
    let (pieces, unlinked) = Self.scan(
      "Noting also the adoption, by the Economic and Social Commission for Asia and the Pacific at its seventy-ninth session, of resolution 79/8 of 19 May 2023 on the modalities,"
    )
    #expect(Self.target("79/8 of 19 May 2023", in: pieces) == "text")
    #expect(unlinked.isEmpty, "the body is named")
  }

  /// "the report to the Human Rights Council submitted pursuant to resolutions 34/24, 40/20 and
  /// 46/17": a report made to a body under a mandate cites the addressee's resolutions.
  @Test func aReportToABodyPursuantToResolutionsCitesThatBodysActs() {
    let (pieces, unlinked) = Self.scan(
      "which was confirmed by the United Nations High Commissioner for Human Rights in the report to the Human Rights Council submitted pursuant to resolutions 34/24, 40/20 and 46/17;"
    )
    for number in ["34/24", "40/20", "46/17"] {
      #expect(Self.target(number, in: pieces) == "https://undocs.org/A/HRC/RES/\(number)")
    }
    #expect(unlinked.isEmpty)
    // With a comma and another participle, and dated: the addressee's too.
    let (presented, _) = Self.scan(
      "the report to the Human Rights Council, presented in accordance with resolution 52/28 of 4 April 2023,"
    )
    #expect(
      Self.target("52/28 of 4 April 2023", in: presented)
        == "/akn/un/statement/deliberation/un-hrc/2023-04-04/52-28")
    // A body akn has no address for: its act, unlinked, named, so without a note.
    let (commission, noted) = Self.scan(
      "the report to the Commission on the Status of Women pursuant to resolution 60/2,")
    #expect(Self.target("60/2", in: commission) == "text")
    #expect(noted.isEmpty)
    // A report to the General Assembly, or a report of a body: the numbers stay the Assembly's.
    let (assembly, _) = Self.scan("the report to the General Assembly submitted pursuant to resolution 77/1,")
    #expect(Self.target("77/1", in: assembly) == "https://undocs.org/A/RES/77/1")
    let (of, _) = Self.scan("the report of the Human Rights Council pursuant to resolution 60/251,")
    #expect(Self.target("60/251", in: of) == "https://undocs.org/A/RES/60/251")
  }

  // MARK: Acts whose body akn cannot name

  /// "CBD/COP/15/17, decision 15/4, annex", "A/56/1026-S/2002/932, annex II, resolution 14/221":
  /// an act cited by its place in a document is that document's body's.
  @Test func anActCitedByItsPlaceInADocumentIsNotTheAssemblys() {
    for (text, label) in [
      ("United Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex.", "15/4"),
      ("A/56/1026-S/2002/932, annex II, resolution 14/221.", "14/221"),
      ("CAC/COSP/2021/17, sect. I.A, resolution 9/2, para. 15.", "9/2"),
      ("A/78/123, annex, resolution 45/6.", "45/6"),
    ] {
      let (pieces, unlinked) = Self.scan(text)
      #expect(Self.target(label, in: pieces) == "text", "\(text)")
      #expect(unlinked.map(\.text) == [label], "\(text)")
    }
    // A report of the Human Rights Council holds the Council's resolutions.
    let (report, _) = Self.scan(
      "Official Records of the General Assembly, Seventy-seventh Session, Supplement No. 53A (A/77/53/Add.1), chap. III, sect. A, resolution 51/4."
    )
    #expect(Self.target("51/4", in: report) == "https://undocs.org/A/HRC/RES/51/4")
  }

  /// The Assembly numbered its resolutions "N (S)" before its thirty-first session, and its
  /// session S meets from September of 1945 + S to September of the next year: an `S/N` below
  /// 31, or dated outside its session, is not the Assembly's act.
  @Test func aNumberTheAssemblyCannotHaveIsNotLinked() {
    for (text, label) in [
      ("Welcomes decision 15/11 of the Conference,", "15/11"),
      ("in line with decision 15/4 of 19 December 2022,", "15/4 of 19 December 2022"),
      ("Taking note of advisory opinion OC 16/99 of 1 October 1999 on the Right,", "16/99 of 1 October 1999"),
      ("recalls its decisions 21/1 and", "21/1"),
      ("Noting the adoption of resolution 79/8 of 19 May 2023,", "79/8 of 19 May 2023"),
      ("Recalling General Assembly resolution 55/56 of 1 December 2001,", "55/56 of 1 December 2001"),
    ] {
      let (pieces, unlinked) = Self.scan(text)
      #expect(Self.target(label, in: pieces) == "text", "\(text)")
      #expect(unlinked.map(\.text) == [label], "\(text)")
      #expect(unlinked.first?.reason.contains("General Assembly") == true)
    }
    // The first and last months of a session.
    for (text, label, href) in [
      (
        "Recalling its resolution 78/1 of 15 September 2023,", "78/1 of 15 September 2023",
        "/akn/un/statement/deliberation/un-ga/2023-09-15/78-1"
      ),
      (
        "Recalling its resolution 77/336 of 11 September 2023,", "77/336 of 11 September 2023",
        "/akn/un/statement/deliberation/un-ga/2023-09-11/77-336"
      ),
      ("Recalling its resolution 31/1,", "31/1", "https://undocs.org/A/RES/31/1"),
    ] {
      let (pieces, unlinked) = Self.scan(text)
      #expect(Self.target(label, in: pieces) == href, "\(text)")
      #expect(unlinked.isEmpty)
    }
    #expect(Citations.assemblyCannotHave(session: 30, date: nil) != nil)
    #expect(Citations.assemblyCannotHave(session: 31, date: SimpleDate(year: 1976, month: 9, day: 21)) == nil)
    #expect(Citations.assemblyCannotHave(session: 31, date: SimpleDate(year: 1976, month: 8, day: 31)) != nil)
    #expect(Citations.assemblyCannotHave(session: 31, date: SimpleDate(year: 1977, month: 10, day: 1)) != nil)
  }

  /// The scan leaves unlinked exactly the acts whose body it cannot name, and no act of the
  /// Assembly's own.
  @Test func theScanLeavesUnlinkedOnlyActsItCannotName() {
    for text in [
      "Welcomes decision 15/11 of the Conference,", "in line with decision 15/4 of 19 December 2022,",
      "advisory opinion OC 16/99 of 1 October 1999", "Noting the adoption of resolution 79/8 of 19 May 2023,",
      "A/56/1026-S/2002/932, annex II, resolution 14/221.",
      "United Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex.",
      "Recalling Executive Board decision 2019/4,", "Recalling Trusteeship Council resolution 2/3 and",
      "Official Records of the Economic and Social Council, 2020, Supplement No. 7 (E/2020/27), chap. I, sect. C, resolution 59/1, annex.",
    ] {
      #expect(!Self.scan(text).unlinked.isEmpty, "\(text)")
    }
    for text in [
      "Recalling its resolutions 53/70 of 4 December 1998, 54/49 of 1 December 1999 and 77/336 of 11 September 2023,",
      "Recalling Security Council resolution 1325 (2000) and General Assembly resolution 60/251,",
      "Takes note of the report (A/78/123) of the Secretary-General,",
    ] {
      #expect(Self.scan(text).unlinked.isEmpty, "\(text)")
    }
  }

  /// An unlinked act is a note of the report at the paragraph that cites it; a note never makes
  /// `--strict` refuse a correct document.
  @Test func anUnlinkedActIsANoteThatStrictModeAccepts() throws {
    var lines = String(decoding: try Fixtures.seed(), as: UTF8.self).components(separatedBy: "\n")
    let at = try #require(lines.firstIndex { $0.contains("The General Assembly,") })
    lines.insert(
      "\tWelcoming decision 15/4 of 19 December 2022 and advisory opinion OC 16/99 of 1 October 1999,",
      at: at + 1)
    var options = Fixtures.options
    options.strict = true
    let result = try Fixtures.converter.convert(
      Fixtures.bytes(lines.joined(separator: "\n")), options: options)
    let notes = result.notes.filter { $0.rule == RuleID.citationUnlinked }
    #expect(notes.count == 2)
    #expect(notes.allSatisfy { $0.severity == .note && $0.line == at + 2 })
    #expect(notes.first?.message.contains("\"15/4 of 19 December 2022\" is not linked") == true)
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(!xml.contains("15-4"))
    #expect(!xml.contains("16-99"))
  }
}

/// The same rules on the corpus texts that showed them.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: cited-body rule tests skipped"))
struct CitedBodyRuleCorpusTests {
  struct Case: CustomStringConvertible, Sendable {
    var rule: String
    var file: String
    var citation: String
    /// The href, or nil for none.
    var target: String?
    /// The line of the note when it is not linked because akn cannot name its body.
    var noteLine: Int?
    var description: String { "\(rule): \(file) \(citation)" }
  }

  static let hrc = "/akn/un/statement/deliberation/un-hrc/"
  static let cases: [Case] = [
    Case(
      rule: "list going on with the other kind of act", file: "bulk/ga-78/A_RES_78_202.txt",
      citation: "24/14 of 27 September 2013", target: hrc + "2013-09-27/24-14"),
    Case(
      rule: "list going on with the other kind of act", file: "bulk/ga-78/A_RES_78_202.txt",
      citation: "52/13 of 3 April 2023", target: hrc + "2023-04-03/52-13"),
    Case(
      rule: "body named after the keywords", file: "bulk/ga-78/A_RES_78_219.txt",
      citation: "53/26 of 14 July 2023", target: hrc + "2023-07-14/53-26"),
    Case(
      rule: "body named after an undated number", file: "bulk/ga-78/A_RES_78_155.txt", citation: "5/5",
      target: nil),
    Case(
      rule: "its resolution", file: "bulk/ga-78/A_RES_78_229.txt", citation: "73/183 of 17 December 2018",
      target: "/akn/un/statement/deliberation/un-ga/2018-12-17/73-183"),
    Case(
      rule: "report to a body pursuant to its resolutions", file: "bulk/ga-78/A_RES_78_218.txt",
      citation: "34/24", target: "https://undocs.org/A/HRC/RES/34/24"),
    Case(
      rule: "report to a body pursuant to its resolutions", file: "bulk/ga-79-80/A_RES_80_220.txt",
      citation: "55/21", target: "https://undocs.org/A/HRC/RES/55/21"),
    Case(
      rule: "regional commission", file: "dev/A_RES_78_147.txt", citation: "79/8 of 19 May 2023", target: nil),
    Case(
      rule: "act in a document", file: "dev/A_RES_79_1.txt", citation: "15/4", target: nil, noteLine: 629),
    Case(
      rule: "act in a document", file: "bulk/ga-78/A_RES_78_170.txt", citation: "14/221", target: nil,
      noteLine: 207),
    Case(
      rule: "act in a document", file: "bulk/ga-78/A_RES_78_140.txt", citation: "9/2", target: nil,
      noteLine: 558),
    Case(
      rule: "number the Assembly cannot have", file: "bulk/ga-78/A_RES_78_320.txt",
      citation: "15/4 of 19 December 2022", target: nil, noteLine: 76),
    Case(
      rule: "number the Assembly cannot have", file: "bulk/ga-78/A_RES_78_217.txt",
      citation: "16/99 of 1 October 1999", target: nil, noteLine: 193),
    Case(
      rule: "number the Assembly cannot have", file: "bulk/ga-78/A_RES_78_228.txt",
      citation: "27/2 of 18 May 2018", target: nil, noteLine: 181),
    Case(
      rule: "number the Assembly cannot have", file: "bulk/ga-78/A_RES_78_229.txt",
      citation: "10/6 of 16 October 2020", target: nil, noteLine: 792),
    Case(
      rule: "number the Assembly cannot have", file: "bulk/ga-78/A_RES_78_167.txt", citation: "21/1",
      target: nil, noteLine: 215),
  ]

  @Test(arguments: cases)
  func theCitationLinksToItsOwnBodyOrToNothing(_ example: Case) throws {
    let url = Fixtures.shared!.appendingPathComponent("corpus").appendingPathComponent(example.file)
    let result = try Fixtures.converter.convert(try Fixtures.bytes(url), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(xml.contains(example.citation))
    let hrefs = try CitedBodyTests.hrefs(linking: example.citation, in: xml)
    if let target = example.target {
      #expect(hrefs == [target] || (hrefs.contains(target) && !hrefs.contains { $0.contains("/un-ga/") }))
    } else {
      #expect(hrefs.isEmpty, "not linked: \(hrefs)")
    }
    let notes = result.notes.filter {
      $0.rule == RuleID.citationUnlinked && $0.message.hasPrefix("\"\(example.citation)\"")
    }
    if let line = example.noteLine {
      #expect(notes.map(\.line).contains(line), "a note at line \(line): \(notes)")
    } else {
      #expect(notes.isEmpty, "a linked or named act has no note: \(notes)")
    }
  }
}
