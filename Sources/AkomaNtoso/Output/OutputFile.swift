import AKNSystem
import AKNXML
import Foundation
import Synchronization

/// Writes files so that they are either complete or absent: the bytes go to a temporary file in
/// the same folder, which is flushed to the disk and then renamed over the destination.
///
/// ``write(_:to:flush:createFolders:)`` replaces only a regular file: a character device, a FIFO
/// or an open descriptor (`/dev/stdout`, `/proc/self/fd/N`) is written in place, and a symbolic
/// link's target is replaced, the link kept.
public enum OutputFile {
  /// Writes `bytes` to what `path` names, never destroying anything but the regular file it names.
  ///
  /// - A regular file, or nothing: written atomically (a temporary file beside it, renamed over
  ///   it). A file replaced keeps its permissions and, when allowed, its owner.
  /// - A symbolic link (also a chain of them, also a dangling one): its final target is what is
  ///   written; the link stays.
  /// - A character device, a FIFO, or a path naming an open descriptor (`/dev/stdout`,
  ///   `/dev/fd/N`, `/proc/self/fd/N`): opened for writing and written in place (a FIFO's reader
  ///   gets the bytes; a regular file behind a descriptor path is truncated first).
  /// - A folder, a block device, a socket: refused.
  ///
  /// - Parameters:
  ///   - bytes: the whole content of the file.
  ///   - path: the output's path, as the user named it.
  ///   - flush: flush the file to the disk before it is renamed into place (`fsync`), so that it
  ///     survives a power loss too.
  ///   - createFolders: create missing parent folders; when false, a missing folder is refused
  ///     and named.
  /// - Throws: ``OutputFileError``; no partial or temporary file is left behind.
  public static func write(_ bytes: [UInt8], to path: String, flush: Bool = true, createFolders: Bool = false)
    throws(OutputFileError)
  {
    switch try target(of: path) {
    case .inPlace(let truncate):
      try writeInPlace(bytes, to: path, truncate: truncate)
    case .replace(let destination, let existing):
      try replace(bytes, at: destination, keeping: existing, flush: flush, createFolders: createFolders)
    }
  }

  enum Target: Equatable {
    /// Opened and written where it is (a device, a FIFO, an open descriptor).
    case inPlace(truncate: Bool)
    /// Written atomically at `path` (links resolved), replacing `existing` if any.
    case replace(path: String, existing: FileStatus?)
  }

  /// How `path` is to be written.
  static func target(of path: String) throws(OutputFileError) -> Target {
    let followed = POSIX.status(of: path)
    if let followed {
      switch followed.kind {
      case .regular: break
      case .folder: throw OutputFileError(path: path, reason: "is a folder; give a file name")
      case .fifo, .characterDevice: return .inPlace(truncate: false)
      case .blockDevice:
        throw OutputFileError(
          path: path, reason: "is a block device; only files, pipes and character devices are written")
      case .socket, .symbolicLink, .other:
        throw OutputFileError(path: path, reason: "is a socket or another special file; give a file name")
      }
    }
    // Resolve the links of the last component (the folders' links are crossed by the rename).
    var current = path
    for _ in 0..<40 {
      if isDescriptorPath(current) {
        guard followed != nil else {
          throw OutputFileError(path: path, reason: "names no open file descriptor")
        }
        return .inPlace(truncate: true)
      }
      guard let status = POSIX.status(of: current, followLinks: false), status.kind == .symbolicLink else {
        return .replace(path: current, existing: followed)
      }
      let link: String
      do {
        link = try POSIX.linkTarget(current)
      } catch {
        throw OutputFileError(path: path, operation: "read the link", code: error.code)
      }
      if link.hasPrefix("/") {
        current = link
      } else {
        let slash = current.utf8.lastIndex(of: UInt8(ascii: "/"))
        current = (slash.map { String(current[...$0]) } ?? "") + link
      }
    }
    throw OutputFileError(path: path, operation: "follow the links", code: ELOOP)
  }

  /// Whether `path` names an open file descriptor rather than a file (`/dev/stdout`,
  /// `/dev/fd/3`, `/proc/self/fd/1`): replacing what it leads to would cut it from its holder.
  static func isDescriptorPath(_ path: String) -> Bool {
    if ["/dev/stdout", "/dev/stderr", "/dev/stdin"].contains(path) || path.hasPrefix("/dev/fd/") {
      return true
    }
    let parts = path.split(separator: "/")
    return path.hasPrefix("/proc/") && parts.count == 4 && parts[2] == "fd"
  }

  /// Opens `path` for writing without creating or replacing it, and writes `bytes` there.
  static func writeInPlace(_ bytes: [UInt8], to path: String, truncate: Bool) throws(OutputFileError) {
    let descriptor: Int32
    do {
      descriptor = try POSIX.open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | (truncate ? O_TRUNC : 0))
    } catch {
      throw OutputFileError(path: path, operation: "open", code: error.code)
    }
    do {
      try POSIX.writeAll(descriptor, bytes)
    } catch {
      try? POSIX.close(descriptor)
      throw OutputFileError(path: path, operation: "write", code: error.code)
    }
    do {
      try POSIX.close(descriptor)
    } catch {
      throw OutputFileError(path: path, operation: "close", code: error.code)
    }
  }

  /// Writes `bytes` atomically at `path`: a temporary file beside it, given the permissions and
  /// owner of `existing` (the regular file replaced), flushed, renamed over `path`.
  static func replace(
    _ bytes: [UInt8], at path: String, keeping existing: FileStatus?, flush: Bool, createFolders: Bool
  ) throws(OutputFileError) {
    let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) }
    // Created with O_EXCL: an existing file (another run's) is never reused.
    var temporary = ""
    var descriptor: Int32 = -1
    var createdFolder = false
    while descriptor < 0 {
      temporary = temporaryPath(for: path)
      let failure: SystemCallError
      do {
        descriptor = try POSIX.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o666)
        break
      } catch {
        failure = error
      }
      if failure.isAlreadyThere { continue }
      if failure.isNotFound, let folder, !folder.isEmpty, POSIX.status(of: folder) == nil {
        guard createFolders, !createdFolder else {
          throw OutputFileError(path: path, reason: "the folder \(folder) does not exist; create it first")
        }
        do {
          try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
          throw OutputFileError(
            path: path, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        createdFolder = true
        continue
      }
      throw OutputFileError(path: path, operation: "create a temporary file beside it", code: failure.code)
    }
    do throws(OutputFileError) {
      if let existing, existing.kind == .regular {
        do {
          try POSIX.copyOwnerAndPermissions(existing, to: descriptor)
        } catch {
          throw OutputFileError(
            path: path, operation: "keep the permissions of the file replaced", code: error.code)
        }
      }
      do {
        try POSIX.writeAll(descriptor, bytes)
      } catch {
        throw OutputFileError(path: path, operation: "write", code: error.code)
      }
      do {
        if flush { try POSIX.fsync(descriptor) }
      } catch {
        throw OutputFileError(path: path, operation: "flush", code: error.code)
      }
      let closing = descriptor
      descriptor = -1
      do {
        try POSIX.close(closing)
      } catch {
        throw OutputFileError(path: path, operation: "close", code: error.code)
      }
      do {
        try POSIX.rename(temporary, to: path)
      } catch {
        throw OutputFileError(path: path, operation: "rename the temporary file to it", code: error.code)
      }
    } catch {
      if descriptor >= 0 { try? POSIX.close(descriptor) }
      try? POSIX.unlink(temporary)
      throw error
    }
  }
}

extension OutputFile {
  /// A new temporary path beside `path`: `.NAME.UUID.tmp`, the form
  /// `Batch.removeTemporaryFiles` recognises after a killed run.
  static func temporaryPath(for path: String) -> String {
    // The last "/" byte, as the system splits a path (not a `Character` search, which a mark
    // after the slash would hide, and which costs far more).
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.utf8.index(after: $0)...]) } ?? path
    return folder + ".\(name).\(temporaryUUID().uuidString).tmp"
  }

  /// Random bits drawn once per process (the system's generator: `getrandom`).
  private static let temporaryBase: (high: UInt64, low: UInt64) = {
    var generator = SystemRandomNumberGenerator()
    return (generator.next(), generator.next())
  }()

  /// Temporary names made so far by this process.
  private static let temporaryCount = Atomic<UInt64>(0)

  /// A version-4 UUID for a temporary name: the process's random bits with a count added to
  /// their last 64, so that no two names of a process repeat and none can be guessed from
  /// outside. (`UUID()` opened, read and closed `/dev/urandom` for every file a batch writes;
  /// `O_EXCL` still refuses a name that exists.)
  static func temporaryUUID() -> UUID {
    let count = temporaryCount.wrappingAdd(1, ordering: .relaxed).newValue
    let high = temporaryBase.high.bigEndian
    let low = (temporaryBase.low &+ count).bigEndian
    var bytes = [UInt8](repeating: 0, count: 16)
    withUnsafeBytes(of: high) { bytes.replaceSubrange(0..<8, with: $0) }
    withUnsafeBytes(of: low) { bytes.replaceSubrange(8..<16, with: $0) }
    bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
    bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
    return UUID(
      uuid: (
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
        bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
      ))
  }
}

/// Why ``OutputFile`` could not write a file.
public struct OutputFileError: Error, CustomStringConvertible {
  /// The destination.
  public var path: String
  /// What failed: "write", "flush", …
  public var operation: String
  /// The `errno` of the failure (0 when ``reason`` says it all).
  public var code: Int32
  /// Why the destination was refused before anything was tried ("is a folder …"), if it was.
  public var reason: String?

  /// `operation` failed with `code`.
  public init(path: String, operation: String, code: Int32) {
    self.path = path
    self.operation = operation
    self.code = code
  }

  /// The destination was refused for `reason`.
  public init(path: String, reason: String) {
    self.path = path
    self.operation = "write"
    self.code = 0
    self.reason = reason
  }

  /// "No space left on device" (a write), "cannot flush: Input/output error", "the folder out
  /// does not exist; create it first".
  public var description: String {
    if let reason { return reason }
    let words =
      code == EFBIG
      ? "the file size limit (ulimit -f) is reached; nothing was written" : String(cString: strerror(code))
    return operation == "write" ? words : "cannot \(operation): \(words)"
  }
}

extension OutputFile {
  /// Writes `bytes` atomically to `relativePath` inside the folder `root`, creating the folders
  /// between, and refusing to pass through anything in `root` that is not a real folder (a
  /// symbolic link in particular), so that nothing is ever written outside `root`.
  ///
  /// - Parameters:
  ///   - bytes: the whole content of the file.
  ///   - root: the folder nothing may be written outside of.
  ///   - relativePath: a checked relative path (`a/b/c.xml`): no `..`, not absolute.
  ///   - flush: flush the file to the disk before it is renamed into place (`fsync`).
  /// - Throws: ``UnsafeOutputPath`` for a path through a link, or the file-system error.
  public static func write(_ bytes: [UInt8], inside root: String, at relativePath: String, flush: Bool = true)
    throws
  {
    let components = relativePath.split(separator: "/").map(String.init)
    guard !components.isEmpty, !components.contains(".."), !components.contains("."),
      !relativePath.hasPrefix("/")
    else { throw UnsafeOutputPath(path: relativePath, reason: "is not a plain relative path") }
    var folder = root
    for component in components.dropLast() {
      folder += "/" + component
      var status = POSIX.status(of: folder, followLinks: false)
      if status == nil {
        do {
          try POSIX.mkdir(folder, mode: 0o755)
        } catch {
          // Created meanwhile (by another worker): what it is is checked below.
          if !error.isAlreadyThere {
            throw UnsafeOutputPath(path: relativePath, reason: "cannot create \(folder): \(error.reason)")
          }
        }
        status = POSIX.status(of: folder, followLinks: false)
        guard status != nil else {
          throw UnsafeOutputPath(path: relativePath, reason: "cannot create \(folder)")
        }
      }
      guard status?.kind == .folder else {
        throw UnsafeOutputPath(
          path: relativePath,
          reason:
            "passes through \(folder), which is \(status?.kind == .symbolicLink ? "a symbolic link" : "not a folder")"
        )
      }
    }
    // The name itself is replaced whatever it is (a link there is replaced, not followed).
    let path = root + "/" + relativePath
    try replace(
      bytes, at: path, keeping: POSIX.status(of: path, followLinks: false), flush: flush, createFolders: false
    )
  }
}

/// An output path refused by ``OutputFile/write(_:inside:at:flush:)``.
public struct UnsafeOutputPath: Error, CustomStringConvertible {
  /// The relative path asked for.
  public var path: String
  /// Why it was refused.
  public var reason: String
  /// The path and the reason.
  public var description: String { "\(path) \(reason); nothing written" }
}
