import AKNModel
import AKNReading

extension PDFLines {
  /// The cells of a table whose columns are text as well as amounts ("Action" | "Title of post" |
  /// "Category/Level" | "Number", 78/253's staffing tables), or whose header prints several
  /// columns' headings in one run ("P-2  GS (PL)  GS (OL)  Total"), read by the columns its
  /// runs stand in; nil for a table of a label and amounts only, whose header runs each stand
  /// over one column (read as before, by ``FlattenedTable``).
  ///
  /// The columns are the extents of the cells of the rows that have two cells or more (runs after
  /// a gap of the font's size), overlapping extents merged. The header's runs go to the column
  /// they stand over; a run over several columns is split at its runs of spaces when it has as
  /// many parts. A row is a line with cells in two columns or more; a line with cells in one
  /// column only belongs to the row of the line before or after it set as close as a wrapped
  /// line (the cell goes on: "Redeployment from" / "Contracts Management" / …, or the label
  /// above its figures: "Department of Management" / "Strategy, Policy and Compliance"),
  /// else it is a row of its own (a sub-heading: "Total net changes"). The notes under the
  /// table are lines of their own. Each cell's lines come as lines of their own, tagged with
  /// their ``TableCell``: the header column by column, then each row's cells left to right.
  static func textColumnGrid(header: [Visual], rows: [Visual], amountColumns: Int, table: Int) -> [Visual]? {
    // The notes under it.
    var end = rows.count
    while end > 0, FlattenedTable.isNote(rows[end - 1].text) { end -= 1 }
    let body = Array(rows[..<end])
    guard !header.isEmpty, body.count >= 2 else { return nil }
    func cells(_ band: Visual) -> [[PDFLayout.Run]] {
      var result: [[PDFLayout.Run]] = []
      var right = -Double.infinity
      for run in band.runs.sorted(by: { $0.left < $1.left }) {
        if result.isEmpty || run.left - right >= max(run.font.size, 1) {
          result.append([run])
        } else {
          result[result.count - 1].append(run)
        }
        right = max(right, run.right)
      }
      return result
    }
    let columns: [(left: Double, right: Double)]
    var extents: [(left: Double, right: Double)] = []
    for band in body {
      let found = cells(band)
      guard found.count >= 2 else { continue }
      for cell in found { extents.append((cell.map(\.left).min()!, cell.map(\.right).max()!)) }
    }
    columns = PDFLines.columns(merging: extents, joiningTouching: false)
    guard columns.count >= 2 else { return nil }
    func over(_ run: PDFLayout.Run) -> [Int] {
      columns.indices.filter { run.left < columns[$0].right && run.right > columns[$0].left }
    }
    // The header's runs by column; a run over several columns split at its runs of spaces.
    var headerCells: [[PDFLayout.Run]] = Array(repeating: [], count: columns.count)
    var split = false
    for band in header {
      for run in band.runs.sorted(by: { $0.left < $1.left }) {
        let spanned = over(run)
        if spanned.count == 1 {
          headerCells[spanned[0]].append(run)
          continue
        }
        guard let pieces = PDFLines.split(run, over: spanned, columns: columns, clippingWidth: true) else {
          return nil
        }
        split = true
        for (position, piece) in pieces { headerCells[position].append(piece) }
      }
    }
    // Only where the columns are not a label and amounts, each headed over its own column.
    guard columns.count > amountColumns + 1 || split else { return nil }
    // The rows: each line's runs by column.
    var placed: [[[PDFLayout.Run]]] = []
    for band in body {
      var byColumn: [[PDFLayout.Run]] = Array(repeating: [], count: columns.count)
      let runs = band.runs.sorted { $0.left < $1.left }
      for run in runs {
        let spanned = over(run)
        if spanned.count == 1 {
          byColumn[spanned[0]].append(run)
        } else if runs.count == 1 {
          byColumn[0].append(run)  // a line over the columns: a sub-heading
        } else {
          return nil
        }
      }
      placed.append(byColumn)
    }
    var rowOf: [Int?] = placed.map { $0.filter { !$0.isEmpty }.count >= 2 ? 0 : nil }
    guard rowOf.contains(where: { $0 != nil }) else { return nil }
    func close(_ upper: Int, _ lower: Int) -> Bool {
      body[lower].top - body[upper].bottom < 0.4 * (body[lower].bottom - body[lower].top)
    }
    // Rows numbered in order; a line of one column goes with a close line before, else after.
    var anchors: [Int: Int] = [:]
    for index in body.indices where rowOf[index] != nil {
      anchors[index] = anchors.count + 1
      rowOf[index] = anchors[index]
    }
    for index in body.indices where rowOf[index] == nil && index > 0 && close(index - 1, index) {
      rowOf[index] = rowOf[index - 1]
    }
    for index in body.indices.reversed()
    where rowOf[index] == nil && index + 1 < body.count && close(index, index + 1) {
      rowOf[index] = rowOf[index + 1]
    }
    // Lines of their own: rows of their own, numbered in order with the others.
    var number = 0
    var renumbered: [Int: Int] = [:]
    var rowNumbers: [Int] = []
    for index in body.indices {
      if let row = rowOf[index] {
        if renumbered[row] == nil {
          number += 1
          renumbered[row] = number
        }
        rowNumbers.append(renumbered[row]!)
      } else {
        number += 1
        rowNumbers.append(number)
      }
    }
    func visual(_ runs: [PDFLayout.Run], row: Int, column: Int) -> Visual {
      Visual(
        runs: runs.sorted { $0.left < $1.left }, top: runs.map(\.top).min()!,
        bottom: runs.map(\.bottom).max()!,
        base: runs.max { $0.font.size < $1.font.size }!, columns: columns.count,
        cell: TableCell(table: table, row: row, column: column, columns: columns.count))
    }
    var result: [Visual] = []
    for (column, runs) in headerCells.enumerated() {
      // One line a printed line of the cell.
      var byLine: [[PDFLayout.Run]] = []
      for run in runs.sorted(by: { ($0.top, $0.left) < ($1.top, $1.left) }) {
        if let last = byLine.last?.first, abs(last.top - run.top) < 0.5 * run.height {
          byLine[byLine.count - 1].append(run)
        } else {
          byLine.append([run])
        }
      }
      result += byLine.map { visual($0, row: 0, column: column) }
    }
    var index = 0
    while index < body.count {
      var last = index
      while last + 1 < body.count, rowNumbers[last + 1] == rowNumbers[index] { last += 1 }
      for column in columns.indices {
        for line in index...last where !placed[line][column].isEmpty {
          result.append(visual(placed[line][column], row: rowNumbers[index], column: column))
        }
      }
      index = last + 1
    }
    for band in rows[end...] {
      var note = band
      note.columns = 1
      note.opensParagraph = true
      result.append(note)
    }
    return result
  }
}

extension PDFLines.Visual {
  /// The line's text, runs left to right (a space where a gap parts two), spaces collapsed.
  var text: String {
    var result = ""
    var right: Double?
    for run in runs.sorted(by: { $0.left < $1.left }) {
      if let right, run.left - right > 0.15 * max(run.font.size, 1) { result += " " }
      result += run.text
      right = run.right
    }
    return result.collapsingSpaces
  }
}

extension StringProtocol {
  fileprivate var trimmed: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
