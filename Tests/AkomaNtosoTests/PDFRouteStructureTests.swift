import Foundation
import Testing

@testable import AKNModel
@testable import AkomaNtoso

/// The structure of each dev PDF's resolution against its text form's (#25: the PDF route at
/// least as good as the text route): the outline read from the model — the preamble's paragraphs,
/// each operative paragraph's number and its points' (nested), the divisions (kind, number,
/// heading), the annexes (number, title, the same outline inside), the tables (rows × columns,
/// header rows, notes), the footnotes' markers and each paragraph's italic runs. Every difference
/// is named here with why the PDF's reading is the right one, or why both are; an unnamed one
/// fails with the document, the place and both readings.
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent: PDF corpus tests skipped"))
struct PDFRouteStructureTests {
  /// One line of an outline: where (the path of the block in the document) and what.
  struct Line: Equatable {
    var place: String
    var what: String
    var description: String { "\(place): \(what)" }
  }

  /// The outline of a resolution, one line a paragraph (an unnumbered one with its first words),
  /// division, table or annex, in the order printed.
  static func outline(_ resolution: Resolution) -> [Line] {
    var lines: [Line] = []
    func squeeze(_ text: String) -> String {
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    /// A block's first four words: what tells an unnumbered paragraph from another.
    func opening(_ text: TextBlock) -> String {
      "«" + text.plainText.split(whereSeparator: \.isWhitespace).prefix(4).joined(separator: " ") + "»"
    }
    /// The numbers of a block's points, nested: `(a) (b) [(i) (ii)] (c)`.
    func points(_ children: [Block]) -> String {
      children.map { child in
        let own = child.num ?? (child.isHeading ? "heading" : "¶")
        return child.children.isEmpty ? own : "\(own) [\(points(child.children))]"
      }.joined(separator: " ")
    }
    /// Italic runs of a block's own text: the lead phrase and the words in italics.
    func italics(_ text: TextBlock) -> Int {
      text.segments.reduce(0) { count, segment in
        switch segment {
        case .leadPhrase, .italic: count + 1
        default: count
        }
      }
    }
    func addTable(_ table: Table, at place: String) {
      let columns = table.rows.map(\.count).max() ?? 0
      var what =
        table.rows.isEmpty
        ? "table of \(table.lines.count) lines kept as printed"
        : "table \(table.rows.count)×\(columns), \(table.headerRows ?? 1) header rows"
      if !table.notes.isEmpty { what += ", \(table.notes.count) notes under it" }
      if !table.footnotes.isEmpty {
        what += ", notes \(table.footnotes.map(\.marker).joined(separator: " "))"
      }
      lines.append(Line(place: place, what: what))
    }
    func addBlock(_ block: Block, at place: String) {
      if block.isHeading {
        lines.append(Line(place: place, what: "heading «\(squeeze(block.text.plainText))»"))
        return
      }
      var what = block.isIntro ? "intro" : block.num ?? "¶"
      if block.num == nil { what += " \(opening(block.text))" }
      if !block.children.isEmpty { what += " [\(points(block.children))]" }
      if let wrapUp = block.wrapUp { what += " + wrap-up \(opening(wrapUp))" }
      if !block.quoted.isEmpty { what += " + \(block.quoted.count) quoted" }
      let runs = italics(block.text)
      if runs > 0 { what += ", \(runs) italic" }
      lines.append(Line(place: place, what: what))
      if let table = block.table { addTable(table, at: place) }
      for child in block.children {
        if let table = child.table { addTable(table, at: "\(place) \(child.num ?? "¶")") }
      }
    }
    func addItems(_ items: [BodyItem], at place: String) {
      for item in items {
        switch item {
        case .paragraph(let paragraph):
          addBlock(paragraph, at: place)
        case .section(let section):
          let heading = section.heading.map { " «\(squeeze($0.plainText))»" } ?? ""
          let path = "\(place)/\(section.unit.rawValue) \(section.num ?? "-")"
          lines.append(Line(place: place, what: "\(section.unit.rawValue) \(section.num ?? "-")\(heading)"))
          for intro in section.intro { addBlock(intro, at: "\(path) intro") }
          addItems(section.items, at: path)
        }
      }
    }
    for (index, paragraph) in resolution.preamble.enumerated() {
      addBlock(paragraph, at: "preamble \(index + 1)")
    }
    addItems(resolution.body, at: "body")
    for (index, attachment) in resolution.attachments.enumerated() {
      let place = "annex \(index + 1)"
      let heading = attachment.heading.map { squeeze($0.plainText) }.joined(separator: " | ")
      lines.append(Line(place: place, what: "«\(heading)»"))
      for paragraph in attachment.preamble { addBlock(paragraph, at: "\(place) preamble") }
      addItems(attachment.items, at: place)
      if !attachment.conclusions.isEmpty {
        lines.append(Line(place: place, what: "\(attachment.conclusions.count) closing paragraphs"))
      }
    }
    lines.append(
      Line(place: "notes", what: "\(resolution.footnotes.map(\.marker).joined(separator: " "))"))
    return lines
  }

  /// Where a PDF's outline differs from its text form's, in the order printed: the text's lines
  /// and the PDF's (as the hunk prints them, `place: what`, joined by newlines, the line before
  /// as context), each with why the PDF's is right, or why both readings are defensible.
  static let named: [String: [(text: String, pdf: String, why: String)]] = [
    "A_RES_78_100": [
      (
        text:
          "preamble 4: ¶ «Reiterating the importance of», 1 italic\npreamble 5: ¶ «Recognizing the role played», 1 italic",
        pdf:
          "preamble 4: ¶ «Reiterating the importance of», 1 italic\npreamble 5: ¶ «Recognizing the role played», 2 italic",
        why:
          "the PDF prints the \"e\" of \"Article 73 e\" in italics (the Charter's sub-paragraph letter): an italic run of its own, which the text cannot show"
      )
    ],
    "A_RES_78_128": [
      (
        text: "annex 1: 6.\nannex 1: 7. [(a) (b)], 1 italic",
        pdf: "annex 1: 6.\nannex 1: 7. [(a) (b)]",
        why:
          "“Credentials” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 2/section I./section B.: 9. [¶ ¶ ¶ ¶ ¶]\nannex 2/section I./section B.: 10., 1 italic",
        pdf: "annex 2/section I./section B.: 9. [¶ ¶ ¶ ¶ ¶]\nannex 2/section I./section B.: 10.",
        why:
          "“Summaries” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 2/section VI.: 21.\nannex 2/section VI.: 22., 1 italic",
        pdf: "annex 2/section VI.: 21.\nannex 2/section VI.: 22.",
        why:
          "“Summaries” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 2: section IX. «Media coverage»\nannex 2/section IX.: 25., 1 italic",
        pdf: "annex 2: section IX. «Media coverage»\nannex 2/section IX.: 25.",
        why:
          "“Press” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
    ],
    "A_RES_78_132": [
      (
        text: "preamble 22: ¶ «Taking note of the», 1 italic\npreamble 23: ¶ «Taking note also of», 1 italic",
        pdf: "preamble 22: ¶ «Taking note of the», 1 italic\npreamble 23: ¶ «Taking note also of», 2 italic",
        why:
          "the PDF prints the report title The State of Broadband Report 2023 … in italics: an italic run of its own, which the text cannot show"
      ),
      (
        text:
          "preamble 26: ¶ «Noting also the holding», 1 italic\npreamble 27: ¶ «Taking note of the», 1 italic",
        pdf:
          "preamble 26: ¶ «Noting also the holding», 1 italic\npreamble 27: ¶ «Taking note of the», 2 italic",
        why:
          "the PDF prints the report title Digital Economy Report 2021 in italics: an italic run of its own, which the text cannot show"
      ),
      (
        text:
          "preamble 55: ¶ «Noting with grave concern», 1 italic\npreamble 56: ¶ «Taking note of the», 1 italic",
        pdf:
          "preamble 55: ¶ «Noting with grave concern», 1 italic\npreamble 56: ¶ «Taking note of the», 2 italic",
        why:
          "the PDF prints the title Recommendation on the Ethics of Artificial Intelligence in italics: an italic run of its own, which the text cannot show"
      ),
    ],
    "A_RES_78_140": [
      (
        text: "body: 30., 1 italic\nbody: 31., 1 italic",
        pdf: "body: 30., 1 italic\nbody: 31., 4 italic",
        why:
          "the PDF prints the reports' titles (Financing for Sustainable Development Report 2022, Trade and Development Report 2021, World Economic Situation and Prospects 2022) in italics: italic runs of their own, which the text cannot show"
      ),
      (
        text: "body: 41., 1 italic\nbody: 42., 1 italic",
        pdf: "body: 41., 1 italic\nbody: 42., 2 italic",
        why:
          "the PDF prints the title Sustainable Development Goals Pulse in italics: an italic run of its own, which the text cannot show"
      ),
    ],
    "A_RES_78_168": [
      (
        text:
          "preamble 6: ¶ «Reaffirming the Paris Agreement,», 1 italic\npreamble 7: ¶ «Highlighting the synergies between», 1 italic",
        pdf:
          "preamble 6: ¶ «Reaffirming the Paris Agreement,», 1 italic\npreamble 7: ¶ «Highlighting the synergies between», 6 italic",
        why:
          "the PDF prints the titles of the IPCC reports (Climate Change 2021: The Physical Science Basis …, Global Warming of 1.5°C …) in italics: italic runs of their own, which the text cannot show"
      ),
      (
        text:
          "preamble 35: ¶ «Welcoming also the convening», 1 italic\npreamble 36: ¶ «Noting with concern the», 1 italic",
        pdf:
          "preamble 35: ¶ «Welcoming also the convening», 1 italic\npreamble 36: ¶ «Noting with concern the», 2 italic",
        why:
          "the PDF prints the title State of the World’s Biodiversity for Food and Agriculture in italics: an italic run of its own, which the text cannot show"
      ),
      (
        text:
          "preamble 40: ¶ «Recognizing that infant and», 1 italic\npreamble 41: ¶ «Taking note of the», 1 italic\npreamble 42: ¶ «Taking note also of», 1 italic",
        pdf:
          "preamble 40: ¶ «Recognizing that infant and», 1 italic\npreamble 41: ¶ «Taking note of the», 4 italic\npreamble 42: ¶ «Taking note also of», 2 italic",
        why:
          "the PDF prints the reports' titles (The State of Food Security and Nutrition in the World 2023 …, A Multi-Billion-Dollar Opportunity …) in italics: italic runs of their own, which the text cannot show"
      ),
      (
        text:
          "preamble 50: ¶ «Expressing its concern about», 1 italic\npreamble 51: ¶ «Expressing concern that, according», 1 italic",
        pdf:
          "preamble 50: ¶ «Expressing its concern about», 1 italic\npreamble 51: ¶ «Expressing concern that, according», 2 italic",
        why:
          "the PDF prints the title 2023 Global Report on Food Crises … in italics: an italic run of its own, which the text cannot show"
      ),
    ],
    "A_RES_78_20": [
      (
        text: "body: 3., 1 italic\nbody: 4. [(a) (b) (c) (d) (e)], 1 italic",
        pdf: "body: 3., 1 italic\nbody: 4. [(a) (b) (c) (d) (e)] + wrap-up «and to consider how», 1 italic",
        why:
          "the PDF prints \"and to consider how …\" flush left after point (e): the paragraph's text going on after its points, which the text form glued to point (e)"
      )
    ],
    "A_RES_78_249": [
      (
        text: "annex 1: ¶ «»\nannex 1: table 14×3, 1 header rows, notes a b c",
        pdf: "annex 1: ¶ «»\nannex 1: table 15×3, 2 header rows, notes a b c",
        why:
          "the PDF prints \"(United States dollars)\" centred over both amount columns: a header row of its own with one cell spanning them; the text form glues it to the last column's heading"
      )
    ],
    "A_RES_78_252": [
      (
        text:
          "body/section Part XIII/section Section 35: 77., 1 italic\nannex 1: «Annex»\nannex 1: ¶ «Staffing table for 2024»",
        pdf:
          "body/section Part XIII/section Section 35: 77., 1 italic\nannex 1: «Annex | Staffing table for 2024»",
        why:
          "the PDF prints \"Staffing table for 2024\" in bold under \"Annex\": the annex's title, which the text form read as a paragraph"
      )
    ],
    "A_RES_78_253": [
      (
        text:
          "body/section VII: 6., 1 italic\nbody/section VII: table of 133 lines kept as printed, 1 notes under it",
        pdf: "body/section VII: 6., 1 italic\nbody/section VII: table 30×4, 2 header rows, 1 notes under it",
        why:
          "the PDF's table read from the positions of its runs (its header rows, a row a line of the budget); the text form gives its cells a line each in another order and keeps the table as printed"
      ),
      (
        text:
          "body/section XII: 15., 1 italic\nbody/section XII: table of 38 lines kept as printed, 1 notes under it",
        pdf: "body/section XII: 15., 1 italic\nbody/section XII: table 4×10, 1 header rows, 1 notes under it",
        why:
          "the PDF's table read from the positions of its runs (its header rows, a row a line of the budget); the text form gives its cells a line each in another order and keeps the table as printed"
      ),
      (
        text:
          "body: section XXVI «Contingency fund»\nbody/section XXVI intro: ¶ «Recalls its resolution 77/263»",
        pdf:
          "body: section XXVI «Contingency fund»\nbody/section XXVI intro: ¶ «Recalls its resolution 77/263», 1 italic",
        why:
          "the PDF prints \"Recalls\" in italics at the head of the section's opening paragraph: an italic run (an intro has no lead phrase) which the text cannot show"
      ),
    ],
    "A_RES_78_3": [
      (
        text: "annex 1: 6.\nannex 1: 7., 1 italic\nannex 1: 8., 1 italic",
        pdf: "annex 1: 6.\nannex 1: 7.\nannex 1: 8.",
        why:
          "the paragraph's opening “Express” (twice) are printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 21.\nannex 1: 22., 1 italic",
        pdf: "annex 1: 21.\nannex 1: 22.",
        why:
          "the paragraph's opening “Stress” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 23.\nannex 1: 24., 1 italic",
        pdf: "annex 1: 23.\nannex 1: 24.",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 33.\nannex 1: 34., 1 italic",
        pdf: "annex 1: 33.\nannex 1: 34.",
        why:
          "the paragraph's opening “Address” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
    ],
    "A_RES_78_317": [
      (
        text:
          "annex 1/section III.: section H. «Science, technology, innovation and digitalization»\nannex 1/section III./section H.: (a) [(i) (ii) (iii) (iv) (v) (vi) (vii) (viii)], 1 italic",
        pdf:
          "annex 1/section III.: section H. «Science, technology, innovation and digitalization»\nannex 1/section III./section H.: (a) [(i) (ii) (iii) (iv) (v) (vi) (vii) (viii)]",
        why:
          "the paragraph's opening “Harness” is printed roman, so no lead phrase: the text form took it from its word list"
      )
    ],
    "A_RES_78_327": [
      (
        text:
          "preamble 16: ¶ «Welcoming also the decision», 1 italic\npreamble 17: ¶ «Taking note of the», 1 italic",
        pdf:
          "preamble 16: ¶ «Welcoming also the decision», 1 italic\npreamble 17: ¶ «Taking note of the», 3 italic",
        why:
          "the PDF prints the reports' titles (United Nations World Water Development Report 2024, Blueprint for Acceleration …) in italics: italic runs of their own, which the text cannot show"
      ),
      (
        text: "annex 1: 6.\nannex 1: 7. [(a) (b)], 1 italic",
        pdf: "annex 1: 6.\nannex 1: 7. [(a) (b)]",
        why:
          "“Credentials” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 2/section I./section B.: 9. [¶ ¶ ¶]\nannex 2/section I./section B.: 10., 1 italic",
        pdf: "annex 2/section I./section B.: 9. [¶ ¶ ¶]\nannex 2/section I./section B.: 10.",
        why:
          "“Summaries” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 2/section VI.: 20.\nannex 2/section VI.: 21., 1 italic",
        pdf: "annex 2/section VI.: 20.\nannex 2/section VI.: 21.",
        why:
          "“Summaries” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 2: section IX. «Media coverage»\nannex 2/section IX.: 24., 1 italic",
        pdf: "annex 2: section IX. «Media coverage»\nannex 2/section IX.: 24.",
        why:
          "“Press” is printed roman (the noun an annex's paragraph opens with: an agenda item, a subject), so no lead phrase: the text form took it from its word list"
      ),
    ],
    "A_RES_78_4": [
      (
        text: "annex 1: 17.\nannex 1: 18. [(a) (b) (c)], 1 italic",
        pdf: "annex 1: 17.\nannex 1: 18. [(a) (b) (c)]",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 20.\nannex 1: 21., 1 italic\nannex 1: 22., 1 italic",
        pdf: "annex 1: 20.\nannex 1: 21.\nannex 1: 22.",
        why:
          "the paragraph's opening “Express” (twice) are printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 24.\nannex 1: 25., 1 italic",
        pdf: "annex 1: 24.\nannex 1: 25.",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 28.\nannex 1: 29., 1 italic",
        pdf: "annex 1: 28.\nannex 1: 29.",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 37.\nannex 1: 38., 1 italic",
        pdf: "annex 1: 37.\nannex 1: 38.",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 64.\nannex 1: 65., 1 italic\nannex 1: 66., 1 italic",
        pdf: "annex 1: 64.\nannex 1: 65.\nannex 1: 66.",
        why:
          "the paragraph's opening “Address” (twice) are printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 81.\nannex 1: 82., 1 italic",
        pdf: "annex 1: 81.\nannex 1: 82.",
        why:
          "the paragraph's opening “Address” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 107.",
        pdf: "annex 1: 107.\nannex 1: ¶ «As a follow-up to»",
        why:
          "the PDF prints \"As a follow-up to the present political declaration, we:\" flush left after paragraph 107, a paragraph of its own that opens 108 and 109; the text form glued it to 107"
      ),
    ],
    "A_RES_78_5": [
      (
        text: "annex 1: 18.\nannex 1: 19. [(a) (b) (c)], 1 italic",
        pdf: "annex 1: 18.\nannex 1: 19. [(a) (b) (c)]",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 25.\nannex 1: 26., 1 italic",
        pdf: "annex 1: 25.\nannex 1: 26.",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 27.\nannex 1: 28., 1 italic",
        pdf: "annex 1: 27.\nannex 1: 28.",
        why:
          "the paragraph's opening “Stress” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 1: 33.\nannex 1: 34., 1 italic",
        pdf: "annex 1: 33.\nannex 1: 34.",
        why:
          "the paragraph's opening “Express” is printed roman (a verb of the declaration's \"we\"), so no lead phrase: the text form took it from its word list"
      ),
    ],
    "A_RES_79_1": [
      (
        text: "annex 1: 4.\nannex 1: 5., 1 italic",
        pdf: "annex 1: 4.\nannex 1: 5.",
        why:
          "the paragraph's opening “This” is printed roman, so no lead phrase: the text form took it from its word list"
      ),
      (
        text: "annex 2: section - «Information integrity»\nannex 2: 33., 1 italic",
        pdf: "annex 2: section - «Information integrity»\nannex 2: 33.",
        why:
          "the paragraph's opening “Access” is printed roman, so no lead phrase: the text form took it from its word list"
      ),
      (
        text:
          "annex 3 preamble: ¶ «We, the Heads of»\nannex 3 preamble: ¶ «Reaffirming our commitments to», 1 italic\nannex 3 preamble: ¶ «Reaffirming also our commitments», 1 italic\nannex 3 preamble: ¶ «Cognizant that future generations», 1 italic\nannex 3 preamble: ¶ «Observing that many existing», 1 italic\nannex 3 preamble: ¶ «Recognizing that the decisions,», 1 italic\nannex 3 preamble: ¶ «Acknowledging that we must», 1 italic\nannex 3 preamble: ¶ «Recognizing children and youth», 1 italic\nannex 3 preamble: ¶ «Acknowledging that investing in», 1 italic\nannex 3 preamble: ¶ «Recognizing the complex and», 1 italic\nannex 3 preamble: ¶ «Further committing to build», 1 italic",
        pdf:
          "annex 3 preamble: ¶ «We, the Heads of»\nannex 3 preamble: ¶ «Reaffirming our commitments to»\nannex 3 preamble: ¶ «Reaffirming also our commitments»\nannex 3 preamble: ¶ «Cognizant that future generations»\nannex 3 preamble: ¶ «Observing that many existing»\nannex 3 preamble: ¶ «Recognizing that the decisions,»\nannex 3 preamble: ¶ «Acknowledging that we must»\nannex 3 preamble: ¶ «Recognizing children and youth»\nannex 3 preamble: ¶ «Acknowledging that investing in»\nannex 3 preamble: ¶ «Recognizing the complex and»\nannex 3 preamble: ¶ «Further committing to build»",
        why:
          "the Declaration's preamble is printed roman: \"Reaffirming\", \"Cognizant\", \"Observing\" … are the text form's word list, not lead phrases"
      ),
      (
        text:
          "annex 3 preamble: ¶ «Declare the following:»\nannex 3 preamble: ¶ «Guiding principles», 1 italic\nannex 3 preamble: ¶ «In order to seize»",
        pdf:
          "annex 3 preamble: ¶ «Declare the following:»\nannex 3: section - «Guiding principles»\nannex 3: ¶ «In order to seize»",
        why:
          "\"Guiding principles\" is printed bold, a heading after the preamble's last words (\"Declare the following:\"), with the paragraph under it: the text form read both as preambular paragraphs, the heading with the lead phrase \"Guiding\""
      ),
      (
        text: "annex 3: 18.\nannex 3: 19., 1 italic",
        pdf: "annex 3: 18.\nannex 3: 19.",
        why:
          "the paragraph's opening “Harness” is printed roman, so no lead phrase: the text form took it from its word list"
      ),
    ],
  ]

  /// The PDF `name` and its text form, converted; nil (an issue recorded) when one does not
  /// convert.
  static func bothRoutes(_ name: String) -> (pdf: ConversionResult, text: ConversionResult)? {
    guard
      let pdf = try? PDFCorpusTests.convert(
        PDFCorpusTests.corpus.appendingPathComponent("dev-pdf/\(name).pdf")),
      let text = try? PDFCorpusTests.convert(PDFCorpusTests.textURL(name))
    else {
      Issue.record("\(name): the PDF or its text did not convert")
      return nil
    }
    return (pdf, text)
  }

  @Test("each PDF's outline equals its text form's but for the differences named")
  func pdfOutlineMatchesTextForm() throws {
    var report: [String] = []
    for name in try PDFCorpusTests.pdfs() {
      guard let (pdf, text) = Self.bothRoutes(name) else { continue }
      let pdfLines = Self.outline(pdf.resolution).map(\.description)
      // Whole lines only (the outline between newlines, each named text too), each named
      // difference found after the one before it, as they are listed in the order printed.
      var textOutline = "\n" + Self.outline(text.resolution).map(\.description).joined(separator: "\n") + "\n"
      var from = textOutline.startIndex
      for named in Self.named[name] ?? [] {
        guard let range = textOutline.range(of: "\n" + named.text + "\n", range: from..<textOutline.endIndex)
        else {
          Issue.record("\(name): the named difference \"\(named.text)\" is gone: remove it")
          continue
        }
        let offset = textOutline.distance(from: textOutline.startIndex, to: range.lowerBound)
        textOutline.replaceSubrange(range, with: "\n" + named.pdf + "\n")
        // From the replacement's last newline: the next difference's context may be its last line.
        from = textOutline.index(textOutline.startIndex, offsetBy: offset + named.pdf.count + 1)
      }
      let textLines = textOutline.dropFirst().dropLast().split(
        separator: "\n", omittingEmptySubsequences: false
      )
      .map(String.init)
      if textLines != pdfLines {
        // The line before as context, so that a line only one side has is placed.
        let hunks = PDFCorpusTests.hunks(textLines, pdfLines, before: 1, after: 0, separator: "\n")
        Issue.record(
          "\(name): \(hunks.count) unnamed differences of outline with its text:\n\(hunks.joined(separator: "\n"))"
        )
        report.append(contentsOf: hunks.map { "\"\(name)\": \($0)" })
      }
    }
    if !report.isEmpty { print(report.joined(separator: "\n")) }
  }

  /// The lead phrases of a document in the order printed: each text block that opens with one,
  /// by its first eight words (the same in both routes), with its lead phrase.
  static func leadPhrases(_ resolution: Resolution) -> [(opening: String, lead: String)] {
    var found: [(opening: String, lead: String)] = []
    resolution.forEachTextBlock { text in
      guard case .leadPhrase(let lead) = text.segments.first else { return }
      let opening = text.plainText.split(whereSeparator: \.isWhitespace).prefix(8).joined(separator: " ")
      found.append((opening, lead))
    }
    return found
  }

  /// Where the PDF's lead phrase is not the text's nor the text's continued (the whole italic
  /// opener as printed, "Reiterates" → "Reiterates its request"), each with why the PDF's is right.
  static let namedLeadPhrases: [String: [(text: String, pdf: String, why: String)]] = [
    "A_RES_78_253": [
      (
        text: "Expresses its gratitude", pdf: "Expresses",
        why:
          "section XV, paragraph 3: the PDF prints \"Expresses\" alone in italics, \"its gratitude\" roman (the text form took the word list's phrase)"
      )
    ]
  ]

  @Test("each PDF's lead phrases are its text form's or longer (the whole italic opener), but for the named")
  func pdfLeadPhrasesExtendTextForms() throws {
    for name in try PDFCorpusTests.pdfs() {
      guard let (pdf, text) = Self.bothRoutes(name) else { continue }
      // Paired by their opening words, in order; a lead phrase only one side has is the
      // outline's (its italic runs), not this test's.
      let textLeads = Self.leadPhrases(text.resolution)
      let pdfLeads = Self.leadPhrases(pdf.resolution)
      let (removed, inserted) = PDFCorpusTests.changedOffsets(
        textLeads.map(\.opening), pdfLeads.map(\.opening))
      let pairs = zip(
        textLeads.indices.filter { !removed.contains($0) }, pdfLeads.indices.filter { !inserted.contains($0) }
      )
      var named = Self.namedLeadPhrases[name] ?? []
      for (t, p) in pairs {
        let (textLead, pdfLead) = (textLeads[t].lead, pdfLeads[p].lead)
        if textLead == pdfLead || pdfLead.hasPrefix(textLead + " ") { continue }
        if let index = named.firstIndex(where: { $0.text == textLead && $0.pdf == pdfLead }) {
          named.remove(at: index)
          continue
        }
        Issue.record(
          "\(name): \"\(textLeads[t].opening) …\": the text's lead phrase \"\(textLead)\", the PDF's \"\(pdfLead)\""
        )
      }
      for gone in named {
        Issue.record("\(name): the named lead phrase \"\(gone.text)\" → \"\(gone.pdf)\" is gone: remove it")
      }
    }
  }
}
