import AKNModel
import Foundation

/// Reads the ODS export: the document text first, then a trailer of `<<ODS …>>` fields, rules,
/// page numbers and the masthead.
struct ODSReader {
  let text: SourceText
  var resolution = Resolution()
  var report = ReadingReport()

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
          report.furniture.append(
            RemovedLine(line: line.number, text: String(anchor), reason: .odsCommentAnchor))
          content.removeSubrange(range.lowerBound...end)
        }
      }
      // Blank (spaces and tabs only, which is what trims to nothing), told on the bytes.
      guard !content.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
      paragraphs.append(LogicalParagraph(line: line.number, text: content))
    }
    return paragraphs
  }

  /// Reads the `<<ODS …>>` fields and the masthead at the end of the export.
  private mutating func readTrailer(_ lines: ArraySlice<SourceText.Line>) {
    var metadata = resolution.metadata
    for line in lines {
      let text = line.text
      var reason = LeftOutReason.odsTrailer
      if let value = Self.field("ODS JOB NO", in: text), !value.isEmpty {
        metadata.odsJobNumber = value
      } else if let value = Self.field("ODS DOC SYMBOL1", in: text), !value.isEmpty {
        metadata.symbol = value
      } else if (ScanText.hasBytes(text, "Distr.:") && text.contains("Distr.:"))
        || text.hasPrefix("United Nations")
      {
        reason = LeftOutReason.masthead
        if !text.contains(UNBody.generalAssembly.name),
          let body = UNBody.adopting.first(where: { $0 != .generalAssembly && text.contains($0.name) })
        {
          metadata.organ = body
        }
      } else if let first = text.utf8.first, first >= 0x30, first <= 0x39,  // a date starts with its day
        let date = Dates.find(in: text), date.range.lowerBound == text.startIndex
      {
        reason = LeftOutReason.masthead
        if metadata.distributionDate == nil { metadata.distributionDate = date.date }
        if let session = LineGrammar.session(in: String(text[date.range.upperBound...])) {
          metadata.session = session
        }
      } else if text.hasPrefix("Agenda item") {
        reason = LeftOutReason.masthead
        let items = text.dropFirst("Agenda item".count).drop { $0 == "s" }.trimmed
        metadata.agendaItems = items.components(separatedBy: " and ").flatMap {
          $0.components(separatedBy: ", ")
        }.map(\.trimmed).filter { !$0.isEmpty }
      } else if let session = LineGrammar.session(in: text) {
        reason = LeftOutReason.masthead
        metadata.session = session
      } else if LineGrammar.isJobNumber(text.trimmed) {
        reason = LeftOutReason.jobNumber
        metadata.jobNumber = text.trimmed
      } else if text.trimmed.hasPrefix("*") {
        reason = LeftOutReason.barcode
      } else if text.trimmed.isEmpty {
        continue
      }
      report.furniture.append(RemovedLine(line: line.number, text: text, reason: reason))
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
}

/// The ODS export form (`ods`): certain with its `<<ODS …>>` trailer; a weak guess for an
/// export's body without the trailer (an adoption line, the formula on a tab-indented line).
struct ODSForm: FormReader {
  let name = "ods"
  let summary =
    "the UN Official Document System plain-text export: one paragraph a line, tab-indented, the ODS trailer and the masthead at the end"

  func confidence(_ input: ReaderInput) -> Confidence {
    guard case .success(let text) = input.text else { return .none }
    for line in text.lines where ScanText.hasBytes(line.text, "<<ODS ") && line.text.contains("<<ODS ") {
      return .certain
    }
    return Self.isODSBody(text) ? Confidence(50) : .none
  }

  /// The ODS export's body without its trailer (the form of the peers' benchmark corpus, or an
  /// export cut before its trailer): an adoption line, and the formula on a tab-indented line.
  static func isODSBody(_ text: SourceText) -> Bool {
    var adoption = false
    for line in text.lines.prefix(40) {
      if line.text.hasPrefix("Resolution adopted by the ") { adoption = true }
      if adoption, line.text.hasPrefix("\t"), LineGrammar.isFormula(line.text) { return true }
    }
    return false
  }

  func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    let text = try input.requireText()
    var reader = ODSReader(text: text)
    let paragraphs = reader.read()
    let reading = try FormPass(paragraphs: paragraphs, resolution: reader.resolution, report: reader.report)
      .readStructure(form: name)
    if reading.resolution.conclusions.isEmpty, !text.lines.contains(where: { $0.text.contains("<<ODS ") }) {
      // Without its trailer, the end of an export is its closing lines; if they are missing, the
      // file was cut.
      throw ConversionError(
        "the text ends without the closing lines (\"48th plenary meeting\" and the date) and has no ODS export trailer: the file seems truncated",
        rule: .textTruncated, line: text.lines.last?.number ?? 1)
    }
    return reading
  }
}
