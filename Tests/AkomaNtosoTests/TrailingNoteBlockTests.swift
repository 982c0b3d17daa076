import Foundation
import Testing

@testable import AKNModel
@testable import AkomaNtoso

/// A Security Council volume's text with no adoption trailer and no rule line before its notes:
/// the last block is the volume's notes when it opens with a note ("10 Ibid., …"), its notes
/// number one series, and each number is printed above as a marker. Without that evidence (a
/// number printed nowhere above, a damaged operative paragraph "3 Decides …") it stays text.
@Suite struct TrailingNoteBlockTests {
  static func volume(_ notes: String) -> String {
    """
    Resolution 999 (1965)
    of 10 August 1965

    The Security Council,

    Noting the report of the Secretary-General of 29 July
    1965, 10 stating that recent developments have
    increased tension,

    Noting the further reports of the Secretary-General
    of 2 August 11 and 5 August 1965, 12

    1. Reaffirms its resolution 186 (1964) of 4 March
    1964;

    2. Calls upon all parties to avoid any action
    which is likely to worsen the situation.


    \(notes)
    """
  }

  @Test("A trailing block of numbered notes whose markers stand above is the notes, at their markers")
  func notesAtTheirMarkers() throws {
    let result = try Fixtures.converter.convert(
      Fixtures.bytes(
        Self.volume(
          """
          10 Ibid., document S/6569.
          11 Ibid., document S/6586, a report
          of several pages.
          12 Ibid., document S/6569/Add.1.
          """)), options: Fixtures.options)
    #expect(result.warnings.map { "\($0)" } == [])
    #expect(result.resolution.footnotes.map(\.marker) == ["10", "11", "12"])
    #expect(
      result.resolution.footnotes.map(\.text.plainText) == [
        "Ibid., document S/6569.", "Ibid., document S/6586, a report of several pages.",
        "Ibid., document S/6569/Add.1.",
      ])
    let xml = String(decoding: result.xml, as: UTF8.self)
    #expect(
      xml.contains(
        #"marker="11" placement="bottom"><p>Ibid., document <a href="https://undocs.org/S/6586">S/6586</a>, a report of several pages.</p>"#
      ))
    #expect(!xml.contains("<p>10 Ibid."))
  }

  @Test(
    "Without the evidence the block stays text: a number printed nowhere above, a damaged operative paragraph"
  )
  func noEvidenceStaysText() throws {
    for notes in ["13 Ibid., Twentieth Year, 1236th meeting.", "3 Decides to remain seized of the matter."] {
      let result = try Fixtures.converter.convert(
        Fixtures.bytes(Self.volume(notes)), options: Fixtures.options)
      #expect(result.resolution.footnotes.isEmpty, "\(notes)")
      let xml = String(decoding: result.xml, as: UTF8.self)
      #expect(xml.contains("<p>\(notes)</p>"), "\(notes)")
    }
  }
}
