import CLibArchive

/// A zip archive built in memory through libarchive (the writing half of the one libarchive
/// wrapper, beside `ArchiveReader`): what a batch over HTTP answers with. Entries are
/// deflated, their names UTF-8, their times fixed (1980-01-01) so that the same files give the
/// same bytes.
public struct ZipArchive: Sendable {
  /// An error reported by libarchive, with its message.
  public struct Failure: Error, CustomStringConvertible {
    /// libarchive's message.
    public var description: String
  }

  /// The files, in the order they were added: a relative path with `/`, and the content.
  public private(set) var entries: [(name: String, bytes: [UInt8])] = []
  /// The bytes of all the entries' contents.
  public private(set) var contentSize = 0

  /// An empty archive.
  public init() {}

  /// Adds a regular file named `name` (a relative path with `/`) holding `bytes`.
  public mutating func add(_ name: String, _ bytes: [UInt8]) {
    entries.append((name, bytes))
    contentSize += bytes.count
  }

  /// The archive's bytes.
  ///
  /// - Throws: ``Failure`` when libarchive refuses an entry or runs out of memory.
  public func bytes() throws(Failure) -> [UInt8] {
    guard let handle = archive_write_new() else { throw Failure(description: "out of memory") }
    defer { archive_write_free(handle) }
    func check(_ status: Int32) throws(Failure) {
      guard status == ARCHIVE_OK || status == ARCHIVE_WARN else {
        throw Failure(
          description: archive_error_string(handle).map { String(cString: $0) } ?? "libarchive failed")
      }
    }
    try check(archive_write_set_format_zip(handle))
    try check(archive_write_set_options(handle, "zip:compression=deflate,zip:hdrcharset=UTF-8"))
    // No padding after the archive (a tar's blocking means nothing to a zip).
    try check(archive_write_set_bytes_in_last_block(handle, 1))
    let sink = Sink()
    let context = Unmanaged.passUnretained(sink).toOpaque()
    try check(
      archive_write_open(
        handle, context, nil,
        { _, context, buffer, length in
          guard let context, let buffer else { return -1 }
          let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
          sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
          return length
        }, nil))
    for (name, content) in entries {
      guard let entry = archive_entry_new() else { throw Failure(description: "out of memory") }
      defer { archive_entry_free(entry) }
      archive_entry_set_pathname_utf8(entry, name)
      archive_entry_set_filetype(entry, carchive_regular())
      archive_entry_set_perm(entry, 0o644)
      archive_entry_set_size(entry, Int64(content.count))
      archive_entry_set_mtime(entry, 315_532_800, 0)  // 1980-01-01, the first time a zip can say
      try check(archive_write_header(handle, entry))
      var offset = 0
      while offset < content.count {
        let written = content.withUnsafeBytes { buffer in
          archive_write_data(handle, buffer.baseAddress! + offset, buffer.count - offset)
        }
        guard written > 0 else {
          throw Failure(
            description: archive_error_string(handle).map { String(cString: $0) } ?? "cannot write \(name)")
        }
        offset += written
      }
    }
    try check(archive_write_close(handle))
    withExtendedLifetime(sink) {}
    return sink.bytes
  }

  /// Where libarchive's output goes.
  private final class Sink {
    var bytes: [UInt8] = []
  }
}
