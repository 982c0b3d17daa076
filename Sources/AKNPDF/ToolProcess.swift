// The one place akn runs another program: fork + exec with limits (CSpawnLimited), pipes polled
// with a deadline, caps. The system calls go through AKNSystem's `POSIX`.
import AKNSystem
import CSpawnLimited

// For the spawn's argv and environment (`strdup`, `free`, `environ`) and the errno and signal
// numbers: the C library, no system call.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
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
    let stdinPipe: (read: Int32, write: Int32)
    let stdoutPipe: (read: Int32, write: Int32)
    let stderrPipe: (read: Int32, write: Int32)
    do {
      stdinPipe = try POSIX.pipe()
    } catch {
      throw .system(step: "pipe", errno: error.code)
    }
    do {
      stdoutPipe = try POSIX.pipe()
    } catch {
      closeAll([stdinPipe.read, stdinPipe.write])
      throw .system(step: "pipe", errno: error.code)
    }
    do {
      stderrPipe = try POSIX.pipe()
    } catch {
      closeAll([stdinPipe.read, stdinPipe.write, stdoutPipe.read, stdoutPipe.write])
      throw .system(step: "pipe", errno: error.code)
    }

    let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    // A process group of its own (killed as one), default signal handling, nothing blocked,
    // the limits, and death with this thread (which waits for it below).
    let spawned = akn_spawn_limited(
      program, argv, environ, stdinPipe.read, stdoutPipe.write, stderrPipe.write, inputDescriptor,
      UInt64(max(0, limits.addressSpaceBytes)), UInt(max(0, limits.cpuSeconds)), &pid)
    // The child's ends belong to the child now.
    closeAll([stdinPipe.read, stdoutPipe.write, stderrPipe.write])
    guard spawned == 0 else {
      closeAll([stdinPipe.write, stdoutPipe.read, stderrPipe.read])
      throw spawned == ENOENT ? .missing : .system(step: "spawn", errno: spawned)
    }

    var writeEnd = stdinPipe.write
    var outEnd = stdoutPipe.read
    var errEnd = stderrPipe.read
    for descriptor in [writeEnd, outEnd, errEnd] {
      try? POSIX.setNonBlocking(descriptor)
    }
    var output: [UInt8] = []
    var errors: [UInt8] = []
    var written = 0
    var failure: ToolFailure?
    let start = ContinuousClock.now
    func remaining() -> Double { timeoutSeconds - seconds(since: start) }
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    if input.isEmpty {
      closeAll([writeEnd])
      writeEnd = -1
    }
    loop: while outEnd >= 0 || errEnd >= 0 {
      let remaining = remaining()
      if remaining <= 0 {
        failure = .timedOut(seconds: timeoutSeconds)
        break
      }
      let ready: [Int32]
      do {
        ready = try POSIX.poll(
          reading: [outEnd, errEnd].filter { $0 >= 0 }, writing: writeEnd >= 0 ? [writeEnd] : [],
          timeoutMilliseconds: Int32(min(remaining * 1000 + 1, 60_000)))
      } catch {
        failure = .system(step: "poll", errno: error.code)
        break
      }
      for descriptor in ready {
        if descriptor == writeEnd {
          let count: Int?
          do {
            count = try POSIX.writeSome(writeEnd, input, from: written, limit: 64 * 1024)
          } catch {
            // The tool stopped reading (EPIPE): it sees the end of its input.
            count = 0
          }
          guard let count else { continue }
          written += count
          if count == 0 || written == input.count {
            closeAll([writeEnd])
            writeEnd = -1
          }
        } else {
          let isOutput = descriptor == outEnd
          let read: Int?
          do {
            read = try POSIX.readSome(descriptor, into: &buffer)
          } catch {
            failure = .system(step: "read", errno: error.code)
            break loop
          }
          guard let count = read else { continue }
          if count == 0 {
            closeAll([descriptor])
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
    closeAll([writeEnd, outEnd, errEnd])
    var status: Int32 = 0
    var reaped = false
    // Its output closed, the tool is ending: wait for it, up to the deadline.
    while failure == nil {
      do {
        if let ended = try POSIX.waitpid(pid, blocking: false) {
          status = ended
          reaped = true
          break
        }
      } catch {
        failure = .system(step: "waitpid", errno: error.code)
        break
      }
      if remaining() <= 0 {
        failure = .timedOut(seconds: timeoutSeconds)
        break
      }
      usleep(500)
    }
    if !reaped {
      POSIX.killGroup(pid)
      if let ended = try? POSIX.waitpid(pid, blocking: true) { status = ended }
    }
    if let failure { throw failure }
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return ToolRun(status: exitStatus, output: output, errors: errors)
  }

  private static func closeAll(_ descriptors: [Int32]) {
    for descriptor in descriptors where descriptor >= 0 { try? POSIX.close(descriptor) }
  }

  private static func seconds(since start: ContinuousClock.Instant) -> Double {
    let (seconds, attoseconds) = (ContinuousClock.now - start).components
    return Double(seconds) + Double(attoseconds) / 1e18
  }

  /// Writing to a pipe whose reader has gone must fail with EPIPE, not kill this process.
  private static let ignoreSIGPIPEOnce: Void = POSIX.ignore(signals: [SIGPIPE])
}
