package import AKNModel

/// A table that the text gives one cell per line (as PDF text extraction prints it), read back
/// into rows where its shape is clear.
package enum FlattenedTable {
  /// Whether a paragraph announces a table after it: its text ends with a colon and names a
  /// table ("… as reflected in the table below:").
  static func isAnnounced(by text: String) -> Bool {
    let trimmed = text.trimmed
    guard trimmed.hasSuffix(":") else { return false }
    // ("table" is ASCII without `K`, `;` and `` ` ``: its bytes tell where it is not, before
    // Foundation's search.)
    let end = trimmed.suffix(80).lowercased()
    return ScanText.hasBytes(end, "table") && end.contains("table")
  }

  /// The table printed in `lines` (each a line's text and its 1-based number).
  static func read(_ lines: [(text: String, line: Int)]) -> Table {
    var body = lines
    var notes: [TextBlock] = []
    while let last = body.last, body.count > 1, isNote(last.text) {
      notes.insert(TextBlock(last.text, line: last.line), at: 0)
      body.removeLast()
    }
    let start = lines.first?.line ?? 1
    if let rows = rows(body) { return Table(rows: rows, notes: notes, line: start) }
    return Table(rows: [], lines: body.map { TextBlock($0.text, line: $0.line) }, notes: notes, line: start)
  }

  /// A note under a table: "Abbreviations: …", "Note: …", or a note letter (or one to three
  /// `*`) and a sentence ("a Member States in level H* have a discount of 70 per cent.").
  package static func isNote(_ text: String) -> Bool {
    for prefix in ["Abbreviations:", "Abbreviation:", "Note:", "Notes:", "Source:", "Sources:"]
    where text.hasPrefix(prefix) {
      return true
    }
    // A note's letter or stars, then a sentence.
    guard noteLetter(of: text) != nil, text.hasSuffix(".") else { return false }
    return text.split(separator: " ", maxSplits: 1).last?.first?.isUppercase == true
  }

  /// The rows, header first, when the table's rows start with keys in sequence ("A", "B", "C" …
  /// alone on a line) and every row has as many cells as the header; else nil.
  static func rows(_ lines: [(text: String, line: Int)]) -> [[TextBlock]]? {
    var keys: [Int] = []
    for (offset, line) in lines.enumerated() {
      let text = line.text.trimmed
      guard text.count == 1, let letter = text.unicodeScalars.first, letter.isASCII,
        ("A"..."Z").contains(letter)
      else { continue }
      if let last = keys.last {
        if lines[last].text.trimmed.unicodeScalars.first!.value + 1 == letter.value { keys.append(offset) }
      } else if letter == "A" {
        keys.append(offset)
      }
    }
    guard keys.count >= 3, keys[0] > 0 else { return nil }
    let header = joinWrapped(Array(lines[..<keys[0]]))
    let columns = header.count
    guard columns >= 2 else { return nil }
    var result = [header]
    for (position, key) in keys.enumerated() {
      let end = position + 1 < keys.count ? keys[position + 1] : lines.count
      var cells = [lines[key]] + joinWrapped(Array(lines[(key + 1)..<end]))
      // A cell wrapped on a line that ends with a small word ("… the average for all" /
      // "Member States …"): join while the row has more cells than the header.
      while cells.count > columns,
        let wrapped = (1..<(cells.count - 1)).first(where: { cells[$0].text.last?.isLowercase == true })
      {
        cells[wrapped].text += " " + cells[wrapped + 1].text
        cells.remove(at: wrapped + 1)
      }
      guard cells.count == columns else { return nil }
      result.append(cells)
    }
    return result.map { $0.map { TextBlock($0.text.trimmed, line: $0.line) } }
  }

  /// Lines joined where a cell goes on: the next line starts with a small letter or a
  /// parenthesis, or the line before leaves a parenthesis open.
  static func joinWrapped(_ lines: [(text: String, line: Int)]) -> [(text: String, line: Int)] {
    var result: [(text: String, line: Int)] = []
    for line in lines {
      let text = line.text.trimmed
      guard !text.isEmpty else { continue }
      if let last = result.last, let first = text.first,
        first.isLowercase || first == "("
          || last.text.filter({ $0 == "(" }).count > last.text.filter({ $0 == ")" }).count
      {
        result[result.count - 1].text += " " + text
      } else {
        result.append((text, line.line))
      }
    }
    return result
  }
}

// MARK: - Tables that no paragraph announces

extension FlattenedTable {
  /// One line of a table printed one cell per line: its text, its 1-based line number, and
  /// whether a blank line (the end of its logical paragraph) follows it.
  struct Cell {
    var text: String
    var line: Int
    var endsParagraph: Bool
  }

  /// What reading a run of paragraphs as a table found.
  enum Found {
    /// A table whose rows and columns are clear.
    case table(Table)
    /// A run of paragraphs of mostly numbers whose columns cannot be told apart: its lines as
    /// printed (``Table/lines``), and why.
    case unclear(Table, reason: String)
  }

  /// Whether `text` is an amount printed alone on its line, as budget and staffing tables print
  /// their cells: digits in groups of three separated by spaces or commas ("63 930 800",
  /// "1,204,900", "1 131"), a decimal part, a minus or per cent sign, in parentheses for a
  /// negative amount ("(2 061 900)"), or a dash for nothing ("–"). Read on the UTF-8 bytes: most
  /// lines are refused at their first character.
  package static func isAmount(_ text: String) -> Bool {
    let utf8 = text.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
    guard start < end else { return false }
    let first = utf8[start]
    // A digit, "(", "-", or the first byte of "–" or "—".
    guard (0x30...0x39).contains(first) || first == 0x28 || first == 0x2D || first == 0xE2 else {
      return false
    }
    while end > start, case let last = utf8[utf8.index(before: end)], last == 0x20 || last == 0x09 {
      end = utf8.index(before: end)
    }
    var bytes = utf8[start..<end]
    // A dash alone: "-", "–" (E2 80 93), "—" (E2 80 94).
    if bytes.elementsEqual([0x2D]) || bytes.elementsEqual([0xE2, 0x80, 0x93])
      || bytes.elementsEqual([0xE2, 0x80, 0x94])
    {
      return true
    }
    if bytes.first == 0x28 {
      guard bytes.last == 0x29 else { return false }
      bytes = bytes.dropFirst().dropLast()
    }
    if bytes.first == 0x2D {
      bytes = bytes.dropFirst()
    } else if bytes.starts(with: [0xE2, 0x80, 0x93]) {
      bytes = bytes.dropFirst(3)
    }
    if bytes.last == 0x25 { bytes = bytes.dropLast() }
    // Groups: the first of one to three digits (any number when no separator follows), then
    // groups of three after a space or comma, then an optional decimal part.
    var digits = 0
    var groups = 0
    var decimals = -1
    var separator: UInt8?
    for byte in bytes {
      if (0x30...0x39).contains(byte) {
        if decimals >= 0 { decimals += 1 } else { digits += 1 }
      } else if byte == 0x20 || byte == 0x2C, decimals < 0, digits > 0, groups > 0 ? digits == 3 : digits <= 3
      {
        if let separator, separator != byte { return false }
        separator = byte
        groups += 1
        digits = 0
      } else if byte == 0x2E, decimals < 0, digits > 0 {
        decimals = 0
      } else {
        return false
      }
    }
    guard digits > 0, decimals != 0 else { return false }
    return groups == 0 || digits == 3
  }

  /// Whether a paragraph's lines are mostly amounts: at least two, and at least a third of them.
  static func isMostlyAmounts(_ lines: [String]) -> Bool {
    var amounts = 0
    for line in lines where isAmount(line) { amounts += 1 }
    return amounts >= 2 && amounts * 3 >= lines.count
  }

  /// Reads a table that no paragraph announces, printed one cell per line (as text extraction
  /// prints a budget or staffing table): header lines, then rows, each a label (one line or
  /// several, wrapped) followed by its amounts, one a line; a label alone before a blank line is
  /// a row of its own with empty cells (a sub-heading such as "General Service" or "Of which:");
  /// then the notes under it ("a See A/78/534.").
  ///
  /// The shape is clear when every run of amounts has the same length N (the number of columns
  /// of amounts), there are at least two such rows, and the header lines before the first row
  /// join (``joinWrapped(_:)``) into N or N + 1 cells, after the lines alone before a blank line
  /// at its end are taken as sub-heading rows. Then the table has N + 1 columns, the header
  /// first (an empty first cell where the header names only the amounts); the header printed
  /// again after a page break is a row of the same cells. Its notes are not placed yet (see
  /// ``placingNotes(_:printed:)``). Otherwise the table is kept line by line.
  static func readUnannounced(_ cells: [Cell]) -> Found {
    var body = cells
    var noteLines: [Cell] = []
    while let last = body.last, body.count > 1, isNote(last.text) {
      noteLines.insert(last, at: 0)
      body.removeLast()
    }
    let notes = noteLines.map { TextBlock($0.text.trimmed, line: $0.line) }
    let start = cells.first?.line ?? 1
    func unclear(_ reason: String) -> Found {
      .unclear(Table(rows: [], lines: keptLines(body), notes: notes, line: start), reason: reason)
    }
    // The runs of amounts: their lengths must agree.
    var columns: Int?
    var runs = 0
    var index = 0
    while index < body.count {
      guard isAmount(body[index].text) else {
        index += 1
        continue
      }
      var end = index
      while end < body.count, isAmount(body[end].text) { end += 1 }
      if let columns, columns != end - index {
        return unclear("its rows have \(columns) and \(end - index) amounts")
      }
      columns = end - index
      runs += 1
      index = end
    }
    guard let columns, runs >= 2 else { return unclear("it has fewer than two rows of amounts") }
    guard let firstAmount = body.firstIndex(where: { isAmount($0.text) }), firstAmount > 0,
      !isAmount(body[firstAmount - 1].text)
    else { return unclear("its first amounts follow no label") }
    // The first row's label: the last line before the first amounts, with the lines before it
    // that it continues (a line starting with a small letter or a parenthesis).
    var labelStart = firstAmount - 1
    while labelStart > 0, !body[labelStart - 1].endsParagraph,
      let first = body[labelStart].text.trimmed.first, first.isLowercase || first == "("
    {
      labelStart -= 1
    }
    // The header: joined cells; lines alone before a blank line at its end are sub-headings.
    var headerLines = Array(body[..<labelStart])
    var subheadings: [Cell] = []
    var header = joinWrapped(headerLines.map { ($0.text, $0.line) })
    while header.count > columns + 1, let last = headerLines.last, last.endsParagraph {
      subheadings.insert(last, at: 0)
      headerLines.removeLast()
      header = joinWrapped(headerLines.map { ($0.text, $0.line) })
    }
    guard header.count == columns || header.count == columns + 1 else {
      return unclear("its header lines do not make \(columns) or \(columns + 1) cells")
    }
    var rows: [[TextBlock]] = []
    var headerRow = header.map { TextBlock($0.text.trimmed, line: $0.line) }
    if headerRow.count == columns { headerRow.insert(TextBlock("", line: headerRow[0].line), at: 0) }
    rows.append(headerRow)
    let repeatedHeader = headerLines.map { $0.text.trimmed }
    func emptyRow(_ cell: Cell) -> [TextBlock] {
      [TextBlock(cell.text.trimmed, line: cell.line)]
        + Array(repeating: TextBlock("", line: cell.line), count: columns)
    }
    rows += subheadings.map(emptyRow)
    // The rows: label lines gather until amounts follow (a row) or a blank line ends them (a
    // sub-heading row each).
    var pending: [Cell] = []
    index = labelStart
    while index < body.count {
      let cell = body[index]
      if isAmount(cell.text) {
        guard let first = pending.first else { return unclear("a row of amounts has no label") }
        let amounts = body[index..<(index + columns)].map { TextBlock($0.text.trimmed, line: $0.line) }
        let label = TextBlock(pending.map { $0.text.trimmed }.joined(separator: " "), line: first.line)
        rows.append([label] + amounts)
        pending = []
        index += columns
        continue
      }
      pending.append(cell)
      index += 1
      if pending.count >= repeatedHeader.count, !repeatedHeader.isEmpty,
        pending.suffix(repeatedHeader.count).map({ $0.text.trimmed }) == repeatedHeader
      {
        // The header printed again at the top of the next page: a row as printed.
        let repeated = Array(pending.suffix(repeatedHeader.count))
        pending.removeLast(repeatedHeader.count)
        rows += pending.map(emptyRow)
        pending = []
        var again = joinWrapped(repeated.map { ($0.text, $0.line) }).map {
          TextBlock($0.text.trimmed, line: $0.line)
        }
        if again.count == columns { again.insert(TextBlock("", line: again[0].line), at: 0) }
        rows.append(again)
      }
      if cell.endsParagraph, index < body.count, !isAmount(body[index].text) {
        rows += pending.map(emptyRow)
        pending = []
      }
    }
    guard pending.isEmpty else { return unclear("its last lines are not a row") }
    return .table(Table(rows: rows, notes: notes, line: start))
  }

  /// The lines of a table whose shape is not clear, as printed: one block a line, but one a
  /// paragraph where the paragraph is a single row (its label, then only amounts: "D-2", "118",
  /// "9", "127" where a PDF's line spacing gives each row its own paragraph).
  static func keptLines(_ cells: [Cell]) -> [TextBlock] {
    var result: [TextBlock] = []
    var paragraph: [Cell] = []
    for cell in cells {
      paragraph.append(cell)
      guard cell.endsParagraph else { continue }
      let firstAmount = paragraph.firstIndex { isAmount($0.text) } ?? paragraph.count
      if firstAmount > 0, firstAmount < paragraph.count,
        paragraph[firstAmount...].allSatisfy({ isAmount($0.text) })
      {
        let text = paragraph.map { $0.text.trimmed }.joined(separator: " ")
        result.append(TextBlock(text, line: paragraph[0].line))
      } else {
        result += paragraph.map { TextBlock($0.text.trimmed, line: $0.line) }
      }
      paragraph = []
    }
    result += paragraph.map { TextBlock($0.text.trimmed, line: $0.line) }
    return result
  }

  /// The letter a note under a table opens with ("a See A/78/534." → "a"): a small letter alone
  /// before a space; nil for any other note ("Abbreviations: …").
  static func noteLetter(_ note: TextBlock) -> String? {
    noteLetter(of: note.plainText)
  }

  /// The letter (or one to three `*`) a note's text opens with, before a space; nil otherwise.
  static func noteLetter(of text: String) -> String? {
    let first = text.prefix { $0 != " " }
    guard first.endIndex < text.endIndex else { return nil }
    if (1...3).contains(first.count), first.allSatisfy({ $0 == "*" }) { return String(first) }
    guard first.count == 1, let letter = first.first, letter.isLowercase else { return nil }
    return String(letter)
  }

  /// The cells whose text ends in the marker the print shows raised at their end (`printed`,
  /// the same shape as `rows`) split into their text and a
  /// ``TextBlock/Segment/noteRef(marker:)``, where a note of that marker (`notes`) is printed
  /// under the table; a raised marker of no note is kept as printed and warned.
  static func splittingPrintedMarkers(
    _ rows: [[TextBlock]], printed: [[(marker: String, line: Int)?]], notes: Set<String>,
    warnings: inout [Diagnostic]
  ) -> [[TextBlock]] {
    var rows = rows
    for row in rows.indices where row < printed.count {
      for column in rows[row].indices where column < printed[row].count {
        guard let (marker, line) = printed[row][column] else { continue }
        let cell = rows[row][column]
        let text = cell.plainText
        guard text.hasSuffix(marker), text.count > marker.count else { continue }
        guard notes.contains(marker) else {
          warnings.append(
            Diagnostic(
              .warning, rule: .structureTableNote,
              message:
                "the table's cell \"\(text.suffix(40))\" ends in \(marker) printed raised, as a note's marker, but no note \(marker) is printed under the table; kept as printed",
              line: line))
          continue
        }
        var kept = text.dropLast(marker.count)
        while kept.last == " " { kept = kept.dropLast() }
        rows[row][column] = TextBlock(
          segments: [.text(String(kept)), .noteRef(marker: marker)], line: cell.line)
      }
    }
    return rows
  }

  /// For each cell of `table` (``Table/rows``), the marker printed raised at its end, from the
  /// lines of the print that end in one (`raised`, by line number: the marker and the line's
  /// text): a cell's lines run from its own line up to the next cell's (or note's); the cell has
  /// the marker of the last of them that ends in one and whose text the cell's text ends with.
  package static func printedMarkers(of table: Table, raised: [Int: RaisedLine]) -> [[(
    marker: String, line: Int
  )?]] {
    let starts = (table.rows.flatMap { $0.map(\.line) } + table.notes.map(\.line)).sorted()
    return table.rows.map { row in
      row.map { cell -> (marker: String, line: Int)? in
        let text = cell.plainText.collapsingSpaces
        guard !text.isEmpty else { return nil }
        let next = starts.first { $0 > cell.line } ?? cell.line + 8
        for line in stride(from: next - 1, through: cell.line, by: -1) {
          if let printed = raised[line], text.hasSuffix(printed.text.collapsingSpaces) {
            return (printed.marker, line)
          }
        }
        return nil
      }
    }
  }

  /// A line of a print that ends in a note marker printed raised (a PDF's small letter or `*`
  /// above the baseline): the print's evidence of a table cell's marker.
  package struct RaisedLine: Sendable, Hashable {
    /// The marker: a small letter, or one to three `*`.
    package var marker: String
    /// The line's text, the marker at its end.
    package var text: String

    /// A line whose text ends in `marker`, printed raised.
    package init(marker: String, text: String) {
      self.marker = marker
      self.text = text
    }
  }

  /// `table` with its notes placed at their markers, and the warnings of what could not be
  /// placed (`structure.table-note`, at the line of the note or the cell).
  ///
  /// The evidence rule: a letter printed at the end of a cell is a note's marker only when a
  /// note of that letter is printed under the table (``splittingMarkers(_:notes:)`` says where
  /// the letter may stand: after a number, a closing parenthesis or a space, or glued to a long
  /// word in the notes' order). A PDF prints the marker raised and the text forms glue it
  /// ("2024a", "basis)a"); both read the same. Each such note becomes one of the table's
  /// ``Table/footnotes`` (its letter the marker, its text without the letter): the first cell
  /// that carries the letter holds the note (``TextBlock/Segment/noteRef(marker:)``), every
  /// later one a reference to it (``TextBlock/Segment/noteRepeat(marker:)``). A lettered note
  /// whose letter no cell carries stays under the table as printed, warned; so does a cell
  /// ending in a small letter after a number or a closing parenthesis, glued or after a space
  /// ("2024d", "2024 d"), when the table has lettered notes but none of that letter. A table
  /// kept line by line keeps its notes.
  ///
  /// With `printed` (a print's evidence, as a PDF's: for each cell of ``Table/rows``, the small
  /// letter or `*` printed raised at its end and the line it is printed on, or nil), the print
  /// decides instead of the text: a raised marker is the cell's marker whatever the text says; a
  /// letter on the baseline never is ("Option a" stays text). A raised marker with no note of its
  /// own under the table is kept as printed, warned at its line.
  package static func placingNotes(_ table: Table, printed: [[(marker: String, line: Int)?]]? = nil) -> (
    table: Table, warnings: [Diagnostic]
  ) {
    guard !table.rows.isEmpty, table.footnotes.isEmpty else { return (table, []) }
    let letters = table.notes.map(noteLetter)
    let raised = printed?.contains { $0.contains { $0 != nil } } ?? false
    guard letters.contains(where: { $0 != nil }) || raised else { return (table, []) }
    var table = table
    var warnings: [Diagnostic] = []
    let known = Set(letters.compactMap { $0 })
    if let printed {
      table.rows = splittingPrintedMarkers(table.rows, printed: printed, notes: known, warnings: &warnings)
    } else {
      table.rows = splittingMarkers(table.rows, notes: table.notes)
    }
    var placed: Set<String> = []
    for row in table.rows.indices {
      for column in table.rows[row].indices {
        let cell = table.rows[row][column]
        if case .noteRef(let marker)? = cell.segments.last {
          if !placed.insert(marker).inserted {
            table.rows[row][column].segments[cell.segments.count - 1] = .noteRepeat(marker: marker)
          }
          continue
        }
        // The print decided: a letter on the baseline is text.
        if printed != nil { continue }
        // A letter after a number or a closing parenthesis, as a marker stands, of no note.
        let text = cell.plainText
        guard text.count >= 2, let last = text.last, last.isASCII, last.isLowercase,
          !known.contains(String(last))
        else { continue }
        // Glued ("2024d") or set apart by a space, as a PDF's raised letter comes ("2024 d").
        var previous = text[text.index(text.endIndex, offsetBy: -2)]
        if previous == " ", text.count >= 3 { previous = text[text.index(text.endIndex, offsetBy: -3)] }
        guard previous.isNumber || previous == ")" else { continue }
        warnings.append(
          Diagnostic(
            .warning, rule: .structureTableNote,
            message:
              "the table's cell \"\(text.suffix(40))\" ends in the letter \(last), as a note's marker does, but no note \(last) is printed under the table; kept as printed",
            line: cell.line))
      }
    }
    var notes: [TextBlock] = []
    for (note, letter) in zip(table.notes, letters) {
      guard let letter else {
        notes.append(note)
        continue
      }
      guard placed.contains(letter) else {
        warnings.append(
          Diagnostic(
            .warning, rule: .structureTableNote,
            message:
              "the note \(letter) under the table stands at no cell of it (no cell ends in the letter \(letter)); kept under the table as printed",
            line: note.line))
        notes.append(note)
        continue
      }
      var text = note
      let body = note.plainText.drop { $0 != " " }.drop { $0 == " " }
      text.segments = [.text(String(body))]
      table.footnotes.append(Footnote(marker: letter, text: text))
    }
    table.notes = notes
    return (table, warnings)
  }

  /// The cells with a note marker printed after their text split off as a
  /// ``TextBlock/Segment/noteRef(marker:)``: the marker of a note under the table, printed after
  /// a space, a digit or a closing parenthesis; or glued to the last letter of a word of four
  /// letters or more ("Questionsc") where another marker was found before it and it is a
  /// marker already found or the next in the notes' order. The spaces before the marker go.
  static func splittingMarkers(_ rows: [[TextBlock]], notes: [TextBlock]) -> [[TextBlock]] {
    let markers = notes.compactMap(noteLetter)
    guard !markers.isEmpty else { return rows }
    var used = 0
    return rows.map { row in
      row.map { cell in
        let text = cell.plainText
        guard let last = text.last, text.count >= 2, let position = markers.firstIndex(of: String(last))
        else { return cell }
        let before = text.index(before: text.endIndex)
        let previous = text[text.index(before: before)]
        let glued = previous.isLetter
        if glued {
          // Never the first marker found: a word may end with a note's letter ("Agenda").
          guard used > 0, position <= used, text.split(separator: " ").last.map({ $0.count >= 4 }) == true
          else {
            return cell
          }
        } else if !(previous == " " || previous.isNumber || previous == ")") {
          return cell
        }
        used = max(used, position + 1)
        var kept = text[..<before]
        while kept.last == " " { kept = kept.dropLast() }
        return TextBlock(segments: [.text(String(kept)), .noteRef(marker: String(last))], line: cell.line)
      }
    }
  }
}
