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
          + ". Reinstall it with `make schema` (or Schemas/fetch-schema.sh)")
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
      throw SchemaError("no schema at \(path)")
    }
    let file = isDirectory.boolValue ? absolute + "/" + fileName : absolute
    guard FileManager.default.isReadableFile(atPath: file) else {
      throw SchemaError("no readable \(fileName) at \(path)")
    }
    return file
  }

  /// Finds the schema when no path is given: `$AKN_SCHEMA`, then a `Schemas/` folder beside the
  /// executable or in one of its parent folders (where `make schema` puts it in a checkout), then
  /// `../share/akn/schemas` relative to the executable (an installed copy).
  ///
  /// - Returns: the path of `akomantoso30.xsd`.
  /// - Throws: ``SchemaError`` naming the command that installs the schema.
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
      "the AKN 3.0 schema is not installed. Run `make schema` in the akn checkout (it fetches the official OASIS schema and checks its sha256), or pass --schema PATH, or set AKN_SCHEMA"
    )
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
  /// What went wrong and what to do.
  public var message: String

  init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
