import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// Renderers share one protocol and read only the model.
struct RendererTests {
  /// A renderer of the model written in a few lines, as an HTML or JSON renderer would be.
  struct OutlineRenderer: DocumentRenderer {
    func render(_ reading: Reading) throws(ConversionError) -> [String] {
      reading.resolution.body.map { item in
        switch item {
        case .paragraph(let block): return block.num ?? "-"
        case .section(let section): return "§" + (section.num ?? "")
        }
      }
    }
  }

  func seedReading() throws -> Reading {
    try FormRegistry.standard.read(ReaderInput(bytes: Fixtures.seed()))
  }

  @Test func theAKNRendererGivesTheConvertersBytes() throws {
    let reading = try seedReading()
    let rendered = try AKNRenderer(markupDate: Fixtures.markupDate).render(reading).serialized()
    let converted = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options).xml
    #expect(rendered == converted)
  }

  @Test func thePlainTextRendererPrintsWhatAknTextPrints() throws {
    let reading = try seedReading()
    let converted = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options).xml
    #expect(try PlainTextRenderer().render(reading) == DocumentText.extract(fromXML: converted).text)
  }

  @Test func aNewRendererIsOneTypeOverTheModel() throws {
    let outline = try OutlineRenderer().render(try seedReading())
    #expect(outline == ["1.", "2.", "3.", "4.", "5."])
  }
}
