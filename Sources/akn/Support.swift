import AkomaNtoso
import ArgumentParser
import Foundation

/// Exit codes shared by every subcommand (documented in the README).
enum Exit {
  /// A document failed: not convertible, or not valid.
  static let failure = ExitCode(1)
  /// Usage or I/O error: unreadable file, missing schema, bad option value.
  static let usage = ExitCode(2)
}

/// Writes to standard error (never buffered behind standard output).
enum Console {
  static func error(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  static func output(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
  }

  static var stderrIsTerminal: Bool { isatty(2) != 0 }
}

/// Options shared by the commands that need the schema.
struct SchemaOptions: ParsableArguments {
  @Option(
    name: .customLong("schema"),
    help: ArgumentHelp(
      "The AKN 3.0 schema: akomantoso30.xsd, or the folder holding it and xml.xsd.",
      discussion: "Default: $AKN_SCHEMA, else the Schemas/ folder that `make schema` fills.",
      valueName: "path"))
  var path: String?

  /// Loads (compiles) the schema once, or exits with a usage error saying how to install it.
  func load() throws -> AKNSchema {
    do {
      let file =
        try path
        ?? AKNSchema.locate(
          environment: ProcessInfo.processInfo.environment,
          executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first)
      return try AKNSchema.load(from: file)
    } catch {
      Console.error("akn: error: \(error)")
      throw Exit.usage
    }
  }
}

/// Reads a whole input file (or standard input for `-`), refusing what is not a regular file.
enum InputReader {
  static let maximumBytes = 64 * 1024 * 1024

  /// Reads `path`, or prints why it cannot and throws the exit code for that.
  static func readOrReport(_ path: String) throws(ExitCode) -> [UInt8] {
    do {
      return try read(path)
    } catch {
      Console.error("akn: error: \(error)")
      throw error.exitCode
    }
  }

  static func read(_ path: String) throws(InputError) -> [UInt8] {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      guard data.count <= maximumBytes else {
        throw InputError(
          "standard input is over \(maximumBytes / 1024 / 1024) MiB; resolution texts are far smaller")
      }
      return [UInt8](data)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InputError("\(path): no such file")
    }
    guard !isDirectory.boolValue else {
      throw InputError("\(path): is a folder; give a file (or use `akn batch` for a folder)")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maximumBytes else {
      throw InputError(
        "\(path): the file is \(size / 1024 / 1024) MiB, over the limit of \(maximumBytes / 1024 / 1024) MiB; resolution texts are far smaller, so this is not one",
        exitCode: Exit.failure)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw InputError("\(path): cannot be read (permission denied?)")
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
    guard data.count <= maximumBytes else {
      throw InputError(
        "\(path): the file is over \(maximumBytes / 1024 / 1024) MiB; resolution texts are far smaller, so this is not one"
      )
    }
    return [UInt8](data)
  }
}

struct InputError: Error, CustomStringConvertible {
  var description: String
  /// 2 when the file cannot be read; 1 when it was read but cannot be a document (too large).
  var exitCode: ExitCode
  init(_ description: String, exitCode: ExitCode = Exit.usage) {
    self.description = description
    self.exitCode = exitCode
  }
}
