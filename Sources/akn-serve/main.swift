import AKNAllocator
import AKNCommandLine
import AKNModel
import AKNServer
import AKNValidation
import ArgumentParser
import Foundation
import Logging

/// `akn serve` (which starts this program, installed beside `akn`): the web page and HTTP API.
/// A program of its own so that the converter `akn` does not carry the HTTP server.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "akn serve",
    abstract: "Serve the converter as a web page and an HTTP API (see Schemas/openapi.json).",
    discussion: """
      GET / is a page where a text, PDF or AKN file is dropped, pasted or chosen and its preview, \
      XML and diagnostics shown. POST /v1/convert takes a document (the raw body, or the part \
      named file of a multipart/form-data form; its type is read from its bytes) and answers with \
      the AKN (Accept: application/xml, the default), the JSON of `akn convert --format json` \
      (application/json) or the preview (text/html); POST /v1/validate answers with the JSON of \
      `akn validate --format json` (?profile=none: the schema only); POST /v1/batch takes a zip or tar archive and answers with a \
      zip of the XML files and akn-batch-report.jsonl; GET /healthz. Statuses: 200; 422 for a document that does not \
      convert or is invalid (the findings in the body); 400, 406, 408 and 413 for bad requests; \
      415 for a file type the tool does not read; 503 (with Retry-After) when busy. SIGTERM or \
      SIGINT: the requests in flight are answered, then the server stops. It prints one line on \
      standard output once it listens: `listening on http://HOST:PORT`; it logs to standard error.
      """)

  @Option(help: ArgumentHelp("The address to listen on (0.0.0.0: every interface).", valueName: "address"))
  var host = "127.0.0.1"

  @Option(help: ArgumentHelp("The port (0: a free one, printed).", valueName: "port"))
  var port = 8080

  @Option(help: ArgumentHelp("The largest request body, in MiB.", valueName: "MiB"))
  var maxRequest = ServerOptions().maximumRequestBytes / 1024 / 1024

  @Option(
    name: .customLong("max-request-bytes"),
    help: ArgumentHelp("The largest request body, in bytes (instead of --max-request).", valueName: "bytes"))
  var maxRequestBytes: Int?

  @Option(help: ArgumentHelp("Documents converted at once (default: the processor count).", valueName: "n"))
  var jobs = ServerOptions().concurrentConversions

  @Option(
    help: ArgumentHelp(
      "Requests waiting for a conversion; beyond them, 503 (default: 4 × jobs).", valueName: "n"))
  var queue: Int?

  @Option(help: ArgumentHelp("The longest a request may take, in seconds.", valueName: "seconds"))
  var timeout = 60.0

  @Option(
    help: ArgumentHelp(
      "The mark-up (manifestation) date, YYYY-MM-DD.",
      discussion: "Default: $SOURCE_DATE_EPOCH if set, else the day of each request (UTC).", valueName: "date"
    ))
  var markupDate: String?

  @Option(
    help: ArgumentHelp(
      "The most memory pdftohtml may use reading a PDF, in MiB (0: no limit).", valueName: "MiB"))
  var pdfMemoryLimit = ServerOptions().pdfMemoryLimitBytes / 1024 / 1024

  @OptionGroup var schema: SchemaOptions

  func options() throws -> ServerOptions {
    var options = ServerOptions()
    options.host = host
    options.port = port
    options.maximumRequestBytes = maxRequestBytes ?? maxRequest * 1024 * 1024
    options.concurrentConversions = jobs
    options.queueLength = queue ?? 4 * jobs
    guard timeout > 0, timeout <= 86_400 else {
      throw ValidationError("--timeout \(timeout): expected seconds, more than 0 and at most 86400")
    }
    options.requestTimeout = .milliseconds(Int64(timeout * 1000))
    guard (0...(1 << 30)).contains(pdfMemoryLimit) else {
      throw ValidationError(
        "--pdf-memory-limit \(pdfMemoryLimit): expected a number of MiB from 0 (no limit) up")
    }
    options.pdfMemoryLimitBytes = pdfMemoryLimit * 1024 * 1024
    do {
      options.markupDate = try MarkupDate.fixed(markupDate, environment: ProcessInfo.processInfo.environment)
    } catch {
      throw ValidationError(error.message)
    }
    if let problem = options.problem { throw ValidationError(problem) }
    return options
  }

  func loadSchema() throws -> AKNSchema {
    do {
      return try schema.compile()
    } catch {
      FileHandle.standardError.write(Data("akn serve: error: \(error.message)\n".utf8))
      throw ExitCode(2)
    }
  }

  func run() async throws {
    let options = try options()
    let schema = try loadSchema()
    var logger = Logger(label: "akn-serve")
    logger.logLevel = .notice
    let server = AKNServer(options: options, schema: schema, logger: logger)
    do {
      try await server.run { host, port in
        let shown = host.contains(":") ? "[\(host)]" : host
        FileHandle.standardOutput.write(Data("listening on http://\(shown):\(port)\n".utf8))
      }
    } catch {
      FileHandle.standardError.write(
        Data("akn serve: error: cannot serve on \(options.host):\(options.port): \(error)\n".utf8))
      throw ExitCode(2)
    }
  }
}

// Usage errors exit with 2, as every akn command does.
do {
  let command = try Serve.parse()
  try await command.run()
} catch {
  let code = Serve.exitCode(for: error)
  if code == .validationFailure {
    FileHandle.standardError.write(Data((Serve.fullMessage(for: error) + "\n").utf8))
    exit(2)
  }
  Serve.exit(withError: error)
}
