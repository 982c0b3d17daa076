public import AKNModel
package import AKNXML
import Foundation

/// The identity facts of an AKN document, as its XML states them: what `akn meta` prints, one
/// object per file, described by `Schemas/json/meta.schema.json`.
///
/// The facts are read from the XML, so a document converted here and the same document read
/// back from its file give the same facts (the form and the vote's wording aside). An absent
/// fact is an absent key, never `null`.
public struct DocumentFacts: Sendable, Hashable, Encodable {
  /// The FRBR dates of the work, expression and manifestation, and the publication date.
  public struct Dates: Sendable, Hashable, Encodable {
    /// The work's date named `adoption`.
    public var adoption: SimpleDate?
    /// The work's first `FRBRdate`.
    public var work: SimpleDate?
    /// The expression's first `FRBRdate`.
    public var expression: SimpleDate?
    /// The manifestation's first `FRBRdate` (for a document converted here, the mark-up date).
    public var manifestation: SimpleDate?
    /// The `<publication>` date (for a document converted here, the ODS distribution date).
    public var publication: SimpleDate?
  }

  /// How many paragraphs, notes and annexes the document has.
  public struct Counts: Sendable, Hashable, Encodable {
    /// `paragraph` elements in the main body (annexes not counted).
    public var paragraphs: Int
    /// The document's notes: its `authorialNote` elements, a note given again where its marker
    /// is cited a second time (the same marker and the same text) counted once.
    public var notes: Int
    /// `attachment` elements: the annexes.
    public var annexes: Int
  }

  /// The body a document comes from: its actor code and its name, as the model's ``UNBody``
  /// is written in JSON.
  public struct Body: Sendable, Hashable, Encodable {
    /// The actor code of the work's `FRBRauthor` (`un-ga`).
    public var actor: String
    /// The `showAs` of the `TLCOrganization` it points to (`General Assembly`).
    public var name: String?
  }

  /// The file the facts are of, as given (`-` for standard input); set by the caller.
  public var file: String?
  /// The form the input was read in (`pdf`, `markdown` …), or `akn` for an AKN file.
  public var form: String?
  /// The work IRI (the work's `FRBRuri`).
  public var work: String?
  /// The expression IRI.
  public var expression: String?
  /// The manifestation IRI.
  public var manifestation: String?
  /// The UN document symbol (`FRBRalias name="documentSymbol"`, else the publication's number).
  public var symbol: String?
  /// The body that adopted it.
  public var body: Body?
  /// The document's kind: the `name` of its document element (`resolution`, `decision`), else
  /// the element's own name (`act`, `bill`).
  public var kind: String?
  /// The number as printed (`FRBRnumber`'s `showAs`, else its value): `67/27`.
  public var number: String?
  /// The session (the project's `ods:session`).
  public var session: Int?
  /// The dates.
  public var dates: Dates
  /// The title (`FRBRalias name="title"`, else `FRBRname`, else the preface's `docTitle`).
  public var title: String?
  /// The vote, when known: from the model for a document converted here; from the
  /// `<analysis>` counts for an AKN file (which do not record "unanimously" or "without a vote").
  public var vote: Vote?
  /// Counts of paragraphs, notes and annexes.
  public var counts: Counts

  /// Whether `bytes` are markup (their first character after a byte-order mark and white space
  /// is `<`): read as AKN rather than converted. No resolution's text or PDF starts so.
  public static func isMarkup(_ bytes: [UInt8]) -> Bool {
    var start = bytes.startIndex
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
    while start < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
    return start < bytes.endIndex && bytes[start] == UInt8(ascii: "<")
  }

  /// The facts of AKN XML (parsed safely: no DTD, no entities, no network).
  ///
  /// - Throws: ``ConversionError`` when the bytes are not well-formed XML, or their root is not
  ///   `akomaNtoso` (rule `input.type`).
  public init(xml bytes: [UInt8]) throws(ConversionError) {
    let tree: XMLTree
    do {
      tree = try XMLTree.parse(bytes)
    } catch {
      throw ConversionError(diagnostics: error.diagnostics)
    }
    try self.init(tree: tree)
  }

  /// The facts of a document converted here: read from its XML (`xml`, built from `reading`),
  /// with the form it was read in and, when the text states one, the vote as the model has it.
  ///
  /// - Throws: ``ConversionError`` when `xml` is not AKN, which a conversion never gives.
  public init(xml: [UInt8], reading: Reading) throws(ConversionError) {
    try self.init(xml: xml)
    form = reading.form
    if let vote = reading.resolution.metadata.vote { self.vote = vote }
  }

  /// The facts of a tree parsed or built in this process.
  package init(tree: XMLTree) throws(ConversionError) {
    guard let root = tree.root, tree.name(of: root) == "akomaNtoso" else {
      let name = tree.root.map { tree.name(of: $0) } ?? "none"
      throw ConversionError(
        "the root element is <\(name)>, not <akomaNtoso>: this is not an Akoma Ntoso document",
        rule: .inputType, line: 1, column: 1)
    }
    form = "akn"
    dates = Dates()
    counts = Counts(paragraphs: 0, notes: 0, annexes: 0)
    guard let document = tree.children(of: root).first else { return }
    kind = tree.attribute("name", of: document) ?? tree.name(of: document)

    var organizations: [String: String] = [:]
    var workAuthor: String?
    var frbrName: String?
    var docTitle: String?
    var publicationNumber: String?
    var voting: [String: Int] = [:]
    var notes: Set<String> = []
    tree.forEachElement(under: document) { element, _ in
      let name = tree.name(of: element)
      let parent = tree.parent(of: element).map { tree.name(of: $0) }
      func value(_ attribute: String = "value") -> String? { tree.attribute(attribute, of: element) }
      func date() -> SimpleDate? { value("date").flatMap(Self.date) }
      switch (parent, name) {
      case ("FRBRWork", "FRBRuri"): if work == nil { work = value() }
      case ("FRBRExpression", "FRBRuri"): if expression == nil { expression = value() }
      case ("FRBRManifestation", "FRBRuri"): if manifestation == nil { manifestation = value() }
      case ("FRBRWork", "FRBRalias"):
        switch value("name") {
        case "documentSymbol": if symbol == nil { symbol = value() }
        case "title": if title == nil { title = value() }
        default: break
        }
      case ("FRBRWork", "FRBRdate"):
        if dates.work == nil { dates.work = date() }
        if value("name") == "adoption", dates.adoption == nil { dates.adoption = date() }
      case ("FRBRExpression", "FRBRdate"): if dates.expression == nil { dates.expression = date() }
      case ("FRBRManifestation", "FRBRdate"): if dates.manifestation == nil { dates.manifestation = date() }
      case ("FRBRWork", "FRBRauthor"): if workAuthor == nil { workAuthor = value("href") }
      case ("FRBRWork", "FRBRnumber"): if number == nil { number = value("showAs") ?? value() }
      case ("FRBRWork", "FRBRname"): if frbrName == nil { frbrName = value() }
      case ("meta", "publication"):
        dates.publication = date()
        publicationNumber = value("number")
      case ("references", "TLCOrganization"):
        if let id = value("eId"), let showAs = value("showAs") { organizations[id] = showAs }
      case ("voting", "count"):
        if let concept = value("refersTo"), let count = value().flatMap({ Int($0) }) {
          voting[concept] = count
        }
      case ("proprietary", "session"):
        if session == nil, let text = Self.text(tree, element), let number = Int(text) { session = number }
      case (_, "docTitle"): if docTitle == nil { docTitle = Self.text(tree, element) }
      case (_, "paragraph"):
        if Self.isInMainBody(element, tree) { counts.paragraphs += 1 }
      case (_, "authorialNote"):
        notes.insert(
          (tree.attribute("marker", of: element) ?? "") + "\u{0}" + (Self.text(tree, element) ?? ""))
      case (_, "attachment"): counts.annexes += 1
      default: break
      }
    }
    counts.notes = notes.count
    symbol = symbol ?? publicationNumber
    title = title ?? frbrName ?? docTitle
    if let href = workAuthor {
      let actor = href.hasPrefix("#") ? String(href.dropFirst()) : href
      body = Body(actor: actor, name: organizations[actor])
    }
    if let inFavour = voting["#inFavour"] {
      vote = Vote(inFavour: inFavour, against: voting["#against"], abstentions: voting["#abstention"])
    }
  }

  /// Whether `element` stands in the document's `mainBody`, not in an attachment's.
  static func isInMainBody(_ element: XMLElementHandle, _ tree: XMLTree) -> Bool {
    var current = tree.parent(of: element)
    while let node = current {
      switch tree.name(of: node) {
      case "mainBody", "body": return true
      case "attachment", "attachments", "components": return false
      default: current = tree.parent(of: node)
      }
    }
    return false
  }

  /// `YYYY-MM-DD` as a date; nil for anything else.
  static func date(_ text: String) -> SimpleDate? {
    let fields = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.count == 10, fields.count == 3, let year = Int(fields[0]), let month = Int(fields[1]),
      let day = Int(fields[2])
    else { return nil }
    return SimpleDate(year: year, month: month, day: day)
  }

  /// The text of `element`, white space collapsed; nil when empty.
  static func text(_ tree: XMLTree, _ element: XMLElementHandle) -> String? {
    var text = ""
    tree.walk(element) { event in
      if case .text(let value) = event { text += value }
    }
    let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(
      separator: " ")
    return collapsed.isEmpty ? nil : collapsed
  }

  /// The facts as JSON: one object, keys sorted, on one line (no newline), slashes unescaped.
  ///
  /// - Throws: ``ConversionError`` (rule `output.json`) only if the encoder refuses a value,
  ///   which the facts never hold.
  public func json() throws(ConversionError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return [UInt8](try encoder.encode(self))
    } catch {
      throw ConversionError("the facts could not be written as JSON: \(error)", rule: .outputJSON)
    }
  }
}
