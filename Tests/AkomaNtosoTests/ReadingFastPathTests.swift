import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The inline reading's fast paths and shared rows (issue 24) give what the code they replace
/// gave.
@Suite struct ReadingFastPathTests {
  /// A body's row is shared by its copies; a setter gives the body a row of its own, so a copy
  /// keeps its values (value semantics), and equality and hashing stay by actor code.
  @Test("a body's shared row keeps value semantics")
  func bodyRowValueSemantics() {
    let assembly = UNBody.generalAssembly
    var copy = assembly
    #expect(copy == assembly)
    copy.name = "Assembly of Another Name"
    copy.otherNames.append("Another")
    copy.meeting = ("session", "session")
    copy.isUNOrgan = false
    #expect(assembly.name == "General Assembly")
    #expect(assembly.otherNames == ["Assembly"])
    #expect(assembly.meeting.akn == "plenaryMeeting" && assembly.meeting.printed == "plenary meeting")
    #expect(assembly.isUNOrgan)
    #expect(UNBody.generalAssembly.name == "General Assembly")
    #expect(copy.name == "Assembly of Another Name" && copy.otherNames == ["Assembly", "Another"])
    #expect(copy.meeting.akn == "session" && !copy.isUNOrgan)
    // Same actor code: equal, whatever the other values.
    #expect(copy == assembly && copy.hashValue == assembly.hashValue)
    copy.actor = "un-other"
    #expect(copy != assembly && UNBody.generalAssembly.actor == "un-ga")
    // Rows made apart with the same actor code are equal.
    #expect(UNBody(actor: "un-ga", name: "x") == UNBody.generalAssembly)
    #expect(UNBody.withActor("un-sc") == .securityCouncil)
    #expect(UNBody.all.allSatisfy { UNBody.withActor($0.actor)?.name == $0.name })
  }

  // MARK: Phrases

  /// `Phrases.leadingWords` before issue 24's byte readings: `Character`s.
  static func referenceLeadingWords(_ text: String, limit: Int) -> [(word: String, end: String.Index)] {
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
      if index < text.endIndex, text[index] != " " { break }
    }
    return result
  }

  /// `Phrases.preambular` before issue 24's byte readings.
  static func referencePreambular(_ text: String) -> (end: String.Index, name: String)? {
    guard let firstCharacter = text.first, firstCharacter.isUppercase else { return nil }
    let words = referenceLeadingWords(text, limit: 5)
    guard let first = words.first else { return nil }
    let head = first.word
    let opens =
      (head.hasSuffix("ing") && head.count > 4) || Phrases.preambularContinuations[head] != nil
      || Phrases.preambularAdjectives.contains(head)
    guard opens else { return nil }
    var taken = 1
    if let continuations = Phrases.preambularContinuations[head] {
      for continuation in continuations where continuation.count < words.count {
        if continuation.enumerated().allSatisfy({ words[1 + $0.offset].word == $0.element }) {
          taken += continuation.count
          break
        }
      }
    }
    let nameWords = words[0..<taken].map(\.word)
    if taken < words.count, Phrases.trailingAdverbs.contains(words[taken].word) { taken += 1 }
    return (words[taken - 1].end, Phrases.lowerCamelCase(nameWords))
  }

  /// `Phrases.operative` before issue 24's byte readings.
  static func referenceOperative(_ text: String) -> String.Index? {
    guard let firstCharacter = text.first, firstCharacter.isUppercase else { return nil }
    let words = referenceLeadingWords(text, limit: 8)
    guard !words.isEmpty else { return nil }
    var taken = 0
    while taken < words.count - 1, Phrases.leadingAdverbs.contains(words[taken].word) { taken += 1 }
    let verb = words[taken].word
    guard verb.hasSuffix("s"), verb.count > 2 else { return nil }
    taken += 1
    if let continuations = Phrases.operativeContinuations[verb] {
      for continuation in continuations where taken + continuation.count <= words.count {
        if continuation.enumerated().allSatisfy({ words[taken + $0.offset].word == $0.element }) {
          taken += continuation.count
          break
        }
      }
    }
    return words[taken - 1].end
  }

  @Test("the lead phrases read on bytes are the ones read on characters")
  func phrases() {
    let madeUp = [
      "", " ", "R", "Recalling", "Recalling also its resolution 67/1,", "Bearing in mind",
      "Bearing in mind further",
      "Taking note with appreciation of", "Deeply concerned", "Having considered", "Sing", "Swing", "Kings",
      "Decides", "Also decides", "Calls upon", "Takes note with satisfaction", "Is", "As", "Xs",
      "Requests, also",
      "\r\nRecalling", "\rDecides", "A\u{301}lso decides", "A\u{345}s", "É decides", "Ético", "Ñoting that",
      "Notinǵ", "Decideś", "Reafirmandoñ", "Noting-ing", "-ing", "Alarmed by", "1. Decides", "(a) Recalling",
      "Recalling\u{301} x", "Decides\u{0345}", "ﬁnding", "Finding", "Fining", "Decides\tto", "DECIDES",
      "RECALLING", "Ǆing", "ǅecides", "Σ decides", "Ωs",
    ]
    for line in FastPathTests.corpusLines(after: madeUp) {
      let preambular = Phrases.preambular(line)
      let reference = Self.referencePreambular(line)
      #expect(preambular?.end == reference?.end && preambular?.name == reference?.name, "\(line)")
      #expect(Phrases.operative(line) == Self.referenceOperative(line), "\(line)")
      #expect(Phrases.opensWithUppercase(line) == (line.first?.isUppercase ?? false), "\(line)")
      // The words read one at a time are the words read at once, at every index.
      for limit in [5, 8] {
        let all = Phrases.leadingWords(line, limit: limit)
        var lazy = Phrases.LeadingWords(line, limit: limit)
        for index in [0, 1, 2, 4, 3, 7, 8, 9] {
          let word = lazy.word(index)
          let reference = index < all.count ? all[index] : nil
          #expect(word?.word == reference?.word && word?.end == reference?.end, "\(line) \(index)")
        }
      }
      for word in line.split(separator: " ").prefix(3).map(String.init) {
        #expect(Phrases.hasSuffix(word, "ing") == word.hasSuffix("ing"), "\(word)")
        #expect(Phrases.hasSuffix(word, "s") == word.hasSuffix("s"), "\(word)")
        #expect(Phrases.characterCount(word) == word.count, "\(word)")
      }
    }
  }

  // MARK: Footnote markers

  @Test("a short marker's value read with its test is what Int reads from its digits")
  func shortMarkerValue() {
    var table = [Bool](repeating: false, count: 4000)
    for marker in ["1", "2", "9", "10", "12", "99", "100", "123", "999", "05"] {
      table[marker.utf8.count * 1000 + Int(marker)!] = true
    }
    let runs = [
      "", "0", "1", "2", "3", "9", "01", "05", "5", "10", "12", "012", "99", "100", "123", "999", "1000",
      "1234",
      "a", "1a", "٣", "１", "12 ", "-1", "+1",
    ]
    for run in runs {
      let value = FootnoteLinker.State.shortMarkerValue(run, in: table)
      let reference = FootnoteLinker.State.isShortMarker(run, in: table) ? Int(run) : nil
      #expect(value == reference, "\(run)")
      #expect((value != nil) == FootnoteLinker.State.isShortMarker(run, in: table), "\(run)")
    }
  }

  // MARK: Spaces

  /// The byte loop of `collapsingSpaces` before issue 24's eight-byte reading.
  static func referenceIsCollapsed(_ text: String) -> Bool {
    var previous: UInt8 = 0x20
    for byte in text.utf8 {
      if byte == 0x09 || (byte == 0x20 && previous == 0x20) { return false }
      previous = byte
    }
    return previous != 0x20
  }

  /// `collapsingSpaces` on characters, as it reads a text whose bytes it cannot take.
  static func referenceCollapsing(_ text: String) -> String {
    var result = ""
    var pendingSpace = false
    for character in text {
      if character == " " || character == "\t" {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.append(" ") }
        pendingSpace = false
        result.append(character)
      }
    }
    return result
  }

  @Test("the eight-byte test for collapsed spaces is the byte loop's")
  func collapsedSpaces() {
    var madeUp = [
      "", " ", "  ", "\t", "a", "a ", " a", "a  b", "a\tb", "a b", "abcdefgh", "abcdefg ", "abcdefgh ",
      " bcdefgh", "abcdefg  ijk", "abcdefgh  jk", "abcdefghijklmnop", "abcdefghijklmno ", "é  b", "é b",
      "\u{A0}\u{A0}", "abc\u{2009}\u{2009}def", "a \u{301}b", "      x",
    ]
    // Every place of a pair of spaces, a tab and a lone space around the words' borders.
    for length in 1...20 {
      for place in 0..<length {
        for insert in ["  ", "\t", " ", "\t\t", " \t"] {
          var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
          bytes.replaceSubrange(place..<min(length, place + insert.utf8.count), with: insert.utf8)
          madeUp.append(String(decoding: bytes, as: UTF8.self))
        }
      }
    }
    for line in FastPathTests.corpusLines(after: madeUp) {
      var text = line
      let collapsed = text.withUTF8 { SpaceFolding.isCollapsed($0) }
      #expect(collapsed == Self.referenceIsCollapsed(line), "\(line)")
      #expect(line.collapsingSpaces == Self.referenceCollapsing(line), "\(line)")
    }
  }

  // MARK: Eight bytes at a time

  @Test("a word of eight bytes tells each byte's class as the byte does")
  func byteWords() {
    for filler: UInt8 in [0x00, 0x20, 0x41, 0x7F, 0x80, 0xFF, 0x39, 0x30] {
      for byte in UInt8.min...UInt8.max {
        for place in 0..<8 {
          var bytes = [UInt8](repeating: filler, count: 8)
          bytes[place] = byte
          let word = bytes.withUnsafeBytes { ByteWords.load($0, at: 0) }
          func mask(_ test: (UInt8) -> Bool) -> UInt64 {
            bytes.enumerated().reduce(0) { $0 | (test($1.element) ? UInt64(0x80) << (8 * $1.offset) : 0) }
          }
          #expect(ByteWords.digits(word) == mask { $0 >= 0x30 && $0 <= 0x39 })
          #expect(ByteWords.over7F(word) == mask { $0 >= 0x80 })
          for probe: UInt8 in [0x09, 0x0D, 0x20, 0x2A, byte] {
            #expect(ByteWords.equal(word, to: probe) == mask { $0 == probe })
          }
        }
      }
    }
  }

  @Test("the first digit or asterisk read eight bytes at a time is the one read byte by byte")
  func firstDigitOrStar() {
    let madeUp = [
      "", "1", "a", "*", "abcdefgh", "abcdefg1", "abcdefgh1", "1bcdefgh", "abc*defghijk", "\r", "é1",
      "abcdefghijklmnopqrstu\u{e9}vwxyz 12", "no digit at all in this rather long line of text, none", "**",
    ]
    for line in FastPathTests.corpusLines(after: madeUp) {
      var text = line
      text.withUTF8 { bytes in
        for (stopsAtOther, asterisk) in [(false, false), (true, false), (false, true), (true, true)] {
          func stops(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (asterisk && byte == 0x2A)
              || (stopsAtOther && (byte >= 0x80 || byte == 0x0D))
          }
          var from = 0
          while from <= bytes.count {
            let found = FootnoteLinker.State.firstDigitOrStar(
              in: bytes, from: from, stopsAtOther: stopsAtOther, asterisk: asterisk)
            let reference = (from..<bytes.count).first { stops(bytes[$0]) } ?? bytes.count
            #expect(found == reference, "\(line) \(from)")
            from = reference + 1
          }
        }
      }
    }
  }

  @Test("a text may cite, read eight bytes at a time, when the byte loop found a digit")
  func mayCite() {
    let madeUp = [
      "", "1", "a", "abcdefgh", "abcdefgh9", "abcdefg9", "9abcdefgh", "é٣", "resolution 67/27", "١٢٣",
    ]
    for line in FastPathTests.corpusLines(after: madeUp) {
      #expect(Citations.mayCite(line) == line.utf8.contains { $0 &- 0x30 < 10 }, "\(line)")
    }
  }
}
