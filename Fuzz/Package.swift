// swift-tools-version: 6.1
// libFuzzer targets for akn. Not part of the main package: build and run them with
// Scripts/fuzz.sh (which passes -sanitize=fuzzer,address).
import PackageDescription

let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "akn-fuzz",
  dependencies: [.package(name: "akn", path: "..")],
  targets: [
    .target(name: "FuzzSupport"),
    .executableTarget(
      name: "fuzz-text", dependencies: ["FuzzSupport", .product(name: "AkomaNtoso", package: "akn")],
      swiftSettings: fuzzSettings),
    .executableTarget(
      name: "fuzz-convert", dependencies: ["FuzzSupport", .product(name: "AkomaNtoso", package: "akn")],
      swiftSettings: fuzzSettings),
    .executableTarget(
      name: "fuzz-pdf", dependencies: ["FuzzSupport", .product(name: "AkomaNtoso", package: "akn")],
      swiftSettings: fuzzSettings),
    .executableTarget(
      name: "fuzz-xml", dependencies: ["FuzzSupport", .product(name: "AkomaNtoso", package: "akn")],
      swiftSettings: fuzzSettings),
  ]
)
