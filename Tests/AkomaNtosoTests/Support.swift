import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

/// Paths and shared fixtures for the tests.
enum Fixtures {
  /// The package root (found from this file's path).
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The project's `Examples/` folder.
  static let examples = root.appendingPathComponent("Examples")

  /// The schema, compiled once for the whole test process.
  static let schema: AKNSchema = {
    do {
      let path = try AKNSchema.locate(
        environment: ProcessInfo.processInfo.environment,
        executablePath: root.appendingPathComponent("Package.swift").path)
      return try AKNSchema.load(from: path)
    } catch {
      fatalError("the AKN schema is not installed: run `make schema` (\(error))")
    }
  }()

  static let converter = Converter(schema: schema)

  /// A fixed mark-up date so that outputs are reproducible.
  static let markupDate = SimpleDate(year: 2026, month: 1, day: 1)!

  static let options = ConversionOptions(markupDate: markupDate)

  /// `../shared` beside the checkout, or `$AKN_SHARED`; nil when absent.
  static let shared: URL? = {
    let candidates = [
      ProcessInfo.processInfo.environment["AKN_SHARED"].map { URL(fileURLWithPath: $0) },
      root.deletingLastPathComponent().appendingPathComponent("shared"),
    ].compactMap { $0 }
    return candidates.first {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("corpus").path)
    }
  }()

  static func bytes(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
  }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// The seed resolution A/RES/67/27 (the example copy in `Examples/`).
  static func seed() throws -> [UInt8] {
    try bytes(examples.appendingPathComponent("A_RES_67_27.txt"))
  }
}

/// Golden files: compared byte for byte; re-recorded when `RECORD_GOLDEN=1`.
enum Golden {
  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

  static func check(_ actual: [UInt8], against url: URL, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    if recording {
      try Data(actual).write(to: url, options: .atomic)
      return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
      Issue.record(
        "missing golden file \(url.path); run the tests with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
      return
    }
    if [UInt8](expected) != actual {
      let expectedLines = String(decoding: expected, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      let actualLines = String(decoding: actual, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      let firstDifference = zip(expectedLines, actualLines).enumerated().first {
        $0.element.0 != $0.element.1
      }
      let place =
        firstDifference.map {
          "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)"
        } ?? "lengths differ (\(expectedLines.count) vs \(actualLines.count) lines)"
      Issue.record(
        "output differs from golden file \(url.lastPathComponent) at \(place)\n(re-record with RECORD_GOLDEN=1 if the change is intended)",
        sourceLocation: sourceLocation)
    }
  }
}
