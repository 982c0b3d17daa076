import AKNModel
import Foundation

/// Reads the text of a General Assembly decision as the UN's decision records give it: no
/// masthead, perhaps a title line, perhaps parts `A`, `B`, each a narrative "At its 99th plenary
/// meeting, on 16 July 2019, the General Assembly … decided …", lists one item a line, a note
/// marked `*` and a closing reference such as `(See A/71/PV.1)`.
struct DecisionReader {
  let text: SourceText
  var resolution = Resolution(kind: .decision)
  var report = ReadingReport()

  init(text: SourceText) {
    self.text = text
  }

  /// Whether `text` looks like a decision: a narrative "At its …th plenary meeting, on …" near
  /// the top, and no enacting formula.
  static func matches(_ text: SourceText) -> Bool {
    // The first six lines that are not blank, folded one at a time: the answer often comes
    // before the sixth (at the formula).
    var read = 0
    for line in text.lines {
      guard read < 6 else { break }
      let line = line.text.collapsingSpaces
      guard !line.isEmpty else { continue }
      read += 1
      if LineGrammar.isFormula(line) { return false }
      if narrative(line) != nil { return true }
    }
    return false
  }

  /// The narrative that opens a decision, → the meeting number (if printed) and the date match:
  /// "At its 62nd plenary meeting, on 4 December 2017, …", "At the 19th plenary meeting of the
  /// General Assembly, on 12 October 2018, …", "The General Assembly, at its 70th plenary
  /// meeting, on 27 May 2025, …", or "On 17 June 2020, the General Assembly …" (no meeting).
  static func narrative(_ text: String) -> (meeting: Int?, date: Dates.Match?)? {
    // Each opening starts with "O", "A" or "T": most lines are refused on their first byte.
    guard let first = text.utf8.first, first == 0x4F || first == 0x41 || first == 0x54 else { return nil }
    let head = String(text.prefix(120))
    if head.hasPrefix("On "), let date = Dates.find(in: head),
      head.distance(from: head.startIndex, to: date.range.lowerBound) == 3
    {
      let after = head[date.range.upperBound...].drop { $0 == "," || $0 == " " }
      return after.hasPrefix("the General Assembly") ? (nil, date) : nil
    }
    var rest = Substring(text)
    for opening in ["At its ", "At the ", "The General Assembly, at its "] where rest.hasPrefix(opening) {
      rest = rest.dropFirst(opening.count)
      let digits = rest.prefix(while: \.isASCIIDigit)
      guard !digits.isEmpty, let meeting = Int(digits) else { return nil }
      let after = rest[digits.endIndex...].dropFirst(2)
      if opening == "At the " {
        guard after.hasPrefix(" plenary meeting of the General Assembly") else { return nil }
      } else {
        guard
          after.hasPrefix(" plenary meeting") || after.hasPrefix(" meeting") || after.hasPrefix(" (resumed)")
        else { return nil }
      }
      return (meeting, Dates.find(in: head))
    }
    return nil
  }

  /// Notes printed inline, `(footnote: …)`, in order: each became one ``LineGrammar.inlineNoteMark``.
  var inlineNotes: [Footnote] = []
  /// Inline notes on a line of their own after a part letter: the part's line and the note.
  var partNotes: [(line: Int, marker: String)] = []

  mutating func read() -> [LogicalParagraph] {
    var paragraphs: [LogicalParagraph] = []
    var inNote = false
    var afterRule = false
    // In a legend printed again (its notes are written once).
    var inRepeatedLegend = false
    var metadata = resolution.metadata
    for line in text.lines {
      var trimmed = line.text.trimmed
      if trimmed.isEmpty {
        inNote = false
        continue
      }
      let legend = inRepeatedLegend
      inRepeatedLegend = false
      // A rule line ("__________") opens the notes; it is never text.
      if LineGrammar.isRule(trimmed) {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .rule))
        afterRule = true
        inNote = false
        continue
      }
      if !paragraphs.isEmpty, let (marker, rest) = Self.asteriskNote(trimmed),
        afterRule || inNote || legend || marker == "*"
      {
        // "* Term of office …", "** …": a new note, even right after another. A legend printed
        // again word for word (under each part of a decision) is the same note: it is written
        // once.
        let repeated = resolution.footnotes.contains {
          $0.marker == marker && $0.text.plainText.collapsingSpaces == rest.collapsingSpaces
        }
        if repeated {
          report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .repeatedNote))
          inNote = false
          inRepeatedLegend = true
          continue
        }
        report.noteLines.append(line.number)
        resolution.footnotes.append(Footnote(marker: marker, text: TextBlock(rest, line: line.number)))
        inNote = true
        continue
      }
      if inNote {
        readNoteLine(trimmed, line: line.number)
        continue
      }
      var lineText = line.text
      if let (rewritten, notes) = Self.takeInlineNotes(
        from: lineText, line: line.number, firstMarker: inlineNotes.count + 1)
      {
        for (original, note) in notes {
          report.inlineNotes.append(
            InlineNote(line: line.number, original: original, text: note.text.plainText))
          inlineNotes.append(note)
        }
        lineText = rewritten
        trimmed = lineText.trimmed
        if trimmed.allSatisfy({ $0 == LineGrammar.inlineNoteMark || $0 == " " }) {
          // A note on a line of its own: it belongs to what precedes it (a part letter's note
          // goes to the part's heading).
          let markers = (inlineNotes.count - notes.count..<inlineNotes.count).map { inlineNotes[$0].marker }
          if let last = paragraphs.last {
            if LineGrammar.sectionNumber(last.text) != nil || Self.isPartLetter(last.text) {
              partNotes.append(contentsOf: markers.map { (last.line, $0) })
            } else {
              paragraphs[paragraphs.count - 1].text += String(
                repeating: LineGrammar.inlineNoteMark, count: markers.count)
            }
            continue
          }
        }
      }
      if let (meeting, date) = Self.narrative(trimmed), metadata.adoptionDate == nil {
        if let meeting { metadata.meetingNumber = meeting }
        if let date { metadata.adoptionDate = date.date }
        if let range = trimmed.range(of: "on the recommendation of the ") {
          let name = trimmed[range.upperBound...].prefix { $0 != "," && $0 != "(" }.trimmed
          let ordinals = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
          if let ordinal = ordinals.firstIndex(where: { name == "\($0) Committee" }) {
            metadata.committee = Committee(name: name, ordinal: ordinal + 1)
          }
        }
      }
      paragraphs.append(LogicalParagraph(line: line.number, text: lineText))
    }
    // A title line before the first part or narrative.
    if let first = paragraphs.first, Self.narrative(first.text.trimmed) == nil,
      LineGrammar.sectionNumber(first.text) == nil, paragraphs.count > 1,
      !first.text.contains(LineGrammar.inlineNoteMark), !first.text.trimmed.hasSuffix(".")
    {
      let title = first.text.collapsingSpaces
      metadata.title = title
      resolution.preface.append(PrefaceLine(role: .other, text: TextBlock(title, line: first.line)))
      paragraphs.removeFirst()
    }
    resolution.metadata = metadata
    return paragraphs
  }

  /// A rule line: three or more underscores, dashes or em dashes and nothing else.
  static func isRule(_ text: String) -> Bool {
    text.count >= 3
      && (text.allSatisfy { $0 == "_" } || text.allSatisfy { $0 == "-" }
        || text.allSatisfy { $0 == "\u{2014}" } || text.allSatisfy { $0 == "\u{2013}" })
  }

  /// A part letter on its own line ("B").
  static func isPartLetter(_ text: String) -> Bool {
    let trimmed = text.trimmed
    return trimmed.count == 1 && trimmed.first!.isASCII && trimmed.first!.isUppercase
  }

  /// "** Term of office …" → ("**", "Term of office …"): one to four asterisks, a space or a
  /// tab, then the note.
  static func asteriskNote(_ text: String) -> (String, String)? {
    let stars = text.prefix { $0 == "*" }
    guard (1...4).contains(stars.count) else { return nil }
    let rest = text[stars.endIndex...]
    guard let separator = rest.first, separator == " " || separator == "\t" else { return nil }
    let body = rest.trimmed
    guard !body.isEmpty else { return nil }
    return (String(stars), body)
  }

  /// The line with each `(footnote: …)` / `(Footnote: …)` replaced by ``LineGrammar.inlineNoteMark`` (spaces
  /// before it dropped), and each note as printed with its footnote; nil when it has none. A
  /// note whose parenthesis does not close on the line is left as text.
  static func takeInlineNotes(from line: String, line number: Int, firstMarker: Int = 1) -> (
    String, [(String, Footnote)]
  )? {
    guard line.range(of: "(footnote:", options: .caseInsensitive) != nil else { return nil }
    var output = ""
    var notes: [(String, Footnote)] = []
    var rest = Substring(line)
    while let open = rest.range(of: "(footnote:", options: .caseInsensitive) {
      // The closing parenthesis that balances the opening one.
      var depth = 0
      var close: String.Index?
      var index = open.lowerBound
      while index < rest.endIndex {
        if rest[index] == "(" { depth += 1 }
        if rest[index] == ")" {
          depth -= 1
          if depth == 0 {
            close = index
            break
          }
        }
        index = rest.index(after: index)
      }
      guard let close else { break }
      var before = rest[..<open.lowerBound]
      while before.last == " " || before.last == "\t" { before = before.dropLast() }
      let marker = String(firstMarker + notes.count)
      // "Conferences,1 (Footnote: …)": the printed marker, glued before the note, goes with it.
      var start = open.lowerBound
      if before.hasSuffix(marker), let previous = before.dropLast(marker.count).last,
        !previous.isNumber, !previous.isWhitespace
      {
        before = before.dropLast(marker.count)
        start = before.endIndex
      }
      output += before
      output.append(LineGrammar.inlineNoteMark)
      let original = String(rest[start...close])
      let body = rest[open.upperBound..<close].trimmed
      notes.append((original, Footnote(marker: marker, text: TextBlock(body, line: number))))
      rest = rest[rest.index(after: close)...]
    }
    guard !notes.isEmpty else { return nil }
    output += rest
    return (output, notes)
  }

  /// Puts the inline notes where their marks stand, and the notes of part letters on the parts'
  /// headings; the notes join the footnotes in the order of their lines.
  func placeInlineNotes(in reading: inout Reading) {
    guard !inlineNotes.isEmpty else { return }
    var placer = InlineNotePlacer(
      notes: inlineNotes.filter { note in !partNotes.contains { $0.marker == note.marker } })
    var resolution = reading.resolution
    for index in resolution.body.indices {
      InlineNotePlacer.addPartNotes(partNotes, to: &resolution.body[index])
    }
    // The marks, in the order the document is printed: the model's one walk of its text blocks.
    resolution.updateTextBlocks { placer.place(&$0) }
    resolution.footnotes.append(contentsOf: inlineNotes)
    resolution.footnotes.sort { $0.text.line < $1.text.line }
    reading.resolution = resolution
  }

  /// A note "* The voting was as follows:" and the lines after it.
  private mutating func readNoteLine(_ text: String, line: Int) {
    report.noteLines.append(line)
    if let last = resolution.footnotes.indices.last {
      let joined = Hyphenation.compounds.join(
        resolution.footnotes[last].text.plainText, text.collapsingSpaces, line: line, nextLine: line,
        into: &report.hyphenJoins)
      resolution.footnotes[last].text = TextBlock(joined, line: resolution.footnotes[last].text.line)
    }
  }
}

/// Replaces the marks of inline notes with note references, in document order.
struct InlineNotePlacer {
  let notes: [Footnote]
  var next = 0

  /// Adds the markers of the part letters' notes (`partNotes`, by the line of the part) to the
  /// headings of the sections of `item` on those lines, making a heading for a part that has
  /// none. A walk of the body's sections, not of text blocks: a part without a heading has no
  /// text block for the model's walk to visit.
  static func addPartNotes(_ partNotes: [(line: Int, marker: String)], to item: inout BodyItem) {
    guard case .section(var section) = item else { return }
    let markers = partNotes.filter { $0.line == section.line }.map(\.marker)
    if !markers.isEmpty {
      var heading = section.heading ?? TextBlock(segments: [], line: section.line)
      heading.segments.append(contentsOf: markers.map { .noteRef(marker: $0) })
      section.heading = heading
    }
    for index in section.items.indices { addPartNotes(partNotes, to: &section.items[index]) }
    item = .section(section)
  }

  mutating func place(_ text: inout TextBlock) {
    var segments: [TextBlock.Segment] = []
    for segment in text.segments {
      guard case .text(let string) = segment, string.contains(LineGrammar.inlineNoteMark) else {
        segments.append(segment)
        continue
      }
      var piece = ""
      for character in string {
        if character == LineGrammar.inlineNoteMark {
          if !piece.isEmpty { segments.append(.text(piece)) }
          piece = ""
          if next < notes.count { segments.append(.noteRef(marker: notes[next].marker)) }
          next += 1
        } else {
          piece.append(character)
        }
      }
      if !piece.isEmpty { segments.append(.text(piece)) }
    }
    text.segments = segments
  }
}

/// A General Assembly decision (`decision`): "At its Nth plenary meeting, on …", parts A, B ….
struct DecisionForm: FormReader {
  let name = "decision"
  let summary = "a General Assembly decision: \"At its 62nd plenary meeting, on …\", parts A, B …"

  func confidence(_ input: ReaderInput) -> Confidence {
    guard case .success(let text) = input.text else { return .none }
    return DecisionReader.matches(text) ? Confidence(70) : .none
  }

  func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    var reader = DecisionReader(text: try input.requireText())
    let paragraphs = reader.read()
    var reading = try FormPass(
      paragraphs: paragraphs, resolution: reader.resolution, report: reader.report, prefaceRead: true,
      footnotesAfterClosing: false
    ).readStructure(form: name)
    reader.placeInlineNotes(in: &reading)
    return reading
  }
}
