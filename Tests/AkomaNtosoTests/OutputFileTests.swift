import Foundation
import Testing

@testable import AkomaNtoso

/// ``OutputFile``: what a destination is taken for, and what writing it leaves (issue 21).
@Suite struct OutputFileTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("akn-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func listing(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func descriptorPathsAreWrittenInPlace() {
    for path in ["/dev/stdout", "/dev/stderr", "/dev/fd/3", "/proc/self/fd/1", "/proc/123/fd/4"] {
      #expect(OutputFile.isDescriptorPath(path), "\(path)")
    }
    for path in ["/dev/stdout.xml", "/proc/self/fdinfo/1", "/tmp/fd/1", "out.xml", "/proc/self/fd/1/x"] {
      #expect(!OutputFile.isDescriptorPath(path), "\(path)")
    }
  }

  @Test func temporaryNamesAreVersion4UUIDsThatDoNotRepeat() {
    var seen = Set<UUID>()
    for _ in 0..<2_000 {
      let uuid = OutputFile.temporaryUUID()
      #expect(seen.insert(uuid).inserted, "\(uuid) repeated")
      #expect(uuid.uuid.6 >> 4 == 4 && uuid.uuid.8 >> 6 == 0b10, "\(uuid) is not a version-4 UUID")
      #expect(UUID(uuidString: uuid.uuidString) == uuid)
    }
    let path = OutputFile.temporaryPath(for: "/out/sub/a.xml")
    #expect(path.hasPrefix("/out/sub/.a.xml.") && path.hasSuffix(".tmp"))
  }

  @Test func aLinkChainIsResolvedToTheFileItEndsAt() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sub = folder.appendingPathComponent("sub")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: sub.appendingPathComponent("real"))
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("a").path, withDestinationPath: "sub/real")
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("b").path,
      withDestinationPath: folder.appendingPathComponent("a").path)
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("loop").path, withDestinationPath: "loop")
    let b = folder.appendingPathComponent("b").path
    guard case .replace(let path, let existing) = try OutputFile.target(of: b) else {
      Issue.record("a link to a regular file is not replaced")
      return
    }
    #expect(path == folder.path + "/sub/real")
    #expect(existing != nil)
    #expect(throws: OutputFileError.self) {
      try OutputFile.target(of: folder.appendingPathComponent("loop").path)
    }
    #expect(throws: OutputFileError.self) { try OutputFile.target(of: folder.path) }
  }

  @Test func aReplacedFileKeepsItsPermissions() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("secret.xml")
    try Data("old".utf8).write(to: file)
    #expect(chmod(file.path, 0o600) == 0)
    try OutputFile.write(Array("new".utf8), to: file.path)
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect(try Data(contentsOf: file) == Data("new".utf8))
    #expect(try Self.listing(folder) == ["secret.xml"])
  }

  @Test func aMissingFolderIsRefusedUnlessAsked() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.path + "/a/b/c.xml"
    do {
      try OutputFile.write(Array("x".utf8), to: path)
      Issue.record("a missing folder was created")
    } catch {
      #expect(error.description == "the folder \(folder.path)/a/b does not exist; create it first")
    }
    #expect(try Self.listing(folder).isEmpty)
    try OutputFile.write(Array("x".utf8), to: path, createFolders: true)
    #expect(FileManager.default.fileExists(atPath: path))
  }

  /// Inside a batch's output folder a link at the output's own name is replaced, never
  /// followed: nothing is written outside the folder.
  @Test func insideAFolderALinkIsReplacedNotFollowed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = folder.appendingPathComponent("root")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let outside = folder.appendingPathComponent("outside.xml")
    try Data("outside".utf8).write(to: outside)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("a.xml").path, withDestinationPath: outside.path)
    try OutputFile.write(Array("x".utf8), inside: root.path, at: "a.xml")
    #expect(try Data(contentsOf: outside) == Data("outside".utf8))
    let attributes = try FileManager.default.attributesOfItem(
      atPath: root.appendingPathComponent("a.xml").path)
    #expect(attributes[.type] as? FileAttributeType == .typeRegular)
  }
}
