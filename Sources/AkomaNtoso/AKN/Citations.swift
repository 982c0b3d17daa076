/// Finds citations in running text: resolutions cited with their date (→ `<ref>` to the cited
/// work's AKN IRI), resolutions cited by number alone and UN document symbols (→ `<a>` to
/// `https://undocs.org/SYMBOL`).
enum Citations {
  /// A piece of running text after citation scanning.
  enum Inline: Equatable {
    case text(String)
    /// A citation of a work whose AKN IRI is known.
    case ref(href: String, text: String)
    /// A link to a document by its symbol.
    case link(href: String, text: String)
  }

  static let undocs = "https://undocs.org/"

  /// Scans `text` for citations.
  static func scan(_ text: String) -> [Inline] {
    let characters = Array(text)
    var result: [Inline] = []
    var pending = ""
    var index = 0
    var listKind: ListKind?

    func flush() {
      if !pending.isEmpty { result.append(.text(pending)) }
      pending = ""
    }

    while index < characters.count {
      let atWordStart =
        index == 0
        || !(characters[index - 1].isLetter || characters[index - 1].isNumber
          || characters[index - 1] == "/" || characters[index - 1] == ".")
      if atWordStart {
        if let kind = ListKind.keyword(at: index, in: characters) {
          listKind = kind
        } else if characters[index].isLetter, listKind != nil,
          !Self.matches(["and", "or", "of", "its", "their", "the"], at: index, in: characters)
        {
          listKind = nil
        }
        if let citation = datedResolution(at: index, in: characters) {
          flush()
          result.append(.ref(href: citation.href, text: String(characters[index..<citation.end])))
          index = citation.end
          continue
        }
        if let end = symbol(at: index, in: characters) {
          flush()
          let symbol = String(characters[index..<end])
          result.append(.link(href: undocs + symbol, text: symbol))
          index = end
          continue
        }
        if let kind = listKind, let number = undatedNumber(at: index, in: characters, kind: kind) {
          flush()
          result.append(.link(href: undocs + number.symbol, text: String(characters[index..<number.end])))
          index = number.end
          continue
        }
      }
      pending.append(characters[index])
      index += 1
    }
    flush()
    return result
  }

  /// What a list of numbers after "resolutions" or "decisions" refers to.
  enum ListKind {
    case resolution
    case decision

    static func keyword(at index: Int, in characters: [Character]) -> ListKind? {
      if Citations.matches(["resolutions", "resolution"], at: index, in: characters) { return .resolution }
      if Citations.matches(["decisions", "decision"], at: index, in: characters) { return .decision }
      return nil
    }
  }

  /// True when one of `words` (lower case) stands at `index` as a whole word.
  static func matches(_ words: [String], at index: Int, in characters: [Character]) -> Bool {
    for word in words {
      let end = index + word.count
      guard end <= characters.count else { continue }
      if String(characters[index..<end]) == word, end == characters.count || !characters[end].isLetter {
        return true
      }
    }
    return false
  }

  static func digits(at index: Int, in characters: [Character], max: Int) -> (value: String, end: Int)? {
    var end = index
    while end < characters.count, end - index < max + 1, characters[end].isASCII, characters[end].isNumber {
      end += 1
    }
    guard end > index, end - index <= max else { return nil }
    if end < characters.count, characters[end].isNumber { return nil }
    return (String(characters[index..<end]), end)
  }

  /// A resolution number at `index`: GA style `67/27` (with an optional letter, `68/247 B`) or
  /// SC style `242 (1967)`.
  struct Number {
    var organ: Organ
    var iriNumber: String
    var symbol: String
    var end: Int
  }

  static func resolutionNumber(at index: Int, in characters: [Character], decision: Bool = false) -> Number? {
    guard let first = digits(at: index, in: characters, max: 4) else { return nil }
    var cursor = first.end
    if cursor < characters.count, characters[cursor] == "/", first.value.count <= 3,
      let second = digits(at: cursor + 1, in: characters, max: 4)
    {
      cursor = second.end
      var iri = "\(first.value)-\(second.value)"
      var symbolNumber = "\(first.value)/\(second.value)"
      // "68/247 B" followed by a non-letter.
      if cursor + 1 < characters.count, characters[cursor] == " ", characters[cursor + 1].isUppercase,
        characters[cursor + 1].isASCII, cursor + 2 == characters.count || !characters[cursor + 2].isLetter
      {
        iri += "_\(characters[cursor + 1])"
        symbolNumber += " \(characters[cursor + 1])"
        cursor += 2
      }
      let series = decision ? "A/DEC/" : "A/RES/"
      return Number(organ: .generalAssembly, iriNumber: iri, symbol: series + symbolNumber, end: cursor)
    }
    // "242 (1967)"
    if cursor + 1 < characters.count, characters[cursor] == " ", characters[cursor + 1] == "(",
      let year = digits(at: cursor + 2, in: characters, max: 4), year.value.count == 4,
      year.end < characters.count, characters[year.end] == ")", !decision
    {
      return Number(
        organ: .securityCouncil, iriNumber: first.value,
        symbol: "S/RES/\(first.value)(\(year.value))", end: year.end + 1)
    }
    return nil
  }

  /// "53/70 of 4 December 1998" → the AKN IRI of resolution 53/70.
  static func datedResolution(at index: Int, in characters: [Character]) -> (href: String, end: Int)? {
    guard let number = resolutionNumber(at: index, in: characters) else { return nil }
    let ofText: [Character] = [" ", "o", "f", " "]
    guard number.end + 4 < characters.count, Array(characters[number.end..<number.end + 4]) == ofText else {
      return nil
    }
    let rest = String(characters[(number.end + 4)...])
    guard let match = Dates.find(in: rest), match.range.lowerBound == rest.startIndex,
      let date = match.date
    else { return nil }
    let end = number.end + 4 + match.text.count
    return ("/akn/un/statement/deliberation/\(number.organ.rawValue)/\(date)/\(number.iriNumber)", end)
  }

  static func undatedNumber(at index: Int, in characters: [Character], kind: ListKind) -> (
    symbol: String, end: Int
  )? {
    guard let number = resolutionNumber(at: index, in: characters, decision: kind == .decision) else {
      return nil
    }
    return (number.symbol, number.end)
  }

  /// A UN document symbol at `index`: `A/67/404`, `A/C.2/59/3`, `S/2002/1`, `E/CN.4/2005/L.10/Add.2`.
  static func symbol(at index: Int, in characters: [Character]) -> Int? {
    // First segment: 1–10 capitals.
    var cursor = index
    while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isUppercase,
      cursor - index < 11
    {
      cursor += 1
    }
    guard cursor > index, cursor - index <= 10, cursor < characters.count, characters[cursor] == "/"
    else { return nil }
    var segments = 0
    var sawDigit = false
    var end = cursor
    while end < characters.count, characters[end] == "/" {
      // A segment: letters and digits, with inner dots or hyphens ("C.2", "L.10", "CONF.62").
      var segmentEnd = end + 1
      var lastGood = end
      while segmentEnd < characters.count {
        let character = characters[segmentEnd]
        if character.isASCII && (character.isLetter || character.isNumber) {
          if character.isNumber { sawDigit = true }
          segmentEnd += 1
          lastGood = segmentEnd
        } else if (character == "." || character == "-"), segmentEnd + 1 < characters.count,
          characters[segmentEnd + 1].isASCII,
          characters[segmentEnd + 1].isLetter || characters[segmentEnd + 1].isNumber
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
