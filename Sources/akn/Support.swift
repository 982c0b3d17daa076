import AKNMarkup
import AKNModel
import AKNReading
import AKNSystem
import AKNValidation
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
    } catch let error as SchemaError {
      let hint: String
      switch error.kind {
      case .notInstalled:
        hint =
          ". Run `make schema` in the akn checkout (it fetches the official OASIS schema and checks its sha256), or pass --schema PATH, or set AKN_SCHEMA"
      case .notFound:
        hint = "; --schema takes akomantoso30.xsd or the folder holding it and xml.xsd"
      case .doesNotCompile:
        hint = " with `make schema` (or Schemas/fetch-schema.sh)"
      }
      Console.error("akn: error: \(error.message)\(hint)")
      throw Exit.usage
    } catch {
      Console.error("akn: error: \(error)")
      throw Exit.usage
    }
  }
}

/// Reads a whole input file (or standard input for `-`), refusing what is not a regular file.
enum InputReader {
  static let maximumBytes = DocumentLimits.maximumBytes

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
    let megabytes = maximumBytes / 1024 / 1024
    if path == "-" {
      let bytes: [UInt8]?
      do {
        bytes = try POSIX.readAll(STDIN_FILENO, limit: maximumBytes)
      } catch {
        throw InputError("standard input cannot be read: \(error.reason)")
      }
      guard let bytes else {
        throw InputError("standard input is over \(megabytes) MiB; resolution texts are far smaller")
      }
      return bytes
    }
    do {
      return try SizeCappedFile.read(path, limit: maximumBytes, streams: true)
    } catch {
      switch error {
      case .notFound: throw InputError("\(path): no such file")
      case .isFolder: throw InputError("\(path): is a folder; give a file (or use `akn batch` for a folder)")
      case .notRegular: throw InputError("\(path): is not a regular file (a device or socket); give a file")
      case .tooLarge(let size) where size > 0:
        throw InputError(
          "\(path): the file is \(size / 1024 / 1024) MiB, over the limit of \(megabytes) MiB; resolution texts are far smaller, so this is not one",
          exitCode: Exit.failure)
      case .tooLarge:
        throw InputError(
          "\(path): the file is over \(megabytes) MiB; resolution texts are far smaller, so this is not one")
      case .unreadable(let failure):
        throw InputError(
          failure.code == EACCES || failure.code == EPERM
            ? "\(path): cannot be read (permission denied?)" : "\(path): cannot be read: \(failure.reason)")
      }
    }
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
