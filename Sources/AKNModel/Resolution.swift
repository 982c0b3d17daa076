/// A UN resolution or decision as read from its text: what it says and what is known about it,
/// with no knowledge of XML. Produced by a form reader (with a ``ReadingReport`` of what reading
/// it left aside) and turned into a document by a renderer.
public struct Resolution: Sendable, Hashable, Codable {
  /// `resolution` or `decision` (the AKN4UN `statement/@name`).
  public var kind: Kind
  /// Facts about the document: symbol, dates, body, session …
  public var metadata: Metadata
  /// The lines before the enacting formula (adoption line, committee line, number and title).
  public var preface: [PrefaceLine]
  /// "The General Assembly," or "The Security Council,".
  public var formula: TextBlock?
  /// How many preambular paragraphs are printed before the formula, when it does not open the
  /// preamble (early Security Council texts: "Whereas …, / The Security Council / Resolves:");
  /// nil when it opens it. Decided by reading.
  public var formulaAfter: Int?
  /// The preambular paragraphs, in order.
  public var preamble: [Block]
  /// The operative part: numbered paragraphs, or sections holding them.
  public var body: [BodyItem]
  /// The closing lines (meeting, date, adoption trailer).
  public var conclusions: [ConclusionLine]
  /// Annexes and adopted instruments that follow the resolution proper.
  public var attachments: [Attachment]
  /// Footnote texts by marker, in order of appearance.
  public var footnotes: [Footnote]

  /// The kind of deliberative document.
  public enum Kind: String, Sendable, Hashable, Codable {
    case resolution
    case decision
  }

  /// Creates an empty resolution of `kind`.
  public init(kind: Kind = .resolution, metadata: Metadata = Metadata()) {
    self.kind = kind
    self.metadata = metadata
    self.preface = []
    self.formula = nil
    self.preamble = []
    self.body = []
    self.conclusions = []
    self.attachments = []
    self.footnotes = []
  }
}

/// A calendar date with no time zone, as resolutions print them ("3 December 2012").
public struct SimpleDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, e.g. 2012.
  public var year: Int
  /// The month, 1–12.
  public var month: Int
  /// The day of the month, 1–31.
  public var day: Int

  /// A date, if `year`-`month`-`day` exists in the proleptic Gregorian calendar.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= SimpleDate.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// ISO 8601, `YYYY-MM-DD`.
  public var description: String {
    guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
      // Fields set out of their range by hand: padded, as wide as they are.
      func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
      }
      return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
    // Ten bytes, written in place: a small string, no allocation.
    return String(unsafeUninitializedCapacity: 10) { buffer in
      func put(_ value: Int, _ width: Int, at start: Int) {
        var value = value
        for offset in (0..<width).reversed() {
          buffer[start + offset] = 0x30 + UInt8(value % 10)
          value /= 10
        }
      }
      put(year, 4, at: 0)
      buffer[4] = 0x2D
      put(month, 2, at: 5)
      buffer[7] = 0x2D
      put(day, 2, at: 8)
      return 10
    }
  }

  /// Earlier than.
  public static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

/// The UN organ that adopted the document: a row of ``UNBody/all``.
public typealias Organ = UNBody

/// What is known about a document. Everything is optional except the organ: what the text does
/// not say is left out, never invented.
public struct Metadata: Sendable, Hashable, Codable {
  /// The organ that adopted it.
  public var organ: Organ = .generalAssembly
  /// The document symbol, e.g. `A/RES/67/27` or `S/RES/242 (1967)`.
  public var symbol: String?
  /// The number as printed, e.g. `67/27`, `68/247 B`, `242 (1967)`.
  public var number: String?
  /// The session, e.g. 67.
  public var session: Int?
  /// Agenda items as printed, e.g. `89` or `20 (a)`.
  public var agendaItems: [String] = []
  /// The adoption date.
  public var adoptionDate: SimpleDate?
  /// The date of distribution printed in the masthead.
  public var distributionDate: SimpleDate?
  /// The Main Committee on whose report it was adopted.
  public var committee: Committee?
  /// The symbol of that report, e.g. `A/67/404`.
  public var reportSymbol: String?
  /// The job number, e.g. `12-48022`.
  public var jobNumber: String?
  /// The ODS job number, e.g. `N1248022E`.
  public var odsJobNumber: String?
  /// The title, its wrapped lines joined.
  public var title: String?
  /// The plenary or Council meeting number at which it was adopted.
  public var meetingNumber: Int?
  /// The address of the document the text was extracted from (a Markdown extraction's
  /// `source_pdf`), e.g. `https://undocs.org/en/A/RES/78/100`.
  public var source: String?
  /// The vote by which it was adopted, as its adoption trailer gives it.
  public var vote: Vote?

  /// Creates empty metadata.
  public init() {}
}

/// A Main Committee of the General Assembly.
public struct Committee: Sendable, Hashable, Codable {
  /// The name as printed, e.g. "First Committee".
  public var name: String
  /// The ordinal 1–6 for the six Main Committees, if recognised.
  public var ordinal: Int?

  /// The actor code used in IRIs and TLCs, e.g. `un-ga-c1`.
  public var actor: String? {
    ordinal.flatMap {
      UNBody.mainCommittees.indices.contains($0 - 1) ? UNBody.mainCommittees[$0 - 1].actor : nil
    }
  }

  /// Creates a committee.
  public init(name: String, ordinal: Int?) {
    self.name = name
    self.ordinal = ordinal
  }
}

/// A run of text from the source, with the footnote markers found in it.
public struct TextBlock: Sendable, Hashable {
  /// The pieces of the text in order.
  public var segments: [Segment]
  /// The 1-based line of the input the text starts on.
  public var line: Int
  /// Where the text was printed in the input, when the reading was asked for its spans.
  public var span: SourceSpan?
  /// Where each segment was printed, parallel to ``segments`` (empty when the reading was not
  /// asked for spans; nil for a segment with nothing printed of its own, such as a note marker
  /// whose digit was removed).
  public var segmentSpans: [SourceSpan?] = []
  /// Whether its italics are the print's (a PDF's fonts, as ``Segment/italic(_:)`` segments):
  /// then its lead phrase is the italic run it opens with, not a phrase from a word list.
  public var italicsFromPrint = false

  /// A piece of running text.
  public enum Segment: Sendable, Hashable {
    /// Plain text.
    case text(String)
    /// A footnote marker that stood here (its digit removed from the text): the note's text
    /// goes here (unless no note has this marker).
    case noteRef(marker: String)
    /// A later citation of a note marked with a symbol ("CHINA,* FRANCE,*"): its text was given
    /// at its first citation, so only the marker is printed here. Decided by reading.
    case noteRepeat(marker: String)
    /// A citation of a document (a resolution, a document symbol), found by reading. Boxed: a
    /// citation's facts are larger than every other segment, which stays small.
    indirect case citation(Citation)
    /// The lead phrase of a clause ("Recalling", "Decides also"), printed in italics. Decided by
    /// reading; only ever the first segment of a block.
    case leadPhrase(String)
    /// Words printed in italics inside the text (a publication's title, a Latin term), as the
    /// PDF's fonts show them. Decided by reading, from a PDF only.
    case italic(String)
    /// A part of a preface or closing line with a meaning of its own (the document type, the
    /// adoption date, the committee, the meeting …) and its text. Decided by reading.
    case part(LinePart, [Segment])
  }

  /// What a part of a preface or closing line is (``Segment/part(_:_:)``).
  public enum LinePart: Sendable, Hashable {
    /// "Resolution", "Decision".
    case docType
    /// "adopted".
    case docStatus
    /// "General Assembly".
    case docAuthority
    /// The adoption date as printed ("3 December 2012").
    case docDate(SimpleDate)
    /// The Main Committee's name ("First Committee"), with its actor code if it is one of the six.
    case docCommittee(actor: String?)
    /// The document's number as printed ("67/27", "418 (1977)").
    case docNumber
    /// The document's title.
    case docTitle
    /// The meeting line ("48th plenary meeting").
    case meeting
    /// The closing date line ("3 December 2012").
    case date(SimpleDate)
  }

  /// A block of plain text.
  public init(_ text: String, line: Int) {
    self.segments = text.isEmpty ? [] : [.text(text)]
    self.line = line
  }

  /// A block from segments.
  public init(segments: [Segment], line: Int) {
    self.segments = segments
    self.line = line
  }

  /// The text with footnote markers left out.
  public var plainText: String {
    var result = ""
    Self.appendPlainText(of: segments, to: &result)
    return result
  }

  private static func appendPlainText(of segments: [Segment], to result: inout String) {
    for segment in segments {
      switch segment {
      case .text(let text), .leadPhrase(let text), .italic(let text): result += text
      case .citation(let citation): result += citation.text
      case .part(_, let inner): appendPlainText(of: inner, to: &result)
      case .noteRef, .noteRepeat: break
      }
    }
  }
}

/// A document cited in the text, as reading found it: where it links and what was printed.
public struct Citation: Sendable, Hashable, Codable {
  /// How the citation links.
  public enum Form: String, Sendable, Hashable, Codable {
    /// To an AKN work IRI (`/akn/un/statement/deliberation/un-ga/…`): an AKN `<ref>`.
    case ref
    /// To a web address (a document symbol at undocs.org): an `<a>`.
    case link
    /// Not linked: an act of a body akn has no address for ("resolution 5/12 of the United
    /// Nations Environment Assembly"), or whose body the text does not name (a number that
    /// cannot be the General Assembly's, with a `citation.unlinked` note). Printed as text.
    case unlinked
  }

  /// How it links.
  public var form: Form
  /// The IRI or address it links to; nil when it is ``Form/unlinked``.
  public var href: String?
  /// The text as printed ("resolution 66/30", "A/67/404").
  public var text: String
  /// Whether it cites the document itself (which its text never needs to link to).
  public var isSelf: Bool = false
  /// The body whose act it cites, a row of ``UNBody/all``; nil when reading cannot tell (a
  /// document symbol outside the bodies' resolution and decision series, a number no body named
  /// in the text can have).
  public var body: UNBody? {
    get { bodyActor.flatMap(UNBody.withActor) }
    set { bodyActor = newValue?.actor }
  }
  /// The actor code of ``body``: a citation keeps the code, not a copy of the table's row.
  private var bodyActor: String?
  /// What it cites: a resolution, a decision or a document by its symbol; nil for a number cited
  /// with its date and no "resolution" or "decision" before it.
  public var kind: Kind?
  /// The cited act's number with its parts; nil for a document symbol.
  public var number: Number?
  /// The date it was adopted on, when the citation names one ("53/70 of 4 December 1998").
  public var date: SimpleDate?

  /// What a citation cites.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// A resolution ("resolution 67/27", "resolutions 1325 (2000) and …").
    case resolution
    /// A decision ("decision 55/488").
    case decision
    /// A document by its symbol ("A/67/404", "A/RES/66/24").
    case documentSymbol
  }

  /// The number of a cited act with its parts, as its body numbers its acts.
  public struct Number: Sendable, Hashable, Codable {
    /// The number as printed: `67/27`, `68/247 B`, `242 (1967)`, `1980/67`, `1514 (XV)`.
    public var printed: String
    /// The act's number within its session or year: `27` of `67/27`, `242` of `242 (1967)`,
    /// `67` of `1980/67`, `1514` of `1514 (XV)`.
    public var number: Int
    /// The session it was adopted at: `67` of `67/27`, `15` of `1514 (XV)`; nil for a body
    /// that numbers by year.
    public var session: Int?
    /// The year that numbers it: `1967` of `242 (1967)`, `1980` of `1980/67`; nil for a body
    /// that numbers by session.
    public var year: Int?
    /// The part letter: `B` of `68/247 B`, `A` of `217 A (III)`.
    public var part: String?

    /// A number with its parts.
    public init(printed: String, number: Int, session: Int? = nil, year: Int? = nil, part: String? = nil) {
      self.printed = printed
      self.number = number
      self.session = session
      self.year = year
      self.part = part
    }
  }

  /// Creates a citation.
  public init(
    form: Form, href: String?, text: String, isSelf: Bool = false, body: UNBody? = nil, kind: Kind? = nil,
    number: Number? = nil, date: SimpleDate? = nil
  ) {
    self.form = form
    self.href = href
    self.text = text
    self.isSelf = isSelf
    self.bodyActor = body?.actor
    self.kind = kind
    self.number = number
    self.date = date
  }
}

/// A paragraph with an optional number and an optional list of sub-items: a preambular
/// paragraph, an operative paragraph, or a point `(a)`, `(i)` of a list.
public struct Block: Sendable, Hashable, Codable {
  /// The number as printed: `1.`, `(a)`, `(iv)`; nil when unnumbered.
  public var num: String?
  /// The text before any sub-items (the whole text when there are none).
  public var text: TextBlock
  /// Sub-items, in order.
  public var children: [Block]
  /// Text after the sub-items, if the paragraph continues.
  public var wrapUp: TextBlock?
  /// Whether this is a heading among the paragraphs rather than a paragraph.
  public var isHeading = false
  /// Whether this is the operative part's introductory words ("Resolves that:", "Decides:")
  /// before its numbered paragraphs: text that opens them, not a paragraph of its own.
  public var isIntro = false
  /// The name of a preambular clause after its lead phrase, in lower camel case ("recalling",
  /// "notingWithConcern"): the AKN4UN container name. Decided by reading; nil for a clause
  /// without a known lead phrase and for every other block.
  public var clauseName: String?
  /// A table the paragraph announces ("… in the table below:"), printed after its text.
  public var table: Table?
  /// Text the paragraph quotes after its own ("… worded as follows:" then "“The Security
  /// Council has …”"), one block per quoted paragraph, quotation marks as printed.
  public var quoted: [Block] = []

  /// Creates a block.
  public init(num: String? = nil, text: TextBlock, children: [Block] = [], wrapUp: TextBlock? = nil) {
    self.num = num
    self.text = text
    self.children = children
    self.wrapUp = wrapUp
  }
}

/// A table printed inside a paragraph, as read from text that gives one cell per line.
public struct Table: Sendable, Hashable, Codable {
  /// The rows, each a list of cells, the header row first; empty when the columns could not be
  /// told apart (then ``lines`` holds the table).
  public var rows: [[TextBlock]]
  /// How many of the first ``rows`` are headings (the column headings, and any heading over the
  /// whole table printed above them, as a PDF's "A. Pension Administration"); nil for one, the
  /// header row alone.
  public var headerRows: Int?
  /// The table's lines as printed, one cell (or part of one) per line, when ``rows`` is empty.
  public var lines: [TextBlock]
  /// The notes printed under the table that stand at no marker of its cells ("Abbreviations:
  /// …", "Note: …", a lettered note whose letter no cell carries): printed under the table.
  public var notes: [TextBlock]
  /// The table's notes placed at their markers in its cells, each a note as a footnote is, with
  /// its letter as its marker ("a See A/78/534." → marker `a`, text "See A/78/534."): the first
  /// cell that carries the marker has a ``TextBlock/Segment/noteRef(marker:)`` (the note's
  /// text goes there), every later one a ``TextBlock/Segment/noteRepeat(marker:)`` (a
  /// reference to it). A marker in a cell refers to the note of its own table, never to the
  /// document's footnotes. Decided by reading.
  public var footnotes: [Footnote] = []
  /// The cells printed over several columns (a unit line "(United States dollars)" centred
  /// under two columns' headings), each by its row and its place among the row's cells; nil
  /// when every cell stands over one column. A row with such a cell has fewer cells than the
  /// table has columns: the cell counts for the columns it covers. Decided by reading (a PDF's
  /// positions).
  public var spans: [Span]?
  /// The 1-based line of the input the table starts on.
  public var line: Int

  /// A cell printed over several columns.
  public struct Span: Sendable, Hashable, Codable {
    /// Its row (0 for the first of ``Table/rows``).
    public var row: Int
    /// Its place among the row's cells (0 for the first).
    public var cell: Int
    /// How many columns it covers: two or more.
    public var columns: Int

    /// Creates a span.
    public init(row: Int, cell: Int, columns: Int) {
      self.row = row
      self.cell = cell
      self.columns = columns
    }
  }

  /// How many columns the cell at `cell` of row `row` covers: 1 unless ``spans`` names it.
  public func columnSpan(row: Int, cell: Int) -> Int {
    spans?.first { $0.row == row && $0.cell == cell }?.columns ?? 1
  }

  /// Creates a table.
  public init(
    rows: [[TextBlock]], lines: [TextBlock] = [], notes: [TextBlock] = [], footnotes: [Footnote] = [],
    line: Int
  ) {
    self.rows = rows
    self.lines = lines
    self.notes = notes
    self.footnotes = footnotes
    self.line = line
  }
}

/// An item of the operative part.
public indirect enum BodyItem: Sendable, Hashable {
  /// A paragraph (numbered or not).
  case paragraph(Block)
  /// A section or part with a number and heading, holding its own items.
  case section(Section)
}

/// A section or part of the operative part, e.g. `I` "Introduction" or `A`.
public struct Section: Sendable, Hashable, Codable {
  /// The number as printed: `I`, `A`.
  public var num: String?
  /// The heading, if any.
  public var heading: TextBlock?
  /// Paragraphs before the section's operative paragraphs (its own formula and preamble).
  public var intro: [Block]
  /// The section's items.
  public var items: [BodyItem]
  /// The 1-based line of the input the section starts on.
  public var line: Int
  /// What kind of division it is.
  public var unit: Unit

  /// The kind of a division: a section or part (`I`, `A`), an article or rule of an adopted
  /// or quoted text ("Article 5", "Rule 12"), a chapter of a convention ("Chapter II"), or an
  /// action of a pact ("Action 2.").
  public enum Unit: String, Sendable, Hashable, Codable {
    /// A section or part, numbered `I`, `A`, `Section B` …
    case section
    /// "Article 5".
    case article
    /// "Rule 12".
    case rule
    /// "Chapter II": a chapter of an adopted convention, holding its articles.
    case chapter
    /// "Action 2. We will …": a numbered commitment of a declaration or pact, its sentence as its
    /// heading, holding the paragraphs that carry it out.
    case action
  }

  /// Creates a section.
  public init(
    num: String?, heading: TextBlock?, intro: [Block] = [], items: [BodyItem], line: Int,
    unit: Unit = .section
  ) {
    self.num = num
    self.heading = heading
    self.intro = intro
    self.items = items
    self.line = line
    self.unit = unit
  }
}

/// A line of the preface, with what it was recognised to be.
public struct PrefaceLine: Sendable, Hashable, Codable {
  /// What the line is.
  public enum Role: Sendable, Hashable {
    /// "Resolution adopted by the General Assembly on 3 December 2012".
    case adoption
    /// "[on the report of the First Committee (A/67/404)]".
    case committee
    /// "67/27. Developments in the field …" (number and title).
    case numberAndTitle(number: String, title: String)
    /// A line that prints the document's number ("Resolution 418 (1977)"): `number` is the
    /// number as the line prints it ("418 (1977)").
    case number(String)
    /// A line that prints the adoption date ("of 4 November 1977", "Adopted by the Security
    /// Council at its 3200th meeting, on 17 April 1993"): `printed` is the date as printed.
    case date(SimpleDate, printed: String)
    /// Any other preface line.
    case other
  }

  /// What the line is.
  public var role: Role
  /// Its text.
  public var text: TextBlock

  /// Creates a preface line.
  public init(role: Role, text: TextBlock) {
    self.role = role
    self.text = text
  }
}

/// A closing line: the meeting, the date, or a trailer.
public struct ConclusionLine: Sendable, Hashable, Codable {
  /// What the line is.
  public enum Role: Sendable, Hashable {
    /// "48th plenary meeting".
    case meeting(number: Int)
    /// "3 December 2012".
    case date(SimpleDate)
    /// Anything else (a vote line, an adoption trailer).
    case other
  }

  /// What the line is.
  public var role: Role
  /// Its text.
  public var text: TextBlock

  /// Creates a conclusion line.
  public init(role: Role, text: TextBlock) {
    self.role = role
    self.text = text
  }
}

/// An annex or adopted instrument after the resolution proper (or, in the printed Security
/// Council volumes, before its adoption trailer).
public struct Attachment: Sendable, Hashable, Codable {
  /// The heading lines as printed ("Annex I", then its title lines: "Pact for the Future" …).
  public var heading: [TextBlock]
  /// The unnumbered text before its numbered paragraphs ("We, the Heads of State …, in this
  /// regard we:").
  public var preamble: [Block]
  /// Its paragraphs, sections, articles or rules, and headings, as in an operative part.
  public var items: [BodyItem]
  /// The closing of an adopted instrument after its last article, one block a paragraph as
  /// printed: its final formulas ("IN WITNESS WHEREOF, the undersigned … have signed this
  /// Convention.", "DONE at New York, this … day of …") and the signatures after them. Empty for
  /// an annex without one.
  public var conclusions: [TextBlock]

  /// Creates an attachment.
  public init(heading: [TextBlock], preamble: [Block] = [], items: [BodyItem], conclusions: [TextBlock] = [])
  {
    self.heading = heading
    self.preamble = preamble
    self.items = items
    self.conclusions = conclusions
  }

  private enum CodingKeys: String, CodingKey {
    case heading, preamble, items, conclusions
  }

  /// Decodes an attachment; a missing `conclusions` is none.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    heading = try container.decode([TextBlock].self, forKey: .heading)
    preamble = try container.decode([Block].self, forKey: .preamble)
    items = try container.decode([BodyItem].self, forKey: .items)
    conclusions = try container.decodeIfPresent([TextBlock].self, forKey: .conclusions) ?? []
  }

  /// Encodes an attachment; `conclusions` only when it has any.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(heading, forKey: .heading)
    try container.encode(preamble, forKey: .preamble)
    try container.encode(items, forKey: .items)
    if !conclusions.isEmpty { try container.encode(conclusions, forKey: .conclusions) }
  }

  /// The annex's number as printed in its heading ("I" for "Annex I"), if any.
  public var number: String? {
    guard let first = heading.first?.plainText else { return nil }
    let words = first.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard words.count == 2, words[0].lowercased() == "annex" else { return nil }
    let number = words[1].filter { $0.isLetter || $0.isNumber }
    return number.isEmpty ? nil : number
  }
}

/// A footnote text and its marker.
public struct Footnote: Sendable, Hashable, Codable {
  /// The marker as printed: `1`, `2`, `*`.
  public var marker: String
  /// The note's text.
  public var text: TextBlock

  /// Creates a footnote.
  public init(marker: String, text: TextBlock) {
    self.marker = marker
    self.text = text
  }
}

extension Resolution {
  /// The number of top-level operative paragraphs: the numbered paragraphs (over all sections
  /// where numbering restarts), or the unnumbered ones where a run has no numbers; for a
  /// decision, the number of its parts (A, B …), else 1. Sub-items, an operative part's
  /// introductory words, annexes and adopted instruments are not counted.
  public var operativeParagraphCount: Int {
    if kind == .decision {
      let parts = body.filter { if case .section = $0 { return true } else { return false } }.count
      return max(parts, 1)
    }
    // A walk of the body's items, not of text blocks (``updateTextBlocks(_:)``), on purpose: what
    // it counts is structure (numbered and unnumbered paragraphs, sections, intros), which a
    // text block does not know.
    // Unnumbered paragraphs count where nothing around them is numbered (a section holding one
    // unnumbered operative paragraph), not in a part of a numbered run (a table's sub-heading).
    func count(_ items: [BodyItem], inNumbered: Bool) -> Int {
      var numbered = 0
      var unnumbered = 0
      for item in items {
        if case .paragraph(let block) = item {
          if block.num != nil { numbered += 1 } else if !block.isIntro { unnumbered += 1 }
        }
      }
      var inSections = 0
      for item in items {
        if case .section(let section) = item {
          inSections += count(section.items, inNumbered: inNumbered || numbered > 0)
        }
      }
      return inSections + (numbered > 0 ? numbered : inNumbered ? 0 : unnumbered)
    }
    return count(body, inNumbered: false)
  }
}
