package import AKNModel
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
  /// A reference to the mark-up author (`source`, `href`): made once, not at each use.
  static let converterReference = "#\(converter)"
}

/// Turns a ``Resolution`` into an Akoma Ntoso tree, following the AKN4UN guidelines for
/// resolutions (`statement name="resolution"`, subtype `deliberation`).
package struct AKNBuilder {
  let resolution: Resolution
  let markupDate: SimpleDate
  let identity: WorkIdentity
  let tree: XMLTree
  private var notes: [String: Footnote] = [:]
  /// The notes of the table being written, by marker: its cells' markers refer to them.
  private var tableNotes: [String: Footnote] = [:]
  /// The eIds of the table's notes written so far, by marker: a later marker refers to it.
  private var tableNoteEIds: [String: String] = [:]
  /// The eIds given so far.
  private var eIds = EIdAllocator()
  /// Headings among the paragraphs so far.
  private var crossHeadings = 0

  package init(reading: Reading, markupDate: SimpleDate) throws(ConversionError) {
    let resolution = reading.resolution
    self.resolution = resolution
    self.markupDate = markupDate
    if let identity = reading.identity {
      self.identity = identity
    } else {
      self.identity = try WorkIdentity(resolution, report: reading.report)
    }
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
    tree.addAttribute("name", resolution.kind.rawValue, to: statement)
    tree.addAttribute("contains", "originalVersion", to: statement)
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
    for (key, value) in attributes { tree.addAttribute(key, value, to: element) }
    return element
  }

  /// A `<p>`: mixed content, never indented inside.
  private func paragraph(in parent: XMLElementHandle, line: Int? = nil) -> XMLElementHandle {
    tree.appendMixed("p", to: parent, line: line)
  }

  private func buildMeta(in statement: XMLElementHandle) {
    let metadata = resolution.metadata
    let meta = element("meta", in: statement)
    let identification = element("identification", in: meta, ["source": AKN.converterReference])
    let author = "#\(organ.actor)"
    let adopted = "\(adoption)"

    identify(in: identification, component: "main")

    if let distributed = metadata.distributionDate {
      let publication = element(
        "publication", in: meta,
        [
          "date": "\(distributed)", "name": "ods",
          "showAs": "United Nations Official Document System (Distr.: General)",
        ])
      if let symbol = metadata.symbol { tree.addAttribute("number", symbol, to: publication) }
    }

    let lifecycle = element("lifecycle", in: meta, ["source": AKN.converterReference])
    _ = element(
      "eventRef", in: lifecycle,
      [
        "eId": "eref_1", "date": adopted, "source": "#original", "type": "generation",
        "refersTo": "#adoption",
      ])

    let workflow = element("workflow", in: meta, ["source": AKN.converterReference])
    let step = element("step", in: workflow, ["eId": "step_1", "date": adopted, "by": author])
    if let meetingTLC { tree.addAttribute("refersTo", "#\(meetingTLC)", to: step) }
    tree.addAttribute("outcome", "#adopted", to: step)

    let counts = voteCounts
    if !counts.isEmpty {
      let analysis = element("analysis", in: meta, ["source": AKN.converterReference])
      let voting = element(
        "voting", in: element("parliamentary", in: analysis),
        ["eId": "voting_1", "href": "#conclusions__container_1", "outcome": "#adopted"])
      if let meetingTLC { tree.addAttribute("refersTo", "#\(meetingTLC)", to: voting) }
      for (offset, count) in counts.enumerated() {
        _ = element(
          "count", in: voting,
          [
            "eId": "voting_1__count_\(offset + 1)", "value": "\(count.value)",
            "refersTo": "#\(count.concept)",
          ])
      }
    }

    let references = element("references", in: meta, ["source": AKN.converterReference])
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

    let proprietary = element("proprietary", in: meta, ["source": AKN.converterReference])
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

  /// The FRBR work, expression and manifestation of the document's `component` (`main`, or an
  /// annex `annex_N`): the same IRIs for both, the main document also with its aliases,
  /// subtype, number, name and format.
  private func identify(in identification: XMLElementHandle, component: String) {
    let metadata = resolution.metadata
    let iri = identity.iri
    let isMain = component == "main"
    let author = "#\(organ.actor)"
    let adopted = "\(adoption)"
    let work = element("FRBRWork", in: identification)
    _ = element("FRBRthis", in: work, ["value": iri.workComponent(component)])
    _ = element("FRBRuri", in: work, ["value": iri.work])
    if isMain, let symbol = metadata.symbol {
      _ = element("FRBRalias", in: work, ["name": "documentSymbol", "value": symbol])
    }
    if isMain, let title = metadata.title {
      // Readers such as cobalt (Laws.Africa) take the work's title from this alias.
      _ = element("FRBRalias", in: work, ["name": "title", "value": title])
    }
    _ = element("FRBRdate", in: work, ["date": adopted, "name": "adoption"])
    _ = element("FRBRauthor", in: work, ["href": author, "as": "#author"])
    _ = element("FRBRcountry", in: work, ["value": "un"])
    if isMain {
      _ = element("FRBRsubtype", in: work, ["value": "deliberation"])
      if let number = metadata.number {
        _ = element("FRBRnumber", in: work, ["value": iri.number, "showAs": number])
      }
      if let title = metadata.title {
        _ = element("FRBRname", in: work, ["value": title])
      }
    }

    let expression = element("FRBRExpression", in: identification)
    _ = element("FRBRthis", in: expression, ["value": iri.expressionComponent(component)])
    _ = element("FRBRuri", in: expression, ["value": iri.expression])
    if isMain, let job = metadata.odsJobNumber {
      _ = element("FRBRalias", in: expression, ["name": "odsJobNumber", "value": job])
    }
    _ = element("FRBRdate", in: expression, ["date": adopted, "name": "adoption"])
    _ = element("FRBRauthor", in: expression, ["href": author, "as": "#author"])
    _ = element("FRBRlanguage", in: expression, ["language": iri.language])

    let manifestation = element("FRBRManifestation", in: identification)
    _ = element("FRBRthis", in: manifestation, ["value": iri.manifestationComponent(component)])
    _ = element("FRBRuri", in: manifestation, ["value": iri.manifestation])
    _ = element("FRBRdate", in: manifestation, ["date": "\(markupDate)", "name": "markup"])
    _ = element("FRBRauthor", in: manifestation, ["href": AKN.converterReference, "as": "#markupAuthor"])
    if isMain {
      _ = element("FRBRformat", in: manifestation, ["value": "xml"])
    }
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

  /// The preface lines, their parts (document type, date, committee, number, title) as reading
  /// marked them.
  private mutating func buildPreface(in statement: XMLElementHandle) {
    guard !resolution.preface.isEmpty else { return }
    let preface = element("preface", in: statement)
    for line in resolution.preface {
      inline(line.text, into: paragraph(in: preface, line: line.text.line), context: "preface")
    }
  }

  // MARK: Preamble

  private mutating func buildPreamble(in statement: XMLElementHandle) {
    guard resolution.formula != nil || !resolution.preamble.isEmpty else { return }
    let preamble = element("preamble", in: statement)
    func formula() {
      guard let formula = resolution.formula else { return }
      let eId = "preamble__formula_1"
      let node = element(
        "formula", in: preamble, ["eId": eId, "name": "enactingFormula"], line: formula.line)
      inline(formula, into: paragraph(in: node, line: formula.line), context: eId)
    }
    if resolution.formulaAfter == nil { formula() }
    for (offset, block) in resolution.preamble.enumerated() {
      if offset == resolution.formulaAfter { formula() }
      let eId = "preamble__container_\(offset + 1)"
      let container = element(
        "container", in: preamble, ["eId": eId, "name": block.clauseName ?? "preambularParagraph"],
        line: block.text.line)
      let p = paragraph(in: container, line: block.text.line)
      inline(block.text, into: p, context: eId)
      if !block.quoted.isEmpty { quotation(block.quoted, in: container, context: eId) }
      // Points inside a preambular paragraph: a blockList of items.
      if !block.children.isEmpty {
        blockList(block.children, in: container, context: eId)
      }
      if let wrapUp = block.wrapUp {
        inline(wrapUp, into: paragraph(in: container, line: wrapUp.line), context: eId)
      }
    }
    if let after = resolution.formulaAfter, after >= resolution.preamble.count { formula() }
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
    // Room for every item's number at once: a set grown from empty rehashes at each doubling.
    var numbers = Set<String>(minimumCapacity: items.count)
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
    case .paragraph(let block) where block.isIntro:
      // The operative part's introductory words ("Resolves that:"): not a paragraph, and no
      // `intro` in `mainBody` (the schema allows none), so an `hcontainer` named intro.
      crossHeadings += 1
      let eId = unique("\(prefix)hcontainer_\(crossHeadings)")
      let node = element("hcontainer", in: parent, ["eId": eId, "name": "intro"], line: block.text.line)
      let content = element("content", in: node, line: block.text.line)
      inline(block.text, into: paragraph(in: content, line: block.text.line), context: eId)
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
        tree.addAttribute("eId", eId, to: node)
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
          inline(block.text, into: p, context: introEId)
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
          tree.addAttribute("eId", headingEId, to: heading)
          tree.addAttribute("refersTo", "#preamble", to: heading)
          inline(block.text, into: heading, context: headingEId)
        }
      }
      bodyItems(section.items, in: node, prefix: "\(eId)__", inMainBody: false)
    }
  }

  /// Names a division rendered as an `hcontainer` after its kind: `name="action"` for an
  /// action of a pact ("Action 2.").
  private func nameDivision(_ node: XMLElementHandle, unit: Section.Unit) {
    if unit == .action { tree.addAttribute("name", "action", to: node) }
  }

  /// A paragraph or point: `num`, then `content` or a `list` of points.
  private mutating func hierarchical(
    _ name: String, abbreviation: String, block: Block, number: String, in parent: XMLElementHandle,
    prefix: String
  ) {
    let eId = unique("\(prefix)\(abbreviation)_\(number)")
    let node = element(name, in: parent, ["eId": eId], line: block.text.line)
    if let num = block.num { tree.appendText(num, to: element("num", in: node)) }
    if block.children.isEmpty {
      let content = element("content", in: node, line: block.text.line)
      // A block that only holds a table no paragraph announces has no text of its own.
      if !block.text.segments.isEmpty || block.table == nil {
        inline(block.text, into: paragraph(in: content, line: block.text.line), context: eId)
      }
      if let table = block.table { self.table(table, in: content, context: eId) }
      if !block.quoted.isEmpty { quotation(block.quoted, in: content, context: eId) }
      return
    }
    let listEId = "\(eId)__list_1"
    let list = element("list", in: node, ["eId": listEId], line: block.text.line)
    if !block.text.segments.isEmpty {
      let introEId = "\(listEId)__intro"
      let intro = element("intro", in: list, ["eId": introEId], line: block.text.line)
      inline(block.text, into: paragraph(in: intro, line: block.text.line), context: introEId)
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

  /// A table after a paragraph's text: `<table>` with its header rows of `th` (a cell printed
  /// over several columns with `colspan`), its notes at their markers in its cells (the first as `sup/authorialNote`, each later one as
  /// `sup/noteRef` with the marker and an `href` to that note), or, where its columns could not
  /// be told apart, its lines as printed; then the notes at no marker.
  private mutating func table(_ table: Table, in content: XMLElementHandle, context: String) {
    if !table.rows.isEmpty {
      let tableEId = unique("\(context)__table_1")
      let node = element("table", in: content, ["eId": tableEId], line: table.line)
      for note in table.footnotes where tableNotes[note.marker] == nil { tableNotes[note.marker] = note }
      defer {
        tableNotes = [:]
        tableNoteEIds = [:]
      }
      for (rowIndex, row) in table.rows.enumerated() {
        let tr = element("tr", in: node, line: row.first?.line)
        for (cellIndex, cell) in row.enumerated() {
          // A cell printed over several columns: `colspan`, as in HTML.
          let span = table.columnSpan(row: rowIndex, cell: cellIndex)
          let cellNode = element(rowIndex < (table.headerRows ?? 1) ? "th" : "td", in: tr, line: cell.line)
          if span > 1 { tree.addAttribute("colspan", String(span), to: cellNode) }
          // An empty cell (a sub-heading row's amounts) is an empty `td`.
          if !cell.segments.isEmpty {
            inline(cell, into: paragraph(in: cellNode, line: cell.line), context: tableEId)
          }
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
    EIdAllocator.numberPart(marker)
  }

  /// "3." → "3", "(a)" → "a", "I" → "I"; nil when nothing is left.
  static func numberPart(_ num: String?) -> String? {
    EIdAllocator.numberPart(num)
  }

  /// Where the last component of `eId` starts (see ``EIdAllocator/afterLastDoubleUnderscore(_:)``).
  static func afterLastDoubleUnderscore(_ eId: String) -> String.Index {
    EIdAllocator.afterLastDoubleUnderscore(eId)
  }

  /// Reserves the eIds that the numbered paragraphs among `items` will take.
  private mutating func reserve(_ items: [BodyItem], prefix: String) {
    var paragraphs: [String?] = []
    paragraphs.reserveCapacity(items.count)
    for item in items {
      if case .paragraph(let block) = item { paragraphs.append(block.num) }
    }
    eIds.reserve(paragraphs, head: "\(prefix)para")
  }

  /// Reserves `head_N` for each printed number of `nums`.
  private mutating func reserve(_ nums: [String?], head: String) {
    eIds.reserve(nums, head: head)
  }

  /// See ``EIdAllocator/make(head:number:)``.
  private mutating func makeEId(head: String, number: String?) -> String {
    eIds.make(head: head, number: number)
  }

  /// See ``EIdAllocator/unique(_:)``.
  private mutating func unique(_ eId: String) -> String {
    eIds.unique(eId)
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
      inline(line.text, into: paragraph(in: container, line: line.text.line), context: eId)
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
      let identification = element("identification", in: meta, ["source": AKN.converterReference])
      identify(in: identification, component: "annex_\(number)")
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
          let container = element(
            "container", in: preamble, ["eId": eId, "name": block.clauseName ?? "preambularParagraph"],
            line: block.text.line)
          inline(block.text, into: paragraph(in: container, line: block.text.line), context: eId)
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
      if !attachment.conclusions.isEmpty {
        // An adopted instrument's closing (final formulas, signatures): the conclusions of its
        // own document, after its body, as a resolution's closing lines are of the resolution.
        let conclusions = element("conclusions", in: doc)
        let eId = "\(context)__conclusions__container_1"
        let container = element(
          "container", in: conclusions, ["eId": eId, "name": "conclusion"],
          line: attachment.conclusions[0].line)
        for line in attachment.conclusions {
          inline(line, into: paragraph(in: container, line: line.line), context: eId)
        }
      }
    }
  }

  // MARK: Inline content

  /// Writes `text` into `parent` as reading read it: citations as `ref` and `a`, footnote
  /// markers as `sup/authorialNote`, the lead phrase in `i`, the parts of preface and closing
  /// lines as their elements.
  private mutating func inline(_ text: TextBlock, into parent: XMLElementHandle, context: String) {
    var refCount = 0
    inline(text.segments, into: parent, context: context, refCount: &refCount)
  }

  private mutating func inline(
    _ segments: [TextBlock.Segment], into parent: XMLElementHandle, context: String, refCount: inout Int
  ) {
    for segment in segments {
      switch segment {
      case .text(let plain):
        tree.appendText(plain, to: parent)
      case .leadPhrase(let phrase), .italic(let phrase):
        tree.appendText(phrase, to: element("i", in: parent))
      case .citation(let citation) where citation.isSelf:
        tree.appendText(citation.text, to: parent)  // the document's own number ("Resolution 217 (1965)")
      case .citation(let citation):
        switch (citation.form, citation.href) {
        case (.ref, let href?):
          refCount += 1
          // The eId first: a mutating call inside the arguments of `element` (a method of `self`)
          // made Swift copy `self` for the call, and the allocator's sets then copied themselves
          // (copy on write) at each reference: quadratic in the document's eIds.
          let refEId = unique("\(context)__ref_\(refCount)")
          let ref = element("ref", in: parent, ["eId": refEId, "href": href])
          tree.appendText(citation.text, to: ref)
        case (.link, let href?):
          tree.appendText(citation.text, to: element("a", in: parent, ["href": href]))
        default:
          tree.appendText(citation.text, to: parent)  // an act akn has no address for: its text
        }
      case .noteRef(let marker) where tableNotes[marker] != nil:
        // A table's note at its first marker, placed as the document's notes are.
        let footnote = tableNotes[marker]!
        let sup = element("sup", in: parent)
        let noteEId = makeEId(head: "\(context)__authorialNote", number: Self.eIdNumber(marker: marker))
        tableNoteEIds[marker] = noteEId
        let note = element(
          "authorialNote", in: sup, ["eId": noteEId, "marker": marker, "placement": "bottom"],
          line: footnote.text.line)
        inline(footnote.text, into: paragraph(in: note, line: footnote.text.line), context: noteEId)
      case .noteRepeat(let marker) where tableNoteEIds[marker] != nil:
        // A table's note at a later marker: a reference to the note given at its first.
        let sup = element("sup", in: parent)
        _ = element("noteRef", in: sup, ["marker": marker, "href": "#\(tableNoteEIds[marker]!)"])
      case .noteRef(let marker):
        guard let footnote = notes[marker] else { continue }
        let sup = element("sup", in: parent)
        let noteEId = makeEId(head: "\(context)__authorialNote", number: Self.eIdNumber(marker: marker))
        let note = element(
          "authorialNote", in: sup, ["eId": noteEId, "marker": marker, "placement": "bottom"],
          line: footnote.text.line)
        inline(footnote.text, into: paragraph(in: note, line: footnote.text.line), context: noteEId)
      case .noteRepeat(let marker):
        // A legend cited again ("CHINA,* FRANCE,*"): its text is at its first citation.
        guard notes[marker] != nil else { continue }
        tree.appendText(marker, to: element("sup", in: parent))
      case .part(let part, let inner):
        let node = partElement(part, in: parent)
        var innerRefs = 0
        inline(inner, into: node, context: context, refCount: &innerRefs)
      }
    }
  }

  /// The element of a part of a preface or closing line.
  private func partElement(_ part: TextBlock.LinePart, in parent: XMLElementHandle) -> XMLElementHandle {
    switch part {
    case .docType: return element("docType", in: parent)
    case .docStatus: return element("docStatus", in: parent)
    case .docAuthority: return element("docAuthority", in: parent)
    case .docDate(let date):
      return element("docDate", in: parent, ["date": "\(date)", "refersTo": "#adoptionDate"])
    case .docCommittee(let actor):
      let node = element("docCommittee", in: parent)
      if let actor { tree.addAttribute("refersTo", "#\(actor)", to: node) }
      return node
    case .docNumber: return element("docNumber", in: parent)
    case .docTitle: return element("docTitle", in: parent)
    case .meeting:
      guard let meetingTLC else { return element("span", in: parent) }
      return element("event", in: parent, ["refersTo": "#\(meetingTLC)"])
    case .date(let date):
      return element("date", in: parent, ["date": "\(date)", "refersTo": "#adoptionDate"])
    }
  }
}
