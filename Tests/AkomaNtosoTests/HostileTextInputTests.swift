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
