package import AKNModel
import AKNReading
import AKNSystem
import CSpawnLimited

// For the signal numbers of an exit status and `getenv`: the C library, no system call.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// poppler's `pdftohtml`, run as a separate program (poppler is GPL; akn is Apache-2.0 and never
/// links it): the PDF goes in as a private unnamed file (poppler repairs a damaged PDF better
/// from a file than from a pipe), pdf2xml comes out, with what poppler said about the file;
/// each failure with its own message. The tool's memory and processor time are limited, and it
/// dies with akn.
package struct PDFTool: Sendable {
  /// The program, looked up on the `PATH`.
  package var program = "pdftohtml"
  /// The longest a run may take before it is killed (with its process group); also its limit
  /// of processor time.
  package var timeoutSeconds: Double = 120
  /// The most output accepted (a 5,000-page PDF's text is far less).
  package var maximumOutputBytes = 256 * 1024 * 1024
  /// The most address space the tool may map, in bytes (0: no limit). Reading an official
  /// resolution takes under 100 MiB; a PDF built to exhaust memory is stopped at this limit.
  package var memoryLimitBytes = PDFTool.defaultMemoryLimitBytes
  /// How the PDF reaches the tool.
  package var route = Route.file

  /// The default limit of the tool's address space: 1 GiB.
  package static let defaultMemoryLimitBytes = 1 << 30

  /// How the PDF reaches the tool.
  package enum Route: Sendable, Hashable {
    /// A private unnamed file (`/proc/self/fd/3`), the pipe where there is none. From a file
    /// poppler rebuilds a damaged cross-reference table better (122 text runs against 55 for a
    /// resolution with one object blanked).
    case file
    /// Standard input (`fd://0`).
    case pipe
  }

  /// What the tool gave: the pdf2xml text, and what poppler said about the PDF.
  package struct Extraction: Sendable, Hashable {
    /// The pdf2xml output.
    package var xml: [UInt8]
    /// poppler's messages about the PDF (its standard error), each once, with its count.
    package var messages: [PopplerMessage]
  }

  /// The tool with the default limits.
  package init() {}

  /// The arguments: XML with every run's box and font, images ignored, hidden text (an OCR
  /// layer) kept, words broken at a gap of 20% of the font size (10%, the default, splits
  /// words of justified lines: "Secre tariat"), the PDF (`source`), output to standard output
  /// (the name after the source is required by pdftohtml and never written).
  static func arguments(source: String) -> [String] {
    ["-xml", "-i", "-hidden", "-wbt", "20", "-stdout", source, "akn-stdout"]
  }

  /// The pdf2xml text of `pdf`, and what poppler said about it.
  ///
  /// - Throws: ``ConversionError`` saying what to do: the tool missing (`input.pdf-tool`),
  ///   an encrypted PDF (`input.pdf-encrypted`), a damaged one (`input.pdf-damaged`), a run
  ///   over its time, memory or size (`input.pdf-limit`).
  package func extract(_ pdf: [UInt8]) throws(ConversionError) -> Extraction {
    let limits = self.limits
    let file = route == .file ? try Self.privateFile(pdf) : -1
    let run: ToolRun
    do {
      run = try self.run(program, on: pdf, file: file, arguments: Self.arguments(source:))
    } catch {
      switch error {
      case .missing:
        throw ConversionError(
          "reading a PDF needs poppler's pdftohtml, which is not installed (not on the PATH); install the Debian package poppler-utils (apt-get install poppler-utils, or run Scripts/install-deps.sh)",
          rule: .inputPDFTool)
      case .timedOut(let seconds):
        throw ConversionError(
          "pdftohtml took longer than \(Int(seconds)) seconds on this PDF and was stopped; the PDF may be damaged or built to hang readers",
          rule: .inputPDFLimit)
      case .outputTooLarge(let limit):
        throw ConversionError(
          "pdftohtml wrote more than \(limit / 1024 / 1024) MiB of text for this PDF and was stopped; no resolution is that long",
          rule: .inputPDFLimit)
      case .system(let step, let code):
        throw ConversionError(
          "pdftohtml could not be run (\(step) failed, errno \(code))", rule: .inputPDFTool)
      }
    }
    let errors = String(decoding: run.errors, as: UTF8.self)
    if errors.contains("Incorrect password") {
      throw ConversionError(
        "the PDF is encrypted with a password; akn cannot read it. Save a copy without the password first (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)",
        rule: .inputPDFEncrypted)
    }
    if errors.contains("Copying of text from this document is not allowed") {
      throw ConversionError(
        "the PDF's permissions forbid copying its text; ask its publisher for a copy without restrictions",
        rule: .inputPDFEncrypted)
    }
    let messages = PopplerMessage.parse(errors)
    if let limit = overLimit(run, errors: errors, limits: limits) {
      throw ConversionError(limit, rule: .inputPDFLimit)
    }
    if run.status > 128 {
      throw ConversionError(
        "pdftohtml crashed on this PDF (signal \(run.status - 128)); the file is damaged or built to crash readers. Download it again",
        rule: .inputPDFDamaged)
    }
    guard run.status == 0, !run.output.isEmpty else {
      let reason = messages.first { $0.isDamage }.map { " (pdftohtml: \($0.reason))" } ?? ""
      throw ConversionError(
        "the PDF could not be read\(reason); the file is damaged, cut short or not a PDF. Download it again",
        rule: .inputPDFDamaged)
    }
    return Extraction(xml: run.output, messages: messages)
  }

  /// The program that prints a tagged PDF's structure tree, looked up on the `PATH`.
  package var structureProgram = "pdfinfo"

  /// The structure tree of a tagged `pdf` (``PDFStructureTree``), read by `pdfinfo
  /// -struct-text` under the same limits as the extraction (time, memory, output size; the PDF as
  /// a private unnamed file); nil when the PDF is untagged, its tree is absent or malformed, or
  /// the program is missing, fails or overruns a limit: the tree is a second opinion, never a
  /// reason to refuse a PDF. It costs some twenty times the extraction's processor time, so it is
  /// asked only where the layout leaves a question.
  package func structureTree(_ pdf: [UInt8]) -> PDFStructureTree? {
    let file = route == .file ? ((try? Self.privateFile(pdf)) ?? -1) : -1
    guard
      let run = try? self.run(
        structureProgram, on: pdf, file: file, arguments: { ["-struct-text", "-enc", "UTF-8", $0] }),
      run.status == 0
    else { return nil }
    return PDFStructureTree.parse(run.output)
  }

  /// The tool's limits: its address space and processor time.
  private var limits: ResourceLimits {
    ResourceLimits(
      addressSpaceBytes: max(0, memoryLimitBytes), cpuSeconds: Int(timeoutSeconds.rounded(.up)))
  }

  /// Runs `program` on `pdf` under the limits and closes `file`: the PDF as that private
  /// unnamed file (`/proc/self/fd/3`) when `file` is one (≥ 0), else on standard input
  /// (`fd://0`); `arguments` makes the arguments from the source's name.
  private func run(
    _ program: String, on pdf: [UInt8], file: Int32, arguments: (String) -> [String]
  ) throws(ToolFailure) -> ToolRun {
    defer { if file >= 0 { try? POSIX.close(file) } }
    return try ToolProcess.run(
      program, arguments: arguments(file >= 0 ? "/proc/self/fd/3" : "fd://0"),
      input: file >= 0 ? [] : pdf, timeoutSeconds: timeoutSeconds,
      maximumOutputBytes: maximumOutputBytes, limits: limits, inputDescriptor: file)
  }

  /// Why a run ended at one of its resource limits, or nil. Over its address space poppler
  /// fails an allocation ("Out of memory", `std::bad_alloc`) and aborts; over its processor
  /// time the kernel sends SIGXCPU, then SIGKILL.
  private func overLimit(_ run: ToolRun, errors: String, limits: ResourceLimits) -> String? {
    let signal = run.status > 128 ? run.status - 128 : 0
    if limits.cpuSeconds > 0, signal == SIGXCPU || signal == SIGKILL {
      return
        "pdftohtml used more than \(limits.cpuSeconds) seconds of processor time on this PDF and was stopped; the PDF may be damaged or built to hang readers"
    }
    let outOfMemory =
      errors.contains("Out of memory") || errors.contains("bad_alloc")
      || errors.contains("Cannot allocate memory")
    // A failed allocation aborts poppler (SIGABRT), with or without a message.
    if limits.addressSpaceBytes > 0, outOfMemory || signal == SIGABRT {
      return
        "pdftohtml needed more than its memory limit of \(limits.addressSpaceBytes / 1024 / 1024) MiB on this PDF and was stopped; the PDF may be damaged or built to exhaust memory. A larger limit can be set if the PDF is genuine"
    }
    return nil
  }

  /// A private unnamed file holding `pdf` (see `akn_private_file`), in `folder` (default
  /// `$TMPDIR`, else `/tmp`), or -1 when this system cannot hand it to the tool by path (no
  /// `/proc`): the pipe is used.
  package static func privateFile(_ pdf: [UInt8], folder: String? = nil) throws(ConversionError) -> Int32 {
    guard POSIX.status(of: "/proc/self/fd") != nil else { return -1 }
    let folder =
      folder ?? getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    let descriptor = akn_private_file(folder)
    guard descriptor >= 0 else {
      throw ConversionError(
        "a temporary file for pdftohtml could not be created in \(folder) (errno \(-descriptor)); set TMPDIR to a writable folder",
        rule: .inputPDFTool)
    }
    do {
      try POSIX.writeAll(descriptor, pdf)
    } catch {
      let code = error.code
      try? POSIX.close(descriptor)
      throw ConversionError(
        "the PDF could not be written to a temporary file for pdftohtml in \(folder) (errno \(code)); set TMPDIR to a folder with room",
        rule: .inputPDFTool)
    }
    return descriptor
  }
}

/// One thing poppler said about a PDF on its standard error (`Syntax Error (3072): Unexpected
/// end of file in flate stream`), with how many times.
package struct PopplerMessage: Sendable, Hashable {
  /// poppler's category: `Syntax Error`, `Syntax Warning`, `Internal Error`, `I/O Error` …
  package var category: String
  /// What it said, without the byte offset (`xref num 25 not found but needed, try to
  /// reconstruct`).
  package var reason: String
  /// How many times it said it.
  package var count: Int

  /// Whether it says the file is damaged (an error, not a warning about a feature).
  package var isDamage: Bool {
    category.hasSuffix("Error") && category != "Config Error" && category != "Command Line Error"
  }

  /// The distinct messages of a standard error text, in order, counted.
  package static func parse(_ text: String) -> [PopplerMessage] {
    var messages: [PopplerMessage] = []
    var index: [String: Int] = [:]
    for rawLine in text.split(whereSeparator: \.isNewline) {
      // poppler writes a newline inside a message as "<0a>".
      let line = String(
        String(rawLine).split(separator: "<0a>").joined(separator: " ").unicodeScalars
          .filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)
      ).collapsingSpaces
      guard !line.isEmpty else { continue }
      var category = "Error"
      var reason = line
      if let colon = line.firstIndex(of: ":") {
        var head = String(line[..<colon])
        // "Syntax Error (3072)": the byte offset differs from line to line.
        if let open = head.firstIndex(of: "(") { head = String(head[..<open]) }
        head = head.collapsingSpaces
        if head.count <= 30, head.allSatisfy({ $0.isLetter || $0 == " " || $0 == "/" }) {
          category = head
          reason = String(line[line.index(after: colon)...]).collapsingSpaces
        }
      }
      if reason.count > 200 { reason = String(reason.prefix(200)) + "…" }
      let key = category + "\u{0}" + reason
      if let at = index[key] {
        messages[at].count += 1
      } else {
        index[key] = messages.count
        messages.append(PopplerMessage(category: category, reason: reason, count: 1))
      }
    }
    return messages
  }
}
