import AKNReading
import Foundation

/// Checks that every word of the input reaches the output, in order.
package enum WordCheck {
  /// A word of the input that is not in the output.
  package struct LostWord: Equatable {
    package var word: String
    package var line: Int
  }

  /// Compares the input's words (furniture removed) with the output's words.
  ///
  /// Words are runs of letters or of digits (a letter–digit boundary splits, so "made,1" and
  /// "Committee1" give the marker as a word of its own), compared as `String`s compare
  /// (canonical equivalence). The output's footnotes come after its body, as in the input.
  /// Footnote markers (numbers that name a footnote) may be missing from the output's running
  /// text: they became `@marker`. A word split at a line end and joined without its hyphen
  /// (`pro-` / `visions` → `provisions`, one of `hyphenJoins`) is compared as joined. A table's
  /// note (one of `tableNotes`) is compared after the footnotes, as the output lists it: its
  /// letter that opens its first line (`a See A/78/534.`) is its marker, and the letter glued to
  /// a cell's word (`Questionsc`) is compared as the word and the marker.
  package static func lostWords(
    input: SourceText, furniture: [RemovedLine], output: DocumentText, footnoteOrder: [String],
    noteLines: [Int] = [], inlineNotes: [InlineNote] = [], repairs: [Repair] = [], moved: MovedLines? = nil,
    hyphenJoins: [HyphenJoin] = [], tableNotes: [Footnote] = []
  ) -> [LostWord] {
    let tableNoteMarkers = Set(tableNotes.map(\.marker))
    let tableNoteLines = Set(tableNotes.map(\.text.line))
    var tableNoteWords = WordSequence()
    var lastTableNoteLine: Int?
    let markers = Set(footnoteOrder)
    var removedAnchors: [Int: [String]] = [:]
    var removedLines: Set<Int> = []
    for item in furniture {
      // A part of a line left out (an ODS comment anchor, the masthead part of a line that
      // goes on with text): only that part is removed.
      if item.reason == LeftOutReason.odsCommentAnchor || item.reason == LeftOutReason.mastheadPart {
        removedAnchors[item.line, default: []].append(item.text)
      } else {
        removedLines.insert(item.line)
      }
    }
    // Footnote texts read out of the running text are compared after it, as the output has them.
    let notes = Set(noteLines)
    var repaired: [Int: [Repair]] = [:]
    for repair in repairs { repaired[repair.line, default: []].append(repair) }
    var splitEnds: [Int: HyphenJoin] = [:]
    var splitStarts: [Int: HyphenJoin] = [:]
    for join in hyphenJoins where join.dropsHyphen && join.line != join.nextLine {
      splitEnds[join.line] = join
      splitStarts[join.nextLine] = join
    }
    var inline: [Int: [InlineNote]] = [:]
    for note in inlineNotes { inline[note.line, default: []].append(note) }
    var inputWords = WordSequence(reservingFor: input.lines.reduce(0) { $0 + $1.text.utf8.count })
    var noteWords = WordSequence()
    var movedWords = WordSequence()
    for line in input.lines where !removedLines.contains(line.number) {
      if let moved, line.number >= moved.before, !movedWords.isEmpty {
        inputWords.append(contentsOf: movedWords)
        movedWords = WordSequence()
      }
      var text = line.text
      for anchor in removedAnchors[line.number] ?? [] {
        if let range = text.range(of: anchor) { text.removeSubrange(range) }
      }
      // A repaired word is compared as it was read: "Apri]" as "April", "S." as "5.".
      for repair in repaired[line.number] ?? [] {
        if let range = text.range(of: repair.original) {
          text.replaceSubrange(range, with: repair.replacement)
        }
      }
      // A word split at the line end: the whole word here, its second half taken off the line
      // it goes on on.
      if let join = splitStarts[line.number] {
        let body = text.drop { $0 == " " || $0 == "\t" }
        if body.hasPrefix(join.continuation) { text = String(body.dropFirst(join.continuation.count)) }
      }
      if let join = splitEnds[line.number] {
        let body = text.reversed().drop { $0 == " " || $0 == "\t" }
        let end = "\(join.fragment)-"
        if body.starts(with: end.reversed()) {
          text = String(body.dropFirst(end.count).reversed()) + join.fragment + join.continuation
        }
      }
      // A note printed inside the line ("(footnote: …)") is compared with the notes.
      for note in inline[line.number] ?? [] {
        if let range = text.range(of: note.original) {
          text.replaceSubrange(range, with: " ")
          noteWords.append(wordsOf: note.text, line: line.number)
        }
      }
      if notes.contains(line.number) {
        if tableNoteLines.contains(line.number) {
          // A table's note opens with its letter, which is the note's marker in the output.
          lastTableNoteLine = line.number
          let body = text.drop { $0 == " " || $0 == "\t" }
          if let first = body.first, tableNoteMarkers.contains(String(first)), body.dropFirst().first == " " {
            tableNoteWords.append(wordsOf: body.dropFirst(), line: line.number)
          } else {
            tableNoteWords.append(wordsOf: text, line: line.number)
          }
        } else if let last = lastTableNoteLine, line.number == last + 1 {
          // The note goes on on the next line.
          lastTableNoteLine = line.number
          tableNoteWords.append(wordsOf: text, line: line.number)
        } else {
          lastTableNoteLine = nil
          noteWords.append(wordsOf: text, line: line.number)
        }
      } else if let moved, moved.lines.contains(line.number) {
        movedWords.append(wordsOf: text, line: line.number)
      } else {
        inputWords.append(wordsOf: text, line: line.number)
      }
    }
    inputWords.append(contentsOf: movedWords)
    inputWords.append(contentsOf: noteWords)
    inputWords.append(contentsOf: tableNoteWords)

    var outputWords = WordSequence(
      reservingFor: output.body.utf8.count + output.notes.reduce(0) { $0 + $1.utf8.count })
    outputWords.append(wordsOf: output.body, line: 0)
    if !markers.isEmpty { outputWords.removeNumerals(in: markers) }
    // The output cites notes where they stand; the input lists them in its own order.
    let rank = Dictionary(
      footnoteOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let sortedNotes = output.notes.enumerated().sorted { a, b in
      let left = rank[String(a.element.prefix { $0 != " " })] ?? Int.max
      let right = rank[String(b.element.prefix { $0 != " " })] ?? Int.max
      return (left, a.offset) < (right, b.offset)
    }
    for note in sortedNotes {
      // Each note line starts with its marker and a space.
      outputWords.append(wordsOf: note.element.drop { $0 != " " }, line: 0)
    }

    var lost: [LostWord] = []
    var j = 0
    let window = 40
    let outputCount = outputWords.count
    for i in 0..<inputWords.count {
      if j < outputCount, inputWords.matches(i, outputWords, j) {
        j += 1
        continue
      }
      if inputWords.isNumeral(i) {
        let word = inputWords.string(i)
        if markers.contains(word) { continue }
        // A year or a number with a note's marker glued to it ("19721", "59/3009"): the year or
        // number is in the output, the marker became a note.
        if j < outputCount, outputWords.isNumeral(j), case let number = outputWords.string(j),
          word.count > number.count, word.hasPrefix(number),
          markers.contains(String(word.dropFirst(number.count)))
        {
          j += 1
          continue
        }
        // "COVID-1916" with 19 a marker too: the output's "19" was taken out with the markers.
        if markers.contains(where: {
          word.count > $0.count && word.hasSuffix($0) && markers.contains(String(word.dropLast($0.count)))
        }) {
          continue
        }
      }
      // A table's note letter glued to a word ("Questionsc"): the word, then the marker.
      if !tableNoteMarkers.isEmpty, j + 1 < outputCount, case let marker = outputWords.string(j + 1),
        tableNoteMarkers.contains(marker), inputWords.string(i) == outputWords.string(j) + marker
      {
        j += 2
        continue
      }
      let limit = min(outputCount, j + window)
      if let found = (j..<limit).first(where: { inputWords.matches(i, outputWords, $0) }) {
        j = found + 1
      } else {
        lost.append(LostWord(word: inputWords.string(i), line: inputWords.line(i)))
      }
    }
    return lost
  }
}

/// The words of some texts in order, their bytes kept back to back in one buffer: found and
/// compared without a `String` per word.
///
/// A word is a run of letters or of digits (`Character.isLetter` / `isNumber`); a letter–digit
/// boundary splits. Its bytes are its UTF-8 in NFC, so that two words are equal exactly when
/// their `String`s are (canonical equivalence). Text whose characters are all single scalars of
/// the blocks that have no combining behaviour (ASCII but CR, Latin-1 and Latin Extended, general
/// punctuation) is scanned on its bytes, which are already NFC there; any other text by
/// `Character`, each word normalised.
struct WordSequence {
  /// Where each word's bytes stand in ``bytes``, and whether it is a numeral: written by the byte
  /// scan itself (``ScanText/appendWords(in:at:to:)``), nothing else stored per word.
  private var words: [ScanText.WordSpan] = []
  private var bytes: [UInt8] = []
  /// The input line of the words from each index on (ascending indices): one entry per text
  /// appended, not per word.
  private var lines: [(from: Int, line: Int)] = []

  /// An empty sequence with room for the words of about `byteCount` bytes of text.
  init(reservingFor byteCount: Int = 0) {
    bytes.reserveCapacity(byteCount)
    words.reserveCapacity(byteCount / 5)
  }

  var count: Int { words.count }
  var isEmpty: Bool { words.isEmpty }

  /// Whether word `index` is a run of digits.
  func isNumeral(_ index: Int) -> Bool { words[index].isNumeral }

  /// The input line word `index` came from.
  func line(_ index: Int) -> Int {
    precondition(index >= 0 && index < words.count)
    // The last entry starting at or before `index` (a binary search).
    var low = 0
    var high = lines.count
    while low < high {
      let middle = (low + high) / 2
      if lines[middle].from <= index { low = middle + 1 } else { high = middle }
    }
    return lines[low - 1].line
  }

  /// The text of word `index`.
  func string(_ index: Int) -> String {
    let word = words[index]
    return String(decoding: bytes[word.start..<word.start + word.count], as: UTF8.self)
  }

  /// Whether word `index` equals word `otherIndex` of `other`: the lengths, then the bytes (a
  /// word of up to 8 bytes with one 8-byte load on each side).
  func matches(_ index: Int, _ other: WordSequence, _ otherIndex: Int) -> Bool {
    let word = words[index]
    let otherWord = other.words[otherIndex]
    let count = word.count
    guard count == otherWord.count else { return false }
    return bytes.withUnsafeBufferPointer { mine in
      other.bytes.withUnsafeBufferPointer { theirs in
        precondition(
          word.start >= 0 && otherWord.start >= 0 && word.start + count <= mine.count
            && otherWord.start + count <= theirs.count)
        guard count > 0, let left = mine.baseAddress, let right = theirs.baseAddress else { return true }
        if count <= 8, word.start + 8 <= mine.count, otherWord.start + 8 <= theirs.count {
          // The 8 bytes at each start lie within their buffer; those after the words are masked
          // off (`count` is 1…8, the shift 0…56).
          let mask = UInt64.max &>> (64 &- 8 &* UInt64(count))
          let leftBytes = UnsafeRawPointer(left).loadUnaligned(fromByteOffset: word.start, as: UInt64.self)
          let rightBytes = UnsafeRawPointer(right).loadUnaligned(
            fromByteOffset: otherWord.start, as: UInt64.self)
          return (UInt64(littleEndian: leftBytes) ^ UInt64(littleEndian: rightBytes)) & mask == 0
        }
        return memcmp(left + word.start, right + otherWord.start, count) == 0
      }
    }
  }

  /// Appends the words of another sequence.
  mutating func append(contentsOf other: WordSequence) {
    let base = bytes.count
    let first = words.count
    bytes += other.bytes
    words += other.words.map {
      var word = $0
      word.start += base
      return word
    }
    lines += other.lines.map { (from: $0.from + first, line: $0.line) }
  }

  /// Drops the numerals that are in `numbers` (their bytes stay in the buffer).
  ///
  /// A numeral whose key is not the key of one of the numbers' NFC bytes is kept with no
  /// `String` made (equal strings have equal NFC bytes); the others are compared as strings.
  mutating func removeNumerals(in numbers: Set<String>) {
    var keys: [UInt64] = []
    keys.reserveCapacity(numbers.count)
    for number in numbers {
      // ASCII is NFC already (and Foundation's normalisation costs thousands of instructions).
      var nfc = number.utf8.allSatisfy { $0 < 0x80 } ? number : number.precomposedStringWithCanonicalMapping
      keys.append(nfc.withUTF8 { Self.key($0, 0, $0.count) })
    }
    keys.sort()
    // In place: after the first word dropped, each kept word moves down over the dropped ones
    // before it (`kept` never passes `index`, so the word at `index` is still the one read); the
    // line entries move down with the words they start at.
    var kept = 0
    var lineEntry = 0
    var keptLines: [(from: Int, line: Int)] = []
    keptLines.reserveCapacity(lines.count)
    // Through the array's buffer: no uniqueness check per word written (`index` runs over the
    // buffer's indices and `kept` never passes it, so both stay within it).
    bytes.withUnsafeBufferPointer { buffer in
      words.withUnsafeMutableBufferPointer { words in
        for index in words.indices {
          while lineEntry < lines.count, lines[lineEntry].from <= index {
            // The entry's words start at the next word kept (an entry none of whose words is kept
            // is replaced by the next one: it names no word).
            if let last = keptLines.last, last.from == kept { keptLines.removeLast() }
            keptLines.append((from: kept, line: lines[lineEntry].line))
            lineEntry += 1
          }
          let word = words[index]
          // `string(index)`, from the buffers (the words are borrowed here).
          if word.isNumeral, Self.sorted(keys, contains: Self.key(buffer, word.start, word.count)),
            numbers.contains(String(decoding: buffer[word.start..<word.start + word.count], as: UTF8.self))
          {
            continue
          }
          if kept != index { words[kept] = word }
          kept += 1
        }
      }
    }
    if kept < words.count { words.removeSubrange(kept...) }
    lines = keptLines
  }

  /// Whether the ascending `values` hold `value` (a binary search).
  private static func sorted(_ values: [UInt64], contains value: UInt64) -> Bool {
    var low = 0
    var high = values.count
    while low < high {
      let middle = (low + high) / 2
      if values[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < values.count && values[low] == value
  }

  /// Appends the words of `text`, remembering `line` for each.
  mutating func append<Text: StringProtocol>(wordsOf text: Text, line: Int) {
    if lines.last?.from == words.count { lines.removeLast() }
    lines.append((from: words.count, line: line))
    let scanned =
      text.utf8.withContiguousStorageIfAvailable { appendScanningBytes($0) } ?? false
    if !scanned { appendScanningCharacters(text) }
  }

  /// The byte scan; false (and nothing appended) when a character may not be one scalar of the
  /// blocks it reads.
  private mutating func appendScanningBytes(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    // The whole text is kept; the words point into it.
    let base = bytes.count
    guard ScanText.appendWords(in: text, at: base, to: &words) else { return false }
    bytes.append(contentsOf: text)
    return true
  }

  /// The `Character` scan, for any text.
  private mutating func appendScanningCharacters<Text: StringProtocol>(_ text: Text) {
    var start: Text.Index?
    var previousIsNumber = false
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let isNumber = character.isNumber
      let isWord = isNumber || character.isLetter
      if isWord {
        if let begin = start, isNumber != previousIsNumber {
          addNormalising(text[begin..<index], isNumeral: previousIsNumber)
          start = index
        } else if start == nil {
          start = index
        }
        previousIsNumber = isNumber
      } else if let begin = start {
        addNormalising(text[begin..<index], isNumeral: previousIsNumber)
        start = nil
      }
      index = text.index(after: index)
    }
    if let begin = start { addNormalising(text[begin...], isNumeral: previousIsNumber) }
  }

  private mutating func addNormalising<Text: StringProtocol>(_ word: Text, isNumeral: Bool) {
    var normalised = String(word).precomposedStringWithCanonicalMapping
    normalised.withUTF8 { add($0, isNumeral: isNumeral) }
  }

  private mutating func add(_ word: UnsafeBufferPointer<UInt8>, isNumeral: Bool) {
    words.append(ScanText.WordSpan(start: bytes.count, count: word.count, isNumeral: isNumeral))
    bytes.append(contentsOf: word)
  }

  /// The key of the `count` bytes at `start` of `buffer` (within it): a cheap first test before
  /// a numeral's `String` is made, read with one or two 8-byte loads instead of a loop over the bytes.
  /// Up to 8 bytes it is the bytes themselves (little-endian, zero above them), so that two words
  /// of the same length with the same key are equal; a longer word's key mixes its first 8 bytes
  /// with its last 8. Equal bytes give equal keys either way.
  @inline(__always)
  private static func key(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> UInt64 {
    precondition(start >= 0 && count >= 0 && start + count <= buffer.count)
    guard count > 0, let base = buffer.baseAddress.map(UnsafeRawPointer.init) else { return 0 }
    if count > 8 {
      // Both loads lie within the word, which lies within the buffer.
      let first = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start, as: UInt64.self))
      let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start + count - 8, as: UInt64.self))
      return first ^ (last &* 0x9E37_79B9_7F4A_7C15)
    }
    if start + 8 <= buffer.count {
      // The 8 bytes at `start` lie within the buffer; those after the word are masked off
      // (`count` is 1…8, the shift 0…56).
      let bytes = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start, as: UInt64.self))
      return bytes & (UInt64.max &>> (64 &- 8 &* UInt64(count)))
    }
    // Near the buffer's end: the same value, byte by byte.
    var key: UInt64 = 0
    for offset in 0..<count { key |= UInt64(buffer[start + offset]) &<< (8 &* UInt64(offset)) }
    return key
  }
}
