import ArgumentParser
import Foundation

extension AKNCommand {
  /// `akn serve`: runs `akn-serve`, the server's own program installed beside `akn`, with the
  /// same arguments (the HTTP server is not linked into `akn`, which stays lean).
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the converter as a web page and an HTTP API (`akn serve --help` lists its options).",
      discussion: """
        Runs akn-serve, installed beside akn, with the same arguments: by default on \
        http://127.0.0.1:8080 (GET / the page; POST /v1/convert, POST /v1/validate, GET /healthz; \
        Schemas/openapi.json describes them).
        """)

    @Argument(parsing: .captureForPassthrough, help: "The options of akn-serve (akn serve --help).")
    var arguments: [String] = []

    /// `akn-serve` in the folder of the running `akn`.
    static func serverProgram(executablePath: String?) -> String? {
      guard let executablePath else { return nil }
      let folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
      let path = folder.appendingPathComponent("akn-serve").path
      return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    func run() throws {
      guard let program = Self.serverProgram(executablePath: Bundle.main.executablePath) else {
        Console.error(
          "akn: error: serve: the server program akn-serve is not beside akn; `make install` installs both (in a checkout, `swift build --product akn-serve` builds it)"
        )
        throw Exit.usage
      }
      let argv = ([program] + arguments).map { strdup($0) } + [nil]
      execv(program, argv)
      let reason = String(cString: strerror(errno))
      Console.error("akn: error: serve: cannot run \(program): \(reason)")
      throw Exit.usage
    }
  }
}
