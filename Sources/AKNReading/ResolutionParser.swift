public import AKNModel
import Foundation

/// Reads the plain text of a UN resolution into a ``Resolution``.
///
/// The parser works in two stages. A *form reader* knows one way resolutions reach us as text (the
/// Official Document System export, PDF text, the printed volumes); it takes out what is not the
/// resolution's text (trailers, mastheads, page furniture), records the facts they carry, and
/// yields the remaining lines as logical paragraphs. The *structure reader* then finds, in any
/// form, the preface, the formula, the preambular and operative paragraphs with their lists, the
/// closing lines and the footnotes, and attaches each footnote at its markers.
public struct ResolutionParser: Sendable {
  /// A way resolution text reaches us.
  public enum Form: String, CaseIterable, Sendable {
    /// The UN Official Document System plain-text export: one paragraph per line, tab-indented,
    /// with the ODS trailer and the masthead at the end.
    case ods
    /// The text of a PDF resolution: masthead first, running page headers and footers, footnote
    /// blocks after a rule at the foot of each page.
    case pdf
    /// A Security Council resolution as printed in the Council's volumes: era-specific heading,
    /// adoption trailer with the vote, the volume's footnotes at the end.
    case sc
    /// A General Assembly decision: "At its Nth plenary meeting, on …", parts A, B ….
    case decision
  }

  /// The form to read, or nil to detect it.
  public var form: Form?

  /// Creates a parser.
  public init(form: Form? = nil) {
    self.form = form
  }

  /// Detects the form of `text`, or nil when it looks like no resolution form we know.
  public static func detectForm(_ text: SourceText) -> Form? {
    for line in text.lines where ScanText.hasBytes(line.text, "<<ODS ") && line.text.contains("<<ODS ") {
      return .ods
    }
    if PDFTextReader.matches(text) { return .pdf }
    if SCVolumeReader.matches(text) { return .sc }
    if DecisionReader.matches(text) { return .decision }
    if isODSBody(text) { return .ods }
    return nil
  }

  /// The ODS export's body without its trailer (the form of the peers' benchmark corpus, or an
  /// export cut before its trailer): an adoption line, and the formula on a tab-indented line.
  static func isODSBody(_ text: SourceText) -> Bool {
    var adoption = false
    for line in text.lines.prefix(40) {
      if line.text.hasPrefix("Resolution adopted by the ") { adoption = true }
      if adoption, line.text.hasPrefix("\t"), StructureReader.isFormula(line.text) { return true }
    }
    return false
  }

  /// Parses `text`.
  ///
  /// - Throws: ``ConversionError`` naming the line and what was expected, when the text is not a
  ///   resolution in a form this parser reads.
  public func parse(_ text: SourceText) throws(ConversionError) -> Resolution {
    guard let form = form ?? Self.detectForm(text) else {
      let first = text.lines.first { !$0.text.trimmed.isEmpty }
      throw ConversionError(
        "this does not look like the text of a UN resolution in a form akn reads: no ODS export trailer (<<ODS JOB NO>> …), no PDF masthead with \"Resolution adopted by …\", no Security Council heading (\"Resolution 242 (1967)\") and no decision narrative (\"At its 62nd plenary meeting, on …\") was found; the file may be truncated, or not a resolution. Use --form to name the form",
        rule: "input.form", line: first?.number ?? 1, column: 1)
    }
    var structure: StructureReader
    switch form {
    case .ods:
      var reader = ODSReader(text: text)
      let paragraphs = reader.read()
      structure = StructureReader(paragraphs: paragraphs, resolution: reader.resolution)
    case .pdf:
      var reader = PDFTextReader(text: text)
      let paragraphs = reader.read()
      structure = StructureReader(
        paragraphs: paragraphs, resolution: reader.resolution, footnotesAfterClosing: false)
    case .sc:
      var reader = SCVolumeReader(text: text)
      let paragraphs = reader.read()
      structure = StructureReader(
        paragraphs: paragraphs, resolution: reader.resolution, prefaceRead: true, footnotesAfterClosing: false
      )
    case .decision:
      var reader = DecisionReader(text: text)
      let paragraphs = reader.read()
      structure = StructureReader(
        paragraphs: paragraphs, resolution: reader.resolution, prefaceRead: true, footnotesAfterClosing: false
      )
    }
    try structure.read()
    var resolution = structure.resolution
    if form == .ods, resolution.conclusions.isEmpty,
      !text.lines.contains(where: { $0.text.contains("<<ODS ") })
    {
      // Without its trailer, the end of an export is its closing lines; if they are missing, the
      // file was cut.
      throw ConversionError(
        "the text ends without the closing lines (\"48th plenary meeting\" and the date) and has no ODS export trailer: the file seems truncated",
        rule: "text.truncated", line: text.lines.last?.number ?? 1)
    }
    FootnoteLinker.link(&resolution)
    return resolution
  }
}

/// A logical paragraph of the resolution's text: one or more input lines joined.
struct LogicalParagraph: Sendable, Hashable {
  /// The line it starts on.
  var line: Int
  /// The text, with tabs kept (they separate a number from its text).
  var text: String
}

// MARK: - ODS export form

/// Reads the ODS export: the document text first, then a trailer of `<<ODS …>>` fields, rules,
/// page numbers and the masthead.
struct ODSReader {
  let text: SourceText
  var resolution = Resolution()

  init(text: SourceText) {
    self.text = text
  }

  mutating func read() -> [LogicalParagraph] {
    let lines = text.lines
    let trailerStart =
      lines.firstIndex { ScanText.hasBytes($0.text, "<<ODS ") && $0.text.contains("<<ODS ") }
      ?? lines.endIndex
    readTrailer(lines[trailerStart...])

    var paragraphs: [LogicalParagraph] = []
    for line in lines[..<trailerStart] {
      var content = line.text
      // "[DU1]" marks an ODS comment anchor: not text.
      if ScanText.hasBytes(content, "[DU"), let range = content.range(of: "[DU"),
        content[range.upperBound...].prefix(while: \.isNumber)
          .count > 0
      {
        let digits = content[range.upperBound...].prefix(while: \.isNumber)
        let end = digits.endIndex
        if end < content.endIndex, content[end] == "]" {
          let anchor = content[range.lowerBound...end]
          resolution.furniture.append(
            RemovedLine(line: line.number, text: String(anchor), reason: "ods-comment-anchor"))
          content.removeSubrange(range.lowerBound...end)
        }
      }
      guard !content.trimmed.isEmpty else { continue }
      paragraphs.append(LogicalParagraph(line: line.number, text: content))
    }
    return paragraphs
  }

  /// Reads the `<<ODS …>>` fields and the masthead at the end of the export.
  private mutating func readTrailer(_ lines: ArraySlice<SourceText.Line>) {
    var metadata = resolution.metadata
    for line in lines {
      let text = line.text
      var reason = "ods-trailer"
      if let value = Self.field("ODS JOB NO", in: text), !value.isEmpty {
        metadata.odsJobNumber = value
      } else if let value = Self.field("ODS DOC SYMBOL1", in: text), !value.isEmpty {
        metadata.symbol = value
      } else if (ScanText.hasBytes(text, "Distr.:") && text.contains("Distr.:"))
        || text.hasPrefix("United Nations")
      {
        reason = "masthead"
        if text.contains("Security Council") && !text.contains("General Assembly") {
          metadata.organ = .securityCouncil
        }
      } else if let first = text.utf8.first, first >= 0x30, first <= 0x39,  // a date starts with its day
        let date = Dates.find(in: text), date.range.lowerBound == text.startIndex
      {
        reason = "masthead"
        if metadata.distributionDate == nil { metadata.distributionDate = date.date }
        if let session = Self.session(in: String(text[date.range.upperBound...])) {
          metadata.session = session
        }
      } else if text.hasPrefix("Agenda item") {
        reason = "masthead"
        let items = text.dropFirst("Agenda item".count).drop { $0 == "s" }.trimmed
        metadata.agendaItems = items.components(separatedBy: " and ").flatMap {
          $0.components(separatedBy: ", ")
        }.map(\.trimmed).filter { !$0.isEmpty }
      } else if let session = Self.session(in: text) {
        reason = "masthead"
        metadata.session = session
      } else if Self.isJobNumber(text.trimmed) {
        reason = "job-number"
        metadata.jobNumber = text.trimmed
      } else if text.trimmed.hasPrefix("*") {
        reason = "barcode"
      } else if text.trimmed.isEmpty {
        continue
      }
      resolution.furniture.append(RemovedLine(line: line.number, text: text, reason: reason))
    }
    resolution.metadata = metadata
  }

  /// The value of `<<NAME>>value<<NAME>>` in `text`.
  static func field(_ name: String, in text: String) -> String? {
    let tag = "<<\(name)>>"
    guard ScanText.hasBytes(text, tag), let open = text.range(of: tag),
      let close = text.range(of: tag, range: open.upperBound..<text.endIndex)
    else { return nil }
    return String(text[open.upperBound..<close.lowerBound]).trimmed
  }

  /// "Sixty-seventh session" → 67.
  static func session(in text: String) -> Int? {
    guard ScanText.hasBytes(text, "session"),
      let range = text.range(of: " session") ?? text.range(of: "session")
    else { return nil }
    let before = text[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
    return Dates.ordinal(before)
  }

  /// `12-48022`: two digits, a hyphen, five digits.
  static func isJobNumber(_ text: String) -> Bool {
    LineShapes.isJobNumber(text)
  }
}
