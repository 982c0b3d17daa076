import Foundation
import Testing

/// `akn convert` and `akn batch` on the official PDFs of `../shared/corpus/dev-pdf`: from a
/// path, from standard input, under a `.txt` name, and as entries of a zip archive.
@Suite(.enabled(if: AKN.shared != nil, "../shared/corpus is absent: PDF command tests skipped"))
struct PDFCommandTests {
  static var pdf: URL { AKN.shared!.appendingPathComponent("corpus/dev-pdf/A_RES_78_8.pdf") }

  @Test func convertsAPDFFromItsPathAndFromStandardInput() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("r.xml")
    let run = try AKN.run(["convert", Self.pdf.path, "-o", output.path, "--markup-date", "2026-01-01"])
    #expect(run.status == 0, "\(run.stderr)")
    let xml = try String(contentsOf: output, encoding: .utf8)
    #expect(xml.contains("<FRBRthis value=\"/akn/un/statement/deliberation/un-ga/"))
    #expect(run.stderr.contains("page-header"), "\(run.stderr)")
    // The same bytes through standard input (detected by their magic bytes) and under a .txt name.
    let bytes = [UInt8](try Data(contentsOf: Self.pdf))
    let piped = try AKN.run(["convert", "-", "--markup-date", "2026-01-01", "--quiet"], stdin: bytes)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == [UInt8](try Data(contentsOf: output)))
    let named = folder.appendingPathComponent("misnamed.txt")
    try Data(bytes).write(to: named)
    let misnamed = try AKN.run(["convert", named.path, "--markup-date", "2026-01-01", "--quiet"])
    #expect(misnamed.status == 0, "\(misnamed.stderr)")
    #expect(misnamed.stdout == piped.stdout)
  }

  /// A PDF encrypted with an empty user password (permissions only, as many official PDFs are)
  /// reads as the same document, whatever the cipher; one that needs a password is refused with
  /// exit 2 and what to do. The copies are made by qpdf (a test dependency, installed by
  /// Scripts/install-deps.sh).
  @Test func aPDFEncryptedWithAnEmptyUserPasswordReadsAsItsPlainCopy() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plain = try AKN.run(["convert", Self.pdf.path, "--markup-date", "2026-01-01", "--quiet"])
    #expect(plain.status == 0, "\(plain.stderr)")
    for (name, user, bits) in [
      ("aes256.pdf", "", "256"), ("rc4.pdf", "", "128"), ("locked.pdf", "secret", "256"),
    ] {
      let encrypted = folder.appendingPathComponent(name)
      let qpdf = Process()
      qpdf.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      // RC4 (128 bits) is what older producers wrote; qpdf writes it only when allowed.
      qpdf.arguments = [
        "qpdf", "--allow-weak-crypto", "--encrypt", user, "owner", bits, "--", Self.pdf.path, encrypted.path,
      ]
      try qpdf.run()
      qpdf.waitUntilExit()
      try #require(qpdf.terminationStatus == 0, "qpdf is missing or failed: run Scripts/install-deps.sh")
      let run = try AKN.run(["convert", encrypted.path, "--markup-date", "2026-01-01", "--quiet"])
      if user.isEmpty {
        #expect(run.status == 0, "\(name): \(run.stderr)")
        #expect(run.stdout == plain.stdout, "\(name)")
      } else {
        #expect(run.status == 2, "\(name): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("encrypted with a password"), "\(run.stderr)")
      }
    }
  }

  @Test func batchConvertsThePDFsOfAZip() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let zip = folder.appendingPathComponent("pdfs.zip")
    let names = ["A_RES_78_8", "A_RES_78_100"]
    let entries = try names.map { name in
      let bytes = [UInt8](
        try Data(contentsOf: AKN.shared!.appendingPathComponent("corpus/dev-pdf/\(name).pdf")))
      return BatchFixtures.Entry(name: "\(name).pdf", hex: bytes.map { String(format: "%02x", $0) }.joined())
    }
    try BatchFixtures.archive(entries, at: zip)
    let out = folder.appendingPathComponent("out")
    let run = try AKN.run(["batch", zip.path, "-o", out.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    for name in names {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).xml").path))
    }
    let records = try BatchFixtures.report(in: out)
    #expect(records.filter { $0["status"] as? String == "converted" }.count == 2)
  }

  @Test func aFileOfTheWrongTypeExitsWith2() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let encrypted = folder.appendingPathComponent("empty.pdf")
    try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: encrypted)
    let damaged = try AKN.run(["convert", encrypted.path])
    #expect(damaged.status == 2)
    #expect(damaged.stderr.contains("the PDF could not be read"), "\(damaged.stderr)")
    let akn = try AKN.run(["convert", AKN.golden.path])
    #expect(akn.status == 2)
    #expect(akn.stderr.contains("use akn validate"), "\(akn.stderr)")
  }
}

/// pdftohtml bounded and never orphaned: stopped at its memory limit, killed with `akn` (SIGINT, SIGTERM
/// or SIGKILL), on a PDF generated here.
struct PDFToolSafetyTests {
  /// A page whose form XObject draws the next ten times, eight levels deep: 10^7 text lines
  /// from 4 KB, which pdftohtml keeps in memory (gigabytes, minutes).
  static var fanOut: [UInt8] {
    func stream(_ body: String, _ dictionary: String = "") -> String {
      "<< /Length \(body.utf8.count) \(dictionary)>>\nstream\n\(body)\nendstream"
    }
    var objects = [
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /XObject << /X0 6 0 R >> >> >>",
      stream("/X0 Do"),
    ]
    for level in 0..<8 {
      let body =
        level == 7
        ? "BT /F1 12 Tf 72 700 Td (The General Assembly) Tj ET"
        : Array(repeating: "q 1 0 0 1 1 1 cm /X\(level + 1) Do Q", count: 10).joined(separator: " ")
      let resources =
        level == 7 ? "/Font << /F1 3 0 R >>" : "/XObject << /X\(level + 1) \(objects.count + 2) 0 R >>"
      objects.append(
        stream(body, "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << \(resources) >> "))
    }
    var out = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
      offsets.append(out.utf8.count)
      out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = out.utf8.count
    out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets {
      out += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
    }
    out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(out.utf8)
  }

  /// The state of process `pid` (`R`, `S`, `Z` …), or nil when it is gone, and its parent.
  static func state(of pid: Int32) -> (state: Substring, parent: Int32)? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
    guard fields.count > 1, let parent = Int32(fields[1]) else { return nil }
    return (fields[0], parent)
  }

  /// The pdftohtml children of `parent`.
  static func pdftohtml(childOf parent: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
      guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return false }
      return comm.hasPrefix("pdftohtml") && state(of: pid)?.parent == parent
    }
  }

  static var hasPdftohtml: Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/pdftohtml")
    }
  }

  @Test(.enabled(if: hasPdftohtml, "pdftohtml is not installed"))
  func aBombStopsAtTheMemoryLimit() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pdf = folder.appendingPathComponent("fan-out.pdf")
    try Data(Self.fanOut).write(to: pdf)
    let run = try AKN.run(["convert", pdf.path, "--pdf-memory-limit", "128"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("memory limit of 128 MiB"), "\(run.stderr)")
    #expect(run.stderr.contains("nothing was written"), "\(run.stderr)")
    let bad = try AKN.run(["convert", pdf.path, "--pdf-memory-limit", "-1"])
    #expect(bad.status == 2)
  }

  @Test(.enabled(if: hasPdftohtml, "pdftohtml is not installed"), arguments: [SIGINT, SIGTERM, SIGKILL])
  func pdftohtmlDiesWithAkn(signal: Int32) throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pdf = folder.appendingPathComponent("fan-out.pdf")
    try Data(Self.fanOut).write(to: pdf)
    // Started with no signal blocked or ignored (Foundation's Process passes on the test
    // runner's blocked signals, SIGTERM among them), as from a shell.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let arguments = [
      AKN.executable.path, "convert", pdf.path, "-o", folder.appendingPathComponent("out.xml").path,
    ]
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var akn: pid_t = 0
    #expect(posix_spawn(&akn, AKN.executable.path, &actions, &attributes, argv, environ) == 0)
    var status: Int32 = 0
    defer {
      if akn > 0, waitpid(akn, &status, WNOHANG) == 0 {
        kill(akn, SIGKILL)
        waitpid(akn, &status, 0)
      }
    }
    // Its pdftohtml, looked for up to 30 s (the fan-out keeps it busy for a minute).
    var child: Int32?
    for _ in 0..<300 where child == nil {
      child = Self.pdftohtml(childOf: akn).first
      if child == nil { usleep(100_000) }
    }
    let pid = try #require(child, "akn started no pdftohtml")
    kill(akn, signal)
    while waitpid(akn, &status, 0) < 0 && errno == EINTR {}
    // Killed by the signal (WTERMSIG), not ended by itself once pdftohtml gave up.
    #expect(status & 0x7F == signal)
    akn = 0
    // Gone, or a zombie no one has reaped yet: not running, in any case, within 10 s.
    var running = true
    for _ in 0..<100 {
      if let state = Self.state(of: pid)?.state, state != "Z" {
        usleep(100_000)
      } else {
        running = false
        break
      }
    }
    if running { kill(pid, SIGKILL) }
    #expect(!running, "pdftohtml \(pid) still runs after akn got signal \(signal)")
  }
}
