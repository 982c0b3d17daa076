public import AKNModel

/// Finds where each text block of a reading, and each of its segments, was printed in the input,
/// and records it as ``SourceSpan``s in the model (``TextBlock/span``, ``TextBlock/segmentSpans``).
///
/// Each block is aligned on its own, word by word, from the line reading says it starts on: a
/// word of the block is the next equal word of the input (or two input words that a line-end
/// hyphen split), looked for a bounded distance ahead; a match far ahead must be confirmed by
/// the block's next words, so that a common word in a footnote block or page furniture never
/// pulls the alignment away. A block's span runs from its first matched word to its last; where
/// whole lines of the input that it does not use interrupt it (page furniture, a footnote block),
/// its pieces are kept. A segment's span runs from its first word to its last, taking in the
/// punctuation around them as printed. Offsets are of the original bytes: a byte-order mark,
/// CR LF line ends, no-break spaces and soft hyphens, which reading normalises, are counted.
///
/// Spans are computed on request (the JSON output asks for them): the AKN output does not use
/// them, and the work (one more pass over every word) is not spent on it.
public enum SourceSpans {
  /// Records the spans of every text block of `reading`, read from `input`.
  public static func attach(to reading: inout Reading, input: ReaderInput) {
    guard let source = Source(reading: reading, input: input) else { return }
    let aligner = Aligner(source: source)
    reading.resolution.updateTextBlocks { aligner.align(&$0) }
  }

  /// A word of the input: its line (0-based index) and its UTF-8 range in the normalised line.
  struct Word {
    var text: Substring
    var line: Int
    var start: Int
    var end: Int
  }

  /// The input as lines of normalised text, with the original bytes they came from.
  struct Source {
    /// The normalised lines (what the readers read).
    var lines: [String]
    /// The original bytes.
    var bytes: [UInt8]
    /// The offset in `bytes` at which each line starts.
    var lineStarts: [Int]
    /// The page each line is on, for a PDF's extracted text.
    var pages: [Int]?
    /// How each line was printed, for a PDF's extracted text.
    var printed: [PrintedLine?]?
    /// The words of every line, in order.
    var words: [Word] = []
    /// The index in `words` of the first word on or after each line.
    var firstWord: [Int] = []

    init?(reading: Reading, input: ReaderInput) {
      if let extracted = reading.extracted {
        lines = extracted.lines
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for line in extracted.lines {
          starts.append(bytes.count)
          bytes += line.utf8
          bytes.append(0x0A)
        }
        self.bytes = bytes
        lineStarts = starts
        var pages = [Int](repeating: 1, count: extracted.lines.count)
        for (page, start) in extracted.pageStarts.enumerated() where start >= 1 && start <= pages.count {
          for line in (start - 1)..<pages.count { pages[line] = page + 1 }
        }
        self.pages = pages
        if let printed = extracted.printed, printed.count == extracted.lines.count { self.printed = printed }
      } else {
        guard case .success(let text) = input.text else { return nil }
        lines = text.lines.map(\.text)
        bytes = input.bytes
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        lineStarts = SourceLocationConverter(bytes: Array(bytes[bom...])).lineStarts.map { $0 + bom }
        pages = nil
      }
      for (index, line) in lines.enumerated() {
        firstWord.append(words.count)
        Self.forEachWord(in: line) { text, start, end in
          words.append(Word(text: text, line: index, start: start, end: end))
        }
      }
      firstWord.append(words.count)
    }

    /// Calls `body` with each word of `text` (a run of letters or of digits) and its UTF-8 range.
    static func forEachWord(in text: some StringProtocol, _ body: (Substring, Int, Int) -> Void) {
      let string = Substring(text)
      var offset = 0
      var wordStart: (index: Substring.Index, offset: Int, isDigit: Bool)?
      var index = string.unicodeScalars.startIndex
      while index < string.unicodeScalars.endIndex {
        let scalar = string.unicodeScalars[index]
        let isDigit = scalar.properties.numericType != nil
        let isWord = isDigit || scalar.properties.isAlphabetic
        if let start = wordStart, !isWord || start.isDigit != isDigit {
          body(string[start.index..<index], start.offset, offset)
          wordStart = nil
        }
        if isWord, wordStart == nil { wordStart = (index, offset, isDigit) }
        offset += scalar.utf8.count
        index = string.unicodeScalars.index(after: index)
      }
      if let start = wordStart { body(string[start.index...], start.offset, offset) }
    }

    /// The offset in the original bytes of UTF-8 offset `offset` of normalised line `line`.
    func originalOffset(line: Int, _ offset: Int) -> Int {
      let start = lineStarts[line]
      let normalised = lines[line].utf8.count
      let originalEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
      // Normalisation never lengthens a line: the same length is the same bytes' offsets.
      if pages != nil || !Self.shrank(bytes[start..<originalEnd], to: normalised) {
        return start + offset
      }
      // Walk the original scalars as normalisation maps them.
      var original = start
      var mapped = 0
      let raw = String(decoding: bytes[start..<originalEnd], as: UTF8.self)
      for scalar in raw.unicodeScalars {
        if mapped >= offset || scalar == "\n" || scalar == "\r" { break }
        let width: Int
        switch scalar.value {
        case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x2010, 0x2011: width = 1
        case 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: width = 0
        default: width = scalar.utf8.count
        }
        mapped += width
        original += scalar.utf8.count
      }
      return original
    }

    /// Whether normalising `raw` (a line with its line end) shrank it to `length` bytes.
    private static func shrank(_ raw: ArraySlice<UInt8>, to length: Int) -> Bool {
      var content = raw.count
      if content > 0, raw[raw.endIndex - 1] == 0x0A { content -= 1 }
      if content > 0, raw[raw.startIndex + content - 1] == 0x0D { content -= 1 }
      return content != length
    }
  }

  /// Aligns text blocks with the input's words.
  struct Aligner {
    let source: Source
    /// How far ahead a word is looked for.
    let window = 600
    /// A match further ahead than this must be confirmed by the next words.
    let confirmAfter = 3

    /// A word of a block: its segment and text.
    struct BlockWord {
      var segment: Int
      var text: Substring
    }

    /// A match: the first and last input word a block word was found in (two for a word split
    /// by a line-end hyphen).
    /// `trim`: the bytes at the end of the last input word that are not the block's (a note
    /// marker printed against a number: "2011" in "20112").
    typealias Match = (first: Int, last: Int, trim: Int)

    func align(_ block: inout TextBlock) {
      let words = blockWords(block)
      guard !words.isEmpty, block.line >= 1, block.line <= source.lines.count else { return }
      var cursor = source.firstWord[block.line - 1]
      var matches: [Match?] = Array(repeating: nil, count: words.count)
      for (index, word) in words.enumerated() {
        guard let match = find(word.text, from: cursor, next: words[(index + 1)...]) else { continue }
        matches[index] = match
        cursor = match.last + 1
      }
      // The spans of the segments.
      var segmentSpans: [SourceSpan?] = Array(repeating: nil, count: block.segments.count)
      var bounds: [(first: Int, last: Int, trim: Int)?] = Array(repeating: nil, count: block.segments.count)
      for (index, word) in words.enumerated() {
        guard let match = matches[index] else { continue }
        if let current = bounds[word.segment] {
          bounds[word.segment] = (current.first, match.last, match.trim)
        } else {
          bounds[word.segment] = (match.first, match.last, match.trim)
        }
      }
      var previousEnd: Position?
      for (index, bound) in bounds.enumerated() {
        let text = Self.text(of: block.segments[index])
        if let bound {
          let first = source.words[bound.first]
          let last = source.words[bound.last]
          let start = extendBackward(
            from: Position(line: first.line, offset: first.start),
            over: Array(text.utf8.prefix { !Self.isWordByte($0) }))
          let end = extendForward(
            from: Position(line: last.line, offset: last.end - bound.trim),
            over: Array(text.utf8.reversed().prefix { !Self.isWordByte($0) }.reversed()))
          segmentSpans[index] = span(from: start, to: end)
          previousEnd = end
        } else if let from = previousEnd, text.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
          // Punctuation alone (". ", ", "): where it follows the segment before.
          let end = extendForward(from: from, over: Array(text.utf8))
          guard end != from else { continue }
          var start = from
          let line = source.lines[from.line].utf8
          while start.offset < end.offset, line[line.index(line.startIndex, offsetBy: start.offset)] == 0x20 {
            start.offset += 1
          }
          segmentSpans[index] = span(from: start, to: end)
          previousEnd = end
        }
      }
      // The block's span, in pieces where whole unused lines interrupt it.
      let matched = matches.compactMap { $0 }
      guard let first = matched.first, let last = matched.last else { return }
      var pieces: [SourceSpan] = []
      var pieceStart = first.first
      var previous = first.last
      for match in matched.dropFirst() {
        if interrupted(after: previous, before: match.first) {
          pieces.append(span(from: pieceStart, to: previous))
          pieceStart = match.first
        }
        previous = match.last
      }
      pieces.append(span(from: pieceStart, to: last.last))
      var whole = span(from: first.first, to: last.last)
      for segment in segmentSpans {
        guard let segment else { continue }
        if segment.start < whole.start {
          whole.start = segment.start
          whole.firstLine = segment.firstLine
        }
        if segment.end > whole.end {
          whole.end = segment.end
          whole.lastLine = segment.lastLine
        }
      }
      if pieces.count > 1 {
        pieces[0].start = whole.start
        pieces[pieces.count - 1].end = whole.end
        whole.pieces = pieces
      }
      if let printed = source.printed {
        var lines: [Int] = []
        for match in matched {
          for line in source.words[match.first].line...source.words[match.last].line where lines.last != line
          {
            lines.append(line)
          }
        }
        (whole.boxes, whole.font) = Self.printing(of: lines, printed)
      }
      block.span = whole
      block.segmentSpans = segmentSpans
    }

    /// Where `lines` (0-based, in order) were printed: one box a page, the union of the lines'
    /// boxes on it, in page order; and the font of most of their characters (on a tie, the one
    /// that comes first by family, size, roman before bold and italic).
    static func printing(of lines: [Int], _ printed: [PrintedLine?]) -> (
      boxes: [PrintedBox]?, font: PrintedFont?
    ) {
      var boxes: [PrintedBox] = []
      var fonts: [PrintedFont: Int] = [:]
      for line in lines {
        guard let print = printed[line] else { continue }
        if let index = boxes.firstIndex(where: { $0.page == print.box.page }) {
          boxes[index] = boxes[index].union(print.box)
        } else {
          boxes.append(print.box)
        }
        fonts.merge(print.fonts, uniquingKeysWith: +)
      }
      boxes.sort { $0.page < $1.page }
      let font = fonts.min { a, b in
        if a.value != b.value { return a.value > b.value }
        let x = a.key
        let y = b.key
        return (x.family, x.size, x.bold ? 1 : 0, x.italic ? 1 : 0) < (
          y.family, y.size, y.bold ? 1 : 0, y.italic ? 1 : 0
        )
      }?.key
      return (boxes.isEmpty ? nil : boxes, font)
    }

    /// The words of a block, segment by segment.
    func blockWords(_ block: TextBlock) -> [BlockWord] {
      var words: [BlockWord] = []
      for (index, segment) in block.segments.enumerated() {
        Source.forEachWord(in: Self.text(of: segment)) { text, _, _ in
          words.append(BlockWord(segment: index, text: text))
        }
      }
      return words
    }

    /// The text a segment prints.
    static func text(of segment: TextBlock.Segment) -> String {
      switch segment {
      case .text(let text), .leadPhrase(let text), .italic(let text): return text
      case .citation(let citation): return citation.text
      case .part(_, let inner): return TextBlock(segments: inner, line: 1).plainText
      case .noteRef, .noteRepeat: return ""
      }
    }

    /// The input word (or hyphen-split pair) equal to `word` at or after `cursor`.
    func find(_ word: Substring, from cursor: Int, next: ArraySlice<BlockWord>) -> Match? {
      let limit = min(source.words.count, cursor + window)
      var index = cursor
      while index < limit {
        var match: Match?
        if source.words[index].text == word {
          match = (index, index, 0)
        } else if let trim = Self.markerAfter(word, in: source.words[index].text) {
          match = (index, index, trim)
        } else if index + 1 < source.words.count, word.hasPrefix(source.words[index].text),
          source.words[index].text.count < word.count,
          word.dropFirst(source.words[index].text.count) == source.words[index + 1].text
        {
          match = (index, index + 1, 0)
        }
        if let match, match.first - cursor <= confirmAfter || confirmed(after: match.last, next) {
          return match
        }
        index += 1
      }
      return nil
    }

    /// The length of the note marker (one to three digits) that `printed` has after `word`, a
    /// number: reading took it out of the text.
    static func markerAfter(_ word: Substring, in printed: Substring) -> Int? {
      let extra = printed.utf8.count - word.utf8.count
      guard (1...3).contains(extra), let first = word.utf8.first, first >= 0x30, first <= 0x39,
        printed.hasPrefix(word)
      else { return nil }
      return extra
    }

    /// Whether the block's next words follow the input word at `index` at once.
    func confirmed(after index: Int, _ next: ArraySlice<BlockWord>) -> Bool {
      // The block's last word, far ahead, has nothing to confirm it: not taken.
      guard !next.isEmpty else { return false }
      var position = index + 1
      for word in next.prefix(2) {
        guard position < source.words.count, source.words[position].text == word.text else { return false }
        position += 1
      }
      return true
    }

    /// Whether a line with words lies wholly between input words `previous` and `next`.
    func interrupted(after previous: Int, before next: Int) -> Bool {
      let from = source.words[previous].line
      let to = source.words[next].line
      guard to - from >= 2 else { return false }
      for line in (from + 1)..<to where source.firstWord[line + 1] > source.firstWord[line] {
        return true
      }
      return false
    }

    /// A place in the normalised lines: a 0-based line and a UTF-8 offset in it.
    struct Position: Equatable {
      var line: Int
      var offset: Int
    }

    /// `position` moved forward over `bytes` as the line prints them after it (spaces and tabs
    /// in either skipped), as far as they agree.
    func extendForward(from position: Position, over bytes: [UInt8]) -> Position {
      let line = Array(source.lines[position.line].utf8)
      var result = position
      var next = position.offset
      for byte in bytes where byte != 0x20 && byte != 0x09 {
        while next < line.count, line[next] == 0x20 || line[next] == 0x09 { next += 1 }
        guard next < line.count, line[next] == byte else { break }
        next += 1
        result.offset = next
      }
      return result
    }

    /// `position` moved back over `bytes` as the line prints them before it, as far as they agree.
    func extendBackward(from position: Position, over bytes: [UInt8]) -> Position {
      let line = Array(source.lines[position.line].utf8)
      var result = position
      var before = position.offset
      for byte in bytes.reversed() where byte != 0x20 && byte != 0x09 {
        var index = before - 1
        while index >= 0, line[index] == 0x20 || line[index] == 0x09 { index -= 1 }
        guard index >= 0, line[index] == byte else { break }
        before = index
        result.offset = index
      }
      return result
    }

    /// The span from input word `first` to input word `last`.
    func span(from first: Int, to last: Int) -> SourceSpan {
      span(
        from: Position(line: source.words[first].line, offset: source.words[first].start),
        to: Position(line: source.words[last].line, offset: source.words[last].end))
    }

    /// The span from `start` to `end`, in the original bytes.
    func span(from start: Position, to end: Position) -> SourceSpan {
      SourceSpan(
        start: source.originalOffset(line: start.line, start.offset),
        end: source.originalOffset(line: end.line, end.offset),
        firstLine: start.line + 1, lastLine: end.line + 1, page: source.pages?[start.line])
    }

    /// Whether a UTF-8 byte may belong to a word (ASCII letters and digits, and every byte of
    /// a non-ASCII character).
    static func isWordByte(_ byte: UInt8) -> Bool {
      byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
  }
}
