import AKNSystem
import AKNXML
import Dispatch
import Foundation
import Synchronization

/// Options for ``Batch/run(input:outputFolder:converter:options:progress:)``.
public struct BatchOptions: Sendable {
  /// How each document is converted.
  public var conversion: ConversionOptions
  /// Worker threads converting at once.
  public var jobs: Int
  /// Skip documents whose output is complete and up to date (see the README).
  public var resume: Bool
  /// Convert only this share of the inputs.
  public var shard: BatchShard?
  /// Bounds against hostile archives.
  public var limits: BatchLimits
  /// Identifies the converter and its options; recorded per document and compared by `resume`.
  public var settings: String
  /// Facts about the inputs that their texts may not print (numbers, titles), one row per
  /// input; an input without a row gets the number its file name gives, if in the UN symbol form.
  public var metadata: MetadataTable?
  /// When set and cancelled (from any thread), the batch stops reading inputs, finishes the
  /// documents in progress, and returns with ``BatchSummary/interrupted`` set; its report stays
  /// `REPORT.partial`, which `resume` continues.
  public var cancellation: BatchCancellation?

  /// Creates options.
  public init(
    conversion: ConversionOptions, jobs: Int, resume: Bool = false, shard: BatchShard? = nil,
    limits: BatchLimits = BatchLimits(), settings: String
  ) {
    self.conversion = conversion
    self.jobs = max(1, jobs)
    self.resume = resume
    self.shard = shard
    self.limits = limits
    self.settings = settings
  }
}

/// Stops a running batch cleanly: ``cancel()`` may be called from any thread (a signal
/// handler's queue); the batch checks it before it reads each input.
public final class BatchCancellation: Sendable {
  private let flag = Atomic<Bool>(false)

  /// A flag not yet set.
  public init() {}

  /// Asks the batch to stop after the documents in progress.
  public func cancel() { flag.store(true, ordering: .relaxed) }

  /// Whether ``cancel()`` was called.
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// A batch that cannot start: missing input, unwritable output folder.
public struct BatchError: Error, CustomStringConvertible {
  /// What is wrong and what to do.
  public var description: String
  init(_ description: String) { self.description = description }
}

/// Converts every document (`.txt` or `.pdf`) of a folder or an archive into `outputFolder`, mirroring paths,
/// on several threads, with a JSON Lines report of what happened to each input.
public enum Batch {
  /// The report's file name in the output folder, for a shard or for the whole input.
  public static func reportName(shard: BatchShard?) -> String {
    guard let shard else { return "akn-batch-report.jsonl" }
    return "akn-batch-report.shard-\(shard.index)-of-\(shard.count).jsonl"
  }

  /// Runs the batch. One failing input never stops it; the report names every failure.
  ///
  /// Inputs are read in order on the calling thread (an archive is streamed, never unpacked),
  /// converted by `options.jobs` worker threads, and reported in input order on the calling
  /// thread. At most `2 × jobs` inputs are in flight, so memory does not grow with the number of
  /// inputs. With one job, each input is read, converted and reported on the calling thread
  /// before the next is read. Each output is
  /// written to a temporary name and renamed when complete and valid. The report is appended to
  /// `REPORT.partial` as inputs finish and renamed to its final name at the end. When
  /// `options.cancellation` is cancelled, no further input is read, the documents in progress
  /// are finished and reported, no temporary file is left, and the report stays `REPORT.partial`
  /// (``BatchSummary/interrupted``): `resume` then converts only what is left.
  ///
  /// - Parameters:
  ///   - input: a folder (walked recursively) or a .zip or .tar(.gz|.xz|.bz2) archive (streamed).
  ///   - outputFolder: where the AKN files and the report go (created if missing).
  ///   - converter: the converter every worker uses (its schema compiled once).
  ///   - options: jobs, limits, resume, shard, cancellation and the conversion's own options.
  ///   - progress: called after each input, on the calling thread.
  /// - Throws: ``BatchError`` when the batch cannot start or its report cannot be written.
  public static func run(
    input: String, outputFolder: String, converter: Converter, options: BatchOptions,
    progress: (BatchProgress) -> Void = { _ in }
  ) throws(BatchError) -> BatchSummary {
    let start = ContinuousClock.now
    let inputPath = URL(fileURLWithPath: input).standardizedFileURL.path
    guard let kind = BatchSource.kind(of: inputPath) else {
      if !FileManager.default.fileExists(atPath: inputPath) {
        throw BatchError("\(input): no such file or folder")
      }
      throw BatchError(
        "\(input): not a folder or an archive (.zip, .tar, .tar.gz, .tgz, .tar.xz, .tar.bz2)")
    }
    let root = URL(fileURLWithPath: outputFolder).standardizedFileURL.path
    let reportPath = root + "/" + reportName(shard: options.shard)
    let journalPath = reportPath + ".partial"
    let previous = options.resume ? PreviousRun.load([reportPath, journalPath]) : PreviousRun()
    // A schema still compiling (AKNSchema.startLoading) has compiled by now, or nothing is
    // written.
    do {
      try converter.schema.waitUntilCompiled()
    } catch {
      throw BatchError(error.message)
    }
    SHA256.prepare()
    do {
      try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    } catch {
      throw BatchError("cannot create the output folder \(outputFolder): \(error.localizedDescription)")
    }
    if kind == .folder, (try? FileManager.default.contentsOfDirectory(atPath: inputPath)) == nil {
      throw BatchError("\(input): the folder cannot be read")
    }
    if kind == .folder, inputPath == root {
      throw BatchError("the output folder is the input folder; give another one")
    }
    if options.resume && options.shard == nil { removeTemporaryFiles(in: root) }
    let journal: Journal
    do {
      journal = try Journal(path: journalPath)
    } catch {
      throw BatchError("cannot write the report \(journalPath): \(error.reason)")
    }

    let sourceKind = kind
    let excluded = root
    let limits = options.limits
    let shard = options.shard
    let cancellation = options.cancellation
    @Sendable func cancelled() -> Bool { cancellation?.isCancelled ?? false }
    @Sendable func source(readData: Bool) -> BatchSource {
      BatchSource(
        root: inputPath, kind: sourceKind, shard: shard, limits: limits, excluded: excluded,
        readData: readData)
    }
    let context = WorkerContext(
      converter: converter, conversion: options.conversion, settings: options.settings, root: root,
      previous: previous, metadata: options.metadata)

    // The collector's state; `report` takes the records in input order.
    var summary = BatchSummary()
    summary.reportPath = reportPath
    var next = 0
    var total: Int?
    var writeError: String?
    func report(_ record: BatchRecord, upToDate: Bool) {
      if upToDate { summary.upToDate += 1 }
      if writeError == nil {
        do {
          try journal.append(record.jsonLine)
        } catch {
          writeError = error.reason
        }
      }
      summary.add(record)
      next += 1
      progress(
        BatchProgress(
          done: next, total: total, failed: summary.failed, elapsed: seconds(since: start), record: record))
    }

    // The inputs are counted first (headers only), for the progress bar's total.
    var counted = 0
    source(readData: false).forEach { _ in
      counted += 1
      return !cancelled()
    }
    if !cancelled() { total = counted }

    // Two inputs whose outputs collide (A.txt and A.TXT, a path stored twice in an archive,
    // c.txt and c.xml/d.txt) are told apart by the source: the first one wins.
    if options.jobs == 1 {
      // One job: each input is read, converted and reported on this thread before the next is
      // read. Threads would only hand each document over and back (futex calls and context
      // switches per document) with nothing to run beside them.
      source(readData: true).forEach { item in
        if case .stopped(let diagnostic) = item.content { summary.stopped = diagnostic.message }
        if cancelled() { return false }
        let (record, upToDate) = context.process(item)
        report(record, upToDate: upToDate)
        return true
      }
    } else {
      // Workers convert; this thread reads the inputs, hands them over, and reports the records
      // in input order as they come back, with at most `capacity` inputs not yet reported.
      let capacity = 2 * options.jobs
      let work = Channel<(Int, BatchItem)?>()
      let results = Channel<(Int, BatchRecord, upToDate: Bool)>()
      for _ in 0..<options.jobs {
        let worker = Thread {
          while let (index, item) = work.receive() {
            let (record, upToDate) = context.process(item)
            results.send((index, record, upToDate))
          }
        }
        worker.stackSize = 8 << 20
        worker.start()
      }
      var pending: [Int: (BatchRecord, Bool)] = [:]
      func take(_ result: (Int, BatchRecord, upToDate: Bool)) {
        pending[result.0] = (result.1, result.upToDate)
        while let (record, upToDate) = pending.removeValue(forKey: next) {
          report(record, upToDate: upToDate)
        }
      }
      var sent = 0
      source(readData: true).forEach { item in
        if case .stopped(let diagnostic) = item.content { summary.stopped = diagnostic.message }
        if cancelled() { return false }
        while let result = results.poll() { take(result) }
        while sent - next >= capacity { take(results.receive()) }
        if cancelled() { return false }
        work.send((sent, item))
        sent += 1
        return true
      }
      for _ in 0..<options.jobs { work.send(nil) }
      while next < sent { take(results.receive()) }
    }
    journal.close()
    summary.seconds = seconds(since: start)
    summary.finished = next
    summary.total = total
    if let writeError {
      throw BatchError("cannot write the report \(journalPath): \(writeError)")
    }
    if cancelled(), total.map({ next < $0 }) ?? true {
      summary.interrupted = true
      summary.reportPath = journalPath
      return summary
    }
    do {
      try POSIX.rename(journalPath, to: reportPath)
    } catch {
      throw BatchError("cannot rename the report to \(reportPath): \(error.reason)")
    }
    return summary
  }

  /// Removes the temporary files of ``OutputFile`` (`.NAME.xml.UUID.tmp`) that a killed run left
  /// in `folder` and its subfolders (links are not followed). Not done for a shard: another shard
  /// may be writing into the same folder.
  static func removeTemporaryFiles(in folder: String) {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
      let path = folder + "/" + name
      guard let status = POSIX.status(of: path, followLinks: false) else { continue }
      if status.kind == .folder {
        removeTemporaryFiles(in: path)
      } else if status.kind == .regular, name.hasPrefix("."), name.hasSuffix(".tmp") {
        let parts = name.dropLast(4).split(separator: ".")
        if parts.count >= 3, parts[parts.count - 2] == "xml", UUID(uuidString: String(parts.last!)) != nil {
          try? POSIX.unlink(path)
        }
      }
    }
  }

  private static func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

}

/// What a worker needs; shared, immutable.
struct WorkerContext: Sendable {
  let converter: Converter
  let conversion: ConversionOptions
  let settings: String
  let root: String
  let previous: PreviousRun
  let metadata: MetadataTable?

  /// The record for `item`, and whether it was found up to date (not converted again).
  func process(_ item: BatchItem) -> (BatchRecord, Bool) {
    let start = ContinuousClock.now
    func record(
      _ status: BatchRecord.Status, output: String? = nil, reason: String? = nil, errors: [Diagnostic] = [],
      warnings: [Diagnostic] = [], notes: [Diagnostic] = [], bytes: Int = 0, sha256: String? = nil,
      outputSha256: String? = nil
    ) -> BatchRecord {
      let elapsed = ContinuousClock.now - start
      let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
      return BatchRecord(
        input: item.path, output: output, status: status, reason: reason,
        errors: errors.map(BatchRecord.Message.init),
        warnings: warnings.map(BatchRecord.Message.init),
        notes: notes.isEmpty ? nil : notes.map(BatchRecord.Message.init), bytes: bytes, ms: ms,
        sha256: sha256,
        outputSha256: outputSha256, options: status == .converted ? settings : nil)
    }
    switch item.content {
    case .ignored(let reason):
      return (record(.ignored, reason: reason), false)
    case .refused(let diagnostic), .stopped(let diagnostic):
      return (record(.failed, reason: diagnostic.rule.rawValue, errors: [diagnostic]), false)
    case .document(let bytes, let output):
      let sha256 = SHA256.hex(bytes)
      if let earlier = previous.upToDate(
        input: item.path, output: output, sha256: sha256, settings: settings, root: root)
      {
        return (earlier, true)
      }
      let result: ConversionResult
      var options = conversion
      options.hints = DocumentHints.forInput(item.path, metadata: metadata)
      do {
        result = try converter.convert(bytes, options: options)
      } catch {
        let failed = record(
          .failed, output: output, reason: error.diagnostics.first?.rule.rawValue ?? "conversion",
          errors: error.diagnostics,
          bytes: bytes.count, sha256: sha256)
        return (failed, false)
      }
      do {
        // Not flushed to the disk one by one (concurrent fsyncs serialise on the file system's
        // journal): the report records each output's SHA-256, and --resume converts again any
        // output that a crash or a power loss left different from it.
        try OutputFile.write(result.xml, inside: root, at: output, flush: false)
      } catch {
        let diagnostic = Diagnostic(.error, rule: .batchWrite, message: "cannot write \(output): \(error)")
        let failed = record(
          .failed, output: output, reason: diagnostic.rule.rawValue, errors: [diagnostic], bytes: bytes.count,
          sha256: sha256)
        return (failed, false)
      }
      let converted = record(
        .converted, output: output, warnings: result.warnings, notes: result.notes, bytes: bytes.count,
        sha256: sha256,
        outputSha256: SHA256.hex(result.xml))
      return (converted, false)
    }
  }
}

/// The records of an earlier run, for `--resume`: converted documents by input path.
struct PreviousRun: Sendable {
  private var converted: [String: BatchRecord] = [:]

  /// Reads the report and the journal of an interrupted run (lines that do not parse, such as a
  /// line cut by a crash, are ignored); the journal, being newer, wins.
  static func load(_ paths: [String]) -> PreviousRun {
    var run = PreviousRun()
    let decoder = JSONDecoder()
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      for line in data.split(separator: UInt8(ascii: "\n")) {
        guard let record = try? decoder.decode(BatchRecord.self, from: Data(line)) else { continue }
        // A later copy of an input refused as a duplicate says nothing about the first copy.
        if record.reason == RuleID.batchDuplicate.rawValue { continue }
        if record.status == .converted {
          run.converted[record.input] = record
        } else {
          run.converted[record.input] = nil
        }
      }
    }
    return run
  }

  /// The earlier record, if the document is up to date: converted from the same bytes (SHA-256)
  /// with the same settings, to the same output path, and that output file still has the bytes
  /// recorded (SHA-256).
  func upToDate(input: String, output: String, sha256: String, settings: String, root: String) -> BatchRecord?
  {
    guard let record = converted[input], record.sha256 == sha256, record.options == settings,
      record.output == output, let outputSha256 = record.outputSha256,
      let data = FileManager.default.contents(atPath: root + "/" + output),
      SHA256.hex([UInt8](data)) == outputSha256
    else { return nil }
    return record
  }
}

/// The report being written: one line per record, appended.
final class Journal {
  private let descriptor: Int32

  /// Creates (or empties) the report at `path`; a link there is refused (`O_NOFOLLOW`).
  init(path: String) throws(SystemCallError) {
    descriptor = try POSIX.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode: 0o644)
  }

  /// Appends a line.
  func append(_ line: String) throws(SystemCallError) {
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    try POSIX.writeAll(descriptor, bytes)
  }

  /// Flushes the report to the disk and closes it; a failure here loses nothing already
  /// written, so it is not reported.
  func close() {
    try? POSIX.fsync(descriptor)
    try? POSIX.close(descriptor)
  }
}

/// A blocking first-in first-out queue between threads. Its length is bounded by the batch's
/// inputs in flight (at most `2 × jobs`), not by the channel itself.
final class Channel<Element: Sendable>: Sendable {
  private let items = Mutex<[Element]>([])
  private let filled = DispatchSemaphore(value: 0)

  func send(_ element: Element) {
    items.withLock { $0.append(element) }
    filled.signal()
  }

  func receive() -> Element {
    filled.wait()
    return items.withLock { $0.removeFirst() }
  }

  /// The first element if one is there, without waiting.
  func poll() -> Element? {
    guard filled.wait(timeout: .now()) == .success else { return nil }
    return items.withLock { $0.removeFirst() }
  }
}
