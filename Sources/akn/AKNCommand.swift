import AKNAllocator
import AKNMarkup
import AKNModel
import AKNReading
import AKNSystem
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
      I/O error (unreadable file, missing schema, output not writable); 141 standard output's \
      reader went away (`| head`): ended quietly by SIGPIPE.
      """,
    version: AKNCommand.version,
    subcommands: [Convert.self, Validate.self, Batch.self, Text.self, Preview.self, Meta.self, Serve.self]
  )

  /// The release number.
  static let release = "0.1.0"

  /// What `--version` prints: the release, the git commit it was built from, the libxml2 and
  /// the allocator it runs on.
  static var version: String {
    "akn \(release) (git \(gitRevision), libxml2 \(LibraryVersions.libxml2), \(Allocator.description))"
  }

  /// ArgumentParser's `main()`, except that a usage error exits with 2, as documented, not 64,
  /// and a mistyped subcommand is named with the nearest one.
  static func main() {
    Console.prepareSignals()
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      if let word = arguments.first, !word.hasPrefix("-"), let suggestion = unknownSubcommand(word) {
        Console.error(suggestion)
        Console.error("Usage: akn <subcommand>\n  See 'akn --help' for more information.")
      } else {
        Console.error(fullMessage(for: error))
      }
      Foundation.exit(Exit.usage.rawValue)
    }
  }

  /// "Unknown subcommand 'WORD'", with the nearest subcommand when one is near; nil when `word`
  /// is a subcommand.
  static func unknownSubcommand(_ word: String) -> String? {
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    guard !names.contains(word) else { return nil }
    var message = "Error: Unknown subcommand '\(word)'."
    let scored = names.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }
    if let best = scored.min(by: { $0.distance < $1.distance }),
      best.distance <= max(2, best.name.count / 3)
    {
      message += " Did you mean '\(best.name)'?"
    } else {
      message += " Subcommands: \(names.joined(separator: ", "))."
    }
    return message
  }

  /// Levenshtein distance between `a` and `b`, in characters.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
