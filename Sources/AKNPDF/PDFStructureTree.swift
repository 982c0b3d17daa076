/// The logical structure a tagged PDF declares (its structure tree: headings, paragraphs, tables
/// with their rows and cells, notes, lists), with the text of each element, as poppler's
/// `pdfinfo -struct-text` prints it: one element a line, two spaces of indentation a level, its
/// role first (`H1 (block)`, `TD`, `Note <Note 1> (inline)`), its text as a quoted line one level
/// below it, an attribute as a line starting with `/`, a reference to an annotation as
/// `Object 36 0`.
///
/// The tree is what the PDF's producer says its content is; akn's reading comes from the layout
/// (fonts and positions) and checks itself against the tree, or asks it where the layout leaves a
/// question. A PDF that is untagged, or whose tree is absent, malformed or deeper than
/// ``maximumDepth``, has no tree (nil), never an error.
package struct PDFStructureTree: Sendable, Hashable {
  /// An element of the tree, or a piece of its text.
  package struct Node: Sendable, Hashable {
    /// The element's structure type (`Document`, `H1`, `P`, `Table`, `TR`, `TD`, `Note`, `L`,
    /// `LI`, `Lbl`, `Link` …); empty for a piece of text.
    package var role: String
    /// The text of a piece of text; empty for an element.
    package var text: String
    /// The element's children (elements and pieces of text), in order.
    package var children: [Node]

    /// An element of `role` with `children`, or (`role` empty) a piece of `text`.
    package init(role: String, text: String = "", children: [Node] = []) {
      self.role = role
      self.text = text
      self.children = children
    }

    /// Whether it is a heading (`H`, `H1` … `H6`).
    package var isHeading: Bool {
      role == "H" || (role.count == 2 && role.hasPrefix("H") && role.last!.isWholeNumber)
    }

    /// The text of the element and everything in it, in order, spaces collapsed; `skipping`
    /// roles (with all they hold) left out.
    package func plainText(skipping: Set<String> = []) -> String {
      var pieces: [String] = []
      var stack: [Node] = [self]
      while let node = stack.popLast() {
        if node.role.isEmpty {
          pieces.append(node.text)
          continue
        }
        if skipping.contains(node.role) { continue }
        stack.append(contentsOf: node.children.reversed())
      }
      return pieces.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The elements of `roles` in it (itself included), in document order; the elements inside
    /// one found are not looked into when `nested` is false, nor those inside one of `skipping`.
    package func elements(_ roles: Set<String>, nested: Bool = false, skipping: Set<String> = []) -> [Node] {
      var found: [Node] = []
      var stack: [Node] = [self]
      while let node = stack.popLast() {
        if skipping.contains(node.role) { continue }
        if roles.contains(node.role) {
          found.append(node)
          if !nested { continue }
        }
        stack.append(contentsOf: node.children.reversed())
      }
      return found
    }

    /// The elements that are headings (``isHeading``), in document order.
    package var headings: [Node] {
      var found: [Node] = []
      var stack: [Node] = [self]
      while let node = stack.popLast() {
        if node.isHeading {
          found.append(node)
          continue
        }
        stack.append(contentsOf: node.children.reversed())
      }
      return found
    }

    /// A table's rows (`TR`, in its `THead`, `TBody`, `TFoot` or directly in it; not those of a
    /// table inside a cell), each its cells' (`TH`, `TD`) texts.
    package var rows: [[String]] { tableRows.map(\.cells) }

    /// A table's rows, as ``rows``, each with whether all its cells are headings (`TH`).
    package var tableRows: [(cells: [String], isHeader: Bool)] {
      var rows: [(cells: [String], isHeader: Bool)] = []
      var stack: [Node] = children.reversed()
      while let node = stack.popLast() {
        switch node.role {
        case "TR":
          let cells = node.children.filter { $0.role == "TD" || $0.role == "TH" }
          rows.append((cells.map { $0.plainText() }, !cells.isEmpty && cells.allSatisfy { $0.role == "TH" }))
        case "THead", "TBody", "TFoot":
          stack.append(contentsOf: node.children.reversed())
        default:
          break
        }
      }
      return rows
    }
  }

  /// The tree's root: the structure tree root, holding the top elements (`Document`).
  package var root: Node

  /// The deepest nesting accepted; a deeper tree is no tree (no genuine document nests so deep,
  /// and a hostile one would exhaust the stack of whatever walks it).
  package static let maximumDepth = 128

  /// The tree `pdfinfo -struct-text` printed; nil when it printed nothing (an untagged PDF) or
  /// what it printed is not a structure tree (a line that is no element, text, attribute or
  /// reference; a line indented more than one level below the one before; nesting deeper than
  /// ``maximumDepth``).
  package static func parse(_ output: [UInt8]) -> PDFStructureTree? {
    // The elements open at each level; stack[0] is the root (level -1).
    var stack: [Node] = [Node(role: "StructTreeRoot")]
    func close(to count: Int) {
      while stack.count > count {
        let node = stack.removeLast()
        stack[stack.count - 1].children.append(node)
      }
    }
    var openText: String?  // a text printed over several lines (a newline in it)
    var any = false
    var start = output.startIndex
    while start < output.endIndex {
      let end = output[start...].firstIndex(of: 0x0A) ?? output.endIndex
      let line = output[start..<end]
      start = end < output.endIndex ? end + 1 : end
      if var text = openText {
        let rest = String(decoding: line, as: UTF8.self)
        if rest.hasSuffix("\"") {
          text += " " + rest.dropLast()
          stack[stack.count - 1].children.append(Node(role: "", text: text))
          openText = nil
        } else {
          openText = text + " " + rest
        }
        continue
      }
      var spaces = 0
      for byte in line {
        guard byte == 0x20 else { break }
        spaces += 1
      }
      let content = line.dropFirst(spaces)
      if content.isEmpty { continue }
      guard let first = content.first else { continue }
      // An attribute of the element above ("  /ColSpan 2"), a reference to an annotation, a
      // content without text: nothing of the tree's shape or text.
      if first == UInt8(ascii: "/") || content.starts(with: Array("Object ".utf8))
        || content.starts(with: Array("(No content".utf8))
      {
        continue
      }
      let level = spaces / 2
      guard spaces % 2 == 0, level <= maximumDepth, level <= stack.count - 1 else { return nil }
      if first == UInt8(ascii: "\"") {
        // A piece of text of the element one level up.
        guard level >= 1, level <= stack.count - 1 else { return nil }
        close(to: level + 1)
        let text = String(decoding: content.dropFirst(), as: UTF8.self)
        if content.count >= 2, text.hasSuffix("\"") {
          stack[stack.count - 1].children.append(Node(role: "", text: String(text.dropLast())))
        } else {
          openText = text
        }
        continue
      }
      // An element: its role, then its ID, title, revision, "(block)" or "(inline)", ':'.
      let role = String(decoding: content.prefix { $0 != 0x20 && $0 != UInt8(ascii: ":") }, as: UTF8.self)
      guard !role.isEmpty, role.utf8.count <= 64,
        role.unicodeScalars.allSatisfy({
          $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        })
      else { return nil }
      close(to: level + 1)
      stack.append(Node(role: role))
      any = true
    }
    if let text = openText { stack[stack.count - 1].children.append(Node(role: "", text: text)) }
    close(to: 1)
    return any ? PDFStructureTree(root: stack[0]) : nil
  }
}
