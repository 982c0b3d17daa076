import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNXML
@testable import AkomaNtoso

/// The join of a line that ends in a hyphen with the next line.
struct LineEndHyphenTests {
  /// A rule for a text whose printer split plain words, with a small word list of its own.
  static func splitting(_ text: String, wordList: Set<String> = ["provisions", "meeting", "cooperate"])
    -> Hyphenation
  {
    let source = try! SourceText.decode(Array(text.utf8))
    return Hyphenation(splittingWordsOf: source, wordList: { wordList })
  }

  static func joined(_ rule: Hyphenation, _ text: String, _ next: String) -> (String, [HyphenJoin]) {
    var joins: [HyphenJoin] = []
    let result = rule.join(text, next, line: 1, nextLine: 2, into: &joins)
    return (result, joins)
  }

  @Test("a compound broken at its hyphen keeps the hyphen and loses the space")
  func compoundKept() {
    let (text, joins) = Self.joined(.compounds, "inclusive decision-", "making processes")
    #expect(text == "inclusive decision-making processes")
    #expect(
      joins == [
        HyphenJoin(line: 1, nextLine: 2, fragment: "decision", continuation: "making", kind: .compound)
      ])
    // A printer that splits words, without evidence for the whole word: the hyphen stays.
    #expect(
      Self.joined(Self.splitting("self-government"), "of self-", "government").0 == "of self-government")
  }

  @Test("a split word is joined without its hyphen when the document has the whole word")
  func splitWordFromTheDocument() {
    let rule = Self.splitting("the Council recalls the provisions of\nits resolution", wordList: [])
    let (text, joins) = Self.joined(rule, "the pro-", "visions of the Charter")
    #expect(text == "the provisions of the Charter")
    #expect(joins.first?.kind == .documentWord)
    #expect(Hyphenation.warning(for: joins) == nil)
  }

  @Test("a split word is joined from the word list, with a warning, unless the document hyphenates it")
  func splitWordFromTheWordList() throws {
    let (text, joins) = Self.joined(Self.splitting("Adopted at the"), "Adopted at the 1710th meet-", "ing.")
    #expect(text == "Adopted at the 1710th meeting.")
    #expect(joins.first?.kind == .wordList)
    let warning = try #require(Hyphenation.warning(for: joins))
    #expect(warning.rule == RuleID.hyphenWordList && warning.severity == .warning && warning.line == 1)
    #expect(warning.message.contains("meet-ing → meeting"))
    // The document prints the stem hyphenated ("co-operation"): the hyphen is its spelling.
    let hyphenating = Self.splitting("in co-operation with the parties")
    #expect(Self.joined(hyphenating, "to co-", "operate fully").0 == "to co-operate fully")
    // Neither the document nor the list knows the word: the hyphen stays.
    #expect(Self.joined(Self.splitting("the text"), "South-", "em Rhodesia").0 == "South-em Rhodesia")
  }

  @Test("a suspended hyphen stays, also at a line end")
  func suspendedHyphenKept() {
    for rule in [Hyphenation.compounds, Self.splitting("the text")] {
      #expect(Self.joined(rule, "short-", "and long-term").0 == "short- and long-term")
      #expect(Self.joined(rule, "public-", "or private-sector").0 == "public- or private-sector")
      #expect(Self.joined(rule, "zero-", "to low-emission").0 == "zero- to low-emission")
      #expect(Self.joined(rule, "short-", "and long-term").1.isEmpty)
      // "to" that opens a compound is not a suspension: "peer-to-peer".
      #expect(Self.joined(rule, "peer-", "to-peer learning").0 == "peer-to-peer learning")
    }
  }

  @Test("an upper-case continuation keeps the hyphen, even where the printer split words")
  func upperCaseNextLineKept() {
    let rule = Self.splitting("the Secretarygeneral", wordList: ["secretarygeneral"])
    #expect(Self.joined(rule, "the Secretary-", "General of").0 == "the Secretary-General of")
    #expect(
      Self.joined(.compounds, "Non-Self-", "Governing Territories").0 == "Non-Self-Governing Territories")
  }

  @Test("a hyphen before a digit keeps the hyphen; a lone dash or a non-letter joins with a space")
  func hyphenThenDigit() {
    #expect(Self.joined(.compounds, "the pre-", "2020 period").0 == "the pre-2020 period")
    #expect(Self.joined(Self.splitting("the text"), "post-", "2015 agenda").0 == "post-2015 agenda")
    #expect(Self.joined(.compounds, "the period 2020 -", "2030").0 == "the period 2020 - 2030")
    #expect(Self.joined(.compounds, "item 12-", "(a)").0 == "item 12- (a)")
  }

  @Test("the system word list is installed (wamerican/wbritish; `make deps` installs them)")
  func wordListInstalled() {
    #expect(
      WordList.shared.contains("provisions") && WordList.shared.contains("colonialism"),
      "no word list at \(WordList.paths): run `make deps` (Scripts/install-deps.sh)")
  }

  static let volume = """
    Resolution 999 (1970)
    of 1 April 1970

    The Security Council,

    Noting the pro-
    visions of its resolution 998 (1970) and the decision-
    making of the parties concerned,

    1. Calls upon the parties to ob-
    serve the cease-fire;

    2. Requests the Secretary-
    General to report.

    Adopted at the 1500th meet-
    ing.
    """

  @Test("a split word joined in a printed volume passes the lost-word check; a lost word still fails it")
  func lostWordCheckAcceptsJoins() throws {
    let result = try Fixtures.converter.convert(Fixtures.bytes(Self.volume), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(xml.contains("Noting</i> the provisions of its resolution"))
    #expect(xml.contains("decision-making of the parties"))
    #expect(xml.contains("Secretary-General to report"))
    #expect(xml.contains("1500th meeting."))
    #expect(result.hyphenJoins.filter(\.dropsHyphen).map(\.joined).contains("provisions"))
    // "ob-" / "serve": neither the document nor the system list says "observe" is hyphen-free
    // here unless the list has it; either way no word is lost.
    #expect(xml.contains("to observe the cease-fire") || xml.contains("to ob-serve the cease-fire"))

    // The check itself: the joined word must be in the output, or both halves are lost.
    let reading = result.reading
    let input = try SourceText.decode(Fixtures.bytes(Self.volume))
    let output = try DocumentText.extract(fromXML: result.xml)
    let lost = WordCheck.lostWords(
      input: input, furniture: reading.report.furniture, output: output,
      footnoteOrder: reading.resolution.footnotes.map(\.marker), noteLines: reading.report.noteLines,
      repairs: reading.report.repairs, moved: reading.report.movedLines,
      hyphenJoins: reading.report.hyphenJoins)
    #expect(lost.isEmpty)
    let withoutJoins = WordCheck.lostWords(
      input: input, furniture: reading.report.furniture, output: output,
      footnoteOrder: reading.resolution.footnotes.map(\.marker), noteLines: reading.report.noteLines)
    #expect(withoutJoins.map(\.word).contains("pro"))
    #expect(withoutJoins.map(\.word).contains("visions"))
  }
}

/// Every converted output of `../shared/corpus`, converted once for the corpus-wide checks.
enum CorpusOutputs {
  struct Output: Sendable {
    var path: String
    var source: String
    var xml: String
  }

  static let folders = ["dev", "dev-markdown", "dev-decisions", "bulk/ga-78", "bulk/sc-0001-0450"]

  static let all: [Output] = {
    guard let shared = Fixtures.shared else { return [] }
    var outputs: [Output] = []
    for folder in folders {
      let directory = shared.appendingPathComponent("corpus").appendingPathComponent(folder)
      let files =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
          $0.hasSuffix(".txt") && !$0.hasPrefix(".")
        }.sorted()
      for file in files {
        guard let bytes = try? Fixtures.bytes(directory.appendingPathComponent(file)),
          let result = try? Fixtures.converter.convert(bytes, options: Fixtures.options)
        else { continue }
        outputs.append(
          Output(
            path: "\(folder)/\(file)", source: String(decoding: bytes, as: UTF8.self),
            xml: String(decoding: result.xml, as: UTF8.self)))
      }
    }
    return outputs
  }()

  /// The text of an output: tags removed, entities read, spaces collapsed.
  static func text(of xml: String) -> String {
    var text = xml.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    for (entity, character) in [
      ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&"),
    ] {
      text = text.replacingOccurrences(of: entity, with: character)
    }
    return text.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
  }

  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }
}

@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: corpus tests skipped"))
struct CorpusFidelityTests {
  @Test("no output renders a line-end hyphen of its source as `word- word`")
  func noLineEndHyphenWithASpace() {
    var breaks: [String] = []
    var pairs = 0
    for output in CorpusOutputs.all {
      let lines = output.source.components(separatedBy: "\n")
      let text = CorpusOutputs.text(of: output.xml)
      for (index, line) in lines.enumerated() {
        let end = line.trimmingCharacters(in: .whitespaces)
        guard end.hasSuffix("-"), end.dropLast().last?.isLetter == true else { continue }
        let fragment = String(end.dropLast().reversed().prefix { $0.isLetter }.reversed())
        guard
          let next = lines[(index + 1)...].first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })?
            .trimmingCharacters(in: .whitespaces)
        else { continue }
        let word = String(next.prefix { $0.isLetter || $0.isASCIIDigit })
        guard !word.isEmpty, !Hyphenation.suspending.contains(word) else { continue }
        pairs += 1
        // A `word- word` the source prints inside a line is the source's own.
        let spaced = "\(fragment)- \(word)"
        let printed = lines.reduce(0) { $0 + CorpusOutputs.count(spaced, in: $1) }
        if CorpusOutputs.count(spaced, in: text) > printed { breaks.append("\(output.path): \(spaced)") }
      }
    }
    #expect(pairs > 900, "the corpus has about 1000 line-end hyphens; found \(pairs)")
    #expect(breaks.isEmpty, "\(breaks.count) line-end hyphens came out as `word- word`: \(breaks.prefix(20))")
  }

  /// Whether `step` is one step of an eId (`para_3`, `list_1`, `intro`): the element's name or
  /// abbreviation, then its number (letters and digits), never an invented one (`_u1`, `_p2`,
  /// a note marker's name `_star`) nor a de-duplication suffix (`-2`).
  static func isConventional(_ step: String) -> Bool {
    step.range(of: "^[A-Za-z]+(_[A-Za-z0-9]+)?$", options: .regularExpression) != nil
      && step.range(of: "^[A-Za-z]+_([up][0-9]+|star|dagger|ddagger|hash|note)$", options: .regularExpression)
        == nil
  }

  @Test("every eId of every output follows the naming convention and is unique")
  func eIdsFollowTheConvention() {
    var offConvention: [String] = []
    var duplicates: [String] = []
    for output in CorpusOutputs.all {
      // The meta block's TLC ids (`un-ga-c1`) are ontology names, not element eIds.
      let body = output.xml.replacingOccurrences(
        of: "<meta>[\\s\\S]*?</meta>", with: "", options: .regularExpression)
      var seen: Set<String> = []
      for match in body.matches(of: /eId="([^"]*)"/) {
        let eId = String(match.1)
        if !seen.insert(eId).inserted { duplicates.append("\(output.path): \(eId)") }
        let steps = eId.components(separatedBy: "__")
        if !steps.allSatisfy(Self.isConventional) {
          offConvention.append("\(output.path): \(eId)")
        }
      }
    }
    #expect(CorpusOutputs.all.count > 900)
    #expect(
      offConvention.isEmpty, "\(offConvention.count) eIds off the convention: \(offConvention.prefix(20))")
    #expect(duplicates.isEmpty, "\(duplicates.count) duplicate eIds: \(duplicates.prefix(20))")
  }
}
