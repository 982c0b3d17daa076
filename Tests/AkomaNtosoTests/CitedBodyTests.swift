import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Citations of other bodies' resolutions link to that body's document, or to nothing; never to
/// a General Assembly work. The expected targets are a hand-checked list
/// (`Tests/Fixtures/cited-bodies.tsv`), not the converter's own reading.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: cited-body tests skipped"))
struct CitedBodyTests {
  struct Row: CustomStringConvertible {
    var file: String
    var citation: String
    var target: String?
    var description: String { "\(file): \(citation)" }
  }

  static func rows() throws -> [Row] {
    let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/cited-bodies.tsv")
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
      .filter { !$0.hasPrefix("#") && !$0.hasPrefix("file\t") }
      .map { line in
        let fields = line.split(separator: "\t").map(String.init)
        return Row(file: fields[0], citation: fields[1], target: fields[2] == "none" ? nil : fields[2])
      }
  }

  /// The hrefs of the `<ref>` and `<a>` elements whose whole text is `text`.
  static func hrefs(linking text: String, in xml: String) throws -> [String] {
    let escaped = NSRegularExpression.escapedPattern(for: text)
    let pattern = try NSRegularExpression(
      pattern: "<(ref|a)\\b[^>]*href=\"([^\"]*)\"[^>]*>\(escaped)</(ref|a)>")
    let range = NSRange(xml.startIndex..., in: xml)
    return pattern.matches(in: xml, range: range).compactMap { match in
      Range(match.range(at: 2), in: xml).map { String(xml[$0]) }
    }
  }

  @Test("a body's resolution symbols and printed numbers come from its row of the bodies table")
  func symbolsFromTheTable() {
    let council = UNBody.securityCouncil
    #expect(council.numbering.printed(number: "1445", year: 2002) == "1445 (2002)")
    #expect(council.resolutionSymbol(number: "1445 (2002)") == "S/RES/1445 (2002)")
    #expect(council.resolutionNumber(inSymbol: "S/RES/1445 (2002)") == "1445 (2002)")
    #expect(council.resolutionNumber(inSymbol: "A/RES/67/27") == nil)
    #expect(UNBody.economicAndSocialCouncil.numbering.printed(number: "67", year: 1980) == "1980/67")
    #expect(UNBody.generalAssembly.numbering.printed(number: "27", year: 2012) == nil)
    #expect(UNBody.generalAssembly.opensWithResolutionSymbol("A/RES/67/27 extra"))
    #expect(UNBody.withActor("who-wha")?.resolutionSymbol(number: "1") == nil)
  }

  @Test func theListHasAtLeastFortyHandCheckedCitations() throws {
    let rows = try Self.rows()
    #expect(rows.count >= 40)
    #expect(Set(rows.map { "\($0.file) \($0.citation)" }).count == rows.count)
  }

  @Test(arguments: try rows())
  func citationLinksToItsOwnBody(_ row: Row) throws {
    let bytes = try [UInt8](
      Data(contentsOf: Fixtures.shared!.appendingPathComponent("corpus").appendingPathComponent(row.file)))
    let xml = String(
      decoding: try Fixtures.converter.convert(bytes, options: Fixtures.options).xml, as: UTF8.self)
    #expect(xml.contains(row.citation), "the citation's text is in the document")
    let hrefs = try Self.hrefs(linking: row.citation, in: xml)
    if let target = row.target {
      #expect(hrefs.contains(target), "linked to \(target), not \(hrefs)")
    } else {
      #expect(hrefs.isEmpty, "another body's document akn has no address for is not linked: \(hrefs)")
    }
    let ga = hrefs.filter { $0.contains("/un-ga/") || $0.contains("undocs.org/A/RES/") }
    if let target = row.target, !target.contains("/un-ga/"), !target.contains("undocs.org/A/RES/") {
      #expect(ga.isEmpty, "never a General Assembly work: \(ga)")
    }
  }

  /// "pursuant to its resolution 59/3009 and": resolution 59/300 (cited earlier in the text) and
  /// the marker of note 9, printed together; never a link to a resolution 59/3009.
  @Test func aMarkerGluedToANumberIsANoteNotPartOfTheNumber() throws {
    for (file, number, marker) in [("A_RES_78_102.txt", "59/300", "9"), ("A_RES_78_220.txt", "77/228", "5")] {
      let bytes = try [UInt8](
        Data(
          contentsOf: Fixtures.shared!.appendingPathComponent("corpus/bulk/ga-78").appendingPathComponent(
            file)))
      let result = try Fixtures.converter.convert(bytes, options: Fixtures.options)
      let xml = String(decoding: result.xml, as: UTF8.self)
      #expect(!xml.contains(number + marker), "\(file): no \(number)\(marker)")
      #expect(xml.contains(">\(number)</a><sup><authorialNote"), "\(file): the number, then the note")
      #expect(xml.contains("marker=\"\(marker)\""))
      #expect(
        !result.warnings.contains {
          $0.rule == RuleID.footnoteUnmatched && $0.message.contains("footnote \(marker) ")
        })
    }
  }
}
