import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Two labels opening one paragraph, the paragraph's and its first point's ("3. (a) The …",
/// "10. (a) The Government of India should agree …", "(a) (i) The conversion …"): read as
/// printed, the paragraph (or point) with its number and no text of its own, then its first
/// point with the rest of the line, and the points after it going on from that one.
@Suite struct TwoLabelsTests {
  static func document(_ operative: String) -> String {
    SeriesThroughHeadingsTests.document(operative)
  }

  /// The operative part of the class: a number then `(a)` on one line (tab or space apart, and
  /// on lines of their own, as the convention's text prints them), a letter then `(i)`.
  static let operative = """
    1.\tDecides to establish as criminal offences, when committed intentionally:
    (a) (i)\tThe conversion or transfer of property, knowing that such property is the proceeds of crime;
    (ii)\tThe concealment or disguise of the true nature of property;

    (b)\tThe acquisition, possession or use of property;

    2. (a) The Government of India should agree that a nominee of the Secretary-General will be appointed;

    (b) The Plebiscite Administrator should have authority to nominate his assistants.

    3.
    (a)
    Each State Party may reserve the right to apply the measures referred to in article 29;

    (b)
    Where a State Party is not able to apply the measures, it may reserve the right not to apply them.

    4.\tRequests the Secretary-General to report.

    """

  static func points(_ block: Block) -> [String] {
    block.children.flatMap { child in
      ["\(child.num ?? "-") \(child.text.plainText)"] + points(child).map { "  " + $0 }
    }
  }

  static func paragraphs(_ resolution: Resolution) -> [Block] {
    resolution.body.compactMap { if case .paragraph(let block) = $0 { block } else { nil } }
  }

  static func expectTwoLabelsRead(_ result: ConversionResult) throws {
    #expect(result.warnings.map { "\($0)" } == [])
    let paragraphs = Self.paragraphs(result.resolution)
    try #require(paragraphs.count == 4)
    #expect(paragraphs.map(\.num) == ["1.", "2.", "3.", "4."])
    #expect(
      Self.points(paragraphs[0]) == [
        "(a) ",
        "  (i) The conversion or transfer of property, knowing that such property is the proceeds of crime;",
        "  (ii) The concealment or disguise of the true nature of property;",
        "(b) The acquisition, possession or use of property;",
      ])
    #expect(paragraphs[1].text.segments.isEmpty)
    #expect(
      Self.points(paragraphs[1]) == [
        "(a) The Government of India should agree that a nominee of the Secretary-General will be appointed;",
        "(b) The Plebiscite Administrator should have authority to nominate his assistants.",
      ])
    #expect(paragraphs[2].text.segments.isEmpty)
    #expect(
      Self.points(paragraphs[2]) == [
        "(a) Each State Party may reserve the right to apply the measures referred to in article 29;",
        "(b) Where a State Party is not able to apply the measures, it may reserve the right not to apply them.",
      ])
    let xml = String(decoding: result.xml, as: UTF8.self)
      .replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
    // The paragraph's list has no intro: its first item is the point (a).
    #expect(
      xml.contains(
        #"<list eId="para_2__list_1"><point eId="para_2__list_1__point_a"><num>(a)</num><content><p>The Government of India"#
      ))
    for item in ["para_1__list_1__point_a", "para_2", "para_3"] {
      #expect(!xml.contains(#"<intro eId="\#(item)__list_1__intro">"#))
    }
    #expect(xml.contains(#"<point eId="para_1__list_1__point_a__list_1__point_i">"#))
  }

  @Test("a number and (a), a letter and (i) opening one line: the paragraph or point, then its first point")
  func text() throws {
    let result = try Fixtures.converter.convert(
      Fixtures.bytes(Self.document(Self.operative)), options: Fixtures.options)
    #expect(result.reading.form != "markdown")
    try Self.expectTwoLabelsRead(result)
  }

  @Test("the Markdown form reads the two labels as the text form does")
  func markdown() throws {
    let markdown = MarkdownFormTests.reflowed.replacingOccurrences(
      of: """
        1. Decides to continue its work;

        2. Requests the Secretary-General to report on the implementation of the present resolution.
        """,
      with: Self.operative.replacingOccurrences(of: "\t", with: " "))
    let result = try Fixtures.converter.convert(Fixtures.bytes(markdown), options: Fixtures.options)
    #expect(result.reading.form == "markdown")
    #expect(result.warnings.allSatisfy { $0.rule != RuleID.structureNumbering }, "\(result.warnings)")
    let paragraphs = Self.paragraphs(result.resolution)
    try #require(paragraphs.count == 4)
    #expect(paragraphs.map(\.num) == ["1.", "2.", "3.", "4."])
    #expect(paragraphs[1].text.segments.isEmpty && paragraphs[2].text.segments.isEmpty)
    #expect(paragraphs[1].children.map(\.num) == ["(a)", "(b)"])
    #expect(paragraphs[2].children.map(\.num) == ["(a)", "(b)"])
    #expect(paragraphs[0].children.first?.children.map(\.num) == ["(i)", "(ii)"])
  }

  @Test(
    "the second label is the first of the next level's series, or the line is text",
    arguments: [
      ("3.", "(a) The Government", "(a) The Government"),
      ("3.", "(i) The conversion", "(i) The conversion"),
      ("3.", "(1) The conversion", "(1) The conversion"),
      ("(a)", "(i) The conversion", "(i) The conversion"),
      ("(a)", "(1) The conversion", "(1) The conversion"),
      ("3.", "(b) of the annex", nil),
      ("3.", "(ii) The concealment", nil),
      ("(a)", "(a) The conversion", nil),
      ("(a)", "(b) The conversion", nil),
      ("(i)", "(a) The conversion", nil),
      ("(1)", "(a) The conversion", nil),
      ("3.", "(a)", nil),
      ("3.", "Decides (a) to act", nil),
    ] as [(String, String, String?)])
  func firstSubLabel(outer: String, rest: String, point: String?) throws {
    let (label, text) = try #require(LineGrammar.label(of: "\(outer) \(rest)"))
    let found = LineGrammar.firstSubLabel(after: label, in: text)
    #expect(found.map { "\($0.0.printed) \($0.1)" } == point)
  }

  @Test("a number that continues a numbered list inside a paragraph stays the list's item, its (a) its text")
  func numberedListItemKeepsItsLine() throws {
    let result = try Fixtures.converter.convert(
      Fixtures.bytes(
        Self.document(
          """
          1.\tDecides to establish the following bodies:
          1.\tA committee of experts;
          2. (a) a working group, and its bureau;

          2.\tRequests the Secretary-General to report.

          """)), options: Fixtures.options)
    let paragraphs = Self.paragraphs(result.resolution)
    try #require(paragraphs.count == 2)
    #expect(
      Self.points(paragraphs[0]) == ["1. A committee of experts;", "2. (a) a working group, and its bureau;"])
  }
}

/// The class in the corpus: the convention of A/RES/79/243 ("(a) (i)", "3." / "(a)", "1." /
/// "(a)", "12. (a)") and S/RES/47's "10. (a) The Government of India …".
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: corpus tests skipped"))
struct TwoLabelsCorpusTests {
  /// Every paragraph or point of `path` with a number and no text of its own: its number, its
  /// first point's label and the first words of that point.
  static func textless(_ path: String) throws -> (ConversionResult, [String]) {
    let url = Fixtures.shared!.appendingPathComponent("corpus").appendingPathComponent(path)
    let result = try Fixtures.converter.convert(Fixtures.bytes(url), options: Fixtures.options)
    var found: [String] = []
    func visit(_ block: Block) {
      if block.num != nil, block.text.segments.isEmpty, let first = block.children.first {
        found.append("\(block.num!) \(first.num ?? "-") \(first.text.plainText.prefix(30))")
      }
      block.children.forEach(visit)
    }
    func visit(_ items: [BodyItem]) {
      for item in items {
        switch item {
        case .paragraph(let block): visit(block)
        case .section(let section): visit(section.items)
        }
      }
    }
    visit(result.resolution.body)
    for attachment in result.resolution.attachments { visit(attachment.items) }
    return (result, found)
  }

  @Test func theConventionsParagraphsOpenWithTheirFirstPoint() throws {
    let (result, found) = try Self.textless("bulk/ga-79-80/A_RES_79_243.txt")
    #expect(result.warnings.filter { $0.rule == RuleID.structureNumbering }.isEmpty, "\(result.warnings)")
    #expect(
      found == [
        "(a) (i) The conversion or transfer of ", "3. (a) Each State Party may reserve t",
        "1. (a) A State Party transferring per", "12. (a) Each State Party shall designa",
      ])
  }

  @Test func paragraphTenOfSRes47OpensWithItsPointA() throws {
    let (result, found) = try Self.textless("bulk/sc-0001-0450/S_RES_0047_1948_EN_GOLD.txt")
    #expect(result.warnings.filter { $0.rule == RuleID.structureNumbering }.isEmpty, "\(result.warnings)")
    #expect(found == ["10. (a) The Government of India should"])
  }
}
