// The one place akn runs another program: fork + exec with limits (CSpawnLimited), pipes polled
// with a deadline, caps.
import CSpawnLimited

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  /// glibc's pipe2 (declared only under _GNU_SOURCE): both ends close-on-exec atomically, so
  /// that a child spawned by another thread meanwhile cannot inherit them.
  @_silgen_name("pipe2")
  private func pipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
#endif

/// What a finished tool run gave.
package struct ToolRun: Sendable {
  /// The exit status (0–255), or 128 + the signal that ended it.
  package var status: Int32
  /// Its standard output.
  package var output: [UInt8]
  /// Its standard error (up to the cap).
  package var errors: [UInt8]
}

/// Limits on a tool's resources, set in the child before it starts (`setrlimit`).
package struct ResourceLimits: Sendable, Hashable {
  /// The most address space (virtual memory) it may map, in bytes; 0 for no limit. An
  /// allocation over it fails, which ends the tool (poppler aborts).
  package var addressSpaceBytes: Int
  /// The most processor time it may use, in seconds (SIGXCPU, then SIGKILL 5 s later); 0 for
  /// no limit.
  package var cpuSeconds: Int

  /// Limits of `addressSpaceBytes` and `cpuSeconds` (0: none).
  package init(addressSpaceBytes: Int, cpuSeconds: Int) {
    self.addressSpaceBytes = addressSpaceBytes
    self.cpuSeconds = cpuSeconds
  }

  /// No limit.
  package static let none = ResourceLimits(addressSpaceBytes: 0, cpuSeconds: 0)
}

/// Why a tool run ended before the tool did.
package enum ToolFailure: Error, Sendable, Equatable {
  /// The program is not installed (not on the `PATH`).
  case missing
  /// It ran longer than the timeout and was killed with its process group.
  case timedOut(seconds: Double)
  /// It wrote more than the cap to its standard output and was killed.
  case outputTooLarge(limit: Int)
  /// A system call failed (`step` names it).
  case system(step: String, errno: Int32)
}

/// Runs a program as a separate process (never linked): input through a pipe from memory (or a
/// descriptor given), standard output and error read into memory, with a deadline, an output
/// cap and limits on the child's address space and processor time. The child leads a process
/// group of its own, so that a timeout kills whatever it started, and dies with the thread that
/// started it (Linux's parent-death signal), so that killing this process, even with SIGKILL,
/// never leaves it running. Interrupted system calls are retried; a child that stops reading
/// does not raise SIGPIPE in this process (the write fails with EPIPE, which ends the writing).
package enum ToolProcess {
  /// Runs `program` (looked up on the `PATH`) with `arguments`, feeding it `input`, with
  /// `limits` on its memory and processor time; `inputDescriptor`, when not -1, is open in it
  /// as descriptor 3 (a file it reads by the path `/proc/self/fd/3`).
  ///
  /// - Throws: ``ToolFailure`` when the program is missing, overruns the deadline or the
  ///   output cap, or a system call fails. A program that runs and fails returns its status.
  package static func run(
    _ program: String, arguments: [String], input: [UInt8], timeoutSeconds: Double,
    maximumOutputBytes: Int, maximumErrorBytes: Int = 64 * 1024, limits: ResourceLimits = .none,
    inputDescriptor: Int32 = -1
  ) throws(ToolFailure) -> ToolRun {
    ignoreSIGPIPEOnce
    var stdinPipe: [Int32] = [-1, -1]
    var stdoutPipe: [Int32] = [-1, -1]
    var stderrPipe: [Int32] = [-1, -1]
    guard pipe2(&stdinPipe, O_CLOEXEC) == 0 else { throw .system(step: "pipe", errno: errno) }
    guard pipe2(&stdoutPipe, O_CLOEXEC) == 0 else {
      closeAll(stdinPipe)
      throw .system(step: "pipe", errno: errno)
    }
    guard pipe2(&stderrPipe, O_CLOEXEC) == 0 else {
      closeAll(stdinPipe + stdoutPipe)
      throw .system(step: "pipe", errno: errno)
    }

    let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    // A process group of its own (killed as one), default signal handling, nothing blocked,
    // the limits, and death with this thread (which waits for it below).
    let spawned = akn_spawn_limited(
      program, argv, environ, stdinPipe[0], stdoutPipe[1], stderrPipe[1], inputDescriptor,
      UInt64(max(0, limits.addressSpaceBytes)), UInt(max(0, limits.cpuSeconds)), &pid)
    // The child's ends belong to the child now.
    close(stdinPipe[0])
    close(stdoutPipe[1])
    close(stderrPipe[1])
    guard spawned == 0 else {
      closeAll([stdinPipe[1], stdoutPipe[0], stderrPipe[0]])
      throw spawned == ENOENT ? .missing : .system(step: "spawn", errno: spawned)
    }

    var writeEnd = stdinPipe[1]
    var outEnd = stdoutPipe[0]
    var errEnd = stderrPipe[0]
    for descriptor in [writeEnd, outEnd, errEnd] {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }
    var output: [UInt8] = []
    var errors: [UInt8] = []
    var written = 0
    var failure: ToolFailure?
    let deadline = now() + timeoutSeconds
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    if input.isEmpty {
      close(writeEnd)
      writeEnd = -1
    }
    loop: while outEnd >= 0 || errEnd >= 0 {
      let remaining = deadline - now()
      if remaining <= 0 {
        failure = .timedOut(seconds: timeoutSeconds)
        break
      }
      var fds: [pollfd] = []
      if writeEnd >= 0 { fds.append(pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)) }
      if outEnd >= 0 { fds.append(pollfd(fd: outEnd, events: Int16(POLLIN), revents: 0)) }
      if errEnd >= 0 { fds.append(pollfd(fd: errEnd, events: Int16(POLLIN), revents: 0)) }
      let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000 + 1, 60_000)))
      if ready < 0 {
        if errno == EINTR { continue }
        failure = .system(step: "poll", errno: errno)
        break
      }
      for entry in fds where entry.revents != 0 {
        if entry.fd == writeEnd {
          let count = input.withUnsafeBytes { raw in
            write(writeEnd, raw.baseAddress! + written, min(raw.count - written, 64 * 1024))
          }
          if count > 0 {
            written += count
          } else if count < 0, errno == EINTR || errno == EAGAIN {
            continue
          }
          if count <= 0 || written == input.count {
            // Done, or the tool stopped reading (EPIPE): it sees the end of its input.
            close(writeEnd)
            writeEnd = -1
          }
        } else {
          let isOutput = entry.fd == outEnd
          let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, $0.count) }
          if count < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            failure = .system(step: "read", errno: errno)
            break loop
          }
          if count == 0 {
            close(entry.fd)
            if isOutput { outEnd = -1 } else { errEnd = -1 }
            continue
          }
          if isOutput {
            guard output.count + count <= maximumOutputBytes else {
              failure = .outputTooLarge(limit: maximumOutputBytes)
              break loop
            }
            output.append(contentsOf: buffer[0..<count])
          } else if errors.count < maximumErrorBytes {
            errors.append(contentsOf: buffer[0..<min(count, maximumErrorBytes - errors.count)])
          }
        }
      }
    }
    closeAll([writeEnd, outEnd, errEnd].filter { $0 >= 0 })
    var status: Int32 = 0
    var reaped = false
    // Its output closed, the tool is ending: wait for it, up to the deadline.
    while failure == nil {
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid {
        reaped = true
        break
      }
      if result < 0 && errno != EINTR {
        failure = .system(step: "waitpid", errno: errno)
        break
      }
      if now() >= deadline {
        failure = .timedOut(seconds: timeoutSeconds)
        break
      }
      usleep(500)
    }
    if !reaped {
      kill(-pid, SIGKILL)
      while waitpid(pid, &status, 0) < 0 {
        if errno != EINTR { break }
      }
    }
    if let failure { throw failure }
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return ToolRun(status: exitStatus, output: output, errors: errors)
  }

  private static func closeAll(_ descriptors: [Int32]) {
    for descriptor in descriptors where descriptor >= 0 { close(descriptor) }
  }

  private static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// Writing to a pipe whose reader has gone must fail with EPIPE, not kill this process.
  private static let ignoreSIGPIPEOnce: Void = {
    signal(SIGPIPE, SIG_IGN)
  }()
}
