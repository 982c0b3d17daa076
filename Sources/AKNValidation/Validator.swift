import AKNMarkup
public import AKNModel
import AKNSystem
import AKNXML
import Foundation
import Synchronization

/// Which rules beyond the official schema ``Validator`` checks.
public enum ValidationProfile: String, Sendable, Hashable, Codable, CaseIterable {
  /// The AKN naming convention for every document, plus the AKN4UN rules for documents whose
  /// `FRBRcountry` is `un` (see `Schemas/akn4un-rules.md`).
  case akn4un
  /// The official OASIS schema only.
  case none
}

/// The result of validating one document.
public struct ValidationReport: Sendable, Hashable, Codable {
  /// What became of the document.
  public enum Outcome: String, Sendable, Hashable, Codable {
    /// Schema-valid and no rule broken (warnings allowed).
    case valid
    /// XML, but malformed, unsafe, not schema-valid or breaking a rule.
    case invalid
    /// Not checked: unreadable, too large, or not XML at all.
    case unreadable
  }

  /// The file as named by the caller (`<stdin>` for standard input).
  public var path: String
  /// What became of the document.
  public var outcome: Outcome
  /// Errors and warnings, in document order within each layer.
  public var diagnostics: [Diagnostic]

  /// Whether the document passed: no errors.
  public var valid: Bool { outcome == .valid }
  /// The errors only.
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  /// The warnings only.
  public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

  /// Creates a report; the outcome follows from the diagnostics unless `unreadable`.
  public init(path: String, diagnostics: [Diagnostic], unreadable: Bool = false) {
    self.path = path
    self.diagnostics = diagnostics
    if unreadable {
      outcome = .unreadable
    } else {
      outcome = diagnostics.contains { $0.severity == .error } ? .invalid : .valid
    }
  }

  enum CodingKeys: String, CodingKey {
    case path, valid, outcome, errors, warnings
  }

  /// Encodes `{"path", "valid", "outcome", "errors": […], "warnings": […]}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(path, forKey: .path)
    try container.encode(valid, forKey: .valid)
    try container.encode(outcome, forKey: .outcome)
    try container.encode(errors, forKey: .errors)
    try container.encode(warnings, forKey: .warnings)
  }

  /// Decodes what ``encode(to:)`` writes.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    path = try container.decode(String.self, forKey: .path)
    outcome = try container.decode(Outcome.self, forKey: .outcome)
    diagnostics =
      try container.decode([Diagnostic].self, forKey: .errors)
      + container.decode([Diagnostic].self, forKey: .warnings)
  }
}

/// Checks AKN 3.0 documents from any producer: safe parsing, the official OASIS schema, then the
/// AKN naming convention and the AKN4UN rules (``ValidationProfile``).
///
/// A `Validator` is `Sendable`: one instance, holding the compiled schema, serves every thread.
/// It never reads anything but the bytes or the file it is given: no network, no DTD, no
/// external entity, no XInclude; a document with a DOCTYPE is refused.
public struct Validator: Sendable {
  /// Files larger than this are refused before they are read (64 MiB).
  public static let defaultMaximumBytes = DocumentLimits.maximumBytes

  /// The compiled official schema.
  public let schema: AKNSchema
  /// The rules checked beyond the schema.
  public let profile: ValidationProfile
  /// Files and inputs larger than this are refused.
  public let maximumBytes: Int

  /// A validator against `schema` with the rules of `profile`.
  public init(
    schema: AKNSchema, profile: ValidationProfile = .akn4un, maximumBytes: Int = defaultMaximumBytes
  ) {
    self.schema = schema
    self.profile = profile
    self.maximumBytes = maximumBytes
  }

  /// Validates the bytes of one document; `path` names it in the report.
  public func validate(bytes: [UInt8], path: String) -> ValidationReport {
    guard bytes.count <= maximumBytes else {
      return ValidationReport(
        path: path, diagnostics: [Self.tooLarge(bytes.count, limit: maximumBytes)], unreadable: true)
    }
    // The schema alone, and a valid document (the usual case): validated while it is parsed,
    // without a tree. Anything else is parsed into a tree for the diagnostics.
    if profile == .none, XMLPrologCheck.refusal(bytes, doctype: true) == nil,
      schema.isCleanlyValid(bytes)
    {
      return ValidationReport(path: path, diagnostics: [])
    }
    return check(parse(bytes, path: path))
  }

  /// A document parsed into a tree, waiting for the schema; or its report already, when it
  /// could not be read or parsed or is not AKN.
  private enum Parsed {
    case report(ValidationReport)
    case tree(XMLTree, path: String)
  }

  /// The documents parsed ahead of the schema, handed to the workers that validate them. A
  /// tree is not `Sendable` (it belongs to the task that made it); here the calling thread made
  /// them and no longer touches them, the array is not changed while the workers run, and each
  /// tree is read by exactly one worker (its index), so no tree is ever used by two threads at
  /// once.
  private struct ParsedAhead: @unchecked Sendable {
    let documents: [Parsed]
  }

  /// Parses `bytes` (at most ``maximumBytes``) into a tree; needs no schema.
  private func parse(_ bytes: [UInt8], path: String) -> Parsed {
    guard bytes.count <= maximumBytes else {
      return .report(
        ValidationReport(
          path: path, diagnostics: [Self.tooLarge(bytes.count, limit: maximumBytes)], unreadable: true))
    }
    let tree: XMLTree
    do {
      tree = try XMLTree.parse(bytes, limits: XMLParseLimits(maximumBytes: maximumBytes))
    } catch {
      return .report(ValidationReport(path: path, diagnostics: error.diagnostics, unreadable: error.isNotXML))
    }
    guard let root = tree.root else {
      return .report(
        ValidationReport(
          path: path,
          diagnostics: [Diagnostic(.error, rule: .xml, message: "the document has no root element")]))
    }
    let namespace = tree.namespaceURI(of: root)
    guard namespace == AKN.namespace, tree.name(of: root) == "akomaNtoso" else {
      return .report(ValidationReport(path: path, diagnostics: [Self.foreignRoot(tree, root, namespace)]))
    }
    return .tree(tree, path: path)
  }

  /// The report on a parsed document: its tree validated against the schema (waiting for its
  /// compile), then the rules of the profile.
  private func check(_ parsed: Parsed) -> ValidationReport {
    switch parsed {
    case .report(let report):
      return report
    case .tree(let tree, let path):
      var diagnostics = schema.validate(tree)
      if profile == .akn4un {
        diagnostics += AKN4UNRules.check(tree)
      }
      return ValidationReport(path: path, diagnostics: diagnostics)
    }
  }

  /// Validates the file at `path`. Its size is checked before it is read; folders, missing and
  /// unreadable files give an `unreadable` report.
  public func validate(fileAt path: String) -> ValidationReport {
    switch read(path) {
    case .success(let bytes): validate(bytes: bytes, path: path)
    case .failure(let unreadable): unreadable.report
    }
  }

  /// The bytes of the file at `path`, or the report saying why they cannot be read.
  private func read(_ path: String) -> Result<[UInt8], UnreadableFile> {
    do {
      return .success(try SizeCappedFile.read(path, limit: maximumBytes))
    } catch {
      let report: ValidationReport
      switch error {
      case .notFound: report = Self.unreadable(path, "no such file")
      case .isFolder: report = Self.unreadable(path, "this is a folder, not a file")
      case .notRegular:
        report = Self.unreadable(path, "this is not a regular file (a device, pipe or socket)")
      case .tooLarge(let size):
        report = ValidationReport(
          path: path, diagnostics: [Self.tooLarge(max(size, maximumBytes + 1), limit: maximumBytes)],
          unreadable: true)
      case .unreadable(let failure):
        report = Self.unreadable(
          path,
          failure.code == EACCES || failure.code == EPERM
            ? "the file cannot be read (permission denied?)" : "the file cannot be read: \(failure.reason)")
      }
      return .failure(UnreadableFile(report: report))
    }
  }

  /// A file's report when it cannot be read.
  private struct UnreadableFile: Error {
    var report: ValidationReport
  }

  /// While the schema compiles, at most this many files are parsed ahead of it…
  static let filesParsedAhead = 256
  /// … and at most this many bytes of them: their trees, held until the schema is ready, take
  /// about ten times as much memory (~40 MB of peak RSS for 4 MiB of seed-sized AKN files).
  static let bytesParsedAhead = 4 << 20

  /// Validates many files, at most `ProcessInfo.activeProcessorCount` at a time, and hands each
  /// report to `body` on the calling thread, in the order of `paths`. Only a small window of
  /// files is in memory at once.
  ///
  /// With a schema still compiling (``AKNSchema/startLoading(from:)``), the calling thread
  /// reads and parses the first files meanwhile (parsing needs no schema; at most
  /// ``filesParsedAhead`` files and ``bytesParsedAhead`` bytes), then validates their trees once
  /// the schema is ready. The reports are the same as with a compiled schema. A report on a file
  /// that cannot be read may reach `body` before the compile has ended: a caller that must not
  /// report anything when the schema does not compile calls ``AKNSchema/waitUntilCompiled()`` in
  /// `body`, before its first report (its error ends this call).
  public func validate(files paths: [String], _ body: (ValidationReport) throws -> Void) rethrows {
    let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var start = 0
    if !schema.isReady {
      var parsed: [Parsed] = []
      var bytes = 0
      while start < paths.count, parsed.count < Self.filesParsedAhead, bytes < Self.bytesParsedAhead,
        !schema.isReady
      {
        switch read(paths[start]) {
        case .success(let content):
          bytes += content.count
          parsed.append(parse(content, path: paths[start]))
        case .failure(let unreadable):
          parsed.append(.report(unreadable.report))
        }
        start += 1
      }
      // The trees parsed ahead are validated on every core too, not one after the other.
      let ahead = ParsedAhead(documents: parsed)
      try Self.inWindows(ahead.documents.count, width: width, { check(ahead.documents[$0]) }, body)
    }
    let rest = paths[start...]
    try Self.inWindows(rest.count, width: width, { validate(fileAt: rest[rest.startIndex + $0]) }, body)
  }

  /// `work` for the indices `0..<count`, at most `width` at a time, in windows of a few files
  /// per core; the reports reach `body` on the calling thread, in index order. A window is
  /// sixteen files a core: small enough to hold little (reports, not files), large enough that
  /// a core seldom waits at a window's end for another's last file.
  private static func inWindows(
    _ count: Int, width: Int, _ work: @Sendable (Int) -> ValidationReport,
    _ body: (ValidationReport) throws -> Void
  ) rethrows {
    let window = width * 16
    var start = 0
    while start < count {
      let end = min(start + window, count)
      let first = start
      let results = Mutex<[ValidationReport?]>(Array(repeating: nil, count: end - start))
      DispatchQueue.concurrentPerform(iterations: end - start) { index in
        let report = work(first + index)
        results.withLock { $0[index] = report }
      }
      for report in results.withLock({ $0 }) {
        if let report { try body(report) }
      }
      start = end
    }
  }

  /// The `*.xml` files under `folder`, recursively, sorted by path (hidden files included,
  /// symbolic links to folders not followed).
  public static func xmlFiles(in folder: String) throws -> [String] {
    let base = URL(fileURLWithPath: folder)
    guard
      let enumerator = FileManager.default.enumerator(
        at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [],
        errorHandler: { _, _ in true })
    else {
      throw CocoaError(.fileReadNoPermission)
    }
    var files: [String] = []
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    for case let url as URL in enumerator where url.pathExtension.lowercased() == "xml" {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      let relative =
        url.path.hasPrefix(base.path + "/") ? String(url.path.dropFirst(base.path.count + 1)) : url.path
      files.append(prefix + relative)
    }
    return files.sorted()
  }

  static func unreadable(_ path: String, _ message: String) -> ValidationReport {
    ValidationReport(
      path: path, diagnostics: [Diagnostic(.error, rule: .inputUnreadable, message: message)],
      unreadable: true)
  }

  static func tooLarge(_ size: Int, limit: Int) -> Diagnostic {
    Diagnostic(
      .error, rule: .inputSize,
      message:
        "the file is \(megabytes(size)), over the limit of \(megabytes(limit)); it was not read (no AKN document is that large; split it)"
    )
  }

  private static func megabytes(_ bytes: Int) -> String {
    bytes >= 1024 * 1024 ? "\(bytes / 1024 / 1024) MiB" : "\(bytes) bytes"
  }

  private static func foreignRoot(_ tree: XMLTree, _ root: XMLElementHandle, _ namespace: String?)
    -> Diagnostic
  {
    let name = tree.qualifiedName(of: root)
    var message: String
    if tree.name(of: root) == "akomaNtoso", let namespace {
      message =
        "the root element <\(name)> is in the namespace \(namespace), not the AKN 3.0 namespace \(AKN.namespace): no matching global declaration available for the validation root"
      if namespace.hasPrefix("http://docs.oasis-open.org/legaldocml/ns/akn/3.0/") {
        message += "; this is a draft namespace: change xmlns to \(AKN.namespace)"
      }
    } else if let namespace {
      message =
        "the root element is <\(name)> in the namespace \(namespace); an AKN document has the root <akomaNtoso> in the namespace \(AKN.namespace)"
    } else {
      message =
        "the root element <\(name)> has no namespace; an AKN document has the root <akomaNtoso xmlns=\"\(AKN.namespace)\">"
    }
    return Diagnostic(
      .error, rule: .schemaRoot, message: message, line: tree.line(of: root), element: "/" + name)
  }
}

extension Validator {
  /// Every rule id a ``ValidationReport`` may carry: the input and XML checks, the official
  /// schema (`schema`, `schema.root`, `schema.compile`), and the naming convention and AKN4UN
  /// rules (``ValidationRule/all``). A dotted prefix of these (`nc`, `akn4un`, `input`) names a
  /// family of rules.
  public static let ruleIDs: [String] =
    [
      RuleID.inputAttributes, .inputCompressed, .inputEmpty, .inputEncoding, .inputNotXML, .inputSize,
      .inputUnreadable, .xml, .xmlDoctype, .schema, .schemaCompile, .schemaRoot,
    ].map(\.rawValue) + ValidationRule.all.map(\.id)

  /// The families of rules: the dotted prefixes of ``ruleIDs`` (`input`, `nc`, …).
  public static let ruleFamilies: [String] = {
    var families: [String] = []
    for id in ruleIDs {
      let parts = id.split(separator: ".")
      for end in 1..<max(parts.count, 1) {
        let family = parts[..<end].joined(separator: ".")
        if !families.contains(family) { families.append(family) }
      }
    }
    return families
  }()
}
