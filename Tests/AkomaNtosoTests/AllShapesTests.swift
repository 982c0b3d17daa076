import Foundation
import Testing

@testable import AKNModel
@testable import AkomaNtoso

/// One made-up resolution (`Tests/Fixtures/all-shapes.txt`) that puts every shape of the
/// documents in one text: a sectioned omnibus body (Roman sections whose titles open with a word
/// in -ing, one over two lines), a quoted amendment inside a paragraph, footnotes, citations of
/// five bodies (the General Assembly, the Security Council, the Economic and Social Council, the
/// Human Rights Council, and a conference of parties that gets no link), an annex with a letter
/// outline where "I." after "H." is the ninth letter and an "Action N." sharing its line with its
/// sentence, an adopted convention (title, "The States Parties to this Convention," preamble,
/// chapters, articles with paragraphs, final clauses, its closing "DONE at …"), rules of procedure ("Rule 8"
/// and its title) and a budget table printed one cell per line with letter notes. The test
/// converts it and checks every division, heading, number, table cell, note and link of the XML
/// against the list below, written by reading the text, and that nothing is warned.
@Suite struct AllShapesTests {
  static let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/all-shapes.txt")

  /// The conversion, and its XML without the line breaks and indentation between elements.
  static func convert() throws -> (result: ConversionResult, xml: String) {
    let result = try Fixtures.converter.convert(Fixtures.bytes(url), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    return (result, xml.replacingOccurrences(of: ">\n *<", with: "><", options: .regularExpression))
  }

  /// Every match of `pattern`'s first group in `xml`, in document order.
  static func all(_ pattern: String, in xml: String) throws -> [String] {
    let expression = try NSRegularExpression(pattern: pattern)
    return expression.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).compactMap {
      Range($0.range(at: 1), in: xml).map { String(xml[$0]) }
    }
  }

  @Test("Every shape in one document is read, and nothing is warned")
  func nothingWarned() throws {
    let (result, _) = try Self.convert()
    #expect(result.warnings.map { "\($0)" } == [])
  }

  @Test("Every division and paragraph, with its eId, number and heading")
  func divisions() throws {
    let (_, xml) = try Self.convert()
    let body = String(xml[xml.range(of: "<preamble")!.lowerBound...])
    let letters = (["A", "B", "C", "D", "E", "F", "G", "H"] as [String]).enumerated().flatMap {
      ["att_1__sec_I__sec_\($1)", "att_1__sec_I__sec_\($1)__para_\($0 + 2)"]
    }
    #expect(
      try Self.all(
        #"<(?:section|chapter|article|rule|hcontainer|paragraph|attachment) eId="([^"]+)""#, in: body)
        == [
          "sec_I", "sec_I__para_1", "sec_I__para_2", "sec_II", "sec_II__para_3", "sec_II__para_4", "sec_III",
          "sec_III__para_5",
          // Annex I: a Roman section holding a letter outline, "I." (the ninth letter) after "H.",
          // an action sharing its line with its sentence, paragraphs numbered on through it all.
          "att_1", "att_1__sec_I", "att_1__sec_I__para_1",
        ] + letters + [
          "att_1__sec_I__sec_I", "att_1__sec_I__sec_I__para_10", "att_1__sec_I__sec_I__hcontainer_1",
          "att_1__sec_I__sec_I__hcontainer_1__para_11", "att_1__sec_I__sec_J", "att_1__sec_I__sec_J__para_12",
          "att_1__sec_II", "att_1__sec_II__para_13",
          // Annex II: the convention's chapters, articles and their paragraphs.
          "att_2", "att_2__chp_I", "att_2__chp_I__art_1", "att_2__chp_I__art_1__para_1",
          "att_2__chp_I__art_2",
          "att_2__chp_I__art_2__para_1", "att_2__chp_I__art_2__para_2", "att_2__chp_II",
          "att_2__chp_II__art_3",
          "att_2__chp_II__art_3__para_1", "att_2__chp_II__art_4", "att_2__chp_II__art_4__para_1",
          // Annex III: rules of procedure; annex IV: the budget table.
          "att_3", "att_3__rule_8", "att_3__rule_8__para_1", "att_3__rule_8__para_2", "att_3__rule_9",
          "att_3__rule_9__para_1", "att_4", "att_4__para_1",
        ])
    #expect(
      try Self.all("<num>([^<]*)</num>", in: body) == [
        "I", "1.", "2.", "II", "3.", "4.", "III", "5.",
        "I.", "1.", "A.", "2.", "B.", "3.", "C.", "4.", "D.", "5.", "E.", "6.", "F.", "7.", "G.", "8.", "H.",
        "9.",
        "I.", "10.", "Action 1.", "11.", "J.", "12.", "II.", "13.",
        "Chapter I", "Article 1", "Article 2", "1.", "2.", "Chapter II", "Article 3", "Article 4",
        "Rule 8", "1.", "2.", "Rule 9",
      ])
    #expect(
      try Self.all("<heading>([^<]*)</heading>", in: body) == [
        "Strengthening the coordination of humanitarian assistance",
        "Revised estimates relating to the proposed programme budget for 2025 under section 29A, Department of Management Strategy, Policy and Compliance",
        "Adopting the instruments annexed to the present resolution",
        "Sustainable development", "Ending poverty", "Ending hunger", "Health and well-being", "Education",
        "Gender equality", "Water and sanitation", "Energy", "Science and technology",
        "Productive populations",
        "We will end hunger.", "Partnerships", "Monitoring and evaluation",
        "General provisions", "Statement of purpose", "Points of contact", "Final provisions",
        "Signature, ratification, acceptance, approval and accession", "Authentic texts",
        "Acting President", "Replacement of the President",
      ])
    #expect(
      try Self.all("<(?:docNumber|docTitle)>([^<]*)<", in: body) == [
        "Annex I", "Programme of action", "Annex II", "United Nations Convention against Test Crime",
        "Annex III",
        "Rules of procedure of the Conference of the States Parties", "Annex IV",
        "Budget of the Conference for 2025",
      ])
    #expect(xml.contains(#"<hcontainer eId="att_1__sec_I__sec_I__hcontainer_1" name="action">"#))
  }

  @Test("The preamble's clauses, the quoted amendment, the convention's preamble and final clauses")
  func clauses() throws {
    let (result, xml) = try Self.convert()
    #expect(
      try Self.all(#"<container eId="([^"]+)" name="[^"]+""#, in: xml).count == 10)
    #expect(
      try Self.all(#"<container eId="[^"]+" name="([^"]+)""#, in: xml) == [
        "recalling", "recalling", "takingNote", "welcoming", "noting", "conclusion", "preambularParagraph",
        "bearingInMind", "preambularParagraph", "conclusion",
      ])
    #expect(
      xml.contains(
        #"<p><i>Decides</i> to approve the following amendment to the statute of the Tribunal: Article 9, new paragraph 2:</p><p><embeddedStructure eId="sec_II__para_4__embeddedStructure_1"><p>2. In hearing an application"#
      ))
    let convention = try #require(result.resolution.attachments.dropFirst().first)
    #expect(
      convention.preamble.map(\.text.plainText) == [
        "The States Parties to this Convention,",
        "Bearing in mind the purposes and principles of the Charter of the United Nations,",
        "Have agreed as follows:",
      ])
    // The convention's final formula closes the convention (its document's conclusions), after
    // its body; it is not a paragraph of its last article.
    #expect(
      xml.contains(
        #"</mainBody><conclusions><container eId="att_2__conclusions__container_1" name="conclusion"><p>DONE at New York, this twentieth day of December two thousand and twenty-four.</p></container></conclusions></doc></attachment><attachment eId="att_3">"#
      ))
    #expect(
      convention.conclusions.map(\.plainText) == [
        "DONE at New York, this twentieth day of December two thousand and twenty-four."
      ])
    #expect(
      xml.contains(
        ##"<p><event refersTo="#plenaryMeeting50">50th plenary meeting</event></p><p><date date="2024-12-20" refersTo="#adoptionDate">20 December 2024</date></p>"##
      ))
  }

  @Test("Citations of four bodies link to their own body's act; a conference of parties' decision to nothing")
  func links() throws {
    let (_, xml) = try Self.convert()
    let links = try Self.all(#"<(?:ref|a)\b[^>]*href="([^"]*)"[^>]*>[^<]*<"#, in: xml)
    let texts = try Self.all(#"<(?:ref|a)\b[^>]*href="[^"]*"[^>]*>([^<]*)<"#, in: xml)
    #expect(
      Array(zip(links, texts).map { "\($0) \($1)" }) == [
        "https://undocs.org/A/79/L.99 A/79/L.99",
        "/akn/un/statement/deliberation/un-ga/2023-10-10/78-1 78/1 of 10 October 2023",
        "/akn/un/statement/deliberation/un-sc/2023-12-22/2720 2720 (2023) of 22 December 2023",
        "https://undocs.org/S/RES/2720 S/RES/2720",
        "/akn/un/statement/deliberation/un-ecosoc/2023-06-05/2023-5 2023/5 of 5 June 2023",
        "/akn/un/statement/deliberation/un-hrc/2023-04-03/52-3 52/3 of 3 April 2023",
        "https://undocs.org/A/HRC/RES/52/3 A/HRC/RES/52/3",
        "https://undocs.org/CBD/COP/DEC/15/4 CBD/COP/DEC/15/4",
        "https://undocs.org/A/79/534 A/79/534",
        "https://undocs.org/A/79/634 A/79/634",
      ])
    #expect(
      xml.contains(
        "<p><i>Noting</i> decision 15/4 of the Conference of the Parties to the Convention on Biological Diversity of 19 December 2022,<sup>"
      ))
  }

  @Test("An adopted text's articles and rules are printed roman: no lead phrase in their paragraphs")
  func articlesAndRulesHaveNoLeadPhrase() throws {
    let (_, xml) = try Self.convert()
    let instruments = String(
      xml[xml.range(of: "eId=\"att_2__chp_I\"")!.lowerBound..<xml.range(of: "eId=\"att_4\"")!.lowerBound])
    #expect(
      instruments.contains("<p>This Convention shall be open to all States for signature.</p>"),
      "\(instruments)")
    #expect(!instruments.contains("<i>"), "\(instruments)")
  }

  @Test("The footnotes at their markers, the table's cells and its letter notes")
  func notesAndTable() throws {
    let (_, xml) = try Self.convert()
    #expect(
      try Self.all(#"<authorialNote eId="([^"]+)""#, in: xml) == [
        "preamble__container_2__authorialNote_1", "preamble__container_4__authorialNote_2",
        "preamble__container_5__authorialNote_3", "att_4__para_1__table_1__authorialNote_a",
        "att_4__para_1__table_1__authorialNote_b",
      ])
    #expect(
      xml.contains(
        #"22 December 2023</ref>,<sup><authorialNote eId="preamble__container_2__authorialNote_1" marker="1""#
      ))
    #expect(
      xml.contains(
        #"3 April 2023</ref>,<sup><authorialNote eId="preamble__container_4__authorialNote_2" marker="2""#))
    #expect(
      xml.contains(
        #"19 December 2022,<sup><authorialNote eId="preamble__container_5__authorialNote_3" marker="3""#))
    #expect(xml.contains(#"<p><a href="https://undocs.org/CBD/COP/DEC/15/4">CBD/COP/DEC/15/4</a>.</p>"#))
    let table = String(xml[xml.range(of: "<table")!.lowerBound..<xml.range(of: "</table>")!.upperBound])
    #expect(table.hasPrefix(#"<table eId="att_4__para_1__table_1">"#))
    #expect(
      try Self.all(#"<t[hd]>\s*<p>(.*?)</p>\s*</t[hd]>"#, in: table) == [
        "Gross", "Net of staff assessment",
        #"Estimated appropriation for 2025<sup><authorialNote eId="att_4__para_1__table_1__authorialNote_a" marker="a" placement="bottom"><p>See <a href="https://undocs.org/A/79/534">A/79/534</a>.</p></authorialNote></sup>"#,
        "1 000 000", "900 000",
        #"Revised estimates: effects of inflation<sup><authorialNote eId="att_4__para_1__table_1__authorialNote_b" marker="b" placement="bottom"><p>See <a href="https://undocs.org/A/79/634">A/79/634</a>.</p></authorialNote></sup>"#,
        "200 000", "180 000",
        "Total assessment for 2025", "1 200 000", "1 080 000",
      ])
    #expect(try Self.all("<(tr)>", in: table).count == 4)
    #expect(try Self.all("<(th/)>", in: table).count == 1)
    #expect(
      xml.contains(#"</table></content>"#))
    #expect(!xml.contains("<p>a See"))
  }
}
