// swift-tools-version: 6.1
// The benchmark's own package, kept apart from the main one (like swift-markdown's Tools/):
// `akn-bench` converts many files in one process with one `Converter`, for the in-process
// throughput, scaling, memory and profile measurements of `Benchmarks/bench.py`.
import PackageDescription

let package = Package(
  name: "akn-benchmarks",
  dependencies: [
    .package(name: "akn", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "akn-bench",
      dependencies: [.product(name: "AkomaNtoso", package: "akn")],
      // The allocator akn and akn-serve link (mimalloc), so that the in-process figures measure
      // what the programs do; the library itself never links an allocator.
      linkerSettings: [.linkedLibrary("mimalloc")]
    )
  ]
)
