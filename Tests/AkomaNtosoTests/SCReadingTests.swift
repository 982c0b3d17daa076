import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// How the printed Security Council volumes' texts are read: the operative part's introductory
/// words, recitals printed without blank lines between them, and a heading's adoption line with a
/// word dropped.
struct SCReadingTests {
  static func convert(_ text: String) throws -> (ConversionResult, String) {
    let result = try Fixtures.converter.convert(Array(text.utf8), options: Fixtures.options)
    return (result, String(decoding: result.xml, as: UTF8.self))
  }

  static let resolvesThat = """
    12 (1946). Resolution of 10 December 1946

    The Security Council
    Resolves that:

    1. The representatives of Greece and Yugoslavia are invited to participate in the discussion;

    2. The representatives of Albania and Bulgaria are invited to make declarations.

    Adopted at the 82nd meeting.

    """

  @Test func resolvesThatIsTheOperativePartsIntroNotAParagraph() throws {
    let (result, xml) = try Self.convert(Self.resolvesThat)
    guard case .paragraph(let intro)? = result.resolution.body.first else {
      Issue.record("no paragraph first")
      return
    }
    #expect(intro.isIntro && intro.num == nil && intro.text.plainText == "Resolves that:")
    #expect(result.resolution.operativeParagraphCount == 2)
    #expect(result.resolution.preamble.isEmpty)
    #expect(
      xml.contains(
        """
        <hcontainer eId="hcontainer_1" name="intro">
                <content>
                  <p><i>Resolves</i> that:</p>
        """))
    // No invented paragraph number: the numbered paragraphs are the only paragraphs.
    #expect(!xml.contains("para_3"))
    #expect(xml.contains(#"<paragraph eId="para_1">"#))
  }

  @Test func recitalsWithoutBlankLinesBetweenThemAreSeparate() throws {
    let text = """
      Resolution 598 (1987)
      of 20 July 1987

      The Security Council,

      Reaffirming its resolution 582 (1986),
      Deeply concerned that, despite its calls for a cease-fire,

      the conflict between Iran and Iraq continues unabated,

      Deploring the initiation and continuation of the conflict,
      Deploring also the bombing of purely civilian population
      centres, contrary to obligations under the 1925 Geneva
      Protocol, 28

      1. Demands that the parties observe a cease-fire.

      Adopted at the 2750th meeting.

      28 League of Nations, Treaty Series, vol. XCIV.

      """
    let (result, _) = try Self.convert(text)
    let recitals = result.resolution.preamble.map(\.text.plainText)
    #expect(recitals.count == 4, "\(recitals)")
    #expect(recitals.first == "Reaffirming its resolution 582 (1986),")
    #expect(
      recitals.dropFirst().first
        == "Deeply concerned that, despite its calls for a cease-fire, the conflict between Iran and Iraq continues unabated,"
    )
    #expect(recitals.last?.hasPrefix("Deploring also the bombing") == true)
  }

  @Test func aWrappedLineAfterACommaInsideARecitalStaysInIt() throws {
    // A capitalized word that is no preambular phrase, or a line inside a quotation, after a
    // comma: the same recital.
    let text = """
      Resolution 600 (1987)
      of 20 July 1987

      The Security Council,

      Recalling the conference held in Geneva,
      Switzerland, and its outcome,

      Taking note of the road map entitled “Global Drive for Media Freedom,
      Access to Information and the Safety of Journalists”,

      1. Decides to remain seized of the matter.

      Adopted at the 2751st meeting.

      """
    let (result, _) = try Self.convert(text)
    #expect(
      result.resolution.preamble.map(\.text.plainText) == [
        "Recalling the conference held in Geneva, Switzerland, and its outcome,",
        "Taking note of the road map entitled “Global Drive for Media Freedom, Access to Information and the Safety of Journalists”,",
      ])
  }

  @Test func anAdoptionLineMissingAWordOfTheCouncilsNameIsStillTheHeading() throws {
    let text = """
      RESOLUTION 803 (1993)

      Adopted by the Security at its 3167th meeting,
      on 28 January 1993

      The Security Council,

      Responding to the request of the Government of Lebanon,

      1. Decides to extend the present mandate of UNIFIL;

      2. Decides to remain seized of the question.

      """
    let (result, _) = try Self.convert(text)
    #expect(result.resolution.metadata.adoptionDate == SimpleDate(year: 1993, month: 1, day: 28))
    #expect(result.resolution.metadata.meetingNumber == 3167)
    #expect(result.resolution.operativeParagraphCount == 2)
    #expect(result.resolution.preamble.count == 1)
  }

  @Test func letteredOperativeParagraphsKeepTheirLettersAsNumbers() throws {
    let text = """
      39 (1948). Resolution of 20 January 1948

      The Security Council,

      Considering that an investigation is a matter of urgency,

      Adopts the following resolution :

      A. A Commission of the Security Council is hereby established.

      B. The Commission shall proceed to the spot as quickly as possible.

      C. The Commission shall report to the Council.

      Adopted at the 230th meeting.

      """
    let (result, xml) = try Self.convert(text)
    let paragraphs = result.resolution.body.compactMap { item -> Block? in
      if case .paragraph(let block) = item { return block } else { return nil }
    }
    #expect(paragraphs.map(\.num) == [nil, "A.", "B.", "C."])
    #expect(paragraphs.first?.isIntro == true)
    #expect(
      paragraphs.dropFirst().first?.text.plainText
        == "A Commission of the Security Council is hereby established.")
    #expect(result.resolution.preamble.count == 1)
    #expect(result.resolution.operativeParagraphCount == 3)
    #expect(xml.contains(#"<paragraph eId="para_B">"#) && xml.contains("<num>B.</num>"))
  }

  @Test func aSingleLetteredSentenceIsNotASeries() throws {
    // "A." alone, with no "B." after it, is no lettered series: nothing is renumbered.
    let text = """
      Resolution 600 (1987)
      of 20 July 1987

      The Security Council,

      Recalling its resolutions,

      A. Smith is appointed.

      Adopted at the 2751st meeting.

      """
    let (result, _) = try Self.convert(text)
    guard case .paragraph(let block)? = result.resolution.body.first else {
      Issue.record("no paragraph")
      return
    }
    #expect(block.num == nil && block.text.plainText == "A. Smith is appointed.")
  }

  @Test func anOperativeParagraphAfterARecitalWithoutABlankLineIsSeparate() throws {
    let text = """
      150 (1960). Resolution of 23 August 1960

      The Security Council,

      Having examined the application of the Republic of
      the Ivory Coast, 26
      Recommends to the General Assembly that the Republic of the Ivory Coast be admitted to membership in
      the United Nations.

      Adopted unanimously at the
      891st meeting.

      26 Ibid., document S/4431.

      """
    let (result, _) = try Self.convert(text)
    #expect(
      result.resolution.preamble.map(\.text.plainText.trimmed) == [
        "Having examined the application of the Republic of the Ivory Coast,"
      ])
    guard case .paragraph(let block)? = result.resolution.body.first else {
      Issue.record("no paragraph")
      return
    }
    #expect(block.text.plainText.hasPrefix("Recommends to the General Assembly"))
  }

  @Test func aQuotedChapterOfRulesIsTextTheParagraphQuotesNotAnAnnex() throws {
    let text = """
      37 (1947). Resolution of 9 December 1947
      The Security Council

      Decides to include in its rules of procedure the
      following revised rules :

      CHAPTER X. — ADMISSION OF NEW MEMBERS
      “Rule 58

      “Any State which desires to become a Member
      of the United Nations shall submit an application.

      “Rule 59
      [Text unchanged.]

      “Rule 60

      “The Security Council shall decide whether the applicant is a peace-loving State.”

      Adopted at the 222nd meeting.

      """
    let (result, xml) = try Self.convert(text)
    #expect(result.resolution.attachments.isEmpty)
    guard case .paragraph(let block)? = result.resolution.body.first, result.resolution.body.count == 1 else {
      Issue.record("not one paragraph: \(result.resolution.body)")
      return
    }
    #expect(block.text.plainText.hasPrefix("Decides to include"))
    #expect(block.quoted.first?.text.plainText.hasPrefix("CHAPTER X.") == true)
    #expect(block.quoted.last?.text.plainText.hasPrefix("“The Security Council shall decide") == true)
    #expect(xml.contains("<embeddedStructure") && !xml.contains("<attachments>"))
  }
}

/// A page of a volume cut out with the end of the item before the resolution; a heading whose
/// date is too damaged to read.
struct SCPageCutTests {
  static let statementThenResolution = """
    cease its armed attacks. The Council expresses its condemnation of
    such criminal attacks.

    At its 3254th meeting, on 15 July 1993, the Council decided to
    invite the representatives of Angola to participate, without vote.

    Resolution 851 (1993)
    of 15 July 1993

    The Security Council,

    Reaffirming its resolution 696 (1991) of 30 May 1991,

    1. Decides to extend the mandate of the Mission until 15 September 1993;

    2. Decides to remain seized of the matter.

    Adopted unanimously at the 3254th meeting.

    """

  @Test func theVolumesPreviousItemIsLeftOutAndSaid() throws {
    let (result, xml) = try SCReadingTests.convert(Self.statementThenResolution)
    #expect(result.resolution.metadata.symbol == "S/RES/851 (1993)")
    #expect(result.resolution.metadata.adoptionDate == SimpleDate(year: 1993, month: 7, day: 15))
    #expect(result.resolution.operativeParagraphCount == 2)
    let warning = try #require(result.warnings.first { $0.rule == RuleID.textPreviousItem })
    #expect(warning.line == 1)
    #expect(
      warning.message.hasPrefix("4 lines before the resolution's heading \"Resolution 851 (1993)\" (line 7)"))
    #expect(result.furniture.filter { $0.reason == .previousItem }.map(\.line) == [1, 2, 4, 5])
    #expect(!xml.contains("armed attacks") && !xml.contains("decided to"))
  }

  @Test func theMarkerOfAVolumesNoteNotInTheFileIsTakenOutWithANote() throws {
    let text = Self.statementThenResolution.replacingOccurrences(
      of: "Reaffirming its resolution 696 (1991) of 30 May 1991,",
      with: "Taking note of the letters addressed to the President of the Security\nCouncil, 123")
    let (result, xml) = try SCReadingTests.convert(text)
    #expect(!xml.contains("123"))
    #expect(xml.contains("addressed to the President of the Security Council,</p>"))
    let note = try #require(result.notes.first { $0.rule == RuleID.footnoteInText })
    #expect(note.line == 13)  // the line that prints it
    #expect(note.message.hasPrefix("took \"123\" out of \"Council, 123\""))
    #expect(!result.warnings.contains { $0.rule == RuleID.footnoteInText })
    // A number that counts something stays: "resolution 12".
    let counted = Self.statementThenResolution.replacingOccurrences(
      of: "Reaffirming its resolution 696 (1991) of 30 May 1991,", with: "Recalling its resolution, 12")
    let (_, kept) = try SCReadingTests.convert(counted)
    #expect(kept.contains("Recalling</i> its resolution, 12") || kept.contains("its resolution, 12"))
  }

  @Test func aSubjectLineAboveTheHeadingStaysInThePreface() throws {
    let text =
      "THE PALESTINE QUESTION\n\n"
      + Self.statementThenResolution.split(separator: "\n\n").dropFirst(2)
      .joined(separator: "\n\n") + "\n"
    let (result, _) = try SCReadingTests.convert(text)
    #expect(!result.warnings.contains { $0.rule == RuleID.textPreviousItem })
    #expect(result.resolution.preface.first?.text.plainText == "THE PALESTINE QUESTION")
  }

  @Test func aTextWithoutAHeadingIsStillNotAResolution() {
    // The heading's line alone, with no formula after it, is not taken for a late heading.
    let text = "Some statement.\n\nResolution 851 (1993)\n\nOther words follow here.\n"
    #expect(throws: ConversionError.self) { try SCReadingTests.convert(text) }
  }

  @Test func aDamagedDateOnTheHeadingsBlockIsNamedWithItsLine() {
    let text = Self.statementThenResolution.split(separator: "\n\n").dropFirst(2).joined(separator: "\n\n")
      .replacingOccurrences(of: "of 15 July 1993", with: "of 1S Juiy 1993")
    do {
      _ = try SCReadingTests.convert(text)
      Issue.record("converted without an adoption date")
    } catch {
      let diagnostic = (error as? ConversionError)?.diagnostics.first
      #expect(diagnostic?.rule == RuleID.textMetadata)
      #expect(diagnostic?.line == 2)
      #expect(
        diagnostic?.message.hasPrefix(
          "no adoption date: the adoption date \"of 1S Juiy 1993\" cannot be read") == true)
    }
  }
}

/// The enacting formula printed after the preambular paragraphs, as early Council texts print it.
struct LateFormulaTests {
  static let whereas = """
    30 (1947). Resolution of 25 August 1947

    Whereas the Security Council on 1 August 1947 called upon the parties to cease hostilities,

    Whereas communications have been received from the Governments,

    The Security Council

    1. Notes with satisfaction the steps taken by the parties;

    2. Requests the parties to report.

    Adopted at the 194th meeting.

    """

  @Test func theFormulaStandsWhereItIsPrinted() throws {
    let (result, xml) = try SCReadingTests.convert(Self.whereas)
    #expect(result.resolution.formula?.plainText == "The Security Council")
    #expect(result.resolution.formulaAfter == 2)
    #expect(result.resolution.preamble.count == 2)
    #expect(result.resolution.operativeParagraphCount == 2)
    #expect(!result.warnings.contains { $0.rule == RuleID.structureClausePlace }, "\(result.warnings)")
    let second = try #require(xml.range(of: #"<container eId="preamble__container_2""#))
    let formula = try #require(xml.range(of: #"<formula eId="preamble__formula_1""#))
    let body = try #require(xml.range(of: "<mainBody>"))
    #expect(second.lowerBound < formula.lowerBound && formula.lowerBound < body.lowerBound)
  }

  @Test func aFormulaOpeningThePreambleIsFirstAsAlways() throws {
    let text = Self.whereas.replacingOccurrences(of: "The Security Council\n\n", with: "")
      .replacingOccurrences(of: "1947\n\nWhereas the", with: "1947\n\nThe Security Council,\n\nWhereas the")
    let (result, xml) = try SCReadingTests.convert(text)
    #expect(result.resolution.formulaAfter == nil)
    let formula = try #require(xml.range(of: #"<formula eId="preamble__formula_1""#))
    let first = try #require(xml.range(of: #"<container eId="preamble__container_1""#))
    #expect(formula.lowerBound < first.lowerBound)
  }

  @Test func aPartLetterBeforeTheFormulaIsNotAClause() throws {
    // "A" / "The Security Council, …": the part's own formula, read as before.
    let text = """
      161 (1961). Resolution of 21 February 1961

      A

      The Security Council,

      Having considered the situation in the Congo,

      1. Urges that measures be taken;

      Adopted at the 942nd meeting.

      """
    let (result, _) = try SCReadingTests.convert(text)
    #expect(result.resolution.formulaAfter == nil)
  }

  @Test func resolvesThenAClauseNumberedWithACommaIsParagraphOne() throws {
    let text = """
      70 (1949). Resolution of 7 March 1949

      Whereas Article 83 of the Charter provides for the assistance of the Trusteeship Council,

      The Security Council
      Resolves:

      1, That the Trusteeship Council be requested to perform these functions;

      2. That the Secretary-General be requested to advise the Council.

      Adopted at the 415th meeting.

      """
    let (result, _) = try SCReadingTests.convert(text)
    #expect(result.resolution.formulaAfter == 1)
    #expect(result.resolution.operativeParagraphCount == 2)
    #expect(result.warnings.map(\.rule) == [RuleID.ocrNumber], "\(result.warnings)")
    #expect(result.warnings.first?.message == "read the damaged paragraph number \"1,\" as \"1.\"")
  }
}
