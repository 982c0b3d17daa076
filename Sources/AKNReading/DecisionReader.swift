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
    for line in LineShapes.leadingLines(of: text, count: 6) {
      if StructureReader.isFormula(line) { return false }
      if narrative(line) != nil { return true }
    }
    return false
  }

  /// "At its 62nd plenary meeting, on 4 December 2017, …" → (62, the date match).
  static func narrative(_ text: String) -> (meeting: Int, date: Dates.Match?)? {
    guard text.hasPrefix("At its ") else { return nil }
    let rest = text.dropFirst("At its ".count)
    let digits = rest.prefix(while: \.isASCIIDigit)
    guard !digits.isEmpty, let meeting = Int(digits) else { return nil }
    let after = rest[digits.endIndex...].dropFirst(2)
    guard after.hasPrefix(" plenary meeting") || after.hasPrefix(" meeting") || after.hasPrefix(" (resumed)")
    else { return nil }
    let head = String(text.prefix(120))
    return (meeting, Dates.find(in: head))
  }

  mutating func read() -> [LogicalParagraph] {
    var paragraphs: [LogicalParagraph] = []
    var inNote = false
    var metadata = resolution.metadata
    for line in text.lines {
      let trimmed = line.text.trimmed
      if trimmed.isEmpty {
        inNote = false
        continue
      }
      if inNote || (trimmed.hasPrefix("* ") && !paragraphs.isEmpty) {
        readNoteLine(trimmed, line: line.number, continuing: inNote)
        inNote = true
        continue
      }
      if let (meeting, date) = Self.narrative(trimmed), metadata.adoptionDate == nil {
        metadata.meetingNumber = meeting
        if let date { metadata.adoptionDate = date.date }
        if let range = trimmed.range(of: "on the recommendation of the ") {
          let name = trimmed[range.upperBound...].prefix { $0 != "," && $0 != "(" }.trimmed
          let ordinals = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
          if let ordinal = ordinals.firstIndex(where: { name == "\($0) Committee" }) {
            metadata.committee = Committee(name: name, ordinal: ordinal + 1)
          }
        }
      }
      paragraphs.append(LogicalParagraph(line: line.number, text: line.text))
    }
    // A title line before the first part or narrative.
    if let first = paragraphs.first, Self.narrative(first.text.trimmed) == nil,
      LineShapes.sectionNumber(first.text) == nil, paragraphs.count > 1
    {
      let title = first.text.collapsingSpaces
      metadata.title = title
      resolution.preface.append(PrefaceLine(role: .other, text: TextBlock(title, line: first.line)))
      paragraphs.removeFirst()
    }
    resolution.metadata = metadata
    return paragraphs
  }

  /// A note "* The voting was as follows:" and the lines after it.
  private mutating func readNoteLine(_ text: String, line: Int, continuing: Bool) {
    report.noteLines.append(line)
    if !continuing, let (marker, rest) = PDFTextReader.noteStart(text) {
      resolution.footnotes.append(Footnote(marker: marker, text: TextBlock(rest, line: line)))
    } else if let last = resolution.footnotes.indices.last {
      let joined = Hyphenation.compounds.join(
        resolution.footnotes[last].text.plainText, text.collapsingSpaces, line: line, nextLine: line,
        into: &report.hyphenJoins)
      resolution.footnotes[last].text = TextBlock(joined, line: resolution.footnotes[last].text.line)
    }
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
    return try FormPass(
      paragraphs: paragraphs, resolution: reader.resolution, report: reader.report, prefaceRead: true,
      footnotesAfterClosing: false
    ).readStructure(form: name)
  }
}
