import AKNCommandLine
import AKNMarkup
import AKNModel
import AkomaNtoso
import ArgumentParser
import Foundation

extension AKNCommand {
  struct Meta: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the identity facts of documents (text, Markdown, PDF or AKN XML) as JSON.",
      discussion: """
        Prints one JSON object a line (JSON Lines), one per file in the order given: the work, \
        expression and manifestation IRIs, symbol, body, kind, number, session, dates, title, \
        vote and counts of paragraphs, notes and annexes (Schemas/json/meta.schema.json). An AKN \
        file is read as it is; any other input is converted first, as `akn convert` does, and \
        the facts are those of its XML. An absent fact is an absent key, never null. A file \
        that fails prints its errors and no line; the others go on. Exit code: the worst of \
        the files' (1 a document not convertible, 2 an unreadable file or a wrong file type).
        """)

    @Argument(
      help: ArgumentHelp(
        "The documents: texts, Markdown, PDFs or AKN XML, or - for standard input.", valueName: "file"))
    var inputs: [String]

    @OptionGroup var conversion: ConversionFlags

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var color: ColorOptions

    func run() throws {
      let palette = Palette(enabled: color.enabled(for: 2))
      let options = try conversion.options()
      var converter: Converter?
      var worst: ExitCode?
      func fail(_ code: ExitCode) {
        if worst == nil || code.rawValue > worst!.rawValue { worst = code }
      }
      for input in inputs {
        let name = input == "-" ? "<stdin>" : input
        let bytes: [UInt8]
        do {
          bytes = try InputReader.readOrReport(input)
        } catch {
          fail(error)
          continue
        }
        var facts: DocumentFacts
        do {
          if DocumentFacts.isMarkup(bytes) {
            facts = try DocumentFacts(xml: bytes)
          } else {
            if converter == nil { converter = Converter(schema: try schema.load()) }
            var fileOptions = options
            fileOptions.hints = DocumentHints.forInput(input == "-" ? nil : input, given: nil)
            let result = try converter!.convert(bytes, options: fileOptions)
            facts = try DocumentFacts(xml: result.xml, reading: result.reading)
          }
        } catch let error as ConversionError {
          for diagnostic in error.diagnostics {
            Console.error(palette.severity(diagnostic.formatted(file: name)))
          }
          Console.error(palette.severity("akn: \(name): no facts printed"))
          fail(
            error.isWrongFileType || error.diagnostics.contains { $0.rule.isInput }
              ? Exit.usage : Exit.failure)
          continue
        }
        facts.file = input
        do {
          Console.output(try facts.json() + [UInt8(ascii: "\n")])
        } catch {
          Console.error(palette.severity("akn: \(name): \(error)"))
          fail(Exit.failure)
        }
      }
      if let worst { throw worst }
    }
  }
}
