import AKNXML
import CLibArchive
// For newlocale/uselocale (libarchive decodes entry names in the thread's locale): the C
// library, no system call.
import Glibc

/// The one wrapper around libarchive (with ``ZipArchive``, its writing half): reads a `.zip` or a (compressed) `.tar` sequentially, entry
/// by entry, without unpacking anything to disk. Only these two files touch libarchive's pointers.
///
/// A reader is used by one thread at a time; it is not `Sendable`.
final class ArchiveReader {
  /// What an entry is, as far as a batch cares.
  enum Kind: Equatable {
    case regular
    case directory
    /// A symbolic link, with its target.
    case symlink(String)
    /// A hard link, with the path it links to.
    case hardlink(String)
    /// A device, FIFO or socket.
    case other
  }

  /// The header of one entry.
  struct Entry {
    /// The path as stored in the archive (not yet checked); nil when libarchive could not read
    /// it (bytes that are not valid in the character set the archive declares for it).
    var path: String?
    /// libarchive's warning about this header (such as why its name could not be read).
    var warning: String?
    var kind: Kind
    /// The uncompressed size the header declares, if it declares one.
    var declaredSize: Int64?
  }

  /// An error reported by libarchive, with its message.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private let handle: OpaquePointer
  /// The path of the archive file.
  let path: String
  /// A locale whose character type is UTF-8, made current on this thread while libarchive reads
  /// names (nil if the system has none).
  ///
  /// libarchive converts every name between the archive's character set and the thread's
  /// current locale. A Swift program runs in the "C" locale (ASCII) whatever `LC_ALL` says, so a
  /// name stored as UTF-8 (a zip entry with the UTF-8 flag, as Python, Java, 7-Zip and macOS
  /// write them; a pax header) fails to convert as soon as it holds a letter outside ASCII, and
  /// libarchive then gives no name at all. Under a UTF-8 locale the names come through as they
  /// are stored. The locale is per thread (`uselocale`), so nothing else in the process changes.
  private let utf8Locale: locale_t?

  /// Opens `path` for reading: zip, tar (ustar, pax, GNU), raw or compressed with gzip, bzip2 or xz.
  init(path: String) throws(Failure) {
    guard let handle = archive_read_new() else { throw Failure(description: "out of memory") }
    self.handle = handle
    self.path = path
    var locale: locale_t?
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where locale == nil {
      locale = newlocale(LC_CTYPE_MASK, name, nil)
    }
    utf8Locale = locale
    archive_read_support_filter_gzip(handle)
    archive_read_support_filter_bzip2(handle)
    archive_read_support_filter_xz(handle)
    archive_read_support_format_tar(handle)
    archive_read_support_format_gnutar(handle)
    archive_read_support_format_zip(handle)
    let opened = withUTF8Locale { archive_read_open_filename(handle, path, 64 * 1024) }
    if opened != ARCHIVE_OK {
      throw Failure(description: Self.message(handle))  // deinit frees the handle
    }
  }

  deinit {
    archive_read_free(handle)
    if let utf8Locale { freelocale(utf8Locale) }
  }

  /// Runs `body` with ``utf8Locale`` current on this thread, then restores the thread's locale.
  private func withUTF8Locale<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    guard let utf8Locale, let previous = uselocale(utf8Locale) else { return try body() }
    defer { uselocale(previous) }
    return try body()
  }

  private static func message(_ handle: OpaquePointer) -> String {
    guard let text = archive_error_string(handle) else { return "unknown libarchive error" }
    return String(cString: text)
  }

  /// The next entry's header, or nil at the end of the archive.
  ///
  /// - Throws: ``Failure`` when the archive is corrupt or truncated here; reading cannot go on.
  func next() throws(Failure) -> Entry? {
    try withUTF8Locale { () throws(Failure) -> Entry? in try readHeader() }
  }

  private func readHeader() throws(Failure) -> Entry? {
    var entry: OpaquePointer?
    let status = archive_read_next_header(handle, &entry)
    if status == ARCHIVE_EOF { return nil }
    guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
      throw Failure(description: Self.message(handle))
    }
    let path: String?
    if let utf8 = archive_entry_pathname_utf8(entry) {
      path = String(cString: utf8)
    } else if let raw = archive_entry_pathname(entry) {
      path = String(cString: raw)  // not UTF-8: invalid bytes become U+FFFD
    } else {
      path = nil
    }
    let kind: Kind
    let type = UInt32(archive_entry_filetype(entry)) & carchive_filetype_mask()
    if let target = archive_entry_hardlink(entry) {
      kind = .hardlink(String(cString: target))
    } else if type == carchive_regular() {
      kind = .regular
    } else if type == carchive_directory() {
      kind = .directory
    } else if type == carchive_symlink() {
      kind = .symlink(archive_entry_symlink(entry).map { String(cString: $0) } ?? "")
    } else {
      kind = .other
    }
    let size = archive_entry_size_is_set(entry) != 0 ? Int64(archive_entry_size(entry)) : nil
    let warning = status == ARCHIVE_WARN ? Self.message(handle) : nil
    return Entry(path: path, warning: warning, kind: kind, declaredSize: size)
  }

  /// The current entry's data, or nil if it holds more than `limit` bytes (then the rest of the
  /// entry is not read).
  ///
  /// - Throws: ``Failure`` when the data is corrupt; reading cannot go on.
  func data(limit: Int) throws(Failure) -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { archive_read_data(handle, $0.baseAddress, $0.count) }
      if count == 0 { return bytes }
      if count < 0 {
        throw Failure(description: Self.message(handle))
      }
      if bytes.count + count > limit { return nil }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Bytes consumed from the archive file so far (compressed).
  var compressedPosition: Int64 { Int64(archive_filter_bytes(handle, -1)) }
}
