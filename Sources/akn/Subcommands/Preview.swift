import AKNCommandLine
import AKNMarkup
import AKNModel
import AKNReading
import AKNValidation
import AkomaNtoso
import ArgumentParser
import Foundation

extension AKNCommand {
  struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render an AKN document, a resolution text or a PDF as one self-contained HTML page.",
      discussion: """
        INPUT is AKN XML (any producer's; detected by a first non-blank character '<'), a \
        resolution text or a PDF, a file or - for standard input. AKN is rendered as it is, with \
        a notice at the top when it is not in the AKN 3.0 namespace or not schema-valid. A text \
        or PDF is converted first (as `akn convert` does) and shown beside its source: the \
        source's lines numbered (a PDF's extracted text page by page), each block of the \
        document linked to its lines and back, the lines left out struck through with their \
        reason, each warning at its place and listed at the top with its rule; \
        --single-column gives the document alone, its warnings at the top and at their place. \
        The page has inline CSS, no JavaScript and loads nothing from the network. With -o the \
        file is written as `akn convert -o` writes it (atomically; never over the input).
        """)

    @Argument(
      help: ArgumentHelp(
        "An AKN XML file, a resolution text or a PDF, or - for standard input.", valueName: "input")
    )
    var input: String

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "Write the HTML here (- for standard output, the default); never the input itself.", valueName: "file"
      ))
    var output: String?

    @Flag(
      help: "For a text or PDF: the document alone in one column, not beside its source (AKN always is).")
    var singleColumn = false

    @OptionGroup var conversion: ConversionFlags

    @Option(
      help: ArgumentHelp(
        "The document's number as printed (e.g. 74/521, 71/546 A, B and C), for texts that do not carry it (GA decisions).",
        valueName: "number"))
    var number: String?

    @Flag(name: .shortAndLong, help: "Print no warnings or notes.")
    var quiet = false

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var color: ColorOptions

    func run() throws {
      let name = input == "-" ? "<stdin>" : input
      let palette = Palette(enabled: color.enabled(for: 2))
      try OutputTarget.refuseInput(input, as: output, palette: palette)
      var options = try conversion.options()
      options.hints = try DocumentHints.forCommandLine(input: input, number: number)
      let bytes = try InputReader.readOrReport(input)
      let isXML = Previewer.looksLikeXML(bytes)
      let previewer = Previewer(converter: Converter(schema: try schema.load()))
      let result: PreviewResult
      do {
        result = try previewer.preview(
          bytes,
          options: PreviewOptions(conversion: options, layout: singleColumn ? .singleColumn : .automatic))
      } catch {
        for diagnostic in error.diagnostics {
          Console.error(palette.severity(diagnostic.formatted(file: name)))
        }
        if isXML {
          Console.error(palette.severity("akn: \(name): not rendered; nothing was written"))
          // Not XML at all, or over a limit (input.*): as `validate` says, exit 2.
          throw error.diagnostics.contains { $0.rule.isInput } ? Exit.usage : Exit.failure
        }
        Console.error(palette.severity("akn: \(name): not converted; nothing was written"))
        throw error.isWrongFileType ? Exit.usage : Exit.failure
      }
      if !quiet {
        if !result.notices.isEmpty {
          Console.error(
            palette.severity(
              "\(name): note: not a schema-valid AKN 3.0 document (\(result.notices.count) error\(result.notices.count == 1 ? "" : "s"), first: \(result.notices[0].message)); rendered as it is, with a notice (akn validate says more)"
            ))
        }
        if let conversion = result.conversion {
          for warning in conversion.warnings {
            var line = warning.formatted(file: name)
            if warning.rule == RuleID.decisionUnnumbered { line += " (give it with --number)" }
            Console.error(palette.severity(line))
          }
          for note in conversion.notes { Console.error(palette.severity(note.formatted(file: name))) }
        }
      }
      try OutputTarget.write(Array(result.html.utf8), to: output, palette: palette)
    }
  }
}
