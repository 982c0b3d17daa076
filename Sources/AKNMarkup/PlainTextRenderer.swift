public import AKNModel

/// The model as plain text: the preface, preamble, body, conclusions and attachments one block a
/// line, numbers followed by a tab, footnote markers as `[N]` and the notes at the end — what
/// `akn text` prints for the AKN document of the same model, byte for byte.
///
/// It walks the model itself: no AKN tree is built, and a reading without an adoption date or a
/// number (which an AKN document needs for its IRIs) still has its text.
public struct PlainTextRenderer: DocumentRenderer {
  /// A plain-text renderer.
  public init() {}

  /// The text of `reading`.
  public func render(_ reading: Reading) -> String {
    documentText(of: reading.resolution).text
  }

  /// The text of `resolution`, its body and its notes apart.
  public func documentText(of resolution: Resolution) -> DocumentText {
    var walk = TextWalk(resolution: resolution)
    walk.document()
    return walk.writer.finish()
  }
}

extension PlainTextRenderer {
  /// Whether `text` holds a line feed and only spaces, line feeds and tabs (as `Character`s).
  ///
  /// On the bytes: a text of only the bytes 0x20, 0x0A and 0x09 is a text of only those
  /// characters (each is one scalar, and nothing follows to join a space's character), and a
  /// text with any other byte has a character with another scalar, which none of the three is.
  static func isIndentation(_ text: String) -> Bool {
    var sawLineFeed = false
    for byte in text.utf8 {
      switch byte {
      case 0x0A: sawLineFeed = true
      case 0x20, 0x09: continue
      default: return false
      }
    }
    return sawLineFeed
  }

  /// Where `text` goes on after its leading spaces, line feeds and tabs (the end of
  /// `text.drop { $0 == " " || $0 == "\n" || $0 == "\t" }`'s dropped `Character`s), read on the
  /// bytes; nil (read by `Character`) when the byte after a dropped space is not ASCII, since
  /// a combining mark after the space makes one character of the two, which is not a space.
  /// A line feed or a tab ends its character whatever follows (controls break graphemes).
  static func leadingWhitespaceEnd(_ text: String) -> String.Index? {
    let utf8 = text.utf8
    var index = utf8.startIndex
    var last: UInt8 = 0
    while index < utf8.endIndex {
      let byte = utf8[index]
      guard byte == 0x20 || byte == 0x0A || byte == 0x09 else {
        if byte >= 0x80, last == 0x20 { return nil }
        return index
      }
      last = byte
      utf8.formIndex(after: &index)
    }
    return index
  }
}

/// What an element of the AKN document does to the text (``DocumentText``'s rules): a block
/// ends a line, a number is followed by a tab, a paragraph inside a note is followed by a space,
/// an inline element only ends a run of text.
private enum TextElement {
  case inline
  case block
  case paragraph
  case number
}

/// The text as ``DocumentText`` extracts it, fed the events of the AKN document that
/// `AKNBuilder` builds, as a parser gives them back: text that the builder writes into one
/// element with no element between them is one text node.
private struct TextWriter {
  /// The UTF-8 of the body text so far: appending bytes costs a fraction of appending `String`s
  /// (a `String` appended to a `String` went through string interpolation's slow path), and the
  /// bytes are the `String`'s bytes, since appending never changes a `String`'s bytes.
  var output: [UInt8] = []
  var notes: [String] = []
  var seenMarkers: Set<String> = []
  /// The notes listed so far (marker and text): two tables may each have a note `a`.
  var seenNotes: Set<String> = []
  /// The text node being gathered.
  var pending = ""
  var noteDepth = 0
  var noteText = ""
  var noteMarker = ""

  mutating func text(_ text: String) {
    if pending.isEmpty { pending = text } else { pending += text }
  }

  mutating func open(_ element: TextElement) {
    flush()
  }

  mutating func close(_ element: TextElement) {
    flush()
    if noteDepth > 0 {
      if element == .paragraph { noteText += " " }
      return
    }
    switch element {
    case .number:
      output.append(0x09)
    case .block, .paragraph:
      endLine()
    case .inline:
      break
    }
  }

  mutating func openNote(_ marker: String) {
    flush()
    if noteDepth == 0 {
      noteMarker = marker
      noteText = ""
      append("[\(marker)]")
    }
    noteDepth += 1
  }

  /// Ends a note: listed once (a document's note by its marker, whose text is the same at every
  /// citation and walked only at the first; a table's note by its marker and text).
  mutating func closeNote(ofTable: Bool = false) {
    flush()
    noteDepth -= 1
    guard noteDepth == 0 else { return }
    if !ofTable {
      guard seenMarkers.insert(noteMarker).inserted else { return }
    }
    let note = "\(noteMarker) " + DocumentText.collapsingSpaces(noteText)
    if seenNotes.insert(note).inserted { notes.append(note) }
  }

  /// A reference to a note given before (`noteRef`): its marker where it stands.
  mutating func noteReference(_ marker: String) {
    flush()
    if noteDepth > 0 { noteText += "[\(marker)]" } else { append("[\(marker)]") }
  }

  private mutating func flush() {
    guard !pending.isEmpty else { return }
    if noteDepth > 0 {
      noteText += pending
    } else {
      append(pending)
    }
    pending = ""
  }

  private mutating func append(_ text: String) {
    // Indentation between elements is not text (nor is a text node that looks like it).
    if PlainTextRenderer.isIndentation(text) { return }
    if output.isEmpty || endsWithLineFeed {
      if let start = PlainTextRenderer.leadingWhitespaceEnd(text) {
        appendBytes(of: text[start...])
      } else {
        appendBytes(of: text.drop { $0 == " " || $0 == "\n" || $0 == "\t" })
      }
    } else {
      // The whole String's bytes (as a Substring, `appendBytes(of:)`, +0.2 % per document).
      var whole = text
      whole.withUTF8 { output.append(contentsOf: $0) }
    }
  }

  /// Appends the UTF-8 of `text` from its contiguous bytes (`withUTF8`, which makes them
  /// contiguous if they are not): `append(contentsOf: text.utf8)` went a slower way.
  private mutating func appendBytes(of text: Substring) {
    var text = text
    text.withUTF8 { output.append(contentsOf: $0) }
  }

  /// Whether the body so far ends with a line feed `Character` (``DocumentText/endsWithLineFeed(_:)``
  /// on the bytes: a line feed that a carriage return comes before is a character "\r\n").
  private var endsWithLineFeed: Bool { DocumentText.endsWithLineFeed(utf8: output) }

  /// Ends the line unless the body is empty or its line has ended.
  private mutating func endLine() {
    if !output.isEmpty, !endsWithLineFeed { output.append(0x0A) }
  }

  mutating func finish() -> DocumentText {
    flush()
    endLine()
    return DocumentText(body: String(decoding: output, as: UTF8.self), notes: notes)
  }
}

/// One walk of the model in the order and the shape of the AKN document (`AKNBuilder`): what
/// each part of the model becomes decides where its lines end.
private struct TextWalk {
  let resolution: Resolution
  var writer = TextWriter()
  /// The first note of each marker (the one the AKN document prints).
  let notes: [String: Footnote]
  /// The markers of the notes being written, against a note that cites itself.
  var openNotes: [String] = []
  /// The notes of the table being written, by marker: its cells' markers refer to them.
  var tableNotes: [String: Footnote] = [:]

  init(resolution: Resolution) {
    self.resolution = resolution
    var notes: [String: Footnote] = [:]
    for footnote in resolution.footnotes where notes[footnote.marker] == nil {
      notes[footnote.marker] = footnote
    }
    self.notes = notes
  }

  mutating func document() {
    for line in resolution.preface { paragraph(line.text) }
    func formula() {
      guard let formula = resolution.formula else { return }
      writer.open(.block)
      paragraph(formula)
      writer.close(.block)
    }
    if resolution.formulaAfter == nil { formula() }
    for (offset, block) in resolution.preamble.enumerated() {
      if offset == resolution.formulaAfter { formula() }
      preambularParagraph(block)
    }
    if let after = resolution.formulaAfter, after >= resolution.preamble.count { formula() }
    bodyItems(resolution.body, inMainBody: true)
    if !resolution.conclusions.isEmpty {
      writer.open(.block)
      for line in resolution.conclusions { paragraph(line.text) }
      writer.close(.block)
    }
    for attachment in resolution.attachments { self.attachment(attachment) }
  }

  /// A `<p>` holding `text`.
  private mutating func paragraph(_ text: TextBlock) {
    writer.open(.paragraph)
    inline(text.segments)
    writer.close(.paragraph)
  }

  /// An element holding `text` (a number, a heading).
  private mutating func element(_ element: TextElement, _ text: TextBlock) {
    writer.open(element)
    inline(text.segments)
    writer.close(element)
  }

  private mutating func number(_ num: String?) {
    guard let num else { return }
    writer.open(.number)
    writer.text(num)
    writer.close(.number)
  }

  /// A preambular paragraph (of the resolution or of an attachment): a container of its text,
  /// its quotation, its points and its wrap-up.
  private mutating func preambularParagraph(_ block: Block) {
    writer.open(.block)
    paragraph(block.text)
    if !block.quoted.isEmpty { quotation(block.quoted) }
    if !block.children.isEmpty { blockList(block.children) }
    if let wrapUp = block.wrapUp { paragraph(wrapUp) }
    writer.close(.block)
  }

  /// Points of a preambular paragraph: `blockList` of `item`s.
  private mutating func blockList(_ items: [Block]) {
    writer.open(.block)
    for item in items {
      writer.open(.block)
      number(item.num)
      paragraph(item.text)
      if !item.children.isEmpty { blockList(item.children) }
      if let wrapUp = item.wrapUp { paragraph(wrapUp) }
      writer.close(.block)
    }
    writer.close(.block)
  }

  private mutating func bodyItems(_ items: [BodyItem], inMainBody: Bool) {
    for item in items {
      switch item {
      case .paragraph(let block):
        hierarchical(block)
      case .section(let section) where section.num == nil && section.items.isEmpty && section.intro.isEmpty:
        // A heading among the paragraphs: `hcontainer/heading` in a main body, else
        // `crossHeading`.
        guard let heading = section.heading else { continue }
        if inMainBody {
          writer.open(.block)
          element(.block, heading)
          writer.close(.block)
        } else {
          element(.block, heading)
        }
      case .section(let section):
        writer.open(.block)
        number(section.num)
        if let heading = section.heading { element(.block, heading) }
        if section.intro.contains(where: { !$0.children.isEmpty || $0.wrapUp != nil || !$0.quoted.isEmpty }) {
          writer.open(.block)
          for block in section.intro {
            paragraph(block.text)
            if !block.quoted.isEmpty { quotation(block.quoted) }
            if !block.children.isEmpty { blockList(block.children) }
            if let wrapUp = block.wrapUp { paragraph(wrapUp) }
          }
          writer.close(.block)
        } else {
          for block in section.intro { element(.block, block.text) }
        }
        bodyItems(section.items, inMainBody: false)
        writer.close(.block)
      }
    }
  }

  /// A paragraph or point: its number, then its content, or a list of its points.
  private mutating func hierarchical(_ block: Block) {
    writer.open(.block)
    number(block.num)
    if block.children.isEmpty {
      writer.open(.block)
      if !block.text.segments.isEmpty || block.table == nil { paragraph(block.text) }
      if let table = block.table { self.table(table) }
      if !block.quoted.isEmpty { quotation(block.quoted) }
      writer.close(.block)
    } else {
      writer.open(.block)
      if !block.text.segments.isEmpty {
        writer.open(.block)
        paragraph(block.text)
        if !block.quoted.isEmpty { quotation(block.quoted) }
        writer.close(.block)
      }
      for child in block.children { hierarchical(child) }
      if let wrapUp = block.wrapUp {
        writer.open(.block)
        paragraph(wrapUp)
        writer.close(.block)
      }
      writer.close(.block)
    }
    writer.close(.block)
  }

  /// Quoted paragraphs: `<p><embeddedStructure>` of one `<p>` each.
  private mutating func quotation(_ quoted: [Block]) {
    writer.open(.paragraph)
    writer.open(.inline)
    for block in quoted { paragraph(block.text) }
    writer.close(.inline)
    writer.close(.paragraph)
  }

  /// A table: rows of cells (its notes at their markers; a cell over several columns is one
  /// cell, as ``DocumentText`` reads a `colspan` cell), or its lines as printed; then the notes
  /// at no marker.
  private mutating func table(_ table: Table) {
    if !table.rows.isEmpty {
      writer.open(.inline)
      for note in table.footnotes where tableNotes[note.marker] == nil { tableNotes[note.marker] = note }
      defer { tableNotes = [:] }
      for row in table.rows {
        writer.open(.block)
        for cell in row {
          writer.open(.inline)
          if !cell.segments.isEmpty { paragraph(cell) }
          writer.close(.inline)
        }
        writer.close(.block)
      }
      writer.close(.inline)
    } else {
      for line in table.lines { paragraph(line) }
    }
    for note in table.notes { paragraph(note) }
  }

  /// An annex or adopted instrument: its heading lines (the number and title parts as the AKN
  /// document marks them), its preamble, its items.
  private mutating func attachment(_ attachment: Attachment) {
    if !attachment.heading.isEmpty {
      let numbered = attachment.heading[0].plainText.split(separator: " ").first?.lowercased() == "annex"
      for (index, heading) in attachment.heading.enumerated() {
        writer.open(.paragraph)
        if index == 0 && numbered {
          element(.inline, heading)  // docNumber
        } else if index == (numbered ? 1 : 0) {
          element(.block, heading)  // docTitle
        } else {
          inline(heading.segments)
        }
        writer.close(.paragraph)
      }
    }
    for block in attachment.preamble { preambularParagraph(block) }
    bodyItems(attachment.items, inMainBody: true)
    if attachment.items.isEmpty {
      writer.open(.paragraph)
      writer.close(.paragraph)
    }
    if !attachment.conclusions.isEmpty {
      writer.open(.block)
      for line in attachment.conclusions { paragraph(line) }
      writer.close(.block)
    }
  }

  /// The segments of a text: citations and lead phrases as their text in an inline element,
  /// footnote markers as notes, the parts of preface and closing lines as their elements.
  private mutating func inline(_ segments: [TextBlock.Segment]) {
    for segment in segments {
      switch segment {
      case .text(let text):
        writer.text(text)
      case .citation(let citation) where citation.isSelf || citation.href == nil:
        writer.text(citation.text)
      case .leadPhrase(let text), .italic(let text):
        writer.open(.inline)  // i
        writer.text(text)
        writer.close(.inline)
      case .citation(let citation):
        writer.open(.inline)  // ref or a
        writer.text(citation.text)
        writer.close(.inline)
      case .noteRef(let marker) where tableNotes[marker] != nil:
        // A table's note at its first marker: its text is walked (another table's note of the
        // same letter may say something else).
        writer.open(.inline)  // sup
        writer.openNote(marker)
        if !openNotes.contains(marker) {
          openNotes.append(marker)
          paragraph(tableNotes[marker]!.text)
          openNotes.removeLast()
        }
        writer.closeNote(ofTable: true)
        writer.close(.inline)
      case .noteRepeat(let marker) where tableNotes[marker] != nil:
        writer.open(.inline)  // sup
        writer.open(.inline)  // noteRef
        writer.noteReference(marker)
        writer.close(.inline)
        writer.close(.inline)
      case .noteRef(let marker):
        guard let footnote = notes[marker] else { continue }
        // A note whose text is in the notes already adds nothing: its text is not walked
        // again; nor is a note inside itself.
        let adds = writer.noteDepth > 0 || !writer.seenMarkers.contains(marker)
        writer.open(.inline)  // sup
        writer.openNote(marker)
        if adds, !openNotes.contains(marker) {
          openNotes.append(marker)
          paragraph(footnote.text)
          openNotes.removeLast()
        }
        writer.closeNote()
        writer.close(.inline)
      case .noteRepeat(let marker):
        guard notes[marker] != nil else { continue }
        writer.open(.inline)
        writer.text(marker)
        writer.close(.inline)
      case .part(let part, let inner):
        let element: TextElement = if case .docTitle = part { .block } else { .inline }
        writer.open(element)
        inline(inner)
        writer.close(element)
      }
    }
  }
}
