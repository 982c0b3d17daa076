import Foundation

/// Writes files so that they are either complete or absent: the bytes go to a temporary file in
/// the same folder, which is flushed and then renamed over the destination.
public enum OutputFile {
  /// Writes `bytes` to `path` atomically, creating missing parent folders.
  ///
  /// - Throws: the underlying file-system error; no partial file is left behind.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      defer { try? handle.close() }
      try handle.write(contentsOf: Data(bytes))
      try handle.synchronize()
      if rename(temporary.path, url.path) != 0 {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}

extension OutputFile {
  /// Writes `bytes` atomically to `relativePath` inside the folder `root`, creating the folders
  /// between, and refusing to pass through anything in `root` that is not a real folder (a
  /// symbolic link in particular), so that nothing is ever written outside `root`.
  ///
  /// - Parameter relativePath: a checked relative path (`a/b/c.xml`): no `..`, not absolute.
  /// - Throws: ``UnsafeOutputPath`` for a path through a link, or the file-system error.
  public static func write(_ bytes: [UInt8], inside root: String, at relativePath: String) throws {
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
    try write(bytes, to: root + "/" + relativePath)
  }
}

/// An output path refused by ``OutputFile/write(_:inside:at:)``.
public struct UnsafeOutputPath: Error, CustomStringConvertible {
  /// The relative path asked for.
  public var path: String
  /// Why it was refused.
  public var reason: String
  public var description: String { "\(path) \(reason); nothing written" }
}
