import Foundation
import Testing

@testable import AKNModel
@testable import AKNValidation
@testable import AKNXML

/// The schema's verdict against xmllint's (`xmllint --noout --nonet --schema akomantoso30.xsd`) on
/// a few hundred mutants of the golden document, made by a seeded generator: repeated ids,
/// elements and attributes removed, renamed, added, moved, wrong values, other encodings, broken
/// markup. On every mutant that akn's input policy does not refuse first (a DOCTYPE, an encoding
/// that hides markup, too many attributes), `validate --profile none` and the schema part of the
/// default profile must say what xmllint says.
@Suite(.enabled(if: Xmllint.path != nil, "xmllint (libxml2-utils) is not installed"))
struct ValidatorDifferentialTests {
  /// How many mutants, and the generator's seed (fixed: the same mutants every run).
  static let count = 400
  static let seed: UInt64 = 21

  /// The rules of akn's input policy: a mutant refused by one of them is not compared.
  static let policyRules: Set<RuleID> = [.xmlDoctype, .inputAttributes, .inputEncoding]

  @Test func theSchemasVerdictIsXmllintsOnEveryMutant() throws {
    let golden = try String(
      contentsOf: Fixtures.examples.appendingPathComponent("A_RES_67_27.akn.xml"), encoding: .utf8)
    var generator = MutantGenerator(document: golden, seed: Self.seed)
    let mutants = (0..<Self.count).map { index in generator.next(name: String(format: "m%03d.xml", index)) }

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-diff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for mutant in mutants {
      try Data(mutant.bytes).write(to: folder.appendingPathComponent(mutant.name))
    }
    let xmllintValid = try Self.xmllintVerdicts(mutants.map(\.name), in: folder)

    let schemaOnly = Validator(schema: Fixtures.schema, profile: .none)
    let full = Validator(schema: Fixtures.schema, profile: .akn4un)
    var compared = 0
    var refused: [String: Int] = [:]
    var disagreements: [String] = []
    var kinds: [String: (valid: Int, invalid: Int)] = [:]
    for mutant in mutants {
      let none = schemaOnly.validate(bytes: mutant.bytes, path: mutant.name)
      let akn4un = full.validate(bytes: mutant.bytes, path: mutant.name)
      // What the policy refuses is refused whatever the encoding.
      let expected = ["DOCTYPE": RuleID.xmlDoctype, "too many attributes": RuleID.inputAttributes][
        mutant.kind]
      if let expected {
        #expect(none.errors.first?.rule == expected, "\(mutant.name) (\(mutant.kind))")
      }
      if let policy = none.errors.first(where: { Self.policyRules.contains($0.rule) }) {
        refused[policy.rule.rawValue, default: 0] += 1
        // Both profiles refuse it the same way.
        #expect(akn4un.errors.first?.rule == policy.rule, "\(mutant.name) (\(mutant.kind))")
        continue
      }
      compared += 1
      let reference = xmllintValid[mutant.name] ?? false
      let schemaPart = !akn4un.errors.contains {
        $0.rule == RuleID.xml || $0.rule == RuleID.schema || $0.rule.rawValue.hasPrefix("schema.")
          || $0.rule.rawValue.hasPrefix("xml.") || $0.rule.isInput
      }
      kinds[mutant.kind, default: (0, 0)].valid += reference ? 1 : 0
      kinds[mutant.kind, default: (0, 0)].invalid += reference ? 0 : 1
      if none.valid != reference || schemaPart != reference {
        disagreements.append(
          "\(mutant.name) (\(mutant.kind)): xmllint \(reference ? "valid" : "invalid"), --profile none \(none.valid ? "valid" : "invalid"), akn4un's schema part \(schemaPart ? "valid" : "invalid"): \(none.errors.first?.message ?? "")"
        )
      }
    }
    let summary = kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.valid)/\($0.value.invalid)" }
    print(
      "differential: \(mutants.count) mutants, \(compared) compared, \(compared - disagreements.count) agree; refused by policy: \(refused); by kind (valid/invalid per xmllint): \(summary.joined(separator: ", "))"
    )
    #expect(
      disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.joined(separator: "\n"))"
    )
    // The generator makes both outcomes in numbers, and the policy cases exist.
    #expect(kinds.values.map(\.valid).reduce(0, +) >= 40)
    #expect(kinds.values.map(\.invalid).reduce(0, +) >= 200)
    #expect(refused.values.reduce(0, +) >= 5)
  }

  /// xmllint's verdict per file (true: "validates"), in one run over every file.
  static func xmllintVerdicts(_ names: [String], in folder: URL) throws -> [String: Bool] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Xmllint.path!)
    process.arguments = ["--noout", "--nonet", "--schema", Fixtures.schema.path] + names
    process.currentDirectoryURL = folder
    let errors = folder.appendingPathComponent("xmllint.stderr")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let handle = try FileHandle(forWritingTo: errors)
    process.standardError = handle
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let text = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
    var verdicts: [String: Bool] = [:]
    for line in text.split(separator: "\n") {
      if line.hasSuffix(" validates") {
        verdicts[String(line.dropLast(" validates".count))] = true
      } else if line.hasSuffix(" fails to validate") {
        verdicts[String(line.dropLast(" fails to validate".count))] = false
      }
    }
    return verdicts
  }
}

/// Where xmllint is, if installed (`Scripts/install-deps.sh` installs it for the tests).
enum Xmllint {
  static let path: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}

/// One generated document.
struct Mutant {
  var name: String
  /// What was done to the document.
  var kind: String
  var bytes: [UInt8]
}

/// SplitMix64: a small, fixed pseudo-random generator, the same on every machine.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Makes mutants of one well-formed document by editing its text, from a seeded generator.
struct MutantGenerator {
  /// One element of the document: its name and where its tags are.
  struct Element {
    var name: String
    /// The start tag (or the empty-element tag), `<` to `>`.
    var start: Range<String.Index>
    /// The end tag, nil for an empty-element tag.
    var end: Range<String.Index>?
    var depth: Int
    /// The whole element, start tag to end tag.
    var whole: Range<String.Index> { start.lowerBound..<(end?.upperBound ?? start.upperBound) }
  }

  let document: String
  let elements: [Element]
  let names: [String]
  let attributeNames: [String]
  let eIds: [String]
  var random: SplitMix64

  init(document: String, seed: UInt64) {
    self.document = document
    random = SplitMix64(state: seed)
    var elements: [Element] = []
    var stack: [Int] = []
    let tag = /<(\/?)([A-Za-z][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>/
    for match in document.matches(of: tag) {
      let name = String(match.output.2)
      if !match.output.1.isEmpty {
        if let open = stack.popLast() { elements[open].end = match.range }
      } else {
        elements.append(Element(name: name, start: match.range, end: nil, depth: stack.count))
        if match.output.4.isEmpty { stack.append(elements.count - 1) }
      }
    }
    self.elements = elements
    names = Array(Set(elements.map(\.name))).sorted()
    attributeNames = Array(
      Set(document.matches(of: /\s([\w:]+)="/).map { String($0.output.1) }.filter { !$0.hasPrefix("xmlns") })
    ).sorted()
    eIds = document.matches(of: /eId="([^"]*)"/).map { String($0.output.1) }
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
  mutating func chance(_ percent: Int) -> Bool { Int(random.next() % 100) < percent }

  /// An element below the root (depth ≥ 1).
  mutating func element() -> Element { pick(elements.filter { $0.depth >= 1 }) }

  /// The text with `range` replaced.
  func replacing(_ range: Range<String.Index>, with text: String, in source: String? = nil) -> String {
    var copy = source ?? document
    copy.replaceSubrange(range, with: text)
    return copy
  }

  /// The text with `text` inserted before the `>` (or `/>`) of `element`'s start tag.
  func addingToStartTag(_ element: Element, _ text: String, in source: String? = nil) -> String {
    let source = source ?? document
    let tag = source[element.start]
    let cut =
      tag.hasSuffix("/>")
      ? source.index(element.start.upperBound, offsetBy: -2) : source.index(before: element.start.upperBound)
    var copy = source
    copy.insert(contentsOf: text, at: cut)
    return copy
  }

  static let kinds = [
    "xml:id repeated", "xml:id once", "xml:id not an NCName", "eId repeated", "element removed",
    "element renamed", "element duplicated", "element added", "attribute removed", "attribute renamed",
    "attribute added", "attribute value wrong", "siblings swapped", "text where none is allowed",
    "root namespace", "encoding", "markup broken", "character reference", "comment or PI or CDATA",
    "xml:space or xml:lang", "xsi attribute", "DOCTYPE", "too many attributes",
  ]

  mutating func next(name: String) -> Mutant {
    let kind = pick(Self.kinds)
    return Mutant(name: name, kind: kind, bytes: mutate(kind))
  }

  mutating func mutate(_ kind: String) -> [UInt8] {
    switch kind {
    case "xml:id repeated":
      let first = element()
      var second = element()
      while second.start == first.start { second = element() }
      let (a, b) = first.start.lowerBound > second.start.lowerBound ? (first, second) : (second, first)
      let value = pick(["d1", "x", "para_1"])
      return Array(
        addingToStartTag(b, " xml:id=\"\(value)\"", in: addingToStartTag(a, " xml:id=\"\(value)\"")).utf8)
    case "xml:id once":
      return Array(addingToStartTag(element(), " xml:id=\"\(pick(["a1", "id_7", "x.y-z"]))\"").utf8)
    case "xml:id not an NCName":
      return Array(addingToStartTag(element(), " xml:id=\"\(pick(["1abc", "a b", "", "a:b", "-x"]))\"").utf8)
    case "eId repeated":
      let taken = pick(eIds)
      let target = pick(eIds.filter { $0 != taken })
      guard let range = document.range(of: "eId=\"\(target)\"") else { return Array(document.utf8) }
      return Array(replacing(range, with: "eId=\"\(taken)\"").utf8)
    case "element removed":
      return Array(replacing(element().whole, with: "").utf8)
    case "element renamed":
      let target = element()
      let newName = chance(20) ? "bogus" : pick(names)
      var copy = document
      if let end = target.end { copy.replaceSubrange(end, with: "</\(newName)>") }
      let nameRange =
        copy.index(
          after: target.start.lowerBound)..<copy.index(
          target.start.lowerBound, offsetBy: 1 + target.name.count)
      copy.replaceSubrange(nameRange, with: newName)
      return Array(copy.utf8)
    case "element duplicated":
      let target = element()
      var copy = document
      copy.insert(contentsOf: document[target.whole], at: target.whole.upperBound)
      return Array(copy.utf8)
    case "element added":
      let target = element()
      let fragment = pick([
        "<p>x</p>", "<bogus/>", "<i>x</i>", "<br/>", "<container name=\"x\"><p>y</p></container>", "<meta/>",
      ])
      var copy = document
      copy.insert(contentsOf: fragment, at: chance(50) ? target.start.upperBound : target.whole.upperBound)
      return Array(copy.utf8)
    case "attribute removed", "attribute renamed", "attribute value wrong":
      let target = pick(elements.filter { document[$0.start].contains("=\"") })
      let tag = String(document[target.start])
      let attributes = tag.matches(of: /\s([\w:]+)="([^"]*)"/).filter { !$0.output.1.hasPrefix("xmlns") }
      guard !attributes.isEmpty else { return Array(document.utf8) }
      let attribute = pick(attributes)
      let replacement: String
      switch kind {
      case "attribute removed": replacement = ""
      case "attribute renamed":
        replacement = " \(chance(30) ? "bogus" : pick(attributeNames))=\"\(attribute.output.2)\""
      default:
        let value = pick([
          "", " ", "2012-13-45", "not a date", "#", "x y", "-1", "99999999999999999999", "true", "#un-ga",
          "/akn/x", "&amp;", "&lt;b&gt;", String(repeating: "a", count: 300), "\t", "eng", "2012-12-03",
        ])
        replacement = " \(attribute.output.1)=\"\(value)\""
      }
      var tagCopy = tag
      tagCopy.replaceSubrange(attribute.range, with: replacement)
      return Array(replacing(target.start, with: tagCopy).utf8)
    case "attribute added":
      let name = chance(25) ? pick(["bogus", "ods:extra", "xml:base"]) : pick(attributeNames)
      let value = pick(["x", "2012-12-03", "#un-ga", "1", ""])
      let target = element()
      guard !document[target.start].contains(" \(name)=") else { return Array(document.utf8) }
      return Array(addingToStartTag(target, " \(name)=\"\(value)\"").utf8)
    case "siblings swapped":
      for _ in 0..<20 {
        let first = element()
        guard
          let second = elements.first(where: {
            $0.depth == first.depth && $0.start.lowerBound >= first.whole.upperBound
              && document[first.whole.upperBound..<$0.start.lowerBound].allSatisfy(\.isWhitespace)
          })
        else { continue }
        var copy = document
        let a = String(document[first.whole])
        let b = String(document[second.whole])
        copy.replaceSubrange(
          first.whole.lowerBound..<second.whole.upperBound,
          with: b + document[first.whole.upperBound..<second.start.lowerBound] + a)
        return Array(copy.utf8)
      }
      return Array(document.utf8)
    case "text where none is allowed":
      var copy = document
      copy.insert(contentsOf: pick(["stray", "  ", "\n", "&#160;"]), at: element().start.upperBound)
      return Array(copy.utf8)
    case "root namespace":
      let namespace = pick([
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17", "", "urn:other",
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
      ])
      return Array(
        document.replacingOccurrences(
          of: "xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"", with: "xmlns=\"\(namespace)\""
        )
        .utf8)
    case "encoding":
      let body = document.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
      let text = body.replacingOccurrences(of: "The General Assembly,", with: "The General Assembly é,")
      switch pick([
        "UTF-16LE BOM", "UTF-16BE BOM", "UTF-16 no BOM", "ISO-8859-1", "windows-1252", "latin-1 undeclared",
        "declared latin-1, UTF-8 bytes", "UTF-8 BOM", "UTF-16 declared, UTF-8 bytes",
      ]) {
      case "UTF-16LE BOM":
        return [0xFF, 0xFE]
          + Self.utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + text, bigEndian: false)
      case "UTF-16BE BOM":
        return [0xFE, 0xFF]
          + Self.utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + text, bigEndian: true)
      case "UTF-16 no BOM":
        return Self.utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + text, bigEndian: false)
      case "ISO-8859-1", "windows-1252":
        let declared = chance(50) ? "ISO-8859-1" : "windows-1252"
        return Self.latin1("<?xml version=\"1.0\" encoding=\"\(declared)\"?>\n" + text)
      case "latin-1 undeclared":
        return Self.latin1("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text)
      case "declared latin-1, UTF-8 bytes":
        return Array(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + text).utf8)
      case "UTF-8 BOM":
        return [0xEF, 0xBB, 0xBF] + Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text).utf8)
      default:
        return Array(("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + text).utf8)
      }
    case "markup broken":
      var bytes = Array(document.utf8)
      switch pick(["truncate", "drop >", "drop end tag", "stray <", "stray &"]) {
      case "truncate":
        bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
        if bytes.isEmpty { bytes = [UInt8(ascii: "<")] }
      case "drop >":
        let positions = bytes.indices.filter { bytes[$0] == UInt8(ascii: ">") }
        bytes.remove(at: pick(positions))
      case "drop end tag":
        let target = pick(elements.filter { $0.end != nil && $0.depth >= 1 })
        return Array(replacing(target.end!, with: "").utf8)
      case "stray <":
        var copy = document
        copy.insert("<", at: element().start.upperBound)
        return Array(copy.utf8)
      default:
        var copy = document
        copy.insert("&", at: element().start.upperBound)
        return Array(copy.utf8)
      }
      return bytes
    case "character reference":
      guard let range = document.range(of: "The General Assembly,") else { return Array(document.utf8) }
      let reference = pick(["&#x0;", "&#65;", "&#xD800;", "&bogus;", "&amp;", "&#x1F600;", "&#12;"])
      return Array(replacing(range, with: "The General Assembly\(reference),").utf8)
    case "comment or PI or CDATA":
      var copy = document
      let fragment = pick([
        "<!-- a comment -->", "<?pi data?>", "<![CDATA[x]]>", "<![CDATA[ ]]>", "<!-- -- -->",
      ])
      copy.insert(
        contentsOf: fragment, at: chance(50) ? element().start.upperBound : element().whole.upperBound)
      return Array(copy.utf8)
    case "xml:space or xml:lang":
      let attribute = pick([
        "xml:space=\"preserve\"", "xml:space=\"bogus\"", "xml:lang=\"en\"", "xml:lang=\"not a language\"",
        "xml:lang=\"\"",
      ])
      return Array(addingToStartTag(element(), " " + attribute).utf8)
    case "xsi attribute":
      let attribute = pick([
        "xsi:type=\"bogus\"", "xsi:nil=\"true\"", "xsi:schemaLocation=\"urn:x other.xsd\"",
        "xsi:noNamespaceSchemaLocation=\"x.xsd\"",
      ])
      let declared = document.replacingOccurrences(
        of: "<akomaNtoso ", with: "<akomaNtoso xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
      let generator = MutantGenerator(document: declared, seed: random.next())
      let target = generator.elements.filter { $0.depth >= 1 }[
        Int(random.next() % UInt64(generator.elements.count - 1))]
      return Array(generator.addingToStartTag(target, " " + attribute).utf8)
    case "DOCTYPE":
      let doctype = pick([
        "<!DOCTYPE akomaNtoso>", "<!DOCTYPE akomaNtoso [<!ENTITY e \"x\">]>",
        "<!DOCTYPE akomaNtoso SYSTEM \"x.dtd\">",
      ])
      let text = document.replacingOccurrences(
        of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\(doctype)\n")
      if chance(50) {
        return [0xFF, 0xFE]
          + Self.utf16(
            text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\""), bigEndian: false
          )
      }
      return Array(text.utf8)
    default:  // too many attributes
      let count = 257 + Int(random.next() % 2000)
      let attributes = (0..<count).map { " a\($0)=\"x\"" }.joined()
      return Array(addingToStartTag(element(), attributes).utf8)
    }
  }

  static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit in
      bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
  }

  /// `text` in ISO-8859-1 (every character of the golden document and é are in it).
  static func latin1(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : UInt8(ascii: "?") }
  }
}
