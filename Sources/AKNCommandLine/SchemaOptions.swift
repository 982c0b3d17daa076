public import AKNValidation
public import ArgumentParser
import Foundation

/// `--schema`, shared by the commands of `akn` and by `akn serve`: where the AKN 3.0 schema is.
public struct SchemaOptions: ParsableArguments {
  /// The schema file or folder given with `--schema`; nil for the default places.
  @Option(
    name: .customLong("schema"),
    help: ArgumentHelp(
      "The AKN 3.0 schema: akomantoso30.xsd, or the folder holding it and xml.xsd.",
      discussion: "Default: $AKN_SCHEMA, else the schema installed beside the program, else Schemas/.",
      valueName: "path"))
  public var path: String?

  /// Options with no `--schema` given.
  public init() {}

  /// Finds and compiles the schema once: the `--schema` path, else the default places.
  /// - Throws: ``SchemaLoadError`` whose message says what is missing and how to install it.
  public func compile() throws(SchemaLoadError) -> AKNSchema {
    let schema = try startCompiling()
    try Self.waitUntilCompiled(schema)
    return schema
  }

  /// Finds the schema (the `--schema` path, else the default places) and starts compiling it on
  /// a thread of its own; ``waitUntilCompiled(_:)`` before its first use or any result printed.
  /// - Throws: ``SchemaLoadError`` when it is not there, saying how to install it.
  public func startCompiling() throws(SchemaLoadError) -> AKNSchema {
    do throws(SchemaError) {
      let file: String
      if let path {
        file = path
      } else {
        file = try AKNSchema.locate(
          environment: ProcessInfo.processInfo.environment,
          executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first)
      }
      return try AKNSchema.startLoading(from: file)
    } catch {
      throw SchemaLoadError(error)
    }
  }

  /// Waits for `schema`'s compile.
  /// - Throws: ``SchemaLoadError`` when it does not compile, saying how to mend it.
  public static func waitUntilCompiled(_ schema: AKNSchema) throws(SchemaLoadError) {
    do {
      try schema.waitUntilCompiled()
    } catch {
      throw SchemaLoadError(error)
    }
  }
}

/// The schema could not be loaded; the message ends with what to do.
public struct SchemaLoadError: Error, CustomStringConvertible {
  /// What is wrong and how to mend it, for the user.
  public var message: String
  /// The message.
  public var description: String { message }

  /// The error of `error`, its message followed by what to do.
  public init(_ error: SchemaError) {
    let hint =
      switch error.kind {
      case .notInstalled:
        ". Run `make schema` in the akn checkout (it fetches the official OASIS schema and checks its sha256), or pass --schema PATH, or set AKN_SCHEMA"
      case .notFound: "; --schema takes akomantoso30.xsd or the folder holding it and xml.xsd"
      case .doesNotCompile: " with `make schema` (or Schemas/fetch-schema.sh)"
      }
    message = error.message + hint
  }
}
