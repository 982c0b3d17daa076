import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel
@testable import AKNReading

/// The byte-level fast paths (issue 24) give what the `String` code they replace gave: each is
/// compared with a copy of that code on made-up edge cases and on every line of the shared corpus.
@Suite struct FastPathTests {
  /// The language check before issue 24: `Character`s, words split into `Substring`s and looked up
  /// in `Set`s. Returns the words read and the function words of English, French, Spanish,
  /// Portuguese and German.
  static func referenceTally(_ text: SourceText) -> [Int] {
    let english: Set<Substring> = ["the", "of", "and", "to", "in", "that", "its", "for", "with", "by", "on"]
    let others: [Set<Substring>] = [
      ["le", "la", "les", "des", "du", "et", "aux", "dans", "pour", "sur", "une"],
      ["el", "los", "las", "del", "y", "para", "con", "por", "una", "sobre"],
      ["os", "as", "do", "da", "dos", "das", "e", "para", "com", "uma"],
      ["der", "die", "das", "und", "den", "des", "mit", "von", "zu", "für"],
    ]
    var englishCount = 0
    var counts = [Int](repeating: 0, count: others.count)
    var words = 0
    for line in text.lines {
      for word in line.text.lowercased().split(whereSeparator: { !$0.isLetter }) {
        words += 1
        if english.contains(word) { englishCount += 1 }
        for (index, language) in others.enumerated() where language.contains(word) { counts[index] += 1 }
      }
      if words > 3000 { break }
    }
    return [words, englishCount] + counts
  }

  static func tally(_ text: SourceText) -> [Int] {
    let tally = LanguageTally(text)
    return [tally.words, tally.counts.english] + tally.counts.others
  }

  static func text(_ lines: [String]) -> SourceText {
    SourceText(lines: lines.enumerated().map { SourceText.Line(number: $0.offset + 1, text: $0.element) })
  }

  /// The shared corpus's texts (every folder but the PDFs), or none when it is absent.
  static func corpusTexts() -> [URL] {
    guard let shared = Fixtures.shared else { return [] }
    let corpus = shared.appendingPathComponent("corpus")
    guard let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else {
      return []
    }
    return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "txt" || $0.pathExtension == "md" }
      .sorted { $0.path < $1.path }
  }

  /// `madeUp`, then every line of the shared corpus's texts (none when it is absent).
  static func corpusLines(after madeUp: [String]) -> [String] {
    var lines = madeUp
    for url in corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    return lines
  }

  @Test("the language tally on bytes counts what the Character-based one counted")
  func languageTally() throws {
    let cases: [[String]] = [
      ["The General Assembly, Recalling its resolution 77/1 and the report of the Secretary-General"],
      [
        "L’Assemblée générale, Rappelant sa résolution 77/1 et les résolutions de la Commission des droits",
        "de l'homme sur la question, Prenant note du rapport du Secrétaire général et des mesures prises d’une",
      ],
      [
        "La Asamblea General, Recordando su resolución y las resoluciones del Consejo sobre la cuestión, por una"
      ],
      [
        "A Assembleia Geral, Recordando as resoluções e os relatórios do Secretário-Geral da Comissão, com uma"
      ],
      [
        "Die Generalversammlung, unter Hinweis auf die Resolution der Kommission für Menschenrechte und den Bericht",
        "FÜR die Staaten, fu\u{308}r die Mitglieder, Fu\u{308}r mit von zu, FU\u{308}R, fü\u{301}r, u\u{308}ber",
      ],
      [
        "\u{301}the \u{345}the the\u{301} t\u{200D}he \u{200D}the",
        "\tthe\u{308} of ﬁnal Kelvin \u{212A} İn ın ǅ",
      ],
      ["THE OF AND To In ThAt", "", "   ", "1. 2. (a) — “the” ‘of’ «le» „die“ the—of the/of the-of"],
      ["日本語 the Ελληνικά of ΣΑΣ русский и с the", "👩‍👩‍👧 the 🇫🇷 la 1️⃣ of \u{0600}the e\u{20DD}t le"],
      ["verylongwordthatisnotafunctionword the", "para para para dos das des des"],
      [
        "\u{600}the \u{600}\u{600}of x\u{E33}the the \u{E33}of \u{D4E}the", "\u{600}\tthe \u{600}",
        "\u{E33}the",
      ],
    ]
    for lines in cases {
      let text = Self.text(lines)
      #expect(Self.tally(text) == Self.referenceTally(text), "\(lines)")
      #expect(
        InputType.notEnglish(text)?.diagnostics.first?.message
          == LanguageTally(text).verdict()?.diagnostics.first?.message)
    }
    // The sample ends after the line on which the 3,001st word falls, wherever that is.
    for perLine in [1, 7, 1000, 2999, 3001, 5000] {
      let line = Array(repeating: "le la the", count: perLine).joined(separator: " ")
      let text = Self.text(Array(repeating: line, count: 9000 / perLine + 2))
      #expect(Self.tally(text) == Self.referenceTally(text), "\(perLine) words a line")
    }
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      #expect(Self.tally(text) == Self.referenceTally(text), "\(url.lastPathComponent)")
    }
  }

  @Test("a German text is refused as German, by its function words with or without composed ü")
  func german() {
    let german = """
      Die Generalversammlung, unter Hinweis auf ihre Resolution 77/1 und die Resolutionen der Kommission für
      Menschenrechte zu der Frage, nach Kenntnisnahme von dem Bericht des Generalsekretärs und von den
      Maßnahmen, die von den Staaten zur Umsetzung der Erklärung getroffen wurden, 1. ersucht den
      Generalsekretär, ihr einen Bericht über die Fortschritte bei der Durchführung dieser Resolution vorzulegen.
      """
    for text in [german, german.decomposedStringWithCanonicalMapping] {
      let message = InputType.notEnglish(try! SourceText.decode(Array(text.utf8)))?.diagnostics.first?.message
      #expect(message?.contains("German") == true)
    }
  }

  /// `isAnnexHeading`, `unitLabel` and `sectionWithHeading` before their byte-level refusals.
  static func referenceAnnexHeading(_ text: String) -> Bool {
    var trimmed = text.trimmed
    while let last = trimmed.last, last == "*" { trimmed.removeLast() }
    let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard let first = words.first, first == "Annex" || first == "ANNEX", words.count <= 2 else {
      return false
    }
    guard words.count == 2 else { return true }
    let number = words[1]
    return number.count <= 6
      && (number.allSatisfy(\.isASCIIDigit) || number.allSatisfy({ "IVXL".contains($0) })
        || (number.count == 1 && number.first!.isUppercase))
  }

  static func referenceUnitLabel(_ text: String) -> String? {
    let trimmed = text.collapsingSpaces
    let words = (trimmed.last == "." ? String(trimmed.dropLast()) : trimmed).split(separator: " ")
    guard words.count == 2 else { return nil }
    let unit: String
    switch words[0] {
    case "Article", "ARTICLE": unit = "article"
    case "Rule", "RULE": unit = "rule"
    case "Chapter", "CHAPTER": unit = "chapter"
    default: return nil
    }
    let number = words[1]
    guard number.count <= 6,
      number.allSatisfy(\.isASCIIDigit) || number.allSatisfy({ "IVXL".contains($0) })
    else { return nil }
    return "\(trimmed) \(unit)"
  }

  static func referenceSectionWithHeading(_ text: String) -> String? {
    let trimmed = text.collapsingSpaces
    guard let dot = trimmed.firstIndex(of: "."), trimmed.distance(from: trimmed.startIndex, to: dot) <= 6
    else {
      return nil
    }
    let mark = String(trimmed[..<dot])
    guard LineGrammar.sectionNumber(mark) == mark else { return nil }
    let rest = trimmed[trimmed.index(after: dot)...]
    guard rest.first == " " else { return nil }
    let heading = rest.trimmed
    guard let first = heading.first, first.isUppercase, LineGrammar.isTitle(heading) else { return nil }
    return "\(mark). \(heading)"
  }

  static func referenceOpensNumbered(_ text: String) -> Bool {
    if case .number? = LineGrammar.label(of: text)?.0 { return true }
    let trimmed = text.trimmed
    return trimmed.count > 1 && trimmed.count <= 5 && trimmed.last == "."
      && trimmed.dropLast().allSatisfy(\.isASCIIDigit)
  }

  static func referenceSectionNumber(_ text: String) -> String? {
    var trimmed = text.trimmed
    if trimmed.hasPrefix("Section ") {
      trimmed = String(trimmed.dropFirst(8))
      // "Section 31", "Section 29A": a budget section.
      if let match = trimmed.wholeMatch(of: /[0-9]{1,3}[A-Z]?/) { return String(match.output) }
    }
    if trimmed.hasPrefix("Part ") { trimmed = String(trimmed.dropFirst(5)) }
    if trimmed.last == "." { trimmed.removeLast() }
    guard !trimmed.isEmpty, trimmed.count <= 6 else { return nil }
    if trimmed.count == 1, let letter = trimmed.first, letter.isASCII, letter.isUppercase { return trimmed }
    if trimmed.allSatisfy({ "IVXL".contains($0) }) { return trimmed }
    return nil
  }

  @Test("the line predicates with byte-level refusals answer as before, on every corpus line")
  func linePredicates() throws {
    var lines = [
      "Annex", "  Annex I", "ANNEX II*", "Annex 3", "Annexes", "Annex\u{301} I", " \u{301}Annex",
      "\tANNEX\tB",
      "Article 5", "Article 5.", "ARTICLE  IV", "Rule\t12", "Rule", "Rule.", "Rules 3", "Article\u{301} 5",
      "Article 1234567", "I. Our shared commitment", "  II.  Heading", "A. Title", "abcdef. X", "abcdefg. X",
      "ab cd. X", "a  b  c  d. X", "é. Heading", "IV.\u{301} X", "1.", ".", "", "   ", "XIV. The way forward",
      "B.\tPeace and security", "a\u{301}bcdef. X", "12.", "1.", "12345.", "1234.", " 3.\tDecides", "(a) x",
      "(iv)\tx", "\u{2014} x", "\u{2022}\tx", "\u{2013} x", "\u{2012} x", " \u{301}1. x", "1\u{301}. x",
      "(1) x",
      "(aa) x", "12.\u{301}", "\t(b)\tthe", "1.\u{301} x", "IV", "IV.", "Section II", "Part B.", "XVIIII",
      "Section 31", "Section 29A", "Section 1234", "Chapter IV",
      "XVIIIII",
      "B", "b", ".", "Part ", "Section .",
    ]
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    for line in lines {
      #expect(LineGrammar.opensNumberedParagraph(line) == Self.referenceOpensNumbered(line), "\(line)")
      #expect(LineGrammar.sectionNumber(line) == Self.referenceSectionNumber(line), "\(line)")
      if !LineGrammar.mayOpenLabel(line) {
        // The old label(of:) read nothing from such a line: its first character after spaces
        // and tabs is none of a digit, "(", "\u{2014}", "\u{2022}", "\u{2013}".
        let first = line.trimmed.first
        #expect(
          first.map { !($0.isASCII && $0.isNumber) && !"(\u{2014}\u{2022}\u{2013}".contains($0) } ?? true)
      }
      #expect(LineGrammar.isAnnexHeading(line) == Self.referenceAnnexHeading(line), "\(line)")
      #expect(
        LineGrammar.unitLabel(line).map { "\($0.printed) \($0.unit.rawValue)" }
          == Self.referenceUnitLabel(line),
        "\(line)")
      #expect(
        LineGrammar.sectionWithHeading(line).map { "\($0.num) \($0.heading)" }
          == Self.referenceSectionWithHeading(line), "\(line)")
    }
  }

  @Test("citations scanned on ASCII bytes as on scalars, on made-up texts and every corpus line")
  func citationsOnASCIIBytes() throws {
    var texts = [
      "", "a", "1", "resolutions 53/70 of 4 December 1998 and 66/24, and A/C.2/59/3, annex.",
      "Security Council resolution 1325 (2000) of 31 October 2000", "from 13 to 15 May 1996, 1/2 of the",
      "Human Rights Council resolutions 7/34 and 24/14 of 27 September 2013; decision 18/120",
      "resolution 1514 (XV) and 217 A (III), E/CN.4/2005/L.10/Add.2 and IX/16", "line\r\nend 67/27",
      "-x", ";", ". ", "a.", "x-y-z; resolution 1/2. A/67/1-; 3-4 decision-5 -6 a--7 .8 ;9",
      "S-35/1 and 2/3.",
    ]
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      texts += text.lines.map(\.text)
    }
    var ascii = 0
    for text in texts {
      guard let bytes = ScanText.asciiBytes(text) else {
        #expect(text.utf8.contains { $0 >= 0x80 || $0 == 0x0D }, "\(text)")
        continue
      }
      ascii += 1
      #expect(bytes == Array(text.utf8))
      var byBytes = Citations.State()
      var byScalars = Citations.State()
      #expect(
        Citations.scan(bytes, state: &byBytes) == Citations.scan(ScanText.scalars(text), state: &byScalars),
        "\(text)")
      #expect(byBytes.unlinked == byScalars.unlinked, "\(text)")
    }
    #expect(ascii >= 8)
  }

  @Test(
    "a text without an ASCII digit scans to itself, with nothing unlinked, on made-up texts and every corpus line"
  )
  func citationsNeedADigit() throws {
    var texts = [
      "", "a", "1", "resolution", "Recalling its resolutions and decisions, and A/RES/ and E/CN.4/",
      "Security Council resolution MCMXCIX (two thousand)", "IX/16", "line\r\nend", "x\u{301}y",
      "résolution ٣/٢ du ３ mars", "resolution 67/27", "A/C.2/59/3", "٣٤/٥ and 9",
    ]
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      texts += text.lines.map(\.text)
    }
    var digitless = 0
    for text in texts {
      #expect(
        Citations.mayCite(text) == text.unicodeScalars.contains { $0.value >= 0x30 && $0.value <= 0x39 })
      var state = Citations.State()
      let scanned = Citations.scan(text, state: &state)
      if !Citations.mayCite(text) {
        digitless += 1
        #expect(scanned == (text.isEmpty ? [] : [.text(text)]), "\(text)")
        #expect(state.unlinked.isEmpty, "\(text)")
      } else if !scanned.contains(where: { if case .citation = $0 { true } else { false } }) {
        // No citation found: the text comes back as it is.
        #expect(scanned == [.text(text)], "\(text)")
      }
    }
    // The made-up texts alone hold seven without an ASCII digit (the corpus, when present, many
    // more): the refusal was exercised, with or without ../shared.
    #expect(digitless >= 7)
  }

  @Test("scalars decoded from UTF-8 and an eId's last component found on bytes, as before")
  func scalarsAndEIds() {
    let texts = [
      "", "a",
      "résolution 67/27 — “the” 🇫🇷 e\u{301} 日本語 \u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}",
      String(repeating: "Recalling its resolutions 53/70 of 4 December 1998, ", count: 50),
    ]
    for text in texts { #expect(ScanText.scalars(text) == Array(text.unicodeScalars)) }
    let eIds = [
      "para_1", "preamble__recital_3__ref_1", "a___b", "a____", "__", "_", "", "x__y__z_2",
      "att_1__annex_1__para_1",
      "sec_A__para_1__authorialNote_1", "é__b_1", "a__\u{301}b", "ab_\u{301}_c", "__a",
      "para", "a_", "x_y__z_1", "x__y_1_2", "a__b___c_d", "é_1", "x__y_\u{301}1_2", "preamble__formula_1",
    ]
    for eId in eIds {
      let foundation = eId.range(of: "__", options: .backwards)?.upperBound ?? eId.startIndex
      let mine = AKNBuilder.afterLastDoubleUnderscore(eId)
      #expect(String(eId[mine...]) == String(eId[foundation...]), "\(eId)")
      // The head: up to the first "_" of the last component, as a Character search finds it.
      let head = EIdAllocator.headEnd(eId)
      let characters = eId[foundation...].firstIndex(of: "_")
      #expect(head.map { String(eId[..<$0]) } == characters.map { String(eId[..<$0]) }, "\(eId)")
    }
  }

  @Test("leading words, their camel-case name, job numbers and folded spaces on ASCII bytes, as before")
  func asciiPaths() {
    func camel(_ words: [String]) -> String {
      var result = ""
      for (offset, word) in words.enumerated() {
        let letters = word.filter { $0.isLetter && $0.isASCII }
        result += offset == 0 ? letters.lowercased() : letters.prefix(1).uppercased() + letters.dropFirst()
      }
      return result.isEmpty ? "preambularParagraph" : result
    }
    var lines = [
      "Recalling its resolution", "Bearing in mind, also", "  Deeply  concerned", "Taking-note of",
      "Noting\r the",
      "Recalling\u{301} x", "Reaffirming é", "", " ", "-", "A B C D E F G H I J", "Welcoming\tthe",
      "23-23832",
      "23-2383", "2-238321", "23–23832", "23-23832 ", "ab-cdefg", "\t a \t b\t", "x\r\ny", "é  ü\t\u{301}",
    ]
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    for line in lines {
      if let ascii = Phrases.leadingWordsASCII(line, limit: 8) {
        let general = Phrases.leadingWordsByScalar(line, limit: 8)
        #expect(general.map { $0.map(\.word) } == ascii.map(\.word), "\(line)")
        #expect(general.map { $0.map(\.end) } == ascii.map(\.end), "\(line)")
      }
      let words = line.split(separator: " ").prefix(4).map(String.init)
      if let ascii = Phrases.lowerCamelCaseASCII(words) { #expect(ascii == camel(words), "\(words)") }
      let parts = line.split(separator: "-", omittingEmptySubsequences: false)
      let job =
        parts.count == 2 && parts[0].count == 2 && parts[1].count == 5
        && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
      #expect(LineGrammar.isJobNumber(line) == job, "\(line)")
      var copy = line
      if let folded = copy.withUTF8(ScanText.foldingSpaces) {
        #expect(folded == ReadingFastPathTests.referenceCollapsing(line), "\(line)")
      }
    }
  }

  /// `Phrases.preambular(_:)` before its refusal on the first word's bytes and its five-word
  /// reading: eight words read by `Character`.
  static func referencePreambular(_ text: String) -> (end: String.Index, name: String)? {
    guard let firstCharacter = text.first, firstCharacter.isUppercase else { return nil }
    var words: [(word: String, end: String.Index)] = []
    var index = text.startIndex
    while words.count < 8, index < text.endIndex {
      while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
      let start = index
      while index < text.endIndex, text[index].isLetter || text[index] == "-" {
        index = text.index(after: index)
      }
      guard index > start else { break }
      words.append((text[start..<index].lowercased(), index))
      if index < text.endIndex, text[index] != " " { break }
    }
    guard let head = words.first?.word else { return nil }
    let continuations = Phrases.preambularContinuations[head]
    guard
      (head.hasSuffix("ing") && head.count > 4) || continuations != nil
        || Phrases.preambularAdjectives.contains(head)
    else { return nil }
    var taken = 1
    for continuation in continuations ?? [] where continuation.count < words.count {
      if (0..<continuation.count).allSatisfy({ words[1 + $0].word == continuation[$0] }) {
        taken += continuation.count
        break
      }
    }
    let nameWords = words[0..<taken].map(\.word)
    if taken < words.count, Phrases.trailingAdverbs.contains(words[taken].word) { taken += 1 }
    return (words[taken - 1].end, Phrases.lowerCamelCase(nameWords))
  }

  @Test("a preambular phrase refused on its first word's bytes and read in five words, as before")
  func preambularPhrases() throws {
    var lines = [
      "Decides to", "Recalling", "Recalling also its resolution", "Taking note with appreciation also of",
      "Taking note with appreciation, also", "Expressing its deep appreciation further to", "Bearing in mind",
      "Bearing in", "Noting with deep concern moreover that", "Deeply concerned", "Having considered also",
      "A", "Z", "a", "", " ", " Recalling", "\rRecalling", "\r\nRecalling", "Recalling\r\nalso",
      "R\u{301}ecalling",
      "Recalling\u{301} also", "Reaffirming é", "Éclairé", "É", "1. Decides", "Mindful-of", "Seized-",
      "Welcoming\tthe", "Recalling, also", "Also", "Further recalling", "Noting", "Bringing", "Sing",
      "Stressing\u{301}", "Having", "Having considered the report,", "X\u{301}", "a\u{301}", "\u{301}",
      "Convinced also further", "Taking into account also again", "Expressing hope also",
    ]
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.flatMap { [$0.text, $0.text.trimmed] }
    }
    for line in lines {
      let phrase = Phrases.preambular(line)
      let reference = Self.referencePreambular(line)
      #expect(phrase?.end == reference?.end, "\(line)")
      #expect(phrase?.name == reference?.name, "\(line)")
      switch Phrases.headASCII(line) {
      case .none: #expect(line.first?.isUppercase != true, "\(line)")
      case .word(let head):
        #expect(line.first?.isUppercase == true, "\(line)")
        #expect(head == line.prefix { $0.isLetter || $0 == "-" }.lowercased(), "\(line)")
      case .unknown: #expect(line.utf8.contains { $0 >= 0x80 || $0 == 0x0D }, "\(line)")
      }
    }
  }

  @Test("a paragraph's label is its trimmed text's, which the repair of a damaged number read apart")
  func labelOfTrimmedText() throws {
    var lines = [
      "3.\tInvites", " 3. Decides ", "\t(a) x\t", "  — x", " \u{301}3. x", "3. \u{301}", "\u{301} 3. x ",
      " (aa)  x", "(1) x", "S. Decides", "1, Decides", "3.", " ", "", "\t\t", "3.\t \u{301}x \t",
    ]
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    for line in lines {
      let label = LineGrammar.label(of: line)
      let trimmed = LineGrammar.label(of: line.trimmed)
      #expect(label?.0 == trimmed?.0, "\(line)")
      #expect(label?.1 == trimmed?.1, "\(line)")
    }
  }

  /// `LineGrammar.label(of:)` for a numbered paragraph before its byte path: by `Character`.
  static func referenceNumberLabel(_ text: String) -> String? {
    let trimmed = text.trimmed
    guard let first = trimmed.first, first.isASCII, first.isNumber else { return nil }
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    let afterDigits = trimmed[digits.endIndex...]
    guard digits.count <= 4, afterDigits.first == ".", let value = Int(digits) else { return nil }
    let rest = afterDigits.dropFirst()
    guard let separator = rest.first, separator == " " || separator == "\t" else { return nil }
    return "\(value) \(digits). \(rest.trimmed)"
  }

  /// `LineGrammar.meetingNumber(_:)` before its refusal on the byte after the digits.
  static func referenceMeetingNumber(_ text: String) -> Int? {
    let trimmed = text.collapsingSpaces
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let value = Int(digits) else { return nil }
    let rest = trimmed[digits.endIndex...]
    for suffix in ["st", "nd", "rd", "th"] where rest.hasPrefix(suffix) {
      var after = rest.dropFirst(suffix.count)
      if after.hasPrefix(" (resumed)") { after = after.dropFirst(" (resumed)".count) }
      for name in [" plenary meeting", " meeting"] where after.hasPrefix(name) {
        if after.dropFirst(name.count).allSatisfy({ $0 == " " || $0 == "." }) { return value }
      }
    }
    return nil
  }

  @Test("numbered labels, meeting lines, SC headings, phrases, dates and IRIs on bytes, as before")
  func labelsDatesAndIRIs() throws {
    var lines = [
      "3.\tInvites", "3.\t", "3. ", "3.", " 12. Decides  ", "\t1234.\tx", "12345. x", "3.\t\u{301}x",
      "3.\tx \u{301}", "3.\tx\t", "3.\u{301} x", "3 . x", "3.x", "3.\t \tx\t ", "3.\tx\u{301}\t",
      "3.\t\r", "1st plenary meeting", "48th plenary meeting.", "62nd meeting", "3rd (resumed) meeting",
      "12 th meeting", "7th\tplenary meeting", "1\u{301}st meeting", "Resolution 242 (1967)",
      "RESOLUTION 418 (1977)", "resolution 290", "Resolution", "Resolutio", "Resolución 12 (1990)",
      "RESOLUT\u{130}ON 12 (1990)", "242 (1967) Resolution of 22 November", "At its 62nd plenary meeting, on",
      "On 17 June 2020, the General Assembly", "The General Assembly, at its 70th plenary meeting",
      "Recalling also its resolution", "Deeply concerned", "Calls upon", "Also requests", "recalling",
    ]
    for url in Self.corpusTexts() {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    for line in lines {
      let label = LineGrammar.label(of: line)
      if case .number(let value, let printed)? = label?.0 {
        #expect("\(value) \(printed) \(label!.1)" == Self.referenceNumberLabel(line), "\(line)")
      } else {
        #expect(Self.referenceNumberLabel(line) == nil, "\(line)")
      }
      #expect(LineGrammar.meetingNumber(line) == Self.referenceMeetingNumber(line), "\(line)")
      // The refusals on bytes refuse only lines the full readings refuse.
      if !SCVolumeReader.mayOpenHeading(line, joined: false) {
        #expect(!line.lowercased().hasPrefix("resolution ") && line.first?.isASCIIDigit != true, "\(line)")
      }
      if let first = line.utf8.first, first != 0x4F, first != 0x41, first != 0x54 {
        #expect(!line.hasPrefix("On ") && !line.hasPrefix("At ") && !line.hasPrefix("The "), "\(line)")
      }
      // The phrases read as the general (scalar or Character) reading reads them.
      if let first = line.first, first.isUppercase {
        let words = Phrases.leadingWordsByScalar(line, limit: 8)
        if let ascii = Phrases.leadingWordsASCII(line, limit: 8), let words {
          #expect(words.map(\.word) == ascii.map(\.word), "\(line)")
        }
      }
    }
    // The byte search before a Foundation search finds what a search of the bytes finds.
    let needles = ["<<ODS ", "[DU", "Distr.:", "<", "a"]
    let texts =
      lines.prefix(2000) + ["<<<ODS x", "x<<ODS ", "<<ODS", "<<OD <<ODS ", "[D[DU1]", "", "<", "é<<ODS é"]
    for text in texts {
      for needle in needles {
        let bytes = Array(text.utf8)
        let naive =
          bytes.count >= needle.utf8.count
          && (0...(bytes.count - needle.utf8.count)).contains { bytes[$0...].starts(with: needle.utf8) }
        #expect(ScanText.hasBytes(text, needle) == naive, "\(needle) in \(text)")
      }
    }
    // Dates and work IRIs, as the interpolation wrote them.
    for (year, month, day) in [(2012, 12, 3), (1, 1, 1), (945, 6, 26), (9999, 12, 31)] {
      let date = try #require(SimpleDate(year: year, month: month, day: day))
      let padded = String(format: "%04d-%02d-%02d", year, month, day)
      #expect(date.description == padded)
      let iri = FRBRIRI(actor: "un-ga", date: date, number: "67-27")
      #expect(iri.work == "/akn/un/statement/deliberation/un-ga/\(padded)/67-27")
    }
    var odd = try #require(SimpleDate(year: 2012, month: 12, day: 3))
    odd.year = 12345
    #expect(odd.description == "12345-12-03")
    odd.year = -5
    #expect(odd.description == "00-5-12-03")
  }

  @Test("a search on ASCII bytes finds what Foundation's range(of:) finds, on made-up texts and corpus lines")
  func asciiSearch() throws {
    var lines = [
      "Resolution adopted by the General Assembly on 3 December 2012", "Sixty-seventh session",
      "Sixty-seventh session\u{301}", "sessions", "session",
      "[on the report of the First Committee (A/67/404)]",
      "Rule 48 and Rule 480", "\u{212A}elvin K", "a\u{37E} b; c", "\u{1FEF} `", "e\u{301}e", "ab\r\nsession",
      "", " ", "é session", "First Committe", "First Committee",
    ]
    for url in Self.corpusTexts().prefix(40) {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    let needles = [
      "adopted by the General Assembly on ", " session", "session", "on the report of the ", "Rule 48",
      "First Committee", "K", ";", "`", "e", "a b", "\r", "é", "",
    ]
    for line in lines {
      for needle in needles {
        #expect(line.range(ofASCII: needle) == line.range(of: needle), "\(needle) in \(line)")
        let tail = line.dropFirst()
        #expect(tail.range(ofASCII: needle) == tail.range(of: needle), "\(needle) in \(tail)")
      }
    }
  }

  /// The words of `text` as the lost-word check read them by `Character`: runs of letters or of
  /// digits, a letter–digit boundary splitting; a numeral marked with "#".
  static func referenceWords(_ text: String) -> [String] {
    var words: [String] = []
    var word = ""
    var numeral = false
    for character in text {
      let isNumber = character.isNumber
      if isNumber || character.isLetter {
        if !word.isEmpty, isNumber != numeral {
          words.append((numeral ? "#" : "") + word)
          word = ""
        }
        word.append(character)
        numeral = isNumber
      } else if !word.isEmpty {
        words.append((numeral ? "#" : "") + word)
        word = ""
      }
    }
    if !word.isEmpty { words.append((numeral ? "#" : "") + word) }
    return words
  }

  @Test("the word scanner reads runs of ASCII letters and digits at once, finding the words Characters give")
  func wordRuns() throws {
    var lines = [
      "", "a", "1", "a1b2", "made,1", "Committee1", "19721", "  x  y ", "é1a", "naïve 2nd", "ab\u{301}c",
      "A/RES/67/27", "x\r\ny", "\t(a)\tthe", "résolution ½ 3", "abc\u{2014}def", "1\u{2019}2", "zz9",
    ]
    for url in Self.corpusTexts().prefix(40) {
      guard let text = try? SourceText.decode(Fixtures.bytes(url)) else { continue }
      lines += text.lines.map(\.text)
    }
    var scannedLines = 0
    for line in lines {
      var found: [String] = []
      var text = line
      let scanned = text.withUTF8 { bytes in
        ScanText.forEachWord(in: bytes) { range, isNumeral in
          found.append(
            (isNumeral ? "#" : "")
              + String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        }
      }
      guard scanned else { continue }
      scannedLines += 1
      #expect(found == Self.referenceWords(line), "\(line)")
    }
    #expect(scannedLines > 15)
  }

  @Test("a text's last character told a line feed on its bytes, as String.last tells it")
  func endsWithLineFeed() {
    let texts = [
      "", "\n", "a\n", "\r\n", "a\r\n", "\r", "a", "\n\u{301}", "\n\n", "é\n", "\r\n\n", "a\r", "\u{2028}",
    ]
    for text in texts {
      #expect(DocumentText.endsWithLineFeed(text) == (text.last == "\n"), "\(text.debugDescription)")
    }
  }
}
