import AKNSystem
import AKNXML
import Foundation

/// Limits that keep a batch bounded whatever its input (archive bombs included).
public struct BatchLimits: Sendable {
  /// The largest input document read; larger entries are refused (`batch.too-large`).
  public var maximumEntryBytes: Int
  /// The most entries an archive may hold; reading stops beyond (`batch.limit`).
  public var maximumEntries: Int
  /// The most uncompressed bytes an archive may declare or yield in all; reading stops beyond.
  public var maximumTotalBytes: Int64
  /// The highest ratio of uncompressed to compressed bytes, checked once more than
  /// `ratioFloor` bytes have been uncompressed; reading stops beyond.
  public var maximumRatio: Int64
  /// Below this many uncompressed bytes the ratio is not checked.
  public var ratioFloor: Int64

  /// Creates limits; the defaults are documented in the README.
  public init(
    maximumEntryBytes: Int = 64 << 20, maximumEntries: Int = 1_000_000,
    maximumTotalBytes: Int64 = 64 << 30, maximumRatio: Int64 = 1000, ratioFloor: Int64 = 256 << 20
  ) {
    self.maximumEntryBytes = maximumEntryBytes
    self.maximumEntries = maximumEntries
    self.maximumTotalBytes = maximumTotalBytes
    self.maximumRatio = maximumRatio
    self.ratioFloor = ratioFloor
  }
}

/// A deterministic share of the inputs: shard `index` (1-based) of `count`, chosen by a stable
/// hash (FNV-1a, 64-bit) of each input's path, so that N independent runs cover every input
/// exactly once.
public struct BatchShard: Sendable, Equatable {
  /// 1...count.
  public var index: Int
  /// The number of shards.
  public var count: Int

  /// Parses `K/N` with 1 ≤ K ≤ N; nil otherwise.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
      (1...count).contains(index)
    else { return nil }
    self.index = index
    self.count = count
  }

  /// Whether the input at `path` belongs to this shard.
  public func contains(_ path: String) -> Bool {
    Int(PathHash.fnv1a(path) % UInt64(count)) == index - 1
  }
}

enum PathHash {
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }
}

/// Why an input is refused before conversion.
struct Refusal: Error {
  var diagnostic: Diagnostic
  init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

/// One input as the source yields it, before conversion.
struct BatchItem: Sendable {
  enum Content: Sendable {
    /// A document to convert (bytes empty in a counting pass).
    case document(bytes: [UInt8], output: String)
    /// Refused before conversion: unsafe path, link, too large, unreadable.
    case refused(Diagnostic)
    /// Not a document.
    case ignored(reason: String)
    /// Reading stopped here (damaged archive, limit); nothing after this is read.
    case stopped(Diagnostic)
  }

  var path: String
  var content: Content
}

/// The output paths claimed by the documents read so far, so that no two documents write the
/// same file, nor one a file where another needs a folder (`c.txt` → `c.xml`, and
/// `c.xml/d.txt` → `c.xml/d.xml`): the first in input order wins, whatever the timing of the
/// workers, and the later one is refused before it is converted.
struct OutputClaims {
  /// Output file → the input that claimed it.
  private var files: [String: String] = [:]
  /// Folder that outputs lie in → the first input that needed it.
  private var folders: [String: String] = [:]

  /// Claims `output` for `input`; the refusal when an earlier document holds it.
  mutating func claim(_ output: String, for input: String) -> Diagnostic? {
    if let earlier = files[output] {
      let message =
        earlier == input
        ? "\(input) is stored more than once; the first copy is the one converted, this one was not"
        : "\(earlier), an earlier input, has the same output path \(output); this one was not converted"
      return Diagnostic(.error, rule: .batchDuplicate, message: message)
    }
    if let earlier = folders[output] {
      return Diagnostic(
        .error, rule: .batchDuplicate,
        message:
          "its output \(output) would be where the output of \(earlier), an earlier input, needs a folder; this one was not converted"
      )
    }
    var parents: [String] = []
    var folder = output[...]
    while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
      folder = folder[..<slash]
      parents.append(String(folder))
    }
    if let parent = parents.first(where: { files[$0] != nil }), let earlier = files[parent] {
      return Diagnostic(
        .error, rule: .batchDuplicate,
        message:
          "its output \(output) needs a folder \(parent) where \(earlier), an earlier input, has its output; this one was not converted"
      )
    }
    files[output] = input
    for parent in parents where folders[parent] == nil { folders[parent] = input }
    return nil
  }
}

/// Yields the inputs of a folder (walked depth-first, each folder's names sorted) or of an archive
/// (in archive order), filtered by shard, with paths checked. Two documents whose output paths
/// collide are told apart here, in input order (see ``OutputClaims``), over every input, so that
/// shards agree on which one wins.
struct BatchSource {
  enum Kind { case folder, archive }

  /// The kind of `path`: a folder, or an archive by its extension; nil for anything else.
  static func kind(of path: String) -> Kind? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    if isDirectory.boolValue { return .folder }
    let name = (path as NSString).lastPathComponent.lowercased()
    let archives = [".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2"]
    return archives.contains { name.hasSuffix($0) } ? .archive : nil
  }

  /// Whether a name is a document to convert: a text (`.txt`) or a PDF (`.pdf`).
  static func isDocument(_ name: String) -> Bool {
    let lowered = name.lowercased()
    return lowered.hasSuffix(".txt") || lowered.hasSuffix(".pdf")
  }

  /// The output path for a document path: its extension replaced by `.xml`.
  static func outputPath(for path: String) -> String {
    String(path.dropLast(4)) + ".xml"
  }

  /// Checks and normalises an archive entry's path: `./` and empty components dropped; `..`,
  /// absolute paths and backslashes refused. Returns the relative path, or the reason it is refused.
  static func normalise(_ raw: String) -> Result<String, Refusal> {
    func refuse(_ why: String) -> Result<String, Refusal> {
      .failure(
        Refusal(
          Diagnostic(
            .error, rule: .batchUnsafePath,
            message: "entry path \"\(raw)\" \(why); refused, nothing written")))
    }
    if raw.hasPrefix("/") { return refuse("is absolute") }
    if raw.contains("\\") { return refuse("contains a backslash") }
    if raw.utf8.contains(0) || raw.unicodeScalars.contains(where: { $0.value < 0x20 }) {
      return refuse("contains control characters")
    }
    let components = raw.split(separator: "/").filter { $0 != "." }
    if components.contains("..") { return refuse("goes up with \"..\"") }
    if components.isEmpty { return refuse("is empty") }
    return .success(components.joined(separator: "/"))
  }

  let root: String
  let kind: Kind
  let shard: BatchShard?
  let limits: BatchLimits
  /// A folder inside the input not to walk (the output folder, when it lies inside).
  let excluded: String?
  /// Whether to read documents' bytes (false for the counting pass).
  let readData: Bool

  /// Calls `body` with each item in order. Stops early when `body` returns false.
  func forEach(_ body: (BatchItem) -> Bool) {
    var claims = OutputClaims()
    switch kind {
    case .folder: walkFolder(&claims, body)
    case .archive: readArchive(&claims, body)
    }
  }

  /// The item for a regular file at `path`, or nil when it is outside the shard. A document
  /// claims its output path even outside the shard (see ``OutputClaims``).
  private func classify(
    path: String, claims: inout OutputClaims, readBytes: () -> Result<[UInt8], Refusal>
  ) -> BatchItem? {
    let inShard = shard?.contains(path) ?? true
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if path.split(separator: "/").contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) {
      return inShard ? BatchItem(path: path, content: .ignored(reason: "hidden")) : nil
    }
    guard Self.isDocument(name) else {
      return inShard ? BatchItem(path: path, content: .ignored(reason: "not-text")) : nil
    }
    let output = Self.outputPath(for: path)
    let conflict = claims.claim(output, for: path)
    guard inShard else { return nil }
    if let conflict { return BatchItem(path: path, content: .refused(conflict)) }
    guard readData else {
      return BatchItem(path: path, content: .document(bytes: [], output: output))
    }
    switch readBytes() {
    case .success(let bytes):
      return BatchItem(path: path, content: .document(bytes: bytes, output: output))
    case .failure(let refusal):
      return BatchItem(path: path, content: .refused(refusal.diagnostic))
    }
  }

  private func tooLarge(_ path: String) -> Diagnostic {
    Diagnostic(
      .error, rule: .batchTooLarge,
      message:
        "\(path) is over \(limits.maximumEntryBytes >> 20) MiB; resolution texts are far smaller, so it was not read"
    )
  }

  // MARK: Folders

  private func walkFolder(_ claims: inout OutputClaims, _ body: (BatchItem) -> Bool) {
    var stack: [(folder: String, names: [String], next: Int)] = []
    func list(_ relative: String) -> Result<[String], SystemCallError> {
      let absolute = relative.isEmpty ? root : root + "/" + relative
      do {
        return .success(
          try FileManager.default.contentsOfDirectory(atPath: absolute).sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
          })
      } catch {
        // Foundation keeps the errno of the failed opendir as the underlying error.
        let underlying = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error).map {
          $0 as NSError
        }
        let code = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil } ?? EIO
        return .failure(SystemCallError("opendir", code: code))
      }
    }
    stack.append(("", (try? list("").get()) ?? [], 0))
    while !stack.isEmpty {
      let top = stack.count - 1
      guard stack[top].next < stack[top].names.count else {
        stack.removeLast()
        continue
      }
      let name = stack[top].names[stack[top].next]
      stack[top].next += 1
      let relative = stack[top].folder.isEmpty ? name : stack[top].folder + "/" + name
      let absolute = root + "/" + relative
      let status: FileStatus
      do {
        status = try POSIX.fileStatus(absolute, followLinks: false)
      } catch {
        let item = refused(relative, .batchUnreadable, "\(relative) cannot be examined: \(error.reason)")
        if let item, !body(item) { return }
        continue
      }
      switch status.kind {
      case .folder:
        if let excluded, absolute == excluded { continue }
        if name.hasPrefix(".") || name == "__MACOSX" {
          // A hidden folder (.git, .svn …) is reported once, not walked.
          if shard?.contains(relative) ?? true,
            !body(BatchItem(path: relative, content: .ignored(reason: "hidden")))
          {
            return
          }
          continue
        }
        switch list(relative) {
        case .success(let names): stack.append((relative, names, 0))
        case .failure(let failure):
          let item = refused(
            relative, .batchUnreadable, "the folder \(relative) cannot be listed: \(failure.reason)")
          if let item, !body(item) { return }
        }
      case .regular:
        let item = classify(path: relative, claims: &claims) { readFile(absolute, relative: relative) }
        if let item, !body(item) { return }
      case .symbolicLink:
        let item = refused(relative, .batchLink, "\(relative) is a symbolic link; links are not followed")
        if let item, !body(item) { return }
      default:
        let item = refused(
          relative, .batchNotRegular,
          "\(relative) is not a regular file (a device, FIFO or socket); not read")
        if let item, !body(item) { return }
      }
    }
  }

  private func refused(_ path: String, _ rule: RuleID, _ message: String) -> BatchItem? {
    if let shard, !shard.contains(path) { return nil }
    return BatchItem(path: path, content: .refused(Diagnostic(.error, rule: rule, message: message)))
  }

  private func readFile(_ absolute: String, relative: String) -> Result<[UInt8], Refusal> {
    do {
      return .success(try SizeCappedFile.read(absolute, limit: limits.maximumEntryBytes, followLinks: false))
    } catch {
      switch error {
      case .tooLarge: return .failure(Refusal(tooLarge(relative)))
      case .isFolder, .notRegular:
        return .failure(
          Refusal(
            Diagnostic(
              .error, rule: .batchNotRegular, message: "\(relative) is not a regular file; not read")))
      case .notFound:
        return .failure(
          Refusal(
            Diagnostic(
              .error, rule: .batchUnreadable,
              message: "\(relative) cannot be read: \(SystemCallError("open", code: ENOENT).reason)")))
      case .unreadable(let failure):
        return .failure(
          Refusal(
            Diagnostic(
              .error, rule: .batchUnreadable, message: "\(relative) cannot be read: \(failure.reason)")))
      }
    }
  }

  // MARK: Archives

  private func readArchive(_ claims: inout OutputClaims, _ body: (BatchItem) -> Bool) {
    let name = (root as NSString).lastPathComponent
    func stop(_ rule: RuleID, _ message: String) {
      _ = body(BatchItem(path: name, content: .stopped(Diagnostic(.error, rule: rule, message: message))))
    }
    let reader: ArchiveReader
    do {
      reader = try ArchiveReader(path: root)
    } catch {
      stop(.batchArchive, "\(name) cannot be read as an archive: \(error); nothing was read")
      return
    }
    var entries = 0
    var total: Int64 = 0
    var lastPath = "(none)"
    while true {
      let entry: ArchiveReader.Entry?
      do {
        entry = try reader.next()
      } catch {
        stop(
          .batchArchive,
          "\(name) is damaged after entry \(entries) (\(lastPath)): \(error); the \(entries) entries before were read, the rest were not"
        )
        return
      }
      guard let entry else { return }
      entries += 1
      lastPath = entry.path ?? "(a name that cannot be read)"
      if entries > limits.maximumEntries {
        stop(
          .batchLimit,
          "\(name) holds more than \(limits.maximumEntries) entries (a limit against archive bombs); the first \(limits.maximumEntries) were read, the rest were not"
        )
        return
      }
      guard let storedPath = entry.path else {
        let path = "(entry \(entries))"
        if let shard, !shard.contains(path) { continue }
        let reason = entry.warning.map { " (\($0))" } ?? ""
        let item = BatchItem(
          path: path,
          content: .refused(
            Diagnostic(
              .error, rule: .batchUnsafePath,
              message:
                "entry \(entries) of \(name) has a name that cannot be read\(reason); refused, nothing written"
            )))
        if !body(item) { return }
        continue
      }
      // Folders are not reported (nor created from entries): `./` and the like are fine here.
      if entry.kind == .directory { continue }
      let path: String
      switch Self.normalise(storedPath) {
      case .failure(let refusal):
        if let shard, !shard.contains(storedPath) { continue }
        if !body(BatchItem(path: storedPath, content: .refused(refusal.diagnostic))) { return }
        continue
      case .success(let normalised):
        path = normalised
      }
      let refusal: (rule: RuleID, message: String)?
      switch entry.kind {
      case .directory:
        continue
      case .symlink(let target):
        refusal = (
          RuleID.batchLink, "\(path) is a symbolic link (to \"\(target)\"); links are not followed or created"
        )
      case .hardlink(let target):
        refusal = (
          RuleID.batchLink, "\(path) is a hard link (to \"\(target)\"); links are not followed or created"
        )
      case .other:
        refusal = (.batchNotRegular, "\(path) is not a regular file (a device, FIFO or socket); not read")
      case .regular:
        refusal = nil
      }
      if let refusal {
        if let item = refused(path, refusal.rule, refusal.message), !body(item) { return }
        continue
      }
      total += max(entry.declaredSize ?? 0, 0)
      var failure: (RuleID, String)?
      let item = classify(path: path, claims: &claims) {
        if let size = entry.declaredSize, size > limits.maximumEntryBytes {
          return .failure(Refusal(tooLarge(path)))
        }
        do {
          guard let bytes = try reader.data(limit: limits.maximumEntryBytes) else {
            return .failure(Refusal(tooLarge(path)))
          }
          // Count what was really read, whatever the header declared.
          total += Int64(bytes.count) - max(entry.declaredSize ?? 0, 0)
          return .success(bytes)
        } catch {
          failure = (
            .batchArchive,
            "\(name) is damaged in entry \(entries) (\(path)): \(error); the \(entries - 1) entries before were read, the rest were not"
          )
          return .failure(Refusal(Diagnostic(.error, rule: .batchArchive, message: "\(path): \(error)")))
        }
      }
      if let failure {
        stop(failure.0, failure.1)
        return
      }
      if let item, !body(item) { return }
      if total > limits.maximumTotalBytes {
        stop(
          .batchLimit,
          "\(name) declares more than \(limits.maximumTotalBytes >> 30) GiB uncompressed (a limit against archive bombs); reading stopped after entry \(entries) (\(path))"
        )
        return
      }
      let compressed = max(reader.compressedPosition, 1)
      if total > limits.ratioFloor, total / compressed > limits.maximumRatio {
        stop(
          .batchLimit,
          "\(name) expands more than \(limits.maximumRatio) times (\(total) bytes from \(compressed)), a sign of an archive bomb; reading stopped after entry \(entries) (\(path))"
        )
        return
      }
    }
  }
}
