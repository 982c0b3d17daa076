import Foundation
import Testing

/// `akn batch` on a terminal, driven through a pseudo-terminal by Python's `pty` module (with
/// `TIOCSWINSZ`): failures named as `FILE: rule: message`, the bar cut to 40 or 120 columns and
/// redrawn on SIGWINCH, and SIGINT (exit 130, a resume hint, a clean state that `--resume`
/// finishes with the outputs of a clean run).
@Suite(.enabled(if: BatchFixtures.python != nil, "python3 is needed to drive a pseudo-terminal"))
struct BatchTerminalTests {
  let folder: URL
  init() throws { folder = try AKN.temporaryFolder() }

  /// The driver: `COLUMNS RESIZE_TO INTERRUPT_FILE -- ARGV…`. Every wait is bounded (300 s).
  static let driver = #"""
    import fcntl, os, pty, select, signal, struct, subprocess, sys, termios, time
    # pty.py COLUMNS RESIZE_TO INTERRUPT_FILE -- ARGV...: runs ARGV on a pseudo-terminal of COLUMNS
    # columns; RESIZE_TO (0: never) is set with SIGWINCH once a bar is drawn; INTERRUPT_FILE ("-": never)
    # gets SIGINT sent once it has a line. Prints the terminal's bytes, then "\nEXIT <status>".
    columns, resize, interrupt = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    argv = sys.argv[sys.argv.index("--") + 1:]
    master, slave = pty.openpty()
    def size(fd, cols): fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    size(slave, columns)
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    out, deadline, resized, interrupted = b"", time.monotonic() + 300, False, False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.01)
        if ready:
            try: data = os.read(master, 65536)
            except OSError: data = b""
            if not data and child.poll() is not None: break
            out += data
        elif child.poll() is not None: break
        if resize and not resized and b"] " in out:
            size(master, resize); child.send_signal(signal.SIGWINCH); resized = True
        if interrupt != "-" and not interrupted and os.path.exists(interrupt) and open(interrupt, "rb").read().count(b"\n") >= 1:
            child.send_signal(signal.SIGINT); interrupted = True
    else:
        child.kill()
    status = child.wait(timeout=60)
    sys.stdout.buffer.write(out + b"\nEXIT %d\n" % (status if status >= 0 else 128 - status))
    """#

  struct Terminal {
    var status: Int32
    var screen: String
    /// What was on each screen line once the carriage returns took effect, per redraw: the text
    /// between two `\r` or `\n`, with the escape sequences taken out.
    var segments: [String] {
      screen.replacingOccurrences(of: "\u{1B}[K", with: "").split(omittingEmptySubsequences: true) {
        $0 == "\r" || $0 == "\n" || $0 == "\r\n"
      }.map(String.init)
    }
  }

  /// Runs `akn arguments…` on a pseudo-terminal of `columns` columns.
  func terminal(
    _ arguments: [String], columns: Int, resizeTo: Int = 0, interruptWhen file: URL? = nil
  ) throws -> Terminal {
    let script = folder.appendingPathComponent("ptydrive.py")
    try Data(Self.driver.utf8).write(to: script)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BatchFixtures.python ?? "/usr/bin/python3")
    process.arguments =
      [script.path, String(columns), String(resizeTo), file?.path ?? "-", "--", AKN.executable.path]
      + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = "1767225600"
    environment["NO_COLOR"] = "1"
    process.environment = environment
    process.currentDirectoryURL = folder
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var screen = String(decoding: data, as: UTF8.self)
    guard let marker = screen.range(of: "\nEXIT ", options: .backwards) else {
      Issue.record("the driver printed no exit status: \(screen)")
      return Terminal(status: -1, screen: screen)
    }
    let status = Int32(screen[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    screen = String(screen[..<marker.lowerBound])
    return Terminal(status: status, screen: screen)
  }

  /// `count` copies of the seed and `failures` inputs that fail (empty files).
  func inputs(_ count: Int, failures: Int = 0) throws -> URL {
    let input = folder.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    let seed = try Data(contentsOf: AKN.seed)
    for index in 0..<count {
      try seed.write(to: input.appendingPathComponent(String(format: "r%03d.txt", index)))
    }
    for index in 0..<failures {
      try Data().write(to: input.appendingPathComponent(String(format: "bad%02d.txt", index)))
    }
    return input
  }

  @Test(arguments: [40, 120])
  func barFitsTheTerminalAndFailuresAreNamed(columns: Int) throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = try inputs(30, failures: 12)
    let run = try terminal(["batch", input.path, "-o", "out", "--jobs", "1"], columns: columns)
    #expect(run.status == 1, "\(run.screen)")
    let bars = run.segments.filter { $0.hasPrefix("[") }
    #expect(!bars.isEmpty, "no bar: \(run.screen)")
    for bar in bars { #expect(bar.count < columns, "wider than \(columns) columns: \(bar)") }
    if columns == 120 {
      // Room for the whole bar (30 wide) and the rate.
      #expect(bars.contains { $0.dropFirst(31).hasPrefix("] ") && $0.contains("/s") }, "\(bars)")
    } else {
      #expect(bars.allSatisfy { !$0.dropFirst(31).hasPrefix("] ") }, "\(bars)")
    }
    // The first 10 failures named, then how many more and where.
    let named = run.segments.filter {
      $0.hasPrefix("bad") && $0.contains(".txt: input.empty: the input is empty")
    }
    #expect(named.count == 10, "\(run.screen)")
    #expect(named.first?.hasPrefix("bad00.txt: input.empty: ") == true)
    #expect(run.screen.contains("akn batch: and 2 more failed, see "))
    #expect(run.screen.contains("akn-batch-report.jsonl"))
  }

  @Test func barIsRedrawnNarrowerOnResize() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = try inputs(200)
    let run = try terminal(
      ["batch", input.path, "-o", "out", "--jobs", "1"], columns: 120, resizeTo: 40)
    #expect(run.status == 0, "\(run.screen)")
    let bars = run.segments.filter { $0.hasPrefix("[") }
    #expect(bars.contains { $0.count > 40 }, "never drawn at 120 columns: \(run.screen)")
    #expect(bars.last.map { $0.count < 40 } == true, "not redrawn at 40 columns: \(run.screen)")
  }

  @Test func interruptFinishesCleanlyAndResumeCompletesIt() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = try inputs(400)
    let output = folder.appendingPathComponent("out")
    let partial = output.appendingPathComponent("akn-batch-report.jsonl.partial")
    let run = try terminal(
      ["batch", input.path, "-o", output.path, "--jobs", "1"], columns: 80, interruptWhen: partial)
    #expect(run.status == 130, "\(run.screen)")
    let hint = try #require(
      run.segments.first {
        $0.contains("akn batch: interrupted: ") && $0.contains(" of 400 done; rerun with --resume")
      },
      "\(run.screen)")
    let done = Int(hint.split(separator: " ")[3])!
    #expect(done < 400)
    // A clean state: the partial report holds every finished input, no temporary file, no
    // final report.
    let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
    #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
    #expect(!names.contains("akn-batch-report.jsonl"))
    let lines = try String(contentsOf: partial, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == done)
    #expect(names.filter { $0.hasSuffix(".xml") }.count == done)

    // Without --resume, the leftover is named.
    let other = folder.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: partial, to: other.appendingPathComponent("akn-batch-report.jsonl.partial"))
    let fresh = try AKN.run(["batch", input.path, "-o", other.path, "--jobs", "2", "-q"])
    #expect(fresh.status == 0, "\(fresh.stderr)")
    #expect(
      fresh.stderr.contains(
        "akn-batch-report.jsonl.partial is the report of an interrupted run (\(done) inputs done); this run starts over and replaces it (rerun with --resume to continue that run instead)"
      ), "\(fresh.stderr)")

    let resumed = try AKN.run(["batch", input.path, "-o", output.path, "--jobs", "2", "--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("400 converted (\(done) already up to date)"), "\(resumed.stderr)")
    let clean = folder.appendingPathComponent("clean")
    #expect(try AKN.run(["batch", input.path, "-o", clean.path, "--jobs", "2", "-q"]).status == 0)
    #expect(try BatchFixtures.files(under: output) == BatchFixtures.files(under: clean))
    #expect(!FileManager.default.fileExists(atPath: partial.path))
    #expect(
      try BatchFixtures.reportWithoutTimings(in: output) == BatchFixtures.reportWithoutTimings(in: clean))
  }
}
