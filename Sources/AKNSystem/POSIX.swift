// The one place that calls POSIX: each call retried on EINTR, each failure an errno with its
// step. The rest of the package reads and writes files and runs programs through these (the
// file and process calls are in POSIXCalls.swift).
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

/// What `stat` or `lstat` says of a path: its type, permissions, owner and identity.
public struct FileStatus: Sendable, Hashable {
  /// The type of a file.
  public enum Kind: Sendable, Hashable {
    case regular, folder, symbolicLink, fifo, characterDevice, blockDevice, socket, other
  }

  /// The file's type.
  public var kind: Kind
  /// The permission bits (`st_mode & 07777`).
  public var permissions: UInt32
  /// The owner's user id.
  public var owner: UInt32
  /// The owner's group id.
  public var group: UInt32
  /// The device holding the file.
  public var device: UInt64
  /// The file's inode number on its device.
  public var inode: UInt64

  init(_ info: stat) {
    switch info.st_mode & S_IFMT {
    case S_IFREG: kind = .regular
    case S_IFDIR: kind = .folder
    case S_IFLNK: kind = .symbolicLink
    case S_IFIFO: kind = .fifo
    case S_IFCHR: kind = .characterDevice
    case S_IFBLK: kind = .blockDevice
    case S_IFSOCK: kind = .socket
    default: kind = .other
    }
    permissions = UInt32(info.st_mode & 0o7777)
    owner = UInt32(info.st_uid)
    group = UInt32(info.st_gid)
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }
}

extension POSIX {
  /// The status of `path` (`stat`, or `lstat` when `followLinks` is false); nil when nothing is
  /// there (or a folder on the way cannot be searched).
  public static func status(of path: String, followLinks: Bool = true) -> FileStatus? {
    try? fileStatus(path, followLinks: followLinks)
  }

  /// The status of the open file `descriptor` (`fstat`).
  public static func status(of descriptor: Int32) throws(SystemCallError) -> FileStatus {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw SystemCallError("stat", code: errno) }
    return FileStatus(info)
  }

  /// The target a symbolic link holds, as written in it (`readlink`).
  public static func linkTarget(_ path: String) throws(SystemCallError) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { throw SystemCallError("readlink", code: errno) }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Opens `path` with `flags` (and `mode` when creating); retried on `EINTR`.
  public static func open(_ path: String, _ flags: Int32, mode: UInt32 = 0) throws(SystemCallError) -> Int32 {
    let descriptor = retrying { Glibc.open(path, flags, mode_t(mode)) }
    guard descriptor >= 0 else { throw SystemCallError("open", code: errno) }
    return descriptor
  }

  /// Sets the owner and the permission bits of the open file `descriptor` to `status`'s. The
  /// owner is set first (changing it clears set-user-id bits); failing to set it (not allowed to
  /// give a file away) is not an error.
  public static func copyOwnerAndPermissions(_ status: FileStatus, to descriptor: Int32)
    throws(SystemCallError)
  {
    _ = fchown(descriptor, uid_t(status.owner), gid_t(status.group))
    guard fchmod(descriptor, mode_t(status.permissions)) == 0 else {
      throw SystemCallError("chmod", code: errno)
    }
  }

  /// Makes the process ignore `signals` (`SIG_IGN`): a write to a closed pipe then fails with
  /// `EPIPE` (for `SIGPIPE`), a write over the file-size limit with `EFBIG` (for `SIGXFSZ`).
  public static func ignore(signals: [Int32]) {
    for number in signals { signal(number, SIG_IGN) }
  }
}
