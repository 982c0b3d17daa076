import AKNModel
import Foundation

/// Reads a Security Council resolution as printed in the Council's annual volumes (or in its
/// later stand-alone layout): a heading whose style changed over the years, the resolution, an
/// adoption trailer with the meeting and the vote, and the volume's footnotes at the end.
///
/// Heading styles: `Resolution 242 (1967)` / `of 22 November 1967`;
/// `83 (1950). Resolution of 27 June 1950` / `[S/1511]`; `RESOLUTION 827 (1993)` /
/// `Adopted by the Security Council at its 3217th meeting, on 25 May 1993`; and the full masthead
/// (`United Nations S/RES/1445 (2002)`, `Security Council Distr.: General`, a date).
struct SCVolumeReader {
  let text: SourceText
  var resolution = Resolution()
  var report = ReadingReport()
  /// The volumes' printer split plain words at line ends as well as compounds.
  let hyphenation: Hyphenation

  /// The body whose resolutions the volumes print: its name, formula and symbol series.
  static let council = UNBody.securityCouncil

  init(text: SourceText, hyphenation: Hyphenation? = nil) {
    self.text = text
    self.hyphenation = hyphenation ?? Hyphenation(splittingWordsOf: text)
    resolution.metadata.organ = Self.council
  }

  /// Whether `text` looks like this form: a Council resolution heading near the top, or a
  /// heading further down after the end of the volume's previous item (``lateHeading(in:)``).
  static func matches(_ text: SourceText) -> Bool {
    opensWithHeading(text) || lateHeading(in: text.lines) != nil
  }

  /// Whether a Council resolution heading (or the stand-alone masthead) is among the first
  /// eight lines that are not blank.
  static func opensWithHeading(_ text: SourceText) -> Bool {
    // The lines are folded (``LineShapes/leadingLines(of:count:)``) only where a heading may
    // open (``mayOpenHeadingLine(_:)``) or go on from the line before: most are refused on
    // their first bytes.
    var read = 0
    // The line before, folded, when a heading it opens may be wrapped onto this one.
    var opening: String?
    for line in text.lines {
      guard read < 8 else { break }
      // A blank line (spaces and tabs only) folds to nothing: it is not counted.
      guard !line.text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
      read += 1
      let mayOpen = mayOpenHeadingLine(line.text)
      guard mayOpen || opening != nil else { continue }
      let folded = line.text.collapsingSpaces
      // A heading wrapped onto the next line: "Resolution 418" / "(1977)".
      if let opening, numberAndYear(opening + " " + folded) != nil { return true }
      if numberAndYear(folded) != nil || folded.hasPrefix("United Nations S/RES/") { return true }
      opening = mayOpen && mayOpenHeading(folded, joined: true) ? folded : nil
    }
    return false
  }

  /// False when the line `text`, folded, can neither be a heading, open one wrapped onto the
  /// next line (``mayOpenHeading(_:joined:)``) nor open "United Nations S/RES/", read on its
  /// first bytes after spaces and tabs: a digit, "U", or the letters of "resolution" up to the
  /// first that differs (a space, a tab or a byte beyond ASCII before it: true, as folding may
  /// change what follows).
  static func mayOpenHeadingLine(_ text: String) -> Bool {
    var bytes = text.utf8.drop { $0 == 0x20 || $0 == 0x09 }.makeIterator()
    guard let first = bytes.next() else { return false }
    if (first >= 0x30 && first <= 0x39) || first == 0x55 { return true }
    guard first | 0x20 == 0x72 else { return false }
    for wanted in "esolution ".utf8 {
      guard let got = bytes.next(), got < 0x80, got != 0x20, got != 0x09 else { return true }
      guard got | 0x20 == wanted else { return false }
    }
    return true
  }

  /// Where a resolution's heading stands below other text (a page of the volume cut out with the
  /// end of the item before it: a statement, the meeting's decisions): the index of a line that
  /// is a heading alone ("Resolution 851 (1993)", perhaps with its date) whose formula ("The
  /// Security Council,") follows within the next four lines that are not blank, after at least
  /// one line that is not blank (from `start`: where the heading's reading stopped at text that
  /// is not heading).
  static func lateHeading(in lines: [SourceText.Line], from start: Int = 0) -> Int? {
    var sawText = false
    for index in lines.indices.dropFirst(start) {
      // On the line's bytes first: most lines are neither blank nor a heading's.
      let shape = Self.lineShape(lines[index].text)
      guard shape != .blank else { continue }
      defer { sawText = true }
      guard sawText, shape == .headingStart else { continue }
      let text = lines[index].text.collapsingSpaces
      guard text.count < 60, let (_, _, rest) = numberAndYear(text),
        rest.isEmpty || rest.hasPrefix("of ") || rest.hasPrefix("Of ")
      else { continue }
      let following = lines[(index + 1)...].lazy.map { $0.text.collapsingSpaces }.filter { !$0.isEmpty }
        .prefix(4)
      if following.contains(where: { LineGrammar.formulaBody($0) == Self.council }) {
        return index
      }
    }
    return nil
  }

  /// What a line may be, told from its first bytes: blank, the start of a short heading (a
  /// number and a parenthesis, "Resolution ", "RESOLUTION "), or other text (a text without contiguous UTF-8 is looked at
  /// as a possible heading).
  enum LineShape { case blank, headingStart, other }

  static func lineShape(_ text: String) -> LineShape {
    text.utf8.withContiguousStorageIfAvailable { bytes -> LineShape in
      var index = 0
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
      guard index < bytes.count else { return .blank }
      // A heading is short: "Resolution 851 (1993)", perhaps with its date.
      guard bytes.count - index <= 240 else { return .other }
      let first = bytes[index]
      if first >= 0x30 && first <= 0x39 {
        // "83 (1950). Resolution of …": digits, spaces, then the year's parenthesis.
        var cursor = index
        while cursor < bytes.count, bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39 { cursor += 1 }
        while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
        return cursor < bytes.count && bytes[cursor] == UInt8(ascii: "(") ? .headingStart : .other
      }
      guard first == UInt8(ascii: "R"), bytes.count - index >= 11 else { return .other }
      let word = UnsafeBufferPointer(rebasing: bytes[index..<(index + 11)])
      return word.elementsEqual("Resolution ".utf8) || word.elementsEqual("RESOLUTION ".utf8)
        ? .headingStart : .other
    } ?? (text.allSatisfy { $0 == " " || $0 == "\t" } ? .blank : .headingStart)
  }

  /// "Resolution 242 (1967)", "RESOLUTION 827 (1993)", "83 (1950). Resolution of …",
  /// "1 (1946) Resolution of …" → (number, year, what follows).
  static func numberAndYear(_ text: String) -> (number: String, year: Int?, rest: Substring)? {
    guard mayOpenHeading(text, joined: false) else { return nil }
    // Refused on its bytes before any `Character` is read. ``mayOpenHeading(_:joined:)`` let
    // through only a line opening with a digit or with the eleven ASCII bytes of "resolution "
    // (in any case). After those bytes a digit must follow: then the line opens with
    // "resolution " by `Character` too (no line lowercased to tell); if a mark beyond ASCII
    // joined their space, the byte after them is the mark's, and the line is no heading either
    // way. Without them, the digits and spaces must be followed by "(": a mark that joins a
    // digit or a space ends that run by `Character`, and what follows is no "(" either.
    func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    let named = !isDigit(text.utf8.first)
    if named {
      guard isDigit(text.utf8.dropFirst(11).first) else { return nil }
    } else {
      let after = text.utf8.drop { $0 >= 0x30 && $0 <= 0x39 }.drop { $0 == 0x20 }
      guard after.first == 0x28 else { return nil }
    }
    var rest = text[...]
    if named { rest = rest.dropFirst("resolution ".count) }
    let digits = rest.prefix(while: \.isASCIIDigit)
    guard (1...5).contains(digits.count) else { return nil }
    rest = rest[digits.endIndex...].drop { $0 == " " }
    // "Resolution 290" alone: the year comes from the date.
    if named && (rest.isEmpty || rest.hasPrefix("of ") || leadingDate(String(rest)) != nil) {
      return (String(digits), nil, rest)
    }
    guard rest.first == "(", let close = rest.firstIndex(of: ")") else { return nil }
    // "(1967)"; OCR may put a stray mark inside: "(197-4)".
    let inside = rest[rest.index(after: rest.startIndex)..<close]
    let year = inside.filter(\.isASCIIDigit)
    guard year.count == 4, inside.count <= 6, let value = Int(year) else { return nil }
    rest = rest[rest.index(after: close)...]
    if rest.first == "." { rest = rest.dropFirst() }
    rest = rest.drop { $0 == " " }
    // Without the word "Resolution" first, the heading must go on with "Resolution of".
    if !named && !rest.hasPrefix("Resolution") { return nil }
    return (String(digits), value, rest)
  }

  /// A quick refusal on the bytes before `numberAndYear(_:)`: whether `text` opens with an ASCII
  /// digit or with "resolution " in any case (or, when more text is `joined` after it, with the
  /// start of that word).
  static func mayOpenHeading(_ text: String, joined: Bool) -> Bool {
    var bytes = text.utf8.makeIterator()
    guard let first = bytes.next() else { return joined }
    if first >= 0x30 && first <= 0x39 { return true }
    var expected = "resolution ".utf8.makeIterator()
    var byte: UInt8? = first
    while let wanted = expected.next() {
      guard let got = byte else { return joined }
      guard wanted == 0x20 ? got == 0x20 : got | 0x20 == wanted else { return false }
      byte = bytes.next()
    }
    return true
  }

  mutating func read() -> [LogicalParagraph] {
    var lines = text.lines
    for index in lines.indices {
      LineShapes.repairMonths(in: &lines[index].text, line: lines[index].number, into: &report)
    }
    var index = readHeading(lines, from: 0)
    if resolution.metadata.number == nil, resolution.metadata.symbol == nil,
      let heading = Self.lateHeading(in: lines, from: index)
    {
      // The heading stands below text that is not heading (the end of the volume's previous
      // item): not this resolution's words, left out and said.
      let before = lines[index..<heading].filter { !$0.text.trimmed.isEmpty }
      for line in before {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .previousItem))
      }
      if let first = before.first {
        report.warnings.append(
          Diagnostic(
            .warning, rule: .textPreviousItem,
            message:
              "\(before.count) lines before the resolution's heading \"\(lines[heading].text.collapsingSpaces)\" (line \(lines[heading].number)) were left out as the end of the volume's previous item; check that none of them belongs to this resolution",
            line: first.number))
      }
      index = readHeading(lines, from: heading)
    }

    // The adoption trailer: the last paragraph that opens "Adopted …"; the volume's footnotes
    // follow it.
    var notesFrom = lines.count
    if let trailer = lines[index...].lastIndex(where: { LineGrammar.isTrailer($0.text.trimmed) }) {
      var end = trailer
      while end < lines.count, !lines[end].text.trimmed.isEmpty { end += 1 }
      notesFrom = end
    } else {
      notesFrom =
        Self.slashNotesStart(lines, from: index) ?? Self.trailingNotesStart(lines, from: index) ?? lines.count
    }
    var assembler = ParagraphAssembler(hyphenation: hyphenation)
    for line in lines[index..<notesFrom] {
      let trimmed = line.text.trimmed
      if let job = LineGrammar.jobNumber(inLine: trimmed) {
        resolution.metadata.jobNumber = resolution.metadata.jobNumber ?? job
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .jobNumber))
        assembler.interrupt()
      } else if let symbol = resolution.metadata.symbol, trimmed == symbol,
        resolution.metadata.jobNumber != nil
          || report.furniture.contains(where: { $0.reason == LeftOutReason.masthead })
      {
        // The symbol as a running page header of the stand-alone layout.
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .pageHeader))
        assembler.interrupt()
      } else if LineGrammar.isPageNumber(trimmed) || LineGrammar.isBarcode(trimmed) {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .pageNumber))
        assembler.interrupt()
      } else {
        // A page break before a paragraph's opening (no blank line between): a new paragraph.
        if line.pageBreak, Self.opensParagraph(trimmed) || LineGrammar.label(of: trimmed) != nil {
          assembler.blank()
        }
        assembler.line(trimmed, number: line.number)
      }
    }
    for line in lines[notesFrom...] {
      let trimmed = line.text.trimmed
      guard !trimmed.isEmpty else { continue }
      readNoteLine(trimmed, line: line.number)
    }
    var paragraphs = assembler.finish()
    report.hyphenJoins = assembler.hyphenJoins + report.hyphenJoins
    removeStrayMarkers(in: &paragraphs, lines: lines)
    return paragraphs
  }

  /// The volume prints its notes for the whole volume: a paragraph may end in the marker of a
  /// note this file does not hold ("… addressed to the President of the Security Council, 123").
  /// That number, set off after the end of a clause, counting nothing (not after "paragraph",
  /// "resolution" …) and no note of the file, is taken out of the text, with a note saying so;
  /// the input line keeps it (a repair the lost-word check reads).
  mutating func removeStrayMarkers(in paragraphs: inout [LogicalParagraph], lines: [SourceText.Line]) {
    let markers = Set(resolution.footnotes.map(\.marker))
    for index in paragraphs.indices {
      let text = paragraphs[index].text
      guard text.utf8.count >= 12, let lastByte = text.utf8.last, (0x30...0x39).contains(lastByte) else {
        continue
      }
      let words = text.split(separator: " ")
      guard words.count >= 2, let marker = words.last, (1...3).contains(marker.count),
        marker.allSatisfy(\.isASCIIDigit), !markers.contains(String(marker)),
        let before = words.dropLast().last, let end = before.last, ",;".contains(end),
        before.dropLast().allSatisfy({ !$0.isNumber }),
        !Invariants.countingWords.contains(before.dropLast().lowercased())
      else { continue }
      // The input line that ends with it: the paragraph's last, or one near it.
      let printed = "\(before) \(marker)"
      let first = paragraphs[index].line
      let last = first + paragraphs[index].lines.count - 1
      guard
        let source = lines.last(where: {
          (first...(last + 8)).contains($0.number) && $0.text.trimmed.hasSuffix(printed)
        })
      else { continue }
      paragraphs[index].text = String(text.dropLast(marker.count)).trimmed
      if let lastLine = paragraphs[index].lines.last, lastLine.hasSuffix(printed) {
        paragraphs[index].lines[paragraphs[index].lines.count - 1] =
          String(lastLine.dropLast(marker.count)).trimmed
      }
      report.repairs.append(Repair(line: source.number, original: printed, replacement: String(before)))
      report.notes.append(
        Diagnostic(
          .note, rule: .footnoteInText,
          message:
            "took \"\(marker)\" out of \"\(printed)\": the marker of a note that is not in this file (the volume's notes)",
          line: source.number))
    }
  }

  /// Where typewriter-style notes ("1/ S/24476, annex.") end a text with no adoption trailer:
  /// the blank-separated groups at the end that each open with such a note.
  static func slashNotesStart(_ lines: [SourceText.Line], from start: Int) -> Int? {
    var cursor = lines.count
    var found: Int?
    while cursor > start {
      // Skip blank lines, then find the group's first line.
      while cursor > start, lines[cursor - 1].text.trimmed.isEmpty { cursor -= 1 }
      var first = cursor
      while first > start, !lines[first - 1].text.trimmed.isEmpty { first -= 1 }
      guard first < cursor else { break }
      let opening = lines[first].text.trimmed
      let digits = opening.prefix(while: \.isASCIIDigit)
      guard !digits.isEmpty, opening.dropFirst(digits.count).hasPrefix("/ ") else { break }
      found = first
      cursor = first
    }
    return found
  }

  /// Where the volume's numbered notes end a text with no adoption trailer and no rule line
  /// ("10 Ibid., Thirteenth Year, 838th meeting, p. 1." after the last operative paragraph): the
  /// last blank-separated block, when it opens with a note ("N Text", not an operative paragraph
  /// "N. Decides" nor a damaged "N, Decides"), every line of it that opens with a number opens
  /// the next note of one series, and every note's number is printed in the text above it as a
  /// marker (a word of its own: "S/Agenda/838, 10", "of 2 August, 11 5 August 12"). Without that
  /// evidence the block stays text (and `footnote.in-text` warns of it).
  static func trailingNotesStart(_ lines: [SourceText.Line], from start: Int) -> Int? {
    var end = lines.count
    while end > start, lines[end - 1].text.trimmed.isEmpty { end -= 1 }
    var first = end
    while first > start, !lines[first - 1].text.trimmed.isEmpty { first -= 1 }
    guard first > start, first < end else { return nil }
    let opening = lines[first].text.trimmed
    guard opening.first?.isASCIIDigit == true, !LineGrammar.opensNumberedParagraph(opening),
      !ParagraphRun.operativeAfterNumber(opening), let (firstMarker, _) = LineGrammar.noteStart(opening),
      var expected = Int(firstMarker)
    else { return nil }
    var markers: [String] = []
    for line in lines[first..<end] {
      let text = line.text.trimmed
      guard text.first?.isASCIIDigit == true else { continue }  // a note's second line
      guard let (marker, _) = LineGrammar.noteStart(text), Int(marker) == expected else { return nil }
      markers.append(marker)
      expected += 1
    }
    // Every marker printed above, as a word of its own.
    var words: Set<Substring> = []
    for line in lines[start..<first] {
      for word in line.text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
        words.insert(word.last == "," || word.last == ";" ? word.dropLast() : word)
      }
    }
    guard markers.allSatisfy({ words.contains(Substring($0)) }) else { return nil }
    return first
  }

  /// The heading's adoption line: "Adopted by the Security Council at its 3217th meeting, on 25
  /// May 1993", or the same with a word of the Council's name dropped in print ("Adopted by the
  /// Security at its 3167th meeting"): "Adopted by the", the meeting and a date.
  static func isAdoptionHeading(_ text: String) -> Bool {
    if LineGrammar.isAdoptedBy(Self.council, text) { return true }
    return text.hasPrefix("Adopted by the ") && text.contains(" at its ")
      && LineGrammar.meeting(in: text) != nil
      && Dates.find(in: text) != nil
  }

  /// Reads the heading lines into the preface and the metadata; returns the first body line.
  ///
  /// The heading is read a block at a time (lines up to a blank line or the formula), its lines
  /// joined, so that a heading wrapped at any word ("Adopted by the Security / Council at its …
  /// meeting, on 17 / April 1993") reads as one; each line stays a line of the preface.
  private mutating func readHeading(_ lines: [SourceText.Line], from start: Int) -> Int {
    var index = start
    var metadata = resolution.metadata
    var sawNumber = false
    var inMasthead = false
    var printedNumber: String?
    /// The block's lines into the preface; the line that prints `number` or the adoption date
    /// `date` gets that role, so that the renderer can mark them up.
    func preface(_ block: ArraySlice<SourceText.Line>, number: String? = nil, date: SimpleDate? = nil) {
      var numberPlaced = false
      var datePlaced = false
      for line in block {
        let text = line.text.collapsingSpaces
        var role = PrefaceLine.Role.other
        if let number, !numberPlaced, text.contains(number) {
          role = .number(number)
          numberPlaced = true
        } else if let date, !datePlaced, let match = Dates.find(in: text), match.date == date {
          role = .date(date, printed: match.text)
          datePlaced = true
        }
        resolution.preface.append(PrefaceLine(role: role, text: TextBlock(text, line: line.number)))
      }
    }
    while index < lines.count {
      if lines[index].text.trimmed.isEmpty {
        index += 1
        continue
      }
      // The block: up to a blank line, the formula, or a line that opens the text's paragraphs.
      var end = index + 1
      while end < lines.count, end - index < 4, !lines[end].text.trimmed.isEmpty,
        !LineGrammar.isFormula(lines[end].text), !Self.opensParagraph(lines[end].text)
      {
        end += 1
      }
      let block = lines[index..<end]
      let text = block.map { $0.text.collapsingSpaces }.joined(separator: " ")
      let first = block.first!
      if !sawNumber,
        text.hasPrefix("United Nations")
          || (inMasthead && (text.hasPrefix(Self.council.name) || Dates.find(in: text) != nil))
      {
        inMasthead = true
        for line in block {
          let lineText = line.text.collapsingSpaces
          _ = LineShapes.masthead(lineText, into: &metadata)
          if lineText.hasPrefix(Self.council.name), let date = Dates.find(in: lineText) {
            metadata.distributionDate = date.date
          } else if metadata.distributionDate == nil, let date = Self.leadingDate(lineText) {
            metadata.distributionDate = date.date
          }
          report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .masthead))
        }
      } else if !sawNumber, let (number, year, rest) = Self.numberAndYear(text) {
        sawNumber = true
        printedNumber = number
        if let year {
          metadata.number = Self.council.numbering.printed(number: number, year: year)
          metadata.symbol = metadata.number.flatMap(Self.council.resolutionSymbol(number:))
          if !text.contains("(\(year))") {
            report.warnings.append(
              Diagnostic(
                .warning, rule: .ocrNumber,
                message: "read the damaged year in \"\(first.text.collapsingSpaces)\" as \(year)",
                line: first.number))
          }
        }
        if let date = Dates.find(in: String(rest)) { metadata.adoptionDate = date.date }
        // "ef 15 June 1965" on the line after the number: the damaged "of" is still said.
        if let (printed, _) = Self.ofDate(String(rest).trimmed), let word = printed, word != "of" {
          report.warnings.append(
            Diagnostic(
              .warning, rule: .ocrWord, message: "read \"\(word)\" before the adoption date as \"of\"",
              line: block.first { $0.text.contains(word + " ") }?.number ?? first.number))
        }
        readAdoption(in: String(rest), line: first.number, into: &metadata)
        let restText = String(rest).trimmed
        if metadata.adoptionDate == nil, restText.hasPrefix("of "), restText.count < 30 {
          // "Resolution 638 (1989)" / "of 3f July 1989": a date line too damaged to read.
          report.warnings.append(
            Diagnostic(
              .warning, rule: .textDate, message: "the adoption date \"\(restText)\" cannot be read",
              line: block.first { $0.text.contains("of ") }?.number ?? first.number))
        }
        let printed = year.map { "\(number) (\($0))" }.flatMap { text.contains($0) ? $0 : nil } ?? number
        preface(block, number: printed, date: metadata.adoptionDate)
      } else if sawNumber, metadata.adoptionDate == nil, let (word, date) = Self.ofDate(text) {
        // "of 22 November 1967", "22 November 1967" (no "of"); OCR may damage the "of"
        // ("ef 15 June 1965"); a footnote marker may follow.
        metadata.adoptionDate = date
        if let word, word != "of" {
          report.warnings.append(
            Diagnostic(
              .warning, rule: .ocrWord, message: "read \"\(word)\" before the adoption date as \"of\"",
              line: first.number))
        }
        preface(block, date: date)
      } else if sawNumber, metadata.adoptionDate == nil, text.hasPrefix("of "), text.count < 30 {
        // "of 14 October £964": a date line too damaged to read.
        report.warnings.append(
          Diagnostic(
            .warning, rule: .textDate, message: "the adoption date \"\(text)\" cannot be read",
            line: first.number))
        preface(block)
      } else if Self.isAdoptionHeading(text) {
        readAdoption(in: text, line: first.number, into: &metadata)
        // One line of the preface, as printed before it was wrapped.
        var role = PrefaceLine.Role.other
        if let date = metadata.adoptionDate, let match = Dates.find(in: text), match.date == date {
          role = .date(date, printed: match.text)
        }
        resolution.preface.append(PrefaceLine(role: role, text: TextBlock(text, line: first.number)))
      } else if (text.hasPrefix("[") || text.hasPrefix("(")) && text.contains("S/") && text.count < 60 {
        preface(block)  // the draft's symbol: "[S/1511]"
      } else if !sawNumber, text.count < 80, text == text.uppercased(), text.contains(where: \.isLetter) {
        preface(block)  // a subject heading: "MILITARY STAFF COMMITTEE"
      } else {
        // Not heading: the body starts here. A heading line followed without a blank line by the
        // body (rare) is read line by line.
        if block.count > 1, sawNumber {
          let single = lines[index].text.collapsingSpaces
          if metadata.adoptionDate == nil, let (_, date) = Self.ofDate(single) {
            metadata.adoptionDate = date
            preface(block.prefix(1))
            index += 1
            continue
          }
        }
        break
      }
      index = end
    }
    // "Resolution 290" / "of 8 December 1970": the symbol carries the year of adoption.
    if metadata.symbol == nil, let printedNumber, let date = metadata.adoptionDate {
      metadata.number = Self.council.numbering.printed(number: printedNumber, year: date.year)
      metadata.symbol = metadata.number.flatMap(Self.council.resolutionSymbol(number:))
    }
    if metadata.number == nil, let symbol = metadata.symbol {
      metadata.number = Self.council.resolutionNumber(inSymbol: symbol)
    }
    resolution.metadata = metadata
    return index
  }

  /// "Adopted by the Security Council at its 3217th meeting, on 25 May 1993": the meeting and
  /// the date, wherever the lines were wrapped.
  private func readAdoption(in text: String, line: Int, into metadata: inout Metadata) {
    guard let range = text.range(of: "Adopted by the ") else { return }
    let rest = String(text[range.lowerBound...])
    if let meeting = LineGrammar.meeting(in: rest) { metadata.meetingNumber = meeting }
    if let date = Dates.find(in: rest) { metadata.adoptionDate = date.date }
  }

  /// Whether `text` opens the resolution's own text rather than its heading: a preambular or
  /// operative phrase, or a numbered paragraph.
  static func opensParagraph(_ text: String) -> Bool {
    let trimmed = text.trimmed
    if Phrases.preambular(trimmed) != nil || Phrases.operative(trimmed) != nil { return true }
    let digits = trimmed.prefix(while: \.isASCIIDigit)
    return !digits.isEmpty && digits.count <= 2 && trimmed.dropFirst(digits.count).hasPrefix(". ")
  }

  /// A date at the start of `text`, with what follows it.
  static func leadingDate(_ text: String) -> (date: SimpleDate, rest: Substring)? {
    guard let match = Dates.find(in: text), match.range.lowerBound == text.startIndex, let date = match.date
    else { return nil }
    return (date, text[match.range.upperBound...])
  }

  /// "of 22 November 1967" → ("of", the date): a short word of up to three letters (or none),
  /// then a date, then nothing but a footnote marker ("of 4 November 1977 *", "… 19771").
  static func ofDate(_ text: String) -> (String?, SimpleDate)? {
    let word = text.prefix { $0 != " " }
    var rest = Substring(text)
    var printedWord: String?
    if (1...3).contains(word.count), word.allSatisfy(\.isLetter) {
      printedWord = String(word)
      rest = text.dropFirst(word.count).drop { $0 == " " }
    }
    guard let (date, after) = leadingDate(String(rest)) else { return nil }
    let tail = after.trimmed
    guard tail.isEmpty || isMarker(tail) else { return nil }
    return (printedWord, date)
  }

  /// A footnote marker standing alone: `*`, `**`, `1`, `12`, `1/`.
  static func isMarker(_ text: String) -> Bool {
    if !text.isEmpty, text.allSatisfy({ $0 == "*" }), text.count <= 3 { return true }
    let digits = text.prefix(while: \.isASCIIDigit)
    return (1...2).contains(digits.count)
      && (digits.count == text.count || text.dropFirst(digits.count) == "/")
  }

  /// One line of the volume's footnotes: "22 Adopted without vote.", "1/ S/24476, annex.", or a
  /// continuation of the last note.
  private mutating func readNoteLine(_ text: String, line: Int) {
    let previousLine = report.noteLines.last ?? line
    report.noteLines.append(line)
    let last = resolution.footnotes.last.flatMap { Int($0.marker) }
    if let (marker, rest) = LineGrammar.noteStart(text), let value = Int(marker) {
      let inSequence = last.map { (($0 + 1)...($0 + 3)).contains(value) } ?? true
      let startsNote = rest.first.map { $0.isUppercase || !$0.isLetter } ?? false
      if inSequence && (startsNote || last.map { value == $0 + 1 } ?? true) {
        resolution.footnotes.append(Footnote(marker: marker, text: TextBlock(rest, line: line)))
        return
      }
    }
    if let lastIndex = resolution.footnotes.indices.last {
      let joined = hyphenation.join(
        resolution.footnotes[lastIndex].text.plainText, text, line: previousLine, nextLine: line,
        into: &report.hyphenJoins)
      resolution.footnotes[lastIndex].text = TextBlock(
        joined, line: resolution.footnotes[lastIndex].text.line)
    } else {
      report.warnings.append(
        Diagnostic(
          .warning, rule: .footnoteNoMarker,
          message: "text after the adoption trailer without a footnote number; kept as footnote \"*\"",
          line: line))
      resolution.footnotes.append(Footnote(marker: "*", text: TextBlock(text, line: line)))
    }
  }
}

/// A Security Council resolution as printed in the Council's volumes (`sc`).
struct SCVolumeForm: FormReader {
  let name = "sc"
  let summary =
    "a Security Council resolution as printed in the Council's volumes: era-specific heading, adoption trailer with the vote, the volume's footnotes at the end"

  func confidence(_ input: ReaderInput) -> Confidence {
    guard case .success(let text) = input.text else { return .none }
    return SCVolumeReader.matches(text) ? Confidence(80) : .none
  }

  func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    var reader = SCVolumeReader(text: try input.requireText())
    let paragraphs = reader.read()
    var reading = try FormPass(
      paragraphs: paragraphs, resolution: reader.resolution, report: reader.report, prefaceRead: true,
      footnotesAfterClosing: false
    ).readStructure(form: name)
    // The adoption trailer's vote ("by 12 votes to 2, with 1 abstention"), with the notes it
    // cites ("Adopted at the 2nd meeting.²²" / "²² Adopted without vote.").
    var trailer = reading.resolution.conclusions.map(\.text.plainText).joined(separator: " ")
    for line in reading.resolution.conclusions {
      for case .noteRef(let marker) in line.text.segments {
        if let note = reading.resolution.footnotes.first(where: { $0.marker == marker }) {
          trailer += " " + note.text.plainText
        }
      }
    }
    reading.resolution.metadata.vote = Vote.read(trailer)
    return reading
  }
}
