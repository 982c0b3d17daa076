import AkomaNtoso
import Foundation

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
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  guard let result = try? converter.convert(bytes, options: ConversionOptions(markupDate: date)) else {
    return 0
  }
  // A converted document must read back.
  guard (try? DocumentText.extract(fromXML: result.xml)) != nil else {
    fatalError("converted output does not parse back")
  }
  return 0
}

/// SwiftPM names an executable's entry point `fuzz_convert_main`; it hands control to libFuzzer's
/// driver with the callback above.
@_cdecl("fuzz_convert_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzConvert($0, $1) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
