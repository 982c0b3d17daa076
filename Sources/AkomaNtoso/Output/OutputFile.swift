import AKNSystem
import AKNXML
import Foundation

/// Writes files so that they are either complete or absent: the bytes go to a temporary file in
/// the same folder, which is flushed to the disk and then renamed over the destination.
public enum OutputFile {
  /// Writes `bytes` to `path` atomically, creating missing parent folders.
  ///
  /// - Parameter flush: flush the file to the disk before it is renamed into place (`fsync`),
  ///   so that it survives a power loss too. ``Batch`` passes false (concurrent `fsync`s
  ///   serialise on the file system's journal) and relies on its report instead: each output's
  ///   SHA-256 is recorded, and a resumed run converts again what does not match.
  /// - Throws: ``OutputFileError`` (or the error creating a folder); no partial file is left
  ///   behind.
  public static func write(_ bytes: [UInt8], to path: String, flush: Bool = true) throws {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) }
    // Created with O_EXCL: an existing file (another run's) is never reused.
    var temporary = ""
    var descriptor: Int32 = -1
    var createdFolder = false
    while descriptor < 0 {
      temporary = temporaryPath(for: path)
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if descriptor >= 0 { break }
      let failure = errno
      if failure == EEXIST || failure == EINTR { continue }
      if failure == ENOENT, let folder, !folder.isEmpty, !createdFolder {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        createdFolder = true
        continue
      }
      throw OutputFileError(path: path, operation: "create a temporary file beside it", code: failure)
    }
    do {
      do {
        try POSIX.writeAll(descriptor, bytes)
      } catch {
        throw OutputFileError(path: path, operation: "write", code: error.code)
      }
      if flush, fsync(descriptor) != 0 { throw OutputFileError(path: path, operation: "flush", code: errno) }
      let closed = close(descriptor)
      descriptor = -1
      if closed != 0 { throw OutputFileError(path: path, operation: "close", code: errno) }
      if rename(temporary, path) != 0 {
        throw OutputFileError(path: path, operation: "rename the temporary file to it", code: errno)
      }
    } catch {
      if descriptor >= 0 { close(descriptor) }
      unlink(temporary)
      throw error
    }
  }
}

extension OutputFile {
  /// A new temporary path beside `path`: `.NAME.UUID.tmp`, the form
  /// `Batch.removeTemporaryFiles` recognises after a killed run.
  static func temporaryPath(for path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return folder + ".\(name).\(UUID().uuidString).tmp"
  }
}

/// Why ``OutputFile`` could not write a file.
public struct OutputFileError: Error, CustomStringConvertible {
  /// The destination.
  public var path: String
  /// What failed: "write", "flush", …
  public var operation: String
  /// The `errno` of the failure.
  public var code: Int32

  /// "cannot write: No space left on device".
  public var description: String {
    "cannot \(operation): \(String(cString: strerror(code)))"
  }
}

extension OutputFile {
  /// Writes `bytes` atomically to `relativePath` inside the folder `root`, creating the folders
  /// between, and refusing to pass through anything in `root` that is not a real folder (a
  /// symbolic link in particular), so that nothing is ever written outside `root`.
  ///
  /// - Parameter relativePath: a checked relative path (`a/b/c.xml`): no `..`, not absolute.
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
      var info = stat()
      if lstat(folder, &info) != 0 {
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
          throw UnsafeOutputPath(
            path: relativePath, reason: "cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        guard lstat(folder, &info) == 0 else {
          throw UnsafeOutputPath(path: relativePath, reason: "cannot create \(folder)")
        }
      }
      guard info.st_mode & S_IFMT == S_IFDIR else {
        throw UnsafeOutputPath(
          path: relativePath,
          reason:
            "passes through \(folder), which is \(info.st_mode & S_IFMT == S_IFLNK ? "a symbolic link" : "not a folder")"
        )
      }
    }
    try write(bytes, to: root + "/" + relativePath, flush: flush)
  }
}

/// An output path refused by ``OutputFile/write(_:inside:at:)``.
public struct UnsafeOutputPath: Error, CustomStringConvertible {
  /// The relative path asked for.
  public var path: String
  /// Why it was refused.
  public var reason: String
  /// The path and the reason.
  public var description: String { "\(path) \(reason); nothing written" }
}
