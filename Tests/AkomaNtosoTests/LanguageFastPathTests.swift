import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The language and text checks' byte loops (issue 24: the counts kept in locals, a run of letters
/// read at once, the language keys packed big-endian) count what the loops before them counted:
/// each compared with a copy of the code before (kept below) on made-up edge cases and on every
/// line of the shared corpus.
@Suite struct LanguageFastPathTests {
  /// Made-up lines: words of up to 8 letters and longer, function words of every language in
  /// every case, letters beyond ASCII inside and around words, marks, joiners, prepended signs,
  /// control characters, white space of every kind.
  static let madeUp: [String] = [
    "", " ", "the", "THE", "The of and to in that its for with by on", "a an as at is be",
    "le la les des du et aux dans pour sur une", "el los las del y para con por una sobre",
    "os as do da dos das e para com uma", "der die das und den des mit von zu für FÜR Für fÜr",
    "fu\u{308}r FU\u{308}R fu\u{308}\u{308}r u\u{308}ber \u{308}u abcdefgu\u{308} abcdefgu\u{308}r",
    "abcdefgh abcdefghi abcdefghij between through within abcdefghu\u{308}",
    "résolution éthe thé the\u{301} t\u{200D}he \u{200D}the \u{301}the \u{345}the",
    "\tthe\u{308} of ﬁnal Kelvin \u{212A} İn ın ǅ Ǆ ǆ",
    "\u{600}the \u{600}\u{600}of \u{600}1the \u{600}\u{301}and \u{110BD}to the\u{600} \u{600}",
    "ก\u{E33}the ລ\u{EB3}of ü ÜBER über Über",
    "the\u{0}of\u{7}and\u{1F}to\u{7F}in\u{85}that\u{9F}its\u{A0}for\u{2003}with\u{3000}by",
    "the\r\nof\rand\nto\u{C}in\u{B}that", "1the2of3and 4 5 the1 of. and, (to) [in]",
    "A/RES/67/27 Ibid. §12 € 5 % — “the” ‘of’ «and» ¿to? ¡in!", "★☆♠ ∑∫ 漢字 the 日本語 of",
    "Ⅻ ⅻ ① ½ ٣ the١of", "\u{FEFF}the \u{200B}of \u{2060}and", "🙂the 👍🏽of 🇫🇷 and",
    "WKH 8QLYHUVDO 'HFODUDWLRQ RI KXPDQ ULJKWV", "qqqq zzzz xxxx jjjj",
    String(repeating: "the of and ", count: 400), String(repeating: "a", count: 300),
  ]

  static func lines() -> [String] { FastPathTests.corpusLines(after: madeUp) }

  static func text(_ lines: [String]) -> SourceText {
    SourceText(lines: lines.enumerated().map { SourceText.Line(number: $0.offset + 1, text: $0.element) })
  }

  static func counts(_ tally: LanguageTally) -> [Int] {
    [tally.words, tally.counts.english] + tally.counts.others
  }
  static func counts(_ tally: OldLanguageTally) -> [Int] {
    [tally.words, tally.counts.english] + tally.counts.others
  }

  @Test("the language tally counts what the tally before it counted, line by line and over texts")
  func languageTally() {
    let lines = Self.lines()
    for line in lines {
      let text = Self.text([line])
      #expect(
        Self.counts(LanguageTally(text)) == Self.counts(OldLanguageTally(text)), "\(line.debugDescription)")
    }
    // Whole texts: the tally runs on from line to line and stops after the 3,000th word.
    for start in stride(from: 0, to: lines.count, by: 200) {
      let text = Self.text(Array(lines[start..<min(start + 400, lines.count)]))
      #expect(Self.counts(LanguageTally(text)) == Self.counts(OldLanguageTally(text)))
    }
  }

  /// The error's message, or nil; the blocks as lines and reasons.
  static func judged(_ error: ConversionError?, _ garbled: [(line: Int, why: String)]) -> [String] {
    [error.map { "\($0)" } ?? "nil"] + garbled.map { "\($0.line) \($0.why)" }
  }

  @Test("one reading of the lines for both checks gives each check's answers")
  func bothChecks() {
    let lines = Self.lines()
    // One line at a time: both tallies, counted together and apart.
    for line in lines {
      var together = LanguageTally()
      var tally = EnglishText.Tally()
      var text = line
      text.withUTF8 { bytes in tally.add { together.count(line: bytes, letters: $0) } }
      var apart = LanguageTally()
      text.withUTF8 { apart.count(line: $0) }
      var alone = EnglishText.Tally()
      alone.add(line)
      #expect(Self.counts(together) == Self.counts(apart), "\(line.debugDescription)")
      #expect(Self.measures(tally) == Self.measures(alone), "\(line.debugDescription)")
    }
    // Texts: blocks of 120 lines and pages, a language tally that stops after 3,000 words,
    // texts in other languages and garbled ones.
    var texts: [SourceText] = []
    for (start, size) in [(0, 50), (0, 130), (0, 400), (0, 1200), (10, 3)] where start < lines.count {
      let slice = Array(lines[start..<min(start + size, lines.count)])
      texts.append(Self.text(slice))
      texts.append(
        SourceText(
          lines: slice.enumerated().map {
            SourceText.Line(number: $0.offset + 1, text: $0.element, pageBreak: $0.offset % 37 == 5)
          }))
    }
    for start in stride(from: 0, to: lines.count, by: 997) {
      texts.append(Self.text(Array(lines[start..<min(start + 300, lines.count)])))
    }
    let french =
      "L’Assemblée générale, rappelant sa résolution et les résolutions de la Commission des droits"
    texts.append(Self.text(Array(repeating: french, count: 40)))
    texts.append(Self.text(Array(repeating: "WKH 8QLYHUVDO 'HFODUDWLRQ RI KXPDQ ULJKWV DQG WKH", count: 200)))
    texts.append(Self.text(Array(repeating: "★☆♠ ∑∫ ≈≠ the of ◊◊ ¤¤ §§ ¶¶ ‡‡ ••", count: 30)))
    texts.append(Self.text([]))
    for text in texts {
      let both = InputType.notEnglishAndGarbledBlocks(text)
      #expect(
        Self.judged(both.notEnglish, both.garbled)
          == Self.judged(InputType.notEnglish(text), EnglishText.garbledBlocks(text)))
    }
  }

  static func measures(_ tally: EnglishText.Tally) -> [Int] {
    tally.letters + [tally.letterCount, tally.odd, tally.characters, tally.words, tally.function]
  }

  @Test("the English text tally counts what the tally before it counted, one text and several")
  func englishTally() {
    var new = EnglishText.Tally()
    var old = EnglishText.Tally()
    for line in Self.lines() {
      var one = EnglishText.Tally()
      one.add(line)
      var oldOne = EnglishText.Tally()
      oldAdd(&oldOne, line)
      #expect(Self.measures(one) == Self.measures(oldOne), "\(line.debugDescription)")
      #expect(one.verdict(together: true) == oldOne.verdict(together: true))
      #expect(one.verdict(together: false) == oldOne.verdict(together: false))
      new.add(line)
      oldAdd(&old, line)
    }
    #expect(Self.measures(new) == Self.measures(old))
  }

  static func facts(_ facts: Invariants.TextFacts) -> [Int?] {
    [
      facts.tokens, facts.lettered, facts.mayHoldGluedMarker ? 1 : 0, facts.mayHoldInnerLabel ? 1 : 0,
      facts.first.map(Int.init), facts.firstNonBlank.map(Int.init), facts.lastNonBlank.map(Int.init),
    ]
  }

  @Test("a text's facts are those the scan before read")
  func textFacts() {
    let extra = [
      "Committee8 and HIV/AIDS7, 2014–20242 19895 COVID-1915 (see 12). The end. Action 2. We",
      "x 12345 ab1) c2. d3\" e4' é5 5é 123456, \t  lead and trail \t ", "\t", "  ", "a.B", "a. B", "a; C?",
    ]
    for line in Self.lines() + extra {
      #expect(
        Self.facts(Invariants.TextFacts(line)) == Self.facts(OldTextFacts(line).facts),
        "\(line.debugDescription)")
    }
  }
}

extension LanguageFastPathTests {
  @Test("the refusal of a first word in -ing keeps what the operative-verb test answered")
  func operativeVerbRefusal() {
    let extra = [
      "Recalling", "RECALLING its resolution", "Decides", "Decides to", "Also decides", "Further notes",
      "Having", "Bring", "Ing ", "ING", "Strongly urges", "Once again calls", "Also", "Also ing",
      "Recallingly decides", String(repeating: "A", count: 79) + " decides",
      String(repeating: "A", count: 80) + " decides", String(repeating: "A", count: 77) + "ing decides",
      String(repeating: "A", count: 78) + "ing", "Calling", "Takes note", "Takesing", "Éclairing",
      "Noting\u{301}",
    ]
    for line in Self.lines() + extra {
      for text in [line, line.trimmed] {
        #expect(
          Invariants.opensWithOperativeVerb(text) == oldOpensWithOperativeVerb(text),
          "\(text.debugDescription)")
      }
    }
  }
}

// MARK: The code before (a copy, for the comparison)

/// `EnglishText.Tally.add(_:)` before: the counts captured by the byte loop's closure, the
/// scalars beyond ASCII counted after it.
func oldAdd(_ tally: inout EnglishText.Tally, _ text: String) {
  var text = text
  var counts = tally.letters
  tally.letters = []
  var (letterCount, characters, odd, words, function) = (
    tally.letterCount, tally.characters, tally.odd, tally.words, tally.function
  )
  var beyondASCII: [UInt32] = []
  let table = EnglishText.Tally.packedFunctionWords
  text.withUTF8 { bytes in
    counts.withUnsafeMutableBufferPointer { counts in
      var word: UInt64 = 0
      var length = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x80 {
          index += 1
          let lower = byte | 0x20
          if lower >= 0x61 && lower <= 0x7A {
            counts[Int(lower &- 0x61)] &+= 1
            letterCount &+= 1
            if length < 8 { word = word << 8 | UInt64(lower) }
            length &+= 1
            continue
          }
          if byte > 0x20 || byte < 0x09 || byte > 0x0D && byte < 0x20 {
            characters &+= 1
            if byte < 0x21 || byte == 0x7F { odd &+= 1 }
          }
        } else {
          let (value, count) = ScanText.decodeScalar(bytes, at: index)
          index += count
          beyondASCII.append(value)
        }
        if length > 0 {
          words &+= 1
          if length <= 8, table[length].contains(word) { function &+= 1 }
          word = 0
          length = 0
        }
      }
      if length > 0 {
        words &+= 1
        if length <= 8, table[length].contains(word) { function &+= 1 }
      }
    }
  }
  tally.letters = counts
  (tally.letterCount, tally.characters, tally.odd, tally.words, tally.function) = (
    letterCount, characters + letterCount - tally.letterCount, odd, words, function
  )
  for value in beyondASCII {
    switch value {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: continue
    case 0xA0...0x24F, 0x2010...0x2027, 0x2030...0x205E, 0x20AC: tally.characters += 1
    default:
      tally.characters += 1
      tally.odd += 1
    }
  }
}

/// `Invariants.TextFacts` before: the counts captured by the byte loop's closure.
struct OldTextFacts {
  var facts = Invariants.TextFacts("")
  var tokens = 0
  var lettered = 0
  var mayHoldGluedMarker = false
  var mayHoldInnerLabel = false
  var first: UInt8?
  var firstNonBlank: UInt8?
  var lastNonBlank: UInt8?

  init(_ text: String) {
    var text = text
    // Locals in the loop (the properties once, at the end).
    var tokens = 0
    var lettered = 0
    var glued = false
    var innerLabel = false
    var firstNonBlank: UInt8?
    var lastNonBlank: UInt8?
    first = text.withUTF8 { bytes in
      let count = bytes.count
      // The word under way: whether it holds an ASCII letter, a byte of a non-ASCII character.
      var inWord = false
      var hasLetter = false
      var hasOther = false
      // Its last run of digits: whether the bytes since it are closing punctuation only, its
      // length, and whether a letter stands before it in the word.
      var inDigits = false
      var digitsEndWord = false
      var digits = 0
      var letterBeforeDigits = false
      var index = 0
      while index < count {
        let byte = bytes[index]
        if (byte | 0x20) &- 0x61 < 26 {
          // An ASCII letter, the most frequent byte.
          inWord = true
          hasLetter = true
          inDigits = false
          digitsEndWord = false
          // A capital after the end of a sentence and a space.
          if byte <= 0x5A, index >= 2, bytes[index &- 1] == 0x20 {
            switch bytes[index &- 2] {
            case 0x2E, 0x3B, 0x3A, 0x21, 0x3F: innerLabel = true
            default: break
            }
          }
        } else if byte == 0x20 || byte == 0x09 {
          if inWord {
            tokens &+= 1
            if hasLetter { lettered &+= 1 }
            if digitsEndWord, letterBeforeDigits || digits >= 5 { glued = true }
            inWord = false
            hasLetter = false
            hasOther = false
            inDigits = false
            digitsEndWord = false
          }
        } else if byte &- 0x30 < 10 {
          inWord = true
          if !inDigits {
            inDigits = true
            digits = 0
            letterBeforeDigits = hasLetter || hasOther
          }
          digits &+= 1
          digitsEndWord = true
        } else {
          inWord = true
          inDigits = false
          switch byte {
          case 0x2C, 0x2E, 0x3B, 0x3A, 0x29, 0x5D, 0x22, 0x27:
            // Closing punctuation (`,.;:)]"'`) may follow a marker in its word.
            break
          default:
            digitsEndWord = false
            if byte >= 0x80 { hasOther = true }
          }
        }
        index &+= 1
      }
      if inWord {
        tokens &+= 1
        if hasLetter { lettered &+= 1 }
        if digitsEndWord, letterBeforeDigits || digits >= 5 { glued = true }
      }
      var start = 0
      while start < count, bytes[start] == 0x20 || bytes[start] == 0x09 { start &+= 1 }
      if start < count {
        firstNonBlank = bytes[start]
        var end = count &- 1
        while bytes[end] == 0x20 || bytes[end] == 0x09 { end &-= 1 }
        lastNonBlank = bytes[end]
      }
      return bytes.first
    }
    self.tokens = tokens
    self.lettered = lettered
    mayHoldGluedMarker = glued
    mayHoldInnerLabel = innerLabel
    self.firstNonBlank = firstNonBlank
    self.lastNonBlank = lastNonBlank
    facts.tokens = tokens
    facts.lettered = lettered
    facts.mayHoldGluedMarker = glued
    facts.mayHoldInnerLabel = innerLabel
    facts.first = first
    facts.firstNonBlank = firstNonBlank
    facts.lastNonBlank = lastNonBlank
  }
}

/// `LanguageTally` before: the word's bytes packed little-endian, a letter at a time.
struct OldLanguageTally {
  /// Reading stops after the line on which the word count goes past this.
  static let sample = 3000
  /// The languages told apart from English, in the order of their bits in ``table``.
  static let languages = ["French", "Spanish", "Portuguese", "German"]
  static let words: [(String, UInt8)] = {
    var masks: [String: UInt8] = [:]
    let lists: [[String]] = [
      ["the", "of", "and", "to", "in", "that", "its", "for", "with", "by", "on"],
      ["le", "la", "les", "des", "du", "et", "aux", "dans", "pour", "sur", "une"],
      ["el", "los", "las", "del", "y", "para", "con", "por", "una", "sobre"],
      ["os", "as", "do", "da", "dos", "das", "e", "para", "com", "uma"],
      ["der", "die", "das", "und", "den", "des", "mit", "von", "zu", "für"],
    ]
    for (bit, list) in lists.enumerated() {
      for word in list { masks[word, default: 0] |= 1 << bit }
    }
    return masks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }()

  /// The function words as open-addressed slots: a word's bytes packed little-endian into a
  /// `UInt64` (every function word has at most 8 bytes), and its languages (bit 0 English, then
  /// ``languages``). An empty slot has key 0.
  static let table: (keys: [UInt64], masks: [UInt8]) = {
    var keys = [UInt64](repeating: 0, count: slots)
    var masks = [UInt8](repeating: 0, count: slots)
    for (word, mask) in words {
      var key: UInt64 = 0
      for (index, byte) in word.utf8.enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
      var slot = OldLanguageTally.slot(key)
      while keys[slot] != 0 { slot = (slot + 1) & (slots - 1) }
      keys[slot] = key
      masks[slot] = mask
    }
    return (keys, masks)
  }()
  static let slots = 128

  static func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57)
  }

  private let keys = Self.table.keys
  private let masks = Self.table.masks
  /// Words read so far.
  var words = 0
  /// English function words, then those of each of ``languages``.
  var counts: (english: Int, others: [Int]) = (0, [0, 0, 0, 0])

  // The word being read: its lowercased bytes packed (while they are at most 8), how many.
  private var inWord = false
  private var key: UInt64 = 0
  private var length = 0
  /// The word cannot be a function word (a byte past the 8th, a letter or mark not in the table).
  private var spoilt = false

  /// The tally of `text`'s lines, up to the line on which the word count goes past ``sample``.
  init(_ text: SourceText) {
    for line in text.lines {
      var line = line.text
      line.withUTF8 { count(line: $0) }
      if words > Self.sample { break }
    }
  }

  /// Counts the words of one line (a word never runs over a line's end).
  ///
  /// Letters and word ends follow `Character`s (grapheme clusters): a mark or a joiner belongs
  /// to the character before it, unless that is a control character or the line's start; a
  /// prepended sign (Arabic number sign …) takes the character after it into its own.
  mutating func count(line bytes: UnsafeBufferPointer<UInt8>) {
    var index = 0
    let end = bytes.count
    // Whether the previous scalar ends a grapheme cluster whatever follows (a control
    // character, or the line's start).
    var afterControl = true
    // After a prepended sign: whether the character it opens is a letter.
    var prepended: Bool?
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 && prepended == nil {
        // A run of ASCII (the usual bytes), not taken into a prepended sign's character: the
        // word being read is held in locals until the run ends.
        var (inWord, key, length, spoilt) = (self.inWord, self.key, self.length, self.spoilt)
        var last = byte
        repeat {
          let byte = bytes[index]
          if byte >= 0x80 { break }
          index += 1
          last = byte
          let lower = byte | 0x20
          if lower &- 0x61 < 26 {
            if !inWord {
              inWord = true
              key = 0
              length = 0
              spoilt = false
            }
            if length < 8 { key |= UInt64(lower) << (8 * UInt64(length)) } else { spoilt = true }
            length += 1
          } else if inWord {
            inWord = false
            words += 1
            if !spoilt { countFunctionWord(key) }
          }
        } while index < end
        (self.inWord, self.key, self.length, self.spoilt) = (inWord, key, length, spoilt)
        afterControl = last < 0x20 || last == 0x7F
        continue
      }
      // A scalar of one to four bytes (the line is valid UTF-8: it is a String).
      let (scalar, length) = ScanText.decodeScalar(bytes, at: index)
      index += length
      let control = scalar < 0x20 || (scalar >= 0x7F && scalar < 0xA0)
      if let letter = prepended, !control {
        // Part of the character the prepended sign opened.
        if letter { spoil() } else { endWord() }
        if !Self.isPrepend(scalar) { prepended = nil }
        afterControl = false
        continue
      }
      prepended = nil
      defer { afterControl = control }
      if scalar < 0x80 {
        let lower = UInt8(scalar) | 0x20
        if lower >= 0x61 && lower <= 0x7A { append(lower) } else { endWord() }
        continue
      }
      let properties = Unicode.Scalar(scalar)!.properties
      if Self.isPrepend(scalar) {
        prepended = properties.isAlphabetic
        if properties.isAlphabetic { spoil() } else { endWord() }
        continue
      }
      switch properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark:
        extend(scalar, properties, afterControl: afterControl)
      default:
        if scalar == 0x200D || scalar == 0xE33 || scalar == 0xEB3 || properties.isGraphemeExtend {
          // A joiner, Thai and Lao AM (spacing marks that are letters), other extenders.
          extend(scalar, properties, afterControl: afterControl)
        } else if scalar == 0xDC || scalar == 0xFC {
          append(0xC3)
          append(0xBC)
        } else if properties.isAlphabetic {
          spoil()
        } else {
          endWord()
        }
      }
    }
    endWord()
  }

  /// A mark or another scalar that extends the character before it: it leaves that character
  /// a letter or not (a u with a combining diaeresis is canonically ü); at a line's start or
  /// after a control character it is a character of its own.
  private mutating func extend(
    _ scalar: UInt32, _ properties: Unicode.Scalar.Properties, afterControl: Bool
  ) {
    if afterControl {
      if properties.isAlphabetic { spoil() } else { endWord() }
    } else if inWord {
      if scalar == 0x308, !spoilt, length > 0, key >> (8 * UInt64(length - 1)) == 0x75 {
        key &= ~(0xFF << (8 * UInt64(length - 1)))
        length -= 1
        append(0xC3)
        append(0xBC)
      } else {
        spoil()
      }
    }
  }

  /// The scalars of Grapheme_Cluster_Break=Prepend (Unicode 16): each joins the next scalar
  /// into its character.
  static func isPrepend(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x600...0x605, 0x6DD, 0x70F, 0x890...0x891, 0x8E2, 0xD4E, 0x110BD, 0x110CD, 0x111C2...0x111C3,
      0x113D1, 0x1193F, 0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46, 0x11F02:
      return true
    default:
      return false
    }
  }

  private mutating func append(_ byte: UInt8) {
    if !inWord {
      inWord = true
      key = 0
      length = 0
      spoilt = false
    }
    if length < 8 { key |= UInt64(byte) << (8 * UInt64(length)) } else { spoilt = true }
    length += 1
  }

  /// A letter that no function word has: the word goes on, but cannot be one of them.
  private mutating func spoil() {
    if !inWord {
      inWord = true
      key = 0
      length = 0
    }
    spoilt = true
  }

  private mutating func endWord() {
    guard inWord else { return }
    inWord = false
    words += 1
    guard !spoilt else { return }
    countFunctionWord(key)
  }

  /// Counts the word packed in `key` if it is a function word.
  private mutating func countFunctionWord(_ key: UInt64) {
    var slot = Self.slot(key)
    while keys[slot] != 0 {
      if keys[slot] == key {
        let mask = masks[slot]
        if mask & 1 != 0 { counts.english += 1 }
        for language in 0..<4 where mask & (2 << language) != 0 { counts.others[language] += 1 }
        return
      }
      slot = (slot + 1) & (Self.slots - 1)
    }
  }
}

/// `Invariants.opensWithOperativeVerb(_:)` before the refusal of a first word in "-ing".
func oldOpensWithOperativeVerb(_ text: String) -> Bool {
  guard let first = text.utf8.first, first >= 0x41, first <= 0x5A else { return false }
  var word: [UInt8] = []
  var seen = 0
  for byte in text.utf8.prefix(80) {
    let lower = byte | 0x20
    if byte < 0x80, lower >= 0x61, lower <= 0x7A {
      word.append(lower)
      continue
    }
    guard !word.isEmpty else { continue }
    let string = String(decoding: word, as: UTF8.self)
    if Phrases.leadingAdverbs.contains(string) || Phrases.trailingAdverbs.contains(string) {
      word.removeAll(keepingCapacity: true)
      seen += 1
      if seen == 4 { return false }
      continue
    }
    return Invariants.operativeVerbs.contains(string)
  }
  return false
}
