// The one place that calls POSIX for files: each call retried on EINTR, each failure an errno
// with its step. The rest of the package reads and writes files through these.
import Glibc

/// A failed POSIX call: which step, and the `errno` it left.
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was being done ("open", "read", "write" …).
  public var operation: String
  /// The `errno` value.
  public var code: Int32

  /// A failure of `operation` with `code`.
  public init(_ operation: String, code: Int32) {
    self.operation = operation
    self.code = code
  }

  /// The system's words for `code` ("No such file or directory").
  public var reason: String { String(cString: strerror(code)) }

  /// "read: Permission denied".
  public var description: String { "\(operation): \(reason)" }
}

/// POSIX calls with their `EINTR` retries.
public enum POSIX {
  /// Runs `call` until it does not fail with `EINTR`; returns its result (negative: `errno` set).
  public static func retrying<Result: BinaryInteger>(_ call: () -> Result) -> Result {
    while true {
      let result = call()
      if result < 0 && errno == EINTR { continue }
      return result
    }
  }

  /// Writes all of `bytes` to `descriptor`.
  public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        retrying { Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset) }
      }
      if written < 0 { throw SystemCallError("write", code: errno) }
      offset += written
    }
  }

  /// Reads `descriptor` to its end, or stops with nil once more than `limit` bytes came.
  ///
  /// - Parameter expected: a size hint (the file's size), so that a regular file is read into one
  ///   buffer of the right size.
  public static func readAll(_ descriptor: Int32, limit: Int, expected: Int = 0) throws(SystemCallError)
    -> [UInt8]?
  {
    var bytes = [UInt8](repeating: 0, count: min(max(expected, 0), limit) + 1)
    var count = 0
    while true {
      if count == bytes.count {
        if count > limit { return nil }
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 64 * 1024))
      }
      let read = bytes.withUnsafeMutableBytes { buffer in
        retrying { Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count) }
      }
      if read < 0 { throw SystemCallError("read", code: errno) }
      if read == 0 { break }
      count += read
    }
    guard count <= limit else { return nil }
    bytes.removeSubrange(count...)
    return bytes
  }
}

/// Reads whole files with a size limit checked before reading and again while reading (a file
/// that grows, a FIFO, a /proc file whose size says 0).
public enum SizeCappedFile {
  /// Why a file was not read.
  public enum Failure: Error, Sendable, Hashable {
    /// Nothing at that path.
    case notFound
    /// A folder.
    case isFolder
    /// A device, FIFO or socket.
    case notRegular
    /// Over the limit; `size` is what `stat` said (0 when it grew while being read).
    case tooLarge(size: Int)
    /// Cannot be opened or read.
    case unreadable(SystemCallError)
  }

  /// The bytes of the regular file at `path`, at most `limit` of them.
  ///
  /// - Parameters:
  ///   - followLinks: whether a symbolic link at `path` is followed (batch inputs are not
  ///     followed, so that a folder's links cannot reach outside it).
  ///   - streams: whether a FIFO or character device (`<(command)` in a shell) is read as a
  ///     stream, up to the limit, instead of being refused.
  public static func read(_ path: String, limit: Int, followLinks: Bool = true, streams: Bool = false)
    throws(Failure) -> [UInt8]
  {
    let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW)
    let descriptor = POSIX.retrying { open(path, flags) }
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { throw .notFound }
      throw .unreadable(SystemCallError("open", code: code))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .unreadable(SystemCallError("stat", code: errno)) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw .isFolder
    case S_IFIFO,
      S_IFCHR where streams:
      // Opened without blocking (so that opening a FIFO nobody writes to cannot hang); read it
      // blocking, as a stream.
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
      do {
        guard let bytes = try POSIX.readAll(descriptor, limit: limit) else { throw Failure.tooLarge(size: 0) }
        return bytes
      } catch let error as SystemCallError {
        throw .unreadable(error)
      } catch {
        throw .tooLarge(size: 0)
      }
    default: throw .notRegular
    }
    guard info.st_size <= limit else { throw .tooLarge(size: Int(info.st_size)) }
    let bytes: [UInt8]?
    do {
      bytes = try POSIX.readAll(descriptor, limit: limit, expected: Int(info.st_size))
    } catch {
      throw .unreadable(error)
    }
    guard let bytes else { throw .tooLarge(size: 0) }
    return bytes
  }
}
