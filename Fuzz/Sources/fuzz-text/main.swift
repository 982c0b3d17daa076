import AkomaNtoso
import FuzzSupport

/// The text stage alone: decoding, form detection, structure, footnotes (no XML, no schema).
func fuzzText(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = fuzzBytes(data, count)
  _ = try? FormRegistry.standard.read(ReaderInput(bytes: bytes))
  return 0
}

@_cdecl("fuzz_text_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc, argv) { fuzzText($0, $1) }
}
