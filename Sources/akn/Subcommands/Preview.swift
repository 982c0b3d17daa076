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
      abstract: "Render an AKN document, or a resolution text, as one self-contained HTML page.",
      discussion: """
        INPUT is AKN XML (any producer's; detected by a first non-blank character '<') or a \
        resolution text, which is converted first (as `akn convert` does) and rendered with its \
        warnings listed at the top. The page has inline CSS, no JavaScript and loads nothing \
        from the network. With -o the file is written as `akn convert -o` writes it (atomically; \
        never over the input).
        """)

    @Argument(
      help: ArgumentHelp("An AKN XML file or a resolution text, or - for standard input.", valueName: "input")
    )
    var input: String

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "Write the HTML here (- for standard output, the default); never the input itself.", valueName: "file"
      ))
    var output: String?

    @OptionGroup var conversion: ConversionFlags

    @Flag(name: .shortAndLong, help: "Print no warnings or notes.")
    var quiet = false

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var color: ColorOptions

    /// Whether the first byte that is not white space (or a UTF-8 byte-order mark) is `<`.
    static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
      var index = 0
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
          index += 1
        case UInt8(ascii: "<"): return true
        default: return false
        }
      }
      return false
    }

    func run() throws {
      let name = input == "-" ? "<stdin>" : input
      let palette = Palette(enabled: color.enabled(for: 2))
      try OutputTarget.refuseInput(input, as: output, palette: palette)
      var options = try conversion.options()
      options.hints = DocumentHints.forInput(input == "-" ? nil : input)
      let bytes = try InputReader.readOrReport(input)
      let html: String
      if Self.looksLikeXML(bytes) {
        // Blanks before the XML declaration would make it unparsable.
        let start = bytes.firstIndex(of: UInt8(ascii: "<")) ?? 0
        do {
          html = try HTMLPreview().render(xml: Array(bytes[start...]))
        } catch {
          for diagnostic in error.diagnostics {
            Console.error(palette.severity(diagnostic.formatted(file: name)))
          }
          Console.error(palette.severity("akn: \(name): not rendered; nothing was written"))
          // Not XML at all, or over a limit (input.*): as `validate` says, exit 2.
          throw error.diagnostics.contains { $0.rule.isInput } ? Exit.usage : Exit.failure
        }
      } else {
        let converter = Converter(schema: try schema.load())
        let result: ConversionResult
        do {
          result = try converter.convert(bytes, options: options)
        } catch {
          for diagnostic in error.diagnostics {
            Console.error(palette.severity(diagnostic.formatted(file: name)))
          }
          Console.error(palette.severity("akn: \(name): not converted; nothing was written"))
          throw error.isWrongFileType ? Exit.usage : Exit.failure
        }
        if !quiet {
          for warning in result.warnings { Console.error(palette.severity(warning.formatted(file: name))) }
          for note in result.notes { Console.error(palette.severity(note.formatted(file: name))) }
        }
        do {
          html = try HTMLPreview(diagnostics: result.warnings).render(xml: result.xml)
        } catch {
          for diagnostic in error.diagnostics {
            Console.error(palette.severity(diagnostic.formatted(file: name)))
          }
          throw Exit.failure
        }
      }
      try OutputTarget.write(Array(html.utf8), to: output, palette: palette)
    }
  }
}
