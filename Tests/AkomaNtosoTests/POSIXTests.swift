import AKNSystem
import Foundation
import Testing

/// `AKNSystem`'s `POSIX` calls: what each gives, and the one error type each failure is, with
/// its step and `errno` (issue 19).
@Suite struct POSIXTests {
  static func folder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("akn-posix-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// The error `body` throws (nil when it throws none, or not a ``SystemCallError``).
  static func failure(_ body: () throws -> Void) -> SystemCallError? {
    do {
      try body()
      return nil
    } catch {
      return error as? SystemCallError
    }
  }

  @Test func openSaysNotFoundAndAlreadyThere() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let missing = Self.failure { _ = try POSIX.open(folder + "/none", O_RDONLY) }
    #expect(missing == SystemCallError("open", code: ENOENT))
    #expect(missing?.isNotFound == true)
    #expect(missing?.description == "open: No such file or directory")

    let path = folder + "/file"
    let descriptor = try POSIX.open(path, O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
    try POSIX.writeAll(descriptor, Array("text".utf8))
    try POSIX.fsync(descriptor)
    try POSIX.close(descriptor)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "text")
    #expect(POSIX.status(of: path)?.permissions == 0o600)
    let again = Self.failure { _ = try POSIX.open(path, O_WRONLY | O_CREAT | O_EXCL, mode: 0o600) }
    #expect(again?.isAlreadyThere == true)
    #expect(again?.operation == "open")
  }

  @Test func aClosedDescriptorCannotBeClosedOrFlushed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let descriptor = try POSIX.open(folder + "/file", O_WRONLY | O_CREAT, mode: 0o644)
    try POSIX.close(descriptor)
    #expect(Self.failure { try POSIX.close(descriptor) } == SystemCallError("close", code: EBADF))
    #expect(Self.failure { try POSIX.fsync(descriptor) } == SystemCallError("fsync", code: EBADF))
  }

  @Test func mkdirRenameUnlinkSayWhatFailed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try POSIX.mkdir(folder + "/sub", mode: 0o700)
    #expect(POSIX.status(of: folder + "/sub")?.kind == .folder)
    #expect((POSIX.status(of: folder + "/sub")?.permissions ?? 0o777) & ~0o700 == 0)
    #expect(Self.failure { try POSIX.mkdir(folder + "/sub") } == SystemCallError("mkdir", code: EEXIST))
    #expect(Self.failure { try POSIX.mkdir(folder + "/none/sub") } == SystemCallError("mkdir", code: ENOENT))

    try Data("one".utf8).write(to: URL(fileURLWithPath: folder + "/a"))
    try Data("two".utf8).write(to: URL(fileURLWithPath: folder + "/b"))
    try POSIX.rename(folder + "/a", to: folder + "/b")
    #expect(try String(contentsOfFile: folder + "/b", encoding: .utf8) == "one")
    #expect(POSIX.status(of: folder + "/a") == nil)
    #expect(
      Self.failure { try POSIX.rename(folder + "/a", to: folder + "/c") }
        == SystemCallError("rename", code: ENOENT))
    #expect(
      Self.failure { try POSIX.rename(folder + "/b", to: folder + "/sub") }
        == SystemCallError("rename", code: EISDIR))

    // A link is removed, never its target.
    try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "b")
    try POSIX.unlink(folder + "/link")
    #expect(POSIX.status(of: folder + "/link", followLinks: false) == nil)
    #expect(POSIX.status(of: folder + "/b")?.kind == .regular)
    #expect(Self.failure { try POSIX.unlink(folder + "/link") } == SystemCallError("unlink", code: ENOENT))
    #expect(Self.failure { try POSIX.unlink(folder + "/sub") }?.operation == "unlink")
  }

  @Test func fileStatusFollowsLinksOrNot() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: "none")
    #expect(try POSIX.fileStatus(folder + "/dangling", followLinks: false).kind == .symbolicLink)
    let followed = Self.failure { _ = try POSIX.fileStatus(folder + "/dangling") }
    #expect(followed == SystemCallError("stat", code: ENOENT))
    #expect(followed?.isNotFound == true)
    let unlinked = Self.failure { _ = try POSIX.fileStatus(folder + "/none", followLinks: false) }
    #expect(unlinked == SystemCallError("lstat", code: ENOENT))
    #expect(
      Self.failure { _ = try POSIX.fileStatus(folder + "/dangling/x", followLinks: false) }
        == SystemCallError("lstat", code: ENOENT))
  }

  @Test func aPipeIsPolledReadAndWrittenWithoutBlocking() throws {
    POSIX.ignore(signals: [SIGPIPE])
    let ends = try POSIX.pipe()
    defer { try? POSIX.close(ends.read) }
    try POSIX.setNonBlocking(ends.read)
    try POSIX.setNonBlocking(ends.write)
    var buffer = [UInt8](repeating: 0, count: 16)
    // Nothing there yet: the read would wait, the poll times out.
    #expect(try POSIX.readSome(ends.read, into: &buffer) == nil)
    #expect(try POSIX.poll(reading: [ends.read], writing: [], timeoutMilliseconds: 0) == [])
    #expect(
      try POSIX.poll(reading: [ends.read], writing: [ends.write], timeoutMilliseconds: 1000) == [ends.write])

    #expect(try POSIX.writeSome(ends.write, Array("abcdef".utf8), from: 2, limit: 3) == 3)
    #expect(try POSIX.poll(reading: [ends.read], writing: [], timeoutMilliseconds: 1000) == [ends.read])
    #expect(try POSIX.readSome(ends.read, into: &buffer) == 3)
    #expect(buffer[0..<3] == ArraySlice("cde".utf8))

    // The writer gone, the reader reads the end (0).
    try POSIX.close(ends.write)
    #expect(try POSIX.poll(reading: [ends.read], writing: [], timeoutMilliseconds: 1000) == [ends.read])
    #expect(try POSIX.readSome(ends.read, into: &buffer) == 0)
    #expect(
      Self.failure { _ = try POSIX.readSome(ends.write, into: &buffer) }
        == SystemCallError("read", code: EBADF))
  }

  @Test func writingToAPipeWhoseReaderHasGoneSaysEPIPE() throws {
    POSIX.ignore(signals: [SIGPIPE])
    let ends = try POSIX.pipe()
    defer { try? POSIX.close(ends.write) }
    try POSIX.close(ends.read)
    let failure = Self.failure { _ = try POSIX.writeSome(ends.write, [1, 2, 3], from: 0, limit: 3) }
    #expect(failure == SystemCallError("write", code: EPIPE))
  }

  @Test func waitpidOnAProcessThatIsNoChildSaysECHILD() {
    let failure = Self.failure { _ = try POSIX.waitpid(getpid(), blocking: false) }
    #expect(failure == SystemCallError("waitpid", code: ECHILD))
    #expect(failure?.description == "waitpid: No child processes")
  }
}
