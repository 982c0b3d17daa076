import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

/// Inputs that are not resolutions get a clear error with a position, never a crash or a guess.
@Suite struct InputTests {
  func error(_ bytes: [UInt8], options: ConversionOptions = Fixtures.options) -> Diagnostic? {
    do {
      _ = try Fixtures.converter.convert(bytes, options: options)
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  @Test func emptyInput() {
    let diagnostic = error([])
    #expect(diagnostic?.rule == RuleID.inputEmpty)
    #expect(error(Fixtures.bytes("  \n\t\n"))?.rule == RuleID.inputEmpty)
  }

  @Test func binaryInputNamesTheNULByte() {
    let diagnostic = error(Fixtures.bytes("Resolution\nab") + [0, 1, 2])
    #expect(diagnostic?.rule == RuleID.inputBinary)
    #expect(diagnostic?.line == 2)
    #expect(diagnostic?.column == 3)
  }

  @Test func invalidUTF8NamesLineAndColumn() {
    // "café" in Windows-1252 on line 3.
    let diagnostic = error(Fixtures.bytes("one\ntwo\ncaf") + [0xE9] + Fixtures.bytes("\n"))
    #expect(diagnostic?.rule == RuleID.inputEncoding)
    #expect(diagnostic?.line == 3)
    #expect(diagnostic?.column == 4)
    #expect(diagnostic?.message.contains("iconv") == true)
  }

  @Test func utf16AndGzipAreRecognised() {
    #expect(error([0xFF, 0xFE, 0x41, 0x00])?.message.contains("UTF-16") == true)
    #expect(
      error(Array("Resolution".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))?.message.contains(
        "UTF-16") == true)
    #expect(error([0x1F, 0x8B, 0x08, 0x00])?.message.contains("gzip") == true)
  }

  @Test func plainProseIsNotAResolution() {
    let diagnostic = error(Fixtures.bytes("It was a dark and stormy night.\nThe rain fell in torrents.\n"))
    #expect(diagnostic?.rule == RuleID.inputForm)
    #expect(diagnostic?.line == 1)
  }

  @Test func truncatedSeedIsRefused() throws {
    let seed = try Fixtures.seed()
    // Cut in the middle of the preamble: the ODS trailer is gone.
    let cut = Array(seed.prefix(seed.count / 3))
    let diagnostic = error(cut)
    #expect(diagnostic?.rule == RuleID.textTruncated)
    // Cut after the operative paragraphs, before the meeting line: refused, not half converted.
    let text = String(decoding: seed, as: UTF8.self)
    let beforeMeeting = text[..<text.range(of: "48th plenary meeting")!.lowerBound]
    let late = error(Fixtures.bytes(String(beforeMeeting)))
    #expect(late?.rule == RuleID.textTruncated)
    #expect(late?.message.contains("truncated") == true)
  }

  @Test func aNumberGivenForADecisionNamesItsWork() throws {
    let decision = """
      At its 62nd plenary meeting, on 4 December 2017, the General Assembly, on the recommendation of the First Committee, decided to include in the provisional agenda of its seventy-third session the item entitled "Developments in the field of information".
      """
    var options = Fixtures.options
    let unnumbered = try Fixtures.converter.convert(Fixtures.bytes(decision), options: options)
    #expect(String(decoding: unnumbered.xml, as: UTF8.self).contains("/un-ga/2017-12-04/nn\""))
    // "nn" only with a warning; the session then comes from the date.
    #expect(unnumbered.warnings.map(\.rule) == [RuleID.decisionUnnumbered])
    #expect(unnumbered.resolution.metadata.session == 72)
    options.hints = DocumentHints(number: DocumentNumber("72/512"), source: .given)
    let numbered = try Fixtures.converter.convert(Fixtures.bytes(decision), options: options)
    #expect(String(decoding: numbered.xml, as: UTF8.self).contains("/un-ga/2017-12-04/72-512\""))
    #expect(numbered.warnings.isEmpty)
    #expect(numbered.notes.map(\.rule) == [RuleID.inputNumber])
    #expect(numbered.notes.first?.severity == .note)
    // A number that contradicts the text: the text's number is kept, with a warning at the title's
    // line; strict mode refuses it.
    options.hints = DocumentHints(number: DocumentNumber("67/28"), source: .fileName("A_RES_67_28.txt"))
    let seed = try Fixtures.seed()
    let contradicted = try Fixtures.converter.convert(seed, options: options)
    #expect(contradicted.resolution.metadata.number == "67/27")
    let warning = contradicted.warnings.first { $0.rule == RuleID.inputNumber }
    #expect(warning?.line == 4)
    #expect(warning?.message.contains("A_RES_67_28.txt") == true)
    options.strict = true
    #expect(error(seed, options: options)?.rule == RuleID.inputNumber)
  }

  @Test func theODSBodyWithoutItsTrailerConverts() throws {
    // The export's body alone (as the peers' benchmark corpus has it): no symbol, no masthead.
    let text = String(decoding: try Fixtures.seed(), as: UTF8.self)
    let body = String(text[..<text.range(of: "[DU1]<<ODS")!.lowerBound])
    let result = try Fixtures.converter.convert(Fixtures.bytes(body), options: Fixtures.options)
    #expect(result.resolution.metadata.symbol == nil)
    #expect(result.resolution.metadata.adoptionDate == SimpleDate(year: 2012, month: 12, day: 3))
    #expect(result.resolution.operativeParagraphCount == 5)
  }

  @Test func trailerWithoutResolutionIsRefusedAtTheLastLine() {
    let text = "Some notes\nabout nothing\n<<ODS JOB NO>>N1248022E<<ODS JOB NO>>\n"
    let diagnostic = error(Fixtures.bytes(text))
    #expect(diagnostic?.rule == RuleID.textStructure)
    #expect(diagnostic?.message.contains("The General Assembly,") == true)
    #expect(diagnostic?.line == 2)
  }

  @Test func impossibleAdoptionDateIsAnError() throws {
    let seed = String(decoding: try Fixtures.seed(), as: UTF8.self)
      .replacingOccurrences(of: "Assembly on 3 December 2012", with: "Assembly on 31 February 2012")
    let diagnostic = error(Fixtures.bytes(seed))
    #expect(diagnostic?.rule == RuleID.textDate)
    #expect(diagnostic?.line == 2)
  }

  @Test func crlfBomAndUnicodeSpacesAreNormalised() throws {
    let seed = String(decoding: try Fixtures.seed(), as: UTF8.self)
    let variant =
      "\u{FEFF}"
      + seed.replacingOccurrences(of: "\n", with: "\r\n")
      .replacingOccurrences(of: "Member States to promote", with: "Member\u{202F}States to\u{00A0}promote")
    let original = try Fixtures.converter.convert(try Fixtures.seed(), options: Fixtures.options)
    let converted = try Fixtures.converter.convert(Fixtures.bytes(variant), options: Fixtures.options)
    #expect(converted.xml == original.xml)
  }

  @Test func strictTurnsWarningsIntoErrors() throws {
    // Remove the marker of footnote 1: the note is attached with a warning.
    let seed = String(decoding: try Fixtures.seed(), as: UTF8.self)
      .replacingOccurrences(of: "that were made,1 ", with: "that were made, ")
    let lenient = try Fixtures.converter.convert(Fixtures.bytes(seed), options: Fixtures.options)
    #expect(lenient.warnings.map(\.rule) == [RuleID.footnoteUnmatched])
    var strict = Fixtures.options
    strict.strict = true
    #expect(throws: ConversionError.self) {
      try Fixtures.converter.convert(Fixtures.bytes(seed), options: strict)
    }
  }
}
