package import AKNModel

/// The italics of a PDF's text as its fonts print them.
///
/// Reading decides what a block is (a preambular clause, an operative paragraph, a point) and
/// whether it opens with a lead phrase; the PDF decides which words are italic. Each text block
/// of the preamble, the body, the attachments and the notes is found again in the printed
/// characters of the PDF's lines (body lines for the text, note lines for the notes: spaces
/// aside, in reading order) and takes their italics: a run of italic characters becomes
/// ``TextBlock/Segment/italic(_:)``, and a block that reading gave a lead phrase has, as its lead
/// phrase, the italic run it opens with, whatever its length (none when it opens in roman).
/// A block that cannot be found among the printed characters keeps what reading gave it.
/// The preface, the formula and the closing lines are left as read.
package enum PDFItalics {
  /// How far ahead of the last block found the next block's opening is looked for.
  static let window = 60_000
  /// How many characters of a block's opening must match the print to place it.
  static let anchor = 12

  /// `resolution` with the italics of `lines`.
  package static func apply(to resolution: inout Resolution, lines: [PDFLines.Line]) {
    var body: [PDFLines.Glyph] = []
    var notes: [PDFLines.Glyph] = []
    for line in lines {
      switch line.kind {
      case .body: body += line.glyphs
      case .note: notes += line.glyphs
      default: break
      }
    }
    guard body.contains(where: \.italic) || notes.contains(where: \.italic) else { return }
    let kept = (resolution.preface, resolution.formula, resolution.conclusions)
    var total = 0
    resolution.forEachTextBlock { _ in total += 1 }
    let firstNote = total - resolution.footnotes.count
    var index = 0
    var bodyCursor = 0
    var noteCursor = 0
    resolution.updateTextBlocks { block in
      if index < firstNote {
        block = styled(block, print: body, cursor: &bodyCursor)
      } else {
        block = styled(block, print: notes, cursor: &noteCursor)
      }
      index += 1
    }
    resolution.preface = kept.0
    resolution.formula = kept.1
    resolution.conclusions = kept.2
    // A table's header (and the header printed again after a page break) and the lines of a table
    // kept line by line are cells of several lines or columns, an italic run in print only as a
    // whole row: roman, as in the text forms. Its rows and notes keep their italics ("Of which:").
    resolution.body = resolution.body.map(Self.romanTables)
    for index in resolution.attachments.indices {
      resolution.attachments[index].items = resolution.attachments[index].items.map(Self.romanTables)
    }
  }

  /// `item` with the italic segments of its tables' header cells and kept lines made plain text
  /// again.
  static func romanTables(_ item: BodyItem) -> BodyItem {
    func roman(_ text: TextBlock) -> TextBlock {
      var text = text
      text.segments = text.segments.map { if case .italic(let plain) = $0 { .text(plain) } else { $0 } }
      return text
    }
    func plainTables(_ block: Block) -> Block {
      var block = block
      if var table = block.table {
        // The header (its rows), and the header printed again after a page break.
        let header = table.rows.first.map { $0.map(\.plainText) }
        let headings = table.headerRows ?? 1
        table.rows = table.rows.enumerated().map { index, row in
          index < headings || row.map(\.plainText) == header ? row.map(roman) : row
        }
        table.lines = table.lines.map(roman)
        block.table = table
      }
      block.children = block.children.map(plainTables)
      return block
    }
    switch item {
    case .paragraph(let paragraph): return .paragraph(plainTables(paragraph))
    case .section(var section):
      section.items = section.items.map(romanTables)
      return .section(section)
    }
  }

  /// A character of a block: its scalar and where it stands (segment, scalar offset).
  private struct Place {
    var scalar: Unicode.Scalar
    var segment: Int
    var offset: Int
  }

  /// `block` with the italics of `print`, found at or after `cursor` (which moves past it).
  static func styled(_ block: TextBlock, print: [PDFLines.Glyph], cursor: inout Int) -> TextBlock {
    var places: [Place] = []
    var scalars: [[Unicode.Scalar]] = []
    for (segment, piece) in block.segments.enumerated() {
      let text: String
      switch piece {
      case .text(let string), .leadPhrase(let string), .italic(let string): text = string
      case .citation(let citation): text = citation.text
      case .noteRef, .noteRepeat: text = ""
      case .part: return block  // a preface or closing line's parts: left as read
      }
      let all = Array(text.unicodeScalars)
      scalars.append(all)
      for (offset, scalar) in all.enumerated() where !PDFLines.isBlank(scalar) {
        places.append(Place(scalar: scalar, segment: segment, offset: offset))
      }
    }
    guard !places.isEmpty, let start = find(places, in: print, from: cursor) else { return block }
    // Walk the block along the print: equal characters take the print's style; a character the
    // print has and the block not (a note marker, a hyphen at a line end) is passed over; a
    // character the print spells otherwise takes the style of the one it stands for.
    var flags = scalars.map { [Bool](repeating: false, count: $0.count) }
    var i = 0
    var j = start
    var mismatched = 0
    while i < places.count, j < print.count {
      if places[i].scalar == print[j].scalar {
        flags[places[i].segment][places[i].offset] = print[j].italic
        i += 1
        j += 1
        continue
      }
      if let skip = (1...6).first(where: { j + $0 < print.count && print[j + $0].scalar == places[i].scalar }
      ),
        i + 1 >= places.count || j + skip + 1 >= print.count
          || print[j + skip + 1].scalar == places[i + 1].scalar
      {
        j += skip
        continue
      }
      flags[places[i].segment][places[i].offset] = print[j].italic
      mismatched += 1
      i += 1
      j += 1
    }
    // A block whose characters the print does not give in its order (a table's header cells
    // joined from lines printed in another order) is not this print: it keeps its reading.
    guard i == places.count, mismatched * 20 <= places.count else { return block }
    cursor = j
    return restyled(block, scalars: scalars, flags: flags)
  }

  /// Where the opening of `places` is printed: at or after `cursor` within the window, else
  /// before it; nil when it is not printed.
  private static func find(_ places: [Place], in print: [PDFLines.Glyph], from cursor: Int) -> Int? {
    let length = min(anchor, places.count)
    guard print.count >= length else { return nil }
    func matches(at position: Int) -> Bool {
      for k in 0..<length where print[position + k].scalar != places[k].scalar { return false }
      return true
    }
    let last = print.count - length
    let lower = min(cursor, last + 1)
    for position in lower..<min(last + 1, lower + window) where matches(at: position) { return position }
    for position in stride(from: min(lower, last + 1) - 1, through: max(0, lower - window), by: -1)
    where matches(at: position) {
      return position
    }
    return nil
  }

  /// The block's segments split into italic and roman runs by `flags` (one per scalar; a space
  /// is italic between two italic characters); citations and note markers stay as they are.
  private static func restyled(_ block: TextBlock, scalars: [[Unicode.Scalar]], flags: [[Bool]]) -> TextBlock
  {
    var hadLead = false
    if case .leadPhrase = block.segments.first { hadLead = true }
    var segments: [TextBlock.Segment] = []
    var spans: [SourceSpan?] = []
    let keepSpans = block.segmentSpans.count == block.segments.count
    var index = 0
    while index < block.segments.count {
      switch block.segments[index] {
      case .text, .leadPhrase, .italic:
        // A group of text segments: one string, its styles, split into runs.
        var group: [Unicode.Scalar] = []
        var style: [Bool] = []
        var plain = ""
        let first = index
        while index < block.segments.count {
          switch block.segments[index] {
          case .text(let string), .leadPhrase(let string), .italic(let string):
            group += scalars[index]
            style += flags[index]
            plain += string
            index += 1
            continue
          default: break
          }
          break
        }
        guard style.contains(true) else {
          // All roman: one run of text.
          segments.append(.text(plain))
          if keepSpans { spans.append(block.segmentSpans[first]) }
          continue
        }
        // A space is italic between two italic characters.
        let blank = group.map(PDFLines.isBlank)
        var italicBefore = false
        var before = [Bool](repeating: false, count: group.count)
        for position in group.indices {
          if blank[position] { before[position] = italicBefore } else { italicBefore = style[position] }
        }
        var italicAfter = false
        for position in group.indices.reversed() {
          if blank[position] {
            style[position] = before[position] && italicAfter
          } else {
            italicAfter = style[position]
          }
        }
        var start = 0
        while start < group.count {
          var end = start
          while end < group.count, style[end] == style[start] { end += 1 }
          var text = String.UnicodeScalarView()
          text.append(contentsOf: group[start..<end])
          segments.append(style[start] ? .italic(String(text)) : .text(String(text)))
          if keepSpans { spans.append(block.segmentSpans[first]) }
          start = end
        }
      default:
        segments.append(block.segments[index])
        if keepSpans { spans.append(block.segmentSpans[index]) }
        index += 1
      }
    }
    if hadLead, case .italic(let phrase) = segments.first { segments[0] = .leadPhrase(phrase) }
    var result = block
    result.segments = segments
    result.italicsFromPrint = true
    if keepSpans { result.segmentSpans = spans }
    return result
  }
}
