package import AKNModel
import AKNReading

/// The tables of a PDF that reading kept line by line, read again from the positions of their
/// cells.
///
/// Reading a table that a text prints one cell per line decides its rows from the lines alone (a
/// label and its amounts, or keys A, B, C …); a table with columns of text ("New post" |
/// "Information Systems Officer" | "P-4" | "1") cannot be read so and is kept line by line with
/// `structure.table`. Its lines come from ``PDFLines``, which placed each of them in a row and a
/// column (``PDFLines/TableCell``): such a table becomes rows of cells in the order printed (every
/// word in its place: the header, the header printed again after a page break or over a second
/// part, a row each), each cell its printed lines joined; a line of the table that stands in no
/// column (a sub-heading over its part: "A. Pension Administration") is a row of its own, its
/// other cells empty. The notes under it are placed at the markers the print shows raised at
/// the ends of its cells (``FlattenedTable/placingNotes(_:printed:)``); the warning goes.
package enum PDFTables {
  /// `reading` with the tables kept line by line whose lines are all cells of tables read by
  /// their columns (or sub-headings between them) made into rows.
  package static func apply(to reading: inout Reading, lines: [PDFLines.Line]) {
    guard lines.contains(where: { $0.cell != nil }) else { return }
    var rebuilt: [Int] = []
    var noteWarnings: [Diagnostic] = []
    var noteLines: [Int] = []
    reading.resolution.updateTables { table in
      if table.rows.isEmpty, let (rows, header, printed) = rows(of: table, lines: lines) {
        table.rows = rows
        // The column headings, and the sub-heading printed above them, are the header.
        table.headerRows = header == 0 ? nil : header + 1
        table.lines = []
        let placed = FlattenedTable.placingNotes(table, printed: printed)
        table = placed.table
        noteWarnings += placed.warnings
        noteLines += placed.table.footnotes.map(\.text.line)
        rebuilt.append(table.line)
      }
    }
    guard !rebuilt.isEmpty else { return }
    reading.report.warnings.removeAll { warning in
      warning.rule == RuleID.structureTable && warning.line.map(rebuilt.contains) == true
    }
    reading.report.warnings += noteWarnings
    reading.report.noteLines += noteLines
  }

  /// The rows of `table` (kept line by line) from the cells of its lines, the index of the
  /// first row of column headings, and each cell's marker printed raised at its end (the last
  /// line of the cell's ``PDFLines/Line/raisedEnd``) with that line; nil when a line is not the line of `lines`
  /// it names, or is no cell and no sub-heading, or the cells are not of one table shape.
  static func rows(of table: Table, lines: [PDFLines.Line]) -> (
    rows: [[TextBlock]], header: Int, printed: [[(marker: String, line: Int)?]]
  )? {
    var columns: Int?
    var rows: [[TextBlock]] = []
    var printed: [[(marker: String, line: Int)?]] = []
    var rowIndex: [PDFLines.TableCell: Int] = [:]  // keyed by table and row, column 0
    var firstHeader: Int?
    var cells = 0
    // The lines of the print, in order from the table's first line (the numbers of the lines
    // after a page break or a blank line may be off: the next body line of the same text).
    var cursor = max(0, min(table.line, table.lines.first?.line ?? table.line) - 1)
    for kept in table.lines {
      let text = kept.plainText.collapsingSpaces
      var found: Int?
      var index = cursor
      while index < min(lines.count, cursor + 40) {
        if case .body = lines[index].kind, lines[index].text.collapsingSpaces == text {
          found = index
          break
        }
        index += 1
      }
      guard let found else { return nil }
      cursor = found + 1
      let line = lines[found]
      guard let cell = line.cell else {
        // A sub-heading: a short line that ends no sentence.
        guard text.count <= 100, text.last.map({ !".;:".contains($0) }) ?? false,
          let width = columns ?? lines[found...].first(where: { $0.cell != nil })?.cell?.columns
        else { return nil }
        rows.append(
          [TextBlock(text, line: kept.line)]
            + Array(repeating: TextBlock("", line: kept.line), count: width - 1))
        printed.append([line.raisedEnd.map { ($0, found + 1) }] + Array(repeating: nil, count: width - 1))
        continue
      }
      if let columns, columns != cell.columns { return nil }
      // Every row as wide as the table (a sub-heading above its first cell included).
      guard rows.allSatisfy({ $0.count == cell.columns }) else { return nil }
      columns = cell.columns
      cells += 1
      let key = PDFLines.TableCell(table: cell.table, row: cell.row, column: 0, columns: cell.columns)
      let row: Int
      if let found = rowIndex[key] {
        row = found
      } else {
        row = rows.count
        rowIndex[key] = row
        rows.append(Array(repeating: TextBlock("", line: kept.line), count: cell.columns))
        printed.append(Array(repeating: nil, count: cell.columns))
        if cell.row == 0, firstHeader == nil { firstHeader = row }
      }
      let before = rows[row][cell.column].plainText
      rows[row][cell.column] = TextBlock(
        before.isEmpty ? text : before + " " + text,
        line: before.isEmpty ? kept.line : rows[row][cell.column].line)
      printed[row][cell.column] = line.raisedEnd.map { ($0, found + 1) }
    }
    guard let firstHeader, cells > 0, rows.count >= 3 else { return nil }
    return (rows, firstHeader, printed)
  }
}

extension PDFTables {
  /// `reading` with the lines of its tables' headers printed over several columns (a unit line
  /// "(United States dollars)" centred under two columns' headings, ``PDFLines/Line/headerSpan``)
  /// made header rows of their own with one cell spanning those columns (``Table/spans``),
  /// before or after the columns' headings as printed. Read as a text prints it, such a line
  /// comes last in the header and goes on the last heading ("Net of staff assessment (United
  /// States dollars)"); it is taken off that heading again. A table whose header cells do not
  /// end with the line's text is left as it is.
  package static func applySpans(to reading: inout Reading, lines: [PDFLines.Line]) {
    guard lines.contains(where: { $0.headerSpan != nil }) else { return }
    reading.resolution.updateTables { table in
      guard table.rows.count >= 2, table.spans == nil, let width = table.rows.first?.count,
        let firstRow = table.rows[1].first?.line, firstRow >= table.line
      else { return }
      // The table's header lines: from its first line to its first row's; one such line a table.
      let start = max(0, table.line - 1)
      let end = min(lines.count, firstRow - 1)
      guard start < end else { return }
      for index in start..<end {
        guard case .body = lines[index].kind, let span = lines[index].headerSpan,
          span.columns.upperBound < width
        else { continue }
        let text = lines[index].text
        let headings = table.headerRows ?? 1
        // The heading it was read onto: the last cell of the header that ends with it.
        guard
          let column = span.columns.reversed().first(where: {
            table.rows[headings - 1][$0].plainText.hasSuffix(" " + text)
          }),
          case .text(let plain)? = table.rows[headings - 1][column].segments.last,
          plain.hasSuffix(" " + text)
        else { continue }
        var heading = table.rows[headings - 1][column]
        heading.segments[heading.segments.count - 1] = .text(
          String(plain.dropLast(text.count + 1)).trimmingTrailingSpaces)
        table.rows[headings - 1][column] = heading
        let line = index + 1
        var row = (0..<span.columns.lowerBound).map { _ in TextBlock("", line: line) }
        row.append(TextBlock(text, line: line))
        row += (span.columns.upperBound + 1..<width).map { _ in TextBlock("", line: line) }
        let at = span.below ? headings : 0
        table.rows.insert(row, at: at)
        table.headerRows = headings + 1
        table.spans = [
          Table.Span(row: at, cell: span.columns.lowerBound, columns: span.columns.count)
        ]
        break
      }
    }
  }
}
