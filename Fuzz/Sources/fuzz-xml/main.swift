import AkomaNtoso

/// Untrusted XML: the safe parser and the text extraction that `akn text` and `akn validate`
/// rely on.
func fuzzXML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  _ = try? DocumentText.extract(fromXML: bytes)
  return 0
}

/// SwiftPM names an executable's entry point `fuzz_xml_main`; it hands control to libFuzzer's
/// driver with the callback above.
@_cdecl("fuzz_xml_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzXML($0, $1) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
