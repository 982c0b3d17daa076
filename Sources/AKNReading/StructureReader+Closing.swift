import AKNModel
import Foundation

extension StructureReader {
  // MARK: Conclusions and footnotes

  mutating func readConclusions() {
    while let paragraph = current {
      let text = paragraph.text.collapsingSpaces
      if let meeting = LineGrammar.meetingNumber(text) {
        resolution.metadata.meetingNumber = meeting
        resolution.conclusions.append(
          ConclusionLine(role: .meeting(number: meeting), text: TextBlock(text, line: paragraph.line)))
        index += 1
        if let next = current, let date = Dates.parse(next.text.collapsingSpaces) {
          resolution.conclusions.append(
            ConclusionLine(role: .date(date), text: TextBlock(next.text.collapsingSpaces, line: next.line)))
          index += 1
        }
      } else if LineGrammar.isTrailer(text)
        || (resolution.kind == .decision && LineGrammar.isRecordsReference(text))
      {
        // "Adopted at the 2963rd meeting by 12 votes to 2 …", "(See A/71/PV.1)".
        if resolution.metadata.meetingNumber == nil, LineGrammar.isTrailer(text),
          let meeting = LineGrammar.meeting(in: text)
        {
          resolution.metadata.meetingNumber = meeting
        }
        resolution.conclusions.append(
          ConclusionLine(role: .other, text: TextBlock(text, line: paragraph.line)))
        index += 1
      } else {
        return
      }
    }
  }

  mutating func readFootnotes() throws(ConversionError) {
    if !footnotesAfterClosing, let paragraph = current {
      // The form reader took the notes out: what is left after the closing lines is neither an
      // annex nor a note, and is never kept with the closing lines.
      throw ConversionError(
        "unexpected text after the closing lines (\"\(paragraph.text.collapsingSpaces.prefix(60))\"): expected an annex heading (\"Annex\", \"Annex I\") or the end of the resolution",
        rule: .textStructure, line: paragraph.line)
    }
    while let paragraph = current {
      let text = paragraph.text.trimmed
      let digits = text.prefix { $0.isASCII && $0.isNumber }
      let rest = text[digits.endIndex...]
      if !digits.isEmpty, digits.count <= 3, let separator = rest.first, separator == " " || separator == "\t"
      {
        resolution.footnotes.append(
          Footnote(marker: String(digits), text: TextBlock(rest.collapsingSpaces, line: paragraph.line)))
      } else if !resolution.footnotes.isEmpty {
        // A footnote continued on the next line.
        let last = resolution.footnotes.count - 1
        let joined = Hyphenation.compounds.join(
          resolution.footnotes[last].text.plainText, text.collapsingSpaces, line: paragraph.line,
          nextLine: paragraph.line, into: &report.hyphenJoins)
        resolution.footnotes[last].text = TextBlock(joined, line: resolution.footnotes[last].text.line)
      } else {
        throw ConversionError(
          "unexpected text after the closing lines: expected footnotes (\"1 See A/51/261, annex.\") or the end of the resolution",
          rule: .textStructure, line: paragraph.line)
      }
      index += 1
    }
  }
}
