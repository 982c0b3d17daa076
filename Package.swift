// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "akn",
  products: [
    .executable(name: "akn", targets: ["akn"]),
    .executable(name: "akn-serve", targets: ["akn-serve"]),
    .library(name: "AkomaNtoso", targets: ["AkomaNtoso"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // The DocC plugin (`make docs`: the library's documentation catalog); a build-time plugin only.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    // The HTTP server of `akn serve` (only AKNServer and akn-serve link it; the `akn` binary stays
    // without it). No default traits: neither swift-configuration nor full Foundation is needed.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    // multipart/form-data bodies of the server's page and API (Vapor's parser, MIT).
    .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
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
    // CMimalloc: mimalloc (MIT), the allocator of the two executables (AKNAllocator links it).
    .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
    // AKNAllocator: the programs' allocator (mimalloc); only the executables depend on it, so the
    // library never imposes an allocator on the program that links it.
    .target(name: "AKNAllocator", dependencies: ["CMimalloc"]),
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
    // AKNCommandLine: what the two executables (akn, akn-serve) share: --schema, the date options.
    .target(
      name: "AKNCommandLine",
      dependencies: [
        "AKNModel", "AKNValidation", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "akn",
      dependencies: [
        "AKNCommandLine", "AkomaNtoso", "AKNModel", "AKNReading", "AKNMarkup", "AKNValidation", "AKNSystem",
        "AKNAllocator", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["GitRevision"]
    ),
    // AKNServer: the HTTP API and the web page of `akn serve` over the pipeline (never prints or exits).
    .target(
      name: "AKNServer",
      dependencies: [
        "AkomaNtoso", "AKNModel", "AKNMarkup", "AKNValidation", "AKNReading",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "MultipartKit", package: "multipart-kit"),
      ]),
    // akn-serve: the server's own executable, which `akn serve` starts (so `akn` does not link it).
    .executableTarget(
      name: "akn-serve",
      dependencies: [
        "AKNServer", "AkomaNtoso", "AKNCommandLine", "AKNAllocator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    // GitRevision: the commit `akn --version` names, written before each build.
    .plugin(name: "GitRevision", capability: .buildTool()),
    .testTarget(
      name: "AkomaNtosoTests",
      dependencies: [
        "AkomaNtoso", "AKNModel", "AKNReading", "AKNSystem", "AKNXML", "AKNPDF", "AKNMarkup", "AKNValidation",
      ]),
    .testTarget(name: "aknEndToEndTests", dependencies: ["akn", "akn-serve"]),
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
