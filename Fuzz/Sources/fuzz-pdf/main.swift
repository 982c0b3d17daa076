import AkomaNtoso
import FuzzSupport

/// The PDF reader on what pdftohtml returns. Input starting with `<` is taken as pdf2xml as
/// given (the trusted-output parser, then the reader), and what follows a NUL byte in it as
/// pdftohtml's standard error (poppler's messages: the damage warnings and refusals); any
/// other input is made into pdf2xml, eight bytes a run (page break, top, left, width, height,
/// size, style, text), so that the line, furniture, marker, note, hyphen and garbled-text
/// logic sees every arrangement of runs.
func fuzzPDF(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = fuzzBytes(data, count)
  if bytes.first == UInt8(ascii: "<") {
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let errors = split < bytes.endIndex ? Array(bytes[(split + 1)...]) : []
    _ = try? PDFForm.readToolOutput(Array(bytes[..<split]), toolErrors: errors)
    return 0
  }
  let words = [
    "United Nations", "A/RES/1/1", "Resolution adopted by the General Assembly on 1 May 2000", "1.",
    "Decides", "self-", "determination", "1", "2", "__________", "2/3", "23-12345 (E)", "*2312345*",
    "The General Assembly,", "Recalling", "Annex", "1st plenary meeting", " ", "", "&amp;",
    "Recalling WKH 8QLYHUVDO 'HFODUDWLRQ", "\u{E001}\u{E002}", "the of and to in",
  ]
  var xml = "<pdf2xml><page number=\"1\" height=\"1188\" width=\"918\">"
  xml += "<fontspec id=\"0\" size=\"15\" family=\"T\"/><fontspec id=\"1\" size=\"9\" family=\"T\"/>"
  xml += "<fontspec id=\"2\" size=\"18\" family=\"Barcode\"/>"
  var index = 0
  while index + 8 <= bytes.count {
    let run = bytes[index..<(index + 8)]
    index += 8
    let b = Array(run)
    if b[0] == 0xFF { xml += "</page><page number=\"2\" height=\"\(b[1] * 5)\" width=\"918\">" }
    let style = b[6] % 4
    let text = words[Int(b[7]) % words.count]
    let body = style == 1 ? "<i>\(text)</i>" : style == 2 ? "<b>\(text)</b>" : text
    xml +=
      "<text top=\"\(Int(b[1]) * 5)\" left=\"\(Int(b[2]) * 4)\" width=\"\(b[3])\" height=\"\(b[4] % 40)\" font=\"\(b[5] % 3)\">\(body)</text>"
  }
  xml += "</page></pdf2xml>"
  _ = try? PDFForm.readToolOutput(Array(xml.utf8))
  return 0
}

@_cdecl("fuzz_pdf_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runLibFuzzer(argc, argv) { fuzzPDF($0, $1) }
}
