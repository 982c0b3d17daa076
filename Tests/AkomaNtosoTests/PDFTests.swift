import Foundation
import Testing

@testable import AKNModel
@testable import AKNPDF
@testable import AKNReading
@testable import AKNXML
@testable import AkomaNtoso

/// The PDF reader on PDFs written by the tests: a small resolution, and hostile files.
struct PDFTests {
  static func convert(_ bytes: [UInt8]) throws(ConversionError) -> ConversionResult {
    try Fixtures.converter.convert(bytes, options: Fixtures.options)
  }

  /// The rule of the error converting `bytes` gives, or nil when it converts.
  static func errorRule(_ bytes: [UInt8]) -> RuleID? {
    do {
      _ = try convert(bytes)
      return nil
    } catch {
      #expect(!(error.diagnostics.first?.message.isEmpty ?? true))
      return error.diagnostics.first?.rule
    }
  }

  @Test("a PDF resolution: facts, furniture by place, the raised marker linked, a line-end hyphen joined")
  func resolutionPDF() throws {
    let result = try Self.convert(TestPDF.resolution)
    let resolution = result.resolution
    #expect(result.reading.form == "pdf")
    #expect(resolution.metadata.symbol == "A/RES/99/1")
    #expect(resolution.metadata.jobNumber == "20-00001")
    #expect(resolution.metadata.adoptionDate == SimpleDate(year: 2020, month: 1, day: 1))
    #expect(resolution.operativeParagraphCount == 2)
    #expect(resolution.footnotes.map(\.marker) == ["1"])
    #expect(resolution.footnotes.first?.text.plainText == "Resolution 98/1.")
    #expect(result.warnings.isEmpty, "\(result.warnings)")
    let xml = String(decoding: result.xml, as: UTF8.self)
    // The marker raised after "2019," is the note's; "98/1" and "1 January" are not. (The
    // Assembly's session 98 meets in 2043: a resolution 98/1 of 2019 is text, with a note.)
    #expect(xml.contains("98/1 of 1 January 2019,<sup><authorialNote"))
    #expect(result.notes.contains { $0.rule == RuleID.citationUnlinked })
    // "self-" at a line end, "selfdetermination" printed nowhere: the hyphen is kept.
    #expect(xml.contains("the self-determination of documents;"))
    let reasons = Set(result.furniture.map(\.reason))
    #expect(reasons.isSuperset(of: [LeftOutReason.masthead, .jobNumber, .footnoteRule]))
    // The extracted text is what line numbers refer to; page 1 starts at line 1.
    let extracted = try #require(result.reading.extracted)
    #expect(extracted.pageStarts == [1])
    let rule = try #require(result.furniture.first { $0.reason == LeftOutReason.footnoteRule })
    #expect(extracted.lines[rule.line - 1] == "__________")
    #expect(extracted.place(ofLine: rule.line)! == (1, rule.line))
  }

  @Test("a hyphen at a line end: dropped where the document prints the word whole, kept otherwise")
  func lineEndHyphens() throws {
    var page = TestPDF.resolutionPage
    page[13] = TestPDF.Text(x: 72, y: 496, text: "determination of documents and selfdetermination;")
    let result = try Self.convert(TestPDF.document(pages: [page]))
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(xml.contains("reader of the selfdetermination of documents and selfdetermination;"))
  }

  @Test("the pdf form reads a PDF's text as before, and PDFs by their magic bytes")
  func formDetection() throws {
    let form = PDFForm()
    #expect(form.name == "pdf")
    #expect(Converter.standardForms.names == FormRegistry.standard.names)
    #expect(form.confidence(ReaderInput(bytes: TestPDF.resolution)) == .certain)
    let text = ReaderInput(
      bytes: Array("United Nations\nA/RES/1/1\nResolution adopted by the General Assembly\n".utf8))
    #expect(form.confidence(text) == PDFTextForm().confidence(text))
    #expect(PDFForm.isPDF(Array("\n\n%PDF-1.7\n".utf8)))
    #expect(!PDFForm.isPDF(Array("%PD".utf8)))
  }

  @Test("hostile PDFs end with a clear error, never a crash or a hang")
  func hostilePDFs() throws {
    let resolution = TestPDF.resolution
    // Encrypted with a user password.
    let encrypted = TestPDF.document(
      pages: [[TestPDF.Text(x: 72, y: 700, text: "Secret")]],
      extra: [
        Array(
          "<< /Filter /Standard /V 1 /R 2 /O <\(String(repeating: "11", count: 32))> /U <\(String(repeating: "22", count: 32))> /P -4 >>"
            .utf8)
      ],
      trailer: "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")
    #expect(Self.errorRule(encrypted) == RuleID.inputPDFEncrypted)
    // Cut short: half of it.
    #expect(Self.errorRule(Array(resolution.prefix(resolution.count / 2))) != nil)
    // Only the header.
    #expect(Self.errorRule(Array("%PDF-1.4\n%%EOF\n".utf8)) == RuleID.inputPDFDamaged)
    // No text layer (a scanned page has only an image).
    #expect(Self.errorRule(TestPDF.document(pages: [[]])) == RuleID.inputPDFNoText)
    // Wrong cross-reference offsets: poppler rebuilds the table and reads on.
    #expect(Self.errorRule(TestPDF.document(pages: [TestPDF.resolutionPage], xrefShift: 7)) == nil)
    // JavaScript run on opening, and an embedded file: never run, never read.
    let active = TestPDF.document(
      pages: [TestPDF.resolutionPage],
      catalogExtra:
        "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> /Names << /EmbeddedFiles << /Names [(a.txt) 4 0 R] >> >> ",
      extra: [
        Array("<< /Type /Filespec /F (a.txt) /EF << /F 5 0 R >> >>".utf8),
        TestPDF.stream(Array("hello".utf8)),
      ])
    #expect(Self.errorRule(active) == nil)
    // 5,000 pages of text that is no resolution.
    let many = TestPDF.document(pages: (1...5000).map { [TestPDF.Text(x: 72, y: 700, text: "Page \($0)")] })
    #expect(Self.errorRule(many) != nil)
    // A content stream that inflates to 64 MB of spaces.
    let bomb = TestPDF.document(
      pages: [TestPDF.resolutionPage],
      extra: [
        TestPDF.stream(TestPDF.deflateBomb(spaces: 64 * 1024 * 1024), dictionary: "/Filter /FlateDecode ")
      ])
    #expect(Self.errorRule(bomb) == nil)
  }

  @Test("pdftohtml missing, too slow or too talkative: a clear error naming what to do")
  func toolLimits() throws {
    var tool = PDFTool()
    tool.program = "akn-no-such-pdftohtml"
    do {
      _ = try tool.extract(TestPDF.resolution)
      Issue.record("a missing tool must fail")
    } catch {
      #expect(error.diagnostics.first?.rule == RuleID.inputPDFTool)
      #expect(error.diagnostics.first?.message.contains("poppler-utils") == true)
      #expect(error.diagnostics.first?.message.contains("Scripts/install-deps.sh") == true)
    }
    let clock = ContinuousClock()
    let start = clock.now
    #expect(throws: ToolFailure.timedOut(seconds: 0.3)) {
      try ToolProcess.run("sleep", arguments: ["30"], input: [], timeoutSeconds: 0.3, maximumOutputBytes: 10)
    }
    #expect(clock.now - start < .seconds(10))
    #expect(throws: ToolFailure.outputTooLarge(limit: 100_000)) {
      try ToolProcess.run("yes", arguments: [], input: [], timeoutSeconds: 10, maximumOutputBytes: 100_000)
    }
    // A tool that reads none of its input: the write ends (EPIPE), this process lives on.
    let run = try ToolProcess.run(
      "true", arguments: [], input: [UInt8](repeating: 0x41, count: 4 * 1024 * 1024), timeoutSeconds: 10,
      maximumOutputBytes: 10)
    #expect(run.status == 0)
    // Input through the pipe, output and status back.
    let cat = try ToolProcess.run(
      "cat", arguments: [], input: Array("abc".utf8), timeoutSeconds: 10, maximumOutputBytes: 10)
    #expect(cat.output == Array("abc".utf8))
    let failing = try ToolProcess.run(
      "sh", arguments: ["-c", "echo no >&2; exit 3"], input: [], timeoutSeconds: 10, maximumOutputBytes: 10)
    #expect(failing.status == 3)
    #expect(failing.errors == Array("no\n".utf8))
  }

  @Test("the tool's XML: its DOCTYPE accepted in the trusted mode only, no DTD or entity ever loaded")
  func trustedToolOutput() throws {
    let xml = Array(
      """
      <?xml version="1.0"?>
      <!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd" [<!ENTITY leak SYSTEM "file:///etc/hostname">]>
      <pdf2xml><page number="1" height="100" width="100"><fontspec id="0" size="10" family="T"/>
      <text top="1" left="2" width="3" height="4" font="0">A&leak;\u{1}B <i>c</i></text></page></pdf2xml>
      """.utf8)
    let layout = try PDFLayout.parse(xml)
    let run = try #require(layout.pages.first?.runs.first)
    #expect(!run.text.contains(ProcessInfo.processInfo.hostName))
    #expect(run.pieces.last == PDFLayout.Piece(text: "c", italic: true, bold: false, link: nil))
    // The untrusted path refuses the same bytes as before.
    #expect(throws: XMLTree.ParseFailure.self) { try XMLTree.parse(xml) }
    #expect(throws: ConversionError.self) { try PDFLayout.parse(Array("not xml".utf8)) }
    #expect(throws: ConversionError.self) { try PDFLayout.parse(Array("<other/>".utf8)) }
    #expect(throws: ConversionError.self) { try PDFLayout.parse([]) }
  }

  @Test("files of other types are named, with what to do; exit code 2 for them")
  func fileTypes() throws {
    func rule(_ bytes: [UInt8]) -> RuleID? { Self.errorRule(bytes) }
    let docx = [0x50, 0x4B, 0x03, 0x04] + Array("....[Content_Types].xml word/document.xml".utf8)
    let odt = [0x50, 0x4B, 0x03, 0x04] + Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8)
    let zip = [0x50, 0x4B, 0x03, 0x04] + Array("a.txt".utf8)
    for bytes in [docx, odt, zip] { #expect(rule(bytes) == RuleID.inputType) }
    let akn = Array(
      "<?xml version=\"1.0\"?>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>".utf8
    )
    #expect(InputType.wrongType(akn)?.diagnostics.first?.message.contains("akn validate") == true)
    #expect(
      InputType.wrongType(Array("<!DOCTYPE html><html></html>".utf8))?.diagnostics.first?.message.contains(
        "HTML") == true)
    #expect(rule([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) == RuleID.inputType)
    do {
      _ = try Self.convert(docx)
    } catch {
      #expect(error.isWrongFileType)
      #expect(error.diagnostics[0].message.contains("Word document"))
    }
    #expect(InputType.wrongType(Array("United Nations\nA/RES/1/1\n".utf8)) == nil)
  }

  @Test("texts in another language than English are refused by their function words")
  func language() throws {
    func check(_ text: String) -> String? {
      InputType.notEnglish(try! SourceText.decode(Array(text.utf8)))?.diagnostics.first?.message
    }
    let french = """
      L'Assemblée générale, Rappelant sa résolution 77/1 et les résolutions de la Commission des droits
      de l'homme sur la question, Prenant note du rapport du Secrétaire général et des mesures prises
      dans les pays pour la mise en œuvre de la Déclaration, 1. Prie le Secrétaire général de lui
      présenter un rapport sur les progrès accomplis dans la mise en œuvre de la présente résolution.
      """
    let spanish = """
      La Asamblea General, Recordando su resolución 77/1 y las resoluciones de la Comisión de Derechos
      Humanos sobre la cuestión, Tomando nota del informe del Secretario General y de las medidas
      adoptadas por los Estados para la aplicación de la Declaración, 1. Solicita al Secretario General
      que le presente un informe sobre los progresos realizados en la aplicación de la presente resolución.
      """
    let english = """
      The General Assembly, Recalling its resolution 77/1 and the resolutions of the Commission on Human
      Rights on the question, Taking note of the report of the Secretary-General and of the measures
      taken by States for the implementation of the Declaration, 1. Requests the Secretary-General to
      submit to it a report on the progress made in the implementation of the present resolution.
      """
    #expect(check(french)?.contains("French") == true)
    #expect(check(spanish)?.contains("Spanish") == true)
    #expect(check(english) == nil)
    #expect(check("Le la les") == nil)  // too few words to tell
    #expect(Self.errorRule(Array(french.utf8)) == RuleID.inputLanguage)
  }
}
