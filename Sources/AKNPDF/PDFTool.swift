package import AKNModel

/// poppler's `pdftohtml`, run as a separate program (poppler is GPL; akn is Apache-2.0 and never
/// links it): the PDF goes in through a pipe, pdf2xml comes out, each failure with its own
/// message.
package struct PDFTool: Sendable {
  /// The program, looked up on the `PATH`.
  package var program = "pdftohtml"
  /// The longest a run may take before it is killed (with its process group).
  package var timeoutSeconds: Double = 120
  /// The most output accepted (a 5,000-page PDF's text is far less).
  package var maximumOutputBytes = 256 * 1024 * 1024

  /// The tool with the default limits.
  package init() {}

  /// The arguments: XML with every run's box and font, images ignored, hidden text (an OCR
  /// layer) kept, words broken at a gap of 20% of the font size (10%, the default, splits
  /// words of justified lines: "Secre tariat"), the PDF read from standard input, output to
  /// standard output (the name after `fd://0` is required by pdftohtml and never written).
  static let arguments = ["-xml", "-i", "-hidden", "-wbt", "20", "-stdout", "fd://0", "akn-stdout"]

  /// The pdf2xml text of `pdf`.
  ///
  /// - Throws: ``ConversionError`` saying what to do: the tool missing (`input.pdf-tool`),
  ///   an encrypted PDF (`input.pdf-encrypted`), a damaged one (`input.pdf-damaged`), a run
  ///   over its time or size (`input.pdf-limit`).
  package func extract(_ pdf: [UInt8]) throws(ConversionError) -> [UInt8] {
    let run: ToolRun
    do {
      run = try ToolProcess.run(
        program, arguments: Self.arguments, input: pdf, timeoutSeconds: timeoutSeconds,
        maximumOutputBytes: maximumOutputBytes)
    } catch {
      switch error {
      case .missing:
        throw ConversionError(
          "reading a PDF needs poppler's pdftohtml, which is not installed (not on the PATH); install the Debian package poppler-utils (apt-get install poppler-utils, or run Scripts/install-deps.sh)",
          rule: "input.pdf-tool")
      case .timedOut(let seconds):
        throw ConversionError(
          "pdftohtml took longer than \(Int(seconds)) seconds on this PDF and was stopped; the PDF may be damaged or built to hang readers",
          rule: "input.pdf-limit")
      case .outputTooLarge(let limit):
        throw ConversionError(
          "pdftohtml wrote more than \(limit / 1024 / 1024) MiB of text for this PDF and was stopped; no resolution is that long",
          rule: "input.pdf-limit")
      case .system(let step, let code):
        throw ConversionError(
          "pdftohtml could not be run (\(step) failed, errno \(code))", rule: "input.pdf-tool")
      }
    }
    let errors = String(decoding: run.errors, as: UTF8.self)
    if errors.contains("Incorrect password") {
      throw ConversionError(
        "the PDF is encrypted with a password; akn cannot read it. Save a copy without the password first (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)",
        rule: "input.pdf-encrypted")
    }
    if errors.contains("Copying of text from this document is not allowed") {
      throw ConversionError(
        "the PDF's permissions forbid copying its text; ask its publisher for a copy without restrictions",
        rule: "input.pdf-encrypted")
    }
    guard run.status == 0, !run.output.isEmpty else {
      let detail =
        errors.split(separator: "\n").first { $0.contains("Error") }.map { " (pdftohtml: \($0))" } ?? ""
      throw ConversionError(
        "the PDF could not be read\(detail); the file is damaged, cut short or not a PDF. Download it again",
        rule: "input.pdf-damaged")
    }
    return run.output
  }
}
