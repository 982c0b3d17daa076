import AKNMarkup
import AKNModel
import AKNReading
import AKNValidation
import AkomaNtoso
import ArgumentParser
import Foundation

extension AKNCommand {
  struct Text: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the text content of an AKN document as plain text.",
      discussion: """
        Prints the preface, preamble, body, conclusions and attachments, one block per line, \
        with footnote markers as [N] and the footnotes at the end. Metadata is left out.
        """)

    @Argument(help: ArgumentHelp("The AKN XML file, or - for standard input.", valueName: "file"))
    var input: String

    @OptionGroup var color: ColorOptions

    func run() throws {
      let name = input == "-" ? "<stdin>" : input
      let palette = Palette(enabled: color.enabled(for: 2))
      let bytes = try InputReader.readOrReport(input)
      do {
        let text = try DocumentText.extract(fromXML: bytes)
        Console.output(Array(text.text.utf8))
      } catch {
        for diagnostic in error.diagnostics {
          Console.error(palette.severity(diagnostic.formatted(file: name)))
        }
        // Not XML at all, or over a limit (input.*): as `validate` says, exit 2.
        throw error.diagnostics.contains { $0.rule.isInput } ? Exit.usage : Exit.failure
      }
    }
  }
}
