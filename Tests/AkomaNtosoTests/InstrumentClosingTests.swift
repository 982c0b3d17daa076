import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// An adopted instrument's closing: the final formulas of a convention, treaty or agreement in an
/// annex ("IN WITNESS WHEREOF, the undersigned … have signed this Convention.", "DONE at Geneva,
/// this … day of …") and the signatures after them close the instrument: they are the
/// conclusions of the annex's document, after its body, with their notes at their markers, and
/// never a paragraph of its last article. The same on the text and Markdown routes.
@Suite struct InstrumentClosingTests {
  /// The resolution's text, its masthead as a text form prints it.
  static func body(marker: String) -> String {
    """
    The General Assembly,

    Recalling its resolution 78/1 of 10 October 2023,

    1.
    Adopts the Convention against Test Crime, annexed to the present resolution;

    2.
    Requests the Secretary-General to open the Convention for signature.

    50th plenary meeting
    20 December 2024

    Annex

    Convention against Test Crime

    Article 1

    Purpose

    The purpose of this Convention is to combat test crime.

    Article 2

    Depositary

    1.
    The Secretary-General of the United Nations is designated depositary of this Convention.

    2.
    The original of this Convention shall be deposited with the Secretary-General.

    IN WITNESS WHEREOF, the undersigned, being duly authorized thereto, have signed this Convention.\(marker)

    DONE at Geneva, this first day of March two thousand and twenty-five.

    For the Republic of Testland:

    """
  }

  static let text =
    """
    United Nations
    A/RES/79/951

    General Assembly
    Distr.: General
    30 December 2024

    Seventy-ninth session
    Agenda item 200

     Resolution adopted by the General Assembly
    on 20 December 2024

    [without reference to a Main Committee (A/79/L.98)]

     79/951. Convention against Test Crime

    """ + body(marker: "1")
      + """
      __________________

      1  Opened for signature at Geneva on 1 March 2025.

      """

  static let markdown =
    """
    ---
    symbol: A/RES/79/951
    title: "Convention against Test Crime"
    date: "2024-12-30"
    language: EN
    ---

    United Nations

    General Assembly Distr.: General 30 December 2024

    Seventy-ninth session Agenda item 200

    Resolution adopted by the General Assembly on 20 December 2024

    [without reference to a Main Committee (A/79/L.98)]

    79/951. Convention against Test Crime

    """ + body(marker: "[^1]")
      + """
      [^1]: Opened for signature at Geneva on 1 March 2025.

      """

  static func check(_ source: String) throws {
    let result = try Fixtures.converter.convert(Fixtures.bytes(source), options: Fixtures.options)
    #expect(result.warnings.map { "\($0)" } == [])
    let convention = try #require(result.resolution.attachments.first)
    #expect(
      convention.conclusions.map(\.plainText) == [
        "IN WITNESS WHEREOF, the undersigned, being duly authorized thereto, have signed this Convention.",
        "DONE at Geneva, this first day of March two thousand and twenty-five.",
        "For the Republic of Testland:",
      ])
    let xml = String(decoding: result.xml, as: UTF8.self)
      .replacingOccurrences(of: ">\n *<", with: "><", options: .regularExpression)
    // The last article keeps its two paragraphs only.
    #expect(xml.contains(#"eId="att_1__art_2__para_2""#))
    #expect(!xml.contains(#"eId="att_1__art_2__para_3""#))
    #expect(!xml.contains(#"eId="att_1__art_2__paragraph_1""#))
    // The closing is the conclusions of the annex's document, the note at its marker.
    #expect(
      xml.contains(
        #"</mainBody><conclusions><container eId="att_1__conclusions__container_1" name="conclusion"><p>IN WITNESS WHEREOF, the undersigned, being duly authorized thereto, have signed this Convention.<sup><authorialNote"#
      ))
    #expect(xml.contains("Opened for signature at Geneva on 1 March 2025."))
    #expect(
      xml.contains(
        #"<p>DONE at Geneva, this first day of March two thousand and twenty-five.</p><p>For the Republic of Testland:</p></container></conclusions></doc>"#
      ))
  }

  @Test("An instrument's closing in an annex is the annex's conclusions (text)")
  func text() throws { try Self.check(Self.text) }

  @Test("An instrument's closing in an annex is the annex's conclusions (Markdown)")
  func markdownRoute() throws { try Self.check(Self.markdown) }

  @Test("The final formulas by shape: IN WITNESS WHEREOF, DONE at a place; not a sentence that mentions them")
  func shapes() {
    #expect(LineGrammar.opensInstrumentClosing("IN WITNESS WHEREOF, the undersigned …"))
    #expect(LineGrammar.opensInstrumentClosing("In witness whereof the undersigned have signed"))
    #expect(LineGrammar.opensInstrumentClosing("DONE at New York, this twentieth day"))
    #expect(LineGrammar.opensInstrumentClosing("Done at Vienna on 23 May 1969"))
    #expect(!LineGrammar.opensInstrumentClosing("Done at the request of the Council"))
    #expect(!LineGrammar.opensInstrumentClosing("Decides that the Convention done at Geneva"))
    #expect(!LineGrammar.opensInstrumentClosing("IN WITNESS WHEREOFS"))
  }
}
