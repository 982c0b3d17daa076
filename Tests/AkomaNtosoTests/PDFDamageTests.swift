import Foundation
import Testing

@testable import AKNModel
@testable import AKNPDF
@testable import AKNReading
@testable import AkomaNtoso

/// Damaged PDFs never lose words silently, and pdftohtml stays within its limits.
struct PDFDamageTests {
  static func convert(
    _ bytes: [UInt8], route: PDFTool.Route = .file, strict: Bool = false
  ) throws(ConversionError) -> ConversionResult {
    var form = PDFForm()
    form.tool.route = route
    var forms = Converter.standardForms
    forms.register(form)
    var options = Fixtures.options
    options.strict = strict
    return try Converter(schema: Fixtures.schema, forms: forms).convert(bytes, options: options)
  }

  static func failure(_ bytes: [UInt8], route: PDFTool.Route = .file, strict: Bool = false)
    -> ConversionError?
  {
    do {
      _ = try convert(bytes, route: route, strict: strict)
      return nil
    } catch {
      return error
    }
  }

  /// The words of an AKN document's text (its metadata left out), counted.
  static func words(_ xml: [UInt8]) -> [Substring: Int] {
    var text = String(decoding: xml, as: UTF8.self)
    if let start = text.range(of: "<meta>"), let end = text.range(of: "</meta>") {
      text.removeSubrange(start.lowerBound..<end.upperBound)
    }
    var plain = ""
    var inTag = false
    for character in text {
      if character == "<" {
        inTag = true
      } else if character == ">" {
        inTag = false
        plain.append(" ")
      } else if !inTag {
        plain.append(character)
      }
    }
    var counts: [Substring: Int] = [:]
    for word in plain.split(whereSeparator: { !$0.isLetter }) { counts[word, default: 0] += 1 }
    return counts
  }

  /// The share of `original`'s words missing from `converted`.
  static func loss(_ original: [Substring: Int], _ converted: [Substring: Int]) -> Double {
    let total = original.values.reduce(0, +)
    let kept = original.reduce(0) { $0 + min($1.value, converted[$1.key] ?? 0) }
    return total == 0 ? 0 : 1 - Double(kept) / Double(total)
  }

  /// A dev PDF of the corpus, or nil when ../shared is absent.
  static func devPDF(_ name: String) throws -> [UInt8]? {
    guard let shared = Fixtures.shared else { return nil }
    return try Fixtures.bytes(shared.appendingPathComponent("corpus/dev-pdf/\(name).pdf"))
  }

  /// Mutants of `pdf`: none converts without a new warning while losing 5% of its words or
  /// more. Returns (mutants, converted, converted with a loss ≥ 5%, of those silently).
  static func checkMutants(_ pdf: [UInt8], count: Int, seed: UInt64) throws -> (Int, Int, Int, Int) {
    let original = try convert(pdf)
    let originalWords = words(original.xml)
    let known = Set(original.warnings.map { "\($0.rule) \($0.message)" })
    var converted = 0
    var lossy = 0
    var silent = 0
    for (index, mutant) in PDFMutants.make(pdf, count: count, seed: seed).enumerated() {
      guard let result = try? convert(mutant.bytes) else { continue }
      converted += 1
      let lost = loss(originalWords, words(result.xml))
      guard lost >= 0.05 else { continue }
      lossy += 1
      let new = result.warnings.filter { !known.contains("\($0.rule) \($0.message)") }
      if new.isEmpty {
        silent += 1
        Issue.record(
          "mutant \(index) (\(mutant.kind.rawValue), seed \(seed)) lost \(Int(lost * 100))% of its words with no warning"
        )
      }
    }
    return (count, converted, lossy, silent)
  }

  @Test("damaged PDFs of every kind: none converts without a warning while losing words")
  func mutants() throws {
    // A bigger run by hand: AKN_PDF_MUTANTS=300 swift test --filter PDFDamageTests/mutants
    let count = ProcessInfo.processInfo.environment["AKN_PDF_MUTANTS"].flatMap { Int($0) } ?? 45
    let synthetic = try Self.checkMutants(TestPDF.resolution, count: count, seed: 21)
    #expect(synthetic.3 == 0)
    guard let pdf = try Self.devPDF("A_RES_78_12") else { return }
    let dev = try Self.checkMutants(pdf, count: count, seed: 78)
    #expect(dev.3 == 0)
    print("PDF mutants (mutants, converted, lossy, silent): synthetic \(synthetic), A_RES_78_12 \(dev)")
  }

  @Test(
    "a blanked object: read whole from the private file, warned as damaged; through the pipe, refused as damaged"
  )
  func blankedObject() throws {
    guard var pdf = try Self.devPDF("A_RES_78_12") else { return }
    let object = try #require(PDFMutants.objects(pdf).first { pdf[$0].starts(with: Array("25 0 obj".utf8)) })
    for offset in object { pdf[offset] = 0x20 }
    let result = try Self.convert(pdf)
    #expect(result.resolution.preamble.count > 3)
    #expect(result.resolution.operativeParagraphCount == 2)
    let damage = try #require(result.warnings.first { $0.rule == RuleID.pdfDamaged })
    #expect(damage.message.contains("xref num 25 not found"), "\(damage.message)")
    // --strict: the damage is an error.
    let strict = try #require(Self.failure(pdf, strict: true))
    #expect(strict.diagnostics.first?.rule == RuleID.pdfDamaged)
    // Through a pipe poppler rebuilds less: the formula, the preamble and paragraph 1 are
    // lost, and the PDF is refused as damaged (not "no enacting formula"), with poppler's reason.
    let piped = try #require(Self.failure(pdf, route: .pipe))
    #expect(piped.diagnostics.first?.rule == RuleID.inputPDFDamaged)
    #expect(piped.diagnostics.first?.message.contains("pdftohtml:") == true, "\(piped)")
    #expect(piped.isWrongFileType)
    #expect(
      piped.diagnostics.contains {
        $0.rule == RuleID.structureFirstParagraph || $0.rule == RuleID.structureNoFormula
      })
  }

  @Test("a font whose letters are mapped wrong: refused page by page as garbled")
  func garbledFont() throws {
    let error = try #require(Self.failure(TestPDF.caesarResolution))
    #expect(error.diagnostics.first?.rule == RuleID.inputPDFGarbled)
    #expect(error.diagnostics.first?.message.contains("page 1") == true, "\(error)")
    #expect(error.isWrongFileType)
    // The official PDF with its body font's /ToUnicode key renamed: both pages.
    guard var pdf = try Self.devPDF("A_RES_78_12") else { return }
    let key = try #require(
      PDFMutants.occurrences(
        of: "/TimesNewRomanPSMT/Encoding/Identity-H/DescendantFonts 10 0 R/ToUnicode", in: pdf
      ).first)
    pdf[key + 67] = UInt8(ascii: "X")
    let official = try #require(Self.failure(pdf))
    #expect(
      official.diagnostics.map(\.rule) == [RuleID.inputPDFGarbled, RuleID.inputPDFGarbled], "\(official)")
    #expect(official.diagnostics.map(\.message).allSatisfy { $0.contains("not English words") })
  }

  @Test("a font whose letters are shifted on a few lines of an English page: refused, naming the font")
  func garbledFontOnPartOfAPage() throws {
    func run(_ text: String, top: Double, family: String) -> PDFLayout.Run {
      PDFLayout.Run(
        top: top, left: 72, width: 400, height: 14, font: PDFLayout.Font(size: 12, family: family),
        pieces: [PDFLayout.Piece(text: text, italic: false, bold: false, link: nil)])
    }
    let english = "Recalling its resolution 77/1 and the report of the Secretary-General on the question,"
    let shifted = "Uhfdoolqj lwv uhvroxwlrq dqg wkh uhsruw ri wkh Vhfuhwdub-Jhqhudo rq wkh txhvwlrq,"
    var runs = (0..<12).map { run(english, top: 100 + Double($0) * 20, family: "Times") }
    runs += (0..<3).map { run(shifted, top: 400 + Double($0) * 20, family: "Broken") }
    let layout = PDFLayout(pages: [PDFLayout.Page(number: 1, width: 612, height: 792, runs: runs)])
    #expect(PDFTextCheck.garbledPages(PDFLines(layout).lines).isEmpty)
    do {
      _ = try PDFForm.read(layout)
      Issue.record("a shifted font must be refused")
    } catch {
      #expect(error.diagnostics.first?.rule == RuleID.inputPDFGarbled)
      #expect(error.diagnostics.first?.message.contains("font Broken (page 1)") == true, "\(error)")
    }
  }

  @Test(
    "the garbled-text check: English pages pass, shifted letters, symbols and function-word-free pages do not"
  )
  func garbledText() {
    let english = String(
      repeating:
        "Recalling its resolution 77/1 of 1 January 2023 and the report of the Secretary-General on the question, ",
      count: 4)
    #expect(EnglishText.judge(english) == nil)
    let shifted = String(
      english.unicodeScalars.map { scalar -> Character in
        guard (0x61...0x77).contains(scalar.value) else { return Character(scalar) }
        return Character(Unicode.Scalar(scalar.value + 3)!)
      })
    #expect(EnglishText.judge(shifted)?.contains("letters") == true)
    let symbols = String(repeating: "\u{E001}\u{E002}\u{E003} ab ", count: 60)
    #expect(EnglishText.judge(symbols)?.contains("symbols") == true)
    let noFunction = String(
      repeating:
        "Recalling resolution report Secretary-General question declaration implementation measures States ",
      count: 8)
    #expect(EnglishText.judge(noFunction)?.contains("function words") == true)
    #expect(EnglishText.judge("wkh ri dqg") == nil)  // too few words to tell
  }

  @Test("pages without text: scanned when poppler found nothing wrong, damaged (with its reason) when it did")
  func lostContentIsNotScanned() throws {
    let layout = PDFLayout(pages: [PDFLayout.Page(number: 1, width: 612, height: 792, runs: [])])
    let damage = [PopplerMessage(category: "Syntax Error", reason: "Unknown operator '<14>'", count: 3)]
    #expect(throws: ConversionError.self) { try PDFForm.read(layout) }
    do {
      _ = try PDFForm.read(layout)
    } catch {
      #expect(error.diagnostics.first?.rule == RuleID.inputPDFNoText)
    }
    do {
      _ = try PDFForm.read(layout, messages: damage)
      Issue.record("a PDF without text must fail")
    } catch {
      #expect(error.diagnostics.map(\.rule) == [RuleID.inputPDFDamaged], "\(error)")
      #expect(error.diagnostics.first?.message.contains("Unknown operator '<14>'") == true)
      #expect(error.diagnostics.first?.message.contains("scanned") == false)
    }
    // A structure the text lacks, from a damaged PDF: the damage leads, the finding follows.
    do {
      _ = try PDFForm.readToolOutput(
        Array(
          "<pdf2xml><page number=\"1\" height=\"792\" width=\"612\"><text top=\"100\" left=\"72\" width=\"200\" height=\"14\">Some words of a page</text></page></pdf2xml>"
            .utf8),
        toolErrors: Array("Internal Error: xref num 25 not found but needed, try to reconstruct<0a>\n".utf8))
      Issue.record("no resolution")
    } catch {
      #expect(error.diagnostics.first?.rule == RuleID.inputPDFDamaged, "\(error)")
      #expect(error.diagnostics.first?.message.contains("xref num 25 not found") == true, "\(error)")
      #expect(error.diagnostics.count >= 2)
    }
  }

  @Test("poppler's messages: categories, offsets dropped, each once and counted")
  func popplerMessages() {
    let messages = PopplerMessage.parse(
      """
      Syntax Error (3072): Unexpected end of file in flate stream
      Syntax Error (4100): Unexpected end of file in flate stream
      Internal Error: xref num 25 not found but needed, try to reconstruct<0a>
      Syntax Warning: Invalid least number of objects reading page offset hints table
      Config Error: No display font for 'Symbol'
      """)
    #expect(
      messages == [
        PopplerMessage(category: "Syntax Error", reason: "Unexpected end of file in flate stream", count: 2),
        PopplerMessage(
          category: "Internal Error", reason: "xref num 25 not found but needed, try to reconstruct", count: 1
        ),
        PopplerMessage(
          category: "Syntax Warning",
          reason: "Invalid least number of objects reading page offset hints table",
          count: 1),
        PopplerMessage(category: "Config Error", reason: "No display font for 'Symbol'", count: 1),
      ])
    #expect(messages.map(\.isDamage) == [true, true, false, false])
    let warnings = PDFForm.damageWarnings(messages)
    #expect(
      warnings.map(\.rule) == [
        RuleID.pdfDamaged, RuleID.pdfDamaged, RuleID.pdfToolWarning, RuleID.pdfToolWarning,
      ])
    #expect(warnings[0].message.contains("(2 times)"))
    let many = (1...20).map { PopplerMessage(category: "Syntax Error", reason: "problem \($0)", count: 1) }
    #expect(PDFForm.damageWarnings(many).count == PDFForm.maximumMessages + 1)
  }

  @Test("a reading without its formula or its paragraph 1 is warned; decisions are not checked")
  func completeness() throws {
    var resolution = Resolution()
    resolution.preamble = [Block(num: nil, text: TextBlock("Recalling", line: 3), children: [])]
    resolution.body = [.paragraph(Block(num: "2.", text: TextBlock("Decides", line: 5), children: []))]
    #expect(
      ReadingChecks.completeness(resolution).map(\.rule) == [
        RuleID.structureNoFormula, .structureFirstParagraph,
      ])
    resolution.formula = TextBlock("The General Assembly,", line: 2)
    resolution.body = [.paragraph(Block(num: "1.", text: TextBlock("Decides", line: 5), children: []))]
    #expect(ReadingChecks.completeness(resolution).isEmpty)
    // Without a preamble: a warning only when the input is known damaged (some resolutions have none).
    resolution.preamble = []
    #expect(ReadingChecks.completeness(resolution).isEmpty)
    #expect(ReadingChecks.completeness(resolution, damaged: true).map(\.rule) == [RuleID.structureNoPreamble])
    // A Security Council resolution of 1946 has no formula.
    resolution.metadata.organ = .securityCouncil
    resolution.formula = nil
    #expect(ReadingChecks.completeness(resolution).isEmpty)
    resolution.kind = .decision
    resolution.body = [.paragraph(Block(num: "3.", text: TextBlock("Decides", line: 5), children: []))]
    #expect(ReadingChecks.completeness(resolution, damaged: true).isEmpty)
  }

  /// The running processes (not zombies) whose name is `name`.
  static func processes(named name: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
      else { return false }
      let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
      return stat[stat.index(after: open)..<close] == name && state != "Z"
    }
  }

  /// Whether pdftohtml is on the PATH, and where.
  static var pdftohtml: String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pdftohtml" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  @Test("the two bombs: pdftohtml stopped at its memory limit, a clear error, no pdftohtml left")
  func bombs() throws {
    guard let pdftohtml = Self.pdftohtml else { return }
    // pdftohtml under a name of its own (a link), so that the processes of this test are told
    // from those other tests run meanwhile.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-bomb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let name = "akn-bomb-\(Int.random(in: 10000...99999))"
    let program = folder.appendingPathComponent(name)
    try FileManager.default.createSymbolicLink(atPath: program.path, withDestinationPath: pdftohtml)
    var form = PDFForm()
    form.tool.program = program.path
    form.tool.memoryLimitBytes = 128 << 20
    for (bomb, pdf) in [("fan-out", TestPDF.fanOut()), ("zeros", TestPDF.zeroBomb())] {
      do {
        _ = try form.read(ReaderInput(bytes: pdf))
        Issue.record("the \(bomb) bomb must fail")
      } catch {
        #expect(error.diagnostics.first?.rule == RuleID.inputPDFLimit, "\(bomb): \(error)")
        #expect(
          error.diagnostics.first?.message.contains("memory limit of 128 MiB") == true, "\(bomb): \(error)")
        #expect(error.isWrongFileType)
      }
      #expect(Self.processes(named: name).isEmpty)
    }
    #expect(PDFForm().tool.memoryLimitBytes == 1 << 30)
    #expect(Fixtures.options.pdfMemoryLimitBytes == 1 << 30)
  }

  @Test("the tool runs with its limits, reads its file as descriptor 3, and the file is private and nameless")
  func toolProcessLimits() throws {
    let file = try PDFTool.privateFile(Array("abc\n".utf8))
    defer { close(file) }
    let run = try ToolProcess.run(
      "sh", arguments: ["-c", "ulimit -v; ulimit -t; cat /proc/self/fd/3; ls /proc/self/fd | wc -l"],
      input: [],
      timeoutSeconds: 10, maximumOutputBytes: 1000,
      limits: ResourceLimits(addressSpaceBytes: 512 << 20, cpuSeconds: 7), inputDescriptor: file)
    let lines = String(decoding: run.output, as: UTF8.self).split(separator: "\n")
    #expect(lines.prefix(3) == ["524288", "7", "abc"], "\(lines)")
    // 0, 1, 2, 3 and the one ls opens: nothing of this process leaks in.
    #expect(lines.last == "5", "\(lines)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-private-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let descriptor = try PDFTool.privateFile(Array("%PDF-".utf8), folder: folder.path)
    defer { close(descriptor) }
    var status = stat()
    #expect(fstat(descriptor, &status) == 0)
    #expect(status.st_mode & 0o777 == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}
