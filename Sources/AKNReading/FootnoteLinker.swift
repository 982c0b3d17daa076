import AKNModel

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

  /// Links the markers of `resolution`'s footnotes in its text.
  ///
  /// With `printedMarkers` (a form that knows where its markers are, such as a PDF, where they
  /// are raised, smaller glyphs), a run of digits is a marker only if a printed marker with
  /// those digits and that spacing is left to find: the text's own numbers are never taken.
  static func link(
    _ resolution: inout Resolution, report: inout ReadingReport, printedMarkers: [PrintedMarker]? = nil
  ) {
    let known = Set(resolution.footnotes.map(\.marker))
    guard !known.isEmpty else { return }
    let order = resolution.footnotes.compactMap { Int($0.marker) }
    var state = State(order: order, known: known)
    state.numbers = citedNumbers(in: resolution)
    if let printedMarkers {
      state.printed = printedMarkers.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    // The model's one walk, in printed order: markers are looked for in the text a reader
    // reads, never in a table (its letters are the table's notes) or in the notes themselves;
    // a closing line first for the marker after its meeting.
    resolution.updatePlacedTextBlocks { text, place in
      switch place {
      case .formula, .table, .footnote: return
      case .conclusion:
        state.linkTrailer(&text)
        state.link(&text)
      case .preface, .text, .heading, .attachmentHeading:
        state.link(&text)
      }
    }

    if printedMarkers == nil, resolution.footnotes.contains(where: { !state.cited.contains($0.marker) }) {
      splitGluedMarkers(in: &resolution, cited: &state.cited)
    }

    // Footnotes whose marker was not found: attach them at the end of the last operative
    // paragraph so that no text is lost, and say so.
    for footnote in resolution.footnotes where !state.cited.contains(footnote.marker) {
      report.warnings.append(
        Diagnostic(
          .warning, rule: .footnoteUnmatched,
          message:
            "footnote \(footnote.marker) has no marker in the text; it was attached at the end of the last operative paragraph",
          line: footnote.text.line))
      if let last = resolution.body.indices.last {
        resolution.body[last].appendNoteRef(marker: footnote.marker)
      }
    }
  }

  /// A note whose marker was not found, printed against a number or code the document prints
  /// elsewhere without it: "COVID-1915" (COVID-19 and note 15) where "COVID-19" stands
  /// elsewhere, "2030116" (2030 and note 116). The glued word must end in digits followed by the
  /// note's number, stand once in the document, its part before the marker must stand elsewhere
  /// as a word of its own, and it must lie between the first citations of the notes before and
  /// after (when they are cited); a note with more than one such word is left unmatched.
  static func splitGluedMarkers(in resolution: inout Resolution, cited: inout Set<String>) {
    let textBlocks = Self.textBlockCount(of: resolution)
    // Every word of the text (footnotes aside), trailing punctuation removed, with its count;
    // and the block where each note is first cited.
    var counts: [Substring: Int] = [:]
    var firstCitation: [String: Int] = [:]
    var blockIndex = 0
    resolution.forEachTextBlock { block in
      defer { blockIndex += 1 }
      guard blockIndex < textBlocks else { return }
      for segment in block.segments {
        switch segment {
        case .text(let text):
          for word in text.split(separator: " ") { counts[Self.bareWord(word), default: 0] += 1 }
        case .noteRef(let marker):
          if firstCitation[marker] == nil { firstCitation[marker] = blockIndex }
        default: break
        }
      }
    }
    let markers = resolution.footnotes.map(\.marker)
    for (position, marker) in markers.enumerated() where !cited.contains(marker) {
      guard marker.allSatisfy(\.isASCIIDigit) else { continue }
      let lower = markers[..<position].last.flatMap { firstCitation[$0] } ?? 0
      let upper =
        markers[(position + 1)...].first.flatMap { firstCitation[$0] } ?? Int.max
      var found: [(block: Int, word: Substring)] = []
      blockIndex = 0
      resolution.forEachTextBlock { block in
        defer { blockIndex += 1 }
        guard blockIndex < textBlocks, (lower...max(lower, upper)).contains(blockIndex) else { return }
        for case .text(let text) in block.segments {
          for word in text.split(separator: " ") {
            let bare = Self.bareWord(word)
            guard bare.count > marker.count + 1, bare.hasSuffix(marker), counts[bare] == 1 else { continue }
            let stem = bare.dropLast(marker.count)
            guard stem.last?.isASCIIDigit == true, counts[stem, default: 0] >= 1 else { continue }
            found.append((blockIndex, bare))
          }
        }
      }
      guard found.count == 1, let glued = found.first else { continue }
      blockIndex = 0
      resolution.updateTextBlocks { block in
        defer { blockIndex += 1 }
        guard blockIndex == glued.block else { return }
        var segments: [TextBlock.Segment] = []
        var done = false
        for segment in block.segments {
          guard !done, case .text(let text) = segment, let range = Self.wordRange(glued.word, in: text) else {
            segments.append(segment)
            continue
          }
          let split = text.index(range.upperBound, offsetBy: -marker.count)
          segments.append(.text(String(text[..<split])))
          segments.append(.noteRef(marker: marker))
          let rest = String(text[range.upperBound...])
          if !rest.isEmpty { segments.append(.text(rest)) }
          done = true
        }
        block.segments = segments
      }
      cited.insert(marker)
    }
  }

  /// How many text blocks come before the footnotes in ``Resolution/updateTextBlocks(_:)``.
  static func textBlockCount(of resolution: Resolution) -> Int {
    var count = 0
    resolution.forEachTextBlock { _ in count += 1 }
    return count - resolution.footnotes.count
  }

  /// A word without the punctuation that may follow it ("2030116," → "2030116").
  static func bareWord(_ word: Substring) -> Substring {
    var end = word.endIndex
    while end > word.startIndex, ",.;:)".contains(word[word.index(before: end)]) {
      end = word.index(before: end)
    }
    return word[..<end]
  }

  /// Where `word` stands in `text` as a whole word (between spaces, perhaps with punctuation
  /// after it).
  static func wordRange(_ word: Substring, in text: String) -> Range<String.Index>? {
    for candidate in text.split(separator: " ") {
      let bare = bareWord(candidate)
      if bare == word { return bare.startIndex..<bare.endIndex }
    }
    return nil
  }

  /// The needle of the slash search in ``citedNumbers(in:)``.
  private static let slash: [UInt8] = [0x2F]

  /// Every `session/number` pair the document's text holds, each counted once per place it stands.
  static func citedNumbers(in resolution: Resolution) -> [String: Int] {
    var texts: [String] = resolution.preface.map(\.text.plainText)
    func add(_ block: Block) {
      texts.append(block.text.plainText)
      block.quoted.forEach(add)
      block.children.forEach(add)
      if let wrapUp = block.wrapUp { texts.append(wrapUp.plainText) }
    }
    func add(_ item: BodyItem) {
      switch item {
      case .paragraph(let block): add(block)
      case .section(let section):
        section.intro.forEach(add)
        section.items.forEach(add)
      }
    }
    resolution.preamble.forEach(add)
    resolution.body.forEach(add)
    resolution.attachments.forEach {
      $0.preamble.forEach(add)
      $0.items.forEach(add)
    }
    texts += resolution.footnotes.map(\.text.plainText)
    // Room for a resolution's numbers from the start (only looked up: no order to keep), so that
    // the table is not grown and rehashed number by number.
    var numbers: [String: Int] = [:]
    numbers.reserveCapacity(64)
    for text in texts {
      var text = text
      text.withUTF8 { bytes in
        // "A/67/404", "67/27": at each slash, 1–3 digits standing alone before it (after a
        // separator or another slash), and the digits after it. The slashes found by `memchr`
        // (``ScanText/byteOffset(of:in:)``), in order.
        var from = 0
        while from < bytes.count,
          let found = Self.slash.withUnsafeBufferPointer({
            ScanText.byteOffset(of: $0, in: UnsafeBufferPointer(rebasing: bytes[from...]))
          })
        {
          let slash = from + found
          from = slash + 1
          var first = slash
          while first > 0, bytes[first - 1] >= 0x30, bytes[first - 1] <= 0x39 { first -= 1 }
          guard (1...3).contains(slash - first) else { continue }
          // After a separator or a slash: " ", ",", ";", "(", ")" or "/".
          if first > 0 {
            switch bytes[first - 1] {
            case 0x20, 0x2C, 0x3B, 0x28, 0x29, 0x2F: break
            default: continue
            }
          }
          var end = slash + 1
          while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
          guard end > slash + 1 else { continue }
          numbers[
            String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self), default: 0] +=
            1
        }
      }
    }
    return numbers
  }

  struct State {
    let order: [Int]
    let known: Set<String>
    /// The numbers the document cites (`59/300`), to tell "59/3009" (59/300 and note 9) apart.
    var numbers: [String: Int] = [:]
    var nextPosition = 0
    var cited: Set<String> = []
    /// The printed markers not yet found, when the form knows them (nil: find them by shape).
    var printed: [PrintedMarker: Int]?
    /// Whether a note is marked with asterisks: computed once, not for every text split (over
    /// every note's marker each time, it made the linker's cost grow with the square of the
    /// document's size: 46 % of a generated 1 MB document).
    lazy var hasAsteriskMarker = known.contains { $0.utf8.first == 0x2A }
    /// The markers of `known` that are one to three ASCII digits, by their length and value (at
    /// `length * 1000 + value`): whether a run of digits is one of them, read without its text
    /// (``findsNoMarker(inASCII:)``). Digits of the same length and value are the same text.
    lazy var shortDigitMarkers: [Bool] = {
      var table = [Bool](repeating: false, count: 4000)
      for marker in known where (1...3).contains(marker.utf8.count) {
        guard marker.utf8.allSatisfy({ $0 &- 0x30 < 10 }), let value = Int(marker) else { continue }
        table[marker.utf8.count * 1000 + value] = true
      }
      return table
    }()

    /// "Adopted at the 80th meeting 25": a note's marker after the meeting of an adoption trailer
    /// (the meeting's number is the ordinal before it, so the number after it is the marker).
    mutating func linkTrailer(_ text: inout TextBlock) {
      guard text.segments.count == 1, case .text(let string) = text.segments[0] else { return }
      // The marker ends the line: a line whose last byte is ASCII but no digit, space or tab has
      // none (its last character is then no space or tab, stays when trimmed and is no digit).
      if let last = string.utf8.last, last < 0x80, last &- 0x30 >= 10, last != 0x20, last != 0x09 { return }
      let trimmed = string.trimmed
      guard let space = trimmed.lastIndex(of: " ") else { return }
      let marker = String(trimmed[trimmed.index(after: space)...])
      let before = trimmed[..<space]
      guard marker.allSatisfy(\.isASCIIDigit), known.contains(marker), !cited.contains(marker),
        before.hasSuffix(" meeting") || before.hasSuffix(" meetings"),
        let ordinal = before.dropLast(before.hasSuffix("s") ? 9 : 8).split(separator: " ").last,
        ordinal.first?.isASCIIDigit == true, ["st", "nd", "rd", "th"].contains(String(ordinal.suffix(2)))
      else { return }
      text.segments = [.text(String(before)), .noteRef(marker: marker)]
      cited.insert(marker)
    }

    mutating func link(_ text: inout TextBlock) {
      // The segments are copied only from the first run that changes (most blocks have none):
      // a run that ``splitIfChanged(_:)`` leaves is the segment it was.
      var segments: [TextBlock.Segment]?
      for (offset, segment) in text.segments.enumerated() {
        if case .text(let string) = segment, let pieces = splitIfChanged(string) {
          if segments == nil { segments = Array(text.segments[..<offset]) }
          segments?.append(contentsOf: pieces)
        } else {
          segments?.append(segment)
        }
      }
      if let segments { text.segments = segments }
    }

    /// Splits `string` at the markers it contains.
    mutating func split(_ string: String) -> [TextBlock.Segment] {
      splitIfChanged(string) ?? [.text(string)]
    }

    /// ``split(_:)``, or nil when it gives `string` back as the one run it is (not empty, no
    /// marker found).
    mutating func splitIfChanged(_ string: String) -> [TextBlock.Segment]? {
      // A marker is a run of ASCII digits, or the asterisks of a note so marked.
      let asterisk = hasAsteriskMarker
      var bytes = string
      guard
        bytes.withUTF8({
          Self.firstDigitOrStar(in: $0, from: 0, stopsAtOther: false, asterisk: asterisk) < $0.count
        })
      else {
        return string.isEmpty ? [] : nil
      }
      // An ASCII text whose every run of digits is refused on its bytes (the usual case: years,
      // numbers, no note's marker) is given back whole, as the scan of its bytes gives it.
      if printed == nil, bytes.withUTF8({ findsNoMarker(inASCII: $0) }) { return nil }
      // ASCII (the usual case): scan the bytes; every character one scalar: scan the scalars.
      if let ascii = ScanText.asciiBytes(string) { return split(ascii) }
      if ScanText.isOneScalarPerCharacter(string) { return split(ScanText.scalars(string)) }
      return split(Array(string))
    }

    /// Whether `split(_:)` finds no marker in the text of `bytes` when it is ASCII with no CR (the
    /// texts whose bytes it scans, ``ScanText/asciiBytes(_:)``), when markers are found by shape
    /// (no printed markers); false when it may find one or the text is another.
    ///
    /// Told on the bytes, before the text of any run is made: a run of digits (after a unit that
    /// is no digit, never at the start) is a marker only as `numberAndMarker` reads one (after a
    /// slash, more digits than the next note's number, ending with it), as `yearAndMarker` does
    /// (four digits and the next note's number, five or six in all) or as `isMarker` does (one to
    /// three digits that are a note's marker, ``shortDigitMarkers``): a run none of the three can
    /// take leaves the text as it is, and so does an asterisk only where no note is marked with
    /// one.
    mutating func findsNoMarker(inASCII bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      let asterisk = hasAsteriskMarker
      let table = shortDigitMarkers
      // The next note's number, as `numberAndMarker` and `yearAndMarker` write it (no leading
      // zero): its value and its count of digits (none left, or not written in digits: -1, 0).
      var next = -1
      var nextLength = 0
      if nextPosition < order.count, order[nextPosition] >= 0 {
        next = order[nextPosition]
        var rest = next
        repeat {
          nextLength += 1
          rest /= 10
        } while rest > 0
      }
      let count = bytes.count
      if count > 0, bytes[0] >= 0x80 || bytes[0] == 0x0D { return false }
      var index = 1
      while index < count {
        // Past the bytes that change nothing here (no digit, ASCII but CR, no asterisk that
        // marks): the loop would only step over them.
        index = Self.firstDigitOrStar(in: bytes, from: index, stopsAtOther: true, asterisk: asterisk)
        guard index < count else { break }
        let byte = bytes[index]
        if byte >= 0x80 || byte == 0x0D || (byte == 0x2A && asterisk) { return false }
        guard byte &- 0x30 < 10, bytes[index - 1] &- 0x30 >= 10 else {
          index += 1
          continue
        }
        var end = index
        var value = 0
        while end < count, bytes[end] &- 0x30 < 10 {
          if end - index < 3 { value = value * 10 + Int(bytes[end] &- 0x30) }
          end += 1
        }
        let length = end - index
        if length <= 3, table[length * 1000 + value] { return false }
        if nextLength > 0, length > nextLength {
          // The run ends with the next note's number (its last digits, as many, of that value).
          var suffix = 0
          for position in (end - nextLength)..<end { suffix = suffix * 10 + Int(bytes[position] &- 0x30) }
          if suffix == next {
            if index >= 2, bytes[index - 1] == 0x2F { return false }
            if length - nextLength == 4, length == 5 || length == 6 { return false }
          }
        }
        index = end
      }
      // (The bytes after the last one read are digits of a run: ASCII.)
      return true
    }

    /// The index of the first byte of `bytes` from `from` that is an ASCII digit or an asterisk
    /// (when `asterisk`, a note being marked with one) or, when `stopsAtOther`, a byte over 0x7F
    /// or CR; the count when there is none. Read eight bytes at a time (``ByteWords``), then byte
    /// by byte.
    static func firstDigitOrStar(
      in bytes: UnsafeBufferPointer<UInt8>, from: Int, stopsAtOther: Bool, asterisk: Bool
    ) -> Int {
      let count = bytes.count
      var index = from
      if index + 8 <= count {
        let raw = UnsafeRawBufferPointer(bytes)
        // (Each load is bounds-checked by the loop: `index + 8 <= count`.)
        while index + 8 <= count {
          let word = ByteWords.load(raw, at: index)
          var found = ByteWords.digits(word)
          if asterisk { found |= ByteWords.equal(word, to: 0x2A) }
          if stopsAtOther { found |= ByteWords.over7F(word) | ByteWords.equal(word, to: 0x0D) }
          if found != 0 { return index + ByteWords.firstIndex(found) }
          index += 8
        }
      }
      while index < count {
        let byte = bytes[index]
        if byte &- 0x30 < 10 || (byte == 0x2A && asterisk) || (stopsAtOther && (byte >= 0x80 || byte == 0x0D))
        {
          return index
        }
        index += 1
      }
      return count
    }

    /// Whether `digits`, one to three ASCII digits, are a marker of `known`: read in `table`
    /// (``shortDigitMarkers``) by their count and value, the same digits' text.
    static func isShortMarker(_ digits: String, in table: [Bool]) -> Bool {
      shortMarkerValue(digits, in: table) != nil
    }

    /// The value of `digits` (what `Int` reads from them) when ``isShortMarker(_:in:)`` holds,
    /// nil otherwise: the digits are read once, for the test and for their value.
    static func shortMarkerValue(_ digits: String, in table: [Bool]) -> Int? {
      var value = 0
      var count = 0
      for byte in digits.utf8 {
        guard byte &- 0x30 < 10, count < 3 else { return nil }
        value = value * 10 + Int(byte &- 0x30)
        count += 1
      }
      return count > 0 && table[count * 1000 + value] ? value : nil
    }

    /// `split(_:)` on the characters of a string, or on its scalars when each is a character.
    mutating func split<Unit: ScanUnit>(_ characters: [Unit]) -> [TextBlock.Segment] {
      let asterisk = hasAsteriskMarker
      let shortMarkers = shortDigitMarkers
      var result: [TextBlock.Segment] = []
      // The text not yet emitted: characters[pendingStart..<index].
      var pendingStart = 0
      var index = 0
      func flush() {
        if index > pendingStart { result.append(.text(Unit.string(characters[pendingStart..<index]))) }
      }
      while index < characters.count {
        if asterisk, index > 0, characters[index].isScalar("*") {
          // "abstention,*" or "work *": the note marked with an asterisk; "QUARTEY (Ghana),**":
          // the note marked with two. A run of asterisks that marks no note stays text.
          var end = index
          while end < characters.count, characters[end].isScalar("*") { end += 1 }
          let marker = String(repeating: "*", count: end - index)
          if known.contains(marker) {
            flush()
            result.append(.noteRef(marker: marker))
            cited.insert(marker)
            pendingStart = end
          }
          index = end
          continue
        }
        guard index > 0, characters[index].isASCIIDigit, !characters[index - 1].isNumber else {
          index += 1
          continue
        }
        var end = index
        while end < characters.count, characters[end].isASCIIDigit { end += 1 }
        // A run that none of the readings below can take is passed over without making its text
        // (years, mostly). With no printed markers, `isMarker` takes at most three digits;
        // `yearAndMarker` takes five or six and `numberAndMarker` two or more after a slash, both
        // only with a note left in order (their first guards, the run's length being
        // `digits.utf8.count`). Any other run ends as it would after them: `index = end`.
        if printed == nil, end - index > 3 {
          let noteLeft = nextPosition < order.count
          let yearAndMarker = noteLeft && (5...6).contains(end - index)
          let numberAndMarker = noteLeft && index >= 2 && characters[index - 1].isScalar("/")
          if !yearAndMarker && !numberAndMarker {
            index = end
            continue
          }
        }
        let digits = Unit.string(characters[index..<end])
        if printed != nil {
          if takePrinted(digits, in: characters, start: index, end: end) {
            flush()
            result.append(.noteRef(marker: digits))
            cited.insert(digits)
            pendingStart = end
          }
          index = end
          continue
        }
        // "resolution 59/3009" (resolution 59/300, cited elsewhere, and note 9) or "of 19721"
        // (the year 1972 and note 1): a number and the next note's marker printed together.
        if let (kept, marker) = numberAndMarker(digits, in: characters, start: index, end: end)
          ?? yearAndMarker(digits, in: characters, start: index, end: end)
        {
          result.append(.text(Unit.string(characters[pendingStart..<index]) + kept))
          result.append(.noteRef(marker: marker))
          cited.insert(marker)
          nextPosition += 1
          index = end
          pendingStart = index
          continue
        }
        if isMarker(digits, in: characters, start: index, end: end, shortMarkers: shortMarkers) {
          // Drop a space left between the marker and the previous word, if any.
          flush()
          result.append(.noteRef(marker: digits))
          cited.insert(digits)
          if let position = order[nextPosition...].prefix(3).firstIndex(of: Int(digits)!) {
            nextPosition = position + 1
          }
          pendingStart = end
          // "1992 1/": the slash of a typewriter-style marker goes with it.
          if end < characters.count, characters[end].isScalar("/") {
            index = end + 1
            pendingStart = index
            continue
          }
        }
        index = end
      }
      flush()
      return result
    }

    /// Whether the digits at `start..<end` are a printed marker left to find (and takes it):
    /// set against the word before (or after a space where the marker was printed so), the end
    /// of a word or a clause after them, not inside a symbol ("A/C.2") or after an abbreviation
    /// ("Add.1").
    mutating func takePrinted<Unit: ScanUnit>(_ digits: String, in characters: [Unit], start: Int, end: Int)
      -> Bool
    {
      // A marker set off by a space follows a number ("of 2023 36", "in 2025. 14"), never a word
      // ("section 36").
      let spaced = characters[start - 1].isScalar(" ")
      if spaced {
        guard start >= 2 else { return false }
        let before = characters[start - 2]
        guard before.isNumber || (before.isScalar(".") && start >= 3 && characters[start - 3].isNumber) else {
          return false
        }
      }
      let key = PrintedMarker(marker: digits, spaced: spaced)
      guard known.contains(digits), let count = printed?[key], count > 0 else { return false }
      if Self.isInsideNumber(characters, end: end) { return false }
      if end < characters.count {
        let next = characters[end]
        guard " ,;.:)".unicodeScalars.contains(where: { next.isScalar($0) }) else { return false }
      }
      let previous = characters[start - 1]
      guard
        spaced || previous.isLetter
          || ",;:.)]\u{201D}\u{2019}\"'".unicodeScalars.contains(where: { previous.isScalar($0) })
      else { return false }
      if previous.isScalar(".") {
        // After a word's full stop ("resolution.2"), not a number's ("6.5"), a paragraph's
        // ("IV.7", "A.2") or an abbreviation's ("Add.1").
        let word = Self.word(before: start - 1, in: characters)
        if !word.contains(where: \.isLowercase) || FootnoteLinker.abbreviations.contains(word) {
          return false
        }
        var cursor = start - 2 - word.count
        while cursor >= 0, !characters[cursor].isScalar(" ") {
          if characters[cursor].isScalar("/") { return false }
          cursor -= 1
        }
      }
      printed?[key] = count - 1
      return true
    }

    /// (`shortMarkers`: ``shortDigitMarkers``, read by ``shortMarkerValue(_:in:)`` instead of a look-up
    /// of the digits' text in `known`.)
    func isMarker<Unit: ScanUnit>(
      _ digits: String, in characters: [Unit], start: Int, end: Int, shortMarkers: [Bool]
    ) -> Bool {
      // (`digits` is ASCII digits: its characters are its bytes; the count before the set.)
      guard digits.utf8.count <= 3, let value = Self.shortMarkerValue(digits, in: shortMarkers) else {
        return false
      }
      // In order the first time (a note whose marker is missing may be skipped, up to two); any
      // earlier note may be cited again.
      let expected = order[nextPosition...].prefix(3)
      guard expected.contains(value) || cited.contains(digits) else { return false }
      // What follows: the end, a space, or closing punctuation.
      var slashed = false
      if Self.isInsideNumber(characters, end: end) { return false }
      if end < characters.count {
        let next = characters[end]
        if next.isScalar("/") {
          // "30 September 1992 1/": a typewriter-style marker.
          slashed =
            end + 1 == characters.count || characters[end + 1].isScalar(" ")
            || characters[end + 1].isScalar(",")
            || characters[end + 1].isScalar(";") || characters[end + 1].isScalar(".")
          guard slashed else { return false }
        } else {
          guard
            next.isScalar(" ") || next.isScalar(",") || next.isScalar(";") || next.isScalar(".")
              || next.isScalar(":") || next.isScalar(")")
          else { return false }
        }
      }
      let previous = characters[start - 1]
      if slashed {
        return previous.isScalar(" ") || previous.isLetter
          || ",;:.)".unicodeScalars.contains(where: { previous.isScalar($0) })
      }
      if previous.isScalar(" ") {
        return isSpacedMarker(value, in: characters, start: start, end: end)
      }
      if previous.isLetter {
        // The word before must be an ordinary word, not an abbreviation or a code in capitals.
        let word = Self.word(before: start, in: characters)
        if word.allSatisfy({ $0.isUppercase }) { return false }
        return true
      }
      if ",;:)\u{201D}\u{2019}\"'".unicodeScalars.contains(where: { previous.isScalar($0) }) {
        return true
      }
      if previous.isScalar(".") {
        let word = Self.word(before: start - 1, in: characters)
        guard let lastLetter = word.last, lastLetter.isLetter else { return false }
        if FootnoteLinker.abbreviations.contains(word) { return false }
        // "paragraph IV.7", "section A.2": a paragraph's number, not a sentence's end.
        if Self.isLabel(word) { return false }
        // "A/C.2" or "S/RES.": a symbol, not a sentence.
        var cursor = start - 1 - word.count - 1
        while cursor >= 0, !characters[cursor].isScalar(" ") {
          if characters[cursor].isScalar("/") { return false }
          cursor -= 1
        }
        return word.count > 1
      }
      return false
    }

    /// A year with the next note's marker glued to it ("of 19721", "the Decade 2014–202415"):
    /// only after a space or as the end of a range of years (a dash after an earlier year), only
    /// the next note in order, and only where a year from 1900 to 2099 is left.
    func yearAndMarker<Unit: ScanUnit>(_ digits: String, in characters: [Unit], start: Int, end: Int) -> (
      String, String
    )? {
      // (`digits` is ASCII digits: its characters are its bytes.)
      guard (5...6).contains(digits.utf8.count), nextPosition < order.count, start > 0 else { return nil }
      let marker = String(order[nextPosition])
      guard digits.hasSuffix(marker), digits.count - marker.count == 4, let year = Int(digits.prefix(4)),
        (1900...2099).contains(year)
      else { return nil }
      if !characters[start - 1].isScalar(" ") {
        // "2014–2024": the range's first year, a dash, then this one (not earlier).
        guard characters[start - 1].isScalar("–") || characters[start - 1].isScalar("-"), start >= 5,
          characters[(start - 5)..<(start - 1)].allSatisfy(\.isASCIIDigit),
          start == 5 || !characters[start - 6].isASCIIDigit,
          let first = Int(Unit.string(characters[(start - 5)..<(start - 1)])), (1900...year).contains(first)
        else { return nil }
      }
      if end < characters.count, !" ,;.:)".unicodeScalars.contains(where: { characters[end].isScalar($0) }) {
        return nil
      }
      return (String(digits.prefix(4)), marker)
    }

    /// A number's second part with the next note's marker glued to it ("59/3009"): only the next
    /// note in order, only when the number without the marker is one the document cites
    /// elsewhere and the number with it is not.
    func numberAndMarker<Unit: ScanUnit>(_ digits: String, in characters: [Unit], start: Int, end: Int) -> (
      String, String
    )? {
      // (`digits` is ASCII digits: its characters are its bytes.)
      guard start >= 2, characters[start - 1].isScalar("/"), digits.utf8.count >= 2,
        nextPosition < order.count
      else { return nil }
      var first = start - 1
      while first > 0, characters[first - 1].isASCIIDigit { first -= 1 }
      guard (1...3).contains(start - 1 - first) else { return nil }
      let marker = String(order[nextPosition])
      guard digits.hasSuffix(marker), digits.count > marker.count else { return nil }
      if end < characters.count, !" ,;.:)".unicodeScalars.contains(where: { characters[end].isScalar($0) }) {
        return nil
      }
      let session = Unit.string(characters[first..<(start - 1)])
      let number = String(digits.dropLast(marker.count))
      guard numbers["\(session)/\(number)", default: 0] > 0, numbers["\(session)/\(digits)", default: 0] <= 1
      else {
        return nil
      }
      return (number, marker)
    }

    /// Words after which a number is a number, not a note: "resolution 70", "paragraph 4".
    /// Whether the digits ending at `end` go on as a number: a decimal or a thousands group
    /// follows ("8.5 trillion", "4,995,400 dollars"). A number that is part of an amount is never
    /// a marker.
    static func isInsideNumber<Unit: ScanUnit>(_ characters: [Unit], end: Int) -> Bool {
      guard end + 1 < characters.count, characters[end + 1].isASCIIDigit else { return false }
      if characters[end].isScalar(".") { return true }
      // A group of three digits, and no more ("4,995,400"; not the markers "10,11").
      guard characters[end].isScalar(",") else { return false }
      var cursor = end + 1
      while cursor < characters.count, characters[cursor].isASCIIDigit { cursor += 1 }
      return cursor - end - 1 == 3
    }

    /// Whether `word`, ending at `position`, opens a label after the end of a sentence ("…
    /// agreements. Action 13. We will …"): a capitalised word, after a full stop, a colon or a
    /// semicolon, or at the start.
    static func opensLabel<Unit: ScanUnit>(word: String, at position: Int, in characters: [Unit]) -> Bool {
      guard let first = word.first, first.isUppercase, word.count >= 3 else { return false }
      var cursor = position - word.count
      while cursor > 0, characters[cursor - 1].isScalar(" ") { cursor -= 1 }
      guard cursor > 0 else { return true }
      let previous = characters[cursor - 1]
      return ".;:".unicodeScalars.contains { previous.isScalar($0) }
    }

    /// Whether `word` is a division's label: a Roman numeral or a capital letter ("IV", "A").
    static func isLabel(_ word: String) -> Bool {
      guard !word.isEmpty, word.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
      return word.count == 1 || word.allSatisfy { "IVXLC".contains($0) }
    }

    static let countingWords: Set<String> = [
      "resolution", "resolutions", "paragraph", "paragraphs", "para", "paras", "of", "and", "to", "no",
      "nos", "article", "articles", "section", "sections", "chapter", "chapters", "annex", "annexes",
      "item", "items", "page", "pages", "vol", "rule", "rules", "on", "at", "by", "the", "than", "with",
      "from", "in", "per", "principle", "principles", "goal", "goals", "target", "targets", "decision",
      "decisions", "or", "about", "some", "over", "under", "part", "level", "phase", "table", "figure",
      "step", "option", "class", "category", "group", "meeting", "meetings",
      "resolutions", "for", "first", "last", "next", "every", "all", "up", "only", "nearly", "almost",
      "least", "within", "after", "before", "between", "until", "since", "during", "year", "years",
      "day", "days", "cluster", "pillar", "commitment", "recommendation",
      "recommendations", "is", "are", "was", "were", "be", "into", "a", "an", "as", "also",
    ]

    /// "Disabilities, 4" or "UN-Nutrition 26 and": a marker set off by a space. Only the next
    /// note in order counts, after a word or a comma, and not before a month, a unit or a count.
    func isSpacedMarker<Unit: ScanUnit>(_ value: Int, in characters: [Unit], start: Int, end: Int) -> Bool {
      // The next note, or the one after when a marker was missed ("Agenda 216").
      guard order[nextPosition...].prefix(2).contains(value), start >= 2 else { return false }
      let before = characters[start - 2]
      if before.isNumber {
        // After a year ("of 16 October 2020 36 and", "the Decade 2014–2024 12 constitute") or a
        // resolution's number ("resolutions 71/205 13 and 72/190").
        var first = start - 2
        while first > 0, characters[first - 1].isNumber { first -= 1 }
        let length = start - 1 - first
        let year =
          Int(Unit.string(characters[first..<(start - 1)])).map { (1900...2099).contains($0) } ?? false
        let afterSlash = first >= 2 && characters[first - 1].isScalar("/") && characters[first - 2].isNumber
        guard (length == 4 && year) || afterSlash else { return false }
      } else if !(before.isLetter
        || ",;:.)\u{201D}\u{2019}".unicodeScalars.contains(where: { before.isScalar($0) }))
      {
        return false
      }
      if before.isLetter,
        Self.opensLabel(word: Self.word(before: start - 1, in: characters), at: start - 1, in: characters)
      {
        return false
      }
      if before.isLetter {
        let word = Self.word(before: start - 1, in: characters).lowercased()
        // "the 1710th meeting 21": a meeting that has its number already is not counted.
        let numberedMeeting =
          word.hasPrefix("meeting")
          && Self.isOrdinal(Self.token(before: start - 1 - word.count, in: characters))
        if (Self.countingWords.contains(word) && !numberedMeeting) || word.count < 2 { return false }
      }
      // What follows: the end, or a word that does not make the number a quantity or a date.
      var cursor = end
      while cursor < characters.count, characters[cursor].isScalar(" ") { cursor += 1 }
      guard cursor < characters.count else { return true }
      let afterStart = cursor
      while cursor < characters.count, characters[cursor].isLetter { cursor += 1 }
      let after = Unit.string(characters[afterStart..<cursor])
      if after.isEmpty {
        guard characters[cursor].isNumber else { return !characters[cursor].isScalar("(") }
        // "24 March 2016, 5 34/32 of …": the next item of a list of symbols.
        // "Speech, 11 16 May as …": a date goes on.
        var probe = cursor
        while probe < characters.count, characters[probe].isNumber { probe += 1 }
        if probe < characters.count && characters[probe].isScalar("/") { return true }
        guard probe < characters.count, characters[probe].isScalar(" ") else { return false }
        probe += 1
        let monthStart = probe
        while probe < characters.count, characters[probe].isLetter { probe += 1 }
        let month = Unit.string(characters[monthStart..<probe])
        return Dates.months.contains(month.lowercased())
      }
      let lowered = after.lowercased()
      if Dates.months.contains(lowered) || Self.quantityWords.contains(lowered) { return false }
      // "25 Member States, 6 from African States, 5 from …": counts in a list.
      if lowered == "from" && before.isScalar(",") { return false }
      return true
    }

    /// Words after a number that make it a quantity: "4 votes", "3 per cent".
    static let quantityWords: Set<String> = [
      "votes", "vote", "per", "members", "member", "states", "countries", "million", "billion", "years",
      "year", "months", "month", "days", "day", "weeks", "hours", "times", "dollars", "percent",
      "abstentions", "abstention", "persons", "out", "more", "less", "people", "women", "children",
      "meetings", "meeting", "sessions", "paragraphs", "pages", "items", "a", "b", "c", "p", "pm", "am",
    ]

    /// The word (letters and digits) before the spaces before `position`.
    static func token<Unit: ScanUnit>(before position: Int, in characters: [Unit]) -> String {
      var end = position
      while end > 0, characters[end - 1].isScalar(" ") { end -= 1 }
      var start = end
      while start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber { start -= 1 }
      return Unit.string(characters[start..<end])
    }

    /// "1710th", "3rd", "21st", "2nd".
    static func isOrdinal(_ text: String) -> Bool {
      let digits = text.prefix(while: \.isASCIIDigit)
      return !digits.isEmpty && ["st", "nd", "rd", "th"].contains(text.dropFirst(digits.count))
    }

    /// The run of letters ending just before `position`.
    static func word<Unit: ScanUnit>(before position: Int, in characters: [Unit]) -> String {
      var start = position
      while start > 0, characters[start - 1].isLetter { start -= 1 }
      return Unit.string(characters[start..<position])
    }
  }
}

/// A footnote marker as a form prints it: its digits, and whether a space stands before it in
/// the text the form gives (a marker after a number is set off by a space so that it stays a
/// word of its own).
package struct PrintedMarker: Sendable, Hashable {
  /// The digits.
  package var marker: String
  /// Whether a space stands before it.
  package var spaced: Bool

  /// A printed marker.
  package init(marker: String, spaced: Bool) {
    self.marker = marker
    self.spaced = spaced
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
