import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// A citation segment carries the cited act's facts as reading found them (body, kind, number
/// with its parts, date), decided once by the scan that finds it; the JSON writes them.
@Suite struct CitationFactsTests {
  /// A sentence citing the acts of five bodies.
  static let sentence =
    "Recalling its resolution 66/24 of 2 December 2011, Security Council resolution 1325 (2000), Economic and Social Council resolution 1980/67 of 25 July 1980, Human Rights Council resolutions 24/14 of 27 September 2013 and 52/28, resolution 5/12 of 2 March 2022 of the United Nations Environment Assembly and the report of the Secretary-General (A/78/404),"

  /// The seed (A/RES/67/27) with the sentence as its first preambular clause.
  static func document() throws -> [UInt8] {
    let seed = String(decoding: try Fixtures.seed(), as: UTF8.self)
    let first = try #require(seed.range(of: "\tRecalling its resolutions 53/70"))
    let end = try #require(seed[first.upperBound...].range(of: "\n"))
    return Array((seed[..<first.lowerBound] + "\t" + sentence + seed[end.lowerBound...]).utf8)
  }

  /// The citation segments of the document's first preambular clause.
  static func citations() throws -> [Citation] {
    let result = try Fixtures.converter.convert(try document(), options: Fixtures.options)
    let clause = try #require(result.reading.resolution.preamble.first)
    return clause.text.segments.compactMap {
      if case .citation(let citation) = $0 { return citation }
      return nil
    }
  }

  @Test func eachCitationCarriesItsBodyKindNumberAndDate() throws {
    let citations = try Self.citations()
    let expected: [Citation] = [
      Citation(
        form: .ref, href: "/akn/un/statement/deliberation/un-ga/2011-12-02/66-24",
        text: "66/24 of 2 December 2011", body: .generalAssembly, kind: .resolution,
        number: Citation.Number(printed: "66/24", number: 24, session: 66),
        date: SimpleDate(year: 2011, month: 12, day: 2)),
      Citation(
        form: .link, href: "https://undocs.org/S/RES/1325(2000)", text: "1325 (2000)", body: .securityCouncil,
        kind: .resolution, number: Citation.Number(printed: "1325 (2000)", number: 1325, year: 2000)),
      Citation(
        form: .ref, href: "/akn/un/statement/deliberation/un-ecosoc/1980-07-25/1980-67",
        text: "1980/67 of 25 July 1980", body: .economicAndSocialCouncil, kind: .resolution,
        number: Citation.Number(printed: "1980/67", number: 67, year: 1980),
        date: SimpleDate(year: 1980, month: 7, day: 25)),
      Citation(
        form: .ref, href: "/akn/un/statement/deliberation/un-hrc/2013-09-27/24-14",
        text: "24/14 of 27 September 2013", body: .humanRightsCouncil, kind: .resolution,
        number: Citation.Number(printed: "24/14", number: 14, session: 24),
        date: SimpleDate(year: 2013, month: 9, day: 27)),
      Citation(
        form: .link, href: "https://undocs.org/A/HRC/RES/52/28", text: "52/28", body: .humanRightsCouncil,
        kind: .resolution, number: Citation.Number(printed: "52/28", number: 28, session: 52)),
      // A body akn has no address for: its act, unlinked, with its facts all the same.
      Citation(
        form: .unlinked, href: nil, text: "5/12 of 2 March 2022",
        body: UNBody.withActor("unep-unea"), kind: .resolution,
        number: Citation.Number(printed: "5/12", number: 12, session: 5),
        date: SimpleDate(year: 2022, month: 3, day: 2)),
      Citation(form: .link, href: "https://undocs.org/A/78/404", text: "A/78/404", kind: .documentSymbol),
    ]
    #expect(citations.count == expected.count)
    for (found, wanted) in zip(citations, expected) {
      #expect(found == wanted)
    }
  }

  /// The numbers of the other forms: a part letter, a session in Roman numerals, a symbol in a
  /// body's resolution series.
  @Test func numbersKeepTheirParts() {
    var state = Citations.State()
    let pieces = Citations.scan(
      "Recalling its resolutions 68/247 B and 1514 (XV) of 14 December 1960 and 217 A (III), and A/HRC/RES/5/1,",
      state: &state)
    let citations = pieces.compactMap { piece -> Citation? in
      if case .citation(let citation) = piece { return citation }
      return nil
    }
    #expect(
      citations.map(\.number) == [
        Citation.Number(printed: "68/247 B", number: 247, session: 68, part: "B"),
        Citation.Number(printed: "1514 (XV)", number: 1514, session: 15),
        Citation.Number(printed: "217 A (III)", number: 217, session: 3, part: "A"),
        nil,
      ])
    #expect(citations.map(\.date) == [nil, SimpleDate(year: 1960, month: 12, day: 14), nil, nil])
    #expect(
      citations.map(\.body) == [.generalAssembly, .generalAssembly, .generalAssembly, .humanRightsCouncil])
    #expect(citations.map(\.kind) == [.resolution, .resolution, .resolution, .documentSymbol])
  }

  /// A number no body named in the text can have is unlinked, without a body, and noted.
  @Test func aNumberNoNamedBodyCanHaveHasNoBody() {
    var state = Citations.State()
    let pieces = Citations.scan("pursuant to resolution 24/14,", state: &state)
    #expect(
      pieces.contains(
        .citation(
          Citation(
            form: .unlinked, href: nil, text: "24/14", kind: .resolution,
            number: Citation.Number(printed: "24/14", number: 14, session: 24)))))
    #expect(state.unlinked.map(\.text) == ["24/14"])
  }

  /// The JSON writes the facts, absent ones as absent keys.
  @Test func theJSONWritesTheFacts() throws {
    let result = try Fixtures.converter.convert(try Self.document(), options: Fixtures.options)
    let json = String(decoding: try JSONRenderer().render(result.reading), as: UTF8.self)
    #expect(json.contains("\"citedKind\": \"resolution\""))
    #expect(json.contains("\"citedKind\": \"documentSymbol\""))
    #expect(json.contains("\"form\": \"unlinked\""))
    #expect(json.contains("\"printed\": \"1325 (2000)\""))
    #expect(json.contains("\"year\": 1980"))
    #expect(json.contains("\"actor\": \"un-ecosoc\""))
    #expect(!json.contains("null"))
  }
}
