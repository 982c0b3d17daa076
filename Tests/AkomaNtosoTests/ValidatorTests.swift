import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

/// `Validator`: the two layers, the rule fixtures, the shared AKN corpus.
@Suite struct ValidatorTests {
  static let validator = Validator(schema: Fixtures.schema)
  static let schemaOnly = Validator(schema: Fixtures.schema, profile: .none)

  static func golden() throws -> String {
    try String(contentsOf: Fixtures.examples.appendingPathComponent("A_RES_67_27.akn.xml"), encoding: .utf8)
  }

  /// Replaces `old` (which must occur) by `new`, the first occurrence or all of them.
  static func replacing(_ old: String, _ new: String, all: Bool = false) -> @Sendable (String) -> String {
    { text in
      precondition(text.contains(old), "fixture text not found: \(old)")
      guard !all, let range = text.range(of: old) else {
        return text.replacingOccurrences(of: old, with: new)
      }
      return text.replacingCharacters(in: range, with: new)
    }
  }

  /// One fixture per rule: the converter's golden output of A/RES/67/27 (which passes every rule)
  /// with one thing broken, which must break that rule and no other.
  static let ruleFixtures: [String: @Sendable (String) -> String] = [
    "nc.work-uri": replacing("/akn/un/statement/", "/akn/un/statements/", all: true),
    "nc.expression-uri": replacing("/eng@2012-12-03", "/en@2012-12-03", all: true),
    "nc.manifestation-uri": replacing(#"eng@2012-12-03.xml"/>"#, #"eng@2012-12-03.akn"/>"#),
    "nc.frbr-this": replacing(
      #"<FRBRthis value="/akn/un/statement/deliberation/un-ga/2012-12-03/67-27/!main"/>"#,
      #"<FRBRthis value="/akn/un/statement/deliberation/un-ga/2012-12-03/67-28/!main"/>"#),
    "nc.language": replacing(#"<FRBRlanguage language="eng"/>"#, #"<FRBRlanguage language="en"/>"#),
    "nc.work-date": replacing("/un-ga/2012-12-03/67-27", "/un-ga/2012-12-04/67-27", all: true),
    "nc.eid-syntax": replacing(#"eId="para_1""#, #"eId="para_1_""#),
    "nc.eid-prefix": replacing(#"eId="para_3__list_1""#, #"eId="list_1""#),
    "nc.ref-target": replacing(
      ##"<event refersTo="#plenaryMeeting48">"##, ##"<event refersTo="#plenaryMeeting49">"##),
    "akn4un.subtype": replacing(
      #"<FRBRsubtype value="deliberation"/>"#, #"<FRBRsubtype value="resolution"/>"#),
    "akn4un.statement-name": replacing(#"name="resolution" contains"#, #"name="motion" contains"#),
    "akn4un.doc-date": replacing(#"<docDate date="2012-12-03""#, #"<docDate date="2012-12-04""#),
    "akn4un.author-actor": replacing(
      ##"<FRBRauthor href="#un-ga" as="#author"/>"##, ##"<FRBRauthor href="#un-ga-c1" as="#author"/>"##),
  ]

  @Test func theConvertersOutputPassesBothLayersWithoutAWarning() throws {
    let report = Self.validator.validate(bytes: Array(try Self.golden().utf8), path: "golden.xml")
    #expect(report.outcome == .valid)
    #expect(report.diagnostics == [])
  }

  /// The schema-only profile validates while parsing (no tree) and parses a tree only when that
  /// finds anything: both ways must give the same verdict, and an invalid document still gets
  /// the tree's precise diagnostics.
  @Test func validatingWhileParsingAgreesWithTheTree() throws {
    let golden = try Self.golden()
    let damaged: [String: String] = [
      "unchanged": golden,
      "element renamed": Self.replacing("<preamble>", "<preambel>")(
        Self.replacing("</preamble>", "</preambel>")(golden)),
      "text in element-only content": Self.replacing("<preamble>", "<preamble>stray")(golden),
      "required attribute removed": Self.replacing(#"<FRBRthis value="#, #"<FRBRthis valeur="#)(golden),
      "duplicate eId": Self.replacing(#"eId="para_2""#, #"eId="para_1""#)(golden),
      "bad date": Self.replacing(#"<docDate date="2012-12-03""#, #"<docDate date="2012-13-45""#)(golden),
      "unknown attribute": Self.replacing("<mainBody>", #"<mainBody bogus="1">"#)(golden),
      "not well-formed": Self.replacing("</mainBody>", "")(golden),
      "other root": Self.replacing("<akomaNtoso ", "<akomaNtosoX ")(
        Self.replacing("</akomaNtoso>", "</akomaNtosoX>")(golden)),
      "foreign namespace": Self.replacing(AKN.namespace, "urn:example:other")(golden),
    ]
    for (name, text) in damaged {
      let bytes = Array(text.utf8)
      let streamed = Fixtures.schema.isCleanlyValid(bytes)
      let tree = try? XMLTree.parse(bytes)
      let treeValid =
        tree.flatMap { tree in
          tree.root.map {
            tree.name(of: $0) == "akomaNtoso" && tree.namespaceURI(of: $0) == AKN.namespace
              && Fixtures.schema.validate(tree).isEmpty
          }
        } ?? false
      #expect(streamed == treeValid, "\(name)")
      #expect(streamed == (name == "unchanged"), "\(name)")
      let report = Self.schemaOnly.validate(bytes: bytes, path: "x.xml")
      #expect((report.outcome == .valid) == streamed, "\(name)")
      if !streamed {
        #expect(report.diagnostics.contains { $0.line != nil }, "\(name): \(report.diagnostics)")
      }
    }
  }

  /// A document cut short or broken anywhere stops the parse half-way with elements open: the
  /// verdict is "invalid", with diagnostics, and (under `Scripts/sanitize.sh address`) nothing
  /// the validator held for the open elements leaks.
  @Test func aParseStoppedHalfWayIsInvalidAndReleasesEverything() throws {
    let golden = Array(try Self.golden().utf8)
    for cut in stride(from: 1, to: golden.count, by: 97) {
      let truncated = Array(golden[0..<cut])
      #expect(!Fixtures.schema.isCleanlyValid(truncated), "cut at \(cut)")
      let report = Self.schemaOnly.validate(bytes: truncated, path: "x.xml")
      #expect(report.outcome != .valid && !report.diagnostics.isEmpty, "cut at \(cut)")
      var broken = golden
      broken.insert(contentsOf: Array("<<&".utf8), at: cut)
      #expect(!Fixtures.schema.isCleanlyValid(broken), "broken at \(cut)")
    }
    // An end tag missing: the parser stops at the mismatch, deep inside the document.
    let text = try Self.golden()
    for tag in ["</mainBody>", "</preamble>", "</p>", "</meta>", "</statement>", "</container>"] {
      let broken = Array(Self.replacing(tag, "")(text).utf8)
      #expect(!Fixtures.schema.isCleanlyValid(broken), "without \(tag)")
      #expect(Self.schemaOnly.validate(bytes: broken, path: "x.xml").outcome == .invalid, "without \(tag)")
    }
  }

  @Test func everyRuleIsListedInTheRulesFileAndHasAFixture() throws {
    let rules = try String(
      contentsOf: Fixtures.root.appendingPathComponent("Schemas/akn4un-rules.md"), encoding: .utf8)
    let ids = ValidationRule.all.map(\.id)
    #expect(Set(ids).count == ids.count, "duplicate rule ids")
    for rule in ValidationRule.all {
      #expect(
        rules.contains("| `\(rule.id)` | \(rule.severity.rawValue) |"),
        "\(rule.id) missing from akn4un-rules.md")
      #expect(Self.ruleFixtures[rule.id] != nil, "\(rule.id) has no fixture")
    }
    #expect(Set(Self.ruleFixtures.keys) == Set(ids), "a fixture for a rule that does not exist")
  }

  @Test(arguments: ValidationRule.all.map(\.id))
  func eachFixtureBreaksItsRuleAndNoOther(_ id: String) throws {
    let rule = try #require(ValidationRule.all.first { $0.id == id })
    let mutate = try #require(Self.ruleFixtures[id])
    let text = mutate(try Self.golden())
    let report = Self.validator.validate(bytes: Array(text.utf8), path: "\(id).xml")
    #expect(Set(report.diagnostics.map(\.rule.rawValue)) == [id], "\(report.diagnostics.map(\.description))")
    for diagnostic in report.diagnostics {
      #expect(diagnostic.severity == rule.severity)
      #expect((diagnostic.line ?? 0) > 1, "a rule reports the element's line")
      #expect(diagnostic.element != nil)
    }
    #expect(report.outcome == (rule.severity == .error ? .invalid : .valid))
    // The same document passes with the schema only: the schema checks none of these rules.
    #expect(Self.schemaOnly.validate(bytes: Array(text.utf8), path: "\(id).xml").diagnostics == [])
  }

  @Test func rulesReportTheLineOfTheElement() throws {
    let text = try Self.golden().replacingOccurrences(
      of: ##"<event refersTo="#plenaryMeeting48">"##, with: ##"<event refersTo="#nowhere">"##)
    let line = text.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("#nowhere") }.map { $0 + 1 }
    let report = Self.validator.validate(bytes: Array(text.utf8), path: "x.xml")
    #expect(report.errors.map(\.line) == [line])
    #expect(report.errors.first?.message.contains(##"refersTo="#nowhere" points at no element"##) == true)
  }

  @Test func akn4unRulesApplyOnlyToUNDocuments() throws {
    let text = try Self.golden()
      .replacingOccurrences(of: "/akn/un/statement/", with: "/akn/xx/statement/")
      .replacingOccurrences(of: #"<FRBRcountry value="un"/>"#, with: #"<FRBRcountry value="xx"/>"#)
      .replacingOccurrences(of: #"name="resolution" contains"#, with: #"name="motion" contains"#)
      .replacingOccurrences(
        of: #"<FRBRsubtype value="deliberation"/>"#, with: #"<FRBRsubtype value="other"/>"#)
    let report = Self.validator.validate(bytes: Array(text.utf8), path: "x.xml")
    #expect(report.diagnostics == [], "\(report.diagnostics.map(\.description))")
  }

  @Test func severalErrorsAreReportedPerFileInLineOrder() throws {
    let text = try Self.golden()
      .replacingOccurrences(of: #"<FRBRlanguage language="eng"/>"#, with: #"<FRBRlanguage language="en"/>"#)
      .replacingOccurrences(of: #"name="resolution" contains"#, with: #"contains"#)
      .replacingOccurrences(of: ##"<event refersTo="#plenaryMeeting48">"##, with: ##"<event refersTo="#x">"##)
    let report = Self.validator.validate(bytes: Array(text.utf8), path: "x.xml")
    let rules = report.errors.map(\.rule.rawValue)
    #expect(rules.contains("schema"))
    #expect(rules.contains("nc.language"))
    #expect(rules.contains("nc.ref-target"))
    #expect(!rules.contains("akn4un.statement-name"), "a missing @name is the schema's error, reported once")
    let schema = try #require(report.errors.first { $0.rule == RuleID.schema })
    #expect(schema.message == "Element 'statement': The attribute 'name' is required but missing.")
    #expect(schema.line == 3)
    #expect(schema.element == "/akomaNtoso/statement")
  }

  @Test func schemaErrorsCarryTheDocumentsRealLineAndNoNamespaceNoise() throws {
    let text = try Self.golden().replacingOccurrences(of: "<num>(a)</num>", with: "<nmu>(a)</nmu>")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let expected = try #require(lines.firstIndex { $0.contains("<nmu>") }) + 1
    let report = Self.schemaOnly.validate(bytes: Array(text.utf8), path: "x.xml")
    let first = try #require(report.errors.first)
    #expect(first.line == expected)
    #expect(first.message.hasPrefix("Element 'nmu': This element is not expected."))
    #expect(first.element?.hasPrefix("nmu in para_") == true, "\(first)")
    #expect(!report.errors.contains { $0.message.contains("{http") })
  }

  @Test func prefixedElementsAreNamedAsWritten() throws {
    let prefixed = """
      <an:akomaNtoso xmlns:an="\(AKN.namespace)">
        <an:doc name="x"><an:meta/></an:doc>
      </an:akomaNtoso>
      """
    let report = Self.schemaOnly.validate(bytes: Array(prefixed.utf8), path: "x.xml")
    #expect(report.errors.first?.message.hasPrefix("Element 'an:meta':") == true, "\(report.errors)")
    #expect(report.errors.first?.line == 2)
  }

  @Test func aRootOutsideTheAKNNamespaceGetsAReadableError() {
    let report = Self.validator.validate(
      bytes: Array(#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17"/>"#.utf8),
      path: "x.xml")
    #expect(report.errors.count == 1)
    #expect(report.errors[0].rule == RuleID.schemaRoot)
    #expect(report.errors[0].message.contains("draft namespace: change xmlns to \(AKN.namespace)"))
    let html = Self.validator.validate(bytes: Array("<html><body/></html>".utf8), path: "x.xml")
    #expect(
      html.errors.map(\.message) == [
        "the root element <html> has no namespace; an AKN document has the root <akomaNtoso xmlns=\"\(AKN.namespace)\">"
      ])
  }

  @Test func theReportEncodesAsJSONForPipelines() throws {
    let text = try Self.golden().replacingOccurrences(
      of: #"<FRBRlanguage language="eng"/>"#, with: #"<FRBRlanguage language="en"/>"#)
    let report = Self.validator.validate(bytes: Array(text.utf8), path: "a/b.xml")
    let data = try JSONEncoder().encode(report)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["path"] as? String == "a/b.xml")
    #expect(object["valid"] as? Bool == false)
    let errors = try #require(object["errors"] as? [[String: Any]])
    #expect(errors.first?["rule"] as? String == "nc.language")
    #expect(errors.first?["line"] as? Int == 24)
    #expect(errors.first?["message"] != nil)
    #expect(try JSONDecoder().decode(ValidationReport.self, from: data) == report)
  }

  @Test func filesAreValidatedInParallelAndReportedInOrder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-validate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = try Self.golden()
    let bad = good.replacingOccurrences(
      of: #"<FRBRlanguage language="eng"/>"#, with: #"<FRBRlanguage language="en"/>"#)
    var expected: [String: ValidationReport.Outcome] = [:]
    for index in 0..<23 {
      let name = index % 3 == 0 ? "sub/f\(index).xml" : "f\(index).xml"
      try Data((index % 2 == 0 ? good : bad).utf8).write(to: folder.appendingPathComponent(name))
      expected[folder.path + "/" + name] = index % 2 == 0 ? .valid : .invalid
    }
    try Data("not xml".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let files = try Validator.xmlFiles(in: folder.path)
    #expect(files == expected.keys.sorted())
    var seen: [ValidationReport] = []
    Self.validator.validate(files: files) { seen.append($0) }
    #expect(seen.map(\.path) == files)
    #expect(seen.map(\.outcome) == files.map { expected[$0]! })
  }

  // MARK: The shared corpus of real AKN documents

  /// The reasons `akn/SOURCE.md` gives for each invalid file: the quoted libxml2 message, or the
  /// `code` words of the row.
  static func expectedReasons(_ shared: URL) throws -> [String: [String]] {
    let source = try String(contentsOf: shared.appendingPathComponent("akn/SOURCE.md"), encoding: .utf8)
    var reasons: [String: [String]] = [:]
    for row in source.split(separator: "\n") where row.hasPrefix("| `") && row.contains(".xml` |") {
      let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 2 else { continue }
      let file = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      let why = cells[1]
      if let open = why.firstIndex(of: "\""), let close = why[why.index(after: open)...].firstIndex(of: "\"")
      {
        reasons[file] = [String(why[why.index(after: open)..<close])]
      } else {
        reasons[file] = why.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter {
          $0.offset % 2 == 1
        }
        .map { $0.element.trimmingCharacters(in: CharacterSet(charactersIn: "<>@/")) }
      }
    }
    return reasons
  }

  @Test(.enabled(if: Fixtures.shared != nil, "../shared (the AKN corpus) is absent"))
  func everyValidCorpusFilePassesTheSchema() throws {
    let folder = Fixtures.shared!.appendingPathComponent("akn/valid")
    let files = try Validator.xmlFiles(in: folder.path)
    #expect(files.count >= 8)
    Self.schemaOnly.validate(files: files) { report in
      #expect(report.outcome == .valid, "\(report.path): \(report.diagnostics.map(\.description))")
    }
  }

  /// Other producers' valid documents pass the default profile: the UN naming rules are
  /// reported on them as warnings, and the AKN4UN rules do not apply.
  @Test(.enabled(if: Fixtures.shared != nil, "../shared (the AKN corpus) is absent"))
  func everyValidCorpusFilePassesTheDefaultProfileWithWarningsOnly() throws {
    let folder = Fixtures.shared!.appendingPathComponent("akn/valid")
    let files = try Validator.xmlFiles(in: folder.path)
    #expect(files.count >= 8)
    var warnings = 0
    Validator(schema: Fixtures.schema).validate(files: files) { report in
      #expect(report.outcome == .valid, "\(report.path): \(report.errors.prefix(3).map(\.description))")
      warnings += report.diagnostics.filter { $0.severity == .warning }.count
    }
    #expect(warnings > 0, "the naming-convention findings are still reported")
  }

  @Test(.enabled(if: Fixtures.shared != nil, "../shared (the AKN corpus) is absent"))
  func everyInvalidCorpusFileFailsForTheReasonItsSourceGives() throws {
    let shared = Fixtures.shared!
    let reasons = try Self.expectedReasons(shared)
    let files = try Validator.xmlFiles(in: shared.appendingPathComponent("akn/invalid").path)
    #expect(files.count >= 2)
    for file in files {
      let name = URL(fileURLWithPath: file).lastPathComponent
      let words = try #require(reasons[name], "\(name) has no reason in SOURCE.md")
      #expect(!words.isEmpty)
      let report = Self.schemaOnly.validate(fileAt: file)
      #expect(report.outcome == .invalid)
      let messages = report.errors.map { $0.message.lowercased() }.joined(separator: "\n")
      for word in words {
        #expect(messages.contains(word.lowercased()), "\(name): expected “\(word)” in \(messages)")
      }
      #expect(report.errors.allSatisfy { ($0.line ?? 0) > 0 })
    }
  }

  @Test(.enabled(if: Fixtures.shared != nil, "../shared (the AKN corpus) is absent"))
  func aSchemaErrorInARealFileHasItsRealLine() throws {
    let file = Fixtures.shared!.appendingPathComponent(
      "akn/invalid/oasis-csprd02-nsfix_za_Judgement_2008-11-26.xml")
    let lines = try String(contentsOf: file, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.contains("<opinion") }) + 1
    let report = Self.schemaOnly.validate(fileAt: file.path)
    #expect(report.errors.map(\.line) == [line])
    #expect(report.errors.first?.message == "Element 'opinion': The attribute 'by' is required but missing.")
  }
}
