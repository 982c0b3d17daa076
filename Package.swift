// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "akn",
  products: [
    .executable(name: "akn", targets: ["akn"]),
    .library(name: "AkomaNtoso", targets: ["AkomaNtoso"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // The DocC plugin (`make docs`: the library's documentation catalog); a build-time plugin only.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
    // The walls, bottom up; each target may import only the ones it names (the build runs with
    // --explicit-target-dependency-import-check error, so a wrong-way import does not compile).
    // AKNModel: the document model, plain value types, no XML.
    .target(name: "AKNModel"),
    // AKNSystem: the one POSIX wrapper (files, pipes, processes; EINTR retries, size-capped reads).
    .target(name: "AKNSystem"),
    // AKNReading: text forms -> model.
    .target(name: "AKNReading", dependencies: ["AKNModel"]),
    // AKNXML: the one libxml2 wrapper.
    .target(name: "AKNXML", dependencies: ["AKNModel", "CLibXML2"]),
    // CSpawnLimited: fork + exec with resource limits and the parent-death signal (for pdftohtml).
    .target(name: "CSpawnLimited"),
    // AKNPDF: PDF input, through poppler's pdftohtml run as a separate program (GPL, never linked).
    .target(
      name: "AKNPDF", dependencies: ["AKNModel", "AKNReading", "AKNSystem", "AKNXML", "CSpawnLimited"]),
    // AKNMarkup: renderers of the model (AKN XML, plain text).
    .target(name: "AKNMarkup", dependencies: ["AKNModel", "AKNXML"]),
    // AKNValidation: the official schema and the AKN4UN rules.
    .target(name: "AKNValidation", dependencies: ["AKNModel", "AKNSystem", "AKNXML", "AKNMarkup"]),
    // AkomaNtoso: the pipeline (convert, batch, output files) over all of the above.
    .target(
      name: "AkomaNtoso",
      dependencies: [
        "AKNModel", "AKNReading", "AKNSystem", "AKNXML", "AKNPDF", "AKNMarkup", "AKNValidation",
        "CLibArchive",
        "CLibCrypto",
      ]),
    .executableTarget(
      name: "akn",
      dependencies: [
        "AkomaNtoso", "AKNModel", "AKNReading", "AKNMarkup", "AKNValidation", "AKNSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["GitRevision"]
    ),
    // GitRevision: the commit `akn --version` names, written before each build.
    .plugin(name: "GitRevision", capability: .buildTool()),
    .testTarget(
      name: "AkomaNtosoTests",
      dependencies: [
        "AkomaNtoso", "AKNModel", "AKNReading", "AKNSystem", "AKNXML", "AKNPDF", "AKNMarkup", "AKNValidation",
      ]),
    .testTarget(name: "aknEndToEndTests", dependencies: ["akn"]),
  ]
)

for target in package.targets where target.type != .system && target.type != .plugin {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .enableUpcomingFeature("ExistentialAny"),
      .enableUpcomingFeature("InternalImportsByDefault"),
      .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
