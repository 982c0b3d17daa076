import AKNMarkup
import AKNModel
import AKNReading
import AKNSystem
import AKNValidation
import AkomaNtoso
import ArgumentParser
import Foundation

extension AKNCommand {
  struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert every resolution text of a folder or an archive, on all cores.",
      discussion: """
        INPUT is a folder (walked recursively) or a .zip, .tar, .tar.gz, .tgz, .tar.xz or .tar.bz2 \
        archive (streamed, never unpacked). Every .txt and .pdf file is converted; the output mirrors its \
        path with .xml. Each output is written atomically, only when valid. A JSON Lines report of \
        every input is written to OUTDIR. Exit codes: 0 every document converted; 1 some input \
        failed (the report names each); 2 usage or I/O error.
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
      let converter = Converter(schema: try schema.load())
      var display = ProgressDisplay(mode: quiet ? .none : Console.stderrIsTerminal ? .bar : .lines)
      let summary: BatchSummary
      do {
        summary = try AkomaNtoso.Batch.run(
          input: input, outputFolder: output, converter: converter, options: options,
          progress: { display.update($0) })
      } catch {
        display.finish()
        Console.error(palette.severity("akn: error: \(error)"))
        throw Exit.usage
      }
      display.finish()
      if !quiet { Self.printSummary(summary) }
      if let stopped = summary.stopped { Console.error(palette.severity("akn: error: \(stopped)")) }
      if summary.documents == 0 && summary.stopped == nil && parsedShard == nil {
        Console.error(
          palette.severity(
            "akn: error: nothing was converted: \(input) holds no .txt document (\(summary.ignored) other files ignored; only .txt files are converted)"
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
      if summary.documents == 0 { Console.error("  no .txt or .pdf documents were found") }
      Console.error("  report: \(summary.reportPath)")
    }
  }
}

/// Progress on standard error: a bar redrawn in place on a terminal, else a plain line now and
/// then (every 10% or every 10 s), or nothing.
struct ProgressDisplay {
  enum Mode { case none, lines, bar }

  let mode: Mode
  private var lastDraw = -1.0
  private var lastTenth = 0
  private var drawn = false

  init(mode: Mode) { self.mode = mode }

  mutating func update(_ progress: BatchProgress) {
    switch mode {
    case .none:
      return
    case .bar:
      let complete = progress.total.map { progress.done >= $0 } ?? false
      guard progress.elapsed - lastDraw >= 0.1 || complete else { return }
      lastDraw = progress.elapsed
      Console.errorText("\r" + Self.bar(progress) + "\u{1B}[K")
      drawn = true
    case .lines:
      let tenth = progress.total.map { $0 > 0 ? progress.done * 10 / $0 : 10 } ?? 0
      let since = progress.elapsed - max(lastDraw, 0)
      guard (tenth > lastTenth && since >= 1) || since >= 10 else { return }
      lastTenth = max(lastTenth, tenth)
      lastDraw = progress.elapsed
      Console.error("akn batch: " + Self.text(progress))
    }
  }

  mutating func finish() {
    if mode == .bar && drawn { Console.errorText("\n") }
    drawn = false
  }

  static func text(_ progress: BatchProgress) -> String {
    let rate = progress.elapsed > 0 ? Double(progress.done) / progress.elapsed : 0
    var text = "\(progress.done)/\(progress.total.map(String.init) ?? "?")"
    text += String(format: ", %.1f/s", rate)
    if let total = progress.total, rate > 0, progress.done < total {
      let remaining = Int(Double(total - progress.done) / rate)
      text += String(format: ", ETA %d:%02d", remaining / 60, remaining % 60)
    }
    return text + ", \(progress.failed) failed"
  }

  static func bar(_ progress: BatchProgress) -> String {
    let width = 30
    let fraction = progress.total.map { $0 > 0 ? min(1, Double(progress.done) / Double($0)) : 1 } ?? 0
    let filled = Int(fraction * Double(width))
    return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
      + text(progress)
  }
}
