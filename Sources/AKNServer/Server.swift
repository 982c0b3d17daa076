import AKNModel
public import AKNValidation
import AkomaNtoso
import Dispatch
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
import Synchronization

/// The HTTP API and web page of `akn serve`, on Hummingbird: `GET /` (the page), `GET /healthz`,
/// `POST /v1/convert`, `POST /v1/validate`, `POST /v1/batch` (described by `Schemas/openapi.json`).
///
/// One compiled schema serves every request. At most ``ServerOptions/concurrentConversions``
/// documents are worked on at once, ``ServerOptions/queueLength`` more wait, the rest get 503
/// with `Retry-After`; a request body over ``ServerOptions/maximumRequestBytes`` gets 413; a
/// request not answered within ``ServerOptions/requestTimeout`` gets 408 (body still arriving)
/// or 503. Nothing is written to disk but the temporary file of a PDF's extraction, removed.
/// The server never prints: it logs to the `Logger` it is given (none by default).
public struct AKNServer: Sendable {
  /// The options it runs with.
  public let options: ServerOptions
  let api: API
  let admission: Admission
  let logger: Logger

  /// A server with `options`, checking against `schema`; it logs to `logger` (default: nowhere).
  public init(options: ServerOptions, schema: AKNSchema, logger: Logger? = nil) {
    self.options = options
    self.api = API(
      converter: Converter(schema: schema),
      validators: Dictionary(
        uniqueKeysWithValues: ValidationProfile.allCases.map {
          ($0, Validator(schema: schema, profile: $0, maximumBytes: options.maximumRequestBytes))
        }),
      options: options)
    self.admission = Admission(slots: options.concurrentConversions, queueLength: options.queueLength)
    self.logger = logger ?? Logger(label: "akn-serve", factory: { _ in SwiftLogNoOpLogHandler() })
  }

  /// Listens and answers until SIGTERM or SIGINT, then finishes the requests in flight and
  /// returns. `onListening` is called once with the host and the port bound (the free port
  /// taken for port 0).
  public func run(onListening: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in })
    async throws
  {
    let router = Router()
    router.add(middleware: ProblemErrors())
    let admission = self.admission
    router.get("/healthz") { _, _ in
      // The documents being worked on, waiting, and let in since the start.
      let load = admission.load
      let body =
        #"{"admitted":\#(load.admitted),"status":"ok","waiting":\#(load.waiting),"working":\#(load.running)}"#
      return Self.response(Answer(status: 200, contentType: "application/json", body: Array(body.utf8)))
    }
    router.get("/") { _, _ in
      Self.response(Answer(status: 200, contentType: "text/html; charset=utf-8", body: Array(Page.html.utf8)))
    }
    router.post("/v1/convert") { request, _ in
      await self.answer(request) { api, upload, headers in
        guard let representation = Representation.preferred(accept: headers[.accept]) else {
          return .problem(
            406, "Not acceptable",
            detail:
              "the API answers with application/xml (the AKN), application/json (the model and report), text/html (the preview) or multipart/form-data (the preview and the AKN of one conversion)"
          )
        }
        return api.convert(upload.bytes, fileName: upload.fileName, as: representation)
      }
    }
    router.post("/v1/batch") { request, _ in
      await self.answer(request) { api, upload, _ in api.batch(upload.bytes) }
    }
    router.post("/v1/validate") { request, _ in
      // `?profile=akn4un` (the default) or `?profile=none`, as `akn validate --profile`.
      let asked = request.uri.queryParameters.get("profile")
      guard let profile = asked.map({ ValidationProfile(rawValue: $0) }) ?? .akn4un else {
        let names = ValidationProfile.allCases.map(\.rawValue).joined(separator: " or ")
        return Self.response(
          .problem(400, "Bad request", detail: "profile=\(asked ?? ""): expected \(names)"), close: true)
      }
      return await self.answer(request) { api, upload, _ in
        api.validate(upload.bytes, fileName: upload.fileName, profile: profile)
      }
    }
    let host = options.host
    let app = Application(
      router: router,
      server: .http1(
        configuration: .init(idleTimeout: .seconds(Int64(options.requestTimeout.components.seconds) + 1))),
      configuration: .init(address: .hostname(host, port: options.port), serverName: "akn"),
      onServerRunning: { channel in
        onListening(host, channel.localAddress?.port ?? 0)
      },
      logger: logger)
    try await app.runService()
  }

  /// The upload of a request: its body, or the file part of a multipart form.
  struct Upload: Sendable {
    var bytes: [UInt8]
    var fileName: String?
  }

  /// Reads the request's body (413 over the limit, 400 for a malformed form, 408 when it does
  /// not arrive in time), waits for a slot (503 when the line is full), then runs `work` on a
  /// thread of its own, within the request's time.
  func answer(
    _ request: Request, _ work: @escaping @Sendable (API, Upload, HTTPFields) -> Answer
  ) async -> Response {
    let started = ContinuousClock.now
    let limit = options.maximumRequestBytes
    if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
      return Self.response(Self.tooLarge(limit))
    }
    let body = request.body
    // Structured, so that the body is no longer read once this returns: the server reads
    // what is left of it after the answer, and two readers at once would be fatal.
    let timeout = options.requestTimeout
    let received = await withTaskGroup(of: Result<[UInt8], BodyError>?.self) { group in
      group.addTask {
        var bytes: [UInt8] = []
        do {
          for try await buffer in body {
            guard bytes.count + buffer.readableBytes <= limit else { return .failure(.tooLarge) }
            bytes += buffer.readableBytesView
          }
        } catch {
          return .failure(.unreadable)
        }
        return .success(bytes)
      }
      group.addTask {
        try? await Task.sleep(for: timeout)
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first
    }
    let upload: Upload
    switch received {
    case nil:
      return Self.response(
        .problem(
          408, "Request timeout",
          detail: "the request body did not arrive within \(Self.seconds(options.requestTimeout)) seconds"),
        close: true)
    case .failure(.tooLarge)?:
      return Self.response(Self.tooLarge(limit), close: true)
    case .failure(.unreadable)?:
      return Self.response(
        .problem(400, "Bad request", detail: "the request body could not be read"), close: true)
    case .success(let bytes)?:
      upload = Upload(bytes: bytes)
    }
    // A malformed Content-Type is answered at once; the body's parts are read in the slot.
    var boundary: String?
    if let type = request.headers[.contentType] {
      do {
        boundary = try MultipartFile.boundary(contentType: type)
      } catch {
        return Self.response(.problem(400, "Malformed multipart/form-data body", detail: error.message))
      }
    }
    let partsBoundary = boundary
    let finalUpload = upload
    let remaining = options.requestTimeout - (ContinuousClock.now - started)
    guard await admission.enter() else {
      var answer = Answer.problem(
        503, "Busy",
        detail:
          "the server is converting as many documents as it takes at once, and its queue is full: retry after \(options.retryAfterSeconds) seconds"
      )
      answer.headers.append(("Retry-After", String(options.retryAfterSeconds)))
      return Self.response(answer)
    }
    let api = self.api
    let admission = self.admission
    let headers = request.headers
    let answer = await withDeadline(max(remaining, .milliseconds(1))) {
      await withCheckedContinuation { (continuation: CheckedContinuation<Answer, Never>) in
        DispatchQueue.global().async {
          let answer: Answer
          if let partsBoundary {
            do throws(MultipartFile.Malformed) {
              let file = try MultipartFile.parse(finalUpload.bytes, boundary: partsBoundary)
              let upload = Upload(
                bytes: file.bytes, fileName: file.fileName.flatMap { $0.isEmpty ? nil : $0 })
              answer = work(api, upload, headers)
            } catch {
              answer = .problem(400, "Malformed multipart/form-data body", detail: error.message)
            }
          } else {
            answer = work(api, finalUpload, headers)
          }
          admission.leave()
          continuation.resume(returning: answer)
        }
      }
    }
    guard let answer else {
      return Self.response(
        .problem(
          503, "Timeout",
          detail: "the document was not done within \(Self.seconds(options.requestTimeout)) seconds"))
    }
    return Self.response(answer)
  }

  private enum BodyError: Error {
    case tooLarge, unreadable
  }

  static func tooLarge(_ limit: Int) -> Answer {
    .problem(413, "Request too large", detail: "the request body is over the limit of \(limit) bytes")
  }

  static func seconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return attoseconds == 0 ? String(seconds) : String(Double(seconds) + Double(attoseconds) / 1e18)
  }

  /// The Hummingbird response of `answer`; `close` asks the client to close the connection
  /// (after a body that was not read to its end).
  static func response(_ answer: Answer, close: Bool = false) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = answer.contentType
    headers[.contentLength] = String(answer.body.count)
    for (name, value) in answer.headers {
      if let field = HTTPField.Name(name) { headers[field] = value }
    }
    if close { headers[.connection] = "close" }
    headers[.init("X-Content-Type-Options")!] = "nosniff"
    return Response(
      status: HTTPResponse.Status(code: answer.status), headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
  }
}

/// Hummingbird's own errors (a path or method the API does not have: 404) answered as the API
/// answers every error, `application/problem+json` naming what there is.
struct ProblemErrors<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    do {
      return try await next(request, context)
    } catch let error as HTTPError {
      let status = Int(error.status.code)
      return AKNServer.response(
        .problem(
          status, error.status.reasonPhrase,
          detail:
            "\(request.method) \(request.uri.path) is not part of the API: GET /, GET /healthz, POST /v1/convert, POST /v1/validate, POST /v1/batch (Schemas/openapi.json)"
        ))
    }
  }
}
