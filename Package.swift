// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "akn",
  products: [
    .executable(name: "akn", targets: ["akn"]),
    .library(name: "AkomaNtoso", targets: ["AkomaNtoso"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(
      name: "CLibArchive",
      pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"])]
    ),
    .systemLibrary(
      name: "CLibCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    .target(name: "AkomaNtoso", dependencies: ["CLibXML2", "CLibArchive", "CLibCrypto"]),
    .executableTarget(
      name: "akn",
      dependencies: [
        "AkomaNtoso",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "AkomaNtosoTests", dependencies: ["AkomaNtoso"]),
    .testTarget(name: "aknEndToEndTests", dependencies: ["akn"]),
  ]
)

for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .enableUpcomingFeature("ExistentialAny"),
      .enableUpcomingFeature("InternalImportsByDefault"),
      .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
