/// The callback libFuzzer calls with each input.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer's driver with `target`. SwiftPM names an executable's entry point
/// `<module>_main`; each fuzz target defines that symbol and calls this.
public func runLibFuzzer(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ target: FuzzTarget
) -> CInt {
  var argc = argc
  var argv = argv
  return llvmFuzzerRunDriver(&argc, &argv, target)
}

/// The bytes of one fuzz input.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
  data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
}

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: FuzzTarget
) -> CInt
