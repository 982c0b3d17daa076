import AkomaNtoso
import Foundation
import FuzzSupport

/// Untrusted XML: the safe parser, the text extraction that `akn text` relies on, and
/// `akn validate`'s two paths: the schema checked while parsing (`--profile none`, falling back
/// to a tree when anything is found) and the tree with the AKN4UN rules (the default profile).
let schema: AKNSchema = {
  let folder = ProcessInfo.processInfo.environment["AKN_SCHEMA"] ?? "Schemas"
  do {
    return try AKNSchema.load(from: folder)
  } catch {
    fatalError("fuzz-xml: set AKN_SCHEMA to the schema folder: \(error)")
  }
}()
let schemaOnly = Validator(schema: schema, profile: .none)
let withRules = Validator(schema: schema, profile: .akn4un)

func fuzzXML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = fuzzBytes(data, count)
  _ = try? DocumentText.extract(fromXML: bytes)
  let streamed = schemaOnly.validate(bytes: bytes, path: "fuzz.xml")
  let full = withRules.validate(bytes: bytes, path: "fuzz.xml")
  // Both paths judge the schema alike: the rules' own errors aside, the same verdict.
  let schemaErrors = full.diagnostics.filter {
    $0.severity == .error && !$0.rule.rawValue.hasPrefix("nc.") && !$0.rule.rawValue.hasPrefix("akn4un.")
  }
  if (streamed.outcome == .valid) != (full.outcome != .unreadable && schemaErrors.isEmpty) {
    fatalError(
      "validate --profile none and the tree disagree: \(streamed.diagnostics) vs \(full.diagnostics)")
  }
  return 0
}

@_cdecl("fuzz_xml_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc, argv) { fuzzXML($0, $1) }
}
