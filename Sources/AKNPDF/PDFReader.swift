public import AKNModel
public import AKNReading

/// Reads a PDF resolution from its layout: the masthead's facts, the body's paragraphs (page
/// furniture left out by position and font), the footnotes below each page's rule with the
/// markers printed raised in the text; then the structure reading every text form shares.
struct PDFReader {
  let lines: PDFLines
  var resolution = Resolution()
  var report = ReadingReport()

  init(lines: PDFLines) {
    self.lines = lines
  }

  /// The logical paragraphs of the body, the footnotes read into `resolution`.
  mutating func read() -> [LogicalParagraph] {
    let all = lines.lines
    let start =
      all.prefix(120).firstIndex {
        guard case .body = $0.kind else { return false }
        return $0.text.hasPrefix("Resolution adopted by") || $0.text.hasPrefix("Decision adopted by")
      } ?? 0
    var assembler = ParagraphAssembler()
    var previousPage = 1
    for (index, line) in all.enumerated() {
      let number = index + 1
      if line.page != previousPage {
        previousPage = line.page
        assembler.interrupt()
      }
      switch line.kind {
      case .furniture(var reason):
        // The masthead's furniture still gives facts (the job number at the foot of page 1).
        if index < start, let masthead = LineShapes.masthead(line.text, into: &resolution.metadata) {
          reason = masthead
        } else if line.page == 1, reason == LeftOutReason.jobNumber, resolution.metadata.jobNumber == nil {
          resolution.metadata.jobNumber = LineGrammar.jobNumber(inLine: line.text)
        }
        report.furniture.append(RemovedLine(line: number, text: line.text, reason: reason))
        assembler.interrupt()
      case .rule:
        report.furniture.append(RemovedLine(line: number, text: line.text, reason: .footnoteRule))
        assembler.interrupt()
      case .note(let marker):
        readNote(line.text, marker: marker, line: number)
      case .blank:
        assembler.blank()
      case .body:
        if line.text.isEmpty { continue }
        if index < start {
          if let reason = LineShapes.masthead(line.text, into: &resolution.metadata) {
            report.furniture.append(RemovedLine(line: number, text: line.text, reason: reason))
          } else {
            assembler.text(line.text, line: number)
          }
          continue
        }
        if index == start { assembler.close() }
        if line.startsPage { assembler.interrupt() }
        assembler.line(line.text, number: number, printedAsHeading: line.printedAsHeading)
      }
    }
    return assembler.finish()
  }

  /// A line below a page's footnote rule: a note that begins with its raised number, or the
  /// rest of the note before (on this page or the last).
  private mutating func readNote(_ text: String, marker: String?, line: Int) {
    report.noteLines.append(line)
    if let marker {
      let body = text.hasPrefix(marker) ? String(text.dropFirst(marker.count)).collapsingSpaces : text
      resolution.footnotes.append(Footnote(marker: marker, text: TextBlock(body, line: line)))
      return
    }
    guard !text.isEmpty else { return }
    if let last = resolution.footnotes.indices.last {
      let joined = resolution.footnotes[last].text.plainText
      resolution.footnotes[last].text = TextBlock(
        joined.isEmpty ? text : joined + " " + text, line: resolution.footnotes[last].text.line)
    } else if let (printed, rest) = LineGrammar.noteStart(text) {
      resolution.footnotes.append(Footnote(marker: printed, text: TextBlock(rest, line: line)))
    } else {
      report.warnings.append(
        Diagnostic(
          .warning, rule: .footnoteNoMarker,
          message: "a footnote text without a number; kept as footnote \"*\"", line: line))
      resolution.footnotes.append(Footnote(marker: "*", text: TextBlock(text, line: line)))
    }
  }
}

/// The `pdf` form: a PDF file itself (read through poppler's `pdftohtml`, run as a separate
/// program), or the text of a PDF (read as ``PDFTextForm`` reads it).
public struct PDFForm: FormReader {
  /// `pdf`: the name the PDF text form had, which this reader replaces.
  public let name = "pdf"
  /// What the form is, for help texts.
  public let summary =
    "a PDF resolution (the PDF itself, read with poppler's pdftohtml, or its text: masthead first, running page headers and footers, footnote blocks after a rule at the foot of each page)"
  /// The program that extracts the PDF's layout, with its limits.
  package var tool = PDFTool()
  /// Whether tables whose columns are text are read from the positions of their runs
  /// (``PDFTables``); off only in tests, to reach the structure tree's reading of tables
  /// (``PDFTreeTables``) on a real PDF.
  package var readsTableColumns = true
  private let textForm = PDFTextForm()

  /// The PDF form with the default tool and limits.
  public init() {}

  /// Whether `bytes` are a PDF: `%PDF-` within the first KiB (where readers look for it).
  public static func isPDF(_ bytes: [UInt8]) -> Bool {
    // "%PDF-" within the first 1,024 bytes, on the buffer (this runs on every input).
    bytes.withUnsafeBufferPointer { head in
      let count = min(head.count, 1024)
      guard count >= 5 else { return false }
      // Eight bytes at a time while none is "%" (a text has few): the zero-byte test on the
      // word xor "%%%%%%%%", which may flag a word without one, never misses one.
      let raw = UnsafeRawBufferPointer(head)
      let ones: UInt64 = 0x0101_0101_0101_0101
      var offset = 0
      while offset <= count - 5 {
        if offset + 8 <= count {
          let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ (ones &* 0x25)
          if (word &- ones) & ~word & (ones &* 0x80) == 0 {
            offset += 8
            continue
          }
        }
        if head[offset] == 0x25, head[offset + 1] == 0x50, head[offset + 2] == 0x44, head[offset + 3] == 0x46,
          head[offset + 4] == 0x2D
        {
          return true
        }
        offset += 1
      }
      return false
    }
  }

  /// A PDF file, by its signature.
  public func readsFileType(of bytes: [UInt8]) -> Bool { Self.isPDF(bytes) }

  /// Certain for a PDF; for text, the PDF text form's confidence.
  public func confidence(_ input: ReaderInput) -> Confidence {
    Self.isPDF(input.bytes) ? .certain : textForm.confidence(input)
  }

  /// Reads a PDF through pdftohtml, or a PDF's text as the PDF text form does.
  ///
  /// - Throws: ``ConversionError`` when the tool is missing or fails, the PDF is encrypted,
  ///   damaged, garbled or has no text layer, or the document is no resolution.
  public func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    guard Self.isPDF(input.bytes) else { return try textForm.read(input) }
    let extraction = try tool.extract(input.bytes)
    let layout: PDFLayout
    do {
      layout = try PDFLayout.parse(extraction.xml)
    } catch {
      throw Self.blamingDamage(error, messages: extraction.messages)
    }
    var reading = try Self.read(
      layout, form: name, messages: extraction.messages, readsTableColumns: readsTableColumns)
    // Where the layout leaves a table's columns undecided, and there only, the tree is asked.
    if PDFTreeTables.needsTree(reading), let tree = tool.structureTree(input.bytes) {
      PDFTreeTables.apply(tree, to: &reading)
    }
    return reading
  }

  /// The default limit of pdftohtml's address space: 1 GiB.
  public static let defaultMemoryLimitBytes = PDFTool.defaultMemoryLimitBytes

  /// The same form with pdftohtml's address space limited to `bytes` (0: no limit).
  public func limitingMemory(to bytes: Int) -> PDFForm {
    var form = self
    form.tool.memoryLimitBytes = max(0, bytes)
    return form
  }

  /// Reads the pdf2xml a `pdftohtml -xml` run wrote for a PDF, with what it wrote on its
  /// standard error (`toolErrors`: poppler's messages), as ``read(_:)`` does after running the
  /// tool; for tests and fuzzing of everything after the tool.
  ///
  /// - Throws: ``ConversionError`` when the output is not pdf2xml, is garbled, or is no
  ///   resolution.
  public static func readToolOutput(_ xml: [UInt8], toolErrors: [UInt8] = []) throws(ConversionError)
    -> Reading
  {
    let messages = PopplerMessage.parse(String(decoding: toolErrors, as: UTF8.self))
    let layout: PDFLayout
    do {
      layout = try PDFLayout.parse(xml)
    } catch {
      throw blamingDamage(error, messages: messages)
    }
    return try read(layout, messages: messages)
  }

  /// Reads a PDF's layout (pdf2xml already parsed) into the model; `messages` are what poppler
  /// said about the PDF (a damaged file: warnings, and the reason of any failure);
  /// `readsTableColumns` off leaves the tables whose columns are text line by line (tests).
  ///
  /// - Throws: ``ConversionError`` when the PDF has no text layer, its text is garbled, or it
  ///   is not a resolution.
  package static func read(
    _ layout: PDFLayout, form: String = "pdf", messages: [PopplerMessage] = [], readsTableColumns: Bool = true
  ) throws(ConversionError) -> Reading {
    guard !layout.pages.isEmpty else {
      throw blamingDamage(
        ConversionError(
          "the PDF has no pages; the file is damaged or cut short. Download it again",
          rule: .inputPDFDamaged), messages: messages)
    }
    guard PDFLines.hasText(layout) else {
      if messages.contains(where: \.isDamage) {
        throw blamingDamage(
          ConversionError(
            "no text could be read from its pages", rule: .inputPDFDamaged), messages: messages)
      }
      throw ConversionError(
        "the PDF has no text layer (scanned: its pages are images); run OCR first, e.g. ocrmypdf in.pdf out.pdf, then convert the result",
        rule: .inputPDFNoText)
    }
    let lines = PDFLines(layout)
    let extracted = lines.extracted
    let garbled = PDFTextCheck.garbledPages(lines.lines)
    let fonts = garbled.isEmpty ? PDFTextCheck.garbledFonts(layout) : []
    if let font = fonts.first {
      let pages =
        font.pages.count == 1
        ? "page \(font.pages[0])" : "pages " + font.pages.map(String.init).joined(separator: ", ")
      throw blamingDamage(
        ConversionError(
          "the text of the PDF's font \(font.family) (\(pages)) is not English words (\(font.why): \"\(font.sample)\"); the font maps its letters wrong or not at all, so its words would be published wrong. Get another copy of the PDF, or run OCR on it (e.g. ocrmypdf --force-ocr in.pdf out.pdf)",
          rule: .inputPDFGarbled,
          line: extracted.pageStarts.indices.contains(font.pages[0] - 1)
            ? extracted.pageStarts[font.pages[0] - 1] : nil),
        messages: messages)
    }
    guard garbled.isEmpty else {
      throw blamingDamage(
        ConversionError(
          diagnostics: garbled.map { page in
            Diagnostic(
              .error, rule: .inputPDFGarbled,
              message:
                "the text of page \(page.page) is not English words (\(page.why): \"\(page.sample)\"); a font of the PDF maps its letters wrong or not at all, so its words would be published wrong. Get another copy of the PDF, or run OCR on it (e.g. ocrmypdf --force-ocr in.pdf out.pdf)",
              line: extracted.pageStarts.indices.contains(page.page - 1)
                ? extracted.pageStarts[page.page - 1] : nil)
          }), messages: messages)
    }
    var reader = PDFReader(lines: lines)
    let paragraphs = reader.read()
    let markers = lines.lines.flatMap { line -> [PrintedMarker] in
      if case .body = line.kind { return line.markers }
      return []
    }
    var warnings = damageWarnings(messages)
    for page in layout.pages where !page.runs.contains(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
      warnings.append(
        Diagnostic(
          .warning, rule: .pdfEmptyPage,
          message:
            "page \(page.number) of \(layout.pages.count) has no text: an image only, or its content was lost (a damaged PDF); any words it shows are not in the output"
        ))
    }
    // The lines that end in a raised letter or `*`: a table's note markers as printed.
    var raised: [Int: FlattenedTable.RaisedLine] = [:]
    for (index, line) in lines.lines.enumerated() {
      guard case .body = line.kind, let marker = line.raisedEnd else { continue }
      raised[index + 1] = FlattenedTable.RaisedLine(marker: marker, text: line.text)
    }
    do {
      var pass = FormPass(
        paragraphs: paragraphs, resolution: reader.resolution, report: reader.report,
        footnotesAfterClosing: false, printedMarkers: markers)
      pass.raisedLines = raised
      var reading = try pass.readStructure(form: form)
      if readsTableColumns { PDFTables.applySpans(to: &reading, lines: lines.lines) }
      PDFItalics.apply(to: &reading.resolution, lines: lines.lines)
      if readsTableColumns { PDFTables.apply(to: &reading, lines: lines.lines) }
      reading.extracted = extracted
      reading.report.warnings = warnings + reading.report.warnings.map(extracted.placing)
      return reading
    } catch {
      throw blamingDamage(
        ConversionError(diagnostics: error.diagnostics.map(extracted.placing)), messages: messages)
    }
  }

  /// The most distinct messages of poppler said one by one; the others are counted.
  static let maximumMessages = 8

  /// pdftohtml's messages as warnings: `pdf.damaged` for its errors (the file is damaged and
  /// words may be missing), `pdf.tool-warning` for the rest; each distinct one once, counted.
  static func damageWarnings(_ messages: [PopplerMessage]) -> [Diagnostic] {
    var warnings = messages.prefix(maximumMessages).map { message in
      let times = message.count > 1 ? " (\(message.count) times)" : ""
      return message.isDamage
        ? Diagnostic(
          .warning, rule: .pdfDamaged,
          message:
            "the PDF is damaged (pdftohtml: \(message.category): \(message.reason)\(times)); words may be missing or wrong: compare the output with the PDF, or download it again"
        )
        : Diagnostic(
          .warning, rule: .pdfToolWarning,
          message: "pdftohtml: \(message.category): \(message.reason)\(times)")
    }
    if messages.count > maximumMessages {
      let rest = messages.dropFirst(maximumMessages)
      warnings.append(
        Diagnostic(
          .warning, rule: rest.contains(where: \.isDamage) ? RuleID.pdfDamaged : RuleID.pdfToolWarning,
          message:
            "pdftohtml said \(rest.count) more things about the PDF (\(rest.map(\.count).reduce(0, +)) messages), e.g. \(rest.first!.category): \(rest.first!.reason)"
        ))
    }
    return warnings
  }

  /// `error` led by what poppler said when it found the PDF damaged: a damaged PDF says so,
  /// with poppler's reason, rather than what was missing from its text. Unchanged otherwise.
  package static func blamingDamage(_ error: ConversionError, messages: [PopplerMessage])
    -> ConversionError
  {
    let damage = messages.filter(\.isDamage)
    guard let first = damage.first else { return error }
    let more = damage.count > 1 ? " and \(damage.count - 1) more problem\(damage.count == 2 ? "" : "s")" : ""
    let found = error.diagnostics.first.map { $0.message } ?? "its text could not be read"
    var diagnostics = error.diagnostics
    let lead = Diagnostic(
      .error, rule: .inputPDFDamaged,
      message:
        "the PDF is damaged (pdftohtml: \(first.category): \(first.reason)\(more)) and its text came out incomplete or wrong (\(found)); download it again"
    )
    if diagnostics.first?.rule == RuleID.inputPDFDamaged { diagnostics.removeFirst() }
    return ConversionError(diagnostics: [lead] + diagnostics)
  }
}
