import AKNCommandLine
import AKNMarkup
import AKNModel
import AKNReading
import AKNSystem
import AKNValidation
import AkomaNtoso
import ArgumentParser
import Foundation
import Synchronization

extension AKNCommand {
  struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert every resolution (.txt or .pdf) of a folder or an archive, on all cores.",
      discussion: """
        INPUT is a folder (walked recursively) or a .zip, .tar, .tar.gz, .tgz, .tar.xz or .tar.bz2 \
        archive (streamed, never unpacked). Every .txt and .pdf file is converted; the output mirrors its \
        path with .xml. Each output is written atomically, only when valid. A JSON Lines report of \
        every input is written to OUTDIR. On a terminal, a progress bar fits its width and the first \
        10 failures are named as FILE: rule: message. Ctrl-C (SIGINT) finishes the documents in \
        progress, keeps the report as OUTDIR/…jsonl.partial and exits 130; --resume continues. \
        Exit codes: 0 every document converted; 1 some input failed (the report names each); \
        2 usage or I/O error; 130 interrupted.
        """)

    @Argument(help: ArgumentHelp("A folder, or a .zip or .tar(.gz|.xz|.bz2) archive.", valueName: "input"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The output folder.", valueName: "outdir"))
    var output: String

    @Option(help: ArgumentHelp("Documents converted at once (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Skip documents whose output is complete and up to date (finish a killed run).")
    var resume = false

    @Option(
      help: ArgumentHelp(
        "Convert only shard K of N (1 ≤ K ≤ N), a deterministic share of the inputs by path.",
        valueName: "K/N"))
    var shard: String?

    @Option(
      help: ArgumentHelp(
        "A TSV, CSV or JSON file of facts the texts may not print: columns file and number (e.g. 71/546 A, B and C), perhaps title.",
        discussion:
          "Without it, or for an input without a row, the number comes from a file name in the UN symbol form (A_DEC_71_401.txt → 71/401). What a text prints wins.",
        valueName: "file"))
    var metadata: String?

    @Flag(name: .shortAndLong, help: "Print no progress and no summary (the report is still written).")
    var quiet = false

    @OptionGroup var conversion: ConversionFlags

    @OptionGroup var schema: SchemaOptions

    @OptionGroup var color: ColorOptions

    func run() throws {
      let palette = Palette(enabled: color.enabled(for: 2))
      try OutputTarget.refuseInput(input, as: output, palette: palette)
      // A batch finishes its work and its report when its terminal goes away (SIGHUP) or its
      // progress output is a closed pipe (Console ignores that failure).
      POSIX.ignore(signals: [SIGHUP])
      var parsedShard: BatchShard?
      if let shard {
        guard let value = BatchShard(shard) else {
          Console.error("akn: error: --shard \(shard): expected K/N with 1 ≤ K ≤ N, for example 2/8")
          throw Exit.usage
        }
        parsedShard = value
      }
      if let jobs, jobs < 1 {
        Console.error("akn: error: --jobs \(jobs): expected at least 1")
        throw Exit.usage
      }
      let conversionOptions = try conversion.options()
      var table: MetadataTable?
      if let metadata {
        guard let data = FileManager.default.contents(atPath: metadata) else {
          Console.error("akn: error: --metadata \(metadata): cannot read the file")
          throw Exit.usage
        }
        do {
          table = try MetadataTable(path: metadata, bytes: [UInt8](data))
        } catch {
          Console.error("akn: error: --metadata \(error)")
          throw Exit.usage
        }
      }
      var settings = [
        "akn \(AKNCommand.release)", "markup-date \(conversionOptions.markupDate)",
        "form \(conversionOptions.form ?? "detected")",
        conversionOptions.strict ? "strict" : "lenient",
      ].joined(separator: "; ")
      if let table { settings += "; metadata \(table.sha256)" }
      var options = BatchOptions(
        conversion: conversionOptions, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
        resume: resume, shard: parsedShard,
        limits: BatchLimits(maximumEntryBytes: InputReader.maximumBytes), settings: settings)
      options.metadata = table
      // The schema compiles on a thread of its own meanwhile; the batch waits for it before it
      // writes anything.
      let converter = Converter(schema: try schema.startLoading())
      let partial = output + "/" + AkomaNtoso.Batch.reportName(shard: parsedShard) + ".partial"
      if !resume, let leftover = Self.leftoverRecords(partial) {
        Console.error(
          palette.severity(
            "akn: note: \(partial) is the report of an interrupted run (\(leftover) inputs done); this run starts over and replaces it (rerun with --resume to continue that run instead)"
          ))
      }
      let display = ProgressDisplay(
        mode: quiet ? .none : Console.stderrIsTerminal ? .bar : .lines, columns: Terminal.columns)
      let cancellation = BatchCancellation()
      options.cancellation = cancellation
      let signals = BatchSignals(cancellation: cancellation, display: display)
      let summary: BatchSummary
      do {
        summary = try AkomaNtoso.Batch.run(
          input: input, outputFolder: output, converter: converter, options: options,
          progress: { display.update($0) })
      } catch {
        signals.stop()
        display.finish()
        if let schemaError = converter.schema.compileError { throw SchemaOptions.fail(schemaError) }
        Console.error(palette.severity("akn: error: \(error)"))
        throw Exit.usage
      }
      signals.stop()
      display.finish()
      if !quiet {
        display.printMoreFailures(summary)
        Self.printSummary(summary)
      }
      if summary.interrupted {
        let total = summary.total.map(String.init) ?? "?"
        Console.error(
          "akn batch: interrupted: \(summary.finished) of \(total) done; rerun with --resume (the report so far: \(summary.reportPath))"
        )
        throw ExitCode(130)
      }
      if let stopped = summary.stopped { Console.error(palette.severity("akn: error: \(stopped)")) }
      if summary.documents == 0 && summary.stopped == nil && parsedShard == nil {
        Console.error(
          palette.severity(
            "akn: error: nothing was converted: \(input) holds no .txt or .pdf document (\(summary.ignored) other files ignored; batch converts .txt and .pdf files)"
          ))
        throw Exit.failure
      }
      if summary.failed > 0 {
        if quiet {
          Console.error("akn: \(summary.failed) inputs failed; see \(summary.reportPath)")
        }
        throw Exit.failure
      }
    }

    static func printSummary(_ summary: BatchSummary) {
      let rate = summary.seconds > 0 ? Double(summary.documents) / summary.seconds : 0
      var line = "akn batch: \(summary.converted) converted"
      if summary.upToDate > 0 { line += " (\(summary.upToDate) already up to date)" }
      line += ", \(summary.failed) failed, \(summary.ignored) ignored"
      line += String(format: " in %.1f s (%.1f documents/s)", summary.seconds, rate)
      Console.error(line)
      func counts(_ table: [String: Int]) -> String {
        table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
          .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      }
      if !summary.failuresByReason.isEmpty {
        Console.error("  failed by reason: \(counts(summary.failuresByReason))")
      }
      if !summary.warningsByKind.isEmpty {
        Console.error("  warnings by kind: \(counts(summary.warningsByKind))")
      }
      if summary.documents == 0 && !summary.interrupted {
        Console.error("  no .txt or .pdf documents were found")
      }
      Console.error("  report: \(summary.reportPath)")
    }

    /// The number of records in a partial report left by a killed or interrupted run, or nil
    /// when there is none.
    static func leftoverRecords(_ path: String) -> Int? {
      guard let data = FileManager.default.contents(atPath: path) else { return nil }
      return data.split(separator: UInt8(ascii: "\n")).count
    }
  }
}

/// The terminal on standard error.
enum Terminal {
  /// Its width in columns (TIOCGWINSZ), or 80 when standard error is not a terminal or does not
  /// say.
  static var columns: Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}

/// SIGINT and SIGWINCH while a batch runs: the first SIGINT cancels the batch (it finishes the
/// documents in progress and its report), a second one ends the process at once as SIGINT does
/// (`--resume` cleans up after it); SIGWINCH redraws the bar at the new width.
final class BatchSignals {
  private let sources: [any DispatchSourceSignal]

  init(cancellation: BatchCancellation, display: ProgressDisplay) {
    let queue = DispatchQueue(label: "akn.batch.signals")
    signal(SIGINT, SIG_IGN)
    signal(SIGWINCH, SIG_IGN)
    let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: queue)
    let interrupts = Atomic<Int>(0)
    interrupt.setEventHandler {
      if interrupts.add(1, ordering: .relaxed).newValue == 1 {
        cancellation.cancel()
        display.interrupted()
      } else {
        signal(SIGINT, SIG_DFL)
        kill(getpid(), SIGINT)
      }
    }
    let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: queue)
    resize.setEventHandler { display.resize(columns: Terminal.columns) }
    sources = [interrupt, resize]
    for source in sources { source.resume() }
  }

  /// Stops listening: SIGINT ends the process again.
  func stop() {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGWINCH, SIG_DFL)
  }
}

/// Progress on standard error: a bar cut to the terminal's width and redrawn in place (and on a
/// resize) on a terminal, else a plain line now and then (every 10% or every 10 s), or nothing.
/// The first ``failuresShown`` failures are named above it as `FILE: rule: message`, as cargo
/// names its errors. Called from the batch's thread and from the signal queue.
final class ProgressDisplay: Sendable {
  enum Mode { case none, lines, bar }

  /// How many failures are named on the terminal; the report names the rest.
  static let failuresShown = 10

  private struct State {
    var columns: Int
    var lastDraw = -1.0
    var lastTenth = 0
    var drawn = false
    var last: BatchProgress?
    var failures = 0
  }

  let mode: Mode
  private let state: Mutex<State>

  init(mode: Mode, columns: Int) {
    self.mode = mode
    state = Mutex(State(columns: max(columns, 1)))
  }

  func update(_ progress: BatchProgress) {
    guard mode != .none else { return }
    state.withLock { state in
      if let record = progress.record, record.status == .failed {
        state.failures += 1
        if state.failures <= Self.failuresShown {
          if state.drawn { Console.errorText("\r\u{1B}[K") }
          Console.error(Self.failure(record))
          if state.drawn { Console.errorText(Self.bar(progress, columns: state.columns)) }
        }
      }
      state.last = progress
      switch mode {
      case .none:
        return
      case .bar:
        let complete = progress.total.map { progress.done >= $0 } ?? false
        guard progress.elapsed - state.lastDraw >= 0.1 || complete else { return }
        state.lastDraw = progress.elapsed
        Console.errorText("\r" + Self.bar(progress, columns: state.columns) + "\u{1B}[K")
        state.drawn = true
      case .lines:
        let tenth = progress.total.map { $0 > 0 ? progress.done * 10 / $0 : 10 } ?? 0
        let since = progress.elapsed - max(state.lastDraw, 0)
        guard (tenth > state.lastTenth && since >= 1) || since >= 10 else { return }
        state.lastTenth = max(state.lastTenth, tenth)
        state.lastDraw = progress.elapsed
        Console.error("akn batch: " + Self.text(progress))
      }
    }
  }

  /// The terminal changed size: the bar is redrawn at the new width.
  func resize(columns: Int) {
    state.withLock { state in
      state.columns = max(columns, 1)
      guard mode == .bar, state.drawn, let last = state.last else { return }
      Console.errorText("\r\u{1B}[K" + Self.bar(last, columns: state.columns))
    }
  }

  /// SIGINT: the bar's line is finished and the wait explained.
  func interrupted() {
    state.withLock { state in
      guard mode != .none else { return }
      if state.drawn { Console.errorText("\n") }
      state.drawn = false
      Console.error(
        "akn batch: interrupted; finishing the documents in progress (Ctrl-C again to stop at once)")
    }
  }

  func finish() {
    state.withLock { state in
      if mode == .bar && state.drawn { Console.errorText("\n") }
      state.drawn = false
    }
  }

  /// After the run: how many failures were not named, and where they are.
  func printMoreFailures(_ summary: BatchSummary) {
    let more = summary.failed - Self.failuresShown
    guard mode != .none, more > 0 else { return }
    Console.error("akn batch: and \(more) more failed, see \(summary.reportPath)")
  }

  /// `FILE: rule: message` for a failed input.
  static func failure(_ record: BatchRecord) -> String {
    let first = record.errors.first
    let rule = first?.rule ?? record.reason ?? "failed"
    var line = "\(record.input): \(rule)"
    if let message = first?.message { line += ": " + message.replacingOccurrences(of: "\n", with: " ") }
    return line
  }

  static func text(_ progress: BatchProgress) -> String {
    text(progress, rate: true)
  }

  static func text(_ progress: BatchProgress, rate withRate: Bool) -> String {
    let rate = progress.elapsed > 0 ? Double(progress.done) / progress.elapsed : 0
    var text = "\(progress.done)/\(progress.total.map(String.init) ?? "?")"
    if withRate {
      text += String(format: ", %.1f/s", rate)
      if let total = progress.total, rate > 0, progress.done < total {
        let remaining = Int(Double(total - progress.done) / rate)
        text += String(format: ", ETA %d:%02d", remaining / 60, remaining % 60)
      }
    }
    return text + ", \(progress.failed) failed"
  }

  /// The bar and its text in at most `columns - 1` columns (the last column would wrap on some
  /// terminals): the bar up to 30 wide, narrower, then without rate and ETA, then the counts
  /// alone, cut.
  static func bar(_ progress: BatchProgress, columns: Int) -> String {
    let room = columns - 1
    let fraction = progress.total.map { $0 > 0 ? min(1, Double(progress.done) / Double($0)) : 1 } ?? 0
    for text in [text(progress, rate: true), text(progress, rate: false)] {
      let width = min(30, room - text.count - 3)
      guard width >= 10 else { continue }
      let filled = Int(fraction * Double(width))
      return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        + "] " + text
    }
    return String(text(progress, rate: false).prefix(max(room, 0)))
  }
}
