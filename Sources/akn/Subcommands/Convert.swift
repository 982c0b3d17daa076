import AKNCommandLine
import AKNMarkup
import AKNModel
import AKNReading
import AKNValidation
import AkomaNtoso
import ArgumentParser
import Foundation

extension AKNCommand {
  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert a UN resolution (its plain text or its PDF) into schema-valid AKN 3.0 XML.",
      discussion: """
        The output is validated against the official AKN 3.0 schema before anything is written; \
        if it is not valid, nothing is written and the errors are printed. With -o the file is \
        written atomically: complete, or not at all, keeping the mode of a file replaced (a \
        link's target is replaced; a device or FIFO is written in place; a missing folder is \
        refused). With --format json it prints the document model and the reading report as \
        JSON instead (Schemas/json/convert.schema.json), after the same conversion and checks.
        """)

    /// What `convert` writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case xml, json
    }

    @Argument(
      help: ArgumentHelp(
        "The resolution: its text (UTF-8) or its PDF, or - for standard input (the type is read from the content).",
        valueName: "input"))
    var input: String

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "Write the XML (or JSON) here instead of standard output (- is standard output); never the input itself.",
        valueName: "file"))
    var output: String?

    @Option(
      help: ArgumentHelp(
        "xml: the AKN document; json: the document model and the reading report (Schemas/json/convert.schema.json)."
      ))
    var format: Format = .xml

    @OptionGroup var conversion: ConversionFlags

    @Option(
      help: ArgumentHelp(
        "The document's number as printed (e.g. 74/521, 71/546 A, B and C), for texts that do not carry it (GA decisions).",
        valueName: "number"))
    var number: String?

    @Option(
      help: ArgumentHelp(
        "The adoption date, YYYY-MM-DD, for a text that prints none or prints it too damaged to read (the text's own date wins).",
        valueName: "date"))
    var date: String?

    @Flag(name: .shortAndLong, help: "Print no warnings or notes.")
    var quiet = false

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var color: ColorOptions

    func run() throws {
      let name = input == "-" ? "<stdin>" : input
      let palette = Palette(enabled: color.enabled(for: 2))
      let output = self.output == "-" ? nil : self.output
      try OutputTarget.refuseInput(input, as: output, palette: palette)
      var options = try conversion.options()
      options.hints = try DocumentHints.forCommandLine(input: input, number: number)
      if let date {
        do {
          let adopted = try MarkupDate.parse(date, option: "--date")
          var hints = options.hints ?? DocumentHints(source: .given)
          hints.adoptionDate = adopted
          options.hints = hints
        } catch {
          Console.error("akn: error: \(error)")
          throw Exit.usage
        }
      }
      // The JSON shows where each block and segment was printed.
      options.sourceSpans = format == .json
      let bytes = try InputReader.readOrReport(input)
      let converter = Converter(schema: try schema.load())
      let result: ConversionResult
      do {
        result = try converter.convert(bytes, options: options)
      } catch {
        for diagnostic in error.diagnostics {
          var line = diagnostic.formatted(file: name)
          if diagnostic.rule == RuleID.textMetadata, diagnostic.message.hasPrefix("no adoption date") {
            line += " (or give it with --date YYYY-MM-DD)"
          }
          Console.error(palette.severity(line))
        }
        Console.error(palette.severity("akn: \(name): not converted; nothing was written"))
        throw error.isWrongFileType ? Exit.usage : Exit.failure
      }
      if !quiet {
        for warning in result.warnings {
          var line = warning.formatted(file: name)
          if warning.rule == RuleID.decisionUnnumbered { line += " (give it with --number)" }
          Console.error(palette.severity(line))
        }
        for note in result.notes { Console.error(palette.severity(note.formatted(file: name))) }
        if !result.furniture.isEmpty {
          let reasons = Dictionary(grouping: result.furniture, by: \.reason)
            .map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
          Console.error(
            palette.severity(
              "\(name): note: left out \(result.furniture.count) lines that are not the resolution's text (\(reasons))"
            ))
        }
        if !result.hyphenJoins.isEmpty {
          let mended = result.hyphenJoins.filter(\.dropsHyphen)
          let count = result.hyphenJoins.count
          var note = "\(name): note: joined \(count) word\(count == 1 ? "" : "s") hyphenated at a line end"
          note += " (\(result.hyphenJoins.count - mended.count) compounds, hyphen kept"
          if !mended.isEmpty {
            note += "; \(mended.count) split words, hyphen dropped: "
            note += mended.map { "\($0.fragment)-\($0.continuation) → \($0.joined)" }.joined(separator: ", ")
          }
          Console.error(palette.severity(note + ")"))
        }
      }
      switch format {
      case .xml:
        try OutputTarget.write(result.xml, to: output, palette: palette)
      case .json:
        // The reading the XML was built from (hints applied), so the JSON describes what the XML holds.
        let json: [UInt8]
        do {
          json = try JSONRenderer().render(result.reading)
        } catch {
          for diagnostic in error.diagnostics {
            Console.error(palette.severity(diagnostic.formatted(file: name)))
          }
          Console.error(palette.severity("akn: \(name): not converted; nothing was written"))
          throw Exit.failure
        }
        try OutputTarget.write(json, to: output, palette: palette)
      }
    }
  }
}

/// The conversion options shared by `convert` and `batch`.
struct ConversionFlags: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The mark-up (manifestation) date, YYYY-MM-DD.",
      discussion: "Default: $SOURCE_DATE_EPOCH if set, else today (UTC).", valueName: "date"))
  var markupDate: String?

  @Option(
    help: ArgumentHelp(
      "The input's form (default: detected). (values: \(Converter.standardForms.names.joined(separator: ", ")))",
      valueName: "form"))
  var form: String?

  @Flag(help: "Treat warnings (repairs, guesses) as errors.")
  var strict = false

  @Option(
    help: ArgumentHelp(
      "The most memory pdftohtml may use reading a PDF, in MiB (0: no limit).", valueName: "MiB"))
  var pdfMemoryLimit = PDFForm.defaultMemoryLimitBytes / 1024 / 1024

  /// A form that no reader has is a usage error naming the forms.
  func validate() throws {
    if let form, Converter.standardForms.reader(named: form) == nil {
      let names = Converter.standardForms.names.map { "'\($0)'" }
      throw ValidationError(
        "The value '\(form)' is invalid for '--form <form>'. Please provide one of \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "")."
      )
    }
  }

  /// The options, or a usage error (exit code 2) for a bad date.
  func options() throws -> ConversionOptions {
    do {
      let date = try MarkupDate.resolve(markupDate, environment: ProcessInfo.processInfo.environment)
      var options = ConversionOptions(form: form, markupDate: date, strict: strict)
      guard (0...(1 << 30)).contains(pdfMemoryLimit) else {
        throw InputError(
          "--pdf-memory-limit \(pdfMemoryLimit): expected a number of MiB from 0 (no limit) up")
      }
      options.pdfMemoryLimitBytes = pdfMemoryLimit * 1024 * 1024
      return options
    } catch {
      Console.error("akn: error: \(error)")
      throw Exit.usage
    }
  }
}

extension DocumentHints {
  /// The hints of `convert` and `preview`: `--number` when given (a usage error, exit 2, when it
  /// is not a UN number), else the same as `batch` takes for the same file (the number in a
  /// UN-symbol file name).
  static func forCommandLine(input: String, number: String?) throws -> DocumentHints? {
    var given: DocumentNumber?
    if let number {
      guard let parsed = DocumentNumber(number) else {
        Console.error("akn: error: --number \(number): expected \(DocumentNumber.expectedForm)")
        throw Exit.usage
      }
      given = parsed
    }
    return forInput(input == "-" ? nil : input, given: given)
  }
}
