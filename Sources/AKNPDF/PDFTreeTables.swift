package import AKNModel
import AKNReading

/// Tables whose columns the layout cannot decide, read from the PDF's structure tree.
///
/// A table that neither its lines (``FlattenedTable``) nor the positions of its runs
/// (``PDFTables``) part into columns is kept line by line with `structure.table`. A tagged PDF
/// may say what its cells are: where the kept lines are, in order and but for white space, the
/// text of consecutive tables of the tree (with the headings printed between them, as
/// "A. Pension Administration" over its part), the table takes the tree's rows and cells — a
/// heading a row of its own, its other cells empty; the rows without text left out; the leading
/// rows of headings (`TH`) and headings its header — and its warning becomes a note
/// (`pdf.table-from-tree`) naming the tree as the source. Anything else of the tree (a paragraph,
/// a list) between them ends the match; a table whose text matches no run of the tree's tables
/// stays as it was, with its warning.
package enum PDFTreeTables {
  /// An element of the tree's reading order that a match may hold (a table or a heading), or
  /// anything else with text, which ends a match.
  enum Item {
    case table([(cells: [String], isHeader: Bool)])
    case heading(String)
    case other
  }

  /// Whether `reading` has a table kept line by line with its `structure.table` warning: the
  /// only case the tree is asked about (it costs some twenty times the extraction).
  package static func needsTree(_ reading: Reading) -> Bool {
    reading.report.warnings.contains { $0.rule == RuleID.structureTable }
  }

  /// `reading` with each table kept line by line (its `structure.table` warning standing) whose
  /// lines are the text of consecutive tables of `tree` read into the tree's rows and cells.
  package static func apply(_ tree: PDFStructureTree, to reading: inout Reading) {
    let items = Self.items(tree)
    guard items.contains(where: { if case .table = $0 { true } else { false } }) else { return }
    let warned = Set(reading.report.warnings.filter { $0.rule == RuleID.structureTable }.compactMap(\.line))
    var rebuilt: [Int] = []
    reading.resolution.updateTables { table in
      if table.rows.isEmpty, !table.lines.isEmpty, warned.contains(table.line),
        let (rows, header) = rows(of: table, items: items)
      {
        table.rows = rows
        table.headerRows = header > 1 ? header : nil
        table.lines = []
        rebuilt.append(table.line)
      }
    }
    guard !rebuilt.isEmpty else { return }
    reading.report.warnings = reading.report.warnings.map { warning in
      guard warning.rule == RuleID.structureTable, let line = warning.line, rebuilt.contains(line) else {
        return warning
      }
      let note = Diagnostic(
        .note, rule: .pdfTableFromTree,
        message:
          "a table whose columns its layout does not decide: its rows and cells are those the PDF's structure tree (its tags) gives",
        line: line)
      return reading.extracted.map { $0.placing(note) } ?? note
    }
  }

  /// The tree in reading order: its tables, headings and other elements with text (the notes
  /// aside, which stand where their markers are).
  static func items(_ tree: PDFStructureTree) -> [Item] {
    let roles: Set<String> = [
      "Table", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "Figure", "Caption",
    ]
    return tree.root.elements(roles, skipping: ["Note"]).compactMap { node in
      if node.role == "Table" { return .table(node.tableRows) }
      let text = node.plainText(skipping: ["Note"])
      if text.isEmpty { return nil }
      return node.isHeading ? .heading(text) : .other
    }
  }

  /// The text with all white space taken out.
  static func squeezed(_ text: String) -> String {
    String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{00AD}" }.map(Character.init))
  }

  /// The rows of the run of `items` whose text is `table`'s lines', and how many of the first
  /// rows are headings; nil when no run of tables (and headings between) has that text.
  static func rows(of table: Table, items: [Item]) -> (rows: [[TextBlock]], header: Int)? {
    let target = squeezed(table.lines.map(\.plainText).joined())
    guard !target.isEmpty else { return nil }
    for start in items.indices {
      var text = ""
      var end = start
      var tables = 0
      while end < items.count, target.hasPrefix(text), text != target {
        switch items[end] {
        case .table(let rows):
          tables += 1
          text += rows.flatMap(\.cells).map(squeezed).joined()
        case .heading(let heading):
          text += squeezed(heading)
        case .other:
          end = items.count
          continue
        }
        end += 1
      }
      guard text == target, tables > 0 else { continue }
      return rows(items[start..<end], line: table.line)
    }
    return nil
  }

  /// The rows of a run of tables and headings, as wide as its widest table.
  static func rows(_ run: ArraySlice<Item>, line: Int) -> (rows: [[TextBlock]], header: Int) {
    var width = 1
    for case .table(let rows) in run { width = max(width, rows.map(\.cells.count).max() ?? 1) }
    var rows: [[TextBlock]] = []
    var header = 0
    var inHeader = true
    func row(_ cells: [String]) -> [TextBlock] {
      (cells + Array(repeating: "", count: max(0, width - cells.count))).map { TextBlock($0, line: line) }
    }
    for item in run {
      switch item {
      case .heading(let text):
        rows.append(row([text]))
        if inHeader { header += 1 }
      case .table(let tableRows):
        for tableRow in tableRows where tableRow.cells.contains(where: { !$0.isEmpty }) {
          rows.append(row(tableRow.cells))
          if inHeader, tableRow.isHeader { header += 1 } else { inHeader = false }
        }
      case .other:
        break
      }
    }
    return (rows, header)
  }
}
