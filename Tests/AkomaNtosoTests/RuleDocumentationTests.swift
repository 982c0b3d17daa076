import Foundation
import Testing

@testable import AKNModel
@testable import AKNValidation

/// Every rule id and every reason a line is left out is declared once and documented in
/// `docs/rules.md`, and the document lists nothing that is not declared.
struct RuleDocumentationTests {
  /// The ids in the first column of the table under `heading` (up to the next heading).
  static func documented(under heading: String?) throws -> [String] {
    let text = try String(
      contentsOf: Fixtures.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
    var rows: [String] = []
    var inside = heading == nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("## ") {
        inside = line == "## \(heading ?? "")"
        continue
      }
      guard inside, line.hasPrefix("| `") else { continue }
      let cell = line.dropFirst(3).prefix { $0 != "`" }
      rows.append(String(cell))
    }
    return rows
  }

  @Test func everyRuleIDIsDocumentedAndNothingElse() throws {
    let documented = try Self.documented(under: nil)
    let declared = RuleID.all.map(\.rawValue)
    #expect(Set(declared).count == declared.count, "an id is declared twice")
    #expect(declared == declared.sorted())
    #expect(documented == declared, "docs/rules.md and RuleID.all differ")
  }

  @Test func everyLeftOutReasonIsDocumentedAndNothingElse() throws {
    let documented = try Self.documented(under: "Lines left out")
    let declared = LeftOutReason.all.map(\.rawValue)
    #expect(Set(declared).count == declared.count, "a reason is declared twice")
    #expect(documented == declared, "docs/rules.md and LeftOutReason.all differ")
  }

  @Test func validationInputRulesAreDeclared() {
    let declared = Set(RuleID.all.map(\.rawValue))
    let own = Validator.ruleIDs.filter { id in !ValidationRule.all.contains { $0.id == id } }
    #expect(!own.isEmpty)
    #expect(own.allSatisfy(declared.contains), "\(own.filter { !declared.contains($0) })")
  }

  /// The scripts of the corpus quality report and the tests name only declared ids.
  @Test func idsNamedInScriptsAndTestsAreDeclared() throws {
    let declared = Set(RuleID.all.map(\.rawValue))
    let families = "batch|decision|footnote|hyphen|input|markdown|ocr|output|pdf|schema|structure|text|xml"
    let pattern = try Regex("[\"'](?:\(families))\\.[a-z0-9-]+[\"']")
    var named: Set<String> = []
    for folder in ["Scripts", "Tests/AkomaNtosoTests", "Tests/aknEndToEndTests"] {
      let url = Fixtures.root.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: url.path)
      where name.hasSuffix(".py") || name.hasSuffix(".swift") {
        let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
        for match in text.matches(of: pattern) {
          let id = String(text[match.range].dropFirst().dropLast())
          // File names (`input.txt`, `text.xml`) are not ids.
          if ["txt", "xml", "md", "pdf", "json"].contains(id.split(separator: ".").last ?? "") { continue }
          named.insert(id)
        }
      }
    }
    #expect(named.count > 10)
    #expect(
      named.subtracting(declared).isEmpty, "not declared in RuleID: \(named.subtracting(declared).sorted())")
  }

  @Test func theReadmeLinksTheRules() throws {
    let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("](docs/rules.md)"))
  }

  @Test func idsAreWrittenAsPrinted() throws {
    let diagnostic = Diagnostic(.warning, rule: .textDate, message: "m", line: 3)
    let json = String(decoding: try JSONEncoder().encode(diagnostic), as: UTF8.self)
    #expect(json.contains(#""rule":"text.date""#))
    let back = try JSONDecoder().decode(Diagnostic.self, from: Data(json.utf8))
    #expect(back == diagnostic)
    let line = RemovedLine(line: 2, text: "2/19", reason: .pageNumber)
    let lineJSON = String(decoding: try JSONEncoder().encode(line), as: UTF8.self)
    #expect(lineJSON.contains(#""reason":"page-number""#))
  }
}
