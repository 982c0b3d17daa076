import AKNMarkup
public import AKNModel
import AKNXML
import Foundation

/// One rule checked beyond the official schema. The readable list with examples is
/// `Schemas/akn4un-rules.md`; every rule here has an entry there and a test fixture.
public struct ValidationRule: Sendable, Hashable {
  /// Which documents a rule applies to.
  public enum Scope: String, Sendable, Hashable {
    /// Every AKN document (the AKN naming convention).
    case allDocuments
    /// Documents whose `FRBRcountry` is `un` (AKN4UN).
    case un
  }

  /// The stable identifier, e.g. `nc.expression-uri`, used as the diagnostic's `rule`.
  public let id: String
  /// Whether breaking it makes the document invalid.
  public let severity: Diagnostic.Severity
  /// Which documents it applies to.
  public let scope: Scope
  /// What it checks, in one line.
  public let summary: String

  /// Every rule of the `akn4un` profile, in the order they are checked.
  public static let all: [ValidationRule] = AKN4UNRules.all
}

/// The AKN naming convention (all documents) and the AKN4UN rules (documents of `FRBRcountry`
/// `un`), written in Swift over a parsed tree.
enum AKN4UNRules {
  static let workURI = ValidationRule(
    id: "nc.work-uri", severity: .error, scope: .allDocuments,
    summary: "the Work FRBRuri is /akn/{country}/{type}/…/{date}/…, with FRBRcountry and the document type")
  static let expressionURI = ValidationRule(
    id: "nc.expression-uri", severity: .error, scope: .allDocuments,
    summary: "the Expression FRBRuri is the Work FRBRuri + /{language}@{version}")
  static let manifestationURI = ValidationRule(
    id: "nc.manifestation-uri", severity: .error, scope: .allDocuments,
    summary: "the Manifestation FRBRuri is the Expression FRBRuri + .{format}, the format as in FRBRformat")
  static let frbrThis = ValidationRule(
    id: "nc.frbr-this", severity: .error, scope: .allDocuments,
    summary: "FRBRthis at each level starts with that level's FRBRuri (Manifestation: the Expression's)")
  static let language = ValidationRule(
    id: "nc.language", severity: .error, scope: .allDocuments,
    summary: "FRBRlanguage is a three-letter ISO 639-2 code, the one in the Expression IRI")
  static let workDate = ValidationRule(
    id: "nc.work-date", severity: .error, scope: .allDocuments,
    summary: "the date in the Work IRI is the Work's FRBRdate")
  static let eIdSyntax = ValidationRule(
    id: "nc.eid-syntax", severity: .error, scope: .allDocuments,
    summary: "an eId is [prefix__]name[_number] parts joined by __, e.g. para_3__list_1__point_a")
  static let eIdPrefix = ValidationRule(
    id: "nc.eid-prefix", severity: .warning, scope: .allDocuments,
    summary: "an eId starts with the eId of an ancestor + __ (when an ancestor has one), e.g. para_3__list_1")
  static let refTarget = ValidationRule(
    id: "nc.ref-target", severity: .error, scope: .allDocuments,
    summary: "every #id in refersTo, href, source, as and by is the eId of an element of the document")
  static let subtype = ValidationRule(
    id: "akn4un.subtype", severity: .error, scope: .un,
    summary: "a statement has FRBRsubtype deliberation, and the IRI's subtype segment is FRBRsubtype")
  static let statementName = ValidationRule(
    id: "akn4un.statement-name", severity: .error, scope: .un,
    summary: "statement/@name is resolution, resolutionDraft or decision")
  static let docDate = ValidationRule(
    id: "akn4un.doc-date", severity: .error, scope: .un,
    summary: "docDate/@date in the preface or cover page is the Work's FRBRdate")
  static let authorActor = ValidationRule(
    id: "akn4un.author-actor", severity: .error, scope: .un,
    summary: "the Work FRBRauthor is the TLCOrganization whose IRI ends with the actor in the Work IRI")

  static let all = [
    workURI, expressionURI, manifestationURI, frbrThis, language, workDate, eIdSyntax, eIdPrefix, refTarget,
    subtype, statementName, docDate, authorActor,
  ]

  static let referenceAttributes = ["refersTo", "href", "source", "as", "by"]

  /// Every broken rule in `tree`, ordered by line.
  static func check(_ tree: XMLTree) -> [Diagnostic] {
    var checker = Checker(tree: tree)
    checker.run()
    return checker.diagnostics.enumerated().sorted {
      ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
    }.map(\.element)
  }

  /// One pass over one document.
  struct Checker {
    let tree: XMLTree
    var diagnostics: [Diagnostic] = []
    /// Whether the document is the UN's (`FRBRcountry` `un`). The naming convention is a
    /// requirement for UN documents; on other producers' documents its findings are warnings.
    var isUN = true

    init(tree: XMLTree) {
      self.tree = tree
    }

    func isAKN(_ element: XMLElementHandle) -> Bool { tree.namespaceURI(of: element) == AKN.namespace }

    func children(_ element: XMLElementHandle?, _ name: String) -> [XMLElementHandle] {
      guard let element else { return [] }
      return tree.children(of: element).filter { isAKN($0) && tree.name(of: $0) == name }
    }

    func child(_ element: XMLElementHandle?, _ name: String) -> XMLElementHandle? {
      children(element, name).first
    }

    mutating func report(_ rule: ValidationRule, _ message: String, at element: XMLElementHandle) {
      let severity: Diagnostic.Severity = isUN ? rule.severity : .warning
      diagnostics.append(
        Diagnostic(
          severity, rule: RuleID(validationRule: rule.id), message: message, line: tree.line(of: element),
          element: AKNSchema.describe(element, in: tree)))
    }

    mutating func run() {
      guard let root = tree.root else { return }
      let documentElement = tree.children(of: root).first { isAKN($0) }
      let identification = child(child(documentElement, "meta"), "identification")
      let work = child(identification, "FRBRWork")
      let country = child(work, "FRBRcountry").flatMap { tree.attribute("value", of: $0) }
      isUN = country?.lowercased() == "un"
      checkIdentifiers(root)
      guard let document = documentElement else { return }
      checkFRBR(document: document, identification: identification)
      if country?.lowercased() == "un" {
        checkUN(document: document, work: work)
      }
    }

    // MARK: Identifiers (whole file)

    mutating func checkIdentifiers(_ root: XMLElementHandle) {
      var eIds: Set<String> = []
      tree.forEachElement(under: root) { element, _ in
        if isAKN(element), let eId = tree.attribute("eId", of: element) { eIds.insert(eId) }
      }
      // Elements under <references> carry ontology identifiers (un-ga, plenaryMeeting48), and
      // metadata elements sit outside the text's hierarchy: only the text follows the eId syntax.
      var found: [(XMLElementHandle, inMeta: Bool)] = []
      walk(root, inMeta: false, into: &found)
      for (element, inMeta) in found {
        for name in referenceAttributes {
          guard let value = tree.attribute(name, of: element) else { continue }
          let references =
            name == "refersTo" ? value.split(whereSeparator: \.isWhitespace).map(String.init) : [value]
          for reference in references where reference.hasPrefix("#") {
            let target = String(reference.dropFirst())
            if !eIds.contains(target) {
              report(
                refTarget,
                "\(name)=\"\(reference)\" points at no element: no eId \"\(target)\" in the document (add a TLC to <references> or fix the reference)",
                at: element)
            }
          }
        }
        guard let eId = tree.attribute("eId", of: element), !inMeta else { continue }
        if let problem = Self.eIdProblem(eId) {
          report(eIdSyntax, "eId \"\(eId)\" \(problem)", at: element)
          continue
        }
        let contexts = ancestorEIds(of: element)
        if tree.name(of: element) != "authorialNote", let nearest = contexts.first,
          !contexts.contains(where: { eId.hasPrefix($0 + "__") })
        {
          report(
            eIdPrefix,
            "eId \"\(eId)\" does not start with \"\(nearest)__\", the eId of the element it is in",
            at: element)
        }
      }
    }

    /// The AKN elements under `element` in document order, each marked if it is in `<meta>`.
    func walk(_ start: XMLElementHandle, inMeta: Bool, into found: inout [(XMLElementHandle, inMeta: Bool)]) {
      var stack: [(XMLElementHandle, Bool)] = [(start, inMeta)]
      while let (element, meta) = stack.popLast() {
        guard isAKN(element) else { continue }
        found.append((element, meta))
        let nowInMeta = meta || tree.name(of: element) == "meta"
        stack.append(contentsOf: tree.children(of: element).reversed().map { ($0, nowInMeta) })
      }
    }

    /// The eIds of the element's ancestors, nearest first.
    func ancestorEIds(of element: XMLElementHandle) -> [String] {
      var eIds: [String] = []
      var cursor = tree.parent(of: element)
      while let current = cursor {
        guard isAKN(current) else { break }
        // A component or attachment holds a document of its own, whose eIds start afresh.
        if ["component", "attachment"].contains(tree.name(of: current)) { break }
        if let eId = tree.attribute("eId", of: current) { eIds.append(eId) }
        cursor = tree.parent(of: current)
      }
      return eIds
    }

    /// Why `eId` breaks the naming convention's syntax, or nil.
    static func eIdProblem(_ eId: String) -> String? {
      if eId.isEmpty { return "is empty" }
      let parts = eId.components(separatedBy: "__")
      for part in parts {
        if part.isEmpty { return "has an empty part (\"___\", or __ at an end)" }
        let pieces = part.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
        let name = pieces[0]
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
          name.unicodeScalars.allSatisfy({
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
          })
        else {
          return
            "has the part \"\(part)\": each part is an element name or abbreviation (letters and digits, starting with a letter), optionally _ and a number, as in para_3__list_1__point_a"
        }
        if pieces.count == 2 {
          let number = pieces[1]
          let allowed = number.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == ".")
          }
          guard !number.isEmpty, allowed else {
            return
              "has the part \"\(part)\": after the element name comes _ and a number made of letters, digits, - or . (the <num> without punctuation)"
          }
        }
      }
      return nil
    }

    // MARK: FRBR identity (the document's own metadata)

    mutating func checkFRBR(document: XMLElementHandle, identification: XMLElementHandle?) {
      let work = child(identification, "FRBRWork")
      let expression = child(identification, "FRBRExpression")
      let manifestation = child(identification, "FRBRManifestation")
      let workURIElement = child(work, "FRBRuri")
      let expressionURIElement = child(expression, "FRBRuri")
      let manifestationURIElement = child(manifestation, "FRBRuri")
      let workIRI = workURIElement.flatMap { tree.attribute("value", of: $0) }
      let expressionIRI = expressionURIElement.flatMap { tree.attribute("value", of: $0) }
      let manifestationIRI = manifestationURIElement.flatMap { tree.attribute("value", of: $0) }
      var workIRIOK = false
      if let workURIElement, let workIRI {
        workIRIOK = checkWorkIRI(
          workIRI, at: workURIElement, type: tree.name(of: document),
          country: child(work, "FRBRcountry").flatMap { tree.attribute("value", of: $0) })
        if workIRIOK { checkWorkDate(workIRI, work: work, at: workURIElement) }
      }
      var expressionLanguage: String?
      if let expressionURIElement, let expressionIRI, let workIRI, workIRIOK {
        expressionLanguage = checkExpressionIRI(expressionIRI, work: workIRI, at: expressionURIElement)
      }
      for element in children(expression, "FRBRlanguage") {
        let code = tree.attribute("language", of: element) ?? ""
        if !(code.count == 3 && code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })) {
          report(
            language,
            "FRBRlanguage \"\(code)\" is not a three-letter ISO 639-2 code in lower case (eng, fra, spa, ara, rus, zho …)",
            at: element)
        }
      }
      if let expressionLanguage, let languageElement = child(expression, "FRBRlanguage"),
        !children(expression, "FRBRlanguage").contains(where: {
          tree.attribute("language", of: $0) == expressionLanguage
        })
      {
        report(
          language,
          "the Expression IRI is in \"\(expressionLanguage)\" but no FRBRlanguage says \"\(expressionLanguage)\"",
          at: languageElement)
      }
      if let manifestationURIElement, let manifestationIRI, let expressionIRI {
        let format = child(manifestation, "FRBRformat").flatMap { tree.attribute("value", of: $0) }
        checkManifestationIRI(
          manifestationIRI, expression: expressionIRI, format: format, at: manifestationURIElement)
      }
      for (level, iri, name) in [
        (work, workIRI, "Work"), (expression, expressionIRI, "Expression"),
        (manifestation, expressionIRI, "Manifestation"),
      ] {
        guard let this = child(level, "FRBRthis"), let value = tree.attribute("value", of: this), let iri
        else {
          continue
        }
        let good =
          name == "Manifestation"
          ? value.hasPrefix(iri + "/") || value == manifestationIRI
          : value == iri || value.hasPrefix(iri + "/")
        if !good {
          report(
            frbrThis,
            name == "Manifestation"
              ? "the Manifestation FRBRthis \"\(value)\" does not start with the Expression FRBRuri \"\(iri)/\" (expected e.g. \(iri)/!main.xml)"
              : "the \(name) FRBRthis \"\(value)\" does not start with the \(name) FRBRuri \"\(iri)\" (expected e.g. \(iri)/!main)",
            at: this)
        }
      }
    }

    /// Checks the Work IRI's syntax; true if its segments can be relied on.
    mutating func checkWorkIRI(_ iri: String, at element: XMLElementHandle, type: String, country: String?)
      -> Bool
    {
      let segments = iri.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      var problem: String?
      if iri.contains(where: \.isWhitespace) {
        problem = "contains white space"
      } else if !iri.hasPrefix("/akn/") {
        problem = "does not start with /akn/"
      } else if segments.dropFirst().contains(where: \.isEmpty) {
        problem = "has an empty segment (// or a trailing /)"
      } else if segments.count < 5 {
        problem = "is too short"
      } else if let country, segments[2] != country {
        problem = "has the country \"\(segments[2])\", but FRBRcountry is \"\(country)\""
      } else if segments[3] != type {
        problem = "has the document type \"\(segments[3])\", but the document is a <\(type)>"
      } else if !segments.dropFirst(4).contains(where: Self.isDate) {
        problem = "has no date segment (YYYY-MM-DD) after the document type"
      }
      guard let problem else { return true }
      report(
        workURI,
        "the Work FRBRuri \"\(iri)\" \(problem); the naming convention is /akn/{country}/{type}/{subtype}/{actor}/{date}/{number}",
        at: element)
      return false
    }

    static func isDate(_ segment: String) -> Bool {
      let scalars = Array(segment.unicodeScalars)
      let digits = { (range: Range<Int>) in range.allSatisfy { ("0"..."9").contains(scalars[$0]) } }
      switch scalars.count {
      case 4: return digits(0..<4)
      case 10:
        return digits(0..<4) && scalars[4] == "-" && digits(5..<7) && scalars[7] == "-" && digits(8..<10)
      default: return false
      }
    }

    mutating func checkWorkDate(_ iri: String, work: XMLElementHandle?, at element: XMLElementHandle) {
      guard let date = iri.split(separator: "/").dropFirst(3).map(String.init).first(where: Self.isDate)
      else { return }
      let dates = children(work, "FRBRdate").compactMap { tree.attribute("date", of: $0) }
      guard !dates.isEmpty, !dates.contains(where: { $0 == date || $0.hasPrefix(date + "-") }) else { return }
      report(
        workDate,
        "the Work IRI has the date \(date), but the Work's FRBRdate is \(dates.joined(separator: ", "))",
        at: element)
    }

    /// Checks the Expression IRI; returns its language.
    mutating func checkExpressionIRI(_ iri: String, work: String, at element: XMLElementHandle) -> String? {
      let example = "\(work)/eng@YYYY-MM-DD"
      guard iri.hasPrefix(work + "/") else {
        report(
          expressionURI,
          "the Expression FRBRuri \"\(iri)\" does not start with the Work FRBRuri \"\(work)/\" (expected e.g. \(example))",
          at: element)
        return nil
      }
      let rest = iri.dropFirst(work.count + 1)
      let parts = rest.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
      let languages = parts[0].split(separator: "-", omittingEmptySubsequences: false)
      let languageOK =
        !languages.isEmpty
        && languages.allSatisfy { $0.count == 3 && $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) } }
      guard parts.count == 2, languageOK, !rest.contains("/"), !rest.contains(where: \.isWhitespace) else {
        report(
          expressionURI,
          "the Expression FRBRuri \"\(iri)\" must be the Work FRBRuri + /{language}@{version date}, with a three-letter language (expected e.g. \(example))",
          at: element)
        return nil
      }
      return String(parts[0])
    }

    mutating func checkManifestationIRI(
      _ iri: String, expression: String, format: String?, at element: XMLElementHandle
    ) {
      let rest = iri.hasPrefix(expression) ? iri.dropFirst(expression.count) : nil
      var extensionPart: Substring?
      if let rest, let dot = rest.lastIndex(of: ".") {
        let before = rest[..<dot]
        let beforeOK = before.isEmpty || (before.hasPrefix("/") && !before.dropFirst().contains("/"))
        let ext = rest[rest.index(after: dot)...]
        if beforeOK, !ext.isEmpty, ext.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        {
          extensionPart = ext
        }
      }
      guard let ext = extensionPart else {
        report(
          manifestationURI,
          "the Manifestation FRBRuri \"\(iri)\" must be the Expression FRBRuri + .{format} (expected e.g. \(expression).xml)",
          at: element)
        return
      }
      if let format, !format.contains("/"), format != String(ext) {
        report(
          manifestationURI,
          "the Manifestation FRBRuri ends in .\(ext), but FRBRformat is \"\(format)\"",
          at: element)
      }
    }

    // MARK: AKN4UN

    mutating func checkUN(document: XMLElementHandle, work: XMLElementHandle?) {
      let type = tree.name(of: document)
      let subtypeElement = child(work, "FRBRsubtype")
      let subtypeValue = subtypeElement.flatMap { tree.attribute("value", of: $0) }
      let workURIElement = child(work, "FRBRuri")
      let segments =
        workURIElement.flatMap { tree.attribute("value", of: $0) }?.split(separator: "/").map(String.init)
        ?? []
      if type == "statement" {
        if subtypeValue != "deliberation" {
          report(
            subtype,
            subtypeValue.map {
              "FRBRsubtype is \"\($0)\"; AKN4UN prescribes \"deliberation\" for resolutions and decisions (statement)"
            }
              ?? "the Work has no <FRBRsubtype value=\"deliberation\"/>, which AKN4UN prescribes for a statement",
            at: subtypeElement ?? work ?? document)
        }
        // A missing @name is a schema error already.
        if let name = tree.attribute("name", of: document), !Self.statementNamesSorted.contains(name) {
          report(
            statementName,
            "statement/@name is \"\(name)\"; AKN4UN names a statement \(Self.statementNamesSorted.joined(separator: ", "))",
            at: document)
        }
      }
      if let subtypeValue, let workURIElement, segments.count > 3, segments[0] == "akn",
        segments[3] != subtypeValue
      {
        report(
          subtype,
          "the Work IRI has \"\(segments[3])\" after the document type, but FRBRsubtype is \"\(subtypeValue)\"",
          at: workURIElement)
      }
      let workDates = Set(children(work, "FRBRdate").compactMap { tree.attribute("date", of: $0) })
      if !workDates.isEmpty {
        for container in ["preface", "coverPage"] {
          for part in children(document, container) {
            tree.forEachElement(under: part) { element, _ in
              guard isAKN(element), tree.name(of: element) == "docDate",
                let date = tree.attribute("date", of: element), !workDates.contains(date)
              else { return }
              report(
                docDate,
                "docDate is \(date), but the Work's FRBRdate is \(workDates.sorted().joined(separator: ", "))",
                at: element)
            }
          }
        }
      }
      checkAuthorActor(work: work, segments: segments, subtype: subtypeValue)
    }

    static let statementNamesSorted = ["resolution", "resolutionDraft", "decision"]

    mutating func checkAuthorActor(work: XMLElementHandle?, segments: [String], subtype: String?) {
      guard let author = child(work, "FRBRauthor"), let href = tree.attribute("href", of: author),
        href.hasPrefix("#"),
        let subtype, segments.count > 5, segments[3] == subtype, !Self.isDate(segments[4])
      else { return }
      let actor = segments[4]
      var target: XMLElementHandle?
      tree.forEachElement(under: tree.root!) { element, _ in
        if target == nil, isAKN(element), tree.attribute("eId", of: element) == String(href.dropFirst()) {
          target = element
        }
      }
      guard let target else { return }  // nc.ref-target reports it
      let name = tree.name(of: target)
      let end = tree.attribute("href", of: target)?.split(separator: "/").last.map(String.init)
      if name != "TLCOrganization" || end != actor {
        report(
          authorActor,
          "the Work IRI's actor is \"\(actor)\", but FRBRauthor \(href) is a <\(name)> whose href ends in \"\(end ?? "")\"; the author is the TLCOrganization /akn/ontology/organization/un/\(actor)",
          at: author)
      }
    }
  }
}
