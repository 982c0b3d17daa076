import Foundation
import Synchronization
import Testing

/// An HTTP answer as the tests' own client read it.
struct HTTPAnswer: Sendable {
  var status: Int
  var headers: [String: String]
  var body: [UInt8]
  var text: String { String(decoding: body, as: UTF8.self) }
  var contentType: String { headers["content-type"] ?? "" }
  /// The body as a JSON object, or nil.
  var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
  /// The rule ids of the body's `errors`.
  var errorRules: [String] {
    ((json?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
  }
}

/// A minimal HTTP/1.1 client over a POSIX socket (no library in between), so that the tests
/// control every byte and every pause: one request per connection, `Connection: close`.
struct HTTPClient: Sendable {
  var port: Int

  /// A connected socket to 127.0.0.1:`port`, with a 120 s guard against hangs on reads and writes.
  func connect() throws -> Int32 {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw POSIXError(.EIO) }
    var guardTime = timeval(tv_sec: 120, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &guardTime, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &guardTime, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      close(socket)
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    return socket
  }

  static func send(_ socket: Int32, _ bytes: [UInt8]) -> Bool {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes {
        Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      sent += count
    }
    return true
  }

  /// Reads one answer: the head, then the body by its Content-Length (or to the end).
  static func receive(_ socket: Int32) -> HTTPAnswer? {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var headEnd: Int?
    var expected: Int?
    var answer = HTTPAnswer(status: 0, headers: [:], body: [])
    while true {
      if let headEnd, let expected, data.count - headEnd >= expected { break }
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      data += buffer[0..<count]
      if headEnd == nil, let end = find([13, 10, 13, 10], in: data) {
        headEnd = end + 4
        let head = String(decoding: data[0..<end], as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = head.first else { return nil }
        answer.status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        for line in head.dropFirst() {
          guard let colon = line.firstIndex(of: ":") else { continue }
          answer.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
            .trimmingCharacters(in: .whitespaces)
        }
        expected = answer.headers["content-length"].flatMap { Int($0) }
      }
    }
    guard let headEnd else { return nil }
    answer.body = Array(data[headEnd...])
    return answer
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for index in 0...(haystack.count - needle.count)
    where haystack[index..<(index + needle.count)].elementsEqual(needle) {
      return index
    }
    return nil
  }

  /// The bytes of a request with `body` and `headers` (Content-Length added).
  static func request(
    _ method: String, _ path: String, body: [UInt8] = [], headers: [String: String] = [:]
  ) -> [UInt8] {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    if method != "GET" || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
    return Array((head + "\r\n").utf8) + body
  }

  /// Sends a request and reads its answer; nil when the connection closed without one.
  func send(
    _ method: String, _ path: String, body: [UInt8] = [], headers: [String: String] = [:]
  ) throws -> HTTPAnswer? {
    let socket = try connect()
    defer { close(socket) }
    guard Self.send(socket, Self.request(method, path, body: body, headers: headers)) else { return nil }
    return Self.receive(socket)
  }

  /// A multipart/form-data body with one file part named `file` (and an empty text part, as the
  /// page's form sends when no text is pasted).
  static func multipart(_ bytes: [UInt8], fileName: String) -> (body: [UInt8], contentType: String) {
    let boundary = "----akn-test-\(UUID().uuidString)"
    var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\r\n".utf8)
    body += Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        .utf8)
    body += bytes
    body += Array("\r\n--\(boundary)--\r\n".utf8)
    return (body, "multipart/form-data; boundary=\(boundary)")
  }

  /// The parts of a `multipart/form-data` answer by name: each part's bytes, and its file name.
  static func formParts(_ answer: HTTPAnswer) -> [String: (fileName: String?, body: [UInt8])]? {
    guard let range = answer.contentType.range(of: "boundary=") else { return nil }
    let delimiter = Array("--\(answer.contentType[range.upperBound...])".utf8)
    let body = answer.body
    // The offsets where a delimiter line starts.
    var starts: [Int] = []
    var index = 0
    while index + delimiter.count <= body.count {
      if body[index..<index + delimiter.count].elementsEqual(delimiter) {
        starts.append(index)
        index += delimiter.count
      } else {
        index += 1
      }
    }
    var parts: [String: (fileName: String?, body: [UInt8])] = [:]
    for (start, end) in zip(starts, starts.dropFirst()) {
      let part = Array(body[(start + delimiter.count + 2)..<(end - 2)])
      let text = String(decoding: part, as: UTF8.self)
      guard let blank = text.range(of: "\r\n\r\n") else { return nil }
      let head = text[..<blank.lowerBound]
      func parameter(_ name: String) -> String? {
        guard let found = head.range(of: "\(name)=\"") else { return nil }
        return String(head[found.upperBound...].prefix { $0 != "\"" })
      }
      guard let name = parameter("name") else { return nil }
      let headBytes = head.utf8.count + 4
      parts[name] = (parameter("filename"), Array(part[headBytes...]))
    }
    return parts
  }
}

/// A running `akn-serve` on a free loopback port, stopped (SIGKILL if need be) when released.
final class ServerProcess: @unchecked Sendable {
  let process = Process()
  let port: Int
  let errorFile: URL
  var client: HTTPClient { HTTPClient(port: port) }

  /// `akn-serve`, built beside `akn`.
  static var executable: URL {
    AKN.executable.deletingLastPathComponent().appendingPathComponent("akn-serve")
  }

  /// Starts `program` (default `akn-serve`) with `--port 0` and `arguments`, and waits (60 s at
  /// most, against hangs) for the line that names the port.
  init(_ arguments: [String] = [], program: [String]? = nil) throws {
    process.executableURL = program.map { URL(fileURLWithPath: $0[0]) } ?? Self.executable
    process.arguments = (program.map { Array($0.dropFirst()) } ?? []) + ["--port", "0"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = "1767225600"  // the golden file's mark-up date
    process.environment = environment
    let output = Pipe()
    errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-serve-log-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    // The first line: `listening on http://127.0.0.1:PORT`, read byte by byte (bounded).
    let found = Mutex<Int?>(nil)
    let reader = output.fileHandleForReading
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      var line: [UInt8] = []
      while line.count < 200 {
        let byte = reader.readData(ofLength: 1)
        guard let first = byte.first, first != 10 else { break }
        line.append(first)
      }
      let text = String(decoding: line, as: UTF8.self)
      if text.hasPrefix("listening on http://127.0.0.1:"),
        let port = Int(text.split(separator: ":").last ?? "")
      {
        found.withLock { $0 = port }
      }
      done.signal()
    }
    _ = done.wait(timeout: .now() + 60)
    guard let port = found.withLock({ $0 }) else {
      process.terminate()
      let log = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
      throw ServerError(message: "akn-serve did not say its port: \(log)")
    }
    self.port = port
  }

  struct ServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// What the server wrote on standard error.
  var log: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

  /// Sends `signal` and waits (120 s at most) for the server to end; its exit status, or nil.
  func stop(signal: Int32 = SIGTERM) -> Int32? {
    kill(process.processIdentifier, signal)
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    guard !process.isRunning else { return nil }
    return process.terminationStatus
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: errorFile)
  }
}

/// Checks answers against `Schemas/openapi.json`: the status and content type declared for the
/// path and method, and a JSON body valid against the JSON Schema the file references.
enum OpenAPI {
  static let file = AKN.root.appendingPathComponent("Schemas/openapi.json")

  /// Checks every answer: its status and content type are declared for its path and method
  /// (and Retry-After where declared); JSON bodies are checked against their schemas, one
  /// check-jsonschema run per schema.
  static func check(_ answers: [(answer: HTTPAnswer, method: String, path: String)]) throws {
    let spec = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    let paths = try #require(spec["paths"] as? [String: Any])
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var bodies: [String: [String]] = [:]
    for (index, (answer, method, target)) in answers.enumerated() {
      let what = "\(method) \(target) \(answer.status)"
      // The path without its query (the query's parameters are the operation's).
      let path = String(target.prefix { $0 != "?" })
      let operation = try #require(
        (paths[path] as? [String: Any])?[method.lowercased()] as? [String: Any],
        "\(method) \(path) is not in the OpenAPI file")
      let responses = try #require(operation["responses"] as? [String: Any])
      let response = try #require(
        responses[String(answer.status)] as? [String: Any],
        "\(what) is not in the OpenAPI file: \(answer.text.prefix(300))")
      let type = answer.contentType.split(separator: ";").first.map(String.init) ?? ""
      let content = try #require(response["content"] as? [String: Any], "\(what)")
      let media = try #require(content[type] as? [String: Any], "\(what): \(type) is not in the OpenAPI file")
      if (response["headers"] as? [String: Any])?["Retry-After"] != nil, answer.text.contains("retry after") {
        #expect(answer.headers["retry-after"] != nil, "\(what): no Retry-After")
      }
      guard type.hasSuffix("json"), let schema = (media["schema"] as? [String: Any])?["$ref"] as? String
      else { continue }
      #expect(!answer.text.contains(":null"), "\(what): \(answer.text.prefix(300))")
      let body = folder.appendingPathComponent("\(index).json")
      try Data(answer.body).write(to: body)
      bodies[schema, default: []].append(body.path)
    }
    for (schema, files) in bodies.sorted(by: { $0.key < $1.key }) {
      try JSONSchemaValidator.check(
        files, against: file.deletingLastPathComponent().appendingPathComponent(schema))
    }
  }
}
