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
    subcommands: [Convert.self, Batch.self, Text.self]
  )
}
