import AKNMarkup
import AKNModel
import AKNReading
import AKNValidation
import AkomaNtoso
import ArgumentParser
import Foundation

@main
struct AKNCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "akn",
    abstract: "Convert UN resolutions from plain text to Akoma Ntoso (AKN 3.0) XML, and validate AKN.",
    discussion: """
      Exit codes: 0 success; 1 a document failed (not convertible, or not valid); 2 usage or \
      I/O error (unreadable file, missing schema).
      """,
    version: "0.1.0",
    subcommands: [Convert.self, Validate.self, Batch.self, Text.self, Preview.self]
  )

  /// ArgumentParser's `main()`, except that a usage error exits with 2, as documented, not 64.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      Console.error(fullMessage(for: error))
      Foundation.exit(Exit.usage.rawValue)
    }
  }
}
