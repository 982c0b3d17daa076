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
  private let compilation: Compilation

  private static let cache = Mutex<[String: AKNSchema]>([:])

  /// The compile of one schema file, run once on its own thread; whoever needs the result waits
  /// for it.
  private final class Compilation: Sendable {
    let result = Mutex<Result<CompiledSchema, SchemaError>?>(nil)
    let finished = DispatchGroup()

    init() { finished.enter() }

    func finish(_ outcome: Result<CompiledSchema, SchemaError>) {
      result.withLock { $0 = outcome }
      finished.leave()
    }

    /// The result, waiting for the compile to end.
    func wait() -> Result<CompiledSchema, SchemaError> {
      if let done = result.withLock({ $0 }) { return done }
      finished.wait()
      return result.withLock { $0 }!
    }
  }

  private init(path: String, compilation: Compilation) {
    self.path = path
    self.compilation = compilation
  }

  /// The schema at `path` (a `.xsd` file, or a folder holding `akomantoso30.xsd` and `xml.xsd`),
  /// compiled on first use and then shared: a process compiles each schema once.
  ///
  /// The compiler may read only the schema and its `xml.xsd` import beside it; every other
  /// external resource (network, catalogs, other files) is refused.
  public static func load(from path: String) throws(SchemaError) -> AKNSchema {
    let schema = try startLoading(from: path)
    try schema.waitUntilCompiled()
    return schema
  }

  /// The schema at `path`, as ``load(from:)`` gives it, but returned at once: the path is
  /// checked here (a missing or unreadable schema throws), and the compile runs on a thread of
  /// its own, so that the caller can read and parse its first documents meanwhile.
  ///
  /// Validating with the schema waits for the compile to end. Call ``waitUntilCompiled()``
  /// before reporting anything: a schema that does not compile is known only then (each
  /// validation against it is an error of rule `schema.compile`).
  public static func startLoading(from path: String) throws(SchemaError) -> AKNSchema {
    let file = try resolve(path)
    let (schema, isNew) = cache.withLock { cache -> (AKNSchema, Bool) in
      if let existing = cache[file] { return (existing, false) }
      let schema = AKNSchema(path: file, compilation: Compilation())
      cache[file] = schema
      return (schema, true)
    }
    guard isNew else { return schema }
    let compilation = schema.compilation
    let importPath = (file as NSString).deletingLastPathComponent + "/" + importFileName
    let compiler = Thread {
      do throws(CompiledSchema.CompileFailure) {
        compilation.finish(.success(try CompiledSchema(path: file, allowedImports: [importPath])))
      } catch {
        // Not kept: a later load compiles again (and fails again, saying why).
        AKNSchema.cache.withLock { cache in
          if cache[file]?.compilation === compilation { cache[file] = nil }
        }
        compilation.finish(
          .failure(
            SchemaError(
              "the schema at \(file) does not compile: "
                + error.diagnostics.map(\.message).joined(separator: "; ")
                + "; reinstall the official schema files",
              kind: .doesNotCompile)))
      }
    }
    // libxml2's schema parser recurses over the schema's nesting.
    compiler.stackSize = 8 << 20
    compiler.start()
    return schema
  }

  /// Waits for the compile to end; throws ``SchemaError`` of kind
  /// ``SchemaError/Kind/doesNotCompile`` when the schema did not compile.
  public func waitUntilCompiled() throws(SchemaError) {
    _ = try compilation.wait().get()
  }

  /// Whether the compile has ended (successfully or not); never waits.
  public var isReady: Bool { compilation.result.withLock { $0 != nil } }

  /// Why the schema did not compile, once its compile has ended; nil while it compiles and when
  /// it compiled. Never waits.
  public var compileError: SchemaError? {
    compilation.result.withLock { result in
      if case .failure(let error) = result { return error }
      return nil
    }
  }

  /// The compiled schema, waiting for the compile to end.
  private var compiled: Result<CompiledSchema, SchemaError> { compilation.wait() }

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
    guard case .success(let compiled) = compiled else { return false }
    return compiled.isCleanlyValid(bytes, rootName: "akomaNtoso", rootNamespace: AKN.namespace)
  }

  /// Validates a tree built or parsed in this process; errors carry the tree's line numbers.
  package func validate(_ tree: XMLTree) -> [Diagnostic] {
    let compiled: CompiledSchema
    switch self.compiled {
    case .success(let schema): compiled = schema
    case .failure(let error): return [Diagnostic(.error, rule: .schemaCompile, message: error.message)]
    }
    return compiled.validate(tree) { element in
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
