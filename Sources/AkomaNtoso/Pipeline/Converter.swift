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
  /// - Throws: ``ConversionError`` when the input is not a resolution text this tool reads, when
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
    // A file of another type (an office document, an archive, XML, HTML) is named as such.
    if !PDFForm.isPDF(bytes), let error = InputType.wrongType(bytes) { throw error }
    let input = ReaderInput(bytes: bytes)
    // A PDF's words are its text's, not its bytes' (checked below, once extracted).
    if !PDFForm.isPDF(bytes), case .success(let text) = input.text {
      if let error = InputType.notEnglish(text) { throw error }
      // Words that are not English at all (a wrong encoding, a shifted alphabet, symbols), page
      // by page or block by block: they would be published wrong. A PDF's reader judges its
      // own pages and fonts.
      let garbled = EnglishText.garbledBlocks(text)
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
    if reading.extracted != nil, let error = InputType.notEnglish(text) { throw error }
    // Parts its kind always has, missing: a warning; from a PDF known damaged: a refusal.
    if let refusal = ReadingChecks.refusingDamagedLoss(reading) { throw refusal }
    reading.report.warnings += ReadingChecks.completeness(reading.resolution).map(place)
    // Cited acts whose body cannot be named are left unlinked: a note at each, never a failure.
    reading.report.notes += Citations.unlinkedActs(in: reading.resolution).map(place)
    Self.apply(options.hints, to: &reading)
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
      input: text, furniture: reading.report.furniture, output: DocumentText.extract(from: tree),
      footnoteOrder: reading.resolution.footnotes.map(\.marker), noteLines: reading.report.noteLines,
      inlineNotes: reading.report.inlineNotes,
      repairs: reading.report.repairs, moved: reading.report.movedLines,
      hyphenJoins: reading.report.hyphenJoins)
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

  /// Fills what the text does not print from `hints` (with a note saying so), warns where they
  /// contradict it, and gives a decision its session (from its number, else from its date).
  static func apply(_ hints: DocumentHints?, to reading: inout Reading) {
    var metadata = reading.resolution.metadata
    let isDecision = reading.resolution.kind == .decision
    let numberLine =
      reading.resolution.preface.first {
        if case .numberAndTitle = $0.role { return true } else { return false }
      }?.text.line
    if let hints, let hinted = hints.number {
      if let printed = metadata.number {
        if metadata.organ == .generalAssembly, DocumentNumber(printed) != hinted {
          reading.report.warnings.append(
            Diagnostic(
              .warning, rule: .inputNumber,
              message:
                "the text prints the number \(printed), but \(hints.source.description) gives \(hinted); the text's number was kept",
              line: numberLine))
        }
      } else {
        metadata.number = hinted.description
        reading.report.notes.append(
          Diagnostic(
            .note, rule: .inputNumber,
            message: "the number \(hinted) is not in the text; it was taken from \(hints.source.description)")
        )
      }
    }
    if let hints, let title = hints.title {
      if let printed = metadata.title {
        if Self.comparable(printed) != Self.comparable(title) {
          reading.report.warnings.append(
            Diagnostic(
              .warning, rule: .inputTitle,
              message:
                "the text prints the title \"\(printed)\", but \(hints.source.description) gives \"\(title)\"; the text's title was kept",
              line: reading.resolution.preface.first?.text.line))
        }
      } else {
        metadata.title = title
        reading.report.notes.append(
          Diagnostic(
            .note, rule: .inputTitle,
            message: "the title is not in the text; it was taken from \(hints.source.description)"))
      }
    }
    if isDecision {
      if let number = metadata.number.flatMap(DocumentNumber.init) {
        metadata.session = metadata.session ?? number.session
      } else if metadata.number == nil {
        reading.report.warnings.append(
          Diagnostic(
            .warning, rule: .decisionUnnumbered,
            message:
              "the decision's number is not in its text and was not given; its IRI names it \"nn\" (not numbered)",
            line: 1))
      }
      if metadata.session == nil, let date = metadata.adoptionDate {
        let (session, certain) = Self.session(on: date)
        metadata.session = session
        if !certain {
          reading.report.warnings.append(
            Diagnostic(
              .warning, rule: .decisionSession,
              message:
                "the session was read from the date \(date), close to the opening of a session: \(session) is a guess; give the decision's number to be sure",
              line: 1))
        }
      }
    }
    reading.resolution.metadata = metadata
  }

  /// The General Assembly session in progress on `date`, and whether that is certain. A regular
  /// session opens on a Tuesday in September (between the 5th and the 18th since 2002) and runs
  /// until the next one opens; dates from 1 to 20 September are uncertain.
  static func session(on date: SimpleDate) -> (Int, certain: Bool) {
    let opened = date.month > 9 || (date.month == 9 && date.day > 12)
    let session = date.year - 1945 - (opened ? 0 : 1)
    return (session, !(date.month == 9 && date.day <= 20))
  }

  /// A title as compared with a hint: spaces collapsed, case, note markers and final
  /// punctuation ignored.
  static func comparable(_ title: String) -> String {
    title.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
      .trimmingCharacters(in: CharacterSet(charactersIn: " *.:"))
  }
}
