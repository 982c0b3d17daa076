import AkomaNtoso
import FuzzSupport

/// Untrusted XML: the safe parser and the text extraction that `akn text` and `akn validate`
/// rely on.
func fuzzXML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = fuzzBytes(data, count)
  _ = try? DocumentText.extract(fromXML: bytes)
  return 0
}

@_cdecl("fuzz_xml_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc, argv) { fuzzXML($0, $1) }
}
