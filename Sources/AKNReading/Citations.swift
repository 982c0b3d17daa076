import AKNModel

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
    /// A citation of a work whose AKN IRI is known.
    case ref(href: String, text: String)
    /// A link to a document by its symbol.
    case link(href: String, text: String)
  }

  package static let undocs = "https://undocs.org/"

  /// Scans `text` for citations.
  package static func scan(_ text: String) -> [Inline] {
    if ScanText.isOneScalarPerCharacter(text) {
      return scan(Array(text.unicodeScalars))
    }
    return scan(Array(text))
  }

  package static func scan<Unit: ScanUnit>(_ characters: [Unit]) -> [Inline] {
    var result: [Inline] = []
    var pendingStart = 0
    var index = 0
    var listKind: ListKind?

    func flush(upTo end: Int) {
      if end > pendingStart { result.append(.text(Unit.string(characters[pendingStart..<end]))) }
    }

    while index < characters.count {
      let atWordStart: Bool
      if index == 0 {
        atWordStart = true
      } else {
        let previous = characters[index - 1]
        atWordStart =
          !(previous.isLetter || previous.isNumber || previous.ascii == 0x2F || previous.ascii == 0x2E)
      }
      if atWordStart {
        if let kind = ListKind.keyword(at: index, in: characters) {
          listKind = kind
        } else if listKind != nil, characters[index].isLetter,
          !Self.matches(Self.listWords, at: index, in: characters)
        {
          listKind = nil
        }
        if let citation = datedResolution(at: index, in: characters) {
          flush(upTo: index)
          result.append(.ref(href: citation.href, text: Unit.string(characters[index..<citation.end])))
          index = citation.end
          pendingStart = index
          continue
        }
        if let end = symbol(at: index, in: characters) {
          flush(upTo: index)
          let symbol = Unit.string(characters[index..<end])
          result.append(.link(href: undocs + symbol, text: symbol))
          index = end
          pendingStart = index
          continue
        }
        if let kind = listKind, let number = undatedNumber(at: index, in: characters, kind: kind) {
          flush(upTo: index)
          result.append(
            .link(href: undocs + number.symbol, text: Unit.string(characters[index..<number.end])))
          index = number.end
          pendingStart = index
          continue
        }
      }
      index += 1
    }
    flush(upTo: characters.count)
    return result
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

    static func keyword<Unit: ScanUnit>(at index: Int, in characters: [Unit]) -> ListKind? {
      guard let first = characters[index].ascii,
        first | 0x20 == UInt8(ascii: "r") || first | 0x20 == UInt8(ascii: "d")
      else { return nil }
      if Citations.matches(Citations.resolutionWords, at: index, in: characters) { return .resolution }
      if Citations.matches(Citations.decisionWords, at: index, in: characters) { return .decision }
      return nil
    }
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
    var end = index
    while end < characters.count, end - index < max + 1, characters[end].isASCIIDigit {
      end += 1
    }
    guard end > index, end - index <= max else { return nil }
    if end < characters.count, characters[end].isNumber { return nil }
    return (Unit.string(characters[index..<end]), end)
  }

  /// A resolution number at `index`: GA style `67/27` (with an optional letter, `68/247 B`) or
  /// SC style `242 (1967)`.
  package struct Number {
    var organ: Organ
    var iriNumber: String
    var symbol: String
    var end: Int
  }

  package static func resolutionNumber<Unit: ScanUnit>(
    at index: Int, in characters: [Unit], decision: Bool = false
  )
    -> Number?
  {
    guard characters[index].isASCIIDigit, let first = digits(at: index, in: characters, max: 4) else {
      return nil
    }
    var cursor = first.end
    if cursor < characters.count, characters[cursor].ascii == 0x2F, first.value.utf8.count <= 3,
      let second = digits(at: cursor + 1, in: characters, max: 4)
    {
      cursor = second.end
      var iri = "\(first.value)-\(second.value)"
      var symbolNumber = "\(first.value)/\(second.value)"
      // "68/247 B" followed by a non-letter.
      if cursor + 1 < characters.count, characters[cursor].ascii == 0x20,
        characters[cursor + 1].isASCIIUppercase,
        cursor + 2 == characters.count || !characters[cursor + 2].isLetter
      {
        let letter = Unit.string(characters[(cursor + 1)...(cursor + 1)])
        iri += "_\(letter)"
        symbolNumber += " \(letter)"
        cursor += 2
      }
      let series = decision ? "A/DEC/" : "A/RES/"
      return Number(organ: .generalAssembly, iriNumber: iri, symbol: series + symbolNumber, end: cursor)
    }
    // "242 (1967)"
    if !decision, cursor + 1 < characters.count, characters[cursor].ascii == 0x20,
      characters[cursor + 1].ascii == 0x28,
      let year = digits(at: cursor + 2, in: characters, max: 4), year.value.utf8.count == 4,
      year.end < characters.count, characters[year.end].ascii == 0x29
    {
      return Number(
        organ: .securityCouncil, iriNumber: first.value,
        symbol: "S/RES/\(first.value)(\(year.value))", end: year.end + 1)
    }
    return nil
  }

  /// "53/70 of 4 December 1998" → the AKN IRI of resolution 53/70.
  package static func datedResolution<Unit: ScanUnit>(at index: Int, in characters: [Unit]) -> (
    href: String, end: Int
  )? {
    guard let number = resolutionNumber(at: index, in: characters) else { return nil }
    let of = number.end
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
    return ("/akn/un/statement/deliberation/\(number.organ.actor)/\(date)/\(number.iriNumber)", position)
  }

  package static func undatedNumber<Unit: ScanUnit>(at index: Int, in characters: [Unit], kind: ListKind) -> (
    symbol: String, end: Int
  )? {
    guard let number = resolutionNumber(at: index, in: characters, decision: kind == .decision) else {
      return nil
    }
    return (number.symbol, number.end)
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
