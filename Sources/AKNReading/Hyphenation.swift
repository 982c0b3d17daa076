import AKNModel
import Foundation

/// How a line that ends in a hyphen joins the line after it, the one rule every form shares.
///
/// A line ending in `letter-` followed by a line that opens with a letter or digit is one word
/// across the break: `decision-` / `making` is `decision-making`, `Secretary-` / `General` is
/// `Secretary-General`, `pre-` / `2020` is `pre-2020`. A suspended hyphen stays as printed:
/// `short-` / `and long-term`, next word `and`, `or`, `to` or `nor`. The General Assembly's
/// printer breaks lines only at a compound's own hyphen, so the hyphen is kept. The printed
/// Security Council volumes also split plain words (`pro-` / `visions`): where the form says so
/// (``splitsWords``), a lower-case continuation is joined without the hyphen when the document
/// itself has the whole word, or else when the word list has it and the document never prints
/// it, or a word of its stem, hyphenated (`co-operation` keeps `co-` / `operate` hyphenated);
/// otherwise the hyphen stays.
package struct Hyphenation: Sendable {
  /// Whether the printer split plain words at line ends.
  let splitsWords: Bool
  /// The document's words, lower case, as printed inside lines.
  private let words: Set<String>
  /// The document's hyphenated words, lower case, as printed inside lines (`co-operation`).
  private let hyphenated: Set<String>
  /// The words a split word may be joined into, lower case.
  private let wordList: @Sendable () -> Set<String>

  /// Words after a suspended hyphen: `short- and long-term`.
  static let suspending: Set<String> = ["and", "or", "to", "nor"]

  /// The rule for texts whose printer breaks lines only at a compound's hyphen.
  package static let compounds = Hyphenation(splitsWords: false, words: [], hyphenated: [], wordList: { [] })

  private init(
    splitsWords: Bool, words: Set<String>, hyphenated: Set<String>,
    wordList: @escaping @Sendable () -> Set<String>
  ) {
    self.splitsWords = splitsWords
    self.words = words
    self.hyphenated = hyphenated
    self.wordList = wordList
  }

  /// The rule for a text whose printer also split plain words: its words (those inside lines;
  /// a line's last word before a hyphen is not one) and the system word list.
  init(
    splittingWordsOf text: SourceText, wordList: @escaping @Sendable () -> Set<String> = { WordList.shared }
  ) {
    var words: Set<String> = []
    var hyphenated: Set<String> = []
    for line in text.lines {
      let tokens = line.text.split { !($0.isLetter || $0 == "-") }
      for (index, token) in tokens.enumerated() {
        if token.hasSuffix("-") && index == tokens.count - 1 { continue }  // a line-end fragment
        let word = token.trimmingCharacters(in: CharacterSet(charactersIn: "-")).lowercased()
        guard !word.isEmpty else { continue }
        if word.contains("-") {
          hyphenated.insert(word)
        } else {
          words.insert(word)
        }
      }
    }
    self.init(splitsWords: true, words: words, hyphenated: hyphenated, wordList: wordList)
  }

  /// `text` and the line after it, `next`, as one text; a word broken at a hyphen is recorded
  /// in `joins` (`line` ends in the hyphen, `nextLine` goes on).
  func join(_ text: String, _ next: String, line: Int, nextLine: Int, into joins: inout [HyphenJoin])
    -> String
  {
    guard !text.isEmpty else { return next }
    guard let join = self.join(text, next, line: line, nextLine: nextLine) else { return text + " " + next }
    joins.append(join)
    return join.dropsHyphen ? String(text.dropLast()) + next : text + next
  }

  /// How `text`, ending in a hyphen, joins `next`; nil when it does not end in a word and a
  /// hyphen, or the hyphen is suspended, and the two join with a space.
  func join(_ text: String, _ next: String, line: Int, nextLine: Int) -> HyphenJoin? {
    guard text.last == "-" else { return nil }
    let fragment = text.dropLast().reversed().prefix { $0.isLetter }
    guard !fragment.isEmpty, let first = next.first, first.isLetter || first.isASCIIDigit else { return nil }
    let continuation = next.prefix { $0.isLetter || $0.isASCIIDigit }
    let after = next.dropFirst(continuation.count).first
    if Self.suspending.contains(continuation.lowercased()), after != "-" { return nil }
    let start = String(fragment.reversed())
    var kind = HyphenJoin.Kind.compound
    if splitsWords, first.isLowercase, continuation.allSatisfy(\.isLetter) {
      let whole = (start + continuation).lowercased()
      if words.contains(whole) {
        kind = .documentWord
      } else if !printsHyphenated(start, continuation), wordList().contains(whole) {
        kind = .wordList
      }
    }
    return HyphenJoin(
      line: line, nextLine: nextLine, fragment: start, continuation: String(continuation), kind: kind)
  }

  /// Whether the document prints the word hyphenated inside a line, or a word of the same
  /// stem (`co-operation` for `co-` / `operate`).
  private func printsHyphenated(_ start: String, _ continuation: Substring) -> Bool {
    let word = "\(start)-\(continuation)".lowercased()
    if hyphenated.contains(word) { return true }
    let stem = "\(start)-\(continuation.prefix(5))".lowercased()
    return continuation.count > 5 && hyphenated.contains { $0.hasPrefix(stem) }
  }

  /// The warning for joins made by the word list alone (a guess), if any.
  static func warning(for joins: [HyphenJoin]) -> Diagnostic? {
    let guessed = joins.filter { $0.kind == .wordList }
    guard let first = guessed.first else { return nil }
    let list = guessed.map { "\($0.fragment)-\($0.continuation) → \($0.joined) (line \($0.line))" }
      .joined(separator: ", ")
    return Diagnostic(
      .warning, rule: .hyphenWordList,
      message:
        "joined \(guessed.count) word\(guessed.count == 1 ? "" : "s") split at a line end without the hyphen because the word list has the whole word and the text never prints it hyphenated: \(list); check that none is a hyphenated compound",
      line: first.line)
  }
}

/// The system word list (Debian's `wamerican` and `wbritish`, in `/usr/share/dict`), read once
/// per process when first needed; empty when neither is installed.
enum WordList {
  /// The lists read.
  static let paths = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]

  /// The words of every list found, lower case (a `static let`: read once, thread-safely).
  static let shared: Set<String> = {
    var words: Set<String> = []
    for path in paths {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      for line in text.split(separator: "\n") where !line.contains("'") {
        words.insert(line.lowercased())
      }
    }
    return words
  }()
}
