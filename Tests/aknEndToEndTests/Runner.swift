import Foundation
import Testing

/// Runs the built `akn` executable and captures what it prints.
struct Run {
  var status: Int32
  var stdout: [UInt8]
  var stderr: String
  var output: String { String(decoding: stdout, as: UTF8.self) }
}

enum AKN {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `akn` binary built beside the test bundle.
  static let executable: URL = {
    var folder = Bundle.main.bundleURL
    if folder.pathExtension == "xctest" { folder = folder.deletingLastPathComponent() }
    let candidates = [
      folder.appendingPathComponent("akn"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "akn"),
      root.appendingPathComponent(".build/debug/akn"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }()

  /// Another program the package builds (a snippet of `Snippets/`), beside `akn`.
  static func sibling(_ name: String) -> URL {
    executable.deletingLastPathComponent().appendingPathComponent(name)
  }

  static let seed = root.appendingPathComponent("Examples/A_RES_67_27.txt")
  static let golden = root.appendingPathComponent("Examples/A_RES_67_27.akn.xml")

  /// Runs `akn arguments…` (or `program`) with `stdin` as standard input and the given extra
  /// environment.
  static func run(
    _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
    directory: URL? = nil, program: URL? = nil
  ) throws -> Run {
    let process = Process()
    process.executableURL = program ?? executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = "1767225600"  // 2026-01-01, the golden file's mark-up date
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let errFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errFile) }
    let err = try FileHandle(forWritingTo: errFile)
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    try err.close()
    if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = (try? Data(contentsOf: errFile)) ?? Data()
    return Run(
      status: process.terminationStatus, stdout: [UInt8](outData),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// `$AKN_SHARED` or `../shared` beside the checkout (the corpus); nil when absent.
  static let shared: URL? = [
    ProcessInfo.processInfo.environment["AKN_SHARED"].map { URL(fileURLWithPath: $0) },
    root.deletingLastPathComponent().appendingPathComponent("shared"),
  ].compactMap { $0 }.first {
    FileManager.default.fileExists(atPath: $0.appendingPathComponent("corpus").path)
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("akn-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
