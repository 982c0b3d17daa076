import AKNModel
import Foundation

/// A resolution as a PDF-to-Markdown pipeline writes it (`markdown`): front matter, then the
/// reflowed Markdown text or the raw PDF text.
struct MarkdownForm: FormReader {
  let name = "markdown"
  let summary =
    "a PDF-to-Markdown extraction: YAML front matter (symbol, title, date, source), then the reflowed text with [^1] footnotes and --- rules, or the raw text of the PDF"

  func confidence(_ input: ReaderInput) -> Confidence {
    guard case .success(let text) = input.text else { return .none }
    if FrontMatter.opens(text) {
      // "---" then "key: value": a front matter, whatever follows.
      let second = text.lines.dropFirst().first { !$0.text.trimmed.isEmpty }?.text ?? ""
      let key = second.prefix { $0 != ":" }
      if !key.isEmpty, key.count < second.count,
        key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
      {
        return Confidence(95)
      }
      return .none
    }
    // No front matter: Markdown footnote definitions after a resolution's masthead.
    guard LineGrammar.opensWithMastheadAndAdoption(text),
      // (A definition opens with "[^": a line whose first byte is no "[" is refused on it.)
      text.lines.contains(where: { $0.text.utf8.first == 0x5B && MarkdownReader.definition($0.text) != nil })
    else { return .none }
    return Confidence(95)
  }

  func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    let text = try input.requireText()
    let frontMatter = try FrontMatter.read(text)
    var report = ReadingReport()
    var bodyLines = text.lines[...]
    if let frontMatter {
      for line in text.lines[..<frontMatter.bodyStart] {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .frontMatter))
      }
      bodyLines = text.lines[frontMatter.bodyStart...]
    }
    guard bodyLines.contains(where: { !$0.text.trimmed.isEmpty }) else {
      throw ConversionError(
        "there is no text after the front matter; expected the text of the resolution",
        rule: .inputEmpty, line: frontMatter?.lines.upperBound ?? 1)
    }
    var reading: Reading
    var explicitMarkers: [(marker: String, line: Int)] = []
    let isReflowed = MarkdownReader.isReflowed(bodyLines)
    if isReflowed {
      var reader = MarkdownReader(lines: bodyLines)
      let paragraphs = reader.read()
      reader.report.furniture.insert(contentsOf: report.furniture, at: 0)
      explicitMarkers = reader.explicitMarkers
      reading = try FormPass(
        paragraphs: paragraphs, resolution: reader.resolution, report: reader.report,
        footnotesAfterClosing: false
      ).readStructure(form: name)
    } else {
      // The raw text of the PDF: read as the `pdf` form reads it.
      var reader = PDFTextReader(text: SourceText(lines: Array(bodyLines)))
      let paragraphs = reader.read()
      reader.report.furniture.insert(contentsOf: report.furniture, at: 0)
      reading = try FormPass(
        paragraphs: paragraphs, resolution: reader.resolution, report: reader.report,
        footnotesAfterClosing: false
      ).readStructure(form: name)
    }
    Self.checkMarkers(explicitMarkers, in: &reading)
    Self.adoptionFromClosing(&reading)
    if isReflowed {
      // Operative paragraphs whose numbers the extraction dropped land in the preamble: say so.
      for block in reading.resolution.preamble where block.num == nil {
        let text = block.text.plainText.trimmed
        guard MarkdownReader.opensWithOperativeVerb(text), Phrases.preambular(text) == nil else { continue }
        reading.report.warnings.append(
          Diagnostic(
            .warning, rule: .markdownUnnumbered,
            message:
              "a paragraph that opens with an operative verb, without a number, was read as preambular: the extraction dropped the operative numbers here and they cannot be restored with certainty",
            line: block.text.line))
      }
    }
    if reading.resolution.metadata.adoptionDate == nil,
      let adoption = reading.resolution.preface.first(where: {
        $0.text.plainText.hasPrefix("Resolution adopted by")
          || $0.text.plainText.hasPrefix("Decision adopted by")
      })
    {
      let distributed =
        frontMatter?.value("date").map {
          " (the front matter's date, \($0), is the distribution date, not the adoption date)"
        } ?? ""
      throw ConversionError(
        "the adoption line \"\(adoption.text.plainText)\" has no date, and the closing lines give none either: the extraction lost the adoption date\(distributed); convert the PDF text of this document instead",
        rule: .textMetadata, line: adoption.text.line)
    }
    if let frontMatter { Self.reconcile(frontMatter, with: &reading) }
    return reading
  }

  /// Explicit markers (`[^4]`) that did not become a footnote reference stay text (the
  /// pipeline's `U[^4]` for `U4`): a warning for each.
  static func checkMarkers(_ markers: [(marker: String, line: Int)], in reading: inout Reading) {
    guard !markers.isEmpty else { return }
    var linked = reading.resolution.noteRefCounts
    for (marker, line) in markers {
      if let count = linked[marker], count > 0 {
        linked[marker] = count - 1
        continue
      }
      let known = reading.resolution.footnotes.contains { $0.marker == marker }
      reading.report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownMarker,
          message: known
            ? "the Markdown marker [^\(marker)] is not where footnote \(marker) is cited (it follows a capital or a number, or the note is cited elsewhere); its digits were kept as text"
            : "the Markdown marker [^\(marker)] has no footnote definition; its digits were kept as text",
          line: line))
    }
  }

  /// A text whose adoption line lost its date (`Resolution adopted by the General Assembly on`):
  /// the date of the plenary meeting in the closing lines is the adoption date, with a warning.
  static func adoptionFromClosing(_ reading: inout Reading) {
    guard reading.resolution.metadata.adoptionDate == nil else { return }
    for line in reading.resolution.conclusions {
      guard case .date(let date) = line.role else { continue }
      reading.resolution.metadata.adoptionDate = date
      let adoptionLine =
        reading.resolution.preface.first {
          $0.text.plainText.hasPrefix("Resolution adopted by")
            || $0.text.plainText.hasPrefix("Decision adopted by")
        }?.text.line
      reading.report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownAdoptionDate,
          message:
            "the adoption line has no date; the date of the meeting in the closing lines (\(date)) was taken as the adoption date",
          line: adoptionLine ?? line.text.line))
      return
    }
  }
}

extension Resolution {
  /// How many footnote references each marker has in the text (every text block the model's one
  /// walk visits).
  var noteRefCounts: [String: Int] {
    var counts: [String: Int] = [:]
    forEachTextBlock { text in
      for case .noteRef(let marker) in text.segments { counts[marker, default: 0] += 1 }
    }
    return counts
  }
}
