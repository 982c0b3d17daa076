/// Whether a text is English words at all, whatever its form: a PDF font whose mapping to
/// characters is lost (`Recalling WKH 8QLYHUVDO 'HFODUDWLRQ`), a text saved in the wrong encoding
/// or shifted, symbol soup. The PDF reader judges each page and font with it; the pipeline
/// judges every text form's text in blocks (``garbledBlocks(_:)``).
public enum EnglishText {
  /// English function words: about a quarter of the words of any English page.
  public static let functionWords = Set(functionWordList.map { $0[...] })

  /// ``functionWords`` as a list: the tally's table is built from it, without building the set
  /// (a one-time cost of some 400,000 instructions, paid by the first document converted).
  static let functionWordList: [String] = [
    "the", "of", "and", "to", "in", "a", "on", "for", "its", "by", "with", "that", "as", "at", "is", "be",
    "from", "all", "this", "an", "or", "which", "are", "has", "have", "their", "it", "into", "also",
    "not", "was", "were", "been", "such", "these", "those", "under", "within", "between", "through",
  ]

  /// The letters' frequencies in English text, in percent, a to z.
  public static let englishLetters: [Double] = [
    8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4, 6.7, 7.5, 1.9, 0.095, 6.0, 6.3, 9.1,
    2.8, 0.98, 2.4, 0.15, 2.0, 0.074,
  ]

  /// How far the letters of `text` are from English's frequencies (0: the same, 2: disjoint),
  /// or nil under `minimumLetters` letters.
  public static func letterDistance(_ text: String, minimumLetters: Int) -> Double? {
    var tally = Tally()
    tally.add(text)
    return tally.letterCount >= minimumLetters ? tally.letterDistance : nil
  }

  /// Why `text` is not English words, or nil. Judged from 20 words: over 30% of its characters
  /// neither Latin letters, digits nor punctuation (symbols, unmapped glyphs); its letters far
  /// from English's frequencies (over 0.65 of their mass misplaced: a shifted or scrambled
  /// alphabet); or 60 words and more with under 2% English function words.
  ///
  /// - Parameter together: whether the two signs of a wrong alphabet must both hold (letters far
  ///   from English's and few function words), for a block of a text form, which may be a page
  ///   of notes made of symbols and abbreviations (`A/78/7/Add.20`, `Ibid.`) whose letters alone
  ///   are far from English's.
  public static func judge(_ text: String, together: Bool = false) -> String? {
    var tally = Tally()
    tally.add(text)
    return tally.verdict(together: together)
  }

  /// The measures of ``judge(_:together:)``, counted over one pass of the UTF-8 bytes of one or
  /// more texts (no string is built): characters that are not white space, those that are
  /// neither Latin letters, digits nor punctuation, the ASCII letters by letter, and the words
  /// (runs of ASCII letters) with the function words among them.
  struct Tally {
    var letters = [Int](repeating: 0, count: 26)
    var letterCount = 0
    var odd = 0
    var characters = 0
    var words = 0
    var function = 0

    /// The function words packed as ``pack(_:)`` does, by length (index 0 unused): a word is
    /// compared with the dozen of its length at most, no hashing.
    static let packedFunctionWords: [[UInt64]] = (0...8).map { length in
      functionWordList.filter { $0.utf8.count == length }.map { pack($0.utf8) }
    }

    /// Up to 8 lower-case ASCII letters in one integer.
    static func pack<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
      bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Counts `text`; a word never runs from one text into the next.
    mutating func add(_ text: String) {
      var text = text
      text.withUTF8 { add(bytes: $0) }
    }

    /// Counts valid UTF-8 `bytes` (a String's); a word never runs from one text into the next.
    mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
      add { Self.scan(bytes, letters: $0) }
    }

    /// Adds what `scan` counts (a text's counts, ``scan(_:letters:)``'s), its letters a to z
    /// counted into the buffer it is given.
    mutating func add(_ scan: (UnsafeMutableBufferPointer<Int>) -> Counts) {
      var counts = letters
      letters = []
      let found = counts.withUnsafeMutableBufferPointer { scan($0) }
      letters = counts
      // Letters count as characters too.
      letterCount += found.letters
      characters += found.characters + found.letters
      odd += found.odd
      words += found.words
      function += found.function
    }

    /// What ``scan(_:letters:)`` counts in one text.
    struct Counts {
      var letters = 0
      var characters = 0
      var odd = 0
      var words = 0
      var function = 0

      /// Adds `other`'s counts.
      mutating func add(_ other: Counts) {
        letters &+= other.letters
        characters &+= other.characters
        odd &+= other.odd
        words &+= other.words
        function &+= other.function
      }
    }

    /// Counts `bytes` (valid UTF-8), each ASCII letter into `letters` (a to z). Its counts are
    /// locals of this function, none captured by a closure, so that they stay in registers: the
    /// loop costs a few instructions a byte. A word (a run of ASCII letters) is read at once, its
    /// letters packed as ``pack(_:)`` does (a longer word keeps its last 8 letters only, but is
    /// never a function word: only words of up to 8 letters are looked up).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, letters: UnsafeMutableBufferPointer<Int>) -> Counts
    {
      var counts = Counts()
      let table = packedFunctionWords
      var index = 0
      let end = bytes.count
      while index < end {
        let byte = bytes[index]
        if (byte | 0x20) &- 0x61 < 26 {
          // A word: its run of ASCII letters, ended by any other character or the text's end.
          let start = index
          var word: UInt64 = 0
          repeat {
            let lower = bytes[index] | 0x20
            guard lower &- 0x61 < 26 else { break }
            letters[Int(lower &- 0x61)] &+= 1
            word = word << 8 | UInt64(lower)
            index &+= 1
          } while index < end
          let length = index &- start
          counts.letters &+= length
          counts.words &+= 1
          if length <= 8, table[length].contains(word) { counts.function &+= 1 }
          continue
        }
        if byte < 0x80 {
          index &+= 1
          // White space (tab to carriage return, space) is not a character; the rest of
          // ASCII is punctuation or a digit, never odd (control characters aside).
          if byte > 0x20 || byte < 0x09 || byte > 0x0D && byte < 0x20 {
            counts.characters &+= 1
            if byte < 0x21 || byte == 0x7F { counts.odd &+= 1 }
          }
        } else {
          let (value, length) = ScanText.decodeScalar(bytes, at: index)
          index &+= length
          switch kind(value) {
          case .space: break
          case .character: counts.characters &+= 1
          case .odd:
            counts.characters &+= 1
            counts.odd &+= 1
          }
        }
      }
      return counts
    }

    /// What a scalar beyond ASCII is to the tally.
    enum Kind {
      /// White space: not a character.
      case space
      /// A character that is neither a symbol nor an unmapped glyph (Latin letters, punctuation).
      case character
      /// A symbol or an unmapped glyph.
      case odd
    }

    /// What one scalar beyond ASCII is.
    static func kind(_ value: UInt32) -> Kind {
      switch value {
      case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: .space
      case 0xA0...0x24F, 0x2010...0x2027, 0x2030...0x205E, 0x20AC: .character
      default: .odd
      }
    }

    /// How far the letters counted are from English's frequencies (0: the same, 2: disjoint).
    var letterDistance: Double {
      guard letterCount > 0 else { return 0 }
      var distance = 0.0
      for index in 0..<26 {
        distance += abs(Double(letters[index]) * 100 / Double(letterCount) - englishLetters[index])
      }
      return distance / 100
    }

    /// Why the text counted is not English words, or nil (see ``EnglishText/judge(_:together:)``).
    func verdict(together: Bool) -> String? {
      guard words >= 20 else { return nil }
      if characters >= 100, odd * 10 > characters * 3 {
        return "\(odd * 100 / characters)% of its characters are symbols or unmapped glyphs"
      }
      var farLetters: String?
      if letterCount >= 100 {
        let distance = letterDistance
        if distance > 0.65 {
          farLetters =
            "its letters are not English's (a shifted or scrambled alphabet: \(Int(distance * 100))% of their frequency misplaced)"
          if !together { return farLetters }
        }
      }
      if words >= 60, function * 50 < words {
        let few = "\(words) words with \(function) English function words (the, of, and …)"
        guard together else { return few }
        return farLetters.map { "\($0), \(few)" }
      }
      return nil
    }
  }

  /// The blocks of `text` whose words are not English (``judge(_:together:)``, both signs of a
  /// wrong alphabet together, or symbols), for a text form: its pages
  /// (form feeds) or, without them, blocks of 120 lines — one damaged stretch may spoil a part of
  /// a text only —, each judged on its first 3,000 bytes. Each with its first line (1-based) and
  /// why.
  public static func garbledBlocks(_ text: SourceText) -> [(line: Int, why: String)] {
    var language: LanguageTally?
    return garbledBlocks(text, countingLanguage: &language)
  }

  /// ``garbledBlocks(_:)``, and `language` (when not nil) counted in the same reading of the
  /// lines: a line it reads (up to the one on which its word count goes past
  /// ``LanguageTally/sample``, as ``LanguageTally/init(_:)`` reads) that a block samples too is
  /// scanned once for both (``LanguageTally/count(line:letters:)``).
  static func garbledBlocks(_ text: SourceText, countingLanguage language: inout LanguageTally?) -> [(
    line: Int, why: String
  )] {
    var garbled: [(line: Int, why: String)] = []
    var tally = Tally()
    var first = text.lines.first?.number ?? 1
    var count = 0
    var sampled = 0
    for line in text.lines {
      if (line.pageBreak && count > 0) || count == 120 {
        if let why = tally.verdict(together: true) { garbled.append((first, why)) }
        tally = Tally()
        count = 0
        sampled = 0
        first = line.number
      }
      count += 1
      // A sample of each block (its first lines, 3,000 bytes): a wrong alphabet shows at once.
      let sampling = sampled < 3000
      if let words = language?.words, words <= LanguageTally.sample {
        var bytes = line.text
        bytes.withUTF8 { bytes in
          if sampling {
            tally.add { letters in language!.count(line: bytes, letters: letters) }
          } else {
            language!.count(line: bytes)
          }
        }
      } else if sampling {
        tally.add(line.text)
      }
      if sampling { sampled += line.text.utf8.count }
    }
    if let why = tally.verdict(together: true) { garbled.append((first, why)) }
    return garbled
  }
}
