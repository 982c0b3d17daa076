import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Source spans: where each block and segment of the model was printed in the input.
struct SourceSpanTests {
  static func reading(_ bytes: [UInt8]) throws -> Reading {
    var options = Fixtures.options
    options.sourceSpans = true
    return try Fixtures.converter.convert(bytes, options: options).reading
  }

  /// The words of `text` (runs of letters or of digits), as the spans are aligned on.
  static func words(_ text: some StringProtocol) -> [String] {
    var words: [String] = []
    SourceSpans.Source.forEachWord(in: text) { word, _, _ in words.append(String(word)) }
    return words
  }

  /// `bytes[span]` as text.
  static func cut(_ bytes: [UInt8], _ span: SourceSpan) -> String {
    String(decoding: bytes[span.start..<span.end], as: UTF8.self)
  }

  /// The preamble's and body's paragraphs (sections' paragraphs included).
  static func paragraphs(_ resolution: Resolution) -> [Block] {
    func blocks(of items: [BodyItem]) -> [Block] {
      items.flatMap { item -> [Block] in
        switch item {
        case .paragraph(let block): return [block]
        case .section(let section): return section.intro + blocks(of: section.items)
        }
      }
    }
    return resolution.preamble + blocks(of: resolution.body)
  }

  @Test("each paragraph's span, cut from the input, gives its first and last words")
  func paragraphSpansCutTheirWords() throws {
    let bytes = try Fixtures.seed()
    let reading = try Self.reading(bytes)
    let blocks = Self.paragraphs(reading.resolution)
    #expect(blocks.count > 10)
    for block in blocks {
      let span = try #require(block.text.span, "no span: \(block.text.plainText.prefix(40))")
      let cut = Self.words(Self.cut(bytes, span))
      let own = Self.words(block.text.plainText)
      #expect(Array(cut.prefix(3)) == Array(own.prefix(3)), "\(cut.prefix(3)) vs \(own.prefix(3))")
      #expect(cut.last == own.last)
      #expect(span.firstLine == block.text.line)
      #expect(span.lastLine >= span.firstLine)
    }
  }

  @Test("citations and lead phrases have exact spans")
  func segmentSpansAreExact() throws {
    let bytes = try Fixtures.seed()
    let reading = try Self.reading(bytes)
    var citations = 0
    var phrases = 0
    reading.resolution.forEachTextBlock { block in
      for (index, segment) in block.segments.enumerated() {
        let text: String
        switch segment {
        case .citation(let citation):
          citations += 1
          text = citation.text
        case .leadPhrase(let phrase):
          phrases += 1
          text = phrase
        default: continue
        }
        guard index < block.segmentSpans.count, let span = block.segmentSpans[index] else {
          Issue.record("no span for \(text)")
          continue
        }
        let cut = Self.cut(bytes, span).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(cut == text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
      }
    }
    #expect(citations > 10)
    #expect(phrases > 10)
  }

  @Test("offsets are of the original bytes: a byte-order mark, CR LF and no-break spaces count")
  func offsetsAreOfTheOriginalBytes() throws {
    var text = String(decoding: try Fixtures.seed(), as: UTF8.self)
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    // No-break spaces (2 bytes each, one space once read) inside an operative paragraph.
    text = text.replacingOccurrences(
      of: "Member States to promote", with: "Member\u{A0}States\u{A0}to promote")
    let bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    let reading = try Self.reading(bytes)
    let blocks = Self.paragraphs(reading.resolution)
    for block in blocks {
      let span = try #require(block.text.span)
      // Every word of the span is the block's, but the note markers reading took out.
      var markers: Set<String> = []
      for case .noteRef(let marker) in block.text.segments { markers.insert(marker) }
      let cut = Self.words(Self.cut(bytes, span)).filter { !markers.contains($0) }
      let own = Self.words(block.text.plainText)
      #expect(cut == own, "\(cut.prefix(5)) vs \(own.prefix(5))")
    }
    // The paragraph with no-break spaces: its span ends at the end of its own line's text.
    let promoting = try #require(blocks.first { $0.text.plainText.contains("Member States to promote") })
    let span = try #require(promoting.text.span)
    #expect(
      Self.cut(bytes, span).hasPrefix("1.\tCalls upon") || Self.cut(bytes, span).hasPrefix("Calls upon"))
    #expect(Self.cut(bytes, span).hasSuffix("information;"))
  }

  @Test("a paragraph broken by page furniture keeps its pieces, the furniture between them")
  func interruptedParagraphsHavePieces() throws {
    guard let shared = Fixtures.shared else {
      print(
        "SourceSpanTests: ../shared is absent (set AKN_SHARED): the pieces of a paragraph broken by page furniture are not checked"
      )
      return
    }
    let url = shared.appendingPathComponent("corpus/dev/A_RES_78_3.txt")
    let bytes = try Fixtures.bytes(url)
    let reading = try Self.reading(bytes)
    var pieced: [SourceSpan] = []
    reading.resolution.forEachTextBlock { block in
      if let span = block.span, span.pieces != nil { pieced.append(span) }
    }
    #expect(!pieced.isEmpty)
    for span in pieced {
      let pieces = try #require(span.pieces)
      #expect(pieces.first?.start == span.start)
      #expect(pieces.last?.end == span.end)
      for (before, after) in zip(pieces, pieces.dropFirst()) {
        #expect(before.end < after.start)
        // What lies between two pieces is whole lines the block does not use.
        #expect(after.firstLine - before.lastLine >= 2)
      }
    }
  }

  @Test("a PDF's spans point into its extracted text, with the page")
  func pdfSpansPointIntoTheExtractedText() throws {
    let reading = try Self.reading(TestPDF.resolution)
    let extracted = try #require(reading.extracted)
    let text = Array(extracted.lines.map { $0 + "\n" }.joined().utf8)
    let blocks = Self.paragraphs(reading.resolution)
    #expect(!blocks.isEmpty)
    for block in blocks {
      let span = try #require(block.text.span)
      #expect(span.page == 1)
      #expect(Self.words(Self.cut(text, span)).prefix(2) == Self.words(block.text.plainText).prefix(2))
    }
  }

  @Test("spans are computed only when asked: the AKN path does without them")
  func spansOnlyWhenAsked() throws {
    let reading = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options).reading
    var spans = 0
    reading.resolution.forEachTextBlock { spans += $0.span == nil ? 0 : 1 }
    #expect(spans == 0)
  }

  @Test("one converter turns offsets into lines and byte columns, whatever the line ends")
  func locationConverter() {
    let converter = SourceLocationConverter(bytes: Array("ab\ncd\r\nef\rgh".utf8))
    #expect(converter.lineStarts == [0, 3, 7, 10])
    #expect(converter.location(of: 0) == (1, 1))
    #expect(converter.location(of: 4) == (2, 2))
    #expect(converter.location(of: 7) == (3, 1))
    #expect(converter.location(of: 11) == (4, 2))
  }
}

/// The model carries what reading decided; the AKN renderer reads no text.
struct InlineReadingTests {
  @Test("reading gives citations, lead phrases and the preface's parts as typed segments")
  func readingTypesTheSegments() throws {
    let reading = try FormRegistry.standard.read(ReaderInput(bytes: Fixtures.seed()))
    let first = try #require(reading.resolution.preamble.first)
    guard case .leadPhrase(let phrase) = first.text.segments.first else {
      Issue.record("the first clause has no lead phrase: \(first.text.segments.prefix(2))")
      return
    }
    #expect(phrase == "Recalling")
    #expect(first.clauseName == "recalling")
    var citations: [Citation] = []
    reading.resolution.forEachTextBlock { block in
      for case .citation(let citation) in block.segments { citations.append(citation) }
    }
    #expect(
      citations.contains {
        $0.form == .ref && ($0.href ?? "").hasPrefix("/akn/un/statement/deliberation/un-ga/")
      })
    #expect(citations.contains { $0.form == .link && ($0.href ?? "").hasPrefix("https://undocs.org/") })
    let adoption = try #require(reading.resolution.preface.first { $0.role == .adoption })
    #expect(adoption.text.segments.contains(.part(.docAuthority, [.text("General Assembly")])))
    #expect(reading.identity?.number == "67-27")
  }

  @Test("the AKN renderer writes what the model says, never reads the text again")
  func theRendererObeysTheModel() throws {
    var reading = try FormRegistry.standard.read(ReaderInput(bytes: Fixtures.seed()))
    // A clause whose text looks like nothing: the model says "italics up to here, then a link".
    reading.resolution.preamble[0].text.segments = [
      .leadPhrase("Odd words"), .text(" then "),
      .citation(Citation(form: .link, href: "https://undocs.org/X/1", text: "X/1")), .text(";"),
    ]
    reading.resolution.preamble[0].clauseName = "oddWords"
    let xml = String(
      decoding: try AKNRenderer(markupDate: Fixtures.markupDate).render(reading).serialized(), as: UTF8.self)
    #expect(xml.contains(#"<container eId="preamble__container_1" name="oddWords">"#))
    #expect(xml.contains(#"<p><i>Odd words</i> then <a href="https://undocs.org/X/1">X/1</a>;</p>"#))
  }
}
