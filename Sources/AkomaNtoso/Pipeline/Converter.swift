import AKNXML

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
  public var maximumInputBytes = 64 * 1024 * 1024
  /// The document's number as printed (`74/521`), for texts that do not carry it (GA
  /// decisions); it names the work in its IRI. A text that prints a different number is an error.
  public var number: String?

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
  /// Lines left out of the text as page furniture or export trailer.
  public var furniture: [RemovedLine] { reading.report.furniture }
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
  /// - Throws: ``ConversionError`` when the input is not a resolution text this tool reads, when
  ///   (with `strict`) it needed repairs, or when the result fails the schema. Nothing is returned
  ///   in that case, so nothing invalid can be written.
  public func convert(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError)
    -> ConversionResult
  {
    guard bytes.count <= options.maximumInputBytes else {
      throw ConversionError(
        "the input is \(bytes.count) bytes, over the limit of \(options.maximumInputBytes) bytes; resolution texts are far smaller",
        rule: "input.size")
    }
    // A file of another type (an office document, an archive, XML, HTML) is named as such.
    if !PDFForm.isPDF(bytes), let error = InputType.wrongType(bytes) { throw error }
    let input = ReaderInput(bytes: bytes)
    if case .success(let text) = input.text, let error = InputType.notEnglish(text) { throw error }
    var reading = try forms.read(input, form: options.form)
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
    if let number = options.number {
      if let printed = reading.resolution.metadata.number, printed != number {
        throw ConversionError(
          "the text gives the number \(printed), but the number \(number) was given for it; give none, or the number the text prints",
          rule: "input.number",
          line: reading.resolution.preface.first {
            if case .numberAndTitle = $0.role { return true } else { return false }
          }?.text.line)
      }
      reading.resolution.metadata.number = number
    }
    if options.strict && !reading.report.warnings.isEmpty {
      throw ConversionError(
        diagnostics: reading.report.warnings.map {
          var error = $0
          error.severity = .error
          return error
        })
    }
    var builder = try AKNBuilder(reading: reading, markupDate: options.markupDate)
    let tree = builder.build()
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
      input: text, furniture: reading.report.furniture, output: DocumentText.extract(from: tree),
      footnoteOrder: reading.resolution.footnotes.map(\.marker), noteLines: reading.report.noteLines,
      repairs: reading.report.repairs, moved: reading.report.movedLines)
    guard lost.isEmpty else {
      throw ConversionError(
        diagnostics: lost.prefix(20).map {
          Diagnostic(
            .error, rule: "text.lost",
            message:
              "the word \"\($0.word)\" is not in the converted document; the text was not understood here (please report this input)",
            line: $0.line)
        }.map(place))
    }
    return ConversionResult(xml: tree.serialized(), reading: reading)
  }
}
