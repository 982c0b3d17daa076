public import AKNModel

/// What a file is, judged by its content (never by its name), for the inputs `convert` does not
/// read: office documents, archives, XML and HTML, and texts in another language than English.
public enum InputType {
  /// Why `bytes` are a file of a type that is not a resolution's text or PDF, with what to do;
  /// nil when they may be one (text, a PDF, or bytes the text decoder judges itself).
  public static func wrongType(_ bytes: [UInt8]) -> ConversionError? {
    let head = bytes.prefix(4096)
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
      let kind: String
      if text.contains("word/") {
        kind = "a Word document (.docx); save it as PDF or as plain text (UTF-8) and convert that"
      } else if text.contains("application/vnd.oasis.opendocument.text") {
        kind = "an OpenDocument text (.odt); save it as PDF or as plain text (UTF-8) and convert that"
      } else {
        kind = "a zip archive; akn batch converts the documents inside an archive"
      }
      return ConversionError("the input is \(kind)", rule: .inputType, line: 1, column: 1)
    }
    if let kind = binaryKind(bytes) {
      return ConversionError("the input is \(kind)", rule: .inputType, line: 1, column: 1)
    }
    // Markup: the first thing after a byte-order mark and white space.
    var start = head.startIndex
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
    while start < head.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(head[start]) { start += 1 }
    guard start < head.endIndex, head[start] == 0x3C else { return nil }
    let opening = String(decoding: head[start...], as: UTF8.self).lowercased()
    if opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html") {
      return ConversionError(
        "the input is an HTML page, not a resolution's text; save the resolution as PDF or as plain text (UTF-8) and convert that",
        rule: .inputType, line: 1, column: 1)
    }
    if opening.hasPrefix("<?xml") || opening.hasPrefix("<!--") || opening.hasPrefix("<!doctype")
      || opening.dropFirst().first.map({ $0.isLetter }) == true
    {
      let what = opening.contains("akomantoso") ? "an Akoma Ntoso (XML) document" : "XML"
      return ConversionError(
        "the input is \(what), not a resolution's text: use akn validate to check an AKN document",
        rule: .inputType, line: 1, column: 1)
    }
    return nil
  }

  /// Why `text` is not in English, judged from its own function words; nil when it is, or
  /// when it has too few words to tell.
  ///
  /// Words are the runs of letters of each line, lowercased, counted up to the end of the line on
  /// which the 3,001st word falls. The text is read as UTF-8 bytes, in one pass, with no allocation per word.
  public static func notEnglish(_ text: SourceText) -> ConversionError? {
    LanguageTally(text).verdict()
  }

  /// ``notEnglish(_:)`` and ``EnglishText/garbledBlocks(_:)`` of `text`, the same answers, in
  /// one reading of its lines: a line both read is scanned once for both.
  public static func notEnglishAndGarbledBlocks(_ text: SourceText) -> (
    notEnglish: ConversionError?, garbled: [(line: Int, why: String)]
  ) {
    var language: LanguageTally? = LanguageTally()
    let garbled = EnglishText.garbledBlocks(text, countingLanguage: &language)
    return (language!.verdict(), garbled)
  }
}

/// Counts the function words of English and of four other languages in lines of UTF-8 text:
/// a word is a run of letters (`Character.isLetter`), compared lowercased with a fixed table.
struct LanguageTally {
  /// Reading stops after the line on which the word count goes past this.
  static let sample = 3000
  /// The languages told apart from English, in the order of their bits in ``table``.
  static let languages = ["French", "Spanish", "Portuguese", "German"]
  /// The function words of English, then of each of ``languages`` (a word may be in several).
  static let lists: [[String]] = [
    ["the", "of", "and", "to", "in", "that", "its", "for", "with", "by", "on"],
    ["le", "la", "les", "des", "du", "et", "aux", "dans", "pour", "sur", "une"],
    ["el", "los", "las", "del", "y", "para", "con", "por", "una", "sobre"],
    ["os", "as", "do", "da", "dos", "das", "e", "para", "com", "uma"],
    ["der", "die", "das", "und", "den", "des", "mit", "von", "zu", "für"],
  ]

  /// The function words as open-addressed slots: a word's bytes packed big-endian into a
  /// `UInt64` (the first byte highest; every function word has at most 8 bytes, none of them
  /// zero, so that a key is one word's only), and its languages (bit 0 English, then
  /// ``languages``). An empty slot has key 0. Built from ``lists`` directly (a word of several
  /// languages found in its slot and its bit added), with no dictionary or sorting: a one-time
  /// cost the first document converted pays.
  static let table: (keys: [UInt64], masks: [UInt8]) = {
    var keys = [UInt64](repeating: 0, count: slots)
    var masks = [UInt8](repeating: 0, count: slots)
    for (bit, list) in lists.enumerated() {
      for word in list {
        var key: UInt64 = 0
        for byte in word.utf8 { key = key << 8 | UInt64(byte) }
        var slot = LanguageTally.slot(key)
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (slots - 1) }
        keys[slot] = key
        masks[slot] |= 1 << UInt8(bit)
      }
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

  // The word being read: its lowercased bytes packed big-endian (while they are at most 8), how many.
  private var inWord = false
  private var key: UInt64 = 0
  private var length = 0
  /// The word cannot be a function word (a byte past the 8th, a letter or mark not in the table).
  private var spoilt = false

  /// An empty tally.
  init() {}

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
    count(line: bytes, from: 0, afterControl: true)
  }

  /// Counts the words of one line from byte `start` (a scalar's first byte, outside a prepended
  /// sign's character) on; `afterControl`: whether the scalar before it ends a grapheme cluster
  /// whatever follows (a control character, or the line's start).
  private mutating func count(line bytes: UnsafeBufferPointer<UInt8>, from start: Int, afterControl: Bool) {
    var index = start
    let end = bytes.count
    // Whether the previous scalar ends a grapheme cluster whatever follows (a control
    // character, or the line's start).
    var afterControl = afterControl
    // After a prepended sign: whether the character it opens is a letter.
    var prepended: Bool?
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 && prepended == nil {
        // A run of ASCII (the usual bytes), not taken into a prepended sign's character: the
        // word being read is held in locals until the run ends, and a run of letters is read at
        // once.
        var (inWord, key, length, spoilt) = (self.inWord, self.key, self.length, self.spoilt)
        repeat {
          var lower = bytes[index] | 0x20
          if lower &- 0x61 < 26 {
            // ASCII letters (no other byte gives one with 0x20 set). The key takes every letter:
            // past the 8th it holds the last 8 only, but the word is spoilt then (as when each
            // letter past the 8th spoilt it), and a spoilt word's key is never read.
            if !inWord {
              inWord = true
              key = 0
              length = 0
              spoilt = false
            }
            repeat {
              key = key << 8 | UInt64(lower)
              length &+= 1
              index &+= 1
              guard index < end else { break }
              lower = bytes[index] | 0x20
            } while lower &- 0x61 < 26
            if length > 8 { spoilt = true }
            continue
          }
          if bytes[index] >= 0x80 { break }
          index &+= 1
          if inWord {
            inWord = false
            words += 1
            if !spoilt { countFunctionWord(key) }
          }
        } while index < end
        (self.inWord, self.key, self.length, self.spoilt) = (inWord, key, length, spoilt)
        // The run's last byte (it read one at least), ASCII.
        let last = bytes[index - 1]
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

  /// Counts the words of one line as ``count(line:)`` does, and returns the line's counts for
  /// ``EnglishText/Tally`` (its letters a to z counted into `letters`) as
  /// ``EnglishText/Tally/scan(_:letters:)`` does, in one pass over the line's ASCII bytes.
  ///
  /// Up to the first byte beyond ASCII, a word of both is a run of ASCII letters (the line's
  /// start opens no word of this tally: ``count(line:)`` ends each line's last word): one key
  /// packs its letters for both (big-endian, as both pack them). From the first byte beyond ASCII
  /// on, each goes on by itself: the garbled-text tally's word ends there (any character but an
  /// ASCII letter ends it), this tally's goes on (a letter or a mark beyond ASCII may continue it).
  mutating func count(line bytes: UnsafeBufferPointer<UInt8>, letters: UnsafeMutableBufferPointer<Int>)
    -> EnglishText.Tally.Counts
  {
    var found = EnglishText.Tally.Counts()
    let table = EnglishText.Tally.packedFunctionWords
    var index = 0
    let end = bytes.count
    while index < end {
      let byte = bytes[index]
      var lower = byte | 0x20
      if lower &- 0x61 < 26 {
        // A word: its run of ASCII letters.
        let start = index
        var key: UInt64 = 0
        repeat {
          letters[Int(lower &- 0x61)] &+= 1
          key = key << 8 | UInt64(lower)
          index &+= 1
          guard index < end else { break }
          lower = bytes[index] | 0x20
        } while lower &- 0x61 < 26
        let length = index &- start
        found.letters &+= length
        found.words &+= 1
        if length <= 8, table[length].contains(key) { found.function &+= 1 }
        if index < end, bytes[index] >= 0x80 {
          // This tally's word may go on beyond ASCII (past 8 bytes it is spoilt, as in count(line:)).
          (inWord, self.key, self.length, spoilt) = (true, key, length, length > 8)
          found.add(goOn(line: bytes, from: index, letters: letters))
          return found
        }
        words += 1
        if length <= 8 { countFunctionWord(key) }
        continue
      }
      if byte >= 0x80 {
        found.add(goOn(line: bytes, from: index, letters: letters))
        return found
      }
      index &+= 1
      // As EnglishText.Tally.scan counts an ASCII byte that is not a letter.
      if byte > 0x20 || byte < 0x09 || byte > 0x0D && byte < 0x20 {
        found.characters &+= 1
        if byte < 0x21 || byte == 0x7F { found.odd &+= 1 }
      }
    }
    return found
  }

  /// The rest of ``count(line:letters:)`` from `index`, the line's first byte beyond ASCII: this
  /// tally counts on as ``count(line:)`` does after a run of ASCII, and the rest's counts for
  /// ``EnglishText/Tally`` are returned.
  private mutating func goOn(
    line bytes: UnsafeBufferPointer<UInt8>, from index: Int, letters: UnsafeMutableBufferPointer<Int>
  ) -> EnglishText.Tally.Counts {
    let last = index > 0 ? bytes[index - 1] : 0
    count(line: bytes, from: index, afterControl: index == 0 || last < 0x20 || last == 0x7F)
    return EnglishText.Tally.scan(UnsafeBufferPointer(rebasing: bytes[index...]), letters: letters)
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
      if scalar == 0x308, !spoilt, length > 0, key & 0xFF == 0x75 {
        key >>= 8
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
    if length < 8 { key = key << 8 | UInt64(byte) } else { spoilt = true }
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

  /// The error when another language's function words win clearly; nil otherwise.
  func verdict() -> ConversionError? {
    let others = counts.others
    guard let best = others.indices.max(by: { others[$0] < others[$1] }), others[best] >= 8,
      others[best] > 3 * counts.english
    else { return nil }
    return ConversionError(
      "the text looks like \(Self.languages[best]), not English (its function words); only English texts are read so far",
      rule: .inputLanguage, line: 1, column: 1)
  }
}
