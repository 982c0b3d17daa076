package import AKNModel
import AKNReading
package import AKNXML
import Foundation

/// Names shared by the builder, the validator and the rules.
public enum AKN {
  /// The AKN 3.0 namespace (OASIS Standard).
  public static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
  /// The namespace of this project's `<proprietary>` elements (ODS facts with no AKN home).
  public static let odsNamespace = "urn:x-akn-converter:ods"
  /// The TLC id of the mark-up author (this converter).
  static let converter = "converter"
}

/// The AKN identity of a resolution: its FRBR IRIs.
public struct WorkIdentity: Sendable, Hashable {
  /// `/akn/un/statement/deliberation/un-ga/2012-12-03/67-27`.
  public var work: String
  /// `…/eng@2012-12-03`.
  public var expression: String
  /// `…/eng@2012-12-03.xml`.
  public var manifestation: String
  /// `67-27`.
  public var number: String

  /// The identity of `resolution`, or an error naming what is missing.
  init(_ resolution: Resolution, report: ReadingReport) throws(ConversionError) {
    let metadata = resolution.metadata
    guard let date = metadata.adoptionDate else {
      let example =
        metadata.organ == .securityCouncil
        ? "\"of 22 November 1967\" or \"Adopted by the Security Council at its 3217th meeting, on 25 May 1993\" in the heading"
        : resolution.kind == .decision
          ? "\"At its 62nd plenary meeting, on 4 December 2017, …\""
          : "\"Resolution adopted by the General Assembly on 3 December 2012\""
      throw ConversionError(
        "no adoption date found (or it is damaged): expected a line such as \(example); the AKN identifier needs it",
        rule: .textMetadata,
        line: report.warnings.first { $0.rule == RuleID.textDate }?.line ?? resolution.preface.first?.text
          .line ?? 1)
    }
    if let printed = metadata.number {
      // "242 (1967)": the Council numbers its resolutions once; the year is not part of the number.
      number =
        metadata.organ == .securityCouncil
        ? String(printed.prefix { $0 != " " && $0 != "(" }) : Self.iriNumber(printed)
    } else if resolution.kind == .decision {
      number = "nn"  // the decision's number is not in its text: "not numbered"
    } else {
      throw ConversionError(
        "no resolution number found: expected a numbered title such as \"67/27.\tDevelopments in …\" before the formula",
        rule: .textMetadata, line: resolution.preface.first?.text.line ?? 1)
    }
    work = "/akn/un/statement/deliberation/\(metadata.organ.actor)/\(date)/\(number)"
    expression = "\(work)/eng@\(date)"
    manifestation = "\(expression).xml"
  }

  /// "67/27" → "67-27"; "68/247 B" → "68-247_B"; a decision in parts, "71/546 A, B and C" →
  /// "71-546" (one work; its parts are components of it).
  static func iriNumber(_ printed: String) -> String {
    if let number = DocumentNumber(printed) { return number.iriNumber }
    return String(printed.map { $0 == "/" ? "-" : $0 == " " ? "_" : $0 })
  }
}

/// Turns a ``Resolution`` into an Akoma Ntoso tree, following the AKN4UN guidelines for
/// resolutions (`statement name="resolution"`, subtype `deliberation`).
package struct AKNBuilder {
  let resolution: Resolution
  let markupDate: SimpleDate
  let identity: WorkIdentity
  let tree: XMLTree
  private var notes: [String: Footnote] = [:]
  /// eIds given so far, to keep them unique.
  private var usedEIds: Set<String> = []
  /// eIds that numbered elements of a container will take: an unnumbered sibling built before
  /// them never takes their number.
  private var reservedEIds: Set<String> = []
  /// How many elements each eId head (`att_1__para`, `para_2__authorialNote`) has had so far:
  /// an element's position among its siblings of the same name.
  private var siblingCount: [String: Int] = [:]
  /// Headings among the paragraphs so far.
  private var crossHeadings = 0
  /// Notes marked with a symbol whose text is written already.
  private var writtenSymbolNotes: Set<String> = []

  package init(reading: Reading, markupDate: SimpleDate) throws(ConversionError) {
    let resolution = reading.resolution
    self.resolution = resolution
    self.markupDate = markupDate
    self.identity = try WorkIdentity(resolution, report: reading.report)
    self.tree = XMLTree(rootName: "akomaNtoso", namespaceURI: AKN.namespace)
    for footnote in resolution.footnotes where notes[footnote.marker] == nil {
      notes[footnote.marker] = footnote
    }
  }

  /// Builds the tree.
  package mutating func build() -> XMLTree {
    tree.declareNamespace(prefix: "ods", uri: AKN.odsNamespace)
    guard let root = tree.root else { return tree }
    let statement = tree.append("statement", to: root)
    tree.setAttribute("name", resolution.kind.rawValue, on: statement)
    tree.setAttribute("contains", "originalVersion", on: statement)
    buildMeta(in: statement)
    buildPreface(in: statement)
    buildPreamble(in: statement)
    buildBody(in: statement)
    buildConclusions(in: statement)
    buildAttachments(in: statement)
    return tree
  }

  // MARK: Meta

  private var organ: Organ { resolution.metadata.organ }
  /// The undocs.org link of the document itself, which its text never needs to link to.
  private var selfLink: String? {
    resolution.metadata.symbol.map { Citations.undocs + $0.filter { $0 != " " } }
  }
  private var adoption: SimpleDate { resolution.metadata.adoptionDate! }
  private var meetingTLC: String? {
    resolution.metadata.meetingNumber.map {
      "\(organ.meeting.akn)\($0)"
    }
  }

  /// The counts of a counted vote, for `<analysis><parliamentary><voting>`: in favour, against,
  /// abstentions (the last only when the trailer gives them).
  private var voteCounts: [(concept: String, showAs: String, value: Int)] {
    guard let vote = resolution.metadata.vote, let inFavour = vote.inFavour else { return [] }
    var counts = [("inFavour", "In favour", inFavour)]
    if let against = vote.against { counts.append(("against", "Against", against)) }
    if let abstentions = vote.abstentions { counts.append(("abstention", "Abstentions", abstentions)) }
    return counts
  }

  private func element(
    _ name: String, in parent: XMLElementHandle, _ attributes: KeyValuePairs<String, String> = [:],
    prefix: String? = nil, line: Int? = nil
  ) -> XMLElementHandle {
    let element = tree.append(name, to: parent, prefix: prefix, line: line)
    for (key, value) in attributes { tree.setAttribute(key, value, on: element) }
    return element
  }

  /// A `<p>`: mixed content, never indented inside.
  private func paragraph(in parent: XMLElementHandle, line: Int? = nil) -> XMLElementHandle {
    tree.appendMixed("p", to: parent, line: line)
  }

  private func buildMeta(in statement: XMLElementHandle) {
    let metadata = resolution.metadata
    let meta = element("meta", in: statement)
    let identification = element("identification", in: meta, ["source": "#\(AKN.converter)"])
    let author = "#\(organ.actor)"

    let work = element("FRBRWork", in: identification)
    _ = element("FRBRthis", in: work, ["value": "\(identity.work)/!main"])
    _ = element("FRBRuri", in: work, ["value": identity.work])
    if let symbol = metadata.symbol {
      _ = element("FRBRalias", in: work, ["name": "documentSymbol", "value": symbol])
    }
    if let title = metadata.title {
      // Readers such as cobalt (Laws.Africa) take the work's title from this alias.
      _ = element("FRBRalias", in: work, ["name": "title", "value": title])
    }
    _ = element("FRBRdate", in: work, ["date": "\(adoption)", "name": "adoption"])
    _ = element("FRBRauthor", in: work, ["href": author, "as": "#author"])
    _ = element("FRBRcountry", in: work, ["value": "un"])
    _ = element("FRBRsubtype", in: work, ["value": "deliberation"])
    if let number = metadata.number {
      _ = element("FRBRnumber", in: work, ["value": identity.number, "showAs": number])
    }
    if let title = metadata.title {
      _ = element("FRBRname", in: work, ["value": title])
    }

    let expression = element("FRBRExpression", in: identification)
    _ = element("FRBRthis", in: expression, ["value": "\(identity.expression)/!main"])
    _ = element("FRBRuri", in: expression, ["value": identity.expression])
    if let job = metadata.odsJobNumber {
      _ = element("FRBRalias", in: expression, ["name": "odsJobNumber", "value": job])
    }
    _ = element("FRBRdate", in: expression, ["date": "\(adoption)", "name": "adoption"])
    _ = element("FRBRauthor", in: expression, ["href": author, "as": "#author"])
    _ = element("FRBRlanguage", in: expression, ["language": "eng"])

    let manifestation = element("FRBRManifestation", in: identification)
    _ = element("FRBRthis", in: manifestation, ["value": "\(identity.expression)/!main.xml"])
    _ = element("FRBRuri", in: manifestation, ["value": identity.manifestation])
    _ = element("FRBRdate", in: manifestation, ["date": "\(markupDate)", "name": "markup"])
    _ = element("FRBRauthor", in: manifestation, ["href": "#\(AKN.converter)", "as": "#markupAuthor"])
    _ = element("FRBRformat", in: manifestation, ["value": "xml"])

    if let distributed = metadata.distributionDate {
      let publication = element(
        "publication", in: meta,
        [
          "date": "\(distributed)", "name": "ods",
          "showAs": "United Nations Official Document System (Distr.: General)",
        ])
      if let symbol = metadata.symbol { tree.setAttribute("number", symbol, on: publication) }
    }

    let lifecycle = element("lifecycle", in: meta, ["source": "#\(AKN.converter)"])
    _ = element(
      "eventRef", in: lifecycle,
      [
        "eId": "eref_1", "date": "\(adoption)", "source": "#original", "type": "generation",
        "refersTo": "#adoption",
      ])

    let workflow = element("workflow", in: meta, ["source": "#\(AKN.converter)"])
    let step = element("step", in: workflow, ["eId": "step_1", "date": "\(adoption)", "by": author])
    if let meetingTLC { tree.setAttribute("refersTo", "#\(meetingTLC)", on: step) }
    tree.setAttribute("outcome", "#adopted", on: step)

    let counts = voteCounts
    if !counts.isEmpty {
      let analysis = element("analysis", in: meta, ["source": "#\(AKN.converter)"])
      let voting = element(
        "voting", in: element("parliamentary", in: analysis),
        ["eId": "voting_1", "href": "#conclusions__container_1", "outcome": "#adopted"])
      if let meetingTLC { tree.setAttribute("refersTo", "#\(meetingTLC)", on: voting) }
      for (offset, count) in counts.enumerated() {
        _ = element(
          "count", in: voting,
          [
            "eId": "voting_1__count_\(offset + 1)", "value": "\(count.value)",
            "refersTo": "#\(count.concept)",
          ])
      }
    }

    let references = element("references", in: meta, ["source": "#\(AKN.converter)"])
    _ = element(
      "original", in: references,
      [
        "eId": "original", "href": identity.expression,
        "showAs": metadata.symbol ?? metadata.number ?? identity.number,
      ])
    func tlc(_ kind: String, _ id: String, _ href: String, _ showAs: String) {
      _ = element(kind, in: references, ["eId": id, "href": href, "showAs": showAs])
    }
    tlc("TLCOrganization", organ.actor, "/akn/ontology/organization/un/\(organ.actor)", organ.name)
    if let committee = metadata.committee, let actor = committee.actor {
      tlc("TLCOrganization", actor, "/akn/ontology/organization/un/\(actor)", committee.name)
    }
    tlc("TLCOrganization", AKN.converter, "/akn/ontology/organization/un/\(AKN.converter)", "akn converter")
    tlc("TLCRole", "author", "/akn/ontology/role/un/author", "Author")
    tlc("TLCRole", "markupAuthor", "/akn/ontology/role/un/markupAuthor", "Mark-up author")
    if let meetingTLC, let number = metadata.meetingNumber {
      var href = "/akn/ontology/event/un/\(organ.actor)/"
      if let session = metadata.session, organ.meetingsBySession { href += "\(session)/" }
      href += "\(organ.meeting.akn)/\(number)"
      var showAs = "\(Self.ordinal(number)) \(organ.meeting.printed)"
      if let session = metadata.session, organ.meetingsBySession { showAs += " (session \(session))" }
      tlc("TLCEvent", meetingTLC, href, showAs)
    }
    if Self.hasSectionPreamble(resolution.body) {
      tlc("TLCConcept", "preamble", "/akn/ontology/concept/un/preamble", "Preamble")
    }
    tlc("TLCConcept", "adoption", "/akn/ontology/concept/un/adoption", "Adoption")
    tlc("TLCConcept", "adopted", "/akn/ontology/concept/un/adopted", "Adopted")
    tlc("TLCConcept", "adoptionDate", "/akn/ontology/concept/un/adoptionDate", "Date of adoption")
    for count in voteCounts {
      tlc("TLCConcept", count.concept, "/akn/ontology/concept/un/\(count.concept)", count.showAs)
    }

    let proprietary = element("proprietary", in: meta, ["source": "#\(AKN.converter)"])
    func ods(_ name: String, _ value: String) {
      let item = element(name, in: proprietary, prefix: "ods")
      tree.appendText(value, to: item)
    }
    if let job = metadata.jobNumber { ods("jobNumber", job) }
    if let session = metadata.session { ods("session", String(session)) }
    for item in metadata.agendaItems { ods("agendaItem", item) }
    if let report = metadata.reportSymbol { ods("report", report) }
    if let distributed = metadata.distributionDate { ods("distributionDate", "\(distributed)") }
    if let source = metadata.source { ods("source", source) }
  }

  /// Whether a section has preambular paragraphs written as `crossHeading refersTo="#preamble"`.
  static func hasSectionPreamble(_ items: [BodyItem]) -> Bool {
    items.contains {
      guard case .section(let section) = $0 else { return false }
      return
        (!section.intro.isEmpty
        && !section.intro.contains { !$0.children.isEmpty || $0.wrapUp != nil || !$0.quoted.isEmpty })
        || hasSectionPreamble(section.items)
    }
  }

  static func ordinal(_ number: Int) -> String {
    let suffix: String
    switch (number % 10, number % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(number)\(suffix)"
  }

  // MARK: Preface

  private mutating func buildPreface(in statement: XMLElementHandle) {
    guard !resolution.preface.isEmpty else { return }
    let preface = element("preface", in: statement)
    for line in resolution.preface {
      let p = paragraph(in: preface, line: line.text.line)
      switch line.role {
      case .adoption:
        prefaceAdoption(line.text, into: p)
      case .committee:
        prefaceCommittee(line.text, into: p)
      case .numberAndTitle(let number, let title):
        let docNumber = element("docNumber", in: p)
        tree.appendText(number, to: docNumber)
        tree.appendText(". ", to: p)
        let docTitle = element("docTitle", in: p)
        inline(TextBlock(title, line: line.text.line), into: docTitle, context: "preface")
      case .number(let number):
        markUp(number, in: line.text, into: p, as: "docNumber")
      case .date(let date, let printed):
        markUp(
          printed, in: line.text, into: p, as: "docDate", ["date": "\(date)", "refersTo": "#adoptionDate"])
      case .other:
        inline(line.text, into: p, context: "preface")
      }
    }
  }

  /// Writes `text` into `p` with its first `token` (in one piece of text) marked up as `name`.
  private mutating func markUp(
    _ token: String, in text: TextBlock, into p: XMLElementHandle, as name: String,
    _ attributes: KeyValuePairs<String, String> = [:]
  ) {
    for (offset, segment) in text.segments.enumerated() {
      guard case .text(let string) = segment, let range = string.range(of: token) else { continue }
      var before = Array(text.segments[..<offset])
      if range.lowerBound > string.startIndex { before.append(.text(String(string[..<range.lowerBound]))) }
      var after: [TextBlock.Segment] = []
      if range.upperBound < string.endIndex { after.append(.text(String(string[range.upperBound...]))) }
      after += text.segments[(offset + 1)...]
      inline(TextBlock(segments: before, line: text.line), into: p, context: "preface")
      tree.appendText(token, to: element(name, in: p, attributes))
      inline(TextBlock(segments: after, line: text.line), into: p, context: "preface")
      return
    }
    inline(text, into: p, context: "preface")
  }

  /// "Resolution adopted by the General Assembly on 3 December 2012".
  private mutating func prefaceAdoption(_ text: TextBlock, into p: XMLElementHandle) {
    let plain = text.plainText
    let organName = organ.name
    let expectedPrefix = ["Resolution", "Decision"].first {
      plain.hasPrefix("\($0) adopted by the \(organName) on ")
    }
    guard let docType = expectedPrefix, let date = resolution.metadata.adoptionDate,
      text.segments.count == 1
    else {
      inline(text, into: p, context: "preface")
      return
    }
    let dateText = String(plain.dropFirst("\(docType) adopted by the \(organName) on ".count))
    tree.appendText(docType, to: element("docType", in: p))
    tree.appendText(" ", to: p)
    tree.appendText("adopted", to: element("docStatus", in: p))
    tree.appendText(" by the ", to: p)
    tree.appendText(organName, to: element("docAuthority", in: p))
    tree.appendText(" on ", to: p)
    let docDate = element("docDate", in: p, ["date": "\(date)", "refersTo": "#adoptionDate"])
    tree.appendText(dateText, to: docDate)
  }

  /// "[on the report of the First Committee (A/67/404)]".
  private mutating func prefaceCommittee(_ text: TextBlock, into p: XMLElementHandle) {
    let plain = text.plainText
    guard let committee = resolution.metadata.committee, text.segments.count == 1,
      let range = plain.range(of: committee.name)
    else {
      inline(text, into: p, context: "preface")
      return
    }
    inline(TextBlock(String(plain[..<range.lowerBound]), line: text.line), into: p, context: "preface")
    let docCommittee = element("docCommittee", in: p)
    if let actor = committee.actor { tree.setAttribute("refersTo", "#\(actor)", on: docCommittee) }
    tree.appendText(committee.name, to: docCommittee)
    inline(TextBlock(String(plain[range.upperBound...]), line: text.line), into: p, context: "preface")
  }

  // MARK: Preamble

  private mutating func buildPreamble(in statement: XMLElementHandle) {
    guard resolution.formula != nil || !resolution.preamble.isEmpty else { return }
    let preamble = element("preamble", in: statement)
    if let formula = resolution.formula {
      let eId = "preamble__formula_1"
      let node = element(
        "formula", in: preamble, ["eId": eId, "name": "enactingFormula"], line: formula.line)
      inline(formula, into: paragraph(in: node, line: formula.line), context: eId)
    }
    for (offset, block) in resolution.preamble.enumerated() {
      let eId = "preamble__container_\(offset + 1)"
      let phrase = Phrases.preambular(block.text.plainText)
      let container = element(
        "container", in: preamble, ["eId": eId, "name": phrase?.name ?? "preambularParagraph"],
        line: block.text.line)
      let p = paragraph(in: container, line: block.text.line)
      inline(block.text, into: p, context: eId, italicUpTo: phrase?.end)
      if !block.quoted.isEmpty { quotation(block.quoted, in: container, context: eId) }
      // Points inside a preambular paragraph: a blockList of items.
      if !block.children.isEmpty {
        blockList(block.children, in: container, context: eId)
      }
      if let wrapUp = block.wrapUp {
        inline(wrapUp, into: paragraph(in: container, line: wrapUp.line), context: eId)
      }
    }
  }

  private mutating func blockList(_ items: [Block], in parent: XMLElementHandle, context: String) {
    let eId = unique("\(context)__list_1")
    let list = element("blockList", in: parent, ["eId": eId])
    for item in items {
      let itemEId = makeEId(head: "\(eId)__item", number: Self.numberPart(item.num))
      let node = element("item", in: list, ["eId": itemEId], line: item.text.line)
      if let num = item.num { tree.appendText(num, to: element("num", in: node)) }
      inline(item.text, into: paragraph(in: node, line: item.text.line), context: itemEId)
      if !item.children.isEmpty { blockList(item.children, in: node, context: itemEId) }
      if let wrapUp = item.wrapUp {
        inline(wrapUp, into: paragraph(in: node, line: wrapUp.line), context: itemEId)
      }
    }
  }

  // MARK: Body

  private mutating func buildBody(in statement: XMLElementHandle) {
    let body = element("mainBody", in: statement)
    bodyItems(resolution.body, in: body, prefix: "", inMainBody: true)
  }

  /// The items of one container. A numbered paragraph's eId is its number (`para_2`); an
  /// unnumbered one takes the next number that no numbered paragraph beside it has.
  private mutating func bodyItems(
    _ items: [BodyItem], in parent: XMLElementHandle, prefix: String, inMainBody: Bool
  ) {
    var numbers: Set<String> = []
    for item in items {
      if case .paragraph(let block) = item, let part = Self.numberPart(block.num) { numbers.insert(part) }
    }
    reserve(items, prefix: prefix)
    var unnumbered = 0
    for item in items {
      bodyItem(
        item, in: parent, prefix: prefix, inMainBody: inMainBody, numbers: numbers, unnumbered: &unnumbered)
    }
  }

  private mutating func bodyItem(
    _ item: BodyItem, in parent: XMLElementHandle, prefix: String, inMainBody: Bool, numbers: Set<String>,
    unnumbered: inout Int
  ) {
    switch item {
    case .paragraph(let block):
      let number: String
      if let part = Self.numberPart(block.num) {
        number = part
      } else {
        repeat { unnumbered += 1 } while numbers.contains(String(unnumbered))
        number = String(unnumbered)
      }
      hierarchical(
        "paragraph", abbreviation: "para", block: block, number: number, in: parent, prefix: prefix)
    case .section(let section) where section.num == nil && section.items.isEmpty && section.intro.isEmpty:
      // A heading among the paragraphs: `crossHeading` inside a section; in `mainBody`, where
      // the schema does not allow it, an `hcontainer` named crossHeading.
      guard let heading = section.heading else { return }
      crossHeadings += 1
      if inMainBody {
        let eId = unique("\(prefix)hcontainer_\(crossHeadings)")
        let node = element(
          "hcontainer", in: parent, ["eId": eId, "name": "crossHeading"], line: section.line)
        inline(heading, into: tree.appendMixed("heading", to: node, line: heading.line), context: eId)
      } else {
        let eId = unique("\(prefix)crossHeading_\(crossHeadings)")
        let node = tree.appendMixed("crossHeading", to: parent, line: heading.line)
        tree.setAttribute("eId", eId, on: node)
        inline(heading, into: node, context: eId)
      }
    case .section(let section):
      let (name, abbreviation) =
        switch section.unit {
        case .section: ("section", "sec")
        case .article: ("article", "art")
        case .rule: ("rule", "rule")
        case .chapter: ("chapter", "chp")
        case .action: ("hcontainer", "hcontainer")
        }
      let eId = makeEId(
        head: "\(prefix)\(abbreviation)",
        number: Self.numberPart(section.num?.split(separator: " ").last.map(String.init)))
      let node = element(name, in: parent, ["eId": eId], line: section.line)
      nameDivision(node, unit: section.unit)
      if let num = section.num { tree.appendText(num, to: element("num", in: node)) }
      if let heading = section.heading {
        inline(heading, into: tree.appendMixed("heading", to: node, line: heading.line), context: eId)
      }
      if section.intro.contains(where: { !$0.children.isEmpty || $0.wrapUp != nil || !$0.quoted.isEmpty }) {
        // A preamble with points of its own: the section's intro.
        let introEId = "\(eId)__intro"
        let intro = element("intro", in: node, ["eId": introEId], line: section.intro[0].text.line)
        for block in section.intro {
          let p = paragraph(in: intro, line: block.text.line)
          inline(
            block.text, into: p, context: introEId, italicUpTo: Phrases.preambular(block.text.plainText)?.end)
          if !block.quoted.isEmpty { quotation(block.quoted, in: intro, context: introEId) }
          if !block.children.isEmpty { blockList(block.children, in: intro, context: introEId) }
          if let wrapUp = block.wrapUp {
            inline(wrapUp, into: paragraph(in: intro, line: wrapUp.line), context: introEId)
          }
        }
      } else {
        // The section's own preamble: `crossHeading refersTo="#preamble"` among its paragraphs
        // (AKN4UN, GA §1.5.3).
        for block in section.intro {
          let headingEId = makeEId(head: "\(eId)__crossHeading", number: nil)
          let heading = tree.appendMixed("crossHeading", to: node, line: block.text.line)
          tree.setAttribute("eId", headingEId, on: heading)
          tree.setAttribute("refersTo", "#preamble", on: heading)
          inline(
            block.text, into: heading, context: headingEId,
            italicUpTo: Phrases.preambular(block.text.plainText)?.end)
        }
      }
      bodyItems(section.items, in: node, prefix: "\(eId)__", inMainBody: false)
    }
  }

  /// Names a division rendered as an `hcontainer` after its kind: `name="action"` for an
  /// action of a pact ("Action 2.").
  private func nameDivision(_ node: XMLElementHandle, unit: Section.Unit) {
    if unit == .action { tree.setAttribute("name", "action", on: node) }
  }

  /// A paragraph or point: `num`, then `content` or a `list` of points.
  private mutating func hierarchical(
    _ name: String, abbreviation: String, block: Block, number: String, in parent: XMLElementHandle,
    prefix: String
  ) {
    let eId = unique("\(prefix)\(abbreviation)_\(number)")
    let node = element(name, in: parent, ["eId": eId], line: block.text.line)
    if let num = block.num { tree.appendText(num, to: element("num", in: node)) }
    let italic = name == "paragraph" ? Phrases.operative(block.text.plainText) : nil
    if block.children.isEmpty {
      let content = element("content", in: node, line: block.text.line)
      inline(
        block.text, into: paragraph(in: content, line: block.text.line), context: eId, italicUpTo: italic)
      if let table = block.table { self.table(table, in: content, context: eId) }
      if !block.quoted.isEmpty { quotation(block.quoted, in: content, context: eId) }
      return
    }
    let listEId = "\(eId)__list_1"
    let list = element("list", in: node, ["eId": listEId], line: block.text.line)
    if !block.text.segments.isEmpty {
      let introEId = "\(listEId)__intro"
      let intro = element("intro", in: list, ["eId": introEId], line: block.text.line)
      inline(
        block.text, into: paragraph(in: intro, line: block.text.line), context: introEId, italicUpTo: italic)
      if !block.quoted.isEmpty { quotation(block.quoted, in: intro, context: introEId) }
    }
    reserve(block.children.map(\.num), head: "\(listEId)__point")
    var unnumbered = 0
    for child in block.children {
      let childNumber: String
      if let part = Self.numberPart(child.num) {
        childNumber = part
      } else {
        unnumbered += 1
        childNumber = String(unnumbered)
      }
      hierarchical(
        "point", abbreviation: "point", block: child, number: childNumber, in: list, prefix: "\(listEId)__")
    }
    if let wrapUp = block.wrapUp {
      let wrapEId = "\(listEId)__wrapup"
      let node = element("wrapUp", in: list, ["eId": wrapEId], line: wrapUp.line)
      inline(wrapUp, into: paragraph(in: node, line: wrapUp.line), context: wrapEId)
    }
  }

  /// Text a paragraph quotes: `<p><embeddedStructure>` holding one `<p>` per quoted paragraph,
  /// its quotation marks left in the text.
  private mutating func quotation(_ quoted: [Block], in parent: XMLElementHandle, context: String) {
    let eId = unique("\(context)__embeddedStructure_1")
    let holder = paragraph(in: parent, line: quoted[0].text.line)
    let structure = element("embeddedStructure", in: holder, ["eId": eId], line: quoted[0].text.line)
    for block in quoted {
      inline(block.text, into: paragraph(in: structure, line: block.text.line), context: eId)
    }
  }

  /// A table after a paragraph's text: `<table>` with a header row of `th`, or, where its
  /// columns could not be told apart, its lines as printed; then its notes.
  private mutating func table(_ table: Table, in content: XMLElementHandle, context: String) {
    if !table.rows.isEmpty {
      let tableEId = unique("\(context)__table_1")
      let node = element("table", in: content, ["eId": tableEId], line: table.line)
      for (rowIndex, row) in table.rows.enumerated() {
        let tr = element("tr", in: node, line: row.first?.line)
        for cell in row {
          let cellNode = element(rowIndex == 0 ? "th" : "td", in: tr, line: cell.line)
          inline(cell, into: paragraph(in: cellNode, line: cell.line), context: tableEId)
        }
      }
    } else {
      for line in table.lines {
        inline(line, into: paragraph(in: content, line: line.line), context: context)
      }
    }
    for note in table.notes {
      inline(note, into: paragraph(in: content, line: note.line), context: context)
    }
  }

  /// A footnote marker as the number part of an eId: its letters and digits ("4" → "4",
  /// "a" → "a"); nil for a marker of symbols only ("*", "**", "†"), which the naming convention
  /// counts in sequence like any element without a number.
  static func eIdNumber(marker: String) -> String? {
    numberPart(marker)
  }

  /// "3." → "3", "(a)" → "a", "I" → "I"; nil when nothing is left.
  static func numberPart(_ num: String?) -> String? {
    guard let num else { return nil }
    let part = num.filter { $0.isLetter || $0.isNumber }
    return part.isEmpty ? nil : part
  }

  /// Reserves the eIds that the numbered paragraphs among `items` will take.
  private mutating func reserve(_ items: [BodyItem], prefix: String) {
    var paragraphs: [String?] = []
    for item in items {
      if case .paragraph(let block) = item { paragraphs.append(block.num) }
    }
    reserve(paragraphs, head: "\(prefix)para")
  }

  /// Reserves `head_N` for each printed number of `nums`.
  private mutating func reserve(_ nums: [String?], head: String) {
    for num in nums {
      if let part = Self.numberPart(num) { reservedEIds.insert("\(head)_\(part)") }
    }
  }

  /// The eId of an element: `head_number` (the AKN naming convention's `element_ref_number`),
  /// the number being its printed number or, for an element without one, its position among
  /// its siblings of the same name ("counted in sequence").
  private mutating func makeEId(head: String, number: String?) -> String {
    guard let number else { return sequenced(head) }
    return unique("\(head)_\(number)")
  }

  /// `eId` if no element has it yet; else (a number printed twice in one place, a second note
  /// with the same marker) the element is counted in sequence, like an unnumbered one.
  private mutating func unique(_ eId: String) -> String {
    let component = eId[Self.afterLastDoubleUnderscore(eId)...]
    guard let separator = component.firstIndex(of: "_") else {
      guard usedEIds.contains(eId) else {
        usedEIds.insert(eId)
        return eId
      }
      return sequenced(eId)
    }
    let head = String(eId[..<separator])
    guard usedEIds.contains(eId) else {
      siblingCount[head, default: 0] += 1
      usedEIds.insert(eId)
      return eId
    }
    return sequenced(head)
  }

  /// Where the last component of `eId` starts: after its last "__" (in "a___b", after the
  /// third underscore), or at its start. On the bytes for an ASCII eId (all of them in practice).
  static func afterLastDoubleUnderscore(_ eId: String) -> String.Index {
    let utf8 = eId.utf8
    if utf8.contains(where: { $0 >= 0x80 }) {
      return eId.range(of: "__", options: .backwards)?.upperBound ?? eId.startIndex
    }
    var last: String.Index?
    var afterUnderscore = false
    var index = utf8.startIndex
    while index < utf8.endIndex {
      let byte = utf8[index]
      utf8.formIndex(after: &index)
      if byte == 0x5F {
        if afterUnderscore { last = index }
        afterUnderscore = true
      } else {
        afterUnderscore = false
      }
    }
    return last ?? eId.startIndex
  }

  /// `head_N`, N the element's position among the siblings under `head`, or the next number
  /// after it that neither an element nor a numbered sibling's reservation has taken.
  private mutating func sequenced(_ head: String) -> String {
    siblingCount[head, default: 0] += 1
    var number = siblingCount[head]!
    var candidate = "\(head)_\(number)"
    while usedEIds.contains(candidate) || reservedEIds.contains(candidate) {
      number += 1
      candidate = "\(head)_\(number)"
    }
    usedEIds.insert(candidate)
    return candidate
  }

  // MARK: Conclusions

  private mutating func buildConclusions(in statement: XMLElementHandle) {
    guard !resolution.conclusions.isEmpty else { return }
    let conclusions = element("conclusions", in: statement)
    let eId = "conclusions__container_1"
    let container = element(
      "container", in: conclusions, ["eId": eId, "name": "conclusion"],
      line: resolution.conclusions[0].text.line)
    for line in resolution.conclusions {
      let p = paragraph(in: container, line: line.text.line)
      switch line.role {
      case .meeting where line.text.segments.count == 1 && meetingTLC != nil:
        let event = element("event", in: p, ["refersTo": "#\(meetingTLC!)"])
        tree.appendText(line.text.plainText, to: event)
      case .date(let date) where line.text.segments.count == 1:
        let node = element("date", in: p, ["date": "\(date)", "refersTo": "#adoptionDate"])
        tree.appendText(line.text.plainText, to: node)
      default:
        inline(line.text, into: p, context: eId)
      }
    }
  }

  // MARK: Attachments

  /// Annexes and adopted instruments: `attachments/attachment/doc name="annex"`, each with its own
  /// `meta` naming it as a component of the resolution (`…/!annex_1`).
  private mutating func buildAttachments(in statement: XMLElementHandle) {
    guard !resolution.attachments.isEmpty else { return }
    let attachments = element("attachments", in: statement)
    for (offset, attachment) in resolution.attachments.enumerated() {
      let number = offset + 1
      let context = "att_\(number)"
      let node = element("attachment", in: attachments, ["eId": context])
      let doc = element("doc", in: node, ["name": "annex"])
      let meta = element("meta", in: doc)
      let identification = element("identification", in: meta, ["source": "#\(AKN.converter)"])
      let author = "#\(organ.actor)"
      let component = "!annex_\(number)"
      let work = element("FRBRWork", in: identification)
      _ = element("FRBRthis", in: work, ["value": "\(identity.work)/\(component)"])
      _ = element("FRBRuri", in: work, ["value": identity.work])
      _ = element("FRBRdate", in: work, ["date": "\(adoption)", "name": "adoption"])
      _ = element("FRBRauthor", in: work, ["href": author, "as": "#author"])
      _ = element("FRBRcountry", in: work, ["value": "un"])
      let expression = element("FRBRExpression", in: identification)
      _ = element("FRBRthis", in: expression, ["value": "\(identity.expression)/\(component)"])
      _ = element("FRBRuri", in: expression, ["value": identity.expression])
      _ = element("FRBRdate", in: expression, ["date": "\(adoption)", "name": "adoption"])
      _ = element("FRBRauthor", in: expression, ["href": author, "as": "#author"])
      _ = element("FRBRlanguage", in: expression, ["language": "eng"])
      let manifestation = element("FRBRManifestation", in: identification)
      _ = element("FRBRthis", in: manifestation, ["value": "\(identity.expression)/\(component).xml"])
      _ = element("FRBRuri", in: manifestation, ["value": identity.manifestation])
      _ = element("FRBRdate", in: manifestation, ["date": "\(markupDate)", "name": "markup"])
      _ = element("FRBRauthor", in: manifestation, ["href": "#\(AKN.converter)", "as": "#markupAuthor"])
      if !attachment.heading.isEmpty {
        // "Annex I" is the annex's number, the line after it its title; an instrument adopted
        // in the text has its title first.
        let preface = element("preface", in: doc)
        let numbered = attachment.heading[0].plainText.split(separator: " ").first?.lowercased() == "annex"
        for (index, heading) in attachment.heading.enumerated() {
          let p = paragraph(in: preface, line: heading.line)
          if index == 0 && numbered {
            inline(heading, into: element("docNumber", in: p), context: "\(context)__preface")
          } else if index == (numbered ? 1 : 0) {
            inline(heading, into: element("docTitle", in: p), context: "\(context)__preface")
          } else {
            inline(heading, into: p, context: "\(context)__preface")
          }
        }
      }
      if !attachment.preamble.isEmpty {
        let preamble = element("preamble", in: doc)
        for (offset, block) in attachment.preamble.enumerated() {
          let eId = "\(context)__preamble__container_\(offset + 1)"
          let phrase = Phrases.preambular(block.text.plainText)
          let container = element(
            "container", in: preamble, ["eId": eId, "name": phrase?.name ?? "preambularParagraph"],
            line: block.text.line)
          inline(
            block.text, into: paragraph(in: container, line: block.text.line), context: eId,
            italicUpTo: phrase?.end)
          if !block.quoted.isEmpty { quotation(block.quoted, in: container, context: eId) }
          if !block.children.isEmpty { blockList(block.children, in: container, context: eId) }
          if let wrapUp = block.wrapUp {
            inline(wrapUp, into: paragraph(in: container, line: wrapUp.line), context: eId)
          }
        }
      }
      let body = element("mainBody", in: doc)
      bodyItems(attachment.items, in: body, prefix: "\(context)__", inMainBody: true)
      if attachment.items.isEmpty {
        _ = element("p", in: body)
      }
    }
  }

  // MARK: Inline content

  /// Writes `text` into `parent`: citations as `ref` and `a`, footnote markers as
  /// `sup/authorialNote`, and the leading phrase (up to `italicUpTo`) in `i`.
  private mutating func inline(
    _ text: TextBlock, into parent: XMLElementHandle, context: String, italicUpTo: String.Index? = nil
  ) {
    var refCount = 0
    var citations = Citations.State()
    for (offset, segment) in text.segments.enumerated() {
      switch segment {
      case .text(var string):
        if offset == 0, let end = italicUpTo, end <= string.endIndex {
          tree.appendText(String(string[..<end]), to: element("i", in: parent))
          string = String(string[end...])
        }
        for piece in Citations.scan(string, state: &citations) {
          switch piece {
          case .text(let plain):
            tree.appendText(plain, to: parent)
          case .ref(let href, let label):
            refCount += 1
            let ref = element(
              "ref", in: parent, ["eId": unique("\(context)__ref_\(refCount)"), "href": href])
            tree.appendText(label, to: ref)
          case .link(let href, let label) where href == selfLink:
            tree.appendText(label, to: parent)  // the document's own number ("Resolution 217 (1965)")
          case .link(let href, let label):
            let a = element("a", in: parent, ["href": href])
            tree.appendText(label, to: a)
          }
        }
      case .noteRef(let marker):
        guard let footnote = notes[marker] else { continue }
        let sup = element("sup", in: parent)
        // A note marked with a symbol ("*", "**") is a legend cited by many names ("CHINA,*
        // FRANCE,*"): its text is written once, at its first citation; later citations are the
        // printed marker.
        if !marker.allSatisfy(\.isNumber) {
          guard writtenSymbolNotes.insert(marker).inserted else {
            tree.appendText(marker, to: sup)
            continue
          }
        }
        let noteEId = makeEId(head: "\(context)__authorialNote", number: Self.eIdNumber(marker: marker))
        let note = element(
          "authorialNote", in: sup, ["eId": noteEId, "marker": marker, "placement": "bottom"],
          line: footnote.text.line)
        inline(footnote.text, into: paragraph(in: note, line: footnote.text.line), context: noteEId)
      }
    }
  }
}
