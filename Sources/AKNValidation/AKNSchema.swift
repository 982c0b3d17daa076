import AKNMarkup
package import AKNModel
package import AKNXML
import Foundation
import Synchronization

/// The official OASIS Akoma Ntoso 3.0 schema (`akomantoso30.xsd` with its `xml.xsd` import),
/// compiled once per process and shared by every conversion and validation, on every thread.
public final class AKNSchema: Sendable {
  /// The file name of the main schema document.
  public static let fileName = "akomantoso30.xsd"
  /// The file name of the imported W3C schema for the `xml:` namespace.
  public static let importFileName = "xml.xsd"

  /// The path the schema was compiled from.
  public let path: String
  let compiled: CompiledSchema

  private static let cache = Mutex<[String: AKNSchema]>([:])

  private init(path: String, compiled: CompiledSchema) {
    self.path = path
    self.compiled = compiled
  }

  /// The schema at `path` (a `.xsd` file, or a folder holding `akomantoso30.xsd` and `xml.xsd`),
  /// compiled on first use and then shared: a process compiles each schema once.
  ///
  /// The compiler may read only the schema and its `xml.xsd` import beside it; every other
  /// external resource (network, catalogs, other files) is refused.
  public static func load(from path: String) throws(SchemaError) -> AKNSchema {
    let file = try resolve(path)
    if let cached = cache.withLock({ $0[file] }) { return cached }
    let importPath = (file as NSString).deletingLastPathComponent + "/" + importFileName
    let compiled: CompiledSchema
    do {
      compiled = try CompiledSchema(path: file, allowedImports: [importPath])
    } catch {
      throw SchemaError(
        "the schema at \(file) does not compile: "
          + error.diagnostics.map(\.message).joined(separator: "; ")
          + "; reinstall the official schema files",
        kind: .doesNotCompile)
    }
    let schema = AKNSchema(path: file, compiled: compiled)
    return cache.withLock { cache in
      if let existing = cache[file] { return existing }
      cache[file] = schema
      return schema
    }
  }

  private static func resolve(_ path: String) throws(SchemaError) -> String {
    var isDirectory: ObjCBool = false
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
      throw SchemaError("no schema at \(path)", kind: .notFound)
    }
    let file = isDirectory.boolValue ? absolute + "/" + fileName : absolute
    guard FileManager.default.isReadableFile(atPath: file) else {
      throw SchemaError("no readable \(fileName) at \(path)", kind: .notFound)
    }
    return file
  }

  /// Finds the schema when no path is given: `$AKN_SCHEMA`, then a `Schemas/` folder beside the
  /// executable or in one of its parent folders (where `make schema` puts it in a checkout), then
  /// `../share/akn/schemas` relative to the executable (an installed copy).
  ///
  /// - Returns: the path of `akomantoso30.xsd`.
  /// - Throws: ``SchemaError`` of kind ``SchemaError/Kind/notInstalled`` naming where it looked.
  public static func locate(environment: [String: String], executablePath: String?) throws(SchemaError)
    -> String
  {
    if let fromEnvironment = environment["AKN_SCHEMA"], !fromEnvironment.isEmpty {
      return try resolve(fromEnvironment)
    }
    var candidates: [String] = []
    if let executablePath {
      let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
      var folder = executable.deletingLastPathComponent()
      candidates.append(folder.appendingPathComponent("../share/akn/schemas").standardizedFileURL.path)
      for _ in 0..<6 {
        candidates.append(folder.appendingPathComponent("Schemas").path)
        folder = folder.deletingLastPathComponent()
      }
    }
    for folder in candidates {
      let file = folder + "/" + fileName
      if FileManager.default.isReadableFile(atPath: file),
        FileManager.default.isReadableFile(atPath: folder + "/" + importFileName)
      {
        return file
      }
    }
    throw SchemaError(
      "the AKN 3.0 schema is not installed: no \(fileName) with its \(importFileName) in $AKN_SCHEMA, in a Schemas folder beside the program or above it, or in ../share/akn/schemas",
      kind: .notInstalled)
  }

  /// Whether `bytes` are an AKN document that is schema-valid with nothing to report, checked
  /// while parsing (no tree). False says only that the tree must be looked at.
  func isCleanlyValid(_ bytes: [UInt8]) -> Bool {
    compiled.isCleanlyValid(bytes, rootName: "akomaNtoso", rootNamespace: AKN.namespace)
  }

  /// Validates a tree built or parsed in this process; errors carry the tree's line numbers.
  package func validate(_ tree: XMLTree) -> [Diagnostic] {
    compiled.validate(tree) { element in
      Self.describe(element, in: tree)
    }
  }

  /// "point para_3__list_1__point_b" or "p in preamble__container_2".
  static func describe(_ element: XMLElementHandle, in tree: XMLTree) -> String? {
    let name = tree.name(of: element)
    if let eId = tree.attribute("eId", of: element) { return "\(name) \(eId)" }
    var path = [name]
    var cursor = tree.parent(of: element)
    while let current = cursor {
      if let eId = tree.attribute("eId", of: current) {
        return path.reversed().joined(separator: "/") + " in " + eId
      }
      path.append(tree.name(of: current))
      cursor = tree.parent(of: current)
    }
    return "/" + path.reversed().joined(separator: "/")
  }
}

/// The schema could not be found or compiled.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  /// Which of the ways a schema can be missing it is.
  public var kind: Kind

  /// The ways a schema can be missing.
  public enum Kind: Sendable, Hashable {
    /// No schema was found where it was looked for.
    case notInstalled
    /// The path given holds no readable schema.
    case notFound
    /// The file is there but is not a schema that compiles.
    case doesNotCompile
  }

  init(_ message: String, kind: Kind) {
    self.message = message
    self.kind = kind
  }

  /// The message.
  public var description: String { message }
}
