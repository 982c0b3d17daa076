package import AKNModel
package import AKNReading

/// The lines of a PDF rebuilt from its layout, in reading order, each classified by where it
/// stands and how it is printed: page furniture (by band and shape), the footnote rule and the
/// notes below it, the body text, and the blank lines that part its paragraphs.
package struct PDFLines: Sendable {
  /// What a line is.
  package enum Kind: Sendable, Hashable {
    /// Text of the document (masthead and body).
    case body
    /// A line of a footnote block; `marker` when it begins with a raised note number.
    case note(marker: String?)
    /// Page furniture left out of the text, and why (`page-header`, `page-number` …).
    case furniture(LeftOutReason)
    /// The rule above a page's footnotes.
    case rule
    /// The gap between two paragraphs.
    case blank
  }

  /// A rebuilt line.
  package struct Line: Sendable, Hashable {
    /// The page it is on (1-based).
    package var page: Int
    /// Its text, spaces collapsed; raised markers glued to the word before them.
    package var text: String
    /// What it is.
    package var kind: Kind
    /// The raised footnote markers inside it, in order.
    package var markers: [PrintedMarker] = []
    /// Whether it begins a page (after the page's header).
    package var startsPage = false
    /// Its printed characters in the order drawn, spaces and raised markers left out, each with
    /// whether its font is italic: the PDF's own evidence for the italics (``PDFItalics``).
    package var glyphs: [Glyph] = []
    /// Whether it is printed as a heading: alone on its line (no column of a table), at least the
    /// size of the body text, and set in bold or larger than the body text, or set apart by its
    /// place (centred in the text column, or a blank line's space above and below it) with the
    /// words of a heading (``LineGrammar/headingShape(_:)``). The PDF's own evidence for a
    /// heading, which a wrapped line of a paragraph never has.
    package var printedAsHeading = false
    /// Whether it opens a paragraph whatever the spacing: a note under a table ("b See A/78/634."),
    /// which the print sets as close as a wrapped line; false: never (a table's first sub-heading,
    /// read with its header as a table printed one cell per line gives it); nil: as the spacing says.
    package var opensParagraph: Bool?
    /// Where it stands in a table read from the positions of its runs by columns of text
    /// (``TableCell``); nil outside such a table.
    package var cell: TableCell?
    /// The small letter or `*` printed raised (smaller, above the baseline) at its end, after its
    /// text: the print's certain evidence of a table cell's note marker ("… for 2024" and a
    /// raised "a"); nil when its last character is printed on the baseline.
    package var raisedEnd: String?
    /// Where a line of a table's header printed over several columns of amounts stands (a unit
    /// line "(United States dollars)" centred under two columns' headings): one cell spanning
    /// them; nil for every other line.
    package var headerSpan: HeaderSpan?
    /// Where it was printed and in what fonts (``PDFPrint``); nil for a line that prints nothing.
    package var printed: PrintedLine?
  }

  /// A table's header line printed over several of its columns: the columns it covers (0 for the
  /// label column, the columns of amounts from 1) and whether it stands under the columns'
  /// headings (a row after them) or over them (a row before them).
  package struct HeaderSpan: Sendable, Hashable {
    /// The columns it covers, two or more.
    package var columns: ClosedRange<Int>
    /// Whether it is printed under the columns' own headings.
    package var below: Bool
  }

  /// Where a line stands in a table whose columns the positions decide (a text column beside
  /// another: "New post" | "Information Systems Officer" | "P-4" | "1"): the line is one printed
  /// line of one cell.
  package struct TableCell: Sendable, Hashable {
    /// The table, counted over the document (0 first).
    package var table: Int
    /// Its row: 0 for the header.
    package var row: Int
    /// Its column: 0 for the first.
    package var column: Int
    /// How many columns the table has.
    package var columns: Int
  }

  /// A printed character and whether it is set in italics.
  package struct Glyph: Sendable, Hashable {
    /// The character (one Unicode scalar).
    package var scalar: Unicode.Scalar
    /// Whether its run is italic.
    package var italic: Bool
  }

  /// The lines, in reading order.
  package var lines: [Line]
  /// The index in `lines` at which each page starts.
  package var pageStarts: [Int]

  /// A visual line: runs that share a baseline band, split into columns at wide gaps.
  struct Visual {
    var runs: [PDFLayout.Run]
    var top: Double
    var bottom: Double
    var base: PDFLayout.Run
    /// How many columns its band was split into (1: a line alone on its band).
    var columns = 1
    /// Whether it opens a paragraph whatever the spacing (a note under a table), or never (a
    /// table's first sub-heading, the end of its header); nil: as the spacing says.
    var opensParagraph: Bool?
    /// Its place in a table read by columns of text.
    var cell: TableCell?
    /// The columns of a table's header it spans.
    var headerSpan: HeaderSpan?
  }

  /// Rebuilds the lines of `layout`.
  package init(_ layout: PDFLayout) {
    lines = []
    pageStarts = []
    let bodySize = Self.bodySize(of: layout)
    var tableCount = 0
    var pages: [[Visual]] = []
    for page in layout.pages {
      pages.append(Self.visualLines(of: page, bodySize: bodySize, tables: &tableCount))
    }
    let pitch = Self.linePitch(pages, bodySize: bodySize)
    for (page, visuals) in zip(layout.pages, pages) {
      pageStarts.append(lines.count)
      var pageLines = visuals.map { Self.compose($0, page: page, bodySize: bodySize) }
      Self.classify(&pageLines, page: page)
      Self.markHeadingsByPlace(&pageLines, visuals: visuals, bodySize: bodySize, pitch: pitch)
      // Blank lines between body lines set apart by more than one and a half lines.
      var previousBody: (bottom: Double, height: Double, index: Int)?
      var first = true
      for (line, box) in pageLines {
        if case .body = line.kind {
          if let previous = previousBody,
            line.opensParagraph ?? (box.top - previous.bottom > 0.3 * previous.height + 1),
            previous.index == lines.count - 1
          {
            lines.append(Line(page: page.number, text: "", kind: .blank))
          }
          previousBody = (box.bottom, box.bottom - box.top, lines.count)
        }
        var line = line
        if first, case .body = line.kind {
          line.startsPage = true
          first = false
        }
        lines.append(line)
      }
    }
    joinHyphens()
  }

  /// The text of the lines (one per line), for the word check and the diagnostics.
  package var extracted: ExtractedText {
    ExtractedText(
      lines: lines.map(\.text), pageStarts: pageStarts.map { $0 + 1 }, printed: lines.map(\.printed))
  }

  /// Whether any page has text.
  package static func hasText(_ layout: PDFLayout) -> Bool {
    layout.pages.contains { page in page.runs.contains { !$0.text.allSatisfy(\.isWhitespace) } }
  }

  /// The size of the body text: the font size most of the text is set in (counted in UTF-8 bytes,
  /// which a string knows without reading it).
  static func bodySize(of layout: PDFLayout) -> Double {
    var amounts: [Double: Int] = [:]
    for page in layout.pages {
      for run in page.runs {
        var bytes = 0
        for piece in run.pieces { bytes += piece.text.utf8.count }
        amounts[run.font.size, default: 0] += bytes
      }
    }
    return amounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? 0
  }

  // MARK: Lines from runs

  /// The page's runs grouped into visual lines (top to bottom), each split into columns.
  private static func visualLines(of page: PDFLayout.Page, bodySize: Double, tables tableCount: inout Int)
    -> [Visual]
  {
    let runs = page.runs.filter { !$0.text.allSatisfy(\.isWhitespace) && $0.height > 0 }
      .sorted { ($0.top, $0.left) < ($1.top, $1.left) }
    var groups: [Visual] = []
    for run in runs {
      // The line among the last few whose band the run shares most.
      var best: Int?
      var bestOverlap = 0.0
      for index in groups.indices.suffix(8) {
        let group = groups[index]
        let overlap = min(group.base.bottom, run.bottom) - max(group.base.top, run.top)
        if overlap >= 0.5 * min(group.base.height, run.height), overlap > bestOverlap {
          best = index
          bestOverlap = overlap
        }
      }
      if let best {
        groups[best].runs.append(run)
        groups[best].top = min(groups[best].top, run.top)
        groups[best].bottom = max(groups[best].bottom, run.bottom)
        if run.font.size > groups[best].base.font.size { groups[best].base = run }
      } else {
        groups.append(Visual(runs: [run], top: run.top, bottom: run.bottom, base: run))
      }
    }
    let tables = tableRegions(groups, page: page, bodySize: bodySize, tables: &tableCount)
    let inTable = Set(tables.flatMap { $0.bands })
    // Columns: a gap wider than three times the font size starts a line of its own.
    var result: [Visual] = []
    for (index, group) in groups.enumerated() where !inTable.contains(index) {
      let sorted = group.runs.sorted { $0.left < $1.left }
      let first = result.count
      var current: [PDFLayout.Run] = []
      var right = -Double.infinity
      func flush() {
        guard !current.isEmpty else { return }
        let base = current.max { $0.font.size < $1.font.size }!
        result.append(
          Visual(
            runs: current, top: current.map(\.top).min()!, bottom: current.map(\.bottom).max()!, base: base))
        current = []
      }
      for run in sorted {
        if !current.isEmpty, run.left - right > 3 * max(group.base.font.size, 1) { flush() }
        current.append(run)
        right = max(right, run.right)
      }
      flush()
      for index in first..<result.count { result[index].columns = result.count - first }
    }
    result.sort { ($0.top, $0.runs[0].left) < ($1.top, $1.runs[0].left) }
    // A table's cells, in the order read, where its first line stood.
    for table in tables.reversed() {
      let at = result.firstIndex { $0.top > table.top } ?? result.count
      result.insert(contentsOf: table.cells, at: at)
    }
    return result
  }

  /// A table of the page read from its positions: the bands (indices of the page's visual lines
  /// before their split into columns) it covers, its top, and its cells, one visual line each,
  /// in the order a table printed one cell per line gives them (``FlattenedTable``).
  private struct TableRegion {
    var bands: [Int]
    var top: Double
    var cells: [Visual]
  }

  /// The tables of a page, read from the positions of their runs: a table is a run of lines set
  /// smaller than the body text around lines of amounts (``FlattenedTable/isAmount(_:)``) that
  /// stand in columns of their own (a gap of at least the font's size before each). Its columns
  /// are the amounts' extents; its header is the small lines above its first line of amounts,
  /// given column by column (each column's lines top to bottom, then the lines over several
  /// columns), so that a header cell wrapped over two lines is read whole; every other line gives
  /// its label (the text left of the columns) and then each column's cell. The header and notes
  /// of a page's furniture, the body text and the notes below the footnote rule are never part
  /// of it. A table with columns of text, or whose header prints several columns' headings in
  /// one run, is read by its columns instead (``textColumnGrid(header:rows:amountColumns:table:)``),
  /// its lines tagged with their ``TableCell`` (`tableCount` counts the document's tables).
  private static func tableRegions(
    _ bands: [Visual], page: PDFLayout.Page, bodySize: Double, tables tableCount: inout Int
  )
    -> [TableRegion]
  {
    guard bodySize > 0 else { return [] }
    let height = page.height > 0 ? page.height : (bands.map(\.bottom).max() ?? 0)
    /// A band set smaller than the body: the font most of its characters are set in (a dash of
    /// a larger font in a cell does not count).
    func isSmall(_ band: Visual) -> Bool {
      let size = band.runs.max { $0.text.unicodeScalars.count < $1.text.unicodeScalars.count }!.font.size
      return size < 0.95 * bodySize && band.bottom > 0.1 * height && band.top < 0.88 * height
        && !LineGrammar.isRule(band.runs.map(\.text).joined().collapsingSpaces)
    }
    /// The amounts of a band that stand in columns: after a gap of the font's size at least.
    func amounts(_ band: Visual) -> [PDFLayout.Run] {
      let sorted = band.runs.sorted { $0.left < $1.left }
      var right = -Double.infinity
      var found: [PDFLayout.Run] = []
      for run in sorted {
        if right > -Double.infinity, run.left - right >= max(run.font.size, 1),
          FlattenedTable.isAmount(run.text)
        {
          found.append(run)
        }
        right = max(right, run.right)
      }
      return found
    }
    // Above the footnote rule only.
    let limit =
      bands.firstIndex { LineGrammar.isRule($0.runs.map(\.text).joined().collapsingSpaces) } ?? bands.count
    var regions: [TableRegion] = []
    var index = 0
    while index < limit {
      guard isSmall(bands[index]), !amounts(bands[index]).isEmpty else {
        index += 1
        continue
      }
      var first = index
      while first > 0, isSmall(bands[first - 1]),
        bands[first].top - bands[first - 1].bottom < 3 * bands[first].base.height,
        !regions.contains(where: { $0.bands.contains(first - 1) })
      {
        first -= 1
      }
      var end = index + 1
      while end < limit, isSmall(bands[end]) { end += 1 }
      let members = Array(first..<end)
      // The columns: the extents of the amounts, overlapping ones merged.
      let columns = Self.columns(
        merging: members.flatMap { amounts(bands[$0]) }.map { ($0.left, $0.right) }, joiningTouching: true)
      // The header can reach over its column to the left; the label is what stands left of it.
      let labelEnd = columns.first.map { $0.left - max(bands[index].base.font.size, 1) } ?? 0
      func column(of run: PDFLayout.Run) -> Int? {
        let over = columns.indices.filter { run.left < columns[$0].right && run.right > columns[$0].left }
        return over.count == 1 ? over[0] : nil
      }
      func visual(_ runs: [PDFLayout.Run]) -> Visual {
        let sorted = runs.sorted { ($0.top, $0.left) < ($1.top, $1.left) }
        return Visual(
          runs: sorted.sorted { $0.left < $1.left }, top: sorted.map(\.top).min()!,
          bottom: sorted.map(\.bottom).max()!, base: sorted.max { $0.font.size < $1.font.size }!,
          columns: columns.count + 1)
      }
      /// Runs left of the columns, split where a gap of three times the font's size parts them (a
      /// column of text: "New post", "Information Systems Officer", "P-4").
      func pieces(_ runs: [PDFLayout.Run]) -> [[PDFLayout.Run]] {
        var result: [[PDFLayout.Run]] = []
        var right = -Double.infinity
        for run in runs.sorted(by: { $0.left < $1.left }) {
          if result.isEmpty || run.left - right > 3 * max(run.font.size, 1) {
            result.append([run])
          } else {
            result[result.count - 1].append(run)
          }
          right = max(right, run.right)
        }
        return result
      }
      if let keyed = keyedTable(members.map { bands[$0] }) {
        regions.append(TableRegion(bands: members, top: bands[first].top, cells: keyed))
        index = end
        continue
      }
      var cells: [Visual] = []
      let firstAmounts = members.first { !amounts(bands[$0]).isEmpty }!
      // The header, column by column: the lines down to the last with text over the columns;
      // the lines of a label alone after it are rows (sub-headings: "Expenditure sections").
      let headerEnd =
        (members.last { $0 < firstAmounts && bands[$0].runs.contains { $0.right > labelEnd } } ?? first - 1)
        + 1
      let header = (first..<headerEnd).map { bands[$0] }
      if let grid = textColumnGrid(
        header: header, rows: (headerEnd..<end).map { bands[$0] }, amountColumns: columns.count,
        table: tableCount)
      {
        tableCount += 1
        regions.append(TableRegion(bands: members, top: bands[first].top, cells: grid))
        index = end
        continue
      }
      for band in header {
        cells += pieces(band.runs.filter { $0.right <= labelEnd }).map(visual)
      }
      for position in columns.indices {
        for band in header {
          let inColumn = band.runs.filter { $0.right > labelEnd && column(of: $0) == position }
          if !inColumn.isEmpty { cells.append(visual(inColumn)) }
        }
      }
      // The lines over several columns: a cell spanning them when it stands wholly under (or
      // over) the columns' own headings and over two columns or more side by side.
      let headingTops = header.flatMap { band in
        band.runs.filter { $0.right > labelEnd && column(of: $0) != nil }.map(\.top)
      }
      for band in header {
        let spanning = band.runs.filter { $0.right > labelEnd && column(of: $0) == nil }
        guard !spanning.isEmpty else { continue }
        var cell = visual(spanning)
        let left = spanning.map(\.left).min()!
        let right = spanning.map(\.right).max()!
        let covered = columns.indices.filter { left < columns[$0].right && right > columns[$0].left }
        if covered.count >= 2, covered.last! - covered.first! + 1 == covered.count,
          let highest = headingTops.min(), let lowest = headingTops.max(),
          cell.top > lowest || cell.bottom < highest
        {
          cell.headerSpan = HeaderSpan(
            columns: (covered.first! + 1)...(covered.last! + 1), below: cell.top > lowest)
        }
        cells.append(cell)
      }
      // The lines from the first amounts on: the label, then each column's cell.
      for member in members where member >= headerEnd {
        let band = bands[member]
        let inColumns = band.runs.filter { run in column(of: run) != nil && run.left > labelEnd }
        let label = band.runs.filter { run in !inColumns.contains(where: { $0 == run }) }
        for (offset, piece) in pieces(label).enumerated() {
          var cell = visual(piece)
          // A note under the table ("b See A/78/634."): a paragraph of its own.
          // A sub-heading between the header and the first amounts ends the header's paragraph
          // (the first) or is one of its own.
          if offset == 0, inColumns.isEmpty, member < firstAmounts {
            cell.opensParagraph = member != headerEnd || header.isEmpty
          } else if offset == 0, inColumns.isEmpty,
            member > members.last(where: { !amounts(bands[$0]).isEmpty })!,
            FlattenedTable.isNote(cell.runs.map(\.text).joined(separator: " ").collapsingSpaces)
          {
            cell.opensParagraph = true
          }
          cells.append(cell)
        }
        for position in columns.indices {
          let cell = inColumns.filter { column(of: $0) == position }
          if !cell.isEmpty { cells.append(visual(cell)) }
        }
      }
      regions.append(TableRegion(bands: members, top: bands[first].top, cells: cells))
      index = end
    }
    return regions
  }

  /// The cells of a table whose rows open with keys in sequence in a column of their own ("A",
  /// "B", "C" … at the left of a line, then the row's cells: a criterion wrapped over lines, a
  /// threshold, a discount), in the order a table printed one cell per line gives them: the
  /// header column by column, then per row its key and each column's lines top to bottom, then
  /// the notes under it. The columns are the extents of the cells of the rows (the runs after a
  /// gap of the font's size), overlapping extents merged; a header run over two columns is split
  /// at its run of spaces ("Level  Criterion"). Nil when there are not three keys from "A" on.
  private static func keyedTable(_ bands: [Visual]) -> [Visual]? {
    func sorted(_ band: Visual) -> [PDFLayout.Run] { band.runs.sorted { $0.left < $1.left } }
    func key(_ band: Visual) -> Unicode.Scalar? {
      guard let first = sorted(band).first else { return nil }
      let text = first.text.collapsingSpaces
      guard text.unicodeScalars.count == 1, let letter = text.unicodeScalars.first,
        ("A"..."Z").contains(letter)
      else { return nil }
      return letter
    }
    var keys: [Int] = []
    for (offset, band) in bands.enumerated() {
      guard let letter = key(band) else { continue }
      if let last = keys.last {
        if key(bands[last])!.value + 1 == letter.value { keys.append(offset) }
      } else if letter == "A" {
        keys.append(offset)
      }
    }
    guard keys.count >= 3, let keyLeft = bands[keys[0]].runs.map(\.left).min() else { return nil }
    guard keys.allSatisfy({ abs((bands[$0].runs.map(\.left).min() ?? 0) - keyLeft) < 3 }) else { return nil }
    // The notes under the last row: lines that read as a table's note.
    var end = bands.count
    while end > keys.last! + 1,
      FlattenedTable.isNote(sorted(bands[end - 1]).map(\.text).joined(separator: " ").collapsingSpaces)
    {
      end -= 1
    }
    // The columns: the extents of the rows' cells.
    let columns: [(left: Double, right: Double)]
    var extents: [(left: Double, right: Double)] = []
    for band in bands[keys[0]..<end] {
      var right = -Double.infinity
      for run in sorted(band) {
        if run.left - right >= max(run.font.size, 1) {
          extents.append((run.left, run.right))
        } else {
          extents[extents.count - 1].right = max(extents[extents.count - 1].right, run.right)
        }
        right = max(right, run.right)
      }
    }
    columns = Self.columns(merging: extents, joiningTouching: true)
    guard columns.count >= 2 else { return nil }
    func columnsOver(_ run: PDFLayout.Run) -> [Int] {
      columns.indices.filter { run.left < columns[$0].right && run.right > columns[$0].left }
    }
    func column(of run: PDFLayout.Run) -> Int {
      columnsOver(run).first ?? (columns.lastIndex { $0.left <= run.left } ?? 0)
    }
    func visual(_ runs: [PDFLayout.Run]) -> Visual {
      Visual(
        runs: runs.sorted { $0.left < $1.left }, top: runs.map(\.top).min()!,
        bottom: runs.map(\.bottom).max()!,
        base: runs.max { $0.font.size < $1.font.size }!, columns: columns.count)
    }
    var cells: [Visual] = []
    // The header: its runs by column, a run over several columns split at its runs of spaces.
    var header: [[PDFLayout.Run]] = Array(repeating: [], count: columns.count)
    for band in bands[..<keys[0]] {
      for run in sorted(band) {
        if let pieces = Self.split(run, over: columnsOver(run), columns: columns, clippingWidth: false) {
          for (position, piece) in pieces { header[position].append(piece) }
        } else {
          header[column(of: run)].append(run)
        }
      }
    }
    for runs in header {
      // One cell a line, top to bottom.
      var byLine: [[PDFLayout.Run]] = []
      for run in runs.sorted(by: { ($0.top, $0.left) < ($1.top, $1.left) }) {
        if let last = byLine.last?.first, abs(last.top - run.top) < 0.5 * run.height {
          byLine[byLine.count - 1].append(run)
        } else {
          byLine.append([run])
        }
      }
      cells += byLine.map(visual)
    }
    // The rows: the key, then each column's lines.
    for (position, start) in keys.enumerated() {
      let rowEnd = position + 1 < keys.count ? keys[position + 1] : end
      for column in columns.indices {
        for band in bands[start..<rowEnd] {
          let runs = sorted(band).filter { Self.column(of: $0, in: columns, fallback: column) == column }
          if !runs.isEmpty { cells.append(visual(runs)) }
        }
      }
    }
    for band in bands[end...] {
      var note = visual(band.runs)
      note.opensParagraph = true
      cells.append(note)
    }
    return cells
  }

  /// The column a run stands in: the first whose extent it overlaps, else the last that starts
  /// left of it.
  private static func column(
    of run: PDFLayout.Run, in columns: [(left: Double, right: Double)], fallback: Int
  )
    -> Int
  {
    if let over = columns.indices.first(where: {
      run.left < columns[$0].right && run.right > columns[$0].left
    }) {
      return over
    }
    return columns.lastIndex { $0.left <= run.left } ?? fallback
  }

  /// Whether `run` is a raised, smaller footnote marker beside `base`: its digits (or `*`).
  private static func raisedMarker(_ run: PDFLayout.Run, base: PDFLayout.Run) -> String? {
    guard run.font.size <= 0.8 * base.font.size, run.bottom <= base.bottom - 0.15 * base.height else {
      return nil
    }
    let text = run.text.collapsingSpaces
    let isDigits = (1...3).contains(text.count) && text.allSatisfy(\.isASCIIDigit)
    let isStars = (1...3).contains(text.count) && text.allSatisfy { $0 == "*" }
    return isDigits || isStars ? text : nil
  }

  /// The text of a visual line and its box; a note's number when it begins with one.
  private static func compose(_ visual: Visual, page: PDFLayout.Page, bodySize: Double) -> (
    Line, (top: Double, bottom: Double)
  ) {
    var text = ""
    var glyphs: [Glyph] = []
    var markers: [PrintedMarker] = []
    var leading: String?
    var raisedEnd: String?
    var right: Double?
    var barcode = false
    // Bold: every piece of text of the line's size (raised markers and note letters aside).
    var bold = true
    for run in visual.runs {
      if run.font.family.lowercased().contains("barcode") { barcode = true }
      if let marker = raisedMarker(run, base: visual.base) {
        while text.last == " " { text.removeLast() }
        raisedEnd = text.isEmpty || marker.first != "*" ? nil : marker
        if text.isEmpty {
          leading = marker
        } else {
          // After a number ("2023 36", "2025. 14") a space keeps the marker a word of its own.
          let spaced =
            text.last?.isNumber == true || (text.last == "." && text.dropLast().last?.isNumber == true)
          if spaced { text += " " }
          text += marker
          markers.append(PrintedMarker(marker: marker, spaced: spaced))
        }
        right = run.right
        continue
      }
      var piece = run.text
      // Raised text that is no note marker (a table's note letter): a word of its own.
      let raised =
        run.font.size <= 0.8 * visual.base.font.size
        && run.bottom <= visual.base.bottom - 0.15 * visual.base.height
      if raised, !text.isEmpty, text.last != " " {
        piece = " " + piece
      }
      let letter = run.text.collapsingSpaces
      raisedEnd =
        raised && !text.isEmpty && letter.count == 1 && letter.first!.isASCII && letter.first!.isLowercase
        ? letter : nil
      // A gap between runs is a space, unless punctuation closes up to the word before.
      if let right, !text.isEmpty, text.last != " ", let first = piece.first, first != " ",
        run.left - right > 0.15 * max(visual.base.font.size, 1),
        !(".,;:)]”’".contains(first) && run.left - right < 0.4 * max(visual.base.font.size, 1)),
        !("([“‘/".contains(text.last!))
      {
        text += " "
      }
      text += piece
      right = run.right
      if run.font.size > 0.8 * visual.base.font.size,
        run.pieces.contains(where: { !$0.bold && !$0.text.allSatisfy(\.isWhitespace) })
      {
        bold = false
      }
      for part in run.pieces {
        for scalar in part.text.unicodeScalars where !Self.isBlank(scalar) {
          glyphs.append(Glyph(scalar: scalar, italic: part.italic))
        }
      }
    }
    var normalised = SourceText.normalise(text[...]).collapsingSpaces
    if leading != nil && normalised.isEmpty { normalised = leading! }
    var line = Line(page: page.number, text: normalised, kind: .body, markers: markers, glyphs: glyphs)
    line.opensParagraph = visual.opensParagraph
    line.cell = visual.cell
    line.raisedEnd = raisedEnd
    line.headerSpan = visual.headerSpan
    line.printed = PDFPrint.line(visual.runs, page: page.number)
    let size = visual.base.font.size
    line.printedAsHeading =
      visual.columns == 1 && size >= 0.95 * bodySize && (bold || size >= 1.15 * bodySize)
      && normalised.contains(where: \.isLetter)
    if barcode { line.kind = .furniture(.barcode) }
    if let leading { line.kind = .note(marker: leading) }
    return (line, (visual.base.top, visual.base.bottom))
  }

  /// Whether a scalar prints nothing of its own: white space, a soft hyphen, a zero-width mark.
  package static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
    return scalar.properties.isWhitespace || scalar == "\u{AD}" || ("\u{200B}"..."\u{200D}").contains(scalar)
      || scalar == "\u{2060}" || scalar == "\u{FEFF}"
  }

  // MARK: Headings by their place

  /// The distance from one line of the body text to the next in a paragraph (top to top): the
  /// most common between lines of the body's size one under the other, no more than 1.6 times
  /// the body's size apart (a paragraph's gap is more); nil when no two lines are so set.
  static func linePitch(_ pages: [[Visual]], bodySize: Double) -> Double? {
    var counts: [Int: Int] = [:]
    for visuals in pages {
      var previous: Visual?
      for visual in visuals where visual.columns == 1 && visual.cell == nil {
        guard abs(visual.base.font.size - bodySize) < 0.05 * bodySize else {
          previous = nil
          continue
        }
        if let previous {
          let distance = visual.base.top - previous.base.top
          if distance > 0, distance <= 1.6 * bodySize { counts[Int(distance.rounded()), default: 0] += 1 }
        }
        previous = visual
      }
    }
    return mostCommon(counts, atLeast: 1)
  }

  /// The value counted most often in `counts` (on a tie, the smallest), when counted at least
  /// `atLeast` times.
  static func mostCommon(_ counts: [Int: Int], atLeast: Int) -> Double? {
    guard let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value >= atLeast else {
      return nil
    }
    return Double(best.key)
  }

  /// The text column of a page: the left edge most of its lines of the body's size start at
  /// (the lines a paragraph wraps onto) and the right edge most of them end at (a justified
  /// line's), each shared by three lines at least; nil when the page has no such column.
  static func textColumn(_ visuals: [Visual], bodySize: Double) -> (left: Double, right: Double)? {
    var lefts: [Int: Int] = [:]
    var rights: [Int: Int] = [:]
    for visual in visuals where visual.columns == 1 && visual.cell == nil {
      guard abs(visual.base.font.size - bodySize) < 0.05 * bodySize else { continue }
      lefts[Int(visual.runs.map(\.left).min()!.rounded()), default: 0] += 1
      rights[Int(visual.runs.map(\.right).max()!.rounded()), default: 0] += 1
    }
    guard let left = mostCommon(lefts, atLeast: 3), let right = mostCommon(rights, atLeast: 3),
      right - left > 10 * bodySize
    else { return nil }
    return (left, right)
  }

  /// Marks the lines of a page that the print sets apart by their place, not their font, as
  /// printed headings (``Line/printedAsHeading``): a line centred in the text column (its
  /// centre within the body's size of the column's, clearly shorter than the column, not at its
  /// left edge) or set apart by at least a blank line's space (``linePitch(_:bodySize:)``) above
  /// and below. Such a line still needs the words of a heading (``LineGrammar/headingShape(_:)``:
  /// a label of the outline, or a title), must stand alone on its line (no column of a table, no
  /// table's cell), at least the body's size, and open a paragraph (a paragraph's gap above it, or
  /// a heading just above it: the short last line of a paragraph is none); a title without a
  /// label must also head text (the next line runs over most of the column: a signature's lines
  /// and a table's rows do not).
  private static func markHeadingsByPlace(
    _ lines: inout [(Line, (top: Double, bottom: Double))], visuals: [Visual], bodySize: Double,
    pitch: Double?
  ) {
    guard bodySize > 0, let column = textColumn(visuals, bodySize: bodySize) else { return }
    let width = column.right - column.left
    let centre = (column.left + column.right) / 2
    let body = lines.indices.filter { if case .body = lines[$0].0.kind { true } else { false } }
    func extent(_ index: Int) -> (left: Double, right: Double) {
      (visuals[index].runs.map(\.left).min()!, visuals[index].runs.map(\.right).max()!)
    }
    for (position, index) in body.enumerated() where !lines[index].0.printedAsHeading {
      let visual = visuals[index]
      guard visual.columns == 1, visual.cell == nil, visual.opensParagraph == nil, visual.headerSpan == nil,
        visual.base.font.size >= 0.95 * bodySize
      else { continue }
      let box = lines[index].1
      let (left, right) = extent(index)
      let previous = position > 0 ? body[position - 1] : nil
      let next = position + 1 < body.count ? body[position + 1] : nil
      // Its place first (most lines are flush with the column and set as close as the text's).
      let centred =
        right - left <= 0.75 * width && left >= column.left + 2 * bodySize
        && abs((left + right) / 2 - centre) <= bodySize
      var spaced = false
      if let pitch, let previous, let next {
        spaced =
          box.top - lines[previous].1.bottom >= pitch - 1 && lines[next].1.top - box.bottom >= pitch - 1
      }
      guard centred || spaced, lines[index].0.text.contains(where: \.isLetter),
        let shape = LineGrammar.headingShape(lines[index].0.text)
      else { continue }
      // It opens a paragraph: a heading above it, or a paragraph's gap after a line that ends no
      // sentence midway.
      if let previous {
        let above = lines[previous].0
        let gap = box.top - lines[previous].1.bottom
        let opens =
          above.printedAsHeading
          || (gap > 0.3 * (box.bottom - box.top) + 1
            && above.text.last.map { !$0.isLowercase && $0 != "," } ?? true)
        guard opens else { continue }
      } else if shape != .label {
        continue
      }
      // A title without a label heads text.
      if shape == .title {
        guard let next, extent(next).right - extent(next).left >= 0.6 * width else { continue }
      }
      lines[index].0.printedAsHeading = true
    }
  }

  // MARK: Furniture and notes

  /// Marks the page's header and footer bands, the footnote rule and the notes below it.
  private static func classify(_ lines: inout [(Line, (top: Double, bottom: Double))], page: PDFLayout.Page) {
    let height = page.height > 0 ? page.height : (lines.map(\.1.bottom).max() ?? 0)
    var inNotes = false
    for index in lines.indices {
      var line = lines[index].0
      let box = lines[index].1
      let text = line.text
      if case .furniture = line.kind {
        lines[index].0 = line
        continue
      }
      var startsNote = false
      if case .note = line.kind { startsNote = true }
      if box.top >= 0.88 * height, !startsNote, let reason = footer(text) {
        line.kind = .furniture(reason)
      } else if page.number > 1, box.bottom <= 0.1 * height {
        line.kind = .furniture(
          LineGrammar.isSymbol(text) && !text.contains(" ")
            ? LeftOutReason.pageHeader : LeftOutReason.runningTitle)
      } else if LineGrammar.isRule(text) {
        line.kind = .rule
        inNotes = true
      } else if inNotes {
        if case .note = line.kind {} else { line.kind = .note(marker: nil) }
      } else if case .note(let marker) = line.kind {
        // A raised number at the start of a body line: a marker after the previous line's word.
        line.kind = .body
        line.text = marker! + (text == marker! ? "" : " " + text)
      }
      lines[index].0 = line
    }
  }

  /// Why a line at the foot of a page is furniture, or nil when it is text.
  private static func footer(_ text: String) -> LeftOutReason? {
    if LineGrammar.isPageNumber(text) { return .pageNumber }
    if LineGrammar.jobNumber(inLine: text) != nil { return .jobNumber }
    if LineGrammar.isBarcode(text) { return .barcode }
    if LineGrammar.isSymbol(text), !text.contains(" "), text.last != ".",
      text.contains("/RES/") || text.contains("/DEC/")
    {
      return .pageFooter
    }
    return nil
  }

  // MARK: Hyphens

  /// Joins a word hyphenated at a line end with its rest on the next line of the same flow:
  /// without the hyphen where the document prints the joined word elsewhere, else with it;
  /// a suspended hyphen (`short- and`) stays.
  private mutating func joinHyphens() {
    var words: Set<String> = []
    for line in lines {
      switch line.kind {
      case .body, .note:
        for word in line.text.split(whereSeparator: { !$0.isLetter }) { words.insert(word.lowercased()) }
      default: break
      }
    }
    func flow(_ kind: Kind) -> Int? {
      switch kind {
      case .body: return 0
      case .note: return 1
      default: return nil
      }
    }
    var lastOf: [Int: Int] = [:]
    for index in lines.indices {
      guard let flow = flow(lines[index].kind) else {
        if case .blank = lines[index].kind { lastOf[0] = nil }
        continue
      }
      if case .note(let marker) = lines[index].kind, marker != nil { lastOf[1] = nil }
      defer { lastOf[flow] = lines[index].text.isEmpty ? lastOf[flow] : index }
      guard let previous = lastOf[flow] else { continue }
      let before = lines[previous].text
      guard before.hasSuffix("-"), before.dropLast().last?.isLetter == true,
        let first = lines[index].text.first, first.isLetter
      else { continue }
      let next = lines[index].text
      let token = next.prefix { $0 != " " }
      let letters = token.prefix { $0.isLetter }
      if ["and", "or", "nor", "to"].contains(letters.lowercased()) { continue }
      let stem = before.dropLast().reversed().prefix { $0.isLetter }
      let joined = String(stem.reversed()) + letters
      let dropHyphen = first.isLowercase && words.contains(joined.lowercased())
      lines[previous].text = (dropHyphen ? String(before.dropLast()) : before) + token
      lines[index].text = next.dropFirst(token.count).trimmed
    }
  }
}

extension StringProtocol {
  fileprivate var trimmed: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}

extension PDFLines {
  /// A header run printed over several columns (`positions`, left to right) split at its runs of
  /// spaces, a piece each, placed from its column's left edge (and, with `clippingWidth`, cut at
  /// its right edge); nil when it is over one column or its parts are not one a column.
  static func split(
    _ run: PDFLayout.Run, over positions: [Int], columns: [(left: Double, right: Double)], clippingWidth: Bool
  ) -> [(Int, PDFLayout.Run)]? {
    let parts = run.text.split(separator: "  ", omittingEmptySubsequences: true)
      .map { $0.trimmed }.filter { !$0.isEmpty }
    guard positions.count > 1, parts.count == positions.count else { return nil }
    return zip(parts, positions).map { part, position in
      var piece = run
      piece.pieces = [
        PDFLayout.Piece(
          text: part, italic: run.pieces.first?.italic ?? false, bold: run.pieces.first?.bold ?? false,
          link: nil)
      ]
      piece.left = max(run.left, columns[position].left)
      if clippingWidth { piece.width = min(run.right, columns[position].right) - piece.left }
      return (position, piece)
    }
  }

  /// The columns of a table: the horizontal extents of its cells merged where they overlap (and
  /// where they touch, with `joiningTouching`), left to right.
  static func columns(merging extents: [(left: Double, right: Double)], joiningTouching: Bool)
    -> [(left: Double, right: Double)]
  {
    var columns: [(left: Double, right: Double)] = []
    for extent in extents.sorted(by: { $0.left < $1.left }) {
      if let last = columns.last, extent.left < last.right || (joiningTouching && extent.left == last.right) {
        columns[columns.count - 1].right = max(last.right, extent.right)
      } else {
        columns.append(extent)
      }
    }
    return columns
  }
}
