import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Control characters in the input follow one rule: those that are white space (VT, FF, NEL)
/// separate words and become a space; every other C0 control, DEL and every C1 control separates
/// nothing and is dropped, so a word it stands in stays one word ("LAJ\u{7F}ÁK" is "LAJÁK"),
/// with one note counting them.
@Suite struct ControlCharacterTests {
  @Test(
    "every control character inside a word: white space becomes a space, the others are dropped and counted")
  func everyControlInsideAWord() throws {
    let controls = Array(0x01...0x1F) + Array(0x7F...0x9F)
    for value in controls where value != 0x09 && value != 0x0A && value != 0x0D {
      let control = Character(Unicode.Scalar(UInt32(value))!)
      let text = try SourceText.decode(Array("Mr. Miroslav LAJ\(control)ÁK of Slovakia\n".utf8))
      let separates = value == 0x0B || value == 0x0C || value == 0x85
      let name = String(value, radix: 16)
      #expect(text.lines.count == 1, "\(name)")
      #expect(
        text.lines.first?.text
          == (separates ? "Mr. Miroslav LAJ ÁK of Slovakia" : "Mr. Miroslav LAJÁK of Slovakia"),
        "\(name)")
      #expect(text.droppedControls.map(\.count) == (separates ? [] : [1]), "\(name)")
      #expect(text.droppedControls.map(\.line) == (separates ? [] : [1]), "\(name)")
    }
  }

  @Test("a tab and a page break between two words are kept as separators; a NUL is refused")
  func separatorsAndNUL() throws {
    let text = try SourceText.decode(Array("one\ttwo\u{0C}three\n\u{0C}Page\n".utf8))
    #expect(text.lines.map(\.text) == ["one\ttwo three", " Page"])
    #expect(text.lines.map(\.pageBreak) == [false, true])
    #expect(text.droppedControls.isEmpty)
    #expect(throws: ConversionError.self) { try SourceText.decode(Array("a\u{0}b\n".utf8)) }
  }

  @Test("a converted document keeps a word a control character stood in, with one note counting them")
  func convertedDocumentKeepsTheWord() throws {
    var seed = String(decoding: try Fixtures.seed(), as: UTF8.self)
    // The first of each: line 8's "Recalling its resolutions", line 10's "Noting that".
    for (word, damaged) in [
      ("Recalling its resolutions", "Rec\u{7F}alling its resolu\u{90}tions"),
      ("Noting that", "No\u{1B}ting that"),
    ] {
      let range = try #require(seed.range(of: word))
      seed.replaceSubrange(range, with: damaged)
    }
    let result = try Fixtures.converter.convert(Fixtures.bytes(seed), options: Fixtures.options)
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(xml.contains("<i>Recalling</i> its resolutions"))
    #expect(xml.contains("<i>Noting</i> that"))
    #expect(!xml.contains("Rec alling") && !xml.contains("resolu tions"))
    let notes = result.notes.filter { $0.rule == .inputControlCharacter }
    #expect(notes.count == 1)
    #expect(notes.first?.line == 8)
    #expect(notes.first?.message.hasPrefix("dropped 3 control characters") == true)
    #expect(notes.first?.message.contains("on 2 lines") == true)
  }
}
