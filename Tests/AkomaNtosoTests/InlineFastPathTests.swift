import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The cheaper readings of the inline pass, the citations and the footnote linker (issue 24)
/// give what the code they replace gave: each is compared with a copy of that code on made-up
/// edge cases and on every line of the shared corpus.
@Suite struct InlineFastPathTests {
  static let madeUp = [
    "", "1", "67/27", "resolution 53/70 of 4 December 1998", "53/70 of 4 december 1998",
    "53/70 of 4 DECEMBER 1998",
    "53/70 of 31 February 1998", "53/70 of 4 Decembre 1998", "53/70 of 4 décembre 1998",
    "53/70 of 4 Dec 1998",
    "53/70 of 04 May 2020", "53/70 of 4  May  2020", "53/70 of 4 May 20201", "53/70 of 4 May 202",
    "53/70 of 4 May2020", "53/70 of 4May 2020", "53/70 of 123 May 2020", "53/70 of ٤ May 2020",
    "53/70 of 4 May ٢٠٢٠", "53/70 of 4 Ma\u{301}y 2020", "53/70 of 4 \u{212A}ay 2020", "53/70 of",
    "53/70 of 4",
    "68/247 B of 20 December 2013", "68/247 B", "68/247 Bx", "68/247 B.", "68/247 b", "6/2019",
    "6/2019 of 1 May 2019",
    "1980/67 of 25 July 1980", "1980/67", "2019/1 of 1 May 2019", "12345/6", "1/23456", "1/2٣", "1٣/2",
    "242 (1967) of 22 November 1967", "242 (1967)", "242 (196)", "242 (19677)", "242 (1967", "1514 (XV)",
    "1514 (XV) of 14 December 1960", "217 A (III)", "217 A (III) of 10 December 1948", "217 A(III)",
    "217  (III)",
    "1514 (XVx)", "1514 (XV)a", "1514 (IVXLIVXL)", "1514 (IVXLIVX)", "1514 ()", "1514 (", "1514 ", "1514",
    "20/1 of 1 May 1966", "31/1 of 1 May 1977", "67/27 of 3 December 2012", "67/27 of 3 December 2013",
    "67/27 of 3 December 2014", "S-35/1", "line\r\nend 67/27 of 3 December 2012",
    "67/27\r\n of 3 December 2012",
    "x\u{301} 67/27 of 3 Decem\u{301}ber 2012", "١٢/٣", "12/3 of 1 ۵ 2000",
  ]

  /// The made-up lines and every line of the shared corpus's texts.
  static func lines() -> [String] { FastPathTests.corpusLines(after: madeUp) }

  /// The bodies a number is read for: none, the generic words, and rows of every numbering, UN
  /// organs or not (all rows on the made-up lines).
  static func bodies(all: Bool) -> [CitedBody] {
    let actors: Set<String> = ["un-ga", "un-sc", "un-ecosoc", "un-hrc", "un-chr", "unep-unea", "who-wha"]
    return [.unnamed, .council, .other]
      + UNBody.all.filter { all || actors.contains($0.actor) }.map { CitedBody.named($0) }
  }

  /// What a number read says, to compare.
  struct NumberFacts: Equatable {
    var organ: String?
    var iriNumber: String
    var symbol: String?
    var hasIRI: Bool
    var end: Int
    var unlinked: String?
    var session: Int?
    var parts: Citation.Number?
    var cited: String?
  }

  struct DatedFacts: Equatable {
    var href: String?
    var end: Int
    var unlinked: String?
    var number: NumberFacts
    var date: SimpleDate?
  }

  static func facts(_ number: Citations.Number) -> NumberFacts {
    NumberFacts(
      organ: number.organ?.actor, iriNumber: number.iriNumber, symbol: number.symbol, hasIRI: number.hasIRI,
      end: number.end, unlinked: number.unlinked, session: number.session, parts: number.parts,
      cited: number.cited?.actor)
  }

  // MARK: The reading of numbers before issue 24's shape (a copy)

  static func referenceResolutionNumber<Unit: ScanUnit>(
    at index: Int, in characters: [Unit], decision: Bool = false, body: CitedBody = .unnamed
  ) -> NumberFacts? {
    guard characters[index].isASCIIDigit, let first = Citations.digits(at: index, in: characters, max: 4)
    else {
      return nil
    }
    var cursor = first.end
    if cursor < characters.count, characters[cursor].ascii == 0x2F,
      let second = Citations.digits(at: cursor + 1, in: characters, max: 4)
    {
      let yearStyle = first.value.utf8.count == 4
      if second.value.utf8.count == 4 && !yearStyle {
        return NumberFacts(
          organ: nil, iriNumber: "", symbol: nil, hasIRI: true, end: second.end, cited: body.named?.actor)
      }
      cursor = second.end
      var symbolNumber = "\(first.value)/\(second.value)"
      var part: String?
      if !yearStyle, cursor + 1 < characters.count, characters[cursor].ascii == 0x20,
        characters[cursor + 1].isASCIIUppercase,
        cursor + 2 == characters.count || !characters[cursor + 2].isLetter
      {
        let letter = Unit.string(characters[(cursor + 1)...(cursor + 1)])
        symbolNumber += " \(letter)"
        part = letter
        cursor += 2
      }
      var organ = body.organ(for: yearStyle ? .yearSlashNumber : .sessionSlashNumber)
      if yearStyle && organ == nil && body == .unnamed { return nil }
      var unlinked: String?
      var session: Int?
      var cited = organ ?? body.named
      if organ == .generalAssembly {
        session = Int(first.value)
        if let reason = session.flatMap({ Citations.assemblyCannotHave(session: $0, date: nil) }) {
          organ = nil
          unlinked = reason
          cited = nil
        }
      } else if body == .other {
        unlinked = Citations.otherBodyReason
      }
      let series = decision ? organ?.decisionSeries : organ?.resolutionSeries
      let linked = organ?.isUNOrgan == true
      let parts = Int(second.value).map {
        Citation.Number(
          printed: symbolNumber, number: $0, session: yearStyle ? nil : Int(first.value),
          year: yearStyle ? Int(first.value) : nil, part: part)
      }
      return NumberFacts(
        organ: linked ? organ?.actor : nil, iriNumber: FRBRIRI.number(printed: symbolNumber),
        symbol: linked ? series.map { $0 + symbolNumber } : nil, hasIRI: true, end: cursor,
        unlinked: unlinked, session: session, parts: parts, cited: cited?.actor)
    }
    guard !decision, cursor + 1 < characters.count, characters[cursor].ascii == 0x20 else { return nil }
    var bracket = cursor + 1
    if bracket + 2 < characters.count, characters[bracket].isASCIIUppercase,
      characters[bracket + 1].ascii == 0x20,
      characters[bracket + 2].ascii == 0x28
    {
      bracket += 2
    }
    guard characters[bracket].ascii == 0x28 else { return nil }
    if bracket == cursor + 1, let year = Citations.digits(at: bracket + 1, in: characters, max: 4),
      year.value.utf8.count == 4, year.end < characters.count, characters[year.end].ascii == 0x29
    {
      guard let organ = body.organ(for: .numberAndYear) else { return nil }
      return NumberFacts(
        organ: organ.actor, iriNumber: first.value,
        symbol: organ.resolutionSeries.map { "\($0)\(first.value)(\(year.value))" }, hasIRI: true,
        end: year.end + 1,
        parts: Int(first.value).map {
          Citation.Number(
            printed: Unit.string(characters[index...year.end]), number: $0, year: Int(year.value))
        }, cited: organ.actor)
    }
    var close = bracket + 1
    while close < characters.count, close - bracket <= 7,
      let ascii = characters[close].ascii, "IVXL".utf8.contains(ascii)
    {
      close += 1
    }
    guard close > bracket + 1, close < characters.count, characters[close].ascii == 0x29,
      close + 1 == characters.count || !characters[close + 1].isLetter,
      let organ = body.organ(for: .sessionSlashNumber), organ == .generalAssembly
    else { return nil }
    let session = Unit.string(characters[(bracket + 1)..<close])
    return NumberFacts(
      organ: organ.actor, iriNumber: first.value,
      symbol: organ.resolutionSymbol(number: "\(first.value)(\(session))"), hasIRI: false,
      end: close + 1,
      parts: Int(first.value).map {
        Citation.Number(
          printed: Unit.string(characters[index...close]), number: $0,
          session: Citations.romanValue(characters[(bracket + 1)..<close]),
          part: bracket == cursor + 1 ? nil : Unit.string(characters[(cursor + 1)...(cursor + 1)]))
      }, cited: organ.actor)
  }

  static func referenceDatedResolution<Unit: ScanUnit>(
    at index: Int, in characters: [Unit], body: CitedBody = .unnamed
  ) -> DatedFacts? {
    guard var number = referenceResolutionNumber(at: index, in: characters, body: body) else { return nil }
    let of = number.end
    guard of + 4 < characters.count, characters[of].ascii == 0x20,
      characters[of + 1].ascii == UInt8(ascii: "o"),
      characters[of + 2].ascii == UInt8(ascii: "f"), characters[of + 3].ascii == 0x20,
      characters[of + 4].isASCIIDigit
    else {
      return nil
    }
    var position = of + 4
    func numberRun() -> Int? {
      let start = position
      while position < characters.count, characters[position].isNumber {
        guard characters[position].isASCIIDigit, position - start < 4 else { return nil }
        position += 1
      }
      return position - start
    }
    func spaces() -> Bool {
      let start = position
      while position < characters.count, characters[position].ascii == 0x20 { position += 1 }
      return position > start
    }
    let dayStart = position
    guard let dayLength = numberRun(), (1...2).contains(dayLength),
      let day = Int(Unit.string(characters[dayStart..<position])), spaces()
    else { return nil }
    let monthStart = position
    while position < characters.count, characters[position].isLetter, !characters[position].isNumber {
      position += 1
    }
    guard position > monthStart,
      let month = Dates.monthNumber(Substring(Unit.string(characters[monthStart..<position]))),
      spaces()
    else { return nil }
    let yearStart = position
    guard numberRun() == 4, let year = Int(Unit.string(characters[yearStart..<position])),
      let date = SimpleDate(year: year, month: month, day: day)
    else { return nil }
    guard let actor = number.organ, let organ = UNBody.withActor(actor) else {
      return DatedFacts(href: nil, end: position, unlinked: number.unlinked, number: number, date: date)
    }
    guard number.hasIRI else {
      return DatedFacts(
        href: number.symbol.map { Citations.undocs + $0 }, end: position, unlinked: nil, number: number,
        date: date)
    }
    if organ == .generalAssembly, let session = number.session,
      let reason = Citations.assemblyCannotHave(session: session, date: date)
    {
      number.cited = nil
      return DatedFacts(href: nil, end: position, unlinked: reason, number: number, date: date)
    }
    return DatedFacts(
      href: FRBRIRI(actor: organ.actor, date: date, number: number.iriNumber).work, end: position,
      unlinked: nil,
      number: number, date: date)
  }

  static func dated<Unit: ScanUnit>(at index: Int, in characters: [Unit], body: CitedBody) -> DatedFacts? {
    Citations.datedResolution(at: index, in: characters, body: body).map {
      DatedFacts(href: $0.href, end: $0.end, unlinked: $0.unlinked, number: facts($0.number), date: $0.date)
    }
  }

  /// Every number read at every start of a run of digits of `characters`, for each of `bodies`,
  /// as before and now; returns how many were read.
  static func compareNumbers<Unit: ScanUnit>(in characters: [Unit], bodies: [CitedBody], line: String) -> Int
  {
    var read = 0
    for index in characters.indices where characters[index].isASCIIDigit {
      if index > 0, characters[index - 1].isASCIIDigit { continue }
      for body in bodies {
        for decision in [false, true] {
          let now = Citations.resolutionNumber(at: index, in: characters, decision: decision, body: body).map(
            facts)
          #expect(
            now == referenceResolutionNumber(at: index, in: characters, decision: decision, body: body),
            "\(line) at \(index), \(body), decision \(decision)")
          if now != nil { read += 1 }
        }
        let now = dated(at: index, in: characters, body: body)
        #expect(
          now == referenceDatedResolution(at: index, in: characters, body: body),
          "\(line) at \(index), \(body)")
        if now != nil { read += 1 }
      }
    }
    return read
  }

  @Test("numbers read by their shape first, and dated citations, are what the reading before gave")
  func numbersByShape() {
    var read = 0
    for (offset, line) in Self.lines().enumerated() {
      let bodies = Self.bodies(all: offset < Self.madeUp.count)
      // The units the scan reads a line as: its bytes, its scalars, its characters.
      if let bytes = ScanText.asciiBytes(line) {
        read += Self.compareNumbers(in: bytes, bodies: bodies, line: line)
      }
      if ScanText.isOneScalarPerCharacter(line) {
        read += Self.compareNumbers(in: ScanText.scalars(line), bodies: bodies, line: line)
      }
      if offset < Self.madeUp.count || !line.utf8.allSatisfy({ $0 < 0x80 }) {
        read += Self.compareNumbers(in: Array(line), bodies: bodies, line: line)
      }
    }
    // The made-up lines alone read numbers for many bodies.
    #expect(read > 100)
  }

  @Test("a month's name read on ASCII units is the one read on its lowercased text")
  func monthNames() {
    var words: Set<String> = [
      "", "may", "May", "MAY", "mAy", "Ma", "Mayy", "september", "SEPTEMBER", "Septembre", "sept", "décembre",
      "\u{212A}", "İ", "ǅ", "Ma\u{301}y", "ma y", "march1", "[may]", "@ay", "`ay",
    ]
    for month in Dates.months {
      words.insert(month)
      words.insert(month.uppercased())
      words.insert(month.capitalized)
    }
    for line in Self.lines() {
      for word in line.split(whereSeparator: { !$0.isLetter }) { words.insert(String(word)) }
    }
    for word in words {
      let reference = Dates.monthNumber(Substring(word))
      #expect(Citations.monthNumber(ArraySlice(Array(word))) == reference, "\(word)")
      #expect(Citations.monthNumber(ArraySlice(Array(word.unicodeScalars))) == reference, "\(word)")
      if let bytes = ScanText.asciiBytes(word) {
        #expect(Citations.monthNumber(ArraySlice(bytes)) == reference, "\(word)")
      }
    }
  }

  // MARK: The footnote linker

  static let markerLines = [
    "", " ", "1", "a1", "a 1", "word,1 and", "word,12 and", "word,123 and", "word,1234 and", "word,01 and",
    "resolution 59/3009", "resolution 59/300", "of 19721", "of 197212", "of 1972123",
    "the Decade 2014–202415",
    "2014-20242 and", "x/12", "x/1", "/12", "12/", "a*", "a**", "*a", "a *", "abstention,* and",
    "QUARTEY (Ghana),**",
    "1 2 3 4 5 6 7 8 9 10 11 12", "A/67/404", "Add.1", "Corr.1", "CO2", "8.5 trillion", "4,995,400 dollars",
    "Disabilities, 4", "Agenda 216", "of 16 October 2020 36 and", "30 September 1992 1/", "line\r\nend 1",
    "word\r,1", "résolution,1 et", "x\u{301}1", "١٢,3", "a١", "٣ 1", "text only", "2030116", "COVID-1915 and",
    "resolutions 71/205 13 and 72/190", "Speech, 11 16 May", "meeting 25", "the 80th meeting 25",
  ]

  /// The linker's states the lines are split with: markers found by shape (notes left in order
  /// or not, numbered or marked with asterisks, with leading zeros, long) or printed.
  static func linkerStates() -> [FootnoteLinker.State] {
    var states = [
      FootnoteLinker.State(order: [1, 2, 3], known: ["1", "2", "3"]),
      FootnoteLinker.State(order: [9, 10, 11, 12, 13], known: ["9", "10", "11", "12", "13"]),
      FootnoteLinker.State(order: [1], known: ["*", "**", "1"]),
      FootnoteLinker.State(order: [1, 123], known: ["01", "1", "123", "1234"]),
      FootnoteLinker.State(order: Array(1...40), known: Set((1...40).map(String.init))),
    ]
    var exhausted = FootnoteLinker.State(order: [1, 2], known: ["1", "2"])
    exhausted.nextPosition = 2
    states.append(exhausted)
    var numbers = FootnoteLinker.State(order: [9, 15, 16], known: ["9", "15", "16"])
    numbers.numbers = ["59/300": 1, "20/1": 2]
    states.append(numbers)
    var printed = FootnoteLinker.State(order: [1, 2, 36], known: ["1", "2", "36"])
    printed.printed = [
      PrintedMarker(marker: "1", spaced: false): 1, PrintedMarker(marker: "36", spaced: true): 1,
    ]
    states.append(printed)
    return states
  }

  /// `split(_:)` before issue 24's byte refusal (a copy): the test for a digit or an asterisk,
  /// then the scan of the bytes, the scalars or the characters.
  static func referenceSplit(_ string: String, state: inout FootnoteLinker.State) -> [TextBlock.Segment] {
    let asterisk = state.hasAsteriskMarker
    var bytes = string
    guard
      bytes.withUTF8({ $0.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || ($0 == 0x2A && asterisk) }) })
    else {
      return string.isEmpty ? [] : [.text(string)]
    }
    if let ascii = ScanText.asciiBytes(string) { return state.split(ascii) }
    if ScanText.isOneScalarPerCharacter(string) { return state.split(ScanText.scalars(string)) }
    return state.split(Array(string))
  }

  /// `linkTrailer(_:)` before its byte refusal (a copy).
  static func referenceLinkTrailer(_ text: inout TextBlock, state: inout FootnoteLinker.State) {
    guard text.segments.count == 1, case .text(let string) = text.segments[0] else { return }
    let trimmed = string.trimmed
    guard let space = trimmed.lastIndex(of: " ") else { return }
    let marker = String(trimmed[trimmed.index(after: space)...])
    let before = trimmed[..<space]
    guard marker.allSatisfy(\.isASCIIDigit), state.known.contains(marker), !state.cited.contains(marker),
      before.hasSuffix(" meeting") || before.hasSuffix(" meetings"),
      let ordinal = before.dropLast(before.hasSuffix("s") ? 9 : 8).split(separator: " ").last,
      ordinal.first?.isASCIIDigit == true, ["st", "nd", "rd", "th"].contains(String(ordinal.suffix(2)))
    else { return }
    text.segments = [.text(String(before)), .noteRef(marker: marker)]
    state.cited.insert(marker)
  }

  /// What a split changed in a state.
  static func facts(_ state: FootnoteLinker.State) -> [String] {
    [
      String(state.nextPosition), state.cited.sorted().joined(separator: ","),
      (state.printed ?? [:]).map { "\($0.key.marker) \($0.key.spaced) \($0.value)" }.sorted().joined(
        separator: ","),
    ]
  }

  @Test("the linker's byte refusal and its skipping of unchanged runs split as the scan of every run did")
  func markerSplits() {
    let states = Self.linkerStates()
    var lines = FastPathTests.corpusLines(after: Self.markerLines)
    lines += Self.markerLines.map { $0 + " 2 and 13" } + Self.markerLines.map { "3 " + $0 + "," }
    var refused = 0
    for (offset, line) in lines.enumerated() {
      // Every state on the made-up lines; on the corpus's, one of each kind (a debug build's time).
      let madeUp = offset < Self.markerLines.count || offset >= lines.count - 2 * Self.markerLines.count
      for (number, state) in states.enumerated() where madeUp || [0, 2, 4, 5, 6, 7].contains(number) {
        var now = state
        var before = state
        let split = now.split(line)
        #expect(split == Self.referenceSplit(line, state: &before), "\(line)")
        #expect(Self.facts(now) == Self.facts(before), "\(line)")
        if split == [.text(line)] { refused += 1 }
        if madeUp {
          // A block of several runs: the unchanged runs are kept, the others split in order.
          let segments: [TextBlock.Segment] = [
            .text(line), .noteRef(marker: "x"), .text(""), .text(line + " 1"),
          ]
          var block = TextBlock(segments: segments, line: 1)
          let reference = segments.flatMap { segment -> [TextBlock.Segment] in
            guard case .text(let text) = segment else { return [segment] }
            return Self.referenceSplit(text, state: &before)
          }
          now.link(&block)
          #expect(block.segments == reference, "\(line)")
          #expect(Self.facts(now) == Self.facts(before), "\(line)")
        }
        if madeUp || line.contains("meeting") {
          // A closing line: its marker after the meeting.
          var trailer = TextBlock(line, line: 1)
          var referenceTrailer = trailer
          now.linkTrailer(&trailer)
          Self.referenceLinkTrailer(&referenceTrailer, state: &before)
          #expect(trailer.segments == referenceTrailer.segments, "\(line)")
          #expect(Self.facts(now) == Self.facts(before), "\(line)")
        }
      }
    }
    #expect(refused > 100)
  }

  @Test("a run of one to three digits is a note's marker in the table when the known markers hold its text")
  func shortMarkers() {
    var runs: [String] = ["", "1234", "1a", "a", "١"]
    for length in 1...3 {
      for value in 0..<Int(pow(10, Double(length))) {
        let digits = String(value)
        runs.append(String(repeating: "0", count: length - digits.count) + digits)
      }
    }
    for var state in Self.linkerStates() {
      let table = state.shortDigitMarkers
      for run in runs {
        let isDigits = (1...3).contains(run.utf8.count) && run.utf8.allSatisfy { $0 &- 0x30 < 10 }
        #expect(
          FootnoteLinker.State.isShortMarker(run, in: table) == (isDigits && state.known.contains(run)),
          "\(run)")
      }
    }
  }
}
