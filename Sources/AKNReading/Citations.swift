package import AKNModel
import Foundation

/// Finds citations in running text: resolutions cited with their date (→ `<ref>` to the cited
/// work's AKN IRI), resolutions cited by number alone and UN document symbols (→ `<a>` to
/// `https://undocs.org/SYMBOL`).
///
/// The scanner walks user-perceived characters. When every character of the text is a single
/// Unicode scalar (the usual case) it walks the scalars instead, which gives the same result
/// without grapheme breaking; `ScanUnit` gives both the same `Character` semantics.
package enum Citations {
  /// A piece of running text after citation scanning.
  package enum Inline: Equatable {
    case text(String)
    /// A citation: linked to the cited work's AKN IRI (form `ref`) or to a document by its
    /// symbol (form `link`), or left unlinked (form `unlinked`: an act of a body akn has no
    /// address for, or whose body the text does not name), with what the scan found of the
    /// cited act (its body, kind, number with its parts and date).
    case citation(Citation)
  }

  package static let undocs = "https://undocs.org/"

  /// What a scan knows of the text before: a list of numbers under way and the body it cites.
  /// Carried from one piece of a paragraph to the next, so that a footnote marker inside a list
  /// ("resolutions 27/5 of …,¹ 30/4 of …") does not end it.
  package struct State {
    /// The kind of the list of numbers under way, if any.
    var listKind: ListKind?
    /// The body named before the last "resolution(s)"/"decision(s)" keyword.
    var listBody = CitedBody.unnamed
    /// The body the sentence has named for its citations so far ("Human Rights Council
    /// resolutions …, including resolutions 7/34 …"), forgotten at a sentence's or clause's end.
    var sentenceBody = CitedBody.unnamed
    /// Numbers the paragraph has cited with a body named ("Human Rights Council resolution
    /// 43/1 … pursuant to resolution 43/1"): a later bare citation of one is the same document.
    var namedNumbers: [String: CitedBody] = [:]
    /// The citations the scan left unlinked because it cannot name their body, in the order
    /// found (see ``Unlinked``).
    package var unlinked: [Unlinked] = []

    /// A scan of a new paragraph.
    package init() {}
  }

  /// A cited act left as plain text because akn cannot name the body whose act it is: a number
  /// that cannot be the General Assembly's (see ``Citations/assemblyCannotHave(session:date:)``)
  /// and no other body named, or a body akn has no name for ("the Executive Board", a document
  /// printing it). Never a link to a guessed body: the text stays as printed, and the reading
  /// report says so at its place.
  package struct Unlinked: Equatable, Sendable {
    /// The citation as printed ("24/14 of 27 September 2013").
    package var text: String
    /// Why it has no link, as a clause that completes "… is not linked: ".
    package var reason: String
  }

  /// Why no General Assembly act can be numbered `session/…` and dated `date`, or nil when one
  /// can: the Assembly numbered its resolutions `N (S)` (Roman numerals) before its thirty-first
  /// session, and its session S meets from September of 1945 + S to September of the next year,
  /// so an `S/N` with S below 31, or dated outside that year, is another body's act.
  package static func assemblyCannotHave(session: Int, date: SimpleDate?) -> String? {
    if session < 31 {
      return
        "the General Assembly numbered its resolutions \"N (S)\" before its thirty-first session, so \(session)/… is another body's act, and the text does not say whose"
    }
    if let date,
      date.year * 100 + date.month < (1945 + session) * 100 + 9
        || date.year * 100 + date.month > (1946 + session) * 100 + 9
    {
      return
        "the General Assembly's session \(session) met from September \(1945 + session) to September \(1946 + session), so an act of \(date) is another body's, and the text does not say whose"
    }
    return nil
  }

  /// Why a citation of a body akn has no name for is not linked.
  static let otherBodyReason =
    "it is an act of a body akn cannot name (not the General Assembly's), so it has no address"

  static let esolution = Array("esolution".utf8)
  static let ecision = Array("ecision".utf8)
  /// The first three letters of each month's name, lowercase.
  static let monthPrefixes: [(UInt8, UInt8, UInt8)] = Dates.months.map {
    let bytes = Array($0.utf8)
    return (bytes[0], bytes[1], bytes[2])
  }

  /// The generic words that name a body akn cannot name when they stand right before a keyword
  /// after a capitalised word ("Executive Board decision", "Trusteeship Council resolution"), and
  /// whether they do alone ("Board decision"; "Assembly" alone is the General Assembly, "Council"
  /// alone a council told by the number's form).
  static let otherBodyKeywordNames: [(word: [UInt8], aloneIsOther: Bool)] = [
    ("Commission", true), ("Conference", true), ("Board", true), ("Committee", true), ("Assembly", false),
    ("Council", false),
  ].map { (Array($0.0.utf8), $0.1) }

  /// The names of ``UNBody/all`` that end in one of those generic words ("General Assembly").
  static let knownNamesEndingInGenericWords: [[UInt8]] = UNBody.all.flatMap { [$0.name] + $0.otherNames }
    .filter { name in
      name.contains(" ")
        && otherBodyKeywordNames.contains { name.utf8.reversed().starts(with: $0.word.reversed()) }
    }
    .map { Array($0.utf8) }

  /// Whether `text` can hold a citation: every citation the scan finds (a number, a symbol)
  /// has an ASCII digit. A text without one scans to itself, with no citation and nothing
  /// unlinked; only the state it leaves for the next piece of its paragraph can differ.
  package static func mayCite(_ text: String) -> Bool {
    var text = text
    // Eight bytes at a time, as the footnote linker looks for its digits.
    return text.withUTF8 { bytes in
      FootnoteLinker.State.firstDigitOrStar(in: bytes, from: 0, stopsAtOther: false, asterisk: false)
        < bytes.count
    }
  }

  /// Scans `text` for citations.
  package static func scan(_ text: String) -> [Inline] {
    var state = State()
    return scan(text, state: &state)
  }

  /// Scans `text`, a piece of a paragraph, for citations, going on from `state`.
  package static func scan(_ text: String, state: inout State) -> [Inline] {
    var segments: [TextBlock.Segment] = []
    scan(text, state: &state, into: &segments)
    return inlines(segments)
  }

  /// Scans `text`, a piece of a paragraph, for citations, going on from `state`, and appends
  /// what ``scan(_:state:)`` finds to `segments` as a text block holds it (a text as
  /// ``TextBlock/Segment/text(_:)``, a citation as ``TextBlock/Segment/citation(_:)``), a link to
  /// `selfLink` (the undocs.org address of the document itself) marked ``Citation/isSelf``: no
  /// array of pieces to copy into the block's segments.
  package static func scan(
    _ text: String, state: inout State, selfLink: String? = nil, into segments: inout [TextBlock.Segment]
  ) {
    // Most texts are ASCII: their bytes are their characters.
    // A text with no citation comes back as itself, never as a copy.
    if let bytes = ScanText.asciiBytes(text) {
      return scan(bytes, whole: text, state: &state, selfLink: selfLink, into: &segments)
    }
    if ScanText.isOneScalarPerCharacter(text) {
      return scan(ScanText.scalars(text), whole: text, state: &state, selfLink: selfLink, into: &segments)
    }
    scan(Array(text), whole: text, state: &state, selfLink: selfLink, into: &segments)
  }

  /// Scans the units of a piece of a paragraph for citations, going on from `state`.
  package static func scan<Unit: ScanUnit>(_ characters: [Unit], state: inout State) -> [Inline] {
    var segments: [TextBlock.Segment] = []
    scan(characters, whole: nil, state: &state, into: &segments)
    return inlines(segments)
  }

  /// The pieces of the segments a scan appends (texts and citations, nothing else).
  static func inlines(_ segments: [TextBlock.Segment]) -> [Inline] {
    segments.compactMap {
      switch $0 {
      case .text(let text): .text(text)
      case .citation(let citation): .citation(citation)
      default: nil
      }
    }
  }

  /// Scans `characters` for citations, appending what it finds to `result` (see
  /// ``scan(_:state:selfLink:into:)``); `whole`, when given, is the text they are the units of,
  /// appended as it is when it holds no citation.
  static func scan<Unit: ScanUnit>(
    _ characters: [Unit], whole: String?, state: inout State, selfLink: String? = nil,
    into result: inout [TextBlock.Segment]
  ) {
    var pendingStart = 0
    var index = 0
    var listKind = state.listKind
    var listBody = state.listBody
    var sentenceBody = state.sentenceBody
    var namedNumbers = state.namedNumbers
    defer {
      (state.listKind, state.listBody, state.sentenceBody) = (listKind, listBody, sentenceBody)
      state.namedNumbers = namedNumbers
    }

    func flush(upTo end: Int) {
      guard end > pendingStart else { return }
      if pendingStart == 0, end == characters.count, let whole {
        result.append(.text(whole))
      } else {
        result.append(.text(Unit.string(characters[pendingStart..<end])))
      }
    }

    while index < characters.count {
      // Inside a word and at no clause end, nothing changes: skip such units in a loop of its
      // own, which leaves the state (large values) alone.
      if Unit.self == UInt8.self {
        // An ASCII text's bytes: the same test on its bytes, without the checks of each index.
        index = unsafeBitCast(characters, to: [UInt8].self).withUnsafeBufferPointer {
          Self.wordOrClauseStart(from: index, in: $0)
        }
      } else {
        while index < characters.count, !Self.startsWord(at: index, in: characters),
          !Self.endsClause(at: index, in: characters)
        {
          index += 1
        }
      }
      guard index < characters.count else { break }
      let atWordStart = Self.startsWord(at: index, in: characters)
      if Self.endsClause(at: index, in: characters) {
        sentenceBody = .unnamed
      }
      if atWordStart {
        if let kind = ListKind.keyword(at: index, in: characters) {
          let previousKind = listKind
          listKind = kind
          listBody = CitedBody.before(index, in: characters)
          if listBody == .unnamed {
            listBody = CitedBody.after(keywordAt: index, in: characters)
          }
          if listBody == .unnamed, CitedBody.continuesList(before: index, in: characters) {
            listBody = sentenceBody
          }
          // "Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14 …":
          // the other kind of act, joined to a list under way, is the same body's.
          if listBody == .unnamed, let previousKind, previousKind != kind,
            CitedBody.followsConjunction(index, in: characters)
          {
            listBody = sentenceBody
          }
          if listBody == .unnamed, let named = CitedBody.inItsResolution(before: index, in: characters) {
            listBody = named
          }
          if listBody == .unnamed, let reporter = CitedBody.inReport(before: index, in: characters) {
            listBody = reporter
          }
          if listBody == .unnamed, let addressee = CitedBody.reportedTo(before: index, in: characters) {
            // "the report to the Human Rights Council submitted pursuant to resolutions 34/24 …".
            listBody = addressee
          }
          if listBody == .unnamed, CitedBody.inDocument(before: index, in: characters) {
            // "CBD/COP/15/17, decision 15/4": an act printed in a document, the document's body's.
            listBody = .other
          }
          if listBody == .unnamed, !CitedBody.followsIts(index, in: characters),
            let named = CitedBody.sentenceNamesOtherBody(before: index, in: characters)
          {
            // "the Conference of the States Parties …, and welcoming in this regard resolution 8/10":
            // the sentence speaks of a body akn does not link; its numbers are not the Assembly's.
            listBody = named
          }
          if listBody != .unnamed { sentenceBody = listBody }
        } else if listKind != nil, characters[index].isLetter,
          !Self.matches(Self.listWords, at: index, in: characters)
        {
          listKind = nil
        }
        // A number opens with a digit, a symbol with a capital: only the one or the other is
        // tried. Numbers only: the body they are cited with decides their target.
        if characters[index].isASCIIDigit {
          var body = listKind == nil ? sentenceBody : listBody
          // With no body and no number remembered, the key would find nothing and store nothing:
          // its text is made only when it can be used.
          if body != .unnamed || !namedNumbers.isEmpty, let key = Self.numberKey(at: index, in: characters) {
            if body == .unnamed, let known = namedNumbers[key] {
              body = known
            } else if body != .unnamed {
              namedNumbers[key] = body
            }
          }
          if var citation = datedResolution(at: index, in: characters, body: body) {
            // "resolution 5/12 of 2 March 2022 of the United Nations Environment Assembly".
            if body == .unnamed,
              case .named(let named) = CitedBody.after(citationEndingAt: citation.end, in: characters),
              named != .generalAssembly,
              let again = datedResolution(at: index, in: characters, body: .named(named))
            {
              citation = again
            }
            flush(upTo: index)
            // Another body's document with no link of its own is unlinked, never a wrong link.
            let text = Unit.string(characters[index..<citation.end])
            result.append(
              .citation(
                Citation(
                  form: citation.href == nil ? .unlinked : .ref, href: citation.href, text: text,
                  body: citation.number.cited, kind: listKind?.citedKind, number: citation.number.parts,
                  date: citation.date)))
            if citation.href == nil, let reason = citation.unlinked {
              state.unlinked.append(Unlinked(text: text, reason: reason))
            }
            index = citation.end
            pendingStart = index
            continue
          }
          if let kind = listKind,
            var number = undatedNumber(at: index, in: characters, kind: kind, body: body)
          {
            // "resolution 5/5 of the United Nations Environment Assembly".
            if body == .unnamed,
              case .named(let named) = CitedBody.after(citationEndingAt: number.end, in: characters),
              named != .generalAssembly,
              let again = undatedNumber(at: index, in: characters, kind: kind, body: .named(named))
            {
              number = again
            }
            flush(upTo: index)
            let text = Unit.string(characters[index..<number.end])
            if let symbol = number.symbol {
              // "68/247 B" in an address without its space (no space byte: no space to drop).
              let address = symbol.utf8.contains(0x20) ? symbol.filter { $0 != " " } : symbol
              // A link to the document's own symbol cites the document itself.
              let href = undocs + address
              result.append(
                .citation(
                  Citation(
                    form: .link, href: href, text: text, isSelf: selfLink != nil && href == selfLink,
                    body: number.cited, kind: kind.citedKind, number: number.parts)))
            } else {
              result.append(
                .citation(
                  Citation(
                    form: .unlinked, href: nil, text: text, body: number.cited, kind: kind.citedKind,
                    number: number.parts)))
              if let reason = number.unlinked { state.unlinked.append(Unlinked(text: text, reason: reason)) }
            }
            index = number.end
            pendingStart = index
            continue
          }
        } else if characters[index].isASCIIUppercase, let end = symbol(at: index, in: characters) {
          flush(upTo: index)
          let symbol = Unit.string(characters[index..<end])
          let href = undocs + symbol
          result.append(
            .citation(
              Citation(
                form: .link, href: href, text: symbol, isSelf: selfLink != nil && href == selfLink,
                body: Self.seriesBody(from: index, to: end, in: characters),
                kind: .documentSymbol)))
          index = end
          pendingStart = index
          continue
        }
      }
      index += 1
    }
    flush(upTo: characters.count)
  }

  /// Whether a word starts at `index`: the first unit, or one after a unit that is not a letter,
  /// a digit, "/" or "." ("S-35/1", a special session's number, is one word: its digits start no
  /// citation).
  @inline(__always)
  /// Whether `characters` from `start` are the ASCII bytes `words` (a body's name as bytes).
  static func spells<Unit: ScanUnit>(_ words: [UInt8], at start: Int, in characters: [Unit]) -> Bool {
    for offset in 0..<words.count where characters[start + offset].ascii != words[offset] { return false }
    return true
  }

  static func startsWord<Unit: ScanUnit>(at index: Int, in characters: [Unit]) -> Bool {
    guard index > 0 else { return true }
    let previous = characters[index - 1]
    return
      !(previous.isLetter || previous.isNumber || previous.ascii == 0x2F || previous.ascii == 0x2E
      || (previous.ascii == 0x2D && index >= 2 && characters[index - 2].isLetter))
  }

  /// The first index from `start` where a word starts (``startsWord(at:in:)``) or a clause ends
  /// (``endsClause(at:in:)``) in the ASCII bytes `bytes`, or their count.
  static func wordOrClauseStart(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var index = start
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      // A clause's end: ";", or "." before a space.
      if byte == 0x3B || (byte == 0x2E && index + 1 < count && bytes[index + 1] == 0x20) { return index }
      guard index > 0 else { return index }
      // Inside a word: after a letter, a digit, "/", "." or a hyphen after a letter.
      let previous = bytes[index - 1]
      if (previous | 0x20) &- 0x61 < 26 || previous &- 0x30 < 10 || previous == 0x2F || previous == 0x2E
        || (previous == 0x2D && index >= 2 && (bytes[index - 2] | 0x20) &- 0x61 < 26)
      {
        index += 1
        continue
      }
      return index
    }
    return count
  }

  /// Whether the unit at `index` ends a clause or a sentence: ";", or "." before a space.
  @inline(__always)
  static func endsClause<Unit: ScanUnit>(at index: Int, in characters: [Unit]) -> Bool {
    guard let ascii = characters[index].ascii else { return false }
    return ascii == UInt8(ascii: ";")
      || (ascii == UInt8(ascii: ".") && index + 1 < characters.count && characters[index + 1].ascii == 0x20)
  }

  package static let listWords: [[UInt8]] = ["and", "or", "of", "its", "their", "the"].map { Array($0.utf8) }
  package static let resolutionWords: [[UInt8]] = ["resolutions", "resolution", "Resolutions", "Resolution"]
    .map {
      Array($0.utf8)
    }
  package static let decisionWords: [[UInt8]] = ["decisions", "decision", "Decisions", "Decision"].map {
    Array($0.utf8)
  }

  /// What a list of numbers after "resolutions" or "decisions" refers to.
  package enum ListKind {
    case resolution
    case decision

    /// The kind of the acts it cites.
    var citedKind: Citation.Kind { self == .resolution ? .resolution : .decision }

    static func keyword<Unit: ScanUnit>(at index: Int, in characters: [Unit]) -> ListKind? {
      guard let first = characters[index].ascii,
        first | 0x20 == UInt8(ascii: "r") || first | 0x20 == UInt8(ascii: "d")
      else { return nil }
      if Citations.matches(Citations.resolutionWords, at: index, in: characters) { return .resolution }
      if Citations.matches(Citations.decisionWords, at: index, in: characters) { return .decision }
      return nil
    }
  }

  /// The symbol series of the bodies' resolutions and decisions (`A/HRC/RES/`, `A/RES/`),
  /// longest first, with the body.
  static let series: [(prefix: String, body: UNBody)] = UNBody.all.flatMap { body in
    [body.resolutionSeries, body.decisionSeries].compactMap { $0 }.map { ($0, body) }
  }.sorted { $0.prefix.utf8.count > $1.prefix.utf8.count }

  /// The prefixes of ``series`` as bytes, parallel to ``series`` (a row's body is copied only
  /// when its prefix matches).
  static let seriesBytes: [[UInt8]] = series.map { Array($0.prefix.utf8) }

  /// The body whose resolution or decision series the symbol `characters[start..<end]` is in
  /// ("A/RES/66/24" → the General Assembly), nil for any other document.
  static func seriesBody<Unit: ScanUnit>(from start: Int, to end: Int, in characters: [Unit]) -> UNBody? {
    let prefixes = seriesBytes
    for row in prefixes.indices where prefixes[row].count < end - start {
      let prefix = prefixes[row]
      var same = true
      for offset in 0..<prefix.count where characters[start + offset].ascii != prefix[offset] {
        same = false
        break
      }
      if same { return series[row].body }
    }
    return nil
  }

  /// The value of an upper-case Roman numeral of I, V, X and L ("XV" → 15), nil for other text.
  static func romanValue<Units: BidirectionalCollection<Unit>, Unit: ScanUnit>(_ units: Units) -> Int? {
    RomanNumeral.value(ascii: units.lazy.map(\.ascii), digits: .upperToL)
  }

  /// "43/1" for the number at `index` (digits, a slash, digits), nil for anything else.
  static func numberKey<Unit: ScanUnit>(at index: Int, in characters: [Unit]) -> String? {
    var end = index
    while end < characters.count, characters[end].isASCIIDigit { end += 1 }
    guard end < characters.count, characters[end].ascii == 0x2F else { return nil }
    end += 1
    let second = end
    while end < characters.count, characters[end].isASCIIDigit { end += 1 }
    guard end > second else { return nil }
    return Unit.string(characters[index..<end])
  }

  /// True when one of `words` (ASCII) stands at `index` as a whole word.
  package static func matches<Unit: ScanUnit>(_ words: [[UInt8]], at index: Int, in characters: [Unit])
    -> Bool
  {
    for word in words {
      let end = index + word.count
      guard end <= characters.count else { continue }
      var same = true
      for offset in 0..<word.count where characters[index + offset].ascii != word[offset] {
        same = false
        break
      }
      if same, end == characters.count || !characters[end].isLetter {
        return true
      }
    }
    return false
  }

  package static func digits<Unit: ScanUnit>(at index: Int, in characters: [Unit], max: Int) -> (
    value: String, end: Int
  )? {
    guard let end = digitsEnd(at: index, in: characters, max: max) else { return nil }
    return (Unit.string(characters[index..<end]), end)
  }

  /// Where the run of ASCII digits at `index` read by ``digits(at:in:max:)`` ends, without its
  /// text: nil when there is none, when it is longer than `max` or when another number follows.
  static func digitsEnd<Unit: ScanUnit>(at index: Int, in characters: [Unit], max: Int) -> Int? {
    var end = index
    while end < characters.count, end - index < max + 1, characters[end].isASCIIDigit {
      end += 1
    }
    guard end > index, end - index <= max else { return nil }
    if end < characters.count, characters[end].isNumber { return nil }
    return end
  }

  /// The value of the ASCII digits `characters[range]` (what `Int` reads from their text; a run
  /// of at most four digits, so no overflow).
  static func value<Unit: ScanUnit>(ofDigits range: Range<Int>, in characters: [Unit]) -> Int {
    var value = 0
    for index in range { value = value * 10 + Int((characters[index].ascii ?? 0x30) &- 0x30) }
    return value
  }

  /// A resolution or decision number at `index`, read as the citing body numbers them: GA style
  /// `67/27` (with an optional letter, `68/247 B`), SC style `242 (1967)`, ECOSOC style
  /// `1980/67`, or the early General Assembly's `1514 (XV)` / `217 A (III)`.
  package struct Number {
    /// The body whose document it is, nil when it is a body akn does not link (or none is known).
    var organ: Organ?
    /// The number as printed (`67/27`, `68/247 B`) for a number with a slash, its first digits
    /// (`242`, `1514`) for the others: what ``iriNumber`` is made from.
    var iriSource: String
    /// Whether ``iriNumber`` is ``iriSource`` as `FRBRIRI.number(printed:)` writes it (a number
    /// with a slash) rather than ``iriSource`` itself.
    var iriFromPrinted = false
    /// The document's symbol (`A/RES/67/27`), nil when the body has no symbol series akn knows.
    var symbol: String?
    /// Whether a dated citation of it has an AKN IRI (early sessions' numbers have none).
    var hasIRI = true
    var end: Int
    /// Why it is not linked when akn cannot name its body (``Unlinked/reason``), nil otherwise.
    var unlinked: String?
    /// The session of a General Assembly number (`67` of `67/27`).
    var session: Int?
    /// The number with its parts, for the citation's facts.
    var parts: Citation.Number?
    /// The body whose act it is, linked or not (``organ`` is nil for a body akn does not link):
    /// nil when no body named in the text can have it.
    var cited: UNBody?

    /// The number in an IRI: `67-27`, `68-247_B`, `242`. Made only when a dated citation links
    /// to its IRI (a number cited without its date, the usual case, never needs it).
    var iriNumber: String { iriFromPrinted ? FRBRIRI.number(printed: iriSource) : iriSource }
  }

  /// Where the parts of a number that ``resolutionNumber(at:in:decision:body:)`` reads stand, read
  /// before any body is asked and before any text is made: a dated citation looks for its date
  /// after the number's end (``datedResolution(at:in:body:)``) before the number's texts are
  /// made, and most numbers have no date after them.
  struct NumberShape {
    enum Form {
      /// "6/2019": a number and a year, as some agencies number theirs.
      case numberSlashYear
      /// "67/27", "68/247 B" (a session and a number) or "1980/67" (a year and a number).
      case slash(yearStyle: Bool)
      /// "242 (1967)".
      case numberAndYear
      /// "1514 (XV)", "217 A (III)".
      case roman
    }

    var form: Form
    /// The first run of digits.
    var first: Range<Int>
    /// The digits after the slash, the year's digits in brackets or the Roman numeral.
    var second: Range<Int>
    /// Where the part letter stands ("68/247 B", "217 A (III)"), if there is one.
    var part: Int?
    /// Where the number ends.
    var end: Int
  }

  /// The shape of the number at `index` (see ``NumberShape``): the positions the reading of
  /// ``resolutionNumber(at:in:decision:body:)`` finds, tested in the same order; nil where that
  /// reading finds no number whatever the body. (The body only refuses a shape:
  /// ``number(_:in:body:decision:)``.)
  static func numberShape<Unit: ScanUnit>(at index: Int, in characters: [Unit], decision: Bool)
    -> NumberShape?
  {
    guard characters[index].isASCIIDigit, let firstEnd = digitsEnd(at: index, in: characters, max: 4) else {
      return nil
    }
    let cursor = firstEnd
    if cursor < characters.count, characters[cursor].ascii == 0x2F,
      let secondEnd = digitsEnd(at: cursor + 1, in: characters, max: 4)
    {
      let yearStyle = firstEnd - index == 4
      // "6/2019": a number and a year, as some agencies number theirs; no UN organ's form.
      if secondEnd - (cursor + 1) == 4 && !yearStyle {
        return NumberShape(
          form: .numberSlashYear, first: index..<firstEnd, second: (cursor + 1)..<secondEnd, end: secondEnd)
      }
      var end = secondEnd
      var part: Int?
      // "68/247 B" followed by a non-letter.
      if !yearStyle, end + 1 < characters.count, characters[end].ascii == 0x20,
        characters[end + 1].isASCIIUppercase,
        end + 2 == characters.count || !characters[end + 2].isLetter
      {
        part = end + 1
        end += 2
      }
      return NumberShape(
        form: .slash(yearStyle: yearStyle), first: index..<firstEnd, second: (cursor + 1)..<secondEnd,
        part: part, end: end)
    }
    guard !decision, cursor + 1 < characters.count, characters[cursor].ascii == 0x20 else { return nil }
    // "217 A (III)": a part letter before an early session's Roman numeral.
    var bracket = cursor + 1
    if bracket + 2 < characters.count, characters[bracket].isASCIIUppercase,
      characters[bracket + 1].ascii == 0x20,
      characters[bracket + 2].ascii == 0x28
    {
      bracket += 2
    }
    guard characters[bracket].ascii == 0x28 else { return nil }
    // "242 (1967)"
    if bracket == cursor + 1, let yearEnd = digitsEnd(at: bracket + 1, in: characters, max: 4),
      yearEnd - (bracket + 1) == 4, yearEnd < characters.count, characters[yearEnd].ascii == 0x29
    {
      return NumberShape(
        form: .numberAndYear, first: index..<firstEnd, second: (bracket + 1)..<yearEnd, end: yearEnd + 1)
    }
    // "1514 (XV)": a General Assembly resolution of the sessions numbered in Roman numerals.
    var close = bracket + 1
    while close < characters.count, close - bracket <= 7,
      let ascii = characters[close].ascii, "IVXL".utf8.contains(ascii)
    {
      close += 1
    }
    guard close > bracket + 1, close < characters.count, characters[close].ascii == 0x29,
      close + 1 == characters.count || !characters[close + 1].isLetter
    else { return nil }
    return NumberShape(
      form: .roman, first: index..<firstEnd, second: (bracket + 1)..<close,
      part: bracket == cursor + 1 ? nil : cursor + 1, end: close + 1)
  }

  package static func resolutionNumber<Unit: ScanUnit>(
    at index: Int, in characters: [Unit], decision: Bool = false, body: CitedBody = .unnamed
  )
    -> Number?
  {
    guard let shape = numberShape(at: index, in: characters, decision: decision) else { return nil }
    return number(shape, in: characters, body: body, decision: decision)
  }

  /// The number of shape `shape` as `body` numbers its acts, nil when `body` cannot have a number
  /// of that form.
  static func number<Unit: ScanUnit>(
    _ shape: NumberShape, in characters: [Unit], body: CitedBody, decision: Bool
  ) -> Number? {
    let firstValue = value(ofDigits: shape.first, in: characters)
    switch shape.form {
    case .numberSlashYear:
      return Number(organ: nil, iriSource: "", symbol: nil, end: shape.end, cited: body.named)
    case .slash(let yearStyle):
      var organ = body.organ(for: yearStyle ? .yearSlashNumber : .sessionSlashNumber)
      // Year-style numbers belong only to a body named as numbering that way.
      if yearStyle && organ == nil && body == .unnamed { return nil }
      // The number as printed, "67/27" or "68/247 B": digits, a slash, digits, perhaps a space
      // and an ASCII capital, each unit one ASCII character (checked by the shape).
      let symbolNumber = Unit.string(characters[shape.first.lowerBound..<shape.end])
      let part = shape.part.map { Unit.string(characters[$0...$0]) }
      var unlinked: String?
      var session: Int?
      // The body named in the text, when its numbering is not this one ("Commission on the
      // Status of Women resolution 60/2"): its act all the same, not linked.
      var cited = organ ?? body.named
      if organ == .generalAssembly {
        session = firstValue
        if let reason = session.flatMap({ assemblyCannotHave(session: $0, date: nil) }) {
          organ = nil
          unlinked = reason
          cited = nil
        }
      } else if body == .other {
        unlinked = otherBodyReason
      }
      let series = decision ? organ?.decisionSeries : organ?.resolutionSeries
      let linked = organ?.isUNOrgan == true
      let parts = Citation.Number(
        printed: symbolNumber, number: value(ofDigits: shape.second, in: characters),
        session: yearStyle ? nil : firstValue, year: yearStyle ? firstValue : nil, part: part)
      return Number(
        organ: linked ? organ : nil, iriSource: symbolNumber, iriFromPrinted: true,
        symbol: linked ? series.map { $0 + symbolNumber } : nil, end: shape.end,
        unlinked: unlinked, session: session, parts: parts, cited: cited)
    case .numberAndYear:
      guard let organ = body.organ(for: .numberAndYear) else { return nil }
      let first = Unit.string(characters[shape.first])
      let year = Unit.string(characters[shape.second])
      return Number(
        organ: organ, iriSource: first,
        symbol: organ.resolutionSeries.map { "\($0)\(first)(\(year))" },
        end: shape.end,
        parts: Citation.Number(
          printed: Unit.string(characters[shape.first.lowerBound..<shape.end]), number: firstValue,
          year: value(ofDigits: shape.second, in: characters)),
        cited: organ)
    case .roman:
      guard let organ = body.organ(for: .sessionSlashNumber), organ == .generalAssembly else { return nil }
      let first = Unit.string(characters[shape.first])
      let session = Unit.string(characters[shape.second])
      return Number(
        organ: organ, iriSource: first,
        symbol: organ.resolutionSymbol(number: "\(first)(\(session))"), hasIRI: false,
        end: shape.end,
        parts: Citation.Number(
          printed: Unit.string(characters[shape.first.lowerBound..<shape.end]), number: firstValue,
          session: romanValue(characters[shape.second]),
          part: shape.part.map { Unit.string(characters[$0...$0]) }),
        cited: organ)
    }
  }

  /// "53/70 of 4 December 1998" → the AKN IRI of resolution 53/70.
  ///
  /// The href is nil for a body whose documents akn does not link (the citation is unlinked).
  /// A General Assembly number dated outside its session is no Assembly act
  /// (``assemblyCannotHave(session:date:)``): no href, and `unlinked` says why.
  package static func datedResolution<Unit: ScanUnit>(
    at index: Int, in characters: [Unit], body: CitedBody = .unnamed
  ) -> DatedResolution? {
    // The number's shape first, its texts (``number(_:in:body:decision:)``) only once a date
    // follows it: the same answer, since a number without a date is no dated citation whatever
    // its body (and the shape gives its end, where the date is looked for).
    guard let shape = numberShape(at: index, in: characters, decision: false) else { return nil }
    let of = shape.end
    guard of + 4 < characters.count, characters[of].ascii == 0x20,
      characters[of + 1].ascii == UInt8(ascii: "o"),
      characters[of + 2].ascii == UInt8(ascii: "f"), characters[of + 3].ascii == 0x20,
      // A date found at the start of the rest begins with its day, in ASCII digits.
      characters[of + 4].isASCIIDigit
    else {
      return nil
    }
    // "4 December 1998", as `Dates.find` reads it, on the units: the day (a run of one or two
    // ASCII digits), spaces, the month (a run of letters), spaces, the year (a run of four ASCII
    // digits). Runs split where letters meet digits, as words do.
    var position = of + 4
    /// The length of the run of numbers at `position` (moved past it); nil if one is not an
    /// ASCII digit or the run is longer than a year.
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
    // The day and the year are runs of ASCII digits: their values are read from the units (what
    // `Int` reads from their text).
    let dayStart = position
    guard let dayLength = numberRun(), (1...2).contains(dayLength), spaces() else { return nil }
    let day = value(ofDigits: dayStart..<(dayStart + dayLength), in: characters)
    let monthStart = position
    while position < characters.count, characters[position].isLetter, !characters[position].isNumber {
      position += 1
    }
    guard position > monthStart, let month = Self.monthNumber(characters[monthStart..<position]), spaces()
    else { return nil }
    let yearStart = position
    guard numberRun() == 4,
      let date = SimpleDate(
        year: value(ofDigits: yearStart..<position, in: characters), month: month, day: day)
    else { return nil }
    guard var number = number(shape, in: characters, body: body, decision: false) else { return nil }
    guard let organ = number.organ else {
      return DatedResolution(href: nil, end: position, unlinked: number.unlinked, number: number, date: date)
    }
    guard number.hasIRI else {
      return DatedResolution(
        href: number.symbol.map { undocs + $0 }, end: position, unlinked: nil, number: number, date: date)
    }
    if organ == .generalAssembly, let session = number.session,
      let reason = assemblyCannotHave(session: session, date: date)
    {
      number.cited = nil  // no body the text names can have it
      return DatedResolution(href: nil, end: position, unlinked: reason, number: number, date: date)
    }
    return DatedResolution(
      href: FRBRIRI(actor: organ.actor, date: date, number: number.iriNumber).work, end: position,
      unlinked: nil, number: number, date: date)
  }

  /// A dated citation ``datedResolution(at:in:body:)`` reads. A struct, not a tuple: the scan
  /// copies and destroys it with code made for it, where a tuple holding a ``Number`` was
  /// destroyed through its type's metadata at run time.
  package struct DatedResolution {
    /// The AKN IRI (or undocs.org address) it links to; nil when it is not linked.
    package var href: String?
    /// Where the citation ends (after the date).
    package var end: Int
    /// Why it is not linked when akn cannot name its body.
    package var unlinked: String?
    /// The cited number.
    package var number: Number
    /// The date it was adopted on.
    package var date: SimpleDate?
  }

  /// The month a run of letters names (`Dates.monthNumber(_:)`): read on the bytes when every
  /// unit is ASCII (``Dates/monthNumber(ascii:)``), on the run's text otherwise.
  static func monthNumber<Unit: ScanUnit>(_ letters: ArraySlice<Unit>) -> Int? {
    guard letters.allSatisfy({ $0.ascii != nil }) else {
      return Dates.monthNumber(Substring(Unit.string(letters)))
    }
    return Dates.monthNumber(ascii: letters.lazy.map { $0.ascii ?? 0 })
  }

  package static func undatedNumber<Unit: ScanUnit>(
    at index: Int, in characters: [Unit], kind: ListKind, body: CitedBody = .unnamed
  ) -> Number? {
    resolutionNumber(at: index, in: characters, decision: kind == .decision, body: body)
  }

  /// A UN document symbol at `index`: `A/67/404`, `A/C.2/59/3`, `S/2002/1`, `E/CN.4/2005/L.10/Add.2`.
  package static func symbol<Unit: ScanUnit>(at index: Int, in characters: [Unit]) -> Int? {
    // First segment: 1–10 capitals.
    var cursor = index
    while cursor < characters.count, characters[cursor].isASCIIUppercase, cursor - index < 11 {
      cursor += 1
    }
    guard cursor > index, cursor - index <= 10, cursor < characters.count, characters[cursor].ascii == 0x2F
    else { return nil }
    // "IX/16" is a treaty body's decision numbered by its meeting in Roman numerals, not a symbol.
    if (index..<cursor).allSatisfy({
      ["I", "V", "X"].contains(characters[$0].ascii.map { Character(Unicode.Scalar($0)) })
    }) {
      return nil
    }
    var segments = 0
    var sawDigit = false
    var end = cursor
    while end < characters.count, characters[end].ascii == 0x2F {
      // A segment: letters and digits, with inner dots or hyphens ("C.2", "L.10", "CONF.62").
      var segmentEnd = end + 1
      var lastGood = end
      while segmentEnd < characters.count {
        let character = characters[segmentEnd]
        if character.isASCIIAlphanumeric {
          if character.isASCIIDigit { sawDigit = true }
          segmentEnd += 1
          lastGood = segmentEnd
        } else if character.ascii == 0x2E || character.ascii == 0x2D, segmentEnd + 1 < characters.count,
          characters[segmentEnd + 1].isASCIIAlphanumeric
        {
          segmentEnd += 1
        } else {
          break
        }
      }
      guard lastGood > end + 1 else { break }
      end = lastGood
      segments += 1
    }
    guard segments >= 1, sawDigit else { return nil }
    if end < characters.count, characters[end].isLetter || characters[end].isNumber { return nil }
    return end
  }
}

/// The body a citation names before "resolution(s)" or "decision(s)", which decides what its
/// numbers refer to.
package enum CitedBody: Equatable, Sendable {
  /// No body named: the General Assembly's and the Security Council's numbers, told apart by form.
  case unnamed
  /// A body of ``UNBody/all``, by one of its names.
  case named(UNBody)
  /// "Council" alone: the Human Rights Council (`53/10`), the Economic and Social Council
  /// (`1980/67`) or the Security Council (`1783 (2007)`), told apart by the number's form.
  case council
  /// A body akn does not know ("Trusteeship Council", "Executive Board"): never linked.
  case other

  /// The body named, nil for none, a generic word or a body akn does not know.
  var named: UNBody? {
    if case .named(let body) = self { return body }
    return nil
  }

  /// The body whose document a number of form `numbering` is, or nil.
  func organ(for numbering: UNBody.Numbering) -> UNBody? {
    switch self {
    case .unnamed:
      switch numbering {
      case .sessionSlashNumber: return .generalAssembly
      case .numberAndYear: return .securityCouncil
      default: return nil
      }
    case .named(let body):
      return body.numbering == numbering ? body : nil
    case .council:
      switch numbering {
      case .sessionSlashNumber: return .humanRightsCouncil
      case .yearSlashNumber: return .economicAndSocialCouncil
      case .numberAndYear: return .securityCouncil
      default: return nil
      }
    case .other:
      return nil
    }
  }

  /// Names and generic words, longest first, with what they name.
  private static let names: [(words: [UInt8], body: CitedBody)] = {
    var names: [(String, CitedBody)] = []
    for body in UNBody.all {
      for name in [body.name] + body.otherNames { names.append((name, .named(body))) }
    }
    for word in ["Council"] { names.append((word, .council)) }
    for word in ["Commission", "Conference", "Board", "Committee", "Assembly"]
    where
      !names.contains(where: { $0.0 == word })
    {
      names.append((word, .other))
    }
    return names.sorted { $0.0.utf8.count > $1.0.utf8.count }.map { (Array($0.0.utf8), $0.1) }
  }()

  /// The words of the rows of ``names``, by row: read without a copy of the row's body (a large
  /// value), which is copied only for the name found.
  private static let nameWords: [[UInt8]] = names.map(\.words)

  /// The body named just before the keyword at `index` ("Human Rights Council resolution …").
  static func before<Unit: ScanUnit>(_ index: Int, in characters: [Unit]) -> CitedBody {
    guard index >= 2, characters[index - 1].ascii == 0x20 else { return .unnamed }
    // "Indian Ocean Tuna Commission, resolutions 12/07 and 13/07".
    let end = characters[index - 2].ascii == UInt8(ascii: ",") ? index - 2 : index - 1
    // The rows by index: a row's body (a large value) is copied only for the name found.
    let nameWords = Self.nameWords
    for row in nameWords.indices {
      let words = nameWords[row]
      guard words.count <= end, characters[end - 1].ascii == words.last else { continue }
      let start = end - words.count
      guard Citations.spells(words, at: start, in: characters) else { continue }
      if start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber { continue }
      let body = Self.names[row].body
      // A generic word after a capitalised word is part of a name akn does not know
      // ("Trusteeship Council"), unless that word opens the sentence ("Recalling Council …").
      if case .named(let named) = body, named != .generalAssembly || words.count > "Assembly".utf8.count {
        return body
      }
      if start >= 2, characters[start - 1].ascii == 0x20, precededByName(start - 1, in: characters) {
        return .other
      }
      return body
    }
    return .unnamed
  }

  /// The body named after the keyword at `index`: "resolutions adopted by the Human Rights
  /// Council, including …", "decision 14/4 of the Conference of the Parties …" is not read.
  ///
  /// "the resolutions and decisions of the Human Rights Council, the most recent of which …":
  /// the body after "of the", past the other kind of act joined by "and", is the author too.
  static func after<Unit: ScanUnit>(keywordAt index: Int, in characters: [Unit]) -> CitedBody {
    var cursor = index
    while cursor < characters.count, characters[cursor].isLetter { cursor += 1 }
    let adopted = named(after: Self.adoptedByThe, at: cursor, in: characters, shortNames: true)
    if adopted != .unnamed { return adopted }
    // " and decisions" / " and resolutions" between the keyword and "of the".
    let and = Self.andPhrase
    if cursor + and.count < characters.count, characters[cursor + 1].ascii == UInt8(ascii: "a"),
      (0..<and.count).allSatisfy({ characters[cursor + $0].ascii == and[$0] }),
      Citations.ListKind.keyword(at: cursor + and.count, in: characters) != nil
    {
      cursor += and.count
      while cursor < characters.count, characters[cursor].isLetter { cursor += 1 }
    }
    return named(after: Self.ofThe, at: cursor, in: characters, shortNames: false)
  }

  /// Whether the keyword at `index` follows "and " or "or ".
  static func followsConjunction<Unit: ScanUnit>(_ index: Int, in characters: [Unit]) -> Bool {
    guard index >= 2, characters[index - 1].ascii == 0x20 else { return false }
    var start = index - 1
    while start > 0, characters[start - 1].isLetter, index - start <= 4 { start -= 1 }
    let word = Unit.string(characters[start..<(index - 1)])
    return word == "and" || word == "or"
  }

  /// Whether the keyword at `index` cites an act by its place in a document printed just before
  /// it, in the same clause: "CBD/COP/15/17, decision 15/4", "A/56/1026-S/2002/932, annex II,
  /// resolution 14/221", "CAC/COSP/2021/17, sect. I.A, resolution 9/2". The General Assembly's
  /// own acts are cited by their number alone; an act found in a document is the document's
  /// body's (a report of the Human Rights Council is read first, by ``inReport(before:in:)``).
  static func inDocument<Unit: ScanUnit>(before index: Int, in characters: [Unit]) -> Bool {
    guard index >= 4, characters[index - 1].ascii == 0x20, characters[index - 2].ascii == UInt8(ascii: ",")
    else { return false }
    let start = max(0, index - 120)
    var pieces = Unit.string(characters[start..<(index - 2)]).components(separatedBy: ", ")
    // Places within the document: "annex II", "sect. I.A", "chap. III", "part two", "para. 30".
    let places = ["annex", "sect", "chap", "part", "appendix", "enclosure", "para", "attachment"]
    while let last = pieces.last, last.count <= 16, places.contains(where: { last.hasPrefix($0) }) {
      pieces.removeLast()
    }
    guard let piece = pieces.last, !piece.contains(";"), !piece.contains(". ") else { return false }
    let word = piece.split(separator: " ").last ?? ""
    guard let first = word.unicodeScalars.first, first.properties.isUppercase, first.isASCII,
      word.contains("/"), word.contains(where: \.isNumber)
    else { return false }
    return word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/.-".contains($0)) }
  }

  /// Whether the keyword at `index` follows "its " or "its own ": in a resolution, the adopting
  /// body's own act ("reaffirming its resolution 73/183"), unless a body is named just before
  /// "in its" (``inItsResolution(before:in:)``, read first).
  static func followsIts<Unit: ScanUnit>(_ index: Int, in characters: [Unit]) -> Bool {
    for phrase in Self.itsPhrases {
      let start = index - phrase.count
      guard start >= 0 else { continue }
      var same = true
      for offset in 0..<phrase.count where characters[start + offset].ascii != phrase[offset] {
        same = false
        break
      }
      if same, start == 0 || !characters[start - 1].isLetter { return true }
    }
    return false
  }

  static let itsPhrases = [Array("its ".utf8), Array("its own ".utf8)]

  /// The body whose documents akn does not link (a treaty body, a specialised agency, a
  /// programme's assembly, a regional commission) that the sentence before `index` (back to a `;`
  /// or a full stop) names last, or nil when the last body it names is a UN organ or it names
  /// none.
  static func sentenceNamesOtherBody<Unit: ScanUnit>(before index: Int, in characters: [Unit]) -> CitedBody? {
    var start = index
    while start > 0, index - start < 400 {
      let previous = characters[start - 1].ascii
      if previous == UInt8(ascii: ";") { break }
      if previous == UInt8(ascii: "."), start < characters.count, characters[start].ascii == 0x20 { break }
      start -= 1
    }
    guard start < index else { return nil }
    let sentence = Array(Unit.string(characters[start..<index]).utf8)
    // Every name of a non-UN body holds one of these words: without one, nothing to look for.
    guard Self.otherBodyWords.contains(where: { word in Self.contains(sentence, word) }) else { return nil }
    // The body the sentence named last decides: "… the Commission on Science and Technology for
    // Development as requested by the General Assembly in its resolution 70/125" is the Assembly's.
    // (A name's body as its row in `UNBody.all`: copied once, for the name kept.)
    var last: (end: Int, length: Int, body: Int)?
    for position in sentence.indices where sentence[position] >= 0x41 && sentence[position] <= 0x5A {
      if position > 0, sentence[position - 1] >= 0x41 { continue }  // inside a word
      for name in Self.bodyNames[sentence[position], default: []] {
        let end = position + name.bytes.count
        guard end <= sentence.count, sentence[position..<end].elementsEqual(name.bytes) else { continue }
        if last == nil || end > last!.end || (end == last!.end && name.bytes.count > last!.length) {
          last = (end, name.bytes.count, name.body)
        }
      }
    }
    guard let row = last?.body, !UNBody.all[row].isUNOrgan else { return nil }
    let body = UNBody.all[row]
    return .named(body)
  }

  /// Whether `bytes` hold `word`.
  static func contains(_ bytes: [UInt8], _ word: [UInt8]) -> Bool {
    guard let first = word.first, bytes.count >= word.count else { return false }
    var index = 0
    while index + word.count <= bytes.count {
      if bytes[index] == first, bytes[index..<(index + word.count)].elementsEqual(word) { return true }
      index += 1
    }
    return false
  }

  /// The words every name of a body akn does not link contains.
  static let otherBodyWords: [[UInt8]] = {
    let words = ["Assembly", "Commission", "Conference", "Board", "League"]
    // (On the bytes: the names are ASCII, and a search of bytes costs no Foundation search.)
    for body in UNBody.all where !body.isUNOrgan {
      precondition(
        ([body.name] + body.otherNames).allSatisfy { name in
          words.contains { Self.contains(Array(name.utf8), Array($0.utf8)) }
        },
        "a body's name without one of the words that find it: \(body.name)")
    }
    return words.map { Array($0.utf8) }
  }()

  /// Body names longer than "Assembly", by their first byte, each with its body's row in
  /// `UNBody.all` (a row, not a copy of the body: a large value).
  static let bodyNames: [UInt8: [(bytes: [UInt8], body: Int)]] = {
    var names: [UInt8: [(bytes: [UInt8], body: Int)]] = [:]
    for (row, body) in UNBody.all.enumerated() {
      for name in [body.name] + body.otherNames where name.utf8.count > "Assembly".utf8.count {
        let bytes = Array(name.utf8)
        names[bytes[0], default: []].append((bytes, row))
      }
    }
    return names
  }()

  /// "The Human Rights Council, in its resolution 27/21": the body named just before "in its"
  /// (at most a few words before) is the one whose resolution it is.
  static func inItsResolution<Unit: ScanUnit>(before index: Int, in characters: [Unit]) -> CitedBody? {
    let phrase = Array("in its ".utf8)
    guard index >= phrase.count + 1 else { return nil }
    for offset in 0..<phrase.count where characters[index - phrase.count + offset].ascii != phrase[offset] {
      return nil
    }
    let end = index - phrase.count
    let start = max(0, end - 40)
    let before = Unit.string(characters[start..<end])
    guard !before.contains(";"), !before.contains(". ") else { return nil }
    var last: (position: String.Index, body: UNBody)?
    for body in UNBody.all {
      for name in [body.name] + body.otherNames where name.utf8.count > "Assembly".utf8.count {
        if let range = before.range(of: name, options: .backwards),
          last == nil || range.upperBound > last!.position
        {
          last = (range.upperBound, body)
        }
      }
    }
    guard let body = last?.body, body != .generalAssembly else { return nil }
    return .named(body)
  }

  /// A resolution cited in a footnote by its place in a report ("Official Records of the General
  /// Assembly, …, Supplement No. 53A (A/77/53/Add.1), chap. III, sect. A, resolution 51/4"): the
  /// Human Rights Council's report (Supplement No. 53) holds the Council's resolutions, the
  /// Economic and Social Council's records its subsidiary bodies'.
  static func inReport<Unit: ScanUnit>(before index: Int, in characters: [Unit]) -> CitedBody? {
    // "…, sect. A, resolution": a comma and a space before the keyword, "sect." or "chap." close.
    guard index >= 4, characters[index - 1].ascii == 0x20, characters[index - 2].ascii == UInt8(ascii: ","),
      (max(0, index - 16)..<(index - 2)).contains(where: { characters[$0].ascii == UInt8(ascii: ".") })
    else { return nil }
    let start = max(0, index - 240)
    let before = Unit.string(characters[start..<index])
    guard
      let place = before.range(of: "sect. ", options: .backwards)
        ?? before.range(of: "chap. ", options: .backwards),
      before[place.upperBound...].count <= 8, before.hasSuffix(", ")
    else { return nil }
    let report = before[..<place.lowerBound]
    guard let records = report.range(of: "Official Records of the ", options: .backwards) else { return nil }
    let source = report[records.upperBound...]
    if source.hasPrefix("Economic and Social Council") { return .other }
    // The Assembly's Official Records, Supplement No. 53: the Human Rights Council's report.
    if source.hasPrefix(UNBody.generalAssembly.name), source.contains("Supplement No. 53") {
      return .named(.humanRightsCouncil)
    }
    return nil
  }

  /// The body a report was made to, when the keyword at `index` gives the mandate it was made
  /// under: "the report to the Human Rights Council submitted pursuant to resolutions 34/24, 40/20
  /// and 46/17", "a report to the Commission on the Status of Women, in accordance with resolution
  /// …". A body asks for the reports made to it in its own resolutions, so the acts cited are
  /// the addressee's. The words between the name and the keyword are an optional participle
  /// ("submitted", "presented", "prepared", "made", after an optional comma) and the mandate's
  /// preposition ("pursuant to", "in accordance with", "in response to"); "to the" stands before
  /// the name. Nil for the General Assembly and its Main Committees (whose numbers are read as
  /// unnamed ones), for a generic word ("the Council") and for any other wording.
  static func reportedTo<Unit: ScanUnit>(before index: Int, in characters: [Unit]) -> CitedBody? {
    var end = index
    guard let preposition = Self.mandatePhrases.first(where: { ends($0, at: end, in: characters) }) else {
      return nil
    }
    end -= preposition.count
    var participle = false
    if let word = Self.reportParticiples.first(where: { ends($0, at: end, in: characters) }) {
      end -= word.count
      participle = true
    }
    // The name ends before the space (", " after it before a participle).
    guard end >= 2, characters[end - 1].ascii == 0x20 else { return nil }
    var nameEnd = end - 1
    if participle, characters[nameEnd - 1].ascii == UInt8(ascii: ",") { nameEnd -= 1 }
    // The rows by index: a row's body (a large value) is copied only for a name spelt there
    // (the first row both spelt there and of a body that counts decides, whichever is tested
    // first).
    let nameWords = Self.nameWords
    for row in nameWords.indices where nameWords[row].count <= nameEnd {
      let words = nameWords[row]
      let start = nameEnd - words.count
      guard Citations.spells(words, at: start, in: characters) else { continue }
      let body = Self.names[row].body
      guard case .named(let named) = body, named != .generalAssembly, !UNBody.mainCommittees.contains(named)
      else { continue }
      return ends(Self.toThe, at: start, in: characters) ? body : nil
    }
    return nil
  }

  /// Whether the units ending at `end` spell `phrase` (ASCII) and a non-letter, or nothing,
  /// stands before it.
  static func ends<Unit: ScanUnit>(_ phrase: [UInt8], at end: Int, in characters: [Unit]) -> Bool {
    let start = end - phrase.count
    guard start >= 0, end <= characters.count else { return false }
    for offset in 0..<phrase.count where characters[start + offset].ascii != phrase[offset] {
      return false
    }
    return start == 0 || !characters[start - 1].isLetter
  }

  /// The prepositions that give a report's mandate, each with the space after it.
  static let mandatePhrases = ["pursuant to ", "in accordance with ", "in response to "].map {
    Array($0.utf8)
  }
  /// The participles that may stand between a report's addressee and its mandate.
  static let reportParticiples = ["submitted ", "presented ", "prepared ", "made "].map { Array($0.utf8) }
  static let toThe = Array("to the ".utf8)

  /// The body a dated citation ending at `end` names after it ("resolution 5/12 of 2 March 2022
  /// of the United Nations Environment Assembly").
  static func after<Unit: ScanUnit>(citationEndingAt end: Int, in characters: [Unit]) -> CitedBody {
    named(after: Self.ofThe, at: end, in: characters, shortNames: false)
  }

  static let adoptedByThe = Array(" adopted by the ".utf8)
  static let andPhrase = Array(" and ".utf8)
  static let ofThe = Array(" of the ".utf8)

  /// The body named right after `phrase` at `position` (`.unnamed` when none is); with
  /// `shortNames` false, "Assembly" alone does not count.
  static func named<Unit: ScanUnit>(
    after phrase: [UInt8], at position: Int, in characters: [Unit], shortNames: Bool
  ) -> CitedBody {
    guard position + phrase.count < characters.count else { return .unnamed }
    for offset in 0..<phrase.count where characters[position + offset].ascii != phrase[offset] {
      return .unnamed
    }
    let start = position + phrase.count
    // The rows by index: a row's body (a large value) is copied only for the name found.
    let nameWords = Self.nameWords
    for row in nameWords.indices where start + nameWords[row].count <= characters.count {
      let words = nameWords[row]
      var same = true
      for offset in 0..<words.count where characters[start + offset].ascii != words[offset] {
        same = false
        break
      }
      if same, start + words.count == characters.count || !characters[start + words.count].isLetter {
        let body = Self.names[row].body
        guard case .named = body, shortNames || words.count > "Assembly".utf8.count else { return .unnamed }
        return body
      }
    }
    return .unnamed
  }

  /// Whether the keyword at `index` goes on with a list the sentence began ("…, including
  /// resolutions …", "in particular resolution …").
  static func continuesList<Unit: ScanUnit>(before index: Int, in characters: [Unit]) -> Bool {
    guard index >= 2, characters[index - 1].ascii == 0x20 else { return false }
    var start = index - 1
    while start > 0, characters[start - 1].isLetter { start -= 1 }
    let word = Unit.string(characters[start..<(index - 1)])
    return [
      "including", "particular", "particularly", "notably", "especially", "alia", "namely", "being",
    ].contains(word)
  }

  /// Whether the word ending before `space` is capitalised and not a sentence's opening verb
  /// ("Recalling", "Welcoming") or article.
  private static func precededByName<Unit: ScanUnit>(_ space: Int, in characters: [Unit]) -> Bool {
    var start = space
    while start > 0, characters[start - 1].isLetter { start -= 1 }
    guard start < space, characters[start].isASCIIUppercase else { return false }
    let word = Unit.string(characters[start..<space])
    if ["The", "See", "Also", "And", "By", "In", "Under", "Of"].contains(word) || word.hasSuffix("ing") {
      return false
    }
    return true
  }
}
