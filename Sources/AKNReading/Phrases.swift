import AKNModel

/// The opening phrases of preambular and operative paragraphs ("Recalling also", "Bearing in
/// mind", "Calls upon", "Takes note"), which the printed resolutions set in italics.
package enum Phrases {
  /// Words that continue a preambular participle into one phrase.
  package static let preambularContinuations: [String: [[String]]] = [
    "bearing": [["in", "mind"]],
    "taking": [
      ["note", "with", "appreciation"], ["note", "with", "satisfaction"], ["note", "with", "concern"],
      ["note"], ["into", "account"], ["into", "consideration"],
    ],
    "expressing": [
      ["deep", "concern"], ["grave", "concern"], ["serious", "concern"], ["concern"],
      ["its", "deep", "appreciation"], ["its", "appreciation"], ["appreciation"],
      ["its", "gratitude"], ["gratitude"], ["satisfaction"], ["its", "satisfaction"],
      ["its", "support"], ["support"], ["regret"], ["deep", "regret"], ["hope"], ["the", "hope"],
    ],
    "noting": [
      ["with", "deep", "concern"], ["with", "grave", "concern"], ["with", "concern"],
      ["with", "appreciation"], ["with", "satisfaction"], ["with", "interest"], ["with", "regret"],
    ],
    "having": [
      ["considered"], ["examined"], ["received"], ["heard"], ["reviewed"], ["adopted"], ["decided"],
    ],
    "deeply": [["concerned"], ["alarmed"], ["disturbed"], ["convinced"], ["regretting"]],
    "gravely": [["concerned"], ["alarmed"]],
    "seriously": [["concerned"]],
    "strongly": [["condemning"]],
    "reaffirming": [], "recalling": [], "recognizing": [],
  ]

  /// Adverbs that may follow a preambular phrase and belong to it ("Recalling also").
  package static let trailingAdverbs: Set<String> = ["also", "further", "furthermore", "again", "moreover"]

  /// Adverbs that may open an operative paragraph ("Also requests", "Further decides").
  package static let leadingAdverbs: Set<String> = [
    "also", "further", "again", "once", "strongly", "urgently", "firmly", "fully", "hereby",
    "emphatically", "cordially", "warmly", "most",
  ]

  /// Particles that belong to an operative verb ("Calls upon", "Takes note").
  package static let operativeContinuations: [String: [[String]]] = [
    "calls": [["upon"], ["on"], ["for"]],
    "takes": [["note", "with", "appreciation"], ["note", "with", "satisfaction"], ["note"]],
    "expresses": [
      ["deep", "concern"], ["grave", "concern"], ["serious", "concern"], ["concern"],
      ["its", "deep", "appreciation"], ["its", "appreciation"], ["appreciation"],
      ["its", "gratitude"], ["its", "support"], ["support"], ["regret"], ["the", "hope"],
      ["its", "satisfaction"], ["satisfaction"],
    ],
    "bears": [["in", "mind"]],
    "notes": [["with", "concern"], ["with", "appreciation"], ["with", "satisfaction"]],
  ]

  /// The words of `text` at its start, lower-cased, with the end offset of each.
  static func leadingWords(_ text: String, limit: Int) -> [(word: String, end: String.Index)] {
    if let words = leadingWordsASCII(text, limit: limit) { return words }
    if let words = leadingWordsByScalar(text, limit: limit) { return words }
    var result: [(String, String.Index)] = []
    var index = text.startIndex
    while result.count < limit, index < text.endIndex {
      while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
      let start = index
      while index < text.endIndex, text[index].isLetter || text[index] == "-" {
        index = text.index(after: index)
      }
      guard index > start else { break }
      result.append((text[start..<index].lowercased(), index))
      // Stop at punctuation: "Recalling, in this connection" ends the phrase at "Recalling".
      if index < text.endIndex, text[index] != " " { break }
    }
    return result
  }

  /// Words that open a preambular paragraph though they are not participles in "-ing".
  static let preambularAdjectives: Set<String> = [
    "mindful", "aware", "conscious", "convinced", "concerned", "alarmed",
    "determined", "desirous", "cognizant", "recognizing", "guided", "encouraged", "emphasizing",
    "acknowledging", "welcoming", "noting", "stressing", "underlining", "affirming", "reaffirming",
    "believing", "appreciating", "regretting", "deploring", "condemning", "considering",
    "observing", "seized", "reiterating", "disturbed", "satisfied", "pleased", "dismayed",
    "gratified", "having", "deeply", "gravely", "seriously", "strongly", "taking", "bearing",
    "expressing", "recalling", "further", "also",
  ]

  /// `leadingWords` on the UTF-8 bytes, while every byte read is ASCII but CR (each then a
  /// character of its own); nil at any other byte read.
  static func leadingWordsASCII(_ text: String, limit: Int) -> [(word: String, end: String.Index)]? {
    let utf8 = text.utf8
    return utf8.withContiguousStorageIfAvailable { bytes -> [(word: String, end: String.Index)]? in
      var result: [(word: String, end: String.Index)] = []
      // At most `limit` words: one allocation, never a growth.
      result.reserveCapacity(limit)
      var index = 0
      while result.count < limit {
        guard let read = asciiWord(bytes, from: index) else { return nil }
        guard let found = read else { break }
        result.append((found.word, utf8.index(utf8.startIndex, offsetBy: found.end)))
        index = found.end
        if found.last { break }
      }
      return result
    } ?? nil
  }

  /// The next of the leading words on the bytes from `offset`: spaces skipped, then a run of
  /// ASCII letters and hyphens, lower-cased, its end, and whether it is the last (punctuation
  /// after it: "Recalling, in this connection" ends the phrase at "Recalling"). `.some(nil)` when
  /// there is no word there (the end, or no letter); nil at a byte read that is not ASCII or is
  /// CR (read by `Character` then).
  static func asciiWord(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> (
    word: String, end: Int, last: Bool
  )?? {
    let count = bytes.count
    var index = offset
    guard index < count else { return .some(nil) }
    while index < count {
      let byte = bytes[index]
      guard byte < 0x80, byte != 0x0D else { return nil }
      guard byte == 0x20 else { break }
      index += 1
    }
    let start = index
    while index < count {
      let byte = bytes[index]
      guard byte < 0x80, byte != 0x0D else { return nil }
      let lower = byte | 0x20
      guard (lower >= 0x61 && lower <= 0x7A) || byte == 0x2D else { break }
      index += 1
    }
    guard index > start else { return .some(nil) }
    // Lower-cased: a letter's byte with 0x20 set; a hyphen's has it already.
    let word = String(unsafeUninitializedCapacity: index - start) { buffer in
      for offset in 0..<(index - start) { buffer[offset] = bytes[start + offset] | 0x20 }
      return index - start
    }
    var last = false
    if index < count {
      let byte = bytes[index]
      guard byte < 0x80, byte != 0x0D else { return nil }
      last = byte != 0x20
    }
    return .some((word, index, last))
  }

  /// `leadingWords` on the scalars, while every scalar read stands alone as a character (then
  /// scalars and characters give the same words); nil when one may not.
  static func leadingWordsByScalar(_ text: String, limit: Int) -> [(word: String, end: String.Index)]? {
    let scalars = text.unicodeScalars
    var result: [(String, String.Index)] = []
    var index = scalars.startIndex
    while result.count < limit, index < scalars.endIndex {
      while index < scalars.endIndex {
        let scalar = scalars[index]
        guard ScanText.standsAlone(scalar) else { return nil }
        guard scalar == " " else { break }
        index = scalars.index(after: index)
      }
      let start = index
      while index < scalars.endIndex {
        let scalar = scalars[index]
        guard ScanText.standsAlone(scalar) else { return nil }
        guard scalar.isLetter || scalar == "-" else { break }
        index = scalars.index(after: index)
      }
      guard index > start else { break }
      result.append((text[start..<index].lowercased(), index))
      // Stop at punctuation: "Recalling, in this connection" ends the phrase at "Recalling".
      if index < scalars.endIndex, scalars[index] != " " { break }
    }
    return result
  }

  /// The opening phrase of a preambular paragraph: where it ends, and a name for it in
  /// lowerCamelCase without the trailing adverb (`bearingInMind`).
  package static func preambular(_ text: String) -> (end: String.Index, name: String)? {
    // The first word on the bytes refuses most texts (an operative paragraph's "Decides")
    // before the words are read one by one.
    var headOpens = false
    switch headASCII(text) {
    case .none: return nil
    case .word(let head):
      guard opensPreambular(head) else { return nil }
      headOpens = true
    case .unknown: guard let firstCharacter = text.first, firstCharacter.isUppercase else { return nil }
    }
    // Five words at most are read: the head, a continuation of up to three and an adverb; each
    // only when asked for.
    var words = LeadingWords(text, limit: 5)
    guard let first = words.word(0) else { return nil }
    let head = first.word
    guard headOpens || opensPreambular(head) else { return nil }
    let continuations = preambularContinuations[head]
    var taken = 1
    if let continuations {
      // (`continuation.count < words.count`: a word at `continuation.count`.)
      for continuation in continuations where words.word(continuation.count) != nil {
        if words.continues(at: 1, with: continuation) {
          taken += continuation.count
          break
        }
      }
    }
    let nameWords = (0..<taken).map { words.word($0)!.word }
    if let next = words.word(taken), trailingAdverbs.contains(next.word) { taken += 1 }
    return (words.word(taken - 1)!.end, lowerCamelCase(nameWords))
  }

  /// Whether a text whose first word, lower-cased, is `head` opens with a preambular phrase: a
  /// participle in "-ing", a word a continuation follows, or an adjective of the preamble.
  static func opensPreambular(_ head: String) -> Bool {
    (hasSuffix(head, "ing") && characterCount(head) > 4) || preambularContinuations[head] != nil
      || preambularAdjectives.contains(head)
  }

  /// The first word of a text as ``preambular(_:)`` reads it, from the bytes.
  enum Head: Equatable {
    /// The text does not open with a capital: no phrase.
    case none
    /// The text opens with a capital; its first word, lower-cased.
    case word(String)
    /// A byte read is not ASCII, or is CR: the characters tell.
    case unknown
  }

  /// The first word of `text`, lower-cased, when its first byte is an ASCII capital and the bytes
  /// of the word and the one after it (if any) are ASCII but CR (each then a character of its own:
  /// the word `leadingWords` reads first); `.none` when the first byte is another ASCII byte but
  /// CR and the second (if any) is ASCII (the first character is then that byte, no capital).
  static func headASCII(_ text: String) -> Head {
    var text = text
    return text.withUTF8 { bytes -> Head in
      guard let first = bytes.first else { return .none }
      guard first < 0x80, first != 0x0D else { return .unknown }
      guard first >= 0x41, first <= 0x5A else {
        return bytes.count == 1 || bytes[1] < 0x80 ? .none : .unknown
      }
      var end = 1
      while end < bytes.count {
        let byte = bytes[end]
        guard byte < 0x80, byte != 0x0D else { return .unknown }
        let lower = byte | 0x20
        guard (lower >= 0x61 && lower <= 0x7A) || byte == 0x2D else { break }
        end += 1
      }
      // Lower-cased: a letter's byte with 0x20 set; a hyphen's has it already.
      return .word(
        String(unsafeUninitializedCapacity: end) { buffer in
          for offset in 0..<end { buffer[offset] = bytes[offset] | 0x20 }
          return end
        })
    }
  }

  /// The opening verb phrase of an operative paragraph ("Also requests", "Calls upon").
  package static func operative(_ text: String) -> String.Index? {
    guard opensWithUppercase(text) else { return nil }
    // Eight words at most, each read only when asked for.
    var words = LeadingWords(text, limit: 8)
    guard words.word(0) != nil else { return nil }
    var taken = 0
    // (`taken < words.count - 1`: a word after the adverb.)
    while leadingAdverbs.contains(words.word(taken)!.word), words.word(taken + 1) != nil { taken += 1 }
    let verb = words.word(taken)!.word
    // An operative verb is in the third person: "decides", "requests", "calls".
    guard hasSuffix(verb, "s"), characterCount(verb) > 2 else { return nil }
    taken += 1
    if let continuations = operativeContinuations[verb] {
      // (`taken + continuation.count <= words.count`: a word at `taken + continuation.count - 1`.)
      for continuation in continuations where words.word(taken + continuation.count - 1) != nil {
        if words.continues(at: taken, with: continuation) {
          taken += continuation.count
          break
        }
      }
    }
    return words.word(taken - 1)!.end
  }

  /// Whether `text`'s first character is upper-case (`Character.isUppercase`). Read on the bytes
  /// when the first two are ASCII but CR (the first character is then the first byte alone, and
  /// an ASCII character is upper-case when it is A–Z); on the characters otherwise.
  static func opensWithUppercase(_ text: String) -> Bool {
    let fast =
      text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
        guard let first = bytes.first else { return false }
        guard first < 0x80, first != 0x0D, bytes.count == 1 || bytes[1] < 0x80 else { return nil }
        return first &- 0x41 < 26
      } ?? nil
    if let fast { return fast }
    guard let firstCharacter = text.first else { return false }
    return firstCharacter.isUppercase
  }

  /// `word.hasSuffix(suffix)` for a word and an ASCII suffix: on the bytes when the word is ASCII
  /// but CR (its characters are then its bytes), by `hasSuffix` otherwise.
  static func hasSuffix(_ word: String, _ suffix: String) -> Bool {
    guard isPlainASCII(word) else { return word.hasSuffix(suffix) }
    let count = suffix.utf8.count
    return word.utf8.count >= count && word.utf8.suffix(count).elementsEqual(suffix.utf8)
  }

  /// `word.count`: its byte count when it is ASCII but CR (a character a byte).
  static func characterCount(_ word: String) -> Int {
    isPlainASCII(word) ? word.utf8.count : word.count
  }

  /// Whether every byte of `word` is ASCII and none is CR (then each byte is a character).
  static func isPlainASCII(_ word: String) -> Bool {
    word.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
  }

  /// The words ``leadingWords(_:limit:)`` reads, read one at a time as they are asked for: most
  /// texts need their first word or two, not all `limit`. Read on the bytes while every byte
  /// read is ASCII but CR (as ``leadingWordsASCII(_:limit:)`` reads them); at any other byte read,
  /// all the words at once by ``leadingWords(_:limit:)``, which gives the same words.
  struct LeadingWords {
    let text: String
    let limit: Int
    /// The words read so far.
    private var words: [(word: String, end: String.Index)] = []
    /// The byte offset where the next word's reading starts.
    private var offset = 0
    /// Whether every word there is has been read.
    private var complete = false

    init(_ text: String, limit: Int) {
      self.text = text
      self.limit = limit
      words.reserveCapacity(limit)
    }

    /// The word at `index` (from 0), nil when the text has no more words or `index` is not below
    /// `limit`: `leadingWords(text, limit: limit)[index]` when there is one.
    mutating func word(_ index: Int) -> (word: String, end: String.Index)? {
      while words.count <= index, !complete { readNext() }
      return index < words.count ? words[index] : nil
    }

    /// Whether the words from `start` on are `continuation`'s (there are at least as many).
    mutating func continues(at start: Int, with continuation: [String]) -> Bool {
      for (offset, word) in continuation.enumerated() where self.word(start + offset)?.word != word {
        return false
      }
      return true
    }

    /// Reads one more word: one pass of `leadingWordsASCII`'s loop (``Phrases/asciiWord(_:from:)``).
    private mutating func readNext() {
      guard words.count < limit else {
        complete = true
        return
      }
      let utf8 = text.utf8
      let read = utf8.withContiguousStorageIfAvailable { Phrases.asciiWord($0, from: offset) } ?? nil
      switch read {
      case .some(.some(let found)):
        words.append((found.word, utf8.index(utf8.startIndex, offsetBy: found.end)))
        offset = found.end
        if found.last { complete = true }
      case .some(.none):
        // No word at the offset (the text's end, or no letter there): the words end.
        complete = true
      case .none:
        // Another byte than ASCII (or CR), or no contiguous bytes: every word as the characters
        // or scalars give them.
        words = Phrases.leadingWords(text, limit: limit)
        complete = true
      }
    }
  }

  /// ["bearing", "in", "mind"] → "bearingInMind".
  package static func lowerCamelCase(_ words: [String]) -> String {
    if let ascii = lowerCamelCaseASCII(words) { return ascii }
    var result = ""
    for (offset, word) in words.enumerated() {
      let letters = word.filter { $0.isLetter && $0.isASCII }
      result += offset == 0 ? letters.lowercased() : letters.prefix(1).uppercased() + letters.dropFirst()
    }
    return result.isEmpty ? "preambularParagraph" : result
  }

  /// `lowerCamelCase` on the bytes of ASCII words (no CR); nil when a word has another byte.
  static func lowerCamelCaseASCII(_ words: [String]) -> String? {
    var bytes: [UInt8] = []
    // At most the words' bytes: one allocation, never a growth.
    bytes.reserveCapacity(words.reduce(0) { $0 + $1.utf8.count })
    for (offset, word) in words.enumerated() {
      var first = true
      for byte in word.utf8 {
        guard byte < 0x80, byte != 0x0D else { return nil }
        let lower = byte | 0x20
        guard lower >= 0x61 && lower <= 0x7A else { continue }
        if offset == 0 {
          bytes.append(lower)
        } else {
          bytes.append(first ? lower & ~0x20 : byte)
        }
        first = false
      }
    }
    return bytes.isEmpty ? "preambularParagraph" : String(decoding: bytes, as: UTF8.self)
  }
}
