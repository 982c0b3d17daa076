// The file and process calls the rest of the package makes, each in one place: retried on
// EINTR where a retry is right, each failure a `SystemCallError` naming its step (as swift-nio's
// `enum Posix`).
import Glibc

/// glibc's pipe2 (declared only under _GNU_SOURCE): both ends close-on-exec atomically, so that
/// a child spawned by another thread meanwhile cannot inherit them.
@_silgen_name("pipe2")
private func pipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

extension SystemCallError {
  /// Nothing at the path (`ENOENT`).
  public var isNotFound: Bool { code == ENOENT }
  /// Something is already at the path (`EEXIST`).
  public var isAlreadyThere: Bool { code == EEXIST }
}

extension POSIX {
  /// Runs `call` (retried on `EINTR`) and throws its `errno` as `operation`'s failure when it
  /// returns a negative value.
  @discardableResult
  static func checked<Result: BinaryInteger>(_ operation: String, _ call: () -> Result)
    throws(SystemCallError)
    -> Result
  {
    let result = retrying(call)
    guard result >= 0 else { throw SystemCallError(operation, code: errno) }
    return result
  }

  // MARK: Files

  /// Closes `descriptor`. Not retried: on Linux the descriptor is closed even when `close` says
  /// `EINTR` (retrying could close another thread's new descriptor), so `EINTR` counts as
  /// success.
  public static func close(_ descriptor: Int32) throws(SystemCallError) {
    guard Glibc.close(descriptor) != 0 else { return }
    let code = errno
    if code == EINTR { return }
    throw SystemCallError("close", code: code)
  }

  /// Flushes the open file `descriptor` to the disk (`fsync`).
  public static func fsync(_ descriptor: Int32) throws(SystemCallError) {
    try checked("fsync") { Glibc.fsync(descriptor) }
  }

  /// Renames `source` to `destination`, replacing a file there atomically (`rename`).
  public static func rename(_ source: String, to destination: String) throws(SystemCallError) {
    try checked("rename") { Glibc.rename(source, destination) }
  }

  /// Removes the name `path` (`unlink`; a symbolic link itself, never its target).
  public static func unlink(_ path: String) throws(SystemCallError) {
    try checked("unlink") { Glibc.unlink(path) }
  }

  /// Creates the folder `path` with `mode` (less the umask); its parent must exist (`mkdir`).
  /// Throws ``SystemCallError/isAlreadyThere`` when anything is already at `path`.
  public static func mkdir(_ path: String, mode: UInt32 = 0o755) throws(SystemCallError) {
    try checked("mkdir") { Glibc.mkdir(path, mode_t(mode)) }
  }

  /// The status of `path` (`stat`, or `lstat` when `followLinks` is false), or why it cannot be
  /// had (``SystemCallError/isNotFound`` when nothing is there).
  public static func fileStatus(_ path: String, followLinks: Bool = true) throws(SystemCallError)
    -> FileStatus
  {
    var info = Glibc.stat()
    if followLinks {
      try checked("stat") { stat(path, &info) }
    } else {
      try checked("lstat") { lstat(path, &info) }
    }
    return FileStatus(info)
  }

  // MARK: Pipes and processes

  /// A new pipe, both ends close-on-exec (`pipe2`).
  public static func pipe() throws(SystemCallError) -> (read: Int32, write: Int32) {
    var ends: [Int32] = [-1, -1]
    try checked("pipe") { pipe2(&ends, O_CLOEXEC) }
    return (ends[0], ends[1])
  }

  /// Makes reads and writes on `descriptor` return at once instead of waiting (`O_NONBLOCK`).
  public static func setNonBlocking(_ descriptor: Int32) throws(SystemCallError) {
    let flags = try checked("fcntl") { fcntl(descriptor, F_GETFL) }
    try checked("fcntl") { fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
  }

  /// Reads what is there from `descriptor` into `buffer`: the count (0 at the end), or nil when
  /// nothing is there yet on a non-blocking descriptor (`EAGAIN`). Retried on `EINTR`.
  public static func readSome(_ descriptor: Int32, into buffer: inout [UInt8]) throws(SystemCallError) -> Int?
  {
    let count = buffer.withUnsafeMutableBytes { raw in
      retrying { Glibc.read(descriptor, raw.baseAddress!, raw.count) }
    }
    if count < 0 {
      if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
      throw SystemCallError("read", code: errno)
    }
    return count
  }

  /// Writes what `descriptor` takes at once of `bytes[offset...]`, at most `limit` bytes: the
  /// count, or nil when it takes nothing yet (`EAGAIN`). Retried on `EINTR`; a pipe whose reader
  /// has gone throws `EPIPE` (once `SIGPIPE` is ignored).
  public static func writeSome(_ descriptor: Int32, _ bytes: [UInt8], from offset: Int, limit: Int)
    throws(SystemCallError) -> Int?
  {
    let count = bytes.withUnsafeBytes { raw in
      retrying { Glibc.write(descriptor, raw.baseAddress! + offset, min(raw.count - offset, limit)) }
    }
    if count < 0 {
      if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
      throw SystemCallError("write", code: errno)
    }
    return count
  }

  /// Waits up to `timeoutMilliseconds` until one of `reading` can be read (or is at its end) or
  /// one of `writing` can be written (or its reader has gone): those descriptors, in the order
  /// given, writing first. Empty when the time ran out or a signal interrupted the wait
  /// (`EINTR`): not retried here, so that the caller measures its own deadline again.
  public static func poll(reading: [Int32], writing: [Int32], timeoutMilliseconds: Int32)
    throws(SystemCallError) -> [Int32]
  {
    var entries =
      writing.map { pollfd(fd: $0, events: Int16(POLLOUT), revents: 0) }
      + reading.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    let ready = Glibc.poll(&entries, nfds_t(entries.count), timeoutMilliseconds)
    if ready < 0 {
      if errno == EINTR { return [] }
      throw SystemCallError("poll", code: errno)
    }
    return entries.filter { $0.revents != 0 }.map(\.fd)
  }

  /// The wait status of the child `process` once it has ended (`waitpid`), reaping it; nil,
  /// when not `blocking`, while it still runs. Retried on `EINTR`.
  public static func waitpid(_ process: Int32, blocking: Bool) throws(SystemCallError) -> Int32? {
    var status: Int32 = 0
    let result = try checked("waitpid") { Glibc.waitpid(process, &status, blocking ? 0 : WNOHANG) }
    return result == process ? status : nil
  }

  /// Kills every process of the process group `leader` leads (`kill(-leader, SIGKILL)`); a
  /// group already gone is not an error.
  public static func killGroup(_ leader: Int32) {
    _ = Glibc.kill(-leader, SIGKILL)
  }
}
