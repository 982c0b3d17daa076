import Foundation
import Testing

@testable import AKNModel
@testable import AkomaNtoso

/// Numbering series decided by the series they go on: a sub-heading among a numbered paragraph's
/// points is an unlabelled item of its list (the points after it stay in the list); a label that
/// is both a letter and a Roman numeral goes on from the letter before it, even across such a
/// sub-heading (`(l)` after `(k)`) or in the doubled series (`(cc)` after `(bb)`); and the
/// paragraphs of articles numbered on through the articles (`Article 2`: 1, 2; `Article 17`: 3,
/// 4) are one series, not a late start. `(i)` after `(h)` is Roman where `(ii)` follows it, and
/// the letter i after `(h)`'s Roman items.
@Suite struct SeriesThroughHeadingsTests {
  static func document(_ operative: String, annex: String = "") -> String {
    """
    United Nations
    A/RES/79/952

    General Assembly
    Distr.: General
    30 December 2024

    Seventy-ninth session
    Agenda item 200

     Resolution adopted by the General Assembly
    on 20 December 2024

    [without reference to a Main Committee (A/79/L.97)]

     79/952. Series test resolution

    The General Assembly,

    Recalling its resolution 78/1 of 10 October 2023,

    \(operative)
    50th plenary meeting
    20 December 2024
    \(annex)
    """
  }

  static func convert(_ text: String) throws -> (ConversionResult, [String]) {
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    let expression = try NSRegularExpression(pattern: #"<(?:paragraph|point|hcontainer) eId="([^"]+)""#)
    let eIds = expression.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).compactMap {
      Range($0.range(at: 1), in: xml).map { String(xml[$0]) }
    }
    return (result, eIds)
  }

  @Test(
    "A sub-heading among a paragraph's points is an item of its list; (l) after (k) and it is the twelfth letter"
  )
  func subHeadingAmongPoints() throws {
    let letters = "abcdefghijk".map { "(\($0))\tWe act on item \($0);\n" }.joined()
    let (result, eIds) = try Self.convert(
      Self.document(
        """
        1.\tDecides, to strengthen fiscal systems:

        Transparency and accountability in fiscal systems

        \(letters)
        Access to financing and correspondent banking relationships

        (l)\tWe act on item l;

        (m)\tWe act on item m;

        2.\tRequests the Secretary-General to report.

        """))
    #expect(result.warnings.map { "\($0)" } == [])
    #expect(
      eIds
        == ["para_1", "para_1__list_1__point_1"] + "abcdefghijk".map { "para_1__list_1__point_\($0)" }
        + ["para_1__list_1__point_2", "para_1__list_1__point_l", "para_1__list_1__point_m", "para_2"])
    let items = try #require(
      result.resolution.body.first.flatMap { if case .paragraph(let b) = $0 { b } else { nil } })
    #expect(
      items.children.filter(\.isHeading).map(\.text.plainText) == [
        "Transparency and accountability in fiscal systems",
        "Access to financing and correspondent banking relationships",
      ])
  }

  @Test("A heading of one line, then a numbered paragraph with no blank line between: the heading ends there")
  func headingThenNumberedParagraph() throws {
    let (result, eIds) = try Self.convert(
      Self.document(
        """
        I.
        Domestic and international private business and finance
        1.\tDecides to promote investment.

        II. Data, monitoring and follow-up
        2.\tRequests the Secretary-General to report.

        Monitoring and follow-up
        3.\tDecides to review the present resolution.

        """))
    #expect(result.warnings.map { "\($0)" } == [])
    #expect(eIds == ["sec_I__para_1", "sec_II__para_2", "sec_II__para_3"])
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(xml.contains("<heading>Domestic and international private business and finance</heading>"))
    #expect(xml.contains("<heading>Data, monitoring and follow-up</heading>"))
    #expect(xml.contains(#">Monitoring and follow-up</crossHeading>"#))
  }

  @Test("(i) after (h) is Roman when (ii) follows it, and the letter i after (h)'s Roman items")
  func romanAfterH() throws {
    let letters = "abcdefg".map { "(\($0))\tTo act on item \($0);\n" }.joined()
    let (result, eIds) = try Self.convert(
      Self.document(
        """
        1.\tDecides:

        \(letters)(h)\tTo authorize the President, in the event that an amendment is proposed:
        (i)\tTo circulate the amendment to all Member States;
        (ii)\tTo put the amendment to the vote;
        (i)\tTo decide that if a point of order is raised during the voting:
        (i)\tThe point of order shall be decided by the President;
        (ii)\tThe voting shall resume after it;
        (j)\tTo review these arrangements.

        2.\tRequests the Secretary-General to report.

        """))
    #expect(result.warnings.map { "\($0)" } == [])
    let points = "abcdefg".map { "para_1__list_1__point_\($0)" }
    #expect(
      eIds
        == ["para_1"] + points + [
          "para_1__list_1__point_h", "para_1__list_1__point_h__list_1__point_i",
          "para_1__list_1__point_h__list_1__point_ii", "para_1__list_1__point_i",
          "para_1__list_1__point_i__list_1__point_i", "para_1__list_1__point_i__list_1__point_ii",
          "para_1__list_1__point_j", "para_2",
        ])
  }

  @Test("A doubled letter after the one before it is a letter of the doubled series: (cc) after (bb)")
  func doubledLetters() throws {
    let series = "abcdefghijklmnopqrstuvwxyz".map { String($0) } + ["aa", "bb", "cc", "dd"]
    let points = series.map { "(\($0))\tWe act on item \($0);\n" }.joined()
    let (result, eIds) = try Self.convert(
      Self.document(
        """
        1.\tDecides to act on the following:

        \(points)
        2.\tRequests the Secretary-General to report.

        """))
    #expect(result.warnings.map { "\($0)" } == [])
    #expect(eIds == ["para_1"] + series.map { "para_1__list_1__point_\($0)" } + ["para_2"])
  }

  @Test("The paragraphs of articles numbered on through the articles are one series; a real gap is warned")
  func paragraphsRunOnThroughArticles() throws {
    func annex(_ second: [Int]) -> String {
      """

      Annex

      Interpretative notes on specific articles of the Convention

      Article 2

      1.\tThe definition of a service provider includes hosting services.

      2.\tThe definition does not include the users of such services.

      Article 17

      \(second.map { "\($0).\tThe offences of this article are those of the Convention." }.joined(separator: "\n\n"))

      """
    }
    let operative = "1.\tAdopts the interpretative notes annexed to the present resolution.\n"
    let (result, _) = try Self.convert(Self.document(operative, annex: annex([3, 4])))
    #expect(result.warnings.filter { $0.rule == .structureNumbering }.map { "\($0)" } == [])
    let (gap, _) = try Self.convert(Self.document(operative, annex: annex([4, 5])))
    #expect(
      gap.warnings.filter { $0.rule == .structureNumbering }.map {
        $0.message.hasPrefix(
          "the paragraphs here start at paragraph 4, not at 1: paragraphs 1 to 3 are missing")
      } == [true])
  }
}
