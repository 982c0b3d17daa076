import Foundation
import Testing

@testable import AKNModel
@testable import AKNPDF
@testable import AkomaNtoso

/// The italics of the 42 dev PDFs' AKN against the PDFs' own italic runs, by the definition of
/// `../shared/tools/pdf-italics.py`: poppler's `pdftohtml -xml -i` pieces in reading order, a run
/// being consecutive italic pieces (across line breaks; a roman space between italic words of one
/// line does not end it, a roman piece or a new line after one does); precision is the share of
/// the AKN body's `<i>` whose text is a whole run (or a whole part of one split by a link or a
/// note marker), recall the share of the runs (masthead and closing lines aside) that are an `<i>`.
/// Two refinements, as `Scripts/corpus-quality.py`'s `pdf-italic-not-printed` reads them: the
/// body and the notes below each page's rule are two flows and the page furniture is in neither
/// (a run goes on over a page break: 78/168's "State of the World's Biodiversity for Food and
/// Agriculture"), and a range's dash printed with a space ("5 –13") is the range akn writes.
@Suite(
  .enabled(
    if: Fixtures.shared != nil && PDFDamageTests.pdftohtml != nil,
    "../shared/corpus or pdftohtml is absent: PDF italics tests skipped"))
struct PDFItalicsTests {
  /// The lines that are masthead or closing, never counted.
  static let skip = try! NSRegularExpression(
    pattern:
      #"^(the general assembly|the security council|the economic and social council|\d+(st|nd|rd|th) plenary meeting.*|\d{1,2} \w+ \d{4}|without reference to a main committee.*|on the report of the .*|adopted by .*|distr\.?.*|agenda item.*)$"#,
    options: [.caseInsensitive])

  static func matches(_ pattern: String, in text: String, options: NSRegularExpression.Options = [])
    -> [[String]]
  {
    let regex = try! NSRegularExpression(pattern: pattern, options: options)
    let string = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: string.length)).map { match in
      (1..<match.numberOfRanges).map { index in
        let range = match.range(at: index)
        return range.location == NSNotFound ? "" : string.substring(with: range)
      }
    }
  }

  static func replacing(_ pattern: String, in text: String, with template: String) -> String {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.stringByReplacingMatches(
      in: text, range: NSRange(location: 0, length: (text as NSString).length), withTemplate: template)
  }

  static func unescaped(_ text: String) -> String {
    var result = text
    for (entity, character) in [
      ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#39;", "'"), ("&#160;", "\u{A0}"),
    ] {
      result = result.replacingOccurrences(of: entity, with: character)
    }
    return result.replacingOccurrences(of: "&amp;", with: "&")
  }

  /// The tool's normal form: entities read, soft hyphens dropped, a word split at a line end
  /// joined, spaces collapsed, punctuation at either end left out.
  static func norm(_ text: String) -> String {
    var result = unescaped(text).replacingOccurrences(of: "\u{AD}", with: "")
    result = replacing(#"(\w)- (\w)"#, in: result, with: "$1$2")
    // A range printed with a space at its dash ("5 –13 September") is the range akn writes.
    result = replacing(#"(\d) ?([\u2013\u2014]) ?(\d)"#, in: result, with: "$1$2$3")
    result = replacing(#"\s+"#, in: result, with: " ")
    let ends = Set(" ,;:.\u{2019}'\"()")
    return String(result.drop { ends.contains($0) }.reversed().drop { ends.contains($0) }.reversed())
  }

  static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

  /// A line of the page's foot: its page number, job number, barcode text or symbol.
  static let footer = #"^(\d+/\d+|\d{2}-\d{5}.*|\*\d+\*|[A-Z]+/(RES|DEC)/\S+)$"#

  /// The PDF's italic runs, by pdftohtml.
  static func pdfRuns(_ pdf: URL) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: PDFDamageTests.pdftohtml!)
    process.arguments = ["-xml", "-i", "-q", "-stdout", pdf.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    // Two flows, as akn reads them: the body, and the notes below each page's rule; the page
    // furniture (the running head; the foot's page number, job number and symbol) in neither, so
    // that a run goes on over a page break.
    var flows: [[(page: Int, top: Int, italic: Bool, text: String)]] = [[], []]
    for page in matches(
      #"<page number="(\d+)"([^>]*)>(.*?)</page>"#, in: output, options: .dotMatchesLineSeparators)
    {
      let number = Int(page[0])!
      let height = matches(#"height="([\d.]+)""#, in: page[1]).first.flatMap { Double($0[0]) } ?? 0
      let texts = matches(
        #"<text top="(\d+)" left="(\d+)" width="\d+" height="(\d+)"[^>]*>(.*?)</text>"#, in: page[2],
        options: .dotMatchesLineSeparators)
      let rules = texts.compactMap { text -> Int? in
        let plain = replacing(#"<[^>]+>"#, in: text[3], with: "").trimmingCharacters(in: .whitespaces)
        return plain.count >= 3 && plain.allSatisfy({ $0 == "_" }) ? Int(text[0])! : nil
      }
      for text in texts {
        let top = Int(text[0])!
        let tall = Int(text[2])!
        let bare = replacing(#"</?a[^>]*>"#, in: text[3], with: "").trimmingCharacters(
          in: .whitespacesAndNewlines)
        let plain = replacing(#"<[^>]+>"#, in: bare, with: "")
        let trimmed = plain.trimmingCharacters(in: .whitespaces)
        if height > 0,
          (number > 1 && Double(top + tall) <= 0.1 * height)
            || (Double(top) >= 0.88 * height && (trimmed.isEmpty || !matches(footer, in: trimmed).isEmpty))
        {
          continue
        }
        let flow = (rules.min().map { top > $0 } ?? false) ? 1 : 0
        if isBlank(plain) && !bare.hasPrefix("<i>") {
          // A roman space ends a run where it starts another line, not between words of one line.
          if let last = flows[flow].last, last.italic, !(last.page == number && abs(last.top - top) <= 3) {
            flows[flow].append((number, top, false, ""))
          }
          continue
        }
        if isBlank(plain) || (trimmed.count >= 3 && trimmed.allSatisfy { $0 == "_" }) { continue }
        let italic = (bare.hasPrefix("<i>") && bare.hasSuffix("</i>")) || bare.hasPrefix("<b><i>")
        flows[flow].append((number, top, italic, plain))
      }
    }
    var runs: [String] = []
    for items in flows {
      var current: [String] = []
      for item in items {
        if item.italic {
          current.append(item.text)
        } else if !current.isEmpty {
          runs.append(norm(current.joined(separator: " ")))
          current = []
        }
      }
      if !current.isEmpty { runs.append(norm(current.joined(separator: " "))) }
    }
    return runs.filter { run in
      !run.isEmpty
        && skip.firstMatch(in: run, range: NSRange(location: 0, length: (run as NSString).length)) == nil
        && run.contains { $0.isASCII && $0.isLetter }
    }
  }

  /// The text of the AKN's `<i>` in the preamble, the main body and the attachments.
  static func aknItalics(_ xml: String) -> [String] {
    var result: [String] = []
    for part in ["preamble", "mainBody", "attachments"] {
      for section in matches("<\(part)[ >](.*?)</\(part)>", in: xml, options: .dotMatchesLineSeparators) {
        for italic in matches(#"<i(?: [^>]*)?>(.*?)</i>"#, in: section[0], options: .dotMatchesLineSeparators)
        {
          let text = norm(replacing(#"<[^>]+>"#, in: italic[0], with: ""))
          if !text.isEmpty { result.append(text) }
        }
      }
    }
    return result
  }

  struct Score {
    var italics = 0
    var exact = 0
    var runs = 0
    var found = 0
    var notItalic: [String] = []
    var partOfRun: [String] = []
    var missed: [String] = []
  }

  static func compare(runs: [String], italics: [String]) -> Score {
    var score = Score(italics: italics.count, runs: runs.count)
    let parts = Set(
      runs.flatMap { run in
        replacing(#" ?\d+ ?$"#, in: run, with: "(").split(whereSeparator: { "()".contains($0) }).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
      })
    let whole = Set(runs)
    let joined = runs.joined(separator: " | ")
    for italic in italics {
      if whole.contains(italic) || parts.contains(italic) {
        score.exact += 1
      } else if joined.contains(italic) {
        score.partOfRun.append(italic)
      } else {
        score.notItalic.append(italic)
      }
    }
    var pool = italics
    for run in runs {
      if let index = pool.firstIndex(where: {
        $0 == run || ($0.count > 3 && run.hasPrefix($0) && run.count - $0.count < 3)
      }) {
        score.found += 1
        pool.remove(at: index)
      } else {
        score.missed.append(run)
      }
    }
    return score
  }

  @Test(
    "the <i> of the 42 dev PDFs are the PDFs' italic runs, and the runs are <i>: both shares at least 0.98")
  func italicsAsPrinted() throws {
    let folder = Fixtures.shared!.appendingPathComponent("corpus/dev-pdf")
    var total = Score()
    var misses: [String] = []
    for name in try PDFCorpusTests.pdfs() {
      let pdf = folder.appendingPathComponent("\(name).pdf")
      let xml = String(decoding: try PDFCorpusTests.convert(pdf).xml, as: UTF8.self)
      let score = Self.compare(runs: try Self.pdfRuns(pdf), italics: Self.aknItalics(xml))
      total.italics += score.italics
      total.exact += score.exact
      total.runs += score.runs
      total.found += score.found
      if !score.notItalic.isEmpty || !score.partOfRun.isEmpty || !score.missed.isEmpty {
        misses.append(
          "\(name): not italic in the PDF \(score.notItalic); part of a run \(score.partOfRun); runs not <i> \(score.missed)"
        )
      }
    }
    let precision = Double(total.exact) / Double(max(total.italics, 1))
    let recall = Double(total.found) / Double(max(total.runs, 1))
    let summary =
      "precision \(total.exact)/\(total.italics), recall \(total.found)/\(total.runs)\n"
      + misses.joined(separator: "\n")
    print(
      "PDF italics over the dev PDFs: precision \(total.exact)/\(total.italics), recall \(total.found)/\(total.runs)"
    )
    #expect(total.runs > 1300, "\(summary)")
    #expect(precision >= 0.98, "\(summary)")
    #expect(recall >= 0.98, "\(summary)")
  }

  @Test("a block of the print: its italic run at the start is its lead phrase, an italic title inside is <i>")
  func styledBlock() {
    func glyphs(_ text: String, italic: Bool) -> [PDFLines.Glyph] {
      text.unicodeScalars.filter { !PDFLines.isBlank($0) }.map { PDFLines.Glyph(scalar: $0, italic: italic) }
    }
    let print =
      glyphs("1.", italic: false) + glyphs("Reiterates its request", italic: true)
      + glyphs("for the", italic: false) + glyphs("Official Records", italic: true)
      + glyphs("to be sent;", italic: false)
    let block = TextBlock(
      segments: [.leadPhrase("Reiterates"), .text(" its request for the Official Records to be sent;")],
      line: 4)
    var cursor = 0
    let styled = PDFItalics.styled(block, print: print, cursor: &cursor)
    #expect(
      styled.segments == [
        .leadPhrase("Reiterates its request"), .text(" for the "), .italic("Official Records"),
        .text(" to be sent;"),
      ])
    #expect(styled.italicsFromPrint)
    #expect(styled.plainText == block.plainText)
    // Printed roman: no lead phrase, whatever a word list says.
    let roman = glyphs("Expressdeepconcern", italic: false)
    cursor = 0
    let plain = PDFItalics.styled(
      TextBlock(segments: [.leadPhrase("Express"), .text(" deep concern")], line: 1), print: roman,
      cursor: &cursor)
    #expect(plain.segments == [.text("Express deep concern")])
  }
}
