import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// The checks every reading passes (`Invariants`): a wrong reading is a warned one, at its line;
/// a correct one is not warned. Each class of defect on a short text, then on the corpus.
struct InvariantTests {
  /// The warnings of the invariant rules for `text`, as (rule, line).
  static func warnings(_ text: String) throws -> [(rule: RuleID, line: Int?)] {
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    return Self.invariantWarnings(result.reading)
  }

  static let rules: Set<RuleID> = [
    .structureNumbering, .structureClausePlace, .structureLabelInText, .footnoteGluedMarker,
    .structureMostlyNumbers, .footnoteInText,
  ]

  static func invariantWarnings(_ reading: Reading) -> [(rule: RuleID, line: Int?)] {
    reading.report.warnings.filter { rules.contains($0.rule) }.map { ($0.rule, $0.line) }
  }

  /// A Security Council resolution as the printed volumes give it, with `body` after its
  /// formula.
  static func resolution(_ body: String, notes: String = "") -> String {
    """
    Resolution 999 (1970)
    of 1 April 1970

    The Security Council,

    \(body)

    Adopted at the 1500th meeting.
    \(notes)
    """
  }

  @Test func aCorrectResolutionIsNotWarned() throws {
    let result = try Fixtures.converter.convert(try Fixtures.seed(), options: Fixtures.options)
    #expect(Self.invariantWarnings(result.reading).isEmpty)
    let text = Self.resolution(
      """
      Noting the report,

      Acting under Chapter VII of the Charter,

      1. Decides that all States shall act:

      (a) To report;

      (b) To cooperate;

      2. Acting under Article 41 of the Charter, decides to remain seized;

      3. Deeply deplores the loss of life in 2014 and 2015;
      """)
    #expect(try Self.warnings(text).isEmpty)
  }

  @Test func aGapInANumberedSeriesIsWarnedAtItsLine() throws {
    let text = Self.resolution(
      """
      Noting the report,

      1. Decides to remain seized;

      2. Requests the Secretary-General to report:

      (a) On the first matter;

      (c) On the third matter;

      4. Calls upon the parties to co-operate.
      """)
    let found = try Self.warnings(text)
    #expect(found.contains { $0.rule == .structureNumbering && $0.line == 14 })
    #expect(found.contains { $0.rule == .structureNumbering && $0.line == 16 })
    #expect(found.count == 2)
  }

  @Test func aRepeatedOrRestartedNumberIsWarned() throws {
    let text = Self.resolution(
      """
      Noting the report,

      1. Decides to remain seized;

      2. Requests the Secretary-General to report;

      2. Calls upon the parties to co-operate.
      """)
    #expect(try Self.warnings(text).map(\.rule) == [.structureNumbering])
  }

  /// One Roman-numeral reading for every reader: the digits each accepts, lenient or only the
  /// usual form, and one writing.
  @Test func romanNumeralsReadOnceForEveryReader() {
    #expect(RomanNumeral.value("XIV", digits: .upperToL) == 14)
    #expect(RomanNumeral.value("XLIX", digits: .upperToL) == 49)
    #expect(RomanNumeral.value("IIII", digits: .upperToL) == 4)
    #expect(RomanNumeral.value("IIII", digits: .upper, canonical: true) == nil)
    #expect(RomanNumeral.value("MCMXCIV", digits: .upper, canonical: true) == 1994)
    #expect(RomanNumeral.value("C", digits: .upperToL) == nil)
    #expect(RomanNumeral.value("iv", digits: .upperToL) == nil)
    #expect(RomanNumeral.value("xiv", digits: .lowerToC) == 14)
    #expect(RomanNumeral.value("", digits: .upper) == nil)
    #expect(RomanNumeral.value("X1", digits: .upper) == nil)
    #expect(Citations.romanValue(Array("XV".utf8)) == 15 && Citations.romanValue(Array("XV")) == 15)
    for value in 1...3999 {
      #expect(RomanNumeral.value(RomanNumeral.string(value), digits: .upper, canonical: true) == value)
    }
    #expect(RomanNumeral.string(1994) == "MCMXCIV")
  }

  @Test func numbersAreReadAsTheirSeriesWants() {
    #expect(Invariants.parseNumber("(i)")?.readings.map(\.value).sorted() == [1, 9])
    #expect(Invariants.parseNumber("(aa)")?.readings.map(\.value) == [27])
    #expect(Invariants.parseNumber("Rule 12")?.prefix == "rule")
    #expect(Invariants.parseNumber("2 bis") == nil)
    #expect(Invariants.romanValue("IIII") == nil)
    #expect(Invariants.romanValue("XIV") == 14)
    // "(i)" is a letter after "(h)", "(aa)" follows "(z)", Roman points under a point start at
    // "(i)"; paragraphs run on across sections or start again at 1 in each.
    let letters = "abcdefghijklmnopqrstuvwxyz".map { "(\($0))" } + ["(aa)", "(bb)"]
    var point = Block(num: "(b)", text: TextBlock("x", line: 3))
    point.children = ["(i)", "(ii)", "(iii)", "(iv)", "(v)"].map {
      Block(num: $0, text: TextBlock("y", line: 4))
    }
    var paragraph = Block(num: "1.", text: TextBlock("Decides:", line: 2))
    paragraph.children = letters.map { Block(num: $0, text: TextBlock("z", line: 5)) }
    paragraph.children[1] = point
    var resolution = Resolution()
    resolution.body = [
      .paragraph(paragraph),
      .section(
        Section(
          num: "I", heading: nil, items: [.paragraph(Block(num: "2.", text: TextBlock("a", line: 7)))],
          line: 6)),
      .section(
        Section(
          num: "II", heading: nil, items: [.paragraph(Block(num: "1.", text: TextBlock("b", line: 9)))],
          line: 8)),
    ]
    #expect(Invariants.numbering(resolution).isEmpty)
    paragraph.children.remove(at: 9)
    resolution.body[0] = .paragraph(paragraph)
    #expect(
      Invariants.numbering(resolution).map { String($0.message.prefix(30)) } == [
        "point (k) follows point (i): p"
      ])
  }

  @Test func anOperativeVerbInThePreambleIsWarned() throws {
    let text = Self.resolution(
      """
      Noting the report,

      Requests the Secretary-General to report;

      1. Decides to remain seized.
      """)
    #expect(try Self.warnings(text).map { "\($0.rule) \($0.line ?? 0)" } == ["structure.clause-place 8"])
  }

  @Test func aParticipleLeadingAnOperativeParagraphIsWarned() throws {
    // The preambular paragraph run into the operative one on one line ("Having examined …,
    // Recommends"): reading cannot tell them apart (on two lines it can, see SCReadingTests).
    let text = Self.resolution(
      """
      Having examined the application of the Republic of the Ivory Coast, Recommends to the General Assembly that the Republic of the Ivory Coast be admitted.
      """)
    #expect(try Self.warnings(text).map { "\($0.rule) \($0.line ?? 0)" } == ["structure.clause-place 6"])
  }

  @Test func aLabelInsideAParagraphIsWarned() throws {
    let text = Self.resolution(
      """
      Noting the report,

      1. Decides to act against coercion. Action 2. We will act together;

      2. Requests the Secretary-General to report.
      """)
    #expect(try Self.warnings(text).map { "\($0.rule) \($0.line ?? 0)" } == ["structure.label-in-text 8"])
    #expect(Invariants.leadingLabel("V. Opening of the Conference") == "V.")
    #expect(Invariants.leadingLabel("A. A Commission of the Security Council") == "A.")
    #expect(Invariants.leadingLabel("U. N. Thant") == nil)
    #expect(Invariants.innerLabel("as set out in Article 2. of the Charter") == nil)
  }

  @Test func aMarkerGluedToAWordIsWarned() throws {
    let text = Self.resolution(
      """
      Recalling Agenda 21 and COVID-19,

      1. Welcomes the review of Agenda 212 and COVID-192 by the Committee;

      2. Requests the Committee to report.
      """,
      notes: """

        2 A/78/1.
        """)
    // Two words could hold note 2's marker, so the linker takes neither: the place is warned.
    let found = try Self.warnings(text).filter { $0.rule == .footnoteGluedMarker }
    #expect(found.map { $0.line ?? 0 } == [8], "\(found)")
  }

  @Test func aPlainNumberIsNeverAGluedMarker() throws {
    let text = Self.resolution(
      """
      Recalling 20 and the year 2015,

      1. Welcomes the review of 2015 and the sum of 4,995,400 dollars;
      """,
      notes: """

        15 A/78/1.
        400 A/78/2.
        """)
    #expect(try Self.warnings(text).filter { $0.rule == .footnoteGluedMarker }.isEmpty)
  }

  @Test func aNumberOfAnAmountOrALabelIsNeverAMarker() throws {
    let text = Self.resolution(
      """
      Noting the estimated 8.5 trillion dollars lost,4 and the 4,995,400 dollars spent,

      1. Takes note of paragraph IV.7 of the report;

      2. Decides to act against coercion. Action 11. We will act together.
      """,
      notes: """

        4 A/78/4.
        7 A/78/7.
        11 A/78/11.
        """)
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    let preamble = try #require(result.resolution.preamble.first)
    #expect(
      preamble.text.plainText.contains("the estimated 8.5 trillion dollars lost, and the 4,995,400 dollars"))
    #expect(preamble.text.segments.contains(.noteRef(marker: "4")))
    guard case .paragraph(let first) = result.resolution.body.first,
      case .paragraph(let second) = result.resolution.body.last
    else {
      Issue.record("two operative paragraphs expected")
      return
    }
    #expect(first.text.plainText.contains("paragraph IV.7 of the report"))
    #expect(second.text.plainText.contains("coercion. Action 11. We will act"))
  }

  @Test func aNoteLeftInTheTextIsWarned() throws {
    // A marker whose note is not in the file; then the notes read as a paragraph (no closing
    // line before them).
    let text = """
      Resolution 999 (1970)
      of 1 April 1970

      The Security Council,

      Taking note of the letters addressed to the President of the Security Council, 123

      Recalling its resolutions 1, 2 and 3,

      1. Decides to remain seized.

      10 Ibid., document S/6569. 11 Ibid., document S/6586.
      """
    // The volume's marker (123, no note of this file) is taken out by the SC reader, with a
    // note (SCPageCutTests); the notes read as a paragraph are still warned.
    #expect(try Self.warnings(text).map { "\($0.rule) \($0.line ?? 0)" } == ["footnote.in-text 12"])
  }

  @Test func aParagraphOfFiguresIsWarned() throws {
    let text = Self.resolution(
      """
      Noting the report,

      1. Approves 65 459 100 60 132 400 12 13 14;

      2. Recalls its resolutions 425 (1978), 426 (1978), 427 (1978), 434 (1978) and 444 (1979).
      """)
    #expect(try Self.warnings(text).map { "\($0.rule) \($0.line ?? 0)" } == ["structure.mostly-numbers 8"])
  }
}

/// The invariants on the corpus: the defects the issue names are warned where they are.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: corpus tests skipped"))
struct InvariantCorpusTests {
  static func warnings(_ path: String, _ rule: RuleID) throws -> [Int] {
    let url = Fixtures.shared!.appendingPathComponent("corpus").appendingPathComponent(path)
    let result = try Fixtures.converter.convert(Fixtures.bytes(url), options: Fixtures.options)
    return result.reading.report.warnings.filter { $0.rule == rule }.compactMap(\.line)
  }

  @Test func pointsAfterHReadByTheirSeries() throws {
    // "(i)" after "(h)" then "(ii)": Roman points under (h); the "(i)" after them: the letter i
    // (it was misnested, warned at lines 24, 29 and 30). Line 6: part B, the source printing no
    // "A" over the first part.
    #expect(try Self.warnings("dev-decisions/A_DEC_74_537_A_and_B.txt", .structureNumbering) == [6])
  }

  @Test func aListOfAgendaItemsIsNotASeries() throws {
    #expect(try Self.warnings("dev/A_DEC_73_548.txt", .structureNumbering).isEmpty)
  }

  @Test func aMergedPreambularParagraphIsWarned() throws {
    // Their recital and operative paragraph, once merged, are read apart now (the recital ends
    // its line with a comma, the next line opens with an operative verb): nothing to warn.
    for number in ["0150_1960", "0153_1960", "0158_1960", "0160_1960", "0185_1963"] {
      #expect(
        try Self.warnings("bulk/sc-0001-0450/S_RES_\(number)_EN_GOLD.txt", .structureClausePlace).isEmpty)
    }
    // S/RES/70's formula printed after its recital is read as the formula now, and its
    // "Resolves:" as the intro of paragraphs "1, That …" (the OCR's comma repaired, warned).
    #expect(try Self.warnings("bulk/sc-0001-0450/S_RES_0070_1949_EN_GOLD.txt", .structureClausePlace).isEmpty)
    #expect(try Self.warnings("bulk/sc-0001-0450/S_RES_0070_1949_EN_GOLD.txt", .ocrNumber) == [18])
  }

  @Test func aHeadingMergedIntoAParagraphIsWarned() throws {
    // A/RES/79/1's "Action N." labels once merged into the points before them are headings of
    // their own now (the outline reader): nothing left to warn.
    let lines = try Self.warnings("dev/A_RES_79_1.txt", .structureLabelInText)
    #expect(lines.isEmpty, "\(lines)")
    // S/RES/39's lettered operative paragraphs ("A. A Commission …") keep their letters as
    // numbers now: nothing to warn.
    #expect(try Self.warnings("bulk/sc-0001-0450/S_RES_0039_1948_EN_GOLD.txt", .structureLabelInText).isEmpty)
  }

  @Test func aGluedMarkerIsWarned() throws {
    // A/RES/78/163's markers glued to the end of a range of years (2014–20242) are linked now.
    #expect(try Self.warnings("bulk/ga-78/A_RES_78_163.txt", .footnoteGluedMarker).isEmpty)
    #expect(try Self.warnings("bulk/ga-78/A_RES_78_233.txt", .footnoteGluedMarker).contains(368))
  }

  @Test func aMarkerOfANoteNotInTheFileIsTakenOut() throws {
    // S/RES/688's "Council, 123" and "Secretary-General, 124": taken out with a note now.
    #expect(try Self.warnings("dev/S_RES_688_1991.txt", .footnoteInText).isEmpty)
  }

  @Test func theDevSetsOtherDocumentsAreNotWarned() throws {
    // Every dev document but those with a defect the rules name is read without a warning of
    // theirs: S/RES/21 (1947) prints "Article I" then "Article 2"; A/RES/79/1 has its "Action
    // N." labels merged into paragraphs; A/RES/78/253 has a part's operative "Recalls" in its
    // preamble; S/RES/688 (1991) and 598 (1987) end paragraphs in the markers of notes not in
    // the file.
    let known: Set<String> = [
      "S_RES_21_1947.txt", "A_RES_79_1.txt", "A_RES_78_253.txt", "S_RES_688_1991.txt", "S_RES_598_1987.txt",
    ]
    let folder = Fixtures.shared!.appendingPathComponent("corpus/dev")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".txt")
    }
    #expect(names.count > 50)
    for name in names.sorted() where !known.contains(name) {
      let result = try Fixtures.converter.convert(
        Fixtures.bytes(folder.appendingPathComponent(name)), options: Fixtures.options)
      let found = InvariantTests.invariantWarnings(result.reading)
      #expect(found.isEmpty, "\(name): \(found)")
    }
  }
}
