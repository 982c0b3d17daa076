import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// The outline of a document: the headings of its divisions read by their shape, and each
/// division placed by the numbering series its label belongs to. Each rule on a short synthetic
/// text; the corpus documents that have the shape in `OutlineCorpusTests`.
@Suite struct OutlineTests {
  static func convert(_ text: String) throws -> (resolution: Resolution, xml: String) {
    let result = try Fixtures.converter.convert(Fixtures.bytes(text), options: Fixtures.options)
    return (result.resolution, String(decoding: result.xml, as: UTF8.self))
  }

  /// A resolution with `body` between its formula and its closing lines.
  static func resolution(_ body: String) -> String {
    """
    United Nations
    A/RES/78/900

    General Assembly
    Distr.: General
    7 December 2023

    Seventy-eighth session
    Agenda item 12

    Resolution adopted by the General Assembly on 5 December 2023

    78/900. Test outline

    The General Assembly,

    Recalling its resolution 77/1,

    \(body)

    50th plenary meeting
    5 December 2023
    """
  }

  static func sections(_ items: [BodyItem]) -> [Section] {
    items.flatMap { item -> [Section] in
      guard case .section(let section) = item else { return [] }
      return [section] + sections(section.items)
    }
  }

  @Test("A title after a section's label is its heading, even opening with a word in -ing or over lines")
  func titlesAfterLabels() throws {
    let (resolution, xml) = try Self.convert(
      Self.resolution(
        """
        I

        Achieving sustainable fisheries

        1. Reaffirms the importance of fisheries;

        II

        Capacity-building

        2. Recognizes the importance of assisting developing States;

        III

        Revised estimates relating to the proposed programme budget for 2024 under
        section 29A, Department of Management Strategy, Policy and Compliance, and
        section 29B, Department of Operational Support

        Recalling its resolution 76/271,

        3. Approves the revised estimates;
        """))
    let sections = Self.sections(resolution.body)
    #expect(sections.map(\.num) == ["I", "II", "III"])
    #expect(
      sections.map { $0.heading?.plainText } == [
        "Achieving sustainable fisheries", "Capacity-building",
        "Revised estimates relating to the proposed programme budget for 2024 under section 29A, Department of Management Strategy, Policy and Compliance, and section 29B, Department of Operational Support",
      ])
    // The recital after the third title stays the section's preamble.
    #expect(sections[2].intro.map(\.text.plainText) == ["Recalling its resolution 76/271,"])
    #expect(xml.contains("<heading>Achieving sustainable fisheries</heading>"))
    #expect(!xml.contains("<i>Achieving</i>"))
  }

  @Test("A recital, a sentence or a paragraph with a note after a label is not its title")
  func notTitles() {
    #expect(!StructureReader.isTitle("Recalling its resolution 76/271,"))
    #expect(!StructureReader.isTitle("Decides to remain seized of the matter."))
    #expect(
      !StructureReader.isTitle(
        "On 12 March 2025, the Council elected Slovenia, which comes earlier. (Footnote: See decision 2025/209 B)"
      ))
    #expect(!StructureReader.isTitle("At its 4th plenary meeting, the General Assembly decided to hear it.2"))
    #expect(StructureReader.isTitle("Meeting of States Parties"))
    #expect(StructureReader.isTitle("Fishing overcapacity"))
  }
}
