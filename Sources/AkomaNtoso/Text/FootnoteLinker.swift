/// Finds footnote markers in the running text and turns them into ``TextBlock/Segment/noteRef``.
///
/// A marker is a footnote number glued to the end of a word or punctuation ("were made,1",
/// "Security,4 to continue"). Only numbers that have a footnote text count, the first citation
/// of each note must come in order (1, then 2 …), and a note may be cited again later. Digits
/// after an abbreviation ("Add.1", "Corr.1", "No.3"), inside a symbol ("A/67/404") or after a
/// capital ("CO2") are never markers.
enum FootnoteLinker {
  static let abbreviations: Set<String> = [
    "Add", "Corr", "Rev", "Amend", "Suppl", "No", "Nos", "Vol", "vol", "para", "paras", "art",
    "arts", "p", "pp", "Ser", "ch", "chap", "sect", "Part", "Sess", "Res", "Dec", "Pt", "Annex",
    "annex", "Art", "Sect", "Chap", "Add", "Misc", "Inf", "Sub", "Vols", "Supp", "Ref",
  ]

  static func link(_ resolution: inout Resolution) {
    let known = Set(resolution.footnotes.map(\.marker))
    guard !known.isEmpty else { return }
    let order = resolution.footnotes.compactMap { Int($0.marker) }
    var state = State(order: order, known: known)

    for index in resolution.preface.indices {
      state.link(&resolution.preface[index].text)
    }
    for index in resolution.preamble.indices {
      state.link(&resolution.preamble[index])
    }
    for index in resolution.body.indices {
      state.link(&resolution.body[index])
    }
    for index in resolution.conclusions.indices {
      state.link(&resolution.conclusions[index].text)
    }

    // Footnotes whose marker was not found: attach them at the end of the last operative
    // paragraph so that no text is lost, and say so.
    for footnote in resolution.footnotes where !state.cited.contains(footnote.marker) {
      resolution.warnings.append(
        Diagnostic(
          .warning, rule: "footnote.unmatched",
          message:
            "footnote \(footnote.marker) has no marker in the text; it was attached at the end of the last operative paragraph",
          line: footnote.text.line))
      if let last = resolution.body.indices.last {
        resolution.body[last].appendNoteRef(marker: footnote.marker)
      }
    }
  }

  struct State {
    let order: [Int]
    let known: Set<String>
    var nextPosition = 0
    var cited: Set<String> = []

    mutating func link(_ item: inout BodyItem) {
      switch item {
      case .paragraph(var block):
        link(&block)
        item = .paragraph(block)
      case .section(var section):
        if var heading = section.heading {
          link(&heading)
          section.heading = heading
        }
        for index in section.items.indices { link(&section.items[index]) }
        item = .section(section)
      }
    }

    mutating func link(_ block: inout Block) {
      link(&block.text)
      for index in block.children.indices { link(&block.children[index]) }
      if var wrapUp = block.wrapUp {
        link(&wrapUp)
        block.wrapUp = wrapUp
      }
    }

    mutating func link(_ text: inout TextBlock) {
      var segments: [TextBlock.Segment] = []
      for segment in text.segments {
        guard case .text(let string) = segment else {
          segments.append(segment)
          continue
        }
        segments.append(contentsOf: split(string))
      }
      text.segments = segments
    }

    /// Splits `string` at the markers it contains.
    mutating func split(_ string: String) -> [TextBlock.Segment] {
      var result: [TextBlock.Segment] = []
      var pending = ""
      let characters = Array(string)
      var index = 0
      while index < characters.count {
        let character = characters[index]
        guard character.isASCII, character.isNumber, index > 0, !characters[index - 1].isNumber
        else {
          pending.append(character)
          index += 1
          continue
        }
        var end = index
        while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
        let digits = String(characters[index..<end])
        if isMarker(digits, in: characters, start: index, end: end) {
          // Drop a space left between the marker and the previous word, if any.
          if !pending.isEmpty { result.append(.text(pending)) }
          pending = ""
          result.append(.noteRef(marker: digits))
          cited.insert(digits)
          if let position = order[nextPosition...].prefix(3).firstIndex(of: Int(digits)!) {
            nextPosition = position + 1
          }
        } else {
          pending += digits
        }
        index = end
      }
      if !pending.isEmpty { result.append(.text(pending)) }
      return result
    }

    func isMarker(_ digits: String, in characters: [Character], start: Int, end: Int) -> Bool {
      guard known.contains(digits), digits.count <= 3, let value = Int(digits) else { return false }
      // In order the first time (a note whose marker is missing may be skipped, up to two); any
      // earlier note may be cited again.
      let expected = order[nextPosition...].prefix(3)
      guard expected.contains(value) || cited.contains(digits) else { return false }
      // What follows: the end, a space, or closing punctuation.
      if end < characters.count {
        let next = characters[end]
        guard next == " " || next == "," || next == ";" || next == "." || next == ":" || next == ")"
        else { return false }
      }
      let previous = characters[start - 1]
      if previous.isLetter {
        // The word before must be an ordinary word, not an abbreviation or a code in capitals.
        let word = Self.word(before: start, in: characters)
        if word.allSatisfy({ $0.isUppercase }) { return false }
        return true
      }
      switch previous {
      case ",", ";", ":", ")", "\u{201D}", "\u{2019}", "\"", "'":
        return true
      case ".":
        let word = Self.word(before: start - 1, in: characters)
        guard let lastLetter = word.last, lastLetter.isLetter else { return false }
        if FootnoteLinker.abbreviations.contains(word) { return false }
        // "A/C.2" or "S/RES.": a symbol, not a sentence.
        var cursor = start - 1 - word.count - 1
        while cursor >= 0, characters[cursor] != " " {
          if characters[cursor] == "/" { return false }
          cursor -= 1
        }
        return word.count > 1
      default:
        return false
      }
    }

    /// The run of letters ending just before `position`.
    static func word(before position: Int, in characters: [Character]) -> String {
      var start = position
      while start > 0, characters[start - 1].isLetter { start -= 1 }
      return String(characters[start..<position])
    }
  }
}

extension BodyItem {
  /// Adds a footnote reference at the end of the item's last text.
  mutating func appendNoteRef(marker: String) {
    switch self {
    case .paragraph(var block):
      block.appendNoteRef(marker: marker)
      self = .paragraph(block)
    case .section(var section):
      if let last = section.items.indices.last {
        section.items[last].appendNoteRef(marker: marker)
      } else if var heading = section.heading {
        heading.segments.append(.noteRef(marker: marker))
        section.heading = heading
      }
      self = .section(section)
    }
  }
}

extension Block {
  /// Adds a footnote reference at the end of the block's last text.
  mutating func appendNoteRef(marker: String) {
    if wrapUp != nil {
      wrapUp!.segments.append(.noteRef(marker: marker))
    } else if let last = children.indices.last {
      children[last].appendNoteRef(marker: marker)
    } else {
      text.segments.append(.noteRef(marker: marker))
    }
  }
}
