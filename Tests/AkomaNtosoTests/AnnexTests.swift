import Foundation
import Testing

@testable import AKNModel
@testable import AkomaNtoso

/// Annexes in every shape, and headings, quoted articles and rules, and tables inside the
/// operative part, each on a real document of `../shared/corpus` that has that shape.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: annex tests skipped"))
struct AnnexTests {
  /// Converts `path` (relative to `../shared/corpus`).
  static func convert(_ path: String) throws -> (result: ConversionResult, xml: String) {
    let url = Fixtures.shared!.appendingPathComponent("corpus").appendingPathComponent(path)
    let result = try Fixtures.converter.convert(try Fixtures.bytes(url), options: Fixtures.options)
    return (result, String(decoding: result.xml, as: UTF8.self))
  }

  /// The numbered paragraphs among `items`, at any depth of sections, articles and rules.
  static func numbered(_ items: [BodyItem]) -> [Block] {
    items.flatMap { item -> [Block] in
      switch item {
      case .paragraph(let block): return block.num == nil ? [] : [block]
      case .section(let section): return numbered(section.items)
      }
    }
  }

  /// The sections, articles and rules among `items`, depth first.
  static func divisions(_ items: [BodyItem]) -> [Section] {
    items.flatMap { item -> [Section] in
      guard case .section(let section) = item else { return [] }
      return [section] + divisions(section.items)
    }
  }

  /// The closing lines hold only the meeting and the date.
  static func expectClosingLinesOnly(
    _ resolution: Resolution, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(resolution.conclusions.count == 2, sourceLocation: sourceLocation)
    for line in resolution.conclusions {
      switch line.role {
      case .meeting, .date: break
      case .other:
        Issue.record(
          "not a closing line in the conclusions: \(line.text.plainText)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test("78/1: \"Annex\", a title line, sections \"I. Heading\" with numbered paragraphs")
  func annexWithTitleAndSections() throws {
    let (result, xml) = try Self.convert("bulk/ga-78/A_RES_78_1.txt")
    let resolution = result.resolution
    #expect(resolution.attachments.count == 1)
    let annex = try #require(resolution.attachments.first)
    #expect(annex.heading.map(\.plainText).first == "Annex")
    #expect(annex.heading.count == 2)
    #expect(
      annex.heading.last?.plainText.hasPrefix(
        "Political Declaration adopted at the High-level Political Forum") == true)
    let sections = Self.divisions(annex.items)
    #expect(sections.map(\.num) == ["I.", "II.", "III."])
    #expect(sections.first?.heading?.plainText == "Our shared commitment")
    #expect(Self.numbered(annex.items).count == 43)
    #expect(resolution.operativeParagraphCount == 1)
    Self.expectClosingLinesOnly(resolution)
    #expect(xml.contains("<p><docNumber>Annex</docNumber></p>"))
    #expect(xml.contains("<section eId=\"att_1__sec_I\">"))
    #expect(xml.contains("<heading>Our shared commitment</heading>"))
  }

  @Test("78/3: a declaration's lead-in is its preamble, its heading a heading, its paragraphs numbered")
  func declarationInAnnex() throws {
    let (result, xml) = try Self.convert("bulk/ga-78/A_RES_78_3.txt")
    let annex = try #require(result.resolution.attachments.first)
    #expect(
      annex.heading.map(\.plainText) == [
        "Annex",
        "Political declaration of the General Assembly high-level meeting on pandemic prevention, preparedness and response",
      ])
    #expect(annex.preamble.count == 1)
    #expect(annex.preamble.first?.text.plainText.hasPrefix("We, Heads of State and Government") == true)
    #expect(Self.numbered(annex.items).count == 78)
    #expect(
      annex.items.contains {
        if case .section(let s) = $0 { s.heading?.plainText == "Call to action" } else { false }
      })
    #expect(xml.contains("<container eId=\"att_1__preamble__container_1\""))
    #expect(xml.contains("<hcontainer eId=\"att_1__hcontainer_1\" name=\"crossHeading\">"))
    // No annex lead-in is warned as an unnumbered operative paragraph.
    #expect(!result.warnings.contains { $0.rule == RuleID.structureUnnumbered })
    Self.expectClosingLinesOnly(result.resolution)
  }

  @Test("78/128: \"Annex I\" to \"Annex III\", parts and sub-parts, 68 rules with headings")
  func numberedAnnexesWithRules() throws {
    let (result, xml) = try Self.convert("bulk/ga-78/A_RES_78_128.txt")
    let attachments = result.resolution.attachments
    #expect(attachments.map { $0.heading.first?.plainText } == ["Annex I", "Annex II", "Annex III"])
    #expect(attachments.map(\.number) == ["I", "II", "III"])
    #expect(Self.numbered(attachments[0].items).count == 12)
    let parts = Self.divisions(attachments[1].items)
    #expect(parts.prefix(4).map(\.num) == ["I.", "A.", "B.", "C."])
    #expect(parts.first?.heading?.plainText == "Organization of work")
    let rules = Self.divisions(attachments[2].items).filter { $0.unit == .rule }
    #expect(rules.count == 68)
    #expect(rules.first?.num == "Rule 1")
    #expect(rules.first?.heading?.plainText == "Composition of delegations")
    #expect(xml.contains("<rule eId=\"att_3__sec_I__rule_1\">"))
    #expect(xml.contains("<p><docNumber>Annex III</docNumber></p>"))
    Self.expectClosingLinesOnly(result.resolution)
  }

  @Test("78/128: unlabelled lines after \"… as follows:\" are the paragraph's points")
  func unlabelledItems() throws {
    let (result, _) = try Self.convert("bulk/ga-78/A_RES_78_128.txt")
    let paragraph = try #require(Self.numbered(result.resolution.body).first { $0.num == "10." })
    #expect(paragraph.children.count == 5)
    #expect(paragraph.children.first?.text.plainText.hasPrefix("Monday, 9 June:") == true)
    #expect(!result.warnings.contains { $0.rule == RuleID.structureUnnumbered })
  }

  @Test("S/RES/263 (1969): an \"ANNEX\" of rules before the adoption trailer")
  func annexBeforeTheClosingLines() throws {
    let (result, xml) = try Self.convert("bulk/sc-0001-0450/S_RES_0263_1969_EN_GOLD.txt")
    let resolution = result.resolution
    #expect(resolution.operativeParagraphCount == 1)
    let annex = try #require(resolution.attachments.first)
    #expect(resolution.attachments.count == 1)
    #expect(annex.heading.first?.plainText == "ANNEX")
    #expect(annex.heading.last?.plainText.hasPrefix("Revised text of rules 41, 42, 43 and 44") == true)
    #expect(Self.divisions(annex.items).map(\.num) == ["Rule 41", "Rule 42", "Rule 43", "Rule 44"])
    #expect(resolution.conclusions.map(\.text.plainText) == ["Adopted at the 1463rd meeting. "])
    #expect(result.reading.report.movedLines != nil)
    #expect(xml.contains("<rule eId=\"att_1__rule_44\">"))
  }

  @Test("S/RES/21 (1947): the articles of an approved agreement, with their own paragraphs")
  func adoptedArticles() throws {
    let (result, xml) = try Self.convert("dev/S_RES_21_1947.txt")
    let agreement = try #require(result.resolution.attachments.first)
    let articles = Self.divisions(agreement.items)
    #expect(articles.count == 16)
    #expect(articles.allSatisfy { $0.unit == .article })
    #expect(articles[1].num == "Article 2")
    #expect(Self.numbered(articles[4].items).map(\.num) == ["1.", "2.", "3."])
    #expect(xml.contains("<article eId=\"att_1__art_5\">"))
    #expect(!xml.contains("<p>Article "))
  }

  @Test(
    "78/250 and 78/322: a heading before a numbered paragraph is a heading, paragraphs keep their numbers")
  func headingsAmongOperativeParagraphs() throws {
    for (path, heading) in [
      ("bulk/ga-78/A_RES_78_250.txt", "Financing of the appropriation"),
      ("bulk/ga-78/A_RES_78_322.txt", "Ways to further improve the multidimensional vulnerability index"),
    ] {
      let (result, xml) = try Self.convert(path)
      #expect(xml.contains("name=\"crossHeading\">\n        <heading>\(heading)</heading>"), "\(path)")
      #expect(!result.warnings.contains { $0.rule == RuleID.structureUnnumbered }, "\(path)")
      #expect(!xml.contains("<paragraph eId=\"para_1-2\""), "\(path)")
      for number in Self.numbered(result.resolution.body).compactMap(\.num) {
        #expect(xml.contains("<paragraph eId=\"para_\(number.dropLast())\">"), "\(path) \(number)")
      }
    }
  }

  @Test("S/RES/301 (1971): text a paragraph quotes stays inside it, in an <embeddedStructure>")
  func quotedTextStaysInItsParagraph() throws {
    let (result, xml) = try Self.convert("bulk/sc-0001-0450/S_RES_0301_1971_EN_GOLD.txt")
    let paragraph = try #require(Self.numbered(result.resolution.body).first { $0.num == "6." })
    #expect(
      paragraph.quoted.map { String($0.text.plainText.prefix(4)) } == [
        "\u{201C}(1)", "\u{201C}(2)", "\u{201C}(3)",
      ])
    #expect(
      result.resolution.body.allSatisfy {
        if case .paragraph(let block) = $0 { block.text.plainText.first != "\u{201C}" } else { true }
      })
    #expect(xml.contains("<p><embeddedStructure eId=\"para_6__embeddedStructure_1\"><p>\u{201C}(1) that"))
    #expect(!xml.contains("eId=\"para_2-2\""))
  }

  @Test("S/RES/26 (1947): quoted rules stay in the recital and the paragraph that quote them")
  func quotedRulesStayInTheirParagraphs() throws {
    let (result, xml) = try Self.convert("bulk/sc-0001-0450/S_RES_0026_1947_EN_GOLD.txt")
    let resolution = result.resolution
    #expect(resolution.attachments.isEmpty)
    #expect(resolution.preamble.first?.quoted.map(\.text.plainText).first == "\u{201C}Rule 99 A")
    let paragraph = try #require(Self.numbered(resolution.body).first { $0.num == "2." })
    #expect(paragraph.quoted.count == 3)
    #expect(paragraph.quoted[1].text.plainText == "\u{201C}Rule 61")
    #expect(Self.numbered(resolution.body).map(\.num) == ["1.", "2."])
    #expect(xml.contains("<embeddedStructure eId=\"preamble__container_1__embeddedStructure_1\">"))
    #expect(!xml.contains("<rule "))
  }

  @Test("79/250: a table printed one cell per line is a <table> in the paragraph that announces it")
  func flattenedTable() throws {
    let (result, xml) = try Self.convert("dev/A_RES_79_250.txt")
    let paragraph = try #require(Self.numbered(result.resolution.body).first { $0.num == "11." })
    let table = try #require(paragraph.table)
    #expect(table.rows.count == 11)
    #expect(table.rows.allSatisfy { $0.count == 4 })
    #expect(
      table.rows[0].map(\.plainText) == [
        "Level", "Criterion", "Threshold in United States dollars (2025–2027)", "Discount (percentage)",
      ])
    #expect(
      table.rows[8].last?.segments == [.text("80 (or 70 on a voluntary basis)"), .noteRef(marker: "a")])
    #expect(
      table.rows[9][1].plainText.hasSuffix("for all Member States (except level A, C and J contributors)"))
    #expect(table.notes.isEmpty)
    #expect(
      table.footnotes.map(\.text.plainText) == ["Member States in level H* have a discount of 70 per cent."])
    #expect(result.resolution.operativeParagraphCount == 21)
    #expect(!xml.contains("<section"))
    #expect(!xml.contains("name=\"crossHeading\""))
    #expect(xml.contains("<table eId=\"para_11__table_1\">"))
    #expect(xml.contains("<th>\n                <p>Discount (percentage)</p>"))
  }

  @Test("78/253: a table whose columns cannot be told apart stays in its paragraph, with a warning")
  func unshapedTable() throws {
    let (result, xml) = try Self.convert("dev/A_RES_78_253.txt")
    #expect(result.warnings.filter { $0.rule == RuleID.structureTable }.map(\.line) == [519, 1013])
    #expect(!xml.contains("<heading>Pension Administration</heading>"))
    #expect(!xml.contains("<heading>Office of Investment Management</heading>"))
    let tables = Self.numbered(result.resolution.body).compactMap(\.table)
    #expect(tables.count == 2)
    #expect(tables.allSatisfy { $0.rows.isEmpty && !$0.lines.isEmpty })
    #expect(tables[1].notes.first?.plainText.hasPrefix("Abbreviations:") == true)
    #expect(result.resolution.operativeParagraphCount == 219)
  }

  @Test("S/RES/18 (1947): a numbered paragraph's eId is its number, whatever unnumbered text precedes it")
  func numberedEIdsWhateverPrecedes() throws {
    let (result, xml) = try Self.convert("bulk/sc-0001-0450/S_RES_0018_1947_EN_GOLD.txt")
    #expect(!xml.contains("eId=\"para_4-2\""))
    for number in Self.numbered(result.resolution.body).compactMap(\.num) {
      #expect(
        xml.contains("<paragraph eId=\"para_\(number.filter(\.isNumber))\">\n        <num>\(number)</num>"))
    }
  }

  @Test("decision 76/507: an \"Annex\" with no title, a list of names, is all body")
  func untitledAnnexList() throws {
    let (result, xml) = try Self.convert("dev-decisions/A_DEC_76_507.txt")
    let annex = try #require(result.resolution.attachments.first)
    #expect(annex.heading.map(\.plainText) == ["Annex"])
    guard case .paragraph(let first)? = annex.items.first else {
      Issue.record("the annex does not start with a paragraph")
      return
    }
    #expect(first.text.plainText == "AJESH (AJEMALEBU SELF HELP)")
    #expect(annex.items.count == 42)  // lines 5 to 46, one name each
    #expect(!xml.contains("<docTitle>AJESH"))
    #expect(result.resolution.body.count == 1)
  }

  @Test("GA 78 annexes: every one read, the closing lines only meeting and date")
  func everyGA78Annex() throws {
    let expected = [
      "1": 1, "3": 1, "4": 1, "5": 1, "128": 3, "249": 1, "252": 1, "317": 1, "327": 3,
    ]
    for (number, count) in expected {
      let (result, xml) = try Self.convert("bulk/ga-78/A_RES_78_\(number).txt")
      #expect(result.resolution.attachments.count == count, "78/\(number)")
      #expect(result.resolution.attachments.allSatisfy { !$0.items.isEmpty }, "78/\(number)")
      #expect(!xml.contains("<p></p>"), "78/\(number)")
      Self.expectClosingLinesOnly(result.resolution)
    }
  }

  @Test("text after the closing lines that is neither an annex nor a note is an error, never a closing line")
  func textAfterClosingLinesIsAnError() throws {
    let url = Fixtures.shared!.appendingPathComponent("corpus/dev/A_RES_79_250.txt")
    let text = String(decoding: try Fixtures.bytes(url), as: UTF8.self)
    let date = try #require(text.range(of: "24 December 2024 \n", options: .backwards))
    var stray = text
    stray.insert(contentsOf: " \nDeclaration of stray words\n", at: date.upperBound)
    let error = #expect(throws: ConversionError.self) {
      try Fixtures.converter.convert(Fixtures.bytes(stray), options: Fixtures.options)
    }
    #expect(error?.diagnostics.first?.rule == RuleID.textStructure)
    #expect(error?.diagnostics.first?.message.contains("after the closing lines") == true)
  }
}
