import AKNModel
import Foundation

extension MarkdownReader {
  /// A line before the adoption line: the masthead, collapsed onto few lines, and the agenda
  /// item's title.
  mutating func readMastheadLine(_ line: SourceText.Line, into assembler: inout ParagraphAssembler) {
    var (pieces, rest) = Self.mastheadPieces(line.text.collapsingSpaces)
    if pieces.isEmpty {
      // A masthead line as the PDF prints it: a job number, a barcode.
      (pieces, rest) = ([line.text.collapsingSpaces], nil)
    }
    if rest == nil, pieces.count == 1 {
      // A masthead line as the PDF prints it (a job number, a symbol …).
      if let reason = LineShapes.masthead(pieces[0], into: &resolution.metadata) {
        report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: reason))
        return
      }
    } else if !pieces.isEmpty {
      var read: [String] = []
      for piece in pieces where LineShapes.masthead(piece, into: &resolution.metadata) != nil {
        read.append(piece)
      }
      if read.count == pieces.count {
        if let rest {
          // Only the pieces are furniture; the agenda item's title stays text.
          for piece in pieces {
            report.furniture.append(RemovedLine(line: line.number, text: piece, reason: .mastheadPart))
          }
          assembler.text(rest, line: line.number)
        } else {
          report.furniture.append(RemovedLine(line: line.number, text: line.text, reason: .masthead))
        }
        return
      }
    }
    assembler.text(plain(line.text.trimmed, line: line.number), line: line.number)
  }

  /// A collapsed masthead line cut into the lines the PDF prints, and the text after them (an
  /// agenda item's title): `General Assembly Distr.: General 9 November 2023` →
  /// [`General Assembly`, `Distr.: General`, `9 November 2023`].
  static func mastheadPieces(_ text: String) -> (pieces: [String], rest: String?) {
    var pieces: [String] = []
    var rest = Substring(text)
    func take(_ count: Int) {
      pieces.append(String(rest.prefix(count)).trimmed)
      rest = rest.dropFirst(count).drop { $0 == " " }
    }
    while !rest.isEmpty {
      if rest.hasPrefix("United Nations") {
        take("United Nations".count)
        let word = rest.prefix { $0 != " " }
        if LineGrammar.isSymbol(String(word)) {
          pieces[pieces.count - 1] += " " + word
          rest = rest.dropFirst(word.count).drop { $0 == " " }
        }
        continue
      }
      if let body = UNBody.adopting.first(where: { rest.hasPrefix($0.name) }) {
        take(body.name.count)
        continue
      }
      if rest.hasPrefix("Distr.:") {
        let words = rest.split(separator: " ", maxSplits: 2)
        take(words.prefix(2).reduce(0) { $0 + $1.count } + 1)
        continue
      }
      let words = rest.split(separator: " ", maxSplits: 3)
      if words.count >= 3, Dates.parse(words.prefix(3).joined(separator: " ")) != nil {
        take(words.prefix(3).joined(separator: " ").count)
        continue
      }
      if words.count >= 2, words[1] == "session" || words[1] == "sessions",
        LineGrammar.session(in: words.prefix(2).joined(separator: " ")) != nil
      {
        take(words[0].count + 1 + words[1].count)
        continue
      }
      if rest.hasPrefix("Agenda item") {
        take(agendaLength(rest))
        continue
      }
      break
    }
    if pieces.isEmpty { return ([], text) }
    let remainder = rest.trimmed
    return (pieces, remainder.isEmpty ? nil : remainder)
  }

  /// The length of `Agenda item 13 and 75 (a)` at the start of `text`, its items included.
  static func agendaLength(_ text: Substring) -> Int {
    var rest = text.dropFirst("Agenda item".count)
    if rest.first == "s" { rest = rest.dropFirst() }
    var end = rest.startIndex
    var cursor = rest[...]
    while true {
      let spaces = cursor.prefix { $0 == " " }
      var next = cursor.dropFirst(spaces.count)
      if !spaces.isEmpty, let separator = ["and ", ", "].first(where: { next.hasPrefix($0) }),
        end != rest.startIndex
      {
        next = next.dropFirst(separator.count)
      } else if cursor.hasPrefix(", ") {
        next = cursor.dropFirst(2)
      }
      let digits = next.prefix(while: \.isASCIIDigit)
      guard !digits.isEmpty, spaces.count > 0 || cursor.hasPrefix(",") else { break }
      var after = next.dropFirst(digits.count)
      // "75 (a)": a sub-item letter.
      if after.hasPrefix(" ("), let close = after.firstIndex(of: ")"),
        after.distance(from: after.startIndex, to: close) <= 6
      {
        after = after[after.index(after: close)...]
      }
      end = after.startIndex
      cursor = after
    }
    return text.distance(from: text.startIndex, to: end)
  }
}
