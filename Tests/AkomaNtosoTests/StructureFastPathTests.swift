import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The byte-level refusals of the structure reading and its checks (issue 24) give what the
/// `String` code they go before gave: on made-up edge cases (non-ASCII, empty, spaces and tabs,
/// combining marks) and on every line of the shared corpus.
@Suite struct StructureFastPathTests {
  static let madeUp = [
    "", " ", "\t", ":", " : ", "Decides:", "Decides: ", "Decides:\t", "Decides :\t ", "Decides", "a)",
    "b) To",
    "\tb)\tTo", " b)", "b)x", "B) To", "(b) To", "bb) To", "b\u{301}) To", "b)\u{301} To", "é) To",
    "\u{600}b) To",
    " \u{301}b) To", "b", ")", "1) To", "z)", "{) To", "`) To", "Decides:\u{301}", "Decides\u{600}:",
    "Decides: \u{301}",
    "table:", "in the table below:", "\u{201C}Quoted:\u{201D}", "colon\u{A0}:", "ends : \u{2003}",
  ]

  /// The made-up lines and every line of the shared corpus's texts.
  static func lines() -> [String] { FastPathTests.corpusLines(after: madeUp) }

  @Test("a text refused as ending with a colon on its segments' bytes never trimmed to end with one")
  func endsWithColon() {
    for line in Self.lines() {
      let blocks = [
        TextBlock(line, line: 1),
        TextBlock(segments: [.text(line), .noteRef(marker: "1")], line: 1),
        TextBlock(segments: [.italic(line), .text("  \t")], line: 1),
        TextBlock(
          segments: [.text("A"), .part(.docType, [.leadPhrase(line)]), .noteRepeat(marker: "2")], line: 1),
      ]
      for block in blocks where !ParagraphRun.mayEndWithColon(block.segments) {
        #expect(!block.plainText.trimmed.hasSuffix(":"), "\(line)")
        #expect(!block.plainText.hasSuffix(":"), "\(line)")
      }
    }
  }

  @Test("a line refused as opening with a bare letter on its bytes has no such first word")
  func bareLetter() {
    for line in Self.lines() where !ParagraphRun.mayOpenWithBareLetter(line) {
      // What repairOpeningParenthesis asks of the first word before it repairs it.
      let token = line.trimmed.prefix { $0 != " " && $0 != "\t" }
      let bare =
        token.count == 2 && token.last == ")" && token.first.map { $0.isASCII && $0.isLowercase } == true
      #expect(!bare, "\(line)")
    }
    #expect(ParagraphRun.mayOpenWithBareLetter("b) To abstain"))
    #expect(ParagraphRun.mayOpenWithBareLetter("\t c)"))
  }

  @Test("a point's letter in parentheses read on its bytes as on its characters")
  func letterInParentheses() {
    var labels: [String] = []
    for byte in UInt8(0x20)...UInt8(0x7E) {
      let letter = String(UnicodeScalar(byte))
      labels += ["(\(letter))", "\(letter))", "\(letter).", "(\(letter)", "(\(letter)\(letter))"]
    }
    labels += [
      "", "()", "(é)", "(a\u{301})", "( a)", "(a) ", "(i)", "(v)", "(x)", "(l)", "(c)", "(d)", "(m)", "(I)",
      "(M)",
    ]
    for line in Self.lines() {
      if let (label, _) = LineGrammar.label(of: line) { labels.append(label.printed) }
    }
    for label in labels {
      let parsed = Invariants.parseNumber(label)
      let reference = Invariants.parseNumberByCharacters(label)
      #expect(parsed?.prefix == reference?.prefix, "\(label)")
      #expect(
        parsed?.readings.map { "\($0.kind.rawValue) \($0.value)" }
          == reference?.readings.map { "\($0.kind.rawValue) \($0.value)" }, "\(label)")
    }
    #expect(Invariants.parseNumber("(i)")?.readings.map(\.value) == [1, 9])
  }
}

extension StructureFastPathTests {
  @Test("the Main Committees' names may be looked for on bytes first (ASCII without K, ; and `)")
  func committeeNames() {
    for committee in UNBody.mainCommittees {
      #expect(committee.name.allSatisfy { $0.isASCII && !"K;`".contains($0) }, "\(committee.name)")
    }
  }
}

extension StructureFastPathTests {
  @Test("a line refused as a Markdown footnote definition on its first byte is none")
  func definitionFirstByte() {
    for line in Self.lines() + ["[^1]: Note", "\u{FEFF}[^1]: x", " [^1]: x", "[\u{301}^1]: x"]
    where line.utf8.first != 0x5B {
      #expect(MarkdownReader.definition(line) == nil, "\(line)")
    }
    #expect(MarkdownReader.definition("[^1]: Note") != nil)
  }
}

extension StructureFastPathTests {
  /// `SCVolumeReader.opensWithHeading` before issue 24's cut: every one of the first eight lines
  /// that are not blank folded first.
  static func referenceOpensWithHeading(_ text: SourceText) -> Bool {
    let lines = LineShapes.leadingLines(of: text, count: 8)
    for (index, line) in lines.enumerated() {
      if SCVolumeReader.numberAndYear(line) != nil || line.hasPrefix("United Nations S/RES/") { return true }
      if index + 1 < lines.count, SCVolumeReader.mayOpenHeading(line, joined: true),
        SCVolumeReader.numberAndYear(line + " " + lines[index + 1]) != nil
      {
        return true
      }
    }
    return false
  }

  @Test("a Council heading among the first lines found as before, folding only the lines that may hold one")
  func councilHeading() {
    var texts: [SourceText] = [
      ["Resolution 418", "(1977)"], ["  Resolution\t418  ", "", "\t(1977)"], ["RESOLUTION 242 (1967)"],
      ["Res", "olution 12 (1950)"], ["Resolution", "242 (1967)"], ["\tResolution\t\t242\t(1967)"],
      ["United Nations S/RES/2719 (2023)"], ["United  Nations S/RES/2719 (2023)"], ["242 (1967)"],
      ["The Security Council,", "Resolution 242 (1967)"],
      ["a", "b", "c", "d", "e", "f", "g", "h", "Resolution 1 (1946)"],
      ["a", "b", "c", "d", "e", "f", "g", "Resolution 1", "(1946)"], ["Résolution 12 (1950)"],
      ["Resolution\u{301} 12 (1950)"], ["R\u{301}esolution 12 (1950)"], ["Recalling 12 (1950)"], [""], [],
      ["\t", " ", "Resolution 5 (1946)"],
    ].map { FastPathTests.text($0) }
    for url in FastPathTests.corpusTexts() {
      if let text = try? SourceText.decode(Fixtures.bytes(url)) { texts.append(text) }
    }
    for text in texts {
      #expect(
        SCVolumeReader.opensWithHeading(text) == Self.referenceOpensWithHeading(text),
        "\(text.lines.prefix(3).map(\.text))")
    }
  }
}

extension StructureFastPathTests {
  @Test("a line refused as opening with a damaged paragraph number on its bytes has no such first word")
  func damagedNumber() {
    let lines =
      Self.lines() + [
        "S. Decides", "14, Decides", "l. x", "IO. x", "1234. x", "5.", " \t5,", "5.x", "5 . x", ". x",
        "5\u{301}. x",
        "5.\u{301} x", "\u{600}5. x", " \u{301}5. x", "Ss. x", "s, x", "10.\tx",
      ]
    for line in lines where !ParagraphRun.mayOpenWithDamagedNumber(line) {
      // What repairNumber asks of the first word before it repairs it.
      let token = line.trimmed.prefix { $0 != " " && $0 != "\t" }
      guard (2...4).contains(token.count), let end = token.last, end == "." || end == "," else { continue }
      let digits = String(token.dropLast().map { ParagraphRun.digitLookalikes[$0] ?? $0 })
      let allDigits = digits.allSatisfy { $0.isASCIIDigit }
      #expect(!allDigits, "\(line)")
    }
    #expect(ParagraphRun.mayOpenWithDamagedNumber("S. Decides"))
    #expect(ParagraphRun.mayOpenWithDamagedNumber("\t14, Decides"))
  }
}

extension StructureFastPathTests {
  /// `LineGrammar.opensWithMastheadAndAdoption` before issue 24's cut: every line trimmed.
  static func referenceMastheadAndAdoption(_ text: SourceText) -> Bool {
    var sawMasthead = false
    for line in text.lines.prefix(40) {
      let trimmed = line.text.trimmed
      if trimmed.hasPrefix("United Nations") || trimmed.hasPrefix("Distr.") { sawMasthead = true }
      if sawMasthead, trimmed.hasPrefix("Resolution adopted by") || trimmed.hasPrefix("Decision adopted by") {
        return true
      }
    }
    return false
  }

  @Test("a masthead and an adoption line found as before, trimming only the lines that may open one")
  func mastheadAndAdoption() {
    var texts: [SourceText] = [
      ["United Nations A/RES/67/27", "Resolution adopted by the General Assembly"],
      ["\tDistr.: General", "  Decision adopted by the General Assembly"],
      ["Resolution adopted by the General Assembly", "United Nations"],
      [" \u{301}United Nations", "Resolution adopted by"],
      ["United Nations\u{301}", "Resolution adopted by"],
      ["Distr.", "R\u{301}esolution adopted by"], ["Distr.", "\t \tResolution adopted by x"], [], [""],
    ].map { FastPathTests.text($0) }
    for url in FastPathTests.corpusTexts() {
      if let text = try? SourceText.decode(Fixtures.bytes(url)) { texts.append(text) }
    }
    for text in texts {
      #expect(
        LineGrammar.opensWithMastheadAndAdoption(text) == Self.referenceMastheadAndAdoption(text),
        "\(text.lines.prefix(3).map(\.text))")
    }
  }
}

extension StructureFastPathTests {
  @Test("a line is blank on its bytes (spaces and tabs only) exactly when it trims to nothing")
  func blankLine() {
    for line in Self.lines() + [" \u{301}", "\t\u{301}\t", "\u{A0}", " \t \t", "\u{600} "] {
      #expect(line.trimmed.isEmpty == line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }, "\(line)")
    }
  }
}

extension StructureFastPathTests {
  /// The `session/number` count of `FootnoteLinker.citedNumbers` before issue 24's cut: every
  /// byte looked at for a slash.
  static func referenceCitedNumbers(_ texts: [String]) -> [String: Int] {
    var numbers: [String: Int] = [:]
    for text in texts {
      let bytes = Array(text.utf8)
      for slash in bytes.indices where bytes[slash] == 0x2F {
        var first = slash
        while first > 0, bytes[first - 1] >= 0x30, bytes[first - 1] <= 0x39 { first -= 1 }
        guard (1...3).contains(slash - first) else { continue }
        if first > 0, !" ,;()/".utf8.contains(bytes[first - 1]) { continue }
        var end = slash + 1
        while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        guard end > slash + 1 else { continue }
        numbers[String(decoding: bytes[first..<end], as: UTF8.self), default: 0] += 1
      }
    }
    return numbers
  }

  @Test("the numbers a text cites found at the slashes memchr finds, as at every byte before")
  func citedNumbers() {
    let texts =
      Self.lines() + [
        "/", "//", "67/", "/27", "67/27", "A/67/404", "(67/27)", "1234/5", "a67/27", "67/27/3",
        "67/27 and 68/1",
        "é67/27", "67/27é", "resolutions 53/70, 54/49;55/28/1",
      ]
    var resolution = Resolution()
    resolution.preamble = texts.map { Block(text: TextBlock($0, line: 1)) }
    #expect(FootnoteLinker.citedNumbers(in: resolution) == Self.referenceCitedNumbers(texts))
  }

  @Test("a resolution's paragraph refused as a closing line on its first byte is none")
  func closingLine() {
    let lines =
      Self.lines() + ["48th plenary meeting", " 3rd meeting", "Adopted at", "\tAdopted by the", "A", "4"]
    var reader = StructureReader(paragraphs: [], resolution: Resolution(), report: ReadingReport())
    reader.resolution.kind = .resolution
    for line in lines {
      let trimmed = line.trimmed
      let closing = LineGrammar.meetingNumber(trimmed) != nil || LineGrammar.isTrailer(trimmed)
      #expect(reader.isClosing(line) == closing, "\(line)")
    }
  }
}
