import AkomaNtoso
import Foundation
import FuzzSupport

/// The whole pipeline: text → model → AKN tree → schema validation → bytes, and the output's
/// text extracted back (so the XML writer and reader are exercised on every accepted input).
let converter: Converter = {
  let schema = ProcessInfo.processInfo.environment["AKN_SCHEMA"] ?? "Schemas"
  do {
    return Converter(schema: try AKNSchema.load(from: schema))
  } catch {
    fatalError("fuzz-convert: set AKN_SCHEMA to the schema folder: \(error)")
  }
}()

let date = SimpleDate(year: 2026, month: 1, day: 1)!

func fuzzConvert(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = fuzzBytes(data, count)
  guard let result = try? converter.convert(bytes, options: ConversionOptions(markupDate: date)) else {
    return 0
  }
  // A converted document must read back.
  guard (try? DocumentText.extract(fromXML: result.xml)) != nil else {
    fatalError("converted output does not parse back")
  }
  return 0
}

@_cdecl("fuzz_convert_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc, argv) { fuzzConvert($0, $1) }
}
