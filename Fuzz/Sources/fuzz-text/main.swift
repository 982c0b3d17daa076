import AkomaNtoso

/// The text stage alone: decoding, form detection, structure, footnotes (no XML, no schema).
func fuzzText(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  guard let text = try? SourceText.decode(bytes) else { return 0 }
  _ = try? ResolutionParser().parse(text)
  return 0
}

/// SwiftPM names an executable's entry point `fuzz_text_main`; it hands control to libFuzzer's
/// driver with the callback above.
@_cdecl("fuzz_text_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzText($0, $1) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
