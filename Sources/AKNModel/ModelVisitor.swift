/// Where a text block stands in the document, as ``Resolution/updatePlacedTextBlocks(_:)`` tells a pass that
/// treats some places apart (the footnote linker: no markers in tables or notes; a closing line's
/// meeting number).
public enum TextBlockPlace: Sendable, Hashable {
  /// A line of the preface (symbol, title, adoption line).
  case preface
  /// The enacting formula.
  case formula
  /// A paragraph's or clause's own text, a point's, a quoted paragraph's, a wrap-up.
  case text
  /// A section's or article's heading.
  case heading
  /// A cell, a line or a note of a table.
  case table
  /// A closing line (meeting, date).
  case conclusion
  /// A heading line of an attachment (its number, title).
  case attachmentHeading
  /// A footnote's text.
  case footnote
}

extension Resolution {
  /// Calls `visit` on every text block of the document in the order it is printed (the preface,
  /// the formula, the preamble, the body, the closing lines, the attachments, then the notes),
  /// letting it change each block: one walk of the model for the passes that touch every text.
  ///
  /// In a block: its text, its table (rows, lines, notes at their markers, other notes), its quoted paragraphs, its points,
  /// its wrap-up; in a section: its heading, its intro, its items; in an attachment: its
  /// heading lines, its preamble, its items, its closing (as text).
  public mutating func updateTextBlocks(_ visit: (inout TextBlock) -> Void) {
    updatePlacedTextBlocks { text, _ in visit(&text) }
  }

  /// ``updateTextBlocks(_:)``, telling `visit` where each block stands.
  public mutating func updatePlacedTextBlocks(_ visit: (inout TextBlock, TextBlockPlace) -> Void) {
    for index in preface.indices { visit(&preface[index].text, .preface) }
    if formula != nil { visit(&formula!, .formula) }
    for index in preamble.indices { Self.update(&preamble[index], visit) }
    for index in body.indices { Self.update(&body[index], visit) }
    for index in conclusions.indices { visit(&conclusions[index].text, .conclusion) }
    for index in attachments.indices {
      for line in attachments[index].heading.indices {
        visit(&attachments[index].heading[line], .attachmentHeading)
      }
      for block in attachments[index].preamble.indices {
        Self.update(&attachments[index].preamble[block], visit)
      }
      for item in attachments[index].items.indices { Self.update(&attachments[index].items[item], visit) }
      for line in attachments[index].conclusions.indices {
        visit(&attachments[index].conclusions[line], .text)
      }
    }
    for index in footnotes.indices { visit(&footnotes[index].text, .footnote) }
  }

  /// Calls `visit` on every text block of the document, in the order of ``updateTextBlocks(_:)``.
  public func forEachTextBlock(_ visit: (TextBlock) -> Void) {
    var copy = self
    copy.updateTextBlocks { visit($0) }
  }

  private static func update(_ block: inout Block, _ visit: (inout TextBlock, TextBlockPlace) -> Void) {
    visit(&block.text, .text)
    if block.table != nil {
      for row in block.table!.rows.indices {
        for cell in block.table!.rows[row].indices { visit(&block.table!.rows[row][cell], .table) }
      }
      for line in block.table!.lines.indices { visit(&block.table!.lines[line], .table) }
      for note in block.table!.footnotes.indices { visit(&block.table!.footnotes[note].text, .table) }
      for note in block.table!.notes.indices { visit(&block.table!.notes[note], .table) }
    }
    for index in block.quoted.indices { update(&block.quoted[index], visit) }
    for index in block.children.indices { update(&block.children[index], visit) }
    if block.wrapUp != nil { visit(&block.wrapUp!, .text) }
  }

  private static func update(_ item: inout BodyItem, _ visit: (inout TextBlock, TextBlockPlace) -> Void) {
    switch item {
    case .paragraph(var block):
      update(&block, visit)
      item = .paragraph(block)
    case .section(var section):
      if section.heading != nil { visit(&section.heading!, .heading) }
      for index in section.intro.indices { update(&section.intro[index], visit) }
      for index in section.items.indices { update(&section.items[index], visit) }
      item = .section(section)
    }
  }
}

extension Resolution {
  /// Calls `visit` on every table of the document (in its preamble, body and attachments), in
  /// the order printed, letting it change each: one walk for the passes that read tables again.
  public mutating func updateTables(_ visit: (inout Table) -> Void) {
    func update(_ block: inout Block) {
      if block.table != nil { visit(&block.table!) }
      for index in block.children.indices { update(&block.children[index]) }
      for index in block.quoted.indices { update(&block.quoted[index]) }
    }
    func update(_ item: inout BodyItem) {
      switch item {
      case .paragraph(var block):
        update(&block)
        item = .paragraph(block)
      case .section(var section):
        for index in section.intro.indices { update(&section.intro[index]) }
        for index in section.items.indices { update(&section.items[index]) }
        item = .section(section)
      }
    }
    for index in preamble.indices { update(&preamble[index]) }
    for index in body.indices { update(&body[index]) }
    for attachment in attachments.indices {
      for index in attachments[attachment].preamble.indices {
        update(&attachments[attachment].preamble[index])
      }
      for index in attachments[attachment].items.indices { update(&attachments[attachment].items[index]) }
    }
  }

  /// Every table of the document (in its preamble, body and attachments), in the order printed.
  public var tables: [Table] {
    var found: [Table] = []
    func visit(_ block: Block) {
      if let table = block.table { found.append(table) }
      block.quoted.forEach(visit)
      block.children.forEach(visit)
    }
    func visit(_ item: BodyItem) {
      switch item {
      case .paragraph(let block): visit(block)
      case .section(let section):
        section.intro.forEach(visit)
        section.items.forEach(visit)
      }
    }
    preamble.forEach(visit)
    body.forEach(visit)
    for attachment in attachments {
      attachment.preamble.forEach(visit)
      attachment.items.forEach(visit)
    }
    return found
  }
}
