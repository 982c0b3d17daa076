import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Security Council texts of every era, varied the ways the printed volumes and their OCR vary:
/// each variant must give the same facts as the text it was made from.
@Suite(
  .enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: Security Council variant tests skipped"))
struct SCVariantTests {
  /// The dev corpus's Security Council texts (1946–2002).
  static func texts() throws -> [String] {
    let folder = Fixtures.shared!.appendingPathComponent("corpus/dev")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("S_RES_") }
      .sorted()
  }

  static func read(_ name: String) throws -> String {
    try String(
      contentsOf: Fixtures.shared!.appendingPathComponent("corpus/dev").appendingPathComponent(name),
      encoding: .utf8)
  }

  /// The facts a documentalist checks.
  struct Facts: Equatable, CustomStringConvertible {
    var symbol: String?
    var date: SimpleDate?
    var operative: Int
    var preamble: Int
    var footnotes: Int
    var description: String {
      "\(symbol ?? "-") \(date.map(String.init(describing:)) ?? "-") op \(operative) pre \(preamble) notes \(footnotes)"
    }
  }

  static func facts(_ text: String) throws -> Facts {
    let result = try Fixtures.converter.convert(Array(text.utf8), options: Fixtures.options)
    let metadata = result.resolution.metadata
    return Facts(
      symbol: metadata.symbol, date: metadata.adoptionDate,
      operative: result.resolution.operativeParagraphCount,
      preamble: result.resolution.preamble.count, footnotes: result.resolution.footnotes.count)
  }

  /// The heading's date line: "of 4 November 1977", or the adoption line's date.
  static func dateLine(in lines: [String]) -> Int? {
    lines.prefix(15).firstIndex { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return trimmed.hasPrefix("of ") && Dates.find(in: trimmed) != nil
    }
  }

  @Test(arguments: try texts())
  func aDatePrintedWithoutOfOrFollowedByAMarkerIsRead(_ name: String) throws {
    let text = try Self.read(name)
    var lines = text.components(separatedBy: "\n")
    guard let index = Self.dateLine(in: lines) else { return }
    let expected = try Self.facts(text)
    lines[index] = String(lines[index].trimmingCharacters(in: .whitespaces).dropFirst(3))
    #expect(try Self.facts(lines.joined(separator: "\n")) == expected, "without \"of\"")
    lines[index] += " *"
    let marked = lines.joined(separator: "\n") + "\n\n* Adopted without a vote.\n"
    let facts = try Self.facts(marked)
    #expect(facts.date == expected.date && facts.symbol == expected.symbol, "with a marker after the date")
  }

  @Test(arguments: try texts())
  func aHeadingWrappedAtAnyWordIsRead(_ name: String) throws {
    let text = try Self.read(name)
    let lines = text.components(separatedBy: "\n")
    guard
      let index = lines.prefix(15).firstIndex(where: {
        $0.hasPrefix("Adopted by the Security Council") || $0.hasPrefix("Resolution ")
          || $0.hasPrefix("RESOLUTION ")
      })
    else { return }
    let expected = try Self.facts(text)
    let words = lines[index].split(separator: " ", omittingEmptySubsequences: false)
    for cut in 1..<words.count {
      var wrapped = lines
      wrapped[index] = words[..<cut].joined(separator: " ")
      wrapped.insert(words[cut...].joined(separator: " "), at: index + 1)
      let facts = try Self.facts(wrapped.joined(separator: "\n"))
      #expect(
        facts.symbol == expected.symbol && facts.date == expected.date, "wrapped after word \(cut): \(facts)")
    }
  }

  @Test(arguments: try texts())
  func aPageBreakBeforeAParagraphStartsIt(_ name: String) throws {
    let text = try Self.read(name)
    guard let range = text.range(of: "\n\n2. ") else { return }
    let expected = try Self.facts(text)
    let broken = text.replacingCharacters(in: range, with: "\n\u{0C}2. ")
    #expect(try Self.facts(broken) == expected)
  }

  @Test(arguments: try texts())
  func resolvesThatOpensTheOperativePart(_ name: String) throws {
    let text = try Self.read(name)
    guard let range = text.range(of: "\n\n1. ") else { return }
    let expected = try Self.facts(text)
    let facts = try Self.facts(text.replacingCharacters(in: range, with: "\n\nResolves that:\n\n1. "))
    #expect(facts.preamble == expected.preamble, "the preamble keeps its paragraphs")
    #expect(facts.operative == expected.operative)
  }

  @Test(arguments: try texts())
  func damagedFirstParagraphNumbersAreRepairedWithAWarning(_ name: String) throws {
    let text = try Self.read(name)
    guard let one = text.range(of: "\n\n1. "), let two = text.range(of: "\n\n2. "),
      one.upperBound < two.lowerBound
    else { return }
    // Only where an operative phrase follows the number: a quoted agreement's list
    // ("1. To establish …") holds no operative paragraph.
    let firstLine = text[one.upperBound...].prefix { $0 != "\n" }
    guard ParagraphRun.operativeAfterNumber("1. " + firstLine) else { return }
    let expected = try Self.facts(text)
    var damaged = text
    damaged.replaceSubrange(two, with: "\n\n2, ")
    damaged.replaceSubrange(one, with: "\n\n1, ")
    let result = try Fixtures.converter.convert(Array(damaged.utf8), options: Fixtures.options)
    #expect(result.resolution.operativeParagraphCount == expected.operative)
    #expect(result.warnings.contains { $0.rule == RuleID.ocrNumber && $0.message.contains("\"1,\"") })
  }

  @Test func aPresidentialStatementIsRefusedAsNotAResolution() throws {
    let text = """
      United Nations S/PRST/2002/27

      Security Council Distr.: General
      20 September 2002

      Statement by the President of the Security Council

      At the 4616th meeting of the Security Council, held on 20 September 2002, the President of \
      the Security Council made the following statement on behalf of the Council:

      "The Security Council welcomes the progress made."

      """
    #expect {
      _ = try Fixtures.converter.convert(Array(text.utf8), options: Fixtures.options)
    } throws: { error in
      guard let error = error as? ConversionError else { return false }
      return error.diagnostics.first?.rule == RuleID.inputNotAResolution
        && error.diagnostics.first?.message.contains("President of the Security Council") == true
    }
  }
}

/// The adoption trailer's vote, recorded in `<analysis><parliamentary><voting>` with its counts;
/// the heading's number and date marked up as `docNumber` and `docDate`.
@Suite(
  .enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: Security Council metadata tests skipped"))
struct SCMetadataTests {
  static func convert(_ path: String) throws -> (ConversionResult, String) {
    let url = Fixtures.shared!.appendingPathComponent("corpus").appendingPathComponent(path)
    let result = try Fixtures.converter.convert(try [UInt8](Data(contentsOf: url)), options: Fixtures.options)
    return (result, String(decoding: result.xml, as: UTF8.self))
  }

  /// Read by hand from each text's trailer.
  @Test(arguments: [
    ("dev/S_RES_161_1961.txt", 9, 0, 2),  // "by 9 votes to none, with 2 abstentions (France, …)"
    ("bulk/sc-0001-0450/S_RES_0216_1965_EN_GOLD.txt", 10, 0, 1),  // "by 10 votes to none, with 1 abstention"
  ])
  func aCountedVoteIsRecordedWithItsCounts(
    _ path: String, _ inFavour: Int, _ against: Int, _ abstentions: Int
  )
    throws
  {
    let (result, xml) = try Self.convert(path)
    #expect(
      result.resolution.metadata.vote == Vote(inFavour: inFavour, against: against, abstentions: abstentions))
    #expect(xml.contains("<count eId=\"voting_1__count_1\" value=\"\(inFavour)\" refersTo=\"#inFavour\"/>"))
    #expect(xml.contains("<count eId=\"voting_1__count_2\" value=\"\(against)\" refersTo=\"#against\"/>"))
    #expect(
      xml.contains("<count eId=\"voting_1__count_3\" value=\"\(abstentions)\" refersTo=\"#abstention\"/>"))
    #expect(xml.contains("<TLCConcept eId=\"inFavour\""))
  }

  @Test func unanimousAndUncountedAdoptionsHaveNoCounts() throws {
    let (unanimous, xml) = try Self.convert("dev/S_RES_418_1977.txt")
    #expect(unanimous.resolution.metadata.vote?.unanimous == true)
    #expect(!xml.contains("<voting"))
    let (withoutVote, _) = try Self.convert("dev/S_RES_1_1946.txt")
    #expect(withoutVote.resolution.metadata.vote?.withoutVote == true)
  }

  @Test func aDamagedOfBeforeTheDateIsReadWithAWarning() throws {
    let (result, _) = try Self.convert("bulk/sc-0001-0450/S_RES_0206_1965_EN_GOLD.txt")  // "ef 15 June 1965"
    #expect(result.resolution.metadata.adoptionDate == SimpleDate(year: 1965, month: 6, day: 15))
    #expect(result.warnings.contains { $0.rule == RuleID.ocrWord && $0.line == 2 })
  }

  @Test func theHeadingsNumberAndDateAreMarkedUp() throws {
    let (_, old) = try Self.convert("dev/S_RES_418_1977.txt")
    #expect(old.contains("<p>Resolution <docNumber>418 (1977)</docNumber></p>"))
    #expect(
      old.contains(
        "<p>of <docDate date=\"1977-11-04\" refersTo=\"#adoptionDate\">4 November 1977</docDate></p>"))
    let (_, modern) = try Self.convert("dev/S_RES_820_1993.txt")
    #expect(modern.contains("<docNumber>820 (1993)</docNumber>"))
    #expect(
      modern.contains("on <docDate date=\"1993-04-17\" refersTo=\"#adoptionDate\">17 April 1993</docDate>"))
  }
}
