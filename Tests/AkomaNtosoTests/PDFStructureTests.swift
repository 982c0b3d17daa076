import Foundation
import Testing

@testable import AKNPDF
@testable import AKNXML
@testable import AkomaNtoso

/// A tagged PDF's structure tree (`pdfinfo -struct-text`): read into a value tree, never an
/// error; and akn's reading of the dev PDFs, made from their layout, checked against it.
struct PDFStructureTests {
  /// What `pdfinfo -struct-text` prints for a tagged resolution (made-up text): a masthead table,
  /// headings, a paragraph with a link and a note, a table with a header, a list.
  static let fragment = """
    Document
      Table (block)
        TBody
          TR
            TD
              P (block)
                Span (inline)
                  "Eightieth session"
            TD
              P (block)
                Span (inline)
                  " "
      H1 (block)
        Span (inline)
          "Resolution adopted by the General Assembly on 1 March 2026"
      H2 <H2 7> "A title" r2 (block)
        Span (inline)
          "I. "
        Span (inline)
          "Arrangements"
      P (block)
        Span (inline)
          "Recalling its resolution "
        Link (inline)
          Object 36 0
          Span (inline)
            "80/1"
        Span (inline)
          ",1 "
      Note <Note 1> (inline)
        P (block)
          Span (inline)
            "1 "
          Span (inline)
            "See A/80/1."
      Table (block):
         /BBox [0 0 10 10]
        THead
          TR
            TH
              P (block)
                "Post"
            TH
              P (block)
                "Number"
        TBody
          TR
            TD
              P (block)
                "Officer"
            TD
              P (block)
                (No content?)
                "2"
      L (block)
        LI (block)
          Lbl (inline)
            "(a)"
          LBody (block)
            "to report;"

    """

  @Test("the tree's elements, texts, table rows, notes and list labels, whatever else a line holds")
  func parsesTheTree() throws {
    let tree = try #require(PDFStructureTree.parse(Array(Self.fragment.utf8)))
    #expect(tree.root.children.map(\.role) == ["Document"])
    #expect(
      tree.root.headings.map { $0.plainText() } == [
        "Resolution adopted by the General Assembly on 1 March 2026", "I. Arrangements",
      ])
    #expect(tree.root.headings.map(\.role) == ["H1", "H2"])
    let tables = tree.root.elements(["Table"])
    #expect(tables.count == 2)
    #expect(tables[0].rows == [["Eightieth session", ""]])
    #expect(tables[1].rows == [["Post", "Number"], ["Officer", "2"]])
    let paragraph = try #require(tree.root.elements(["P"]).first { $0.plainText().hasPrefix("Recalling") })
    #expect(paragraph.plainText() == "Recalling its resolution 80/1,1")
    #expect(tree.root.elements(["Note"]).map { $0.plainText() } == ["1 See A/80/1."])
    #expect(tree.root.elements(["Lbl"]).map { $0.plainText() } == ["(a)"])
    // A note inside a heading is left out of the heading's text on request.
    let withNote = try #require(
      PDFStructureTree.parse(
        Array("Document\n  H2\n    \"Observers\"\n    Note\n      \"16 For the rules.\"\n".utf8)))
    #expect(withNote.root.headings[0].plainText(skipping: ["Note"]) == "Observers")
  }

  @Test("a text with a newline in it goes on over its lines; an untagged PDF's empty output is no tree")
  func textOverLines() throws {
    let tree = try #require(
      PDFStructureTree.parse(
        Array("Document\n  P\n    \"first line\nsecond line\"\n  P\n    \"next\"\n".utf8)))
    #expect(tree.root.elements(["P"]).map { $0.plainText() } == ["first line second line", "next"])
    #expect(PDFStructureTree.parse([]) == nil)
    #expect(PDFStructureTree.parse(Array("\n\n".utf8)) == nil)
  }

  @Test(
    "hostile output: too deep, an indentation jump, an odd indent, garbage are no tree; a huge line is read")
  func hostileOutput() throws {
    func nested(_ depth: Int) -> [UInt8] {
      var text = ""
      for level in 0..<depth { text += String(repeating: "  ", count: level) + "Div\n" }
      return Array(text.utf8)
    }
    #expect(PDFStructureTree.parse(nested(PDFStructureTree.maximumDepth + 1)) != nil)
    #expect(PDFStructureTree.parse(nested(PDFStructureTree.maximumDepth + 2)) == nil)
    #expect(PDFStructureTree.parse(nested(2_000)) == nil)
    #expect(PDFStructureTree.parse(Array("Document\n      P\n".utf8)) == nil)
    #expect(PDFStructureTree.parse(Array("Document\n   P\n".utf8)) == nil)
    #expect(PDFStructureTree.parse(Array("Document\n  <html>\n".utf8)) == nil)
    #expect(PDFStructureTree.parse(Array("\"text before any element\"\n".utf8)) == nil)
    #expect(PDFStructureTree.parse([0xFF, 0xFE, 0x00, 0x0A]) == nil)
    let long = String(repeating: "word ", count: 1_000_000)
    let tree = try #require(PDFStructureTree.parse(Array("Document\n  P\n    \"\(long)\"\n".utf8)))
    #expect(tree.root.elements(["P"]).first?.plainText().count == long.count - 1)
    // A text never closed runs to the end, and is kept.
    let open = try #require(PDFStructureTree.parse(Array("Document\n  P\n    \"no end\n  H1\n".utf8)))
    #expect(open.root.elements(["P"]).first?.plainText() == "no end H1")
  }

  @Test("the tool: no program, no PDF, an untagged PDF give no tree; a tagged one its tree")
  func tool() throws {
    var missing = PDFTool()
    missing.structureProgram = "akn-no-such-program"
    #expect(missing.structureTree(Array("%PDF-1.7\n".utf8)) == nil)
    #expect(PDFTool().structureTree(Array("not a PDF at all".utf8)) == nil)
    guard Fixtures.shared != nil, PDFStructureTests.pdfinfo else { return }
    let folder = Fixtures.shared!.appendingPathComponent("corpus/dev-pdf")
    let tagged = try Fixtures.bytes(folder.appendingPathComponent("A_RES_78_249.pdf"))
    let tree = try #require(PDFTool().structureTree(tagged))
    #expect(tree.root.elements(["Table"]).count == 2)
    var piped = PDFTool()
    piped.route = .pipe
    #expect(piped.structureTree(tagged) == tree)
    #expect(
      PDFTool().structureTree(try Fixtures.bytes(folder.appendingPathComponent("A_RES_78_212.pdf"))) == nil)
    // Cut short: poppler fails, which is no tree, not an error.
    #expect(PDFTool().structureTree(Array(tagged.prefix(500))) == nil)
  }

  @Test(
    "a table kept line by line takes the rows of the tree's tables whose text its lines are, and no others")
  func treeTables() throws {
    let tree = try #require(
      PDFStructureTree.parse(
        Array(
          """
          Document
            P
              "Approves the posts below:"
            H2
              "A. Offices"
            Table
              TR
                TH
                  "Post"
                TH
                  "Number"
              TR
                TD
                TD
              TR
                TD
                  "Senior Officer"
                TD
                  "2"
            P
              "Abbreviations: none."
            Table
              TR
                TD
                  "Clerk"
                TD
                  "1"

          """.utf8)))
    let items = PDFTreeTables.items(tree)
    func lines(_ texts: [String]) -> AKNModel.Table {
      AKNModel.Table(rows: [], lines: texts.map { TextBlock($0, line: 7) }, line: 7)
    }
    let found = try #require(
      PDFTreeTables.rows(of: lines(["A. Offices", "Post", "Number", "Senior", "Officer", "2"]), items: items))
    #expect(
      found.rows.map { $0.map(\.plainText) } == [
        ["A. Offices", ""], ["Post", "Number"], ["Senior Officer", "2"],
      ])
    #expect(found.header == 2)
    // The paragraph between the two tables ends a match; text that is no run of tables matches none.
    #expect(
      PDFTreeTables.rows(
        of: lines(["A. Offices", "Post", "Number", "Senior Officer", "2", "Clerk", "1"]), items: items)
        == nil)
    #expect(PDFTreeTables.rows(of: lines(["Clerk", "1"]), items: items)?.rows.count == 1)
    #expect(PDFTreeTables.rows(of: lines(["Post", "Number", "Senior Officer", "3"]), items: items) == nil)
  }

  /// Whether poppler's pdfinfo is on the PATH.
  static var pdfinfo: Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/pdfinfo")
    }
  }
}

/// akn's reading of every tagged dev PDF against the PDF's own structure tree: every `Table` of
/// the tree (the masthead's aside) is a `<table>` with the same rows and cells (a table the tree
/// splits at a page break may be one); every heading (`H1` … `H6`) after the masthead is a
/// heading, title, number or cross-heading of the XML (or part of its preface or closing lines),
/// never inside a body `<p>`; every `Note` is an `authorialNote` with its marker; every list
/// item's label (`LI`/`Lbl`) is a `num`. The misses are listed; the ones where akn's reading is
/// right are named, with why.
@Suite(
  .enabled(
    if: Fixtures.shared != nil && PDFDamageTests.pdftohtml != nil && PDFStructureTests.pdfinfo,
    "../shared/corpus, pdftohtml or pdfinfo is absent: the structure tree cross-check is skipped"))
struct PDFStructureCrossCheckTests {
  /// A dev PDF read both ways.
  struct Document: Sendable {
    var name: String
    var tree: PDFStructureTree
    var xml: [UInt8]
  }

  /// The tagged dev PDFs (40 of 42), each tree asked once for the whole test run (some 0.6 s of
  /// processor time each).
  static let documents: [Document] = {
    let folder = Fixtures.shared!.appendingPathComponent("corpus/dev-pdf")
    var documents: [Document] = []
    for name in (try? PDFCorpusTests.pdfs()) ?? [] {
      let url = folder.appendingPathComponent("\(name).pdf")
      guard let bytes = try? Fixtures.bytes(url), let tree = PDFTool().structureTree(bytes),
        let xml = try? PDFCorpusTests.convert(url).xml
      else { continue }
      documents.append(Document(name: name, tree: tree, xml: xml))
    }
    return documents
  }()

  /// The text with all white space taken out: what the comparisons compare (a marker set
  /// against its word or apart, a line's end, are the same text).
  static func squeezed(_ text: String) -> String {
    String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{00AD}" }.map(Character.init))
  }

  /// The XML's parts the checks need.
  struct AKN {
    /// The texts of headings, titles, numbers, cross-headings, a number and its heading
    /// together; a note in them as its marker.
    var headings: [String] = []
    /// The texts of the preface's and the closing's (`conclusions`) paragraphs.
    var prefaceAndClosing: [String] = []
    /// The texts of the body's `p` (preamble, main body, an annex's).
    var bodyParagraphs: [String] = []
    /// The notes: marker and text.
    var notes: [(marker: String, text: String)] = []
    /// Every table's rows, each its cells' texts (a note in a cell as its marker).
    var tables: [[[String]]] = []
    /// Every `num`.
    var nums: Set<String> = []
  }

  static func read(_ xml: [UInt8]) throws -> AKN {
    let tree = try XMLTree.parse(xml)
    let root = try #require(tree.root)
    /// The element's text, an `authorialNote` or a `noteRef` as its marker (or left out).
    func text(_ element: XMLElementHandle, notesAsMarkers: Bool = true) -> String {
      var result = ""
      var inNote = 0
      var first = true
      tree.walk(element) { content in
        switch content {
        case .start(let element):
          // The element itself, even a note, is read.
          if first {
            first = false
            return
          }
          if tree.name(of: element) == "authorialNote" {
            if inNote == 0, notesAsMarkers { result += tree.attribute("marker", of: element) ?? "" }
            inNote += 1
          }
          // A table's note cited again: its marker.
          if tree.name(of: element) == "noteRef", inNote == 0, notesAsMarkers {
            result += tree.attribute("marker", of: element) ?? ""
          }
        case .end(let element):
          if tree.name(of: element) == "authorialNote", inNote > 0 { inNote -= 1 }
        case .text(let text):
          if inNote == 0 { result += text }
        }
      }
      return squeezed(result)
    }
    var akn = AKN()
    var bodies: [XMLElementHandle] = []
    var places: [XMLElementHandle] = []
    tree.forEachElement(under: root) { element, _ in
      switch tree.name(of: element) {
      case "heading", "subheading", "num", "docTitle", "docNumber", "crossHeading":
        akn.headings.append(text(element))
        if tree.name(of: element) == "num" { akn.nums.insert(text(element)) }
      case "preface", "conclusions":
        places.append(element)
      case "preamble", "mainBody":
        bodies.append(element)
      case "authorialNote":
        akn.notes.append((tree.attribute("marker", of: element) ?? "", text(element, notesAsMarkers: false)))
      case "table":
        var rows: [[String]] = []
        tree.forEachElement(under: element) { row, _ in
          guard tree.name(of: row) == "tr" else { return }
          rows.append(
            tree.children(of: row).filter { ["td", "th"].contains(tree.name(of: $0)) }.map { text($0) })
        }
        akn.tables.append(rows)
      default:
        let children = tree.children(of: element)
        if let num = children.first(where: { tree.name(of: $0) == "num" }),
          let heading = children.first(where: { tree.name(of: $0) == "heading" })
        {
          akn.headings.append(text(num) + text(heading))
        }
      }
    }
    for place in places {
      tree.forEachElement(under: place) { element, _ in
        if tree.name(of: element) == "p" { akn.prefaceAndClosing.append(text(element)) }
      }
    }
    for body in bodies {
      tree.forEachElement(under: body) { element, _ in
        if tree.name(of: element) == "p" { akn.bodyParagraphs.append(text(element)) }
      }
    }
    return akn
  }

  /// The tree's headings and tables in document order, after its masthead (what comes before
  /// the heading "Resolution adopted by …" or "Decision adopted by …").
  static func afterMasthead(_ tree: PDFStructureTree) -> [PDFStructureTree.Node] {
    let all = tree.root.elements(["Table", "H", "H1", "H2", "H3", "H4", "H5", "H6"])
    guard
      let start = all.firstIndex(where: { node in
        let text = node.plainText()
        return node.isHeading
          && (text.hasPrefix("Resolution adopted by") || text.hasPrefix("Decision adopted by"))
      })
    else { return all }
    return Array(all[start...])
  }

  /// Headings of the tree that akn reads otherwise, rightly: by document and squeezed text.
  static let namedHeadings: [String: [String: String]] = [
    "A_RES_78_3": [
      squeezed("As a follow-up to the present political declaration, we:"):
        "a bold line ending in a colon: the sentence the paragraphs after it complete (\"we: 77. Request …\"), kept as their lead-in paragraph, as in 78/4 (whose tree tags the same line P) and as the text forms read it"
    ],
    "A_RES_78_253": [
      squeezed("A. Pension Administration"):
        "the lettered sub-heading printed over a staffing table's column headings is the table's first header row (th): its part of the one table the paragraph approves, which a heading cannot sit inside",
      squeezed("B. Office of Investment Management"):
        "the lettered sub-heading of the table's second part: a header row (th) of the one table, as A.",
    ],
  ]

  /// Rows of the tree's tables that akn reads otherwise, rightly: by document, the tree's rows
  /// (squeezed cells, empty rows left out) and akn's.
  static let namedRows: [String: (tree: [[String]], akn: [[String]], why: String)] = [
    "A_RES_78_249": (
      tree: [["", "Gross", "", "Netofstaffassessment"]],
      akn: [["", "Gross", "Netofstaffassessment"]],
      why:
        "the tree gives the first header row a fourth, empty cell between the two amount columns' headings, a column the print does not have (the table's rows have three cells in both); the unit line under both headings is a header row of its own in both, one cell over the two columns (akn's th colspan=\"2\")"
    )
  ]

  @Test("every table of the tree is a table of akn's XML, row by row and cell by cell")
  func tables() throws {
    #expect(Self.documents.count == 40)
    var misses: [String] = []
    var compared = 0
    var namedMet: Set<String> = []
    for document in Self.documents {
      let akn = try Self.read(document.xml)
      let items = Self.afterMasthead(document.tree)
      let headings = Set(items.filter(\.isHeading).map { Self.squeezed($0.plainText(skipping: ["Note"])) })
      let tree = items.filter { $0.role == "Table" }.flatMap(\.rows).map { $0.map(Self.squeezed) }
        .filter { $0.contains { !$0.isEmpty } }
      var ours = akn.tables.flatMap { $0 }.filter { $0.contains { !$0.isEmpty } }
      compared += tree.count
      // A sub-heading of the tree (a heading outside its tables) that akn keeps as a row.
      ours.removeAll { row in
        let filled = row.filter { !$0.isEmpty }
        return filled.count == 1 && row.first == filled.first && headings.contains(filled[0])
          && Self.namedHeadings[document.name]?[filled[0]] != nil
      }
      let (missing, extra) = Self.difference(tree, ours)
      if missing.isEmpty, extra.isEmpty { continue }
      if let named = Self.namedRows[document.name], named.tree == missing, named.akn == extra {
        namedMet.insert(document.name)
        continue
      }
      misses.append(
        "\(document.name): tree rows not in akn's tables \(missing); akn's rows not in the tree \(extra)")
    }
    print("PDF structure tree: \(compared) table rows compared, \(misses.count) documents with misses")
    #expect(compared >= 100)
    #expect(namedMet == Set(Self.namedRows.keys), "a named table difference no longer met: drop its name")
    #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
  }

  @Test("every heading of the tree is a heading, title or number of akn's XML, never inside a body <p>")
  func headings() throws {
    var misses: [String] = []
    var compared = 0
    var named: Set<String> = []
    for document in Self.documents {
      let akn = try Self.read(document.xml)
      for heading in Self.afterMasthead(document.tree) where heading.isHeading {
        let text = Self.squeezed(heading.plainText(skipping: ["Note"]))
        guard !text.isEmpty else { continue }
        compared += 1
        if akn.headings.contains(where: { $0.contains(text) })
          || akn.prefaceAndClosing.contains(where: { $0.contains(text) })
        {
          continue
        }
        if Self.namedHeadings[document.name]?[text] != nil {
          named.insert("\(document.name) \(text)")
          continue
        }
        let place = akn.bodyParagraphs.contains { $0.contains(text) } ? "inside a body <p>" : "not found"
        misses.append("\(document.name) \(heading.role) \(place): \(heading.plainText(skipping: ["Note"]))")
      }
    }
    print("PDF structure tree: \(compared) headings compared, \(misses.count) misses, \(named.count) named")
    #expect(compared > 600)
    // Every named heading is still read otherwise (else its name goes).
    let names = Self.namedHeadings.flatMap { document, texts in texts.keys.map { "\(document) \($0)" } }
    #expect(named == Set(names))
    #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
  }

  @Test("every note of the tree is an authorialNote with its marker; every list label a num")
  func notesAndLists() throws {
    var misses: [String] = []
    var notes = 0
    var labels = 0
    for document in Self.documents {
      let akn = try Self.read(document.xml)
      for note in document.tree.root.elements(["Note"]) {
        // A note element holds the notes of a page, a paragraph each (or the rest of one).
        for paragraph in note.elements(["P"]) {
          let text = paragraph.plainText()
          guard !text.isEmpty else { continue }
          notes += 1
          let words = text.split(separator: " ", maxSplits: 1).map(String.init)
          let marked =
            words.count == 2 && (words[0].allSatisfy(\.isNumber) || words[0].allSatisfy { $0 == "*" })
          let body = Self.squeezed(marked ? words[1] : text)
          let found = akn.notes.contains { ($0.marker == words[0] || !marked) && $0.text.contains(body) }
          if !found { misses.append("\(document.name) note: \(text)") }
        }
      }
      for item in document.tree.root.elements(["LI"]) {
        guard let label = item.elements(["Lbl"]).first.map({ Self.squeezed($0.plainText()) }), !label.isEmpty
        else { continue }
        labels += 1
        if !akn.nums.contains(label) { misses.append("\(document.name) list label: \(label)") }
      }
    }
    print("PDF structure tree: \(notes) notes and \(labels) list labels compared, \(misses.count) misses")
    #expect(notes >= 280)
    #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
  }

  /// The rows of `a` not in `b` and of `b` not in `a`, after their longest common sequence.
  static func difference(_ a: [[String]], _ b: [[String]]) -> (missing: [[String]], extra: [[String]]) {
    var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var missing: [[String]] = []
    var extra: [[String]] = []
    var (i, j) = (0, 0)
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        i += 1
        j += 1
      } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
        extra.append(b[j])
        j += 1
      } else {
        missing.append(a[i])
        i += 1
      }
    }
    return (missing, extra)
  }
}

/// Where the layout cannot decide a table's columns, the tree gives its rows and cells.
@Suite(
  .enabled(
    if: Fixtures.shared != nil && PDFDamageTests.pdftohtml != nil && PDFStructureTests.pdfinfo,
    "../shared/corpus, pdftohtml or pdfinfo is absent: the structure tree's tables are not tested"))
struct PDFTreeTablesTests {
  static func tables(_ reading: Reading) -> [AKNModel.Table] {
    reading.resolution.tables
  }

  @Test(
    "78/253's staffing tables, their position reading turned off, kept line by line; the tree gives the same rows and cells"
  )
  func treeGivesTheCells() throws {
    let url = Fixtures.shared!.appendingPathComponent("corpus/dev-pdf/A_RES_78_253.pdf")
    let bytes = try Fixtures.bytes(url)
    let byPositions = try PDFForm().read(ReaderInput(bytes: bytes))
    var form = PDFForm()
    form.readsTableColumns = false
    // Without the tree (no pdfinfo): the tables the positions read are kept line by line, warned.
    var noTree = form
    noTree.tool.structureProgram = "akn-no-such-program"
    let undecided = try noTree.read(ReaderInput(bytes: bytes))
    #expect(undecided.report.warnings.filter { $0.rule == RuleID.structureTable }.count == 2)
    #expect(Self.tables(undecided).filter(\.rows.isEmpty).count == 2)
    // With it: the tree's rows and cells, the same as the positions give; the warnings notes.
    let fromTree = try form.read(ReaderInput(bytes: bytes))
    #expect(fromTree.report.warnings.filter { $0.rule == RuleID.structureTable }.isEmpty)
    let notes = fromTree.report.warnings.filter { $0.rule == RuleID.pdfTableFromTree }
    #expect(notes.count == 2)
    #expect(notes.allSatisfy { $0.severity == .note && $0.message.contains("structure tree") })
    let expected = Self.tables(byPositions).map { $0.rows.map { $0.map(\.plainText) } }
    let found = Self.tables(fromTree).map { $0.rows.map { $0.map(\.plainText) } }
    #expect(found == expected)
    #expect(Self.tables(fromTree).map(\.headerRows) == Self.tables(byPositions).map(\.headerRows))
  }
}
