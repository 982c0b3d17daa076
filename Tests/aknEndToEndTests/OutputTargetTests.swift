import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What `-o` and standard output do with what they are given (issue 21): an output that is the
/// input is refused; `-o` destroys nothing but the regular file it names (devices and FIFOs made
/// with `mknod`/`mkfifo` in a temporary folder, never the machine's own /dev nodes); a closed
/// pipe ends a command quietly; a full disk is an error; a batch outlives its terminal.
@Suite(.serialized) struct OutputTargetTests {
  /// How a spawned `akn` ended.
  struct Ending {
    var status: Int32
    var signalled: Bool
    var stderr: String
    var exited: Bool { !signalled }
  }

  /// Starts `executable arguments…` in `directory` as a shell would (every signal unblocked and
  /// at its default action, unlike a child of the test's threads, which inherits their blocked
  /// signals) with standard output `stdout` and standard error `stderr`.
  static func launch(
    _ arguments: [String], executable: String, directory: URL, stdout: Int32, stderr: Int32
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = "1767225600"
    // In `directory` through env(1) -C (Glibc's chdir file action is not imported into Swift).
    let argv = (["/usr/bin/env", "-C", directory.path, executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
    try #require(spawned == 0, "posix_spawn \(executable): \(String(cString: strerror(spawned)))")
    return pid
  }

  /// Waits for `pid` at most `timeout` seconds (a guard against a hang, then SIGKILL): its exit
  /// status, or the signal that ended it.
  static func wait(_ pid: pid_t, timeout: Double = 300) -> (status: Int32, signalled: Bool) {
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() > deadline {
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        Issue.record("process \(pid) did not end within \(timeout) s")
        break
      }
      usleep(10_000)
    }
    let signal = status & 0x7f
    return (signal == 0 ? (status >> 8) & 0xff : signal, signal != 0)
  }

  /// Runs `akn arguments…` (or `executable`) as ``launch(_:executable:directory:stdout:stderr:)``
  /// does, standard error captured unless given; `whileRunning` gets the process id.
  static func spawn(
    _ arguments: [String], executable: String = AKN.executable.path, directory: URL,
    stdout: Int32, stderr: Int32? = nil, whileRunning: (pid_t) -> Void = { _ in }
  ) throws -> Ending {
    let errFile = directory.deletingLastPathComponent().appendingPathComponent(
      "akn-stderr-\(UUID().uuidString)")
    let errDescriptor = try writing(errFile.path)
    defer {
      close(errDescriptor)
      unlink(errFile.path)
    }
    let pid = try launch(
      arguments, executable: executable, directory: directory, stdout: stdout, stderr: stderr ?? errDescriptor
    )
    whileRunning(pid)
    let (status, signalled) = wait(pid)
    return Ending(
      status: status, signalled: signalled,
      stderr: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self))
  }

  /// A pipe whose read end is already closed: every write to the other end fails with EPIPE.
  /// The caller closes the descriptor returned.
  static func closedPipe() throws -> Int32 {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    close(ends[0])
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    return ends[1]
  }

  /// `path` opened for writing (a file created, or a device written in place).
  static func writing(_ path: String) throws -> Int32 {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    try #require(descriptor >= 0, "\(path): \(String(cString: strerror(errno)))")
    return descriptor
  }

  /// A character device made with `mknod` in `folder` (1,3 is null; 1,7 is full); nil when
  /// the test may not make devices (not root).
  static func device(_ name: String, minor: Int32, in folder: URL) -> URL? {
    let path = folder.appendingPathComponent(name)
    guard mknod(path.path, S_IFCHR | 0o666, dev_t(1 << 8 | minor)) == 0 else { return nil }
    return path
  }

  static func kind(_ url: URL) -> mode_t? {
    var info = stat()
    guard lstat(url.path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT
  }

  static func permissions(_ url: URL) -> mode_t {
    var info = stat()
    _ = stat(url.path, &info)
    return info.st_mode & 0o7777
  }

  static func listing(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  static let backtrace = ["Fatal error", "Backtrace", "Illegal instruction", "Crash"]

  static var pdf: URL? {
    guard let shared = AKN.shared, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftohtml") else {
      return nil
    }
    let url = shared.appendingPathComponent("corpus/dev-pdf/A_RES_78_1.pdf")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  // MARK: The same-file guard

  @Test func previewRefusesToWriteOverItsInputThroughAnyPath() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (input, original) in [("same.txt", AKN.seed), ("same.xml", AKN.golden)] {
      let source = folder.appendingPathComponent(input)
      try FileManager.default.copyItem(at: original, to: source)
      let bytes = try Data(contentsOf: source)
      try FileManager.default.createSymbolicLink(
        at: folder.appendingPathComponent("link-" + input), withDestinationURL: source)
      try FileManager.default.linkItem(at: source, to: folder.appendingPathComponent("hard-" + input))
      let before = try Self.listing(folder)
      for output in [input, "./" + input, source.path, "link-" + input, "hard-" + input] {
        let run = try AKN.run(["preview", input, "-o", output], directory: folder)
        #expect(run.status == 2, "\(output): \(run.stderr)")
        #expect(
          run.stderr.contains("akn: error: -o \(output) is the input file \(input); nothing was written"),
          "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(try Data(contentsOf: source) == bytes, "preview \(input) -o \(output) changed the input")
      }
      #expect(try Self.listing(folder) == before)
    }
  }

  // MARK: -o and what it names

  @Test func aFIFOIsWrittenInPlaceAndItsReaderGetsTheDocument() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("fifo")
    try #require(mkfifo(fifo.path, 0o644) == 0)
    for command in [["convert", AKN.seed.path], ["preview", AKN.golden.path]] {
      // The reader: `cat FIFO > got`, started first; killed only if no writer ever comes.
      let got = folder.appendingPathComponent("got")
      let gotDescriptor = try Self.writing(got.path)
      let reader = try Self.launch(
        [fifo.path], executable: "/bin/cat", directory: folder, stdout: gotDescriptor, stderr: gotDescriptor)
      close(gotDescriptor)
      let run = try AKN.run(command + ["-o", fifo.path, "--quiet"], directory: folder)
      _ = Self.wait(reader, timeout: 30)
      #expect(run.status == 0, "\(command): \(run.stderr)")
      #expect(Self.kind(fifo) == S_IFIFO, "\(command): the FIFO was replaced")
      let expected =
        command[0] == "convert"
        ? try Data(contentsOf: AKN.golden) : Data(try AKN.run(["preview", AKN.golden.path]).stdout)
      #expect(try Data(contentsOf: got) == expected, "\(command): the FIFO's reader did not get the document")
      try FileManager.default.removeItem(at: got)
      #expect(try Self.listing(folder) == ["fifo"])
    }
  }

  @Test func aCharacterDeviceIsWrittenInPlaceNotReplaced() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    guard let null = Self.device("null", minor: 3, in: folder),
      let full = Self.device("full", minor: 7, in: folder)
    else {
      print("skipped: mknod is not permitted here (not root)")
      return
    }
    for command in [["convert", AKN.seed.path], ["preview", AKN.seed.path]] {
      let run = try AKN.run(command + ["-o", null.path, "--quiet"], directory: folder)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(Self.kind(null) == S_IFCHR, "\(command): -o replaced the device by a file")
      let onFull = try AKN.run(command + ["-o", full.path, "--quiet"], directory: folder)
      #expect(onFull.status == 2)
      #expect(
        onFull.stderr.contains("akn: error: cannot write \(full.path): No space left on device"),
        "\(onFull.stderr)")
      #expect(Self.kind(full) == S_IFCHR)
      #expect(try Self.listing(folder) == ["full", "null"], "a temporary file was left")
    }
  }

  @Test func anOpenDescriptorIsWrittenInPlace() throws {
    let run = try AKN.run(["convert", AKN.seed.path, "-o", "/proc/self/fd/1", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == [UInt8](try Data(contentsOf: AKN.golden)))
  }

  @Test func aSymbolicLinkStaysALinkAndItsTargetIsReplaced() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sub = folder.appendingPathComponent("sub")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: sub.appendingPathComponent("real.xml"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link.xml").path,
      withDestinationPath: "sub/real.xml")
    // A chain: link2 → link.xml → sub/real.xml; and a dangling link whose target is created.
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link2.xml").path,
      withDestinationPath: "link.xml")
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("dangling.xml").path,
      withDestinationPath: "sub/new.xml")
    let golden = try Data(contentsOf: AKN.golden)
    for link in ["link.xml", "link2.xml", "dangling.xml"] {
      try Data("old".utf8).write(to: sub.appendingPathComponent("real.xml"))
      let run = try AKN.run(["convert", AKN.seed.path, "-o", link, "--quiet"], directory: folder)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(Self.kind(folder.appendingPathComponent(link)) == S_IFLNK, "\(link) is no longer a link")
      let target = link == "dangling.xml" ? "sub/new.xml" : "sub/real.xml"
      #expect(try Data(contentsOf: folder.appendingPathComponent(target)) == golden, "\(link)")
    }
    #expect(try Self.listing(folder) == ["dangling.xml", "link.xml", "link2.xml", "sub"])
    #expect(try Self.listing(sub) == ["new.xml", "real.xml"])
  }

  @Test func aFileReplacedKeepsItsMode() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (command, mode) in [("convert", mode_t(0o600)), ("preview", mode_t(0o640))] {
      let output = folder.appendingPathComponent("out-\(command)")
      try Data("secret".utf8).write(to: output)
      try #require(chmod(output.path, mode) == 0)
      let run = try AKN.run([command, AKN.seed.path, "-o", output.path, "--quiet"])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(Self.permissions(output) == mode, "\(command) changed the mode")
      if getuid() == 0 {
        // Root may keep a file's owner: another user's file stays theirs.
        try #require(chown(output.path, 65534, 65534) == 0)
        let again = try AKN.run([command, AKN.seed.path, "-o", output.path, "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
        var info = stat()
        _ = stat(output.path, &info)
        #expect(info.st_uid == 65534 && info.st_gid == 65534, "\(command) changed the owner")
        #expect(Self.permissions(output) == mode)
      }
      #expect(try Data(contentsOf: output) != Data("secret".utf8))
    }
  }

  @Test func aMissingFolderIsRefusedAndNamed() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for command in ["convert", "preview"] {
      let run = try AKN.run(
        [command, AKN.seed.path, "-o", "missing/sub/x.out", "--quiet"], directory: folder)
      #expect(run.status == 2, "\(run.stderr)")
      #expect(
        run.stderr.contains(
          "akn: error: cannot write missing/sub/x.out: the folder missing/sub does not exist; create it first"
        ),
        "\(run.stderr)")
      #expect(try Self.listing(folder).isEmpty)
    }
  }

  @Test func theFileSizeLimitIsAnErrorAndLeavesNoTemporaryFile() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 1 block of 512 bytes; the document is about 18 KB.
    let sink = try Self.writing(folder.deletingLastPathComponent().path + "/akn-out-\(UUID().uuidString)")
    defer { close(sink) }
    let run = try Self.spawn(
      [
        "-c", "ulimit -f 1; exec \"$0\" convert \"$1\" -o out.xml --quiet", AKN.executable.path,
        AKN.seed.path,
      ], executable: "/bin/sh",
      directory: folder, stdout: sink)
    #expect(run.exited && run.status == 2, "status \(run.status), signalled \(run.signalled): \(run.stderr)")
    #expect(
      run.stderr.contains("akn: error: cannot write out.xml: the file size limit (ulimit -f) is reached"),
      "\(run.stderr)")
    #expect(try Self.listing(folder).isEmpty, "a temporary file was left")
  }

  // MARK: Broken pipes and full disks

  @Test func aClosedPipeEndsEachCommandQuietly() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var commands = [
      ["convert", AKN.seed.path], ["preview", AKN.seed.path], ["preview", AKN.golden.path],
      ["text", AKN.golden.path], ["validate", AKN.golden.path],
    ]
    if let pdf = Self.pdf {
      // pdftohtml's runner ignores SIGPIPE: these crashed with SIGILL and a backtrace.
      commands += [["convert", pdf.path], ["preview", pdf.path]]
    } else {
      print("PDF cases skipped: ../shared or pdftohtml is missing")
    }
    for command in commands {
      let quiet = command[0] == "text" ? [] : ["--quiet"]
      let pipe = try Self.closedPipe()
      defer { close(pipe) }
      let run = try Self.spawn(command + quiet, directory: folder, stdout: pipe)
      // Killed by SIGPIPE, as `cat` is: a shell reports 141.
      #expect(run.signalled && run.status == SIGPIPE, "\(command): status \(run.status): \(run.stderr)")
      for word in Self.backtrace { #expect(!run.stderr.contains(word), "\(command): \(run.stderr)") }
      #expect(run.stderr.isEmpty, "\(command): \(run.stderr)")
    }
  }

  @Test func aFullDiskOnStandardOutputIsAnError() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A copy of /dev/full made here; else the machine's own, opened for writing only.
    let full = Self.device("full", minor: 7, in: folder)?.path ?? "/dev/full"
    for command in [
      ["convert", AKN.seed.path], ["preview", AKN.seed.path], ["text", AKN.golden.path],
      ["validate", AKN.golden.path],
    ] {
      let handle = try Self.writing(full)
      defer { close(handle) }
      let quiet = command[0] == "text" ? [] : ["--quiet"]
      let run = try Self.spawn(command + quiet, directory: folder, stdout: handle)
      #expect(run.exited && run.status == 2, "\(command): status \(run.status): \(run.stderr)")
      #expect(
        run.stderr.contains("akn: error: cannot write to standard output: No space left on device"),
        "\(command): \(run.stderr)")
      for word in Self.backtrace { #expect(!run.stderr.contains(word), "\(command): \(run.stderr)") }
    }
  }

  /// A folder of `count` copies of the seed, for batches that run a few seconds.
  static func seedFolder(_ count: Int, in folder: URL) throws -> URL {
    let input = folder.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    for index in 1...count {
      try FileManager.default.copyItem(at: AKN.seed, to: input.appendingPathComponent("r\(index).txt"))
    }
    return input
  }

  static func expectCompleteReport(_ output: URL, count: Int) throws {
    let report = output.appendingPathComponent("akn-batch-report.jsonl")
    #expect(!FileManager.default.fileExists(atPath: report.path + ".partial"), "the report was left .partial")
    let lines = (try? String(contentsOf: report, encoding: .utf8))?.split(separator: "\n") ?? []
    #expect(lines.filter { $0.contains("\"status\":\"converted\"") }.count == count, "\(lines.count) lines")
    let outputs = try Self.listing(output).filter { $0.hasSuffix(".xml") }
    #expect(outputs.count == count)
  }

  @Test func aBatchWhoseStandardErrorIsClosedFinishesItsReport() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.seedFolder(80, in: folder)
    let pipe = try Self.closedPipe()
    defer { close(pipe) }
    let run = try Self.spawn(
      ["batch", "in", "-o", "out", "--jobs", "1"], directory: folder, stdout: pipe, stderr: pipe)
    #expect(run.exited && run.status == 0, "status \(run.status), signalled \(run.signalled)")
    try Self.expectCompleteReport(folder.appendingPathComponent("out"), count: 80)
  }

  @Test func aBatchIgnoresHangUp() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.seedFolder(80, in: folder)
    let partial = folder.appendingPathComponent("out/akn-batch-report.jsonl.partial")
    var hungUp = false
    let pipe = try Self.closedPipe()
    defer { close(pipe) }
    let run = try Self.spawn(
      ["batch", "in", "-o", "out", "--jobs", "1", "--quiet"], directory: folder,
      stdout: pipe
    ) { pid in
      // Once the batch is under way (its report begun, not yet complete), its terminal "hangs up".
      let report = folder.appendingPathComponent("out/akn-batch-report.jsonl")
      let deadline = Date().addingTimeInterval(60)
      while !FileManager.default.fileExists(atPath: partial.path)
        && !FileManager.default.fileExists(atPath: report.path) && Date() < deadline
      {
        usleep(5_000)
      }
      if !FileManager.default.fileExists(atPath: report.path) {
        kill(pid, SIGHUP)
        hungUp = true
      }
    }
    if !hungUp { print("note: the batch ended before SIGHUP could be sent") }
    #expect(run.exited && run.status == 0, "status \(run.status), signalled \(run.signalled): \(run.stderr)")
    try Self.expectCompleteReport(folder.appendingPathComponent("out"), count: 80)
  }
}
