import Foundation

/// The text content of an AKN document, back as plain text: what `akn text` prints, and what the
/// converter compares with its input to prove that no word was lost.
public struct DocumentText: Sendable {
  /// The body text: preface, preamble, main body, conclusions and attachments, one block per
  /// line, numbers followed by a tab, footnote markers as `[N]` where they stand.
  public var body: String
  /// The footnotes, in order of first citation, each once: `N text`.
  public var notes: [String]

  /// The whole text: the body, then the footnotes after a blank line.
  public var text: String {
    notes.isEmpty ? body : body + "\n" + notes.joined(separator: "\n") + "\n"
  }

  /// Extracts the text of AKN XML (parsed safely: no DTD, no entities, no network).
  ///
  /// - Throws: ``ConversionError`` when the bytes are not well-formed XML or have no AKN
  ///   document.
  public static func extract(fromXML bytes: [UInt8]) throws(ConversionError) -> DocumentText {
    let tree: XMLTree
    do {
      tree = try XMLTree.parse(bytes, url: "input.xml")
    } catch {
      throw ConversionError(diagnostics: error.diagnostics)
    }
    return extract(from: tree)
  }

  /// Extracts the text of a tree built or parsed in this process.
  static func extract(from tree: XMLTree) -> DocumentText {
    var renderer = Renderer(tree: tree)
    if let root = tree.root { renderer.render(root) }
    return DocumentText(body: renderer.output, notes: renderer.notes)
  }

  /// Walks the tree once, keeping body text and note text apart.
  private struct Renderer {
    let tree: XMLTree
    var output = ""
    var notes: [String] = []
    var seenMarkers: Set<String> = []

    /// Elements whose content is not document text.
    static let skipped: Set<String> = ["meta", "components"]
    /// Elements that end a line.
    static let blocks: Set<String> = [
      "p", "heading", "subheading", "formula", "intro", "wrapUp", "content", "tblock", "item",
      "crossHeading", "longTitle", "docTitle", "li", "tr", "container", "paragraph", "point",
      "section", "part", "chapter", "article", "list", "blockList", "listIntroduction", "listWrapUp",
    ]

    mutating func render(_ element: XMLElement) {
      var skipDepth = 0
      var noteDepth = 0
      var noteText = ""
      var noteMarker = ""
      tree.walk(element) { event in
        switch event {
        case .start(let node):
          let name = tree.name(of: node)
          if skipDepth > 0 || Self.skipped.contains(name) {
            skipDepth += 1
            return
          }
          if name == "authorialNote" || name == "note" {
            if noteDepth == 0 {
              noteMarker = tree.attribute("marker", of: node) ?? "*"
              noteText = ""
              append("[\(noteMarker)]", toNote: false)
            }
            noteDepth += 1
          }
        case .end(let node):
          if skipDepth > 0 {
            skipDepth -= 1
            return
          }
          let name = tree.name(of: node)
          if name == "authorialNote" || name == "note" {
            noteDepth -= 1
            if noteDepth == 0, !seenMarkers.contains(noteMarker) {
              seenMarkers.insert(noteMarker)
              notes.append("\(noteMarker) " + noteText.collapsingSpaces)
            }
            return
          }
          if noteDepth > 0 {
            if name == "p" { noteText += " " }
            return
          }
          if name == "num" {
            output += "\t"
          } else if Self.blocks.contains(name), !output.isEmpty, output.last != "\n" {
            output += "\n"
          }
        case .text(let text):
          guard skipDepth == 0 else { return }
          if noteDepth > 0 {
            noteText += text
          } else {
            append(text, toNote: false)
          }
        }
      }
      if !output.isEmpty, output.last != "\n" { output += "\n" }
    }

    mutating func append(_ text: String, toNote: Bool) {
      // Indentation between elements is not text.
      if ScanText.hasBytes(text, "\n"), text.contains("\n"),
        text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" })
      {
        return
      }
      if output.isEmpty || output.last == "\n" {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        output += trimmed
      } else {
        output += text
      }
    }
  }
}

/// Checks that every word of the input reaches the output, in order.
enum WordCheck {
  /// Words: runs of letters or of digits (a letter–digit boundary splits, so "made,1" and
  /// "Committee1" give the marker as a word of its own).
  static func words(_ text: String) -> [Substring] {
    // Every character one scalar (the usual case): the same words found on the bytes.
    if let ranges = ScanText.wordIndexRanges(text) { return ranges.map { text[$0] } }
    return words(text, of: text)
  }

  private static func words<View: BidirectionalCollection>(_ view: View, of text: String) -> [Substring]
  where View.Element: ScanUnit, View.Index == String.Index {
    var result: [Substring] = []
    var start: String.Index?
    var previousIsNumber = false
    var index = view.startIndex
    while index < view.endIndex {
      let character = view[index]
      let isNumber = character.isNumber
      let isWord = isNumber || character.isLetter
      if isWord {
        if let begin = start, isNumber != previousIsNumber {
          result.append(text[begin..<index])
          start = index
        } else if start == nil {
          start = index
        }
        previousIsNumber = isNumber
      } else if let begin = start {
        result.append(text[begin..<index])
        start = nil
      }
      index = view.index(after: index)
    }
    if let begin = start { result.append(text[begin..<text.endIndex]) }
    return result
  }

  /// Whether a word of `words(_:)` is all digits: its characters are all numbers or all not,
  /// so the first tells.
  private static func isNumeral(_ word: Substring) -> Bool {
    word.first?.isNumber ?? true
  }

  /// A word of the input that is not in the output.
  struct LostWord: Equatable {
    var word: String
    var line: Int
  }

  /// Compares the input's words (furniture removed) with the output's words.
  ///
  /// The output's footnotes come after its body, as in the input. Footnote markers (numbers that
  /// name a footnote) may be missing from the output's running text: they became `@marker`.
  static func lostWords(
    input: SourceText, furniture: [RemovedLine], output: DocumentText, footnoteOrder: [String],
    noteLines: [Int] = [], repairs: [Repair] = [], moved: MovedLines? = nil
  ) -> [LostWord] {
    let markers = Set(footnoteOrder)
    var removedAnchors: [Int: [String]] = [:]
    var removedLines: Set<Int> = []
    for item in furniture {
      if item.reason == "ods-comment-anchor" {
        removedAnchors[item.line, default: []].append(item.text)
      } else {
        removedLines.insert(item.line)
      }
    }
    // Footnote texts read out of the running text are compared after it, as the output has them.
    let notes = Set(noteLines)
    var repaired: [Int: [Repair]] = [:]
    for repair in repairs { repaired[repair.line, default: []].append(repair) }
    var inputWords: [(Substring, Int)] = []
    var noteWords: [(Substring, Int)] = []
    var movedWords: [(Substring, Int)] = []
    for line in input.lines where !removedLines.contains(line.number) {
      if let moved, line.number >= moved.before, !movedWords.isEmpty {
        inputWords += movedWords
        movedWords = []
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
      if notes.contains(line.number) {
        for word in words(text) { noteWords.append((word, line.number)) }
      } else if let moved, moved.lines.contains(line.number) {
        for word in words(text) { movedWords.append((word, line.number)) }
      } else {
        for word in words(text) { inputWords.append((word, line.number)) }
      }
    }
    inputWords += movedWords + noteWords
    let outputBody = words(output.body).filter {
      !(isNumeral($0) && markers.contains(String($0)))
    }
    // The output cites notes where they stand; the input lists them in its own order.
    let rank = Dictionary(
      footnoteOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let sortedNotes = output.notes.enumerated().sorted { a, b in
      let left = rank[String(a.element.prefix { $0 != " " })] ?? Int.max
      let right = rank[String(b.element.prefix { $0 != " " })] ?? Int.max
      return (left, a.offset) < (right, b.offset)
    }
    let outputNotes = sortedNotes.flatMap { note in
      // Each note line starts with its marker and a space.
      words(String(note.element.drop { $0 != " " }))
    }
    let outputWords = outputBody + outputNotes

    var lost: [LostWord] = []
    var j = 0
    let window = 40
    for (word, line) in inputWords {
      if j < outputWords.count, outputWords[j] == word {
        j += 1
        continue
      }
      if isNumeral(word), markers.contains(String(word)) { continue }
      // A year with a note's marker glued to it ("19721"): the year is in the output, the
      // marker became a note.
      if word.count > 4, isNumeral(word), j < outputWords.count, outputWords[j] == word.prefix(4),
        markers.contains(String(word.dropFirst(4)))
      {
        j += 1
        continue
      }
      let limit = min(outputWords.count, j + window)
      if let found = (j..<limit).first(where: { outputWords[$0] == word }) {
        j = found + 1
      } else {
        lost.append(LostWord(word: String(word), line: line))
      }
    }
    return lost
  }
}
