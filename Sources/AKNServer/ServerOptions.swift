public import AKNModel
import AkomaNtoso
import Foundation

/// How `akn serve` listens and the limits that keep it safe; each has a safe default.
public struct ServerOptions: Sendable {
  /// The address to listen on (default loopback: nothing outside this machine can connect).
  public var host = "127.0.0.1"
  /// The port (default 8080; 0 takes a free one, reported to ``AKNServer/run(onListening:)``).
  public var port = 8080
  /// Request bodies larger than this are refused with 413 (default 64 MiB, the input limit).
  public var maximumRequestBytes = DocumentLimits.maximumBytes
  /// Conversions and validations running at once (default: the processor count).
  public var concurrentConversions = ProcessInfo.processInfo.activeProcessorCount
  /// Requests waiting for a free conversion slot; beyond it a request gets 503 with
  /// `Retry-After` (default 4 × the processor count).
  public var queueLength = 4 * ProcessInfo.processInfo.activeProcessorCount
  /// The longest a request may take, from its first byte to its answer (default 60 s): a body
  /// still arriving then gets 408, a conversion not done 503.
  public var requestTimeout: Duration = .seconds(60)
  /// What `Retry-After` says, in seconds, when the queue is full.
  public var retryAfterSeconds = 2
  /// The mark-up date written into converted documents; nil: the day of each request (UTC).
  public var markupDate: SimpleDate?
  /// The most memory poppler's `pdftohtml` may use for one PDF, in bytes (0: no limit).
  public var pdfMemoryLimitBytes = PDFForm.defaultMemoryLimitBytes

  /// The defaults.
  public init() {}

  /// The first option that cannot work (a port out of range, a limit below 1), said as a
  /// sentence, or nil.
  public var problem: String? {
    if !(0...65535).contains(port) { return "the port \(port) is not in 0…65535" }
    if maximumRequestBytes < 1 { return "the request limit must be at least 1 byte" }
    if concurrentConversions < 1 { return "at least 1 conversion must be allowed at once" }
    if queueLength < 0 { return "the queue length must be 0 or more" }
    if requestTimeout <= .zero { return "the request timeout must be more than 0 seconds" }
    if host.isEmpty { return "the host is empty" }
    return nil
  }
}
