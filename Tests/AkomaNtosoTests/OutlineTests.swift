import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// The outline of a document: the headings of its divisions read by their shape, and each
/// division placed by the numbering series its label belongs to. Each rule on a short synthetic
/// text; the corpus documents that have the shape in `OutlineCorpusTests`.
@Suite struct OutlineTests {
  static func convert(_ text: String) throws -> (resolution: Resolution, xml: String) {
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    return (result.resolution, String(decoding: result.xml, as: UTF8.self))
  }

  /// A resolution with `body` between its formula and its closing lines.
  static func resolution(_ body: String) -> String {
    """
    United Nations
    A/RES/78/900

    General Assembly
    Distr.: General
    7 December 2023

    Seventy-eighth session
    Agenda item 12

    Resolution adopted by the General Assembly on 5 December 2023

    78/900. Test outline

    The General Assembly,

    Recalling its resolution 77/1,

    \(body)

    50th plenary meeting
    5 December 2023
    """
  }

  static func sections(_ items: [BodyItem]) -> [Section] {
    items.flatMap { item -> [Section] in
      guard case .section(let section) = item else { return [] }
      return [section] + sections(section.items)
    }
  }

  @Test("A title after a section's label is its heading, even opening with a word in -ing or over lines")
  func titlesAfterLabels() throws {
    let (resolution, xml) = try Self.convert(
      Self.resolution(
        """
        I

        Achieving sustainable fisheries

        1. Reaffirms the importance of fisheries;

        II

        Capacity-building

        2. Recognizes the importance of assisting developing States;

        III

        Revised estimates relating to the proposed programme budget for 2024 under
        section 29A, Department of Management Strategy, Policy and Compliance, and
        section 29B, Department of Operational Support

        Recalling its resolution 76/271,

        3. Approves the revised estimates;
        """))
    let sections = Self.sections(resolution.body)
    #expect(sections.map(\.num) == ["I", "II", "III"])
    #expect(
      sections.map { $0.heading?.plainText } == [
        "Achieving sustainable fisheries", "Capacity-building",
        "Revised estimates relating to the proposed programme budget for 2024 under section 29A, Department of Management Strategy, Policy and Compliance, and section 29B, Department of Operational Support",
      ])
    // The recital after the third title stays the section's preamble.
    #expect(sections[2].intro.map(\.text.plainText) == ["Recalling its resolution 76/271,"])
    #expect(xml.contains("<heading>Achieving sustainable fisheries</heading>"))
    #expect(!xml.contains("<i>Achieving</i>"))
  }

  @Test("A recital, a sentence or a paragraph with a note after a label is not its title")
  func notTitles() {
    #expect(!LineGrammar.isTitle("Recalling its resolution 76/271,"))
    #expect(!LineGrammar.isTitle("Decides to remain seized of the matter."))
    #expect(
      !LineGrammar.isTitle(
        "On 12 March 2025, the Council elected Slovenia, which comes earlier. (Footnote: See decision 2025/209 B)"
      ))
    #expect(!LineGrammar.isTitle("At its 4th plenary meeting, the General Assembly decided to hear it.2"))
    #expect(LineGrammar.isTitle("Meeting of States Parties"))
    #expect(LineGrammar.isTitle("Fishing overcapacity"))
  }

  /// A resolution that adopts an annex: `annex` after its closing lines.
  static func annexed(_ annex: String) -> String {
    resolution("1. Adopts the text annexed to the present resolution.") + "\n\nAnnex\n\n" + annex + "\n"
  }

  @Test("\"I\" after \"H\" is the ninth letter, \"J\" follows it, \"IV\" goes on from \"III\"")
  func letterISeries() throws {
    let (resolution, _) = try Self.convert(
      Self.annexed(
        """
        Programme of action

        III. How do we get there?

        1. We commit to the following actions.

        H.
        Science and technology

        2. We will promote science.

        I.
        Productive populations

        3. We will increase prosperity.

        J.
        Partnerships

        4. We will build partnerships.

        IV.
        Monitoring and evaluation

        5. We will monitor progress.
        """))
    let annex = try #require(resolution.attachments.first)
    let top = annex.items.compactMap { item -> Section? in
      if case .section(let section) = item { section } else { nil }
    }
    #expect(top.map(\.num) == ["III.", "IV."])
    #expect(Self.sections(top[0].items).map(\.num) == ["H.", "I.", "J."])
    #expect(top[1].heading?.plainText == "Monitoring and evaluation")
    #expect(
      Self.sections(top[0].items).map { $0.heading?.plainText } == [
        "Science and technology", "Productive populations", "Partnerships",
      ])
  }

  @Test("A part's label and title after a rule closes the rule; after the annex's title it opens the part")
  func partsHoldRules() throws {
    let (resolution, _) = try Self.convert(
      Self.annexed(
        """
        Provisional rules of procedure of the Conference
        I. Representation and credentials

        Rule 1

        Composition of delegations

        The delegation of each State shall consist of a head of delegation.

        V. Opening of the Conference

        Rule 2

        Temporary President

        The Secretary-General shall open the Conference.
        """))
    let annex = try #require(resolution.attachments.first)
    #expect(annex.heading.map(\.plainText) == ["Annex", "Provisional rules of procedure of the Conference"])
    let parts = annex.items.compactMap { item -> Section? in
      if case .section(let section) = item { section } else { nil }
    }
    #expect(parts.map(\.num) == ["I.", "V."])
    #expect(
      parts.map { $0.heading?.plainText } == ["Representation and credentials", "Opening of the Conference"])
    #expect(parts.map { Self.sections($0.items).map(\.num) } == [["Rule 1"], ["Rule 2"]])
    #expect(Self.sections(parts[1].items).first?.heading?.plainText == "Temporary President")
  }

  @Test func romanValues() {
    #expect(StructureReader.romanValue("XIV") == 14)
    #expect(StructureReader.romanValue("IV") == 4)
    #expect(StructureReader.romanValue("H") == nil)
  }

  @Test(
    "\"Action N.\" sharing its line with its sentence, even glued to a point, is an action holding its paragraphs"
  )
  func actions() throws {
    let (resolution, xml) = try Self.convert(
      Self.annexed(
        """
        Pact for the Future

        I. Sustainable development

        20. We decide to:

        (a)
        Scale up our efforts;

        (b)
        Remove all obstacles to sustainable development and refrain from
        economic coercion.
        Action 2. We will place the eradication of poverty at the centre of our efforts to
        achieve the 2030 Agenda.
        21. Eradicating poverty is an imperative for all humankind. We decide to:

        (a)
        Take comprehensive measures to eradicate poverty.
        Action 3. We will end hunger.
        22. We remain deeply concerned about food insecurity.

        II. International peace and security

        23. We will build peace.
        """))
    let annex = try #require(resolution.attachments.first)
    let divisions = Self.sections(annex.items)
    #expect(divisions.map(\.num) == ["I.", "Action 2.", "Action 3.", "II."])
    #expect(divisions.map(\.unit) == [.section, .action, .action, .section])
    #expect(
      divisions[1].heading?.plainText
        == "We will place the eradication of poverty at the centre of our efforts to achieve the 2030 Agenda."
    )
    #expect(divisions[1].items.count == 1)
    #expect(divisions[2].items.count == 1)
    // The point before the action keeps only its own words.
    let first = try #require(divisions[0].items.first { if case .paragraph = $0 { true } else { false } })
    guard case .paragraph(let twenty) = first else { return }
    #expect(twenty.children.last?.text.plainText.hasSuffix("refrain from economic coercion.") == true)
    #expect(xml.contains("<hcontainer eId=\"att_1__sec_I__hcontainer_2\" name=\"action\">"))
    #expect(xml.contains("<num>Action 2.</num>"))
  }

  /// A convention adopted in an annex: its title, the States Parties' preamble, chapters, articles
  /// with their titles and paragraphs.
  static let convention = annexed(
    """
    United Nations Convention against Test Crime


    Preamble


    The States Parties to the present Convention,

    Bearing in mind the purposes of the Charter,

    Have agreed as follows:


    Chapter I


    General provisions


    Article 1


    Statement of purpose


    The purposes of this Convention are to promote and strengthen measures to prevent
    and combat test crime more efficiently and effectively.


    Article 2


    24/7 network


    1.
    Each State Party shall designate a point of contact available 24 hours a day.

    2.
    Such assistance shall include facilitating the provision of technical advice.


    Chapter II


    Final provisions


    Article 3


    Interference with an information and communications technology system


    Each State Party shall adopt such legislative and other measures as may be
    necessary to establish criminal offences under its domestic law.
    """)

  @Test("A convention: chapters hold articles; an article's title is its heading, blank lines around it")
  func conventionArticles() throws {
    let (resolution, xml) = try Self.convert(Self.convention)
    let annex = try #require(resolution.attachments.first)
    let chapters = annex.items.compactMap { item -> Section? in
      if case .section(let section) = item { section } else { nil }
    }
    #expect(chapters.map(\.unit) == [.chapter, .chapter])
    #expect(chapters.map(\.num) == ["Chapter I", "Chapter II"])
    #expect(chapters.map { $0.heading?.plainText } == ["General provisions", "Final provisions"])
    let articles = Self.sections(annex.items).filter { $0.unit == .article }
    #expect(articles.map(\.num) == ["Article 1", "Article 2", "Article 3"])
    #expect(
      articles.map { $0.heading?.plainText } == [
        "Statement of purpose", "24/7 network",
        "Interference with an information and communications technology system",
      ])
    #expect(articles.map { $0.items.count } == [1, 2, 1])
    #expect(annex.preamble.first?.text.plainText == "The States Parties to the present Convention,")
    #expect(xml.contains("<chapter eId=\"att_1__chp_I\">"))
    #expect(xml.contains("<article eId=\"att_1__chp_I__art_2\">"))
  }

  @Test("An annex's title, its subtitle and its place line are its heading lines, not its preamble")
  func annexTitleLines() throws {
    let (placed, _) = try Self.convert(
      Self.annexed(
        """
        Provisional agenda of the 2026 United Nations Water Conference to Accelerate the
        Implementation of Sustainable Development Goal 6: Ensure availability and sustainable
        management of water and sanitation for all

        United Arab Emirates, 2 to 4 December 2026

        1.
        Opening of the Conference.
        """))
    let agenda = try #require(placed.attachments.first)
    #expect(agenda.heading.map(\.plainText).last == "United Arab Emirates, 2 to 4 December 2026")
    #expect(agenda.heading.count == 3)
    #expect(agenda.preamble.isEmpty)

    let (subtitled, _) = try Self.convert(
      Self.annexed(
        """
        Political declaration of the high-level meeting on the fight
        against tuberculosis



        Advancing science, finance and innovation, and their benefits, to
        urgently end the global tuberculosis epidemic, in particular by
        ensuring equitable access to prevention, testing, treatment and care



        We, Heads of State and Government and representatives of States and
        Governments assembled at the United Nations on 22 September 2023, commit to:

        1. Renew our collective commitment.
        """))
    let declaration = try #require(subtitled.attachments.first)
    #expect(declaration.heading.count == 3)
    #expect(declaration.heading.last?.plainText.hasPrefix("Advancing science") == true)
    #expect(declaration.preamble.first?.text.plainText.hasPrefix("We, Heads of State") == true)

    let (convention, _) = try Self.convert(
      Self.annexed(
        """
        United Nations Convention against Cybercrime;



        Strengthening International Cooperation for Combating Certain Crimes
        Committed by Means of Information and Communications Technology Systems



        The States Parties to the present Convention,

        Have agreed as follows:

        Article 1

        Statement of purpose

        The purposes of this Convention are to promote cooperation.
        """))
    let cybercrime = try #require(convention.attachments.first)
    #expect(
      cybercrime.heading.map(\.plainText).dropFirst().first == "United Nations Convention against Cybercrime;"
    )
    #expect(cybercrime.heading.count == 3)
    #expect(cybercrime.preamble.first?.text.plainText == "The States Parties to the present Convention,")
  }

  @Test("A quoted numbered paragraph of an amendment stays in the paragraph that quotes it")
  func quotedAmendment() throws {
    let (resolution, xml) = try Self.convert(
      Self.resolution(
        """
        13. Recalls paragraph 7 of its resolution 63/253;

        14. Decides to approve the following amendment to the statute of the Tribunal:
        Article 9, new paragraph 4:
        4.
        In hearing an application to appeal an administrative decision, the Dispute Tribunal
        shall pass judgment on the application by conducting a judicial review.

        15. Invites the Sixth Committee to consider the legal aspects of the report;
        """))
    let paragraphs = resolution.body.compactMap { item -> Block? in
      if case .paragraph(let block) = item { block } else { nil }
    }
    #expect(paragraphs.map(\.num) == ["13.", "14.", "15."])
    #expect(
      paragraphs[1].quoted.map(\.text.plainText).first?.hasPrefix("4. In hearing an application") == true)
    #expect(xml.contains("<embeddedStructure eId=\"para_14__embeddedStructure_1\"><p>4. In hearing"))
  }

  @Test(
    "A one-word heading before numbered paragraphs or their lead-in is a heading, not a paragraph or a wrap-up"
  )
  func headingWords() throws {
    let (resolution, _) = try Self.convert(
      Self.annexed(
        """
        Global Digital Compact

        6. Our cooperation must be agile.

        Objectives

        7. To achieve our goal, we will pursue the following objectives:

        1.
        Close all digital divides;

        2.
        Expand inclusion in the digital economy.

        Principles

        8. Our digital cooperation will be guided by the Charter.

        Commitments

        Guided by these principles, we hereby pledge to:

        9. Act together.
        """))
    let annex = try #require(resolution.attachments.first)
    let headings = annex.items.compactMap { item -> String? in
      if case .section(let section) = item, section.num == nil { section.heading?.plainText } else { nil }
    }
    #expect(headings == ["Objectives", "Principles", "Commitments"])
    let seven = annex.items.compactMap { item -> Block? in
      if case .paragraph(let block) = item, block.num == "7." { block } else { nil }
    }.first
    #expect(seven?.wrapUp == nil)
    #expect(seven?.children.count == 2)
  }

  @Test("A label that does not follow the one before it in its series is warned about, with its line")
  func outlineGapsAreWarned() throws {
    let text = Self.resolution(
      """
      A

      Financing of the mission

      1. Decides to appropriate the amount;

      C

      Follow-up

      2. Requests a report;
      """)
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    let warnings = result.warnings.filter { $0.rule == RuleID.structureOutline }
    #expect(warnings.count == 1)
    #expect(warnings.first?.message.contains("\"C\" does not follow \"A\"") == true)
    #expect(
      warnings.first?.line == text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(
        of: "C")! + 1)
    #expect(StructureReader.labelValue("Article 13.", style: "article") == 13)
    #expect(StructureReader.labelValue("III. How do we get there?", style: "roman") == 3)
    #expect(StructureReader.labelValue("I.", style: "letter") == 9)
  }

  @Test("A gap in a series of labelled divisions is warned only where a skipped label is printed")
  func outlineGapsOfSelectedDivisionsAreTheDocuments() throws {
    func warnings(_ middle: String) throws -> [Diagnostic] {
      let text = Self.annexed(
        """
        Amendments to the rules of procedure

        Rule 1

        Opening

        The Secretary-General shall open the session.

        \(middle)

        Rule 4

        Voting

        Each member shall have one vote.
        """)
      let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
      // Neither the reading's check nor the invariants' (structure.numbering) warns a gap twice.
      return result.warnings.filter {
        $0.rule == RuleID.structureOutline || $0.rule == RuleID.structureNumbering
      }
    }
    // Rules 2 and 3 printed nowhere: the text amends rules 1 and 4 only; nothing is wrong.
    #expect(try warnings("The rule is amended as follows.").isEmpty)
    // Rule 2 printed, but read as text: a division was missed, and the gap says so.
    let missed = try warnings("The rule is amended as follows. Rule 2 Quorum A majority shall be a quorum.")
    #expect(missed.count == 1)
    #expect(missed.first?.message.contains("\"Rule 4\" does not follow \"Rule 1\"") == true)
  }

  @Test("A budget's \"Section 31\" and its title under \"Part X\" is a section of the part")
  func budgetSections() throws {
    let (resolution, _) = try Self.convert(
      Self.resolution(
        """
        Part IX

        Internal oversight

        1. Takes note of the report;

        Part X
        Jointly financed administrative activities and special expenses

        Section 31
        Jointly financed administrative activities


        2. Decides to establish the post of Legal Officer;

        Section 29A
        Department of Management Strategy, Policy and Compliance

        3. Approves the revised estimates;
        """))
    let parts = resolution.body.compactMap { item -> Section? in
      if case .section(let section) = item { section } else { nil }
    }
    #expect(parts.map(\.num) == ["Part IX", "Part X"])
    #expect(parts[1].heading?.plainText == "Jointly financed administrative activities and special expenses")
    let sections = Self.sections(parts[1].items)
    #expect(sections.map(\.num) == ["Section 31", "Section 29A"])
    #expect(
      sections.map { $0.heading?.plainText } == [
        "Jointly financed administrative activities",
        "Department of Management Strategy, Policy and Compliance",
      ])
    #expect(sections.map { $0.items.count } == [1, 1])
  }

  @Test("A heading line before a rule inside a part is a heading over the rules, not a paragraph")
  func headingOverRules() throws {
    let (resolution, xml) = try Self.convert(
      Self.annexed(
        """
        Provisional rules of procedure of the Conference

        X.
        Public and private meetings

        General principles

        Rule 57

        The plenary meetings of the Conference shall be held in public.

        Rule 58

        Meetings of the General Committee shall be held in private.
        """))
    let annex = try #require(resolution.attachments.first)
    let part = try #require(Self.sections(annex.items).first)
    #expect(part.num == "X.")
    #expect(part.heading?.plainText == "Public and private meetings")
    guard case .section(let heading)? = part.items.first else {
      Issue.record("the part does not open with a heading")
      return
    }
    #expect(heading.num == nil && heading.heading?.plainText == "General principles")
    #expect(Self.sections(part.items).filter { $0.unit == .rule }.map(\.num) == ["Rule 57", "Rule 58"])
    #expect(
      xml.contains("<crossHeading eId=\"att_1__sec_X__crossHeading_1\">General principles</crossHeading>"))
  }

  @Test("Paragraphs numbered on through the actions of a pact are one series: not warned as starting late")
  func paragraphsRunOnThroughActions() throws {
    let result = try Fixtures.converter.convert(
      Fixtures.bytes(
        Self.annexed(
          """
          Pact for the Future

          I. Sustainable development

          1. We decide to act.
          Action 1. We will end hunger.
          2. We remain concerned about food insecurity.

          3. We will act on it.
          Action 2. We will end poverty.
          4. Poverty is an imperative.

          II. Peace and security

          5. We will build peace.
          """)), options: Fixtures.options)
    let numbering = result.warnings.filter { $0.rule == .structureNumbering }
    #expect(numbering.map(\.message) == [])
    let actions = Self.sections(result.resolution.attachments[0].items).filter { $0.unit == .action }
    #expect(actions.map(\.num) == ["Action 1.", "Action 2."])
    #expect(
      actions.map { $0.items.compactMap { if case .paragraph(let block) = $0 { block.num } else { nil } } }
        == [
          ["2.", "3."], ["4."],
        ])
  }

  @Test("A heading or lead-in among a paragraph's points keeps its place: the points after it follow it")
  func headingAmongPoints() throws {
    let (resolution, xml) = try Self.convert(
      Self.annexed(
        """
        Programme of action

        43. In the area of trade:

        (a) We encourage updating outdated investment agreements;

        Measures which restrict or distort trade

        (b) We stress the urgent need for constructive discussions;

        (c) We will make efforts to ensure a level playing field.

        44. To develop productive capacity:

        (i) Undertaking national productive capacities gap assessments;

        (ii) Investing in higher productivity sectors;

        Increase trade and investment by:

        (i) Designing prioritized trade and investment strategies;

        (ii) Enabling market access in goods and services.
        """))
    let paragraphs = resolution.attachments[0].items.compactMap { item -> Block? in
      if case .paragraph(let block) = item { block } else { nil }
    }
    #expect(paragraphs.map(\.num) == ["43.", "44."])
    #expect(paragraphs.map { $0.wrapUp } == [nil, nil])
    #expect(
      paragraphs[0].children.map { $0.num ?? $0.text.plainText } == [
        "(a)", "Measures which restrict or distort trade", "(b)", "(c)",
      ])
    #expect(
      paragraphs[1].children.map { $0.num ?? $0.text.plainText } == [
        "(i)", "(ii)", "Increase trade and investment by:", "(i)", "(ii)",
      ])
    let order = [
      "outdated investment", "Measures which", "constructive discussions", "Increase trade", "Designing",
    ]
    let places = order.compactMap { xml.range(of: $0)?.lowerBound }
    #expect(places.count == order.count && places == places.sorted())
  }

  @Test("A short table under an annex's title is a table, not a line of the title")
  func tableUnderAnnexTitle() throws {
    let (resolution, _) = try Self.convert(
      Self.annexed(
        """
        Budget of the Conference for 2025


        Gross
        Net of staff
        assessment
        Estimated appropriation for 2025
        1 000 000
        900 000
        Total assessment for 2025
        1 200 000
        1 080 000
        """))
    let annex = try #require(resolution.attachments.first)
    #expect(annex.heading.map(\.plainText) == ["Annex", "Budget of the Conference for 2025"])
    let table = annex.items.compactMap { item -> Table? in
      if case .paragraph(let block) = item { block.table } else { nil }
    }.first
    #expect(
      table?.rows.map { $0.map(\.plainText) }.last == ["Total assessment for 2025", "1 200 000", "1 080 000"])
  }
}
