import Foundation
import Synchronization
import Testing

/// `akn serve` (the `akn-serve` program) over real HTTP on a free loopback port: every endpoint
/// and status against `Schemas/openapi.json`, the limits (request size, slow client, the queue),
/// SIGTERM under load, and the CLI's hostile inputs. Time limits are guards against hangs only.
@Suite(.serialized)
struct ServeCommandTests {
  static let seed = { () -> [UInt8] in [UInt8]((try? Data(contentsOf: AKN.seed)) ?? Data()) }()
  static let golden = { () -> [UInt8] in [UInt8]((try? Data(contentsOf: AKN.golden)) ?? Data()) }()
  static let notAResolution = Array(
    "Minutes of the meeting\n\nThe committee met on Tuesday and agreed to meet again next week.\n".utf8)
  static let brokenAKN = Array(
    "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act/></akomaNtoso>\n".utf8)

  @Test("every endpoint and status, each answer as the OpenAPI file declares it")
  func everyEndpointAndStatus() throws {
    let server = try ServerProcess(["--max-request-bytes", "1000000"])
    let client = server.client
    var answers: [(answer: HTTPAnswer, method: String, path: String)] = []
    func send(
      _ method: String, _ path: String, body: [UInt8] = [], headers: [String: String] = [:]
    ) throws -> HTTPAnswer {
      let answer = try #require(
        try client.send(method, path, body: body, headers: headers), "\(method) \(path)")
      answers.append((answer, method, path))
      return answer
    }

    let health = try send("GET", "/healthz")
    #expect(health.status == 200 && health.json?["status"] as? String == "ok", "\(health.text)")
    let page = try send("GET", "/")
    #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
    #expect(
      page.text.contains(
        "<form id=\"form\" action=\"/v1/convert\" method=\"post\" enctype=\"multipart/form-data\">"))
    #expect(!page.text.contains("http://") && !page.text.contains("https://"), "the page loads nothing")

    // The AKN: the same bytes as `akn convert` writes (the golden file), whatever the
    // Content-Type says (curl --data-binary sends a form type).
    let xml = try send("POST", "/v1/convert", body: Self.seed)
    #expect(xml.status == 200 && xml.contentType.hasPrefix("application/xml"))
    #expect(xml.body == Self.golden, "\(xml.text.prefix(300))")
    #expect(xml.headers["akn-warnings"] == "0")
    let curlLike = try send(
      "POST", "/v1/convert", body: Self.seed,
      headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/xml"])
    #expect(curlLike.status == 200 && curlLike.body == Self.golden)

    // The JSON: exactly what `akn convert FILE --format json` prints (the file name's hints too).
    let form = HTTPClient.multipart(Self.seed, fileName: "A_RES_67_27.txt")
    let json = try send(
      "POST", "/v1/convert", body: form.body,
      headers: ["Content-Type": form.contentType, "Accept": "application/json"])
    let cli = try AKN.run(["convert", AKN.seed.path, "--format", "json", "--quiet"])
    #expect(cli.status == 0)
    #expect(json.status == 200 && json.body == cli.stdout, "\(json.text.prefix(300))")

    // The preview, of a converted text and of an AKN file as it is.
    let html = try send("POST", "/v1/convert", body: Self.seed, headers: ["Accept": "text/html"])
    #expect(html.status == 200 && html.contentType.hasPrefix("text/html") && html.text.contains("67/27"))
    // The preview `akn preview` shows: the document beside its source, each block linked to its lines.
    #expect(html.text.contains("aria-label=\"The source\"") && html.text.contains("id=\"src-L25\""))
    #expect(html.text == (try AKN.run(["preview", AKN.seed.path])).output)
    // What the page asks for: the preview and the AKN of one conversion, as two parts.
    let both = try send("POST", "/v1/convert", body: Self.seed, headers: ["Accept": "multipart/form-data"])
    #expect(both.status == 200 && both.contentType.hasPrefix("multipart/form-data; boundary=akn-"))
    let parts = try #require(HTTPClient.formParts(both), "\(both.text.prefix(300))")
    #expect(Set(parts.keys) == ["preview", "xml"])
    #expect(parts["preview"]?.body == html.body && parts["preview"]?.fileName == nil)
    #expect(parts["xml"]?.body == Self.golden && parts["xml"]?.fileName == "document.xml")
    #expect(both.headers["akn-warnings"] == "0")
    // An AKN file is rendered as it is: the preview alone.
    let aknBoth = try send(
      "POST", "/v1/convert", body: Self.golden, headers: ["Accept": "multipart/form-data"])
    #expect(aknBoth.status == 200 && HTTPClient.formParts(aknBoth).map { Array($0.keys) } == ["preview"])
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    let aknPreview = try send("POST", "/v1/convert", body: Self.golden, headers: ["Accept": browser])
    #expect(aknPreview.status == 200 && aknPreview.text.contains("<html"), "\(aknPreview.text.prefix(300))")

    // Statuses of documents that do not convert and of bad requests.
    let akn = try send("POST", "/v1/convert", body: Self.golden, headers: ["Accept": "application/xml"])
    #expect(akn.status == 415 && akn.errorRules == ["input.type"], "\(akn.text)")
    let notAResolution = try send("POST", "/v1/convert", body: Self.notAResolution)
    #expect(notAResolution.status == 422 && !notAResolution.errorRules.isEmpty, "\(notAResolution.text)")
    #expect(try send("POST", "/v1/convert").status == 400)
    let malformed = try send(
      "POST", "/v1/convert", body: Array("no boundary here".utf8),
      headers: ["Content-Type": "multipart/form-data; boundary=xyz"])
    #expect(malformed.status == 400, "\(malformed.text)")
    // A form cut before its closing boundary: 400, saying so (not the part read as a whole file).
    let upload = HTTPClient.multipart(Self.seed, fileName: "A_RES_67_27.txt")
    let cut = try send(
      "POST", "/v1/convert", body: Array(upload.body.prefix(upload.body.count - 60)),
      headers: ["Content-Type": upload.contentType])
    #expect(cut.status == 400 && cut.text.contains("closing boundary"), "\(cut.text)")
    let image = try send("POST", "/v1/convert", body: Self.seed, headers: ["Accept": "image/png"])
    #expect(image.status == 406)
    // A path or method the API does not have: 404 as problem+json naming the API's paths.
    for (method, path) in [("GET", "/v2/convert"), ("GET", "/v1/convert"), ("DELETE", "/")] {
      // Not in the OpenAPI file's paths (nothing to check there): sent outside `answers`.
      let missing = try #require(try client.send(method, path, body: [], headers: [:]))
      #expect(missing.status == 404 && missing.contentType == "application/problem+json", "\(method) \(path)")
      #expect(missing.text.contains("POST /v1/convert"), "\(missing.text)")
      let folder = try AKN.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let body = folder.appendingPathComponent("404.json")
      try Data(missing.body).write(to: body)
      try JSONSchemaValidator.check(
        [body.path], against: AKN.root.appendingPathComponent("Schemas/json/problem.schema.json"))
    }
    let large = [UInt8](repeating: UInt8(ascii: "a"), count: 1_500_000)
    let tooLarge = try send("POST", "/v1/convert", body: large)
    #expect(tooLarge.status == 413, "\(tooLarge.text)")

    // Validation: the JSON of `akn validate --format json` (but for the path).
    let valid = try send("POST", "/v1/validate", body: Self.golden)
    let cliValid = try AKN.run(["validate", "--format", "json", "-"], stdin: Self.golden)
    #expect(valid.status == 200)
    #expect(
      valid.text + "\n" == cliValid.output.replacingOccurrences(of: "\"<stdin>\"", with: "\"<request>\""))
    let invalid = try send("POST", "/v1/validate", body: Self.brokenAKN)
    #expect(invalid.status == 422 && invalid.json?["outcome"] as? String == "invalid", "\(invalid.text)")
    let text = try send("POST", "/v1/validate", body: Self.seed)
    #expect(text.status == 415 && text.errorRules == ["input.not-xml"], "\(text.text)")
    #expect(try send("POST", "/v1/validate", body: large).status == 413)
    let named = HTTPClient.multipart(Self.golden, fileName: "A_RES_67_27.xml")
    let validForm = try send(
      "POST", "/v1/validate", body: named.body, headers: ["Content-Type": named.contentType])
    #expect(validForm.status == 200 && validForm.json?["path"] as? String == "A_RES_67_27.xml")
    // ?profile=none checks the official schema only, as `akn validate --profile none` does.
    let twoLetters = Array(
      String(decoding: Self.golden, as: UTF8.self).replacingOccurrences(
        of: #"<FRBRlanguage language="eng"/>"#, with: #"<FRBRlanguage language="en"/>"#
      ).utf8)
    let akn4un = try send("POST", "/v1/validate?profile=akn4un", body: twoLetters)
    let byDefault = try send("POST", "/v1/validate", body: twoLetters)
    #expect(akn4un.status == 422 && akn4un.text == byDefault.text, "\(akn4un.text)")
    let schemaOnly = try send("POST", "/v1/validate?profile=none", body: twoLetters)
    let cliSchemaOnly = try AKN.run(
      ["validate", "--format", "json", "--profile", "none", "-"], stdin: twoLetters)
    #expect(schemaOnly.status == 200, "\(schemaOnly.text)")
    #expect(
      schemaOnly.text + "\n"
        == cliSchemaOnly.output.replacingOccurrences(of: "\"<stdin>\"", with: "\"<request>\""))
    let noProfile = try send("POST", "/v1/validate?profile=strictest", body: Self.golden)
    #expect(
      noProfile.status == 400 && noProfile.contentType == "application/problem+json", "\(noProfile.text)")
    #expect(noProfile.text.contains("expected akn4un or none"), "\(noProfile.text)")

    #expect(try client.send("GET", "/nowhere")?.status == 404)
    try OpenAPI.check(answers)
    #expect(server.stop() == 0, "\(server.log)")
  }

  @Test("a PDF posted as curl --data-binary sends it comes back as AKN")
  func aPDFComesBackAsAKN() throws {
    guard let shared = AKN.shared else {
      print("skipped: ../shared (the corpus) is absent")
      return
    }
    let folder = shared.appendingPathComponent("corpus/dev-pdf")
    let name = try #require(
      (try FileManager.default.contentsOfDirectory(atPath: folder.path)).filter { $0.hasSuffix(".pdf") }
        .sorted().first)
    let pdf = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    let server = try ServerProcess()
    let answer = try #require(
      try server.client.send(
        "POST", "/v1/convert", body: pdf,
        headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/xml"]))
    #expect(answer.status == 200 && answer.text.contains("<akomaNtoso"), "\(answer.text.prefix(500))")
  }

  @Test("a body over the limit, declared or sent, gets 413 and the server goes on")
  func aBodyOverTheLimit() throws {
    let server = try ServerProcess(["--max-request-bytes", "5000"])
    let client = server.client
    // The seed (7.5 kB) is over 5000 bytes: refused by its Content-Length, unread.
    let declared = try #require(try client.send("POST", "/v1/convert", body: Self.seed))
    #expect(declared.status == 413 && declared.json?["title"] as? String == "Request too large")
    // Sent in chunks without a length: refused once 5000 bytes have arrived.
    let socket = try client.connect()
    defer { close(socket) }
    let head =
      "POST /v1/convert HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    var request = Array(head.utf8)
    for _ in 0..<8 { request += Array("3e8\r\n".utf8) + [UInt8](repeating: 97, count: 1000) + [13, 10] }
    request += Array("0\r\n\r\n".utf8)
    _ = HTTPClient.send(socket, request)
    #expect(HTTPClient.receive(socket)?.status == 413)
    #expect(try client.send("GET", "/healthz")?.status == 200)
  }

  @Test("a slow client gets 408 after the request timeout, and the server answers others meanwhile")
  func aSlowClient() throws {
    let server = try ServerProcess(["--timeout", "2"])
    let client = server.client
    let socket = try client.connect()
    defer { close(socket) }
    let head = "POST /v1/convert HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
    #expect(HTTPClient.send(socket, Array(head.utf8) + Array(Self.seed.prefix(10))))
    #expect(try client.send("GET", "/healthz")?.status == 200)
    let answer = HTTPClient.receive(socket)
    #expect(answer?.status == 408, "\(answer?.text ?? "no answer")")
    #expect(try client.send("POST", "/v1/convert", body: Self.seed)?.body == Self.golden)
  }

  /// Runs `count` requests on threads of their own at once; their answers (nil: none).
  static func concurrently(_ count: Int, _ request: @escaping @Sendable (Int) -> HTTPAnswer?) -> [HTTPAnswer?]
  {
    let answers = Mutex([HTTPAnswer?](repeating: nil, count: count))
    let group = DispatchGroup()
    for index in 0..<count {
      group.enter()
      let thread = Thread {
        let answer = request(index)
        answers.withLock { $0[index] = answer }
        group.leave()
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    _ = group.wait(timeout: .now() + 600)
    return answers.withLock { $0 }
  }

  @Test("100 conversions at once: each answered with the whole document or 503 with Retry-After")
  func aHundredConcurrentConversions() throws {
    let server = try ServerProcess(["--jobs", "2", "--queue", "4"])
    let client = server.client
    let answers = Self.concurrently(100) { _ in try? client.send("POST", "/v1/convert", body: Self.seed) }
    var converted = 0
    var busy = 0
    for answer in answers {
      guard let answer else {
        Issue.record("a request got no answer")
        continue
      }
      if answer.status == 200 {
        #expect(answer.body == Self.golden)
        converted += 1
      } else {
        #expect(
          answer.status == 503 && answer.headers["retry-after"] == "2", "\(answer.status) \(answer.text)")
        busy += 1
      }
    }
    #expect(converted + busy == 100)
    #expect(converted >= 1)
    print("100 concurrent conversions: \(converted) converted, \(busy) answered 503")
    if let refused = answers.compactMap({ $0 }).first(where: { $0.status == 503 }) {
      try OpenAPI.check([(refused, "POST", "/v1/convert")])
    }
    // Memory stays bounded: the queue, not the number of clients, holds documents.
    let status = try String(
      contentsOfFile: "/proc/\(server.process.processIdentifier)/status", encoding: .utf8)
    let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    let kilobytes = peak.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1]) } ?? 0
    #expect(kilobytes > 0 && kilobytes < 1_048_576, "peak resident memory \(kilobytes) kB")
    #expect(try client.send("GET", "/healthz")?.json?["working"] as? Int == 0)
  }

  @Test("SIGTERM under load: every request let in is answered in full, then the server exits 0")
  func sigtermUnderLoad() throws {
    let server = try ServerProcess(["--jobs", "1", "--queue", "20"])
    let client = server.client
    let count = 8
    let answers = Mutex<[HTTPAnswer?]>([])
    let group = DispatchGroup()
    group.enter()
    Thread {
      let all = Self.concurrently(count) { _ in try? client.send("POST", "/v1/convert", body: Self.seed) }
      answers.withLock { $0 = all }
      group.leave()
    }.start()
    // Until every request has been let in (bounded).
    var admitted = 0
    for _ in 0..<6000 where admitted < count {
      admitted = (try? client.send("GET", "/healthz"))??.json?["admitted"] as? Int ?? 0
      if admitted < count { usleep(10_000) }
    }
    #expect(admitted == count)
    let status = server.stop(signal: SIGTERM)
    _ = group.wait(timeout: .now() + 600)
    let all = answers.withLock { $0 }
    #expect(all.count == count)
    for answer in all {
      #expect(answer?.status == 200 && answer?.body == Self.golden, "\(answer?.status ?? 0)")
    }
    #expect(status == 0, "\(server.log)")
  }

  @Test("the CLI's hostile inputs, posted: 4xx with the findings the CLI gives")
  func hostileInputs() throws {
    let server = try ServerProcess()
    let client = server.client
    let laughs = Array(
      """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
      <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&lol1;</akomaNtoso>
      """.utf8)
    var cases = try FileTypeExitCodeTests.kinds.map { ($0.name, try $0.bytes()) }
    cases += [
      ("billion laughs", laughs), ("damaged PDF", Array("%PDF-1.4\n%%EOF\n".utf8)),
      ("not a resolution", Self.notAResolution),
      ("NUL bytes", Array(Self.seed.prefix(500)) + [0, 0, 0, 0] + Self.seed),
    ]
    for (name, bytes) in cases {
      // Convert: what `akn convert -` says, the same message, as a 4xx (the AKN file as 415).
      let answer = try #require(
        try client.send("POST", "/v1/convert", body: bytes, headers: ["Accept": "application/xml"]), "\(name)"
      )
      let cli = try AKN.run(["convert", "-"], stdin: bytes)
      #expect(cli.status != 0, "\(name)")
      #expect((400..<500).contains(answer.status), "\(name): \(answer.status) \(answer.text)")
      let messages = ((answer.json?["errors"] as? [[String: Any]]) ?? []).compactMap {
        $0["message"] as? String
      }
      #expect(!messages.isEmpty, "\(name): \(answer.text)")
      for message in messages.prefix(3) {
        #expect(cli.stderr.contains(message), "\(name): \(message) is not in: \(cli.stderr)")
      }
      // Validate: the rules of `akn validate --format json -`.
      let report = try #require(try client.send("POST", "/v1/validate", body: bytes), "\(name)")
      let cliReport = try AKN.run(["validate", "--format", "json", "-"], stdin: bytes)
      let expected = HTTPAnswer(status: 0, headers: [:], body: cliReport.stdout).errorRules
      if name == "AKN XML" {
        #expect(report.status == 200)
      } else {
        #expect((400..<500).contains(report.status), "\(name): \(report.status) \(report.text)")
        #expect(report.errorRules == expected && !expected.isEmpty, "\(name): \(report.text)")
      }
    }
    // A multipart body built against a naive boundary search (71 of the 72 delimiter bytes, then
    // not: quadratic for it; linear here): answered, 400.
    let dashes = String(repeating: "-", count: 70)
    let hostileForm = try #require(
      try client.send(
        "POST", "/v1/convert",
        body: Array(repeating: Array((String(repeating: "-", count: 71) + "x").utf8), count: 50_000).flatMap {
          $0
        },
        headers: ["Content-Type": "multipart/form-data; boundary=\(dashes)"]))
    #expect(hostileForm.status == 400, "\(hostileForm.text)")
    #expect(try client.send("GET", "/healthz")?.status == 200)
  }

  @Test("a zip posted to /v1/batch comes back as a zip of what akn batch writes for it, its report first")
  func aZipComesBackAsAZipOfResults() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let seed = String(decoding: Self.seed, as: UTF8.self)
    let archive = folder.appendingPathComponent("in.zip")
    try BatchFixtures.archive(
      [
        .init(name: "docs/A_RES_67_27.txt", data: seed),
        .init(name: "docs/bad.txt", data: "Minutes\n\nWe met.\n"),
        .init(name: "../up.txt", data: seed), .init(name: "README.md", data: "notes"),
      ], at: archive)
    let bytes = [UInt8](try Data(contentsOf: archive))
    let server = try ServerProcess()
    let temporary = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
    let answer = try #require(try server.client.send("POST", "/v1/batch", body: bytes))
    #expect(answer.status == 200 && answer.contentType == "application/zip", "\(answer.text.prefix(300))")
    #expect(answer.headers["akn-converted"] == "1" && answer.headers["akn-failed"] == "2")
    let notAnArchive = try #require(try server.client.send("POST", "/v1/batch", body: Self.seed))
    #expect(notAnArchive.status == 415)
    try OpenAPI.check([(answer, "POST", "/v1/batch"), (notAnArchive, "POST", "/v1/batch")])
    // Nothing left in the temporary folder.
    let after = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
    #expect(
      after.subtracting(temporary).filter { $0.hasPrefix("akn-serve-") && !$0.hasPrefix("akn-serve-log-") }
        .isEmpty)

    // The same as `akn batch` of the same archive: the documents and the report (but timings
    // and the settings string).
    let results = folder.appendingPathComponent("results.zip")
    try Data(answer.body).write(to: results)
    let served = folder.appendingPathComponent("served")
    let unzip = try JSONSchemaValidator.run([
      "python3", "-c",
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None;"
        + " assert z.namelist()[0] == 'akn-batch-report.jsonl'; z.extractall(sys.argv[2])", results.path,
      served.path,
    ])
    #expect(unzip.status == 0, "\(unzip.output)")
    let cli = folder.appendingPathComponent("cli")
    let run = try AKN.run(["batch", archive.path, "-o", cli.path, "--quiet", "--jobs", "1"])
    #expect(run.status == 1, "\(run.stderr)")
    let servedFiles = try BatchFixtures.files(under: served)
    #expect(servedFiles.keys.sorted() == ["docs/A_RES_67_27.xml"])
    #expect(servedFiles == (try BatchFixtures.files(under: cli)))
    func comparable(_ folder: URL) throws -> [String] {
      try BatchFixtures.report(in: folder).map { record in
        var record = record
        record["ms"] = nil
        record["options"] = nil
        return String(
          decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
      }
    }
    #expect(try comparable(served) == (try comparable(cli)))
  }

  @Test("akn serve runs akn-serve beside it with its arguments, and says so when it is missing")
  func aknServeStartsTheServerProgram() throws {
    let server = try ServerProcess([], program: [AKN.executable.path, "serve"])
    #expect(try server.client.send("GET", "/healthz")?.status == 200)
    #expect(server.stop(signal: SIGINT) == 0, "\(server.log)")

    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let alone = folder.appendingPathComponent("akn")
    try FileManager.default.copyItem(at: AKN.executable, to: alone)
    let process = Process()
    process.executableURL = alone
    process.arguments = ["serve", "--port", "0"]
    let error = Pipe()
    process.standardError = error
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 2)
    #expect(message.contains("akn-serve is not beside akn"), "\(message)")

    let badPort = try AKN.run(["serve", "--port", "70000"])
    #expect(badPort.status == 2 && badPort.stderr.contains("70000"), "\(badPort.stderr)")
  }
}

/// The page of `akn serve` in a real browser (headless Chromium, driven over its DevTools
/// protocol by `Scripts/serve-browser-check.py`): a file chosen in its form comes back as the
/// preview, with the XML to download; a file that does not convert shows its findings.
struct ServePageBrowserTests {
  static func drive(_ url: String, _ file: URL) throws -> [String: Any] {
    let chromium = try #require(
      PreviewCommandTests.chromium, "chromium is not installed: run `make deps` (Scripts/install-deps.sh)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    process.arguments = [
      "300", "python3", AKN.root.appendingPathComponent("Scripts/serve-browser-check.py").path, url,
      file.path,
      "--chromium", chromium,
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(String(decoding: data, as: UTF8.self))")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func aFileChosenInThePageComesBackAsItsPreview() throws {
    let server = try ServerProcess()
    let url = "http://127.0.0.1:\(server.port)/"
    let facts = try Self.drive(url, AKN.seed)
    #expect(facts["loaded"] as? Bool == true && facts["shown"] as? Bool == true, "\(facts)")
    #expect(facts["previewShown"] as? Bool == true)
    #expect((facts["previewTitle"] as? String)?.hasPrefix("A/RES/67/27") == true, "\(facts)")
    #expect((facts["previewText"] as? String)?.contains("Recalling") == true)
    #expect(facts["previewScripts"] as? Int == 0)
    #expect(facts["download"] as? Bool == true && facts["downloadName"] as? String == "A_RES_67_27.xml")
    #expect((facts["status"] as? String)?.contains("converted") == true, "\(facts)")
    #expect((facts["downloadHead"] as? String)?.hasPrefix("<?xml") == true, "\(facts)")
    #expect(facts["downloadedName"] as? String == "A_RES_67_27.xml", "\(facts)")
    // Only the server itself was asked for anything, and the document converted once.
    let requests = (facts["requests"] as? [String]) ?? []
    #expect(!requests.isEmpty && requests.allSatisfy { $0.hasPrefix(url) }, "\(requests)")
    #expect(requests.filter { $0 == url + "v1/convert" }.count == 1, "\(requests)")

    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let minutes = folder.appendingPathComponent("minutes.txt")
    try Data(ServeCommandTests.notAResolution).write(to: minutes)
    let failed = try Self.drive(url, minutes)
    #expect(failed["previewShown"] as? Bool == false, "\(failed)")
    #expect(((failed["findings"] as? [String]) ?? []).contains { $0.contains("error:") }, "\(failed)")
    #expect((failed["status"] as? String)?.hasPrefix("Document not converted") == true, "\(failed)")
  }
}
