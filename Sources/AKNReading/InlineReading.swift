package import AKNModel
import Foundation

/// The inline reading, the last pass of reading: it turns the plain runs of every text block
/// into typed segments, so that a renderer never reads text.
///
/// - Citations (``Citations``) become ``TextBlock/Segment/citation(_:)`` with the cited act's
///   facts as the scan found them (body, kind, number with its parts, date), a citation of the
///   document itself marked as such; the scan's state runs over one block, across its note
///   markers.
/// - A preambular clause's lead phrase ("Recalling also") and an operative paragraph's
///   ("Decides further") become ``TextBlock/Segment/leadPhrase(_:)``, and a preambular clause's
///   block gets its ``Block/clauseName``. Points, headings, quotations, tables, notes and the
///   lines around the resolution have none.
/// - The second and later citations of a note marked with a symbol ("CHINA,* FRANCE,*") become
///   ``TextBlock/Segment/noteRepeat(marker:)``: its text is given once, at its first citation in
///   document order.
/// - The parts of the preface and closing lines that mean something of their own (the document
///   type, status, authority and date of the adoption line, the committee, the number, the
///   title, the meeting and the closing date) become ``TextBlock/Segment/part(_:_:)``.
///
/// The walk follows the order in which the document is printed (preface, formula, preamble,
/// body, conclusions, attachments; in a block: its text, table, quotation, points, wrap-up).
package struct InlineReading {
  /// The lead phrase a block may open with.
  enum Phrase {
    case none, preambular, operative
  }

  private let metadata: Metadata
  /// The undocs.org address of the document itself.
  private let selfLink: String?
  /// Markers that have a note.
  private let markers: Set<String>
  /// Notes marked with a symbol whose first citation has been met.
  private var citedSymbolNotes: Set<String> = []
  /// Whether the walk is inside an article, rule or chapter of an adopted text (a convention,
  /// rules of procedure), whose paragraphs are printed roman: no lead phrase there.
  private var inInstrument = false
  /// The cited acts left unlinked because their body cannot be named, as notes at the line of
  /// the text that cites each (``Citations/Unlinked``).
  private var unlinked: [Diagnostic] = []

  private init(_ resolution: Resolution) {
    metadata = resolution.metadata
    selfLink = resolution.metadata.symbol.map { Citations.undocs + $0.filter { $0 != " " } }
    markers = Set(resolution.footnotes.map(\.marker))
  }

  /// Reads the inline content of every text block of `resolution`; returns the notes on the
  /// cited acts it left unlinked (rule `citation.unlinked`), in the order of their lines.
  package static func read(_ resolution: inout Resolution) -> [Diagnostic] {
    var reader = InlineReading(resolution)
    resolution.preface = resolution.preface.map { reader.prefaceLine($0) }
    if let formula = resolution.formula { resolution.formula = reader.text(formula) }
    resolution.preamble = resolution.preamble.map { reader.clause($0) }
    resolution.body = resolution.body.map { reader.bodyItem($0) }
    resolution.conclusions = resolution.conclusions.map { reader.conclusionLine($0) }
    for index in resolution.attachments.indices {
      var attachment = resolution.attachments[index]
      attachment.heading = attachment.heading.map { reader.text($0) }
      attachment.preamble = attachment.preamble.map { reader.clause($0) }
      attachment.items = attachment.items.map { reader.bodyItem($0) }
      attachment.conclusions = attachment.conclusions.map { reader.text($0) }
      resolution.attachments[index] = attachment
    }
    // A note's text is read on its own (a note's markers are never repeats).
    for index in resolution.footnotes.indices {
      resolution.footnotes[index].text = reader.text(resolution.footnotes[index].text, countingNotes: false)
    }
    return reader.unlinked.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
  }

  // MARK: Blocks

  /// A preambular clause: its lead phrase and name, then its quotation, points and wrap-up.
  private mutating func clause(_ block: Block) -> Block {
    var block = block
    let phrase = Phrases.preambular(block.text.plainText)
    block.clauseName = phrase?.name
    block.text = text(block.text, italicUpTo: phrase?.end)
    block.quoted = block.quoted.map { plainBlock($0) }
    block.children = block.children.map { plainBlock($0) }
    block.wrapUp = block.wrapUp.map { text($0) }
    return block
  }

  /// A block with no lead phrase (a point, a quoted paragraph), its points alike.
  private mutating func plainBlock(_ block: Block) -> Block {
    var block = block
    block.text = text(block.text)
    block.children = block.children.map { plainBlock($0) }
    block.wrapUp = block.wrapUp.map { text($0) }
    return block
  }

  /// An operative paragraph: its lead phrase, then its table, quotation, points and wrap-up.
  private mutating func paragraph(_ block: Block) -> Block {
    var block = block
    // An article's or a rule's paragraph is no operative paragraph of the Assembly: its first
    // word ("States Parties shall …", "This Convention …", "Representatives …") is no verb in
    // italics, whatever its ending.
    block.text = text(block.text, italicUpTo: inInstrument ? nil : Phrases.operative(block.text.plainText))
    if var table = block.table {
      table.rows = table.rows.map { $0.map { text($0) } }
      table.lines = table.lines.map { text($0) }
      table.notes = table.notes.map { text($0) }
      for note in table.footnotes.indices { table.footnotes[note].text = text(table.footnotes[note].text) }
      block.table = table
    }
    block.quoted = block.quoted.map { plainBlock($0) }
    block.children = block.children.map { plainBlock($0) }
    block.wrapUp = block.wrapUp.map { text($0) }
    return block
  }

  private mutating func bodyItem(_ item: BodyItem) -> BodyItem {
    switch item {
    case .paragraph(let block):
      return .paragraph(paragraph(block))
    case .section(var section):
      section.heading = section.heading.map { text($0) }
      // A section's own preamble: preambular clauses (their italics; their name is not used).
      section.intro = section.intro.map { clause($0) }
      let outer = inInstrument
      if section.unit == .article || section.unit == .rule || section.unit == .chapter { inInstrument = true }
      section.items = section.items.map { bodyItem($0) }
      inInstrument = outer
      return .section(section)
    }
  }

  // MARK: Preface and conclusions

  private mutating func prefaceLine(_ line: PrefaceLine) -> PrefaceLine {
    var line = line
    let plain = line.text.plainText
    switch line.role {
    case .adoption:
      // "Resolution adopted by the General Assembly on 3 December 2012".
      let organName = metadata.organ.name
      guard
        let docType = ["Resolution", "Decision"].first(where: {
          plain.hasPrefix("\($0) adopted by the \(organName) on ")
        }),
        let date = metadata.adoptionDate, line.text.segments.count == 1
      else {
        line.text = text(line.text)
        return line
      }
      let dateText = String(plain.dropFirst("\(docType) adopted by the \(organName) on ".count))
      line.text.segments = [
        .part(.docType, [.text(docType)]), .text(" "), .part(.docStatus, [.text("adopted")]),
        .text(" by the "),
        .part(.docAuthority, [.text(organName)]), .text(" on "), .part(.docDate(date), [.text(dateText)]),
      ]
    case .committee:
      // "[on the report of the First Committee (A/67/404)]".
      guard let committee = metadata.committee, line.text.segments.count == 1,
        let range = plain.range(ofASCII: committee.name)
      else {
        line.text = text(line.text)
        return line
      }
      line.text.segments =
        text(TextBlock(String(plain[..<range.lowerBound]), line: line.text.line)).segments
        + [.part(.docCommittee(actor: committee.actor), [.text(committee.name)])]
        + text(TextBlock(String(plain[range.upperBound...]), line: line.text.line)).segments
    case .numberAndTitle(let number, let title):
      line.text.segments = [
        .part(.docNumber, [.text(number)]), .text(". "),
        .part(.docTitle, text(TextBlock(title, line: line.text.line)).segments),
      ]
    case .number(let number):
      line.text = markingUp(number, in: line.text, as: .docNumber)
    case .date(let date, let printed):
      line.text = markingUp(printed, in: line.text, as: .docDate(date))
    case .other:
      line.text = text(line.text)
    }
    return line
  }

  /// `text` with the first `token` found in one of its runs as a part of kind `part`.
  private mutating func markingUp(_ token: String, in text: TextBlock, as part: TextBlock.LinePart)
    -> TextBlock
  {
    for (offset, segment) in text.segments.enumerated() {
      guard case .text(let string) = segment, let range = string.range(ofASCII: token) else { continue }
      var before = Array(text.segments[..<offset])
      if range.lowerBound > string.startIndex { before.append(.text(String(string[..<range.lowerBound]))) }
      var after: [TextBlock.Segment] = []
      if range.upperBound < string.endIndex { after.append(.text(String(string[range.upperBound...]))) }
      after += text.segments[(offset + 1)...]
      let segments =
        self.text(TextBlock(segments: before, line: text.line)).segments + [.part(part, [.text(token)])]
        + self.text(TextBlock(segments: after, line: text.line)).segments
      return TextBlock(segments: segments, line: text.line)
    }
    return self.text(text)
  }

  private mutating func conclusionLine(_ line: ConclusionLine) -> ConclusionLine {
    var line = line
    switch line.role {
    case .meeting where line.text.segments.count == 1 && metadata.meetingNumber != nil:
      line.text.segments = [.part(.meeting, [.text(line.text.plainText)])]
    case .date(let date) where line.text.segments.count == 1:
      line.text.segments = [.part(.date(date), [.text(line.text.plainText)])]
    default:
      line.text = text(line.text)
    }
    return line
  }

  // MARK: Runs

  /// `block` with its lead phrase (up to `italicUpTo`, an index into its plain text, when its
  /// first run holds it whole; for a block whose italics are the print's, the italic run it
  /// opens with when reading found a phrase there), its citations and its repeated symbol notes
  /// read.
  private mutating func text(
    _ block: TextBlock, italicUpTo: String.Index? = nil, countingNotes: Bool = true
  ) -> TextBlock {
    var segments: [TextBlock.Segment] = []
    // Room for a few citations besides the runs (each adds a citation and the text after it),
    // so that the array is seldom grown and copied (its capacity is no part of the block).
    segments.reserveCapacity(block.segments.count + 8)
    var state = Citations.State()
    // The state a scan leaves matters only to a later run of the block: its last run, when it
    // holds no digit, has no citation to find.
    let lastRun = block.segments.lastIndex {
      if case .text = $0 { return true } else { return false }
    }
    for (offset, segment) in block.segments.enumerated() {
      switch segment {
      case .italic(let phrase) where offset == 0 && block.italicsFromPrint && italicUpTo != nil:
        // The print's italics: the lead phrase is the italic run the block opens with.
        segments.append(.leadPhrase(phrase))
      case .text(var string):
        if offset == 0, !block.italicsFromPrint, let end = italicUpTo, end <= string.endIndex {
          segments.append(.leadPhrase(String(string[..<end])))
          string = String(string[end...])
        }
        if offset == lastRun, !Citations.mayCite(string) {
          if !string.isEmpty { segments.append(.text(string)) }
          continue
        }
        // Its texts and citations, a link to the document's own symbol marked as citing the
        // document itself.
        Citations.scan(string, state: &state, selfLink: selfLink, into: &segments)
      case .noteRef(let marker):
        // A note marked with a symbol ("*", "**") is a legend cited by many names: its text is
        // given once, at its first citation.
        if countingNotes, markers.contains(marker), !marker.allSatisfy(\.isNumber),
          !citedSymbolNotes.insert(marker).inserted
        {
          segments.append(.noteRepeat(marker: marker))
        } else {
          segments.append(segment)
        }
      case .noteRepeat, .citation, .leadPhrase, .italic, .part:
        segments.append(segment)
      }
    }
    for act in state.unlinked {
      unlinked.append(
        Diagnostic(
          .note, rule: .citationUnlinked, message: "\"\(act.text)\" is not linked: \(act.reason)",
          line: block.line))
    }
    var result = TextBlock(segments: segments, line: block.line)
    result.italicsFromPrint = block.italicsFromPrint
    return result
  }
}
