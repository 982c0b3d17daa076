import AKNCommandLine
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

/// Every write to standard output and standard error: unbuffered POSIX writes (through
/// AKNSystem), each failure checked.
enum Console {
  /// Called first by `main`: a write to a closed pipe fails with EPIPE instead of killing the
  /// process (so that `batch` can go on, and the others end as they choose), and a write over
  /// `ulimit -f` fails with EFBIG (so that the temporary file is removed) instead of killing it.
  static func prepareSignals() {
    POSIX.ignore(signals: [SIGPIPE, SIGXFSZ])
  }

  /// Writes `line` and a newline to standard error. A failure (a closed pipe, a full disk) is
  /// ignored: there is nowhere left to say it, and the work (a batch's report) goes on.
  static func error(_ line: String) {
    errorText(line + "\n")
  }

  /// Writes `text` as is to standard error (a progress bar redrawn in place), failures ignored.
  static func errorText(_ text: String) {
    try? POSIX.writeAll(STDERR_FILENO, Array(text.utf8))
  }

  /// Writes `bytes` to standard output. When the reader has gone (EPIPE: `akn … | head`), the
  /// process ends quietly as a filter does, killed by SIGPIPE (a shell reports 141); any other
  /// failure (a full disk) is an error on standard error and exit code 2.
  static func output(_ bytes: [UInt8]) {
    do {
      try POSIX.writeAll(STDOUT_FILENO, bytes)
    } catch {
      if error.code == EPIPE { endByBrokenPipe() }
      Console.error("akn: error: cannot write to standard output: \(error.reason)")
      exit(Exit.usage.rawValue)
    }
  }

  /// Writes `text` to standard output (see ``output(_:)-([UInt8])``).
  static func output(_ text: String) {
    output(Array(text.utf8))
  }

  /// Ends the process as SIGPIPE's default action does, which is what `cat` or `grep` do when
  /// their reader has gone: no message, and a shell reports exit status 141 (128 + 13).
  static func endByBrokenPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    pthread_sigmask(SIG_UNBLOCK, &pipeSignal, nil)
    raise(SIGPIPE)
    exit(128 + SIGPIPE)
  }

  static var stderrIsTerminal: Bool { isatty(2) != 0 }
}

/// The guards and the writing shared by the commands that write a file.
enum OutputTarget {
  /// Throws exit code 2, saying so, when the file `output` is the file `input` whatever path or
  /// link leads to it (same device and inode), or when `input` is a folder and `output` is it or
  /// lies inside it (`batch`). Called before anything is read or written.
  static func refuseInput(_ input: String, as output: String?, palette: Palette) throws {
    guard let output, output != "-", input != "-", let source = FileIdentity(input) else { return }
    if POSIX.status(of: input)?.kind == .folder {
      guard source.contains(output) else { return }
      Console.error(
        palette.severity(
          "akn: error: the output folder \(output) is the input folder \(input) or inside it; nothing was written (give an output folder outside the input)"
        ))
    } else {
      guard FileIdentity(output) == source else { return }
      Console.error(
        palette.severity(
          "akn: error: -o \(output) is the input file \(input); nothing was written (give another output path)"
        ))
    }
    throw Exit.usage
  }

  /// Writes `bytes` to `output` (standard output for nil or `-`); a file that cannot be written
  /// is an error naming it and exit code 2.
  static func write(_ bytes: [UInt8], to output: String?, palette: Palette) throws {
    guard let output, output != "-" else {
      Console.output(bytes)
      return
    }
    do {
      try OutputFile.write(bytes, to: output)
    } catch {
      Console.error(palette.severity("akn: error: cannot write \(output): \(error)"))
      throw Exit.usage
    }
  }
}

extension SchemaOptions {
  /// Loads (compiles) the schema once, or prints how to install it and exits with a usage error.
  func load() throws -> AKNSchema {
    let schema = try startLoading()
    try waitUntilCompiled(schema)
    return schema
  }

  /// Finds the schema and starts compiling it on a thread of its own, or exits with a usage
  /// error when it is not there; ``waitUntilCompiled(_:)`` before printing any result.
  func startLoading() throws -> AKNSchema {
    do {
      return try startCompiling()
    } catch {
      Console.error("akn: error: \(error.message)")
      throw Exit.usage
    }
  }

  /// Prints why the schema cannot be used and how to mend it; returns the usage exit.
  static func fail(_ error: SchemaError) -> ExitCode {
    Console.error("akn: error: \(SchemaLoadError(error).message)")
    return Exit.usage
  }

  /// Waits for the schema's compile, or exits with a usage error when it does not compile.
  func waitUntilCompiled(_ schema: AKNSchema) throws {
    do {
      try Self.waitUntilCompiled(schema)
    } catch {
      Console.error("akn: error: \(error.message)")
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
          "\(path): the file is \(size / 1024 / 1024) MiB, over the limit of \(megabytes) MiB; resolution texts are far smaller, so this is not one"
        )
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
  /// 2 (a usage or I/O error) for every input that cannot be read or is over the size limit,
  /// by path or on standard input alike.
  var exitCode: ExitCode
  init(_ description: String, exitCode: ExitCode = Exit.usage) {
    self.description = description
    self.exitCode = exitCode
  }
}

/// `--color auto|always|never`, shared by every command.
struct ColorOptions: ParsableArguments {
  enum Choice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
  }

  @Option(
    name: .customLong("color"),
    help: ArgumentHelp(
      "Colour the output: auto (on a terminal), always, never.",
      discussion: "auto honours NO_COLOR (when set and not empty) and TERM=dumb.", valueName: "when"))
  var choice: Choice = .auto

  /// Whether to colour what goes to file descriptor `descriptor` (1 or 2).
  func enabled(for descriptor: Int32) -> Bool {
    Self.decide(
      choice, isTerminal: isatty(descriptor) != 0, environment: ProcessInfo.processInfo.environment)
  }

  /// The decision, apart from the process: `always` and `never` win; `auto` colours a terminal
  /// unless NO_COLOR is set and not empty (no-color.org) or TERM is dumb.
  static func decide(_ choice: Choice, isTerminal: Bool, environment: [String: String]) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
      if environment["TERM"] == "dumb" { return false }
      return isTerminal
    }
  }
}

/// Paints the severity word of compiler-style lines (`FILE:LINE:COL: error: …`, `akn: error: …`).
struct Palette {
  var enabled: Bool

  func paint(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

  /// `line` with its first ` error: ` / ` warning: ` / ` note: ` coloured (red, magenta, cyan).
  func severity(_ line: String) -> String {
    guard enabled else { return line }
    for (word, code) in [("error:", "1;31"), ("warning:", "1;35"), ("note:", "1;36")] {
      if let range = line.range(of: " \(word) ") {
        return paint(String(line[..<range.lowerBound]), "1") + " " + paint(word, code) + " "
          + line[range.upperBound...]
      }
    }
    return line
  }
}

/// The identity of a file on disk (device and inode), to tell that two paths are the same file
/// whatever links lead to it.
struct FileIdentity: Equatable {
  var device: UInt64
  var inode: UInt64

  /// The file `path` names (links followed), or nil when it does not exist.
  init?(_ path: String) {
    guard let status = POSIX.status(of: path) else { return nil }
    device = status.device
    inode = status.inode
  }

  /// Whether `path`, or a folder it lies in, is the file `self`: walks up from the deepest part
  /// of `path` that exists (links resolved), so a folder that does not exist yet is judged by
  /// where it would be created.
  func contains(_ path: String) -> Bool {
    var url = URL(fileURLWithPath: path).standardizedFileURL
    while FileIdentity(url.path) == nil, url.path != "/" { url = url.deletingLastPathComponent() }
    url = url.resolvingSymlinksInPath()
    while true {
      if FileIdentity(url.path) == self { return true }
      if url.path == "/" { return false }
      url = url.deletingLastPathComponent()
    }
  }
}
