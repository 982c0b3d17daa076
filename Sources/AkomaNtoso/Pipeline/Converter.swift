import AKNXML
import Foundation

/// Options for ``Converter/convert(_:options:)``.
public struct ConversionOptions: Sendable {
  /// The name of the input's form (one of the converter's ``Converter/forms``), or nil to
  /// detect it.
  public var form: String?
  /// The manifestation (mark-up) date written into the document.
  public var markupDate: SimpleDate
  /// Whether warnings (repairs, guesses) fail the conversion.
  public var strict: Bool
  /// Inputs larger than this are refused before any work (default 64 MiB).
  public var maximumInputBytes = DocumentLimits.maximumBytes
  /// The most memory (address space) poppler's `pdftohtml` may use reading a PDF, in bytes
  /// (default 1 GiB; 0 for no limit). A PDF built to exhaust memory is stopped there.
  public var pdfMemoryLimitBytes = PDFForm.defaultMemoryLimitBytes
  /// Facts about the input that its text may not print (a GA decision's number and title), and
  /// where they came from. What the text prints wins; a hint that contradicts it is a warning,
  /// and a fact taken from a hint is said in a note.
  public var hints: DocumentHints?
  /// Whether to record where each text block and segment of the model was printed in the input
  /// (`SourceSpans`): for outputs that show the model beside its source (JSON). Costs one more
  /// pass over the input's words; the AKN output does not need it.
  public var sourceSpans = false

  /// Creates options.
  public init(form: String? = nil, markupDate: SimpleDate, strict: Bool = false) {
    self.form = form
    self.markupDate = markupDate
    self.strict = strict
  }
}

/// A converted document, validated against the schema.
public struct ConversionResult: Sendable {
  /// The AKN XML, UTF-8, ready to write.
  public var xml: [UInt8]
  /// The document model it was built from.
  public var resolution: Resolution { reading.resolution }
  /// The reading: the model, the report of what reading left aside, and the form.
  public var reading: Reading
  /// What was repaired or guessed.
  public var warnings: [Diagnostic] { reading.report.warnings }
  /// Where facts the text does not print came from (severity note).
  public var notes: [Diagnostic] { reading.report.notes }
  /// Lines left out of the text as page furniture or export trailer.
  public var furniture: [RemovedLine] { reading.report.furniture }
  /// Words hyphenated at a line end and joined with the next line.
  public var hyphenJoins: [HyphenJoin] { reading.report.hyphenJoins }
}

/// Plain text → document model → AKN tree → schema validation → XML bytes.
///
/// A `Converter` is `Sendable`: one instance, holding the compiled schema, serves every thread.
public struct Converter: Sendable {
  /// The schema every output is checked against.
  public let schema: AKNSchema
  /// The input forms it reads.
  public let forms: FormRegistry

  /// A converter reading the `forms` and validating against `schema`.
  public init(schema: AKNSchema, forms: FormRegistry = Converter.standardForms) {
    self.schema = schema
    self.forms = forms
  }

  /// Every form this library reads: the text forms, and PDFs themselves (the `pdf` form reads
  /// a PDF file, or the text of one as before).
  public static let standardForms: FormRegistry = {
    var registry = FormRegistry.standard
    registry.register(PDFForm())
    return registry
  }()

  /// Converts the bytes of a plain-text resolution into schema-valid AKN XML.
  ///
  /// - Throws: `ConversionError` when the input is not a resolution text this tool reads, when
  ///   (with `strict`) it needed repairs, or when the result fails the schema. Nothing is returned
  ///   in that case, so nothing invalid can be written.
  public func convert(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError)
    -> ConversionResult
  {
    guard bytes.count <= options.maximumInputBytes else {
      throw ConversionError(
        "the input is \(bytes.count) bytes, over the limit of \(options.maximumInputBytes) bytes; resolution texts are far smaller",
        rule: .inputSize)
    }
    // A file of another type (an office document, an archive, XML, HTML) is named as such,
    // unless a form reads files of its type (a PDF).
    if let error = forms.wrongFileType(bytes) { throw error }
    let ownType = forms.readsFileType(of: bytes)
    let input = ReaderInput(bytes: bytes)
    // A PDF's words are its text's, not its bytes' (checked when reading, once extracted).
    if !ownType, case .success(let text) = input.text {
      // Both checks of the words in one reading of the lines (the language's error first).
      let (notEnglish, garbled) = InputType.notEnglishAndGarbledBlocks(text)
      if let error = notEnglish { throw error }
      // Words that are not English at all (a wrong encoding, a shifted alphabet, symbols), page
      // by page or block by block: they would be published wrong. A PDF's reader judges its
      // own pages and fonts.
      if !garbled.isEmpty {
        throw ConversionError(
          diagnostics: garbled.map {
            Diagnostic(
              .error, rule: .inputGarbled,
              message:
                "the text from here on is not English words (\($0.why)); it may be in another encoding than UTF-8 or damaged. Convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) or get another copy",
              line: $0.line)
          })
      }
    }
    var forms = self.forms
    if let pdf = forms.reader(named: "pdf") as? PDFForm {
      forms.register(pdf.limitingMemory(to: options.pdfMemoryLimitBytes))
    }
    do {
      return try convert(input, forms: forms, options: options)
    } catch {
      // A form asked for that does not fit: say which form the input looks like (an empty
      // input looks like none).
      guard let form = options.form, error.diagnostics.first?.rule != .inputEmpty,
        let note = FormRegistry.detectedInstead(of: form, forms.detect(input))
      else { throw error }
      var error = error
      error.diagnostics.append(note)
      throw error
    }
  }

  /// Reads `input` with `forms` and builds, validates and checks its XML.
  private func convert(_ input: ReaderInput, forms: FormRegistry, options: ConversionOptions)
    throws(ConversionError) -> ConversionResult
  {
    var reading = try forms.read(input, form: options.form, hints: options.hints)
    if options.sourceSpans { SourceSpans.attach(to: &reading, input: input) }
    // A PDF's words are checked against the text its reader extracted.
    let text =
      if let extracted = reading.extracted {
        SourceText(
          lines: extracted.lines.enumerated().map { SourceText.Line(number: $0.offset + 1, text: $0.element) }
        )
      } else {
        try input.requireText()
      }
    let place = { (diagnostic: Diagnostic) in reading.extracted?.placing(diagnostic) ?? diagnostic }
    if options.strict && !reading.report.warnings.isEmpty {
      throw ConversionError(
        diagnostics: reading.report.warnings.map {
          var error = $0
          error.severity = .error
          return error
        })
    }
    let document = try AKNRenderer(markupDate: options.markupDate).render(reading)
    let tree = document.tree
    let errors = schema.validate(tree).filter { $0.severity == .error }
    guard errors.isEmpty else {
      throw ConversionError(
        diagnostics: errors.map {
          var error = $0
          error.message = "the converted document is not schema-valid: " + error.message
          return error
        })
    }
    let lost = WordCheck.lostWords(
      input: text, furniture: reading.report.furniture,
      output: PlainTextRenderer().documentText(of: reading.resolution),
      footnoteOrder: reading.resolution.footnotes.map(\.marker), noteLines: reading.report.noteLines,
      inlineNotes: reading.report.inlineNotes,
      repairs: reading.report.repairs, moved: reading.report.movedLines,
      hyphenJoins: reading.report.hyphenJoins,
      tableNotes: reading.resolution.tables.flatMap(\.footnotes))
    guard lost.isEmpty else {
      throw ConversionError(
        diagnostics: lost.prefix(20).map {
          Diagnostic(
            .error, rule: .textLost,
            message:
              "the word \"\($0.word)\" is not in the converted document; the text was not understood here (please report this input)",
            line: $0.line)
        }.map(place))
    }
    return ConversionResult(xml: tree.serialized(), reading: reading)
  }
}
