import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNPDF
@testable import AKNReading
@testable import AkomaNtoso

/// The official PDFs of `../shared/corpus/dev-pdf`, read by the `pdf` form through pdftohtml:
/// each converts, its facts match the manifest (or the same document's text), its annexes and
/// footnotes are there, and its text equals its text form's but for differences named here.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: PDF corpus tests skipped"))
struct PDFCorpusTests {
  static var corpus: URL { Fixtures.shared!.appendingPathComponent("corpus") }

  /// The 42 PDFs, by name without extension.
  static func pdfs() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("dev-pdf").path)
      .filter { $0.hasSuffix(".pdf") }.map { String($0.dropLast(4)) }.sorted()
  }

  /// The same document's text: `dev/` (with a manifest row) or `bulk/ga-78/`.
  static func textURL(_ name: String) -> URL {
    let dev = corpus.appendingPathComponent("dev/\(name).txt")
    if FileManager.default.fileExists(atPath: dev.path) { return dev }
    return corpus.appendingPathComponent("bulk/ga-78/\(name).txt")
  }

  /// Annexes counted by reading the PDFs (`pdftotext -layout`, an "Annex", "Annex I" … heading
  /// alone on its line): every other PDF has none. A/RES/79/1 adopts the Pact for the Future
  /// (an attachment of its own) and has two annexes.
  static let attachments: [String: Int] = [
    "A_RES_78_1": 1, "A_RES_78_3": 1, "A_RES_78_4": 1, "A_RES_78_5": 1, "A_RES_78_128": 3,
    "A_RES_78_249": 1, "A_RES_78_252": 1, "A_RES_78_317": 1, "A_RES_78_327": 3, "A_RES_79_1": 3,
  ]

  static func convert(_ url: URL) throws -> ConversionResult {
    try Fixtures.converter.convert(try Fixtures.bytes(url), options: Fixtures.options)
  }

  @Test("every PDF converts; its facts match the manifest, or its text's; annexes and footnotes are there")
  func everyPDFConverts() throws {
    let rows = Dictionary(uniqueKeysWithValues: try CorpusTests.manifest().map { ($0.file, $0) })
    var withRow = 0
    let names = try Self.pdfs()
    #expect(names.count == 42)
    for name in names {
      let result: ConversionResult
      do {
        result = try Self.convert(Self.corpus.appendingPathComponent("dev-pdf/\(name).pdf"))
      } catch {
        Issue.record("\(name).pdf did not convert: \(error)")
        continue
      }
      #expect(result.reading.form == "pdf")
      #expect(result.reading.extracted != nil, "\(name): the PDF's extracted text is kept")
      let resolution = result.resolution
      let metadata = resolution.metadata
      if let row = rows["\(name).txt"] {
        withRow += 1
        #expect(metadata.symbol == row.symbol, "\(name) symbol")
        #expect(metadata.adoptionDate.map(CorpusTests.printed) == row.adoptionDate, "\(name) adoption date")
        if !row.title.isEmpty { #expect(metadata.title == row.title.collapsingSpaces, "\(name) title") }
        #expect(resolution.operativeParagraphCount == row.operative, "\(name) operative paragraphs")
        #expect(resolution.footnotes.count == row.footnotes, "\(name) footnotes")
        #expect(!resolution.attachments.isEmpty == row.annex, "\(name) annex")
      } else {
        let text = try Self.convert(Self.textURL(name)).resolution
        #expect(metadata.symbol == text.metadata.symbol, "\(name) symbol")
        #expect(metadata.adoptionDate == text.metadata.adoptionDate, "\(name) adoption date")
        #expect(metadata.title == text.metadata.title, "\(name) title")
        #expect(
          resolution.operativeParagraphCount == text.operativeParagraphCount, "\(name) operative paragraphs")
        #expect(resolution.footnotes.count == text.footnotes.count, "\(name) footnotes")
      }
      #expect(resolution.attachments.count == Self.attachments[name, default: 0], "\(name) attachments")
      // Footnotes: numbered 1, 2 … in order, each cited where the PDF prints its raised marker.
      let markers = resolution.footnotes.map(\.marker)
      #expect(markers == (0..<markers.count).map { String($0 + 1) }, "\(name) footnote markers \(markers)")
      #expect(
        !result.warnings.contains { $0.rule == RuleID.footnoteUnmatched },
        "\(name): \(result.warnings.filter { $0.rule == RuleID.footnoteUnmatched })")
      let cited = Set(noteRefs(in: result.xml))
      #expect(cited == Set(markers), "\(name): notes cited \(cited.sorted()), notes \(markers)")
    }
    #expect(withRow == 23)
  }

  /// The markers of the notes the XML cites (a table's notes, in its cells, aside).
  func noteRefs(in xml: [UInt8]) -> [String] {
    let text = String(decoding: xml, as: UTF8.self)
    return text.components(separatedBy: "<authorialNote ").dropFirst().compactMap { element in
      guard let range = element.range(of: "marker=\""),
        !element[..<range.lowerBound].contains("__table_")
      else { return nil }
      return String(element[range.upperBound...].prefix { $0 != "\"" })
    }
  }

  // MARK: The PDF's text against its text form's

  /// Tables the text form (PyMuPDF) gives cell by cell in another order than the PDF's rows:
  /// the same words, in another order.
  static let tables: [String: String] = [
    "A_RES_78_253": "the redeployment tables: cells in another order; notes cited where the PDF raises them"
  ]

  /// Where a PDF's text differs from its text form's, each with why the PDF's is right (after
  /// the differences every document may have: a marker set against its word, a line-end hyphen
  /// joined, a section's number with its full stop).
  static let named: [String: [(text: String, pdf: String, why: String)]] = [
    "A_RES_78_128": [
      (
        text: "Conference shall comprise[10] plenary meetings",
        pdf: "Conference shall comprise 10 plenary meetings",
        why: "the text form took a number for a marker; the PDF raises none here"
      ),
      (
        text: "its preparatory meeting.[14] 48th plenary", pdf: "its preparatory meeting. 48th plenary",
        why: "the text form took a number for a marker; the PDF raises none here"
      ),
      (
        text: "than February 2025.14 17. The", pdf: "than February 2025.[14] 17. The",
        why: "the PDF raises the marker here; the text form did not see it"
      ),
    ],
    "A_RES_78_327": [
      (
        text: "United Arab Emirates,[13] Vice-Presidents,12 one of",
        pdf: "United Arab Emirates, 13 Vice-Presidents,[12] one of",
        why: "the marker where the PDF raises it; the text form took a number for it"
      ),
      (
        text: "its preparatory meeting.[12] 107th plenary", pdf: "its preparatory meeting. 107th plenary",
        why: "the text form took a number for a marker; the PDF raises none here"
      ),
    ],
    "A_RES_78_253": [
      (
        text: "2024.[39][40]", pdf: "2024.",
        why: "the text form attached notes 39 and 40 at the end; the PDF raises them after 54/26 and 54/33"
      ),
      (
        text: "54/2639", pdf: "54/26[39]", why: "the PDF raises the marker here; the text form did not see it"
      ),
      (
        text: "54/3340", pdf: "54/33[40]", why: "the PDF raises the marker here; the text form did not see it"
      ),
    ],
  ]

  /// Words of `akn text`, with the differences every PDF may have made uniform: a note marker
  /// `[1]` set against the word before it, a word hyphenated at a line end joined ("self-
  /// determination" as the text form left it), a section number printed with its full stop.
  static func words(_ text: String) -> [String] {
    let raw = text.split(whereSeparator: \.isWhitespace).map(String.init)
    var words: [String] = []
    for word in raw {
      if word.hasPrefix("["), word.hasSuffix("]"), word.count > 2, !words.isEmpty {
        words[words.count - 1] += word
      } else if let last = words.last, last.count > 1, last.hasSuffix("-"),
        last.dropLast().last?.isLetter == true,
        word.first?.isLetter == true, !["and", "or", "to", "nor"].contains(word)
      {
        words[words.count - 1] += word
      } else {
        words.append(word)
      }
    }
    let numbers = Set<String>(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])
      .union("ABCDEFGHIJ".map(String.init))
    for index in words.indices.dropLast() where numbers.contains(words[index]) {
      if words[index + 1].first?.isUppercase == true { words[index] += "." }
    }
    return words
  }

  @Test("each PDF's akn text equals its text form's but for the differences named")
  func pdfTextMatchesTextForm() throws {
    var report: [String] = []
    for name in try Self.pdfs() {
      guard let pdf = try? Self.convert(Self.corpus.appendingPathComponent("dev-pdf/\(name).pdf")),
        let text = try? Self.convert(Self.textURL(name))
      else {
        Issue.record("\(name): the PDF or its text did not convert")
        continue
      }
      // The body word by word; the notes as a set (the text form lists them in the order it
      // cited them, which differs where it took a number for a marker).
      let pdfText = try DocumentText.extract(fromXML: pdf.xml)
      let textText = try DocumentText.extract(fromXML: text.xml)
      let pdfNotes = pdfText.notes.map { Self.words($0).joined(separator: " ") }.sorted()
      let textNotes = textText.notes.map { Self.words($0).joined(separator: " ") }.sorted()
      #expect(pdfNotes == textNotes, "\(name): the notes differ from its text's")
      let pdfWords = Self.words(pdfText.body)
      var textString = Self.words(textText.body).joined(separator: " ")
      for named in Self.named[name] ?? [] {
        guard let range = textString.range(of: named.text) else {
          Issue.record("\(name): the named difference \"\(named.text)\" is gone: remove it")
          continue
        }
        textString.replaceSubrange(range, with: named.pdf)
      }
      let textWords = textString.split(separator: " ").map(String.init)
      if Self.tables[name] != nil {
        var counts: [String: Int] = [:]
        for word in textWords { counts[word, default: 0] += 1 }
        for word in pdfWords { counts[word, default: 0] -= 1 }
        let unequal = counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        #expect(unequal.isEmpty, "\(name): words not in both (text count minus PDF count): \(unequal)")
        continue
      }
      if textWords != pdfWords {
        let hunks = Self.hunks(textWords, pdfWords)
        Issue.record(
          "\(name): \(hunks.count) unnamed differences with its text:\n\(hunks.joined(separator: "\n"))")
        report.append(contentsOf: hunks.map { "\"\(name)\": \($0)" })
      }
    }
    if !report.isEmpty { print(report.joined(separator: "\n")) }
  }

  /// Where `b` differs from `a`: the offsets of `a`'s items it drops and of its own it adds.
  static func changedOffsets<Item: Equatable>(_ a: [Item], _ b: [Item]) -> (
    removed: Set<Int>, inserted: Set<Int>
  ) {
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in b.difference(from: a) {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    return (removed, inserted)
  }

  /// The differences of two lists (words, or an outline's lines) as Swift literals of named
  /// differences, each with up to `before` and `after` items of context, as many on both sides
  /// (so that the literal replaces the text's items by the PDF's exactly), joined by `separator`.
  static func hunks(_ a: [String], _ b: [String], before: Int = 2, after: Int = 2, separator: String = " ")
    -> [String]
  {
    let (removed, inserted) = changedOffsets(a, b)
    var result: [String] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, !removed.contains(i), !inserted.contains(j) {
        i += 1
        j += 1
        continue
      }
      let (i0, j0) = (i, j)
      while i < a.count, removed.contains(i) { i += 1 }
      while j < b.count, inserted.contains(j) { j += 1 }
      let head = min(before, i0, j0)
      let tail = min(after, a.count - i, b.count - j)
      let left = a[(i0 - head)..<(i + tail)].joined(separator: separator)
      let right = b[(j0 - head)..<(j + tail)].joined(separator: separator)
      result.append("(text: \(String(reflecting: left)), pdf: \(String(reflecting: right)), why: \"\")")
    }
    return result
  }
}
