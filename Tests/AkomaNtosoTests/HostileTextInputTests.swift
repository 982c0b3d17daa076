import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AKNValidation
@testable import AKNXML
@testable import AkomaNtoso

/// One test per row of the README's table of hostile inputs (the conversion side): each gets a
/// clear error or a correct document, never a crash or a hang.
@Suite struct HostileTextInputTests {
  func outcome(_ bytes: [UInt8]) -> Result<ConversionResult, ConversionError> {
    Result { () throws(ConversionError) in try Fixtures.converter.convert(bytes, options: Fixtures.options) }
  }

  func rule(_ bytes: [UInt8]) -> RuleID? {
    if case .failure(let error) = outcome(bytes) { return error.diagnostics.first?.rule }
    return nil
  }

  var seed: String { String(decoding: (try? Fixtures.seed()) ?? [], as: UTF8.self) }

  /// `text` with its Latin letters shifted by three (a font or a file whose letters were mapped
  /// wrong: `the` → `wkh`).
  static func shifted(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      String(
        String.UnicodeScalarView(
          line.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x41...0x5A: return Unicode.Scalar((scalar.value - 0x41 + 3) % 26 + 0x41)!
            case 0x61...0x7A: return Unicode.Scalar((scalar.value - 0x61 + 3) % 26 + 0x61)!
            default: return scalar
            }
          }))
    }.joined(separator: "\n")
  }

  @Test func aTextWhoseLettersAreShiftedIsRefusedWhereTheyAre() throws {
    // The whole text: refused from its first block on.
    guard case .failure(let whole) = outcome(Fixtures.bytes(Self.shifted(seed))) else {
      Issue.record("a shifted text was converted")
      return
    }
    #expect(whole.diagnostics.first?.rule == .inputGarbled)
    #expect(whole.diagnostics.first?.line == 1)
    #expect(whole.diagnostics.first?.message.contains("not English words") == true)
    // English for a first block of 120 lines, then shifted: refused from the second block on,
    // naming the line it starts at.
    let lines = seed.split(separator: "\n", omittingEmptySubsequences: false).count
    let padded = seed + String(repeating: "\n", count: 130 - lines) + Self.shifted(seed)
    guard case .failure(let part) = outcome(Fixtures.bytes(padded)) else {
      Issue.record("a text with a shifted block was converted")
      return
    }
    #expect(part.diagnostics.map(\.rule) == [.inputGarbled])
    #expect(part.diagnostics.first?.line == 121)
    // Symbol soup where words should be (unmapped glyphs), in a block of its own.
    let soup = String(repeating: "\u{2592}\u{25A0}\u{2593} \u{25CF}\u{2666}\u{2660} word \n", count: 60)
    let souped = seed + String(repeating: "\n", count: 130 - lines) + soup
    #expect(rule(Fixtures.bytes(souped)) == .inputGarbled)
  }

  @Test func notesMadeOfSymbolsAndAbbreviationsAreEnglishEnough() {
    // A block of a text form holding only notes (`A/78/7/Add.20`, `Ibid.`) has letters far from
    // English's; with its function words it is still English text.
    var notes = ""
    for number in 1...130 {
      notes += number % 3 == 0 ? "\(number) Ibid.\n" : "\(number) A/78/\(number)/Add.\(number % 7 + 1).\n"
    }
    #expect(
      EnglishText.garbledBlocks(
        SourceText(
          lines: notes.split(separator: "\n").enumerated().map {
            SourceText.Line(number: $0.offset + 1, text: String($0.element))
          })
      ).isEmpty)
  }

  @Test func windows1252Text() {
    // “Recalling” in Windows-1252 quotes.
    let bytes = Fixtures.bytes("The General Assembly,\n") + [0x93] + Fixtures.bytes("Recalling") + [0x94]
    #expect(rule(bytes) == RuleID.inputEncoding)
  }

  @Test func utf16WithoutByteOrderMark() {
    let bytes = Array(seed.utf16.prefix(2000).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    guard case .failure(let error) = outcome(bytes) else {
      Issue.record("UTF-16 was accepted")
      return
    }
    #expect(error.diagnostics[0].message.contains("UTF-16"))
  }

  @Test func inputOverTheSizeLimit() {
    var options = Fixtures.options
    options.maximumInputBytes = 1000
    let result = Result { () throws(ConversionError) in
      try Fixtures.converter.convert(Array(repeating: 0x41, count: 1001), options: options)
    }
    guard case .failure(let error) = result else {
      Issue.record("an oversized input was accepted")
      return
    }
    #expect(error.diagnostics[0].rule == RuleID.inputSize)
  }

  @Test func aLineOf50MB() {
    var bytes = Fixtures.bytes("Resolution adopted by the General Assembly on 3 December 2012\n")
    bytes += Array(repeating: 0x61, count: 50 * 1024 * 1024)
    let result = outcome(bytes)
    guard case .failure(let error) = result else {
      Issue.record("a 50 MB line was accepted")
      return
    }
    #expect(error.diagnostics[0].rule == RuleID.inputLineLength)
    #expect(error.diagnostics[0].line == 2)
  }

  @Test func hundredThousandParagraphs() throws {
    // The seed with 100,000 operative paragraphs inserted after paragraph 5.
    var extra = ""
    for number in 6...100_005 { extra += "\t\(number).\tRequests the Secretary-General to report;\n" }
    let text = seed.replacingOccurrences(
      of: "\n\n48th plenary meeting", with: "\n" + extra + "\n48th plenary meeting")
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    #expect(result.resolution.body.count == 100_005)
  }

  @Test func tenThousandNestedLevelsOfIndentation() throws {
    var points = ""
    for depth in 1...10_000 {
      points += String(repeating: "\t", count: depth) + "(a)\tNested text at depth \(depth);\n"
    }
    let text = seed.replacingOccurrences(
      of: "\t(a)\tGeneral appreciation", with: points + "\t(a)\tGeneral appreciation")
    // Indentation carries no structure: the 10,000 points are siblings in paragraph 3's list.
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    #expect(result.resolution.body.count == 5)
    guard case .paragraph(let third) = result.resolution.body[2] else {
      Issue.record("paragraph 3 is not a paragraph")
      return
    }
    #expect(third.children.count == 10_004)
  }

  @Test func aResolutionNumberOf400Digits() throws {
    let digits = String(repeating: "9", count: 400)
    let text = seed.replacingOccurrences(of: "67/27.\tDevelopments", with: "\(digits)/27.\tDevelopments")
    // Not a resolution number: the title line is not recognised, so the number is missing.
    #expect(rule(Fixtures.bytes(text)) == RuleID.textMetadata)
    let paragraph = seed.replacingOccurrences(of: "\t5.\tDecides", with: "\t\(digits).\tDecides")
    // As a paragraph number it is not a number either: the text is kept, with a warning.
    let result = try Fixtures.converter.convert(Fixtures.bytes(paragraph), options: Fixtures.options)
    #expect(result.warnings.contains { $0.rule == RuleID.structureUnnumbered })
  }

  @Test func xmlBombsAndDoctypesAreRefusedByTheXMLReader() {
    let laughs = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
      <akomaNtoso>&lol3;</akomaNtoso>
      """
    let external = """
      <?xml version="1.0"?>
      <!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <akomaNtoso>&x;</akomaNtoso>
      """
    for document in [laughs, external] {
      #expect(throws: ConversionError.self) { try DocumentText.extract(fromXML: Fixtures.bytes(document)) }
      do {
        _ = try DocumentText.extract(fromXML: Fixtures.bytes(document))
      } catch {
        #expect(error.diagnostics.contains { $0.rule == RuleID.xmlDoctype || $0.rule == RuleID.xml })
        #expect(!error.description.contains("root:"))
      }
    }
  }

  /// A file of another type (exit 2 in the CLI), whatever its name says.
  @Test func gzipDisguisedAsText() {
    #expect(rule([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00]) == RuleID.inputType)
  }
}
