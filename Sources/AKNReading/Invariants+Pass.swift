import AKNModel

extension Invariants {
  /// What one scan of a text's bytes tells the checks of ``TextChecks``: each check reads the
  /// words of a text only when these say that it may warn.
  struct TextFacts {
    /// The words (runs of bytes between spaces and tabs), and those holding an ASCII letter.
    var tokens = 0
    var lettered = 0
    /// A word ends in digits (then only closing punctuation) and holds a letter (or a byte of a
    /// non-ASCII character) before them, or ends in five digits or more: a year and a marker.
    var mayHoldGluedMarker = false
    /// The end of a sentence or clause (`.`, `;`, `:`, `!`, `?`), a space and a capital: where a
    /// label inside the text (``Invariants/innerLabel(_:)``) may stand.
    var mayHoldInnerLabel = false
    /// The first byte, the first and the last that are not a space or a tab.
    var first: UInt8?
    var firstNonBlank: UInt8?
    var lastNonBlank: UInt8?

    /// The facts of `text`'s bytes, in one pass.
    init(_ text: String) {
      var text = text
      self = text.withUTF8 { Self(bytes: $0) }
    }

    /// The facts of UTF-8 `bytes`, in one pass. The counts are locals of this initializer (none
    /// captured by a closure, so that they stay in registers), the properties set once, at the end.
    init(bytes: UnsafeBufferPointer<UInt8>) {
      var tokens = 0
      var lettered = 0
      var glued = false
      var innerLabel = false
      var firstNonBlank: UInt8?
      var lastNonBlank: UInt8?
      do {
        let count = bytes.count
        // The word under way: whether it holds an ASCII letter, a byte of a non-ASCII character.
        var inWord = false
        var hasLetter = false
        var hasOther = false
        // Its last run of digits: whether the bytes since it are closing punctuation only, its
        // length, and whether a letter stands before it in the word.
        var inDigits = false
        var digitsEndWord = false
        var digits = 0
        var letterBeforeDigits = false
        var index = 0
        while index < count {
          let byte = bytes[index]
          if (byte | 0x20) &- 0x61 < 26 {
            // An ASCII letter, the most frequent byte.
            inWord = true
            hasLetter = true
            inDigits = false
            digitsEndWord = false
            // A capital after the end of a sentence and a space.
            if byte <= 0x5A, index >= 2, bytes[index &- 1] == 0x20 {
              switch bytes[index &- 2] {
              case 0x2E, 0x3B, 0x3A, 0x21, 0x3F: innerLabel = true
              default: break
              }
            }
            // The letters after it in its run change nothing (none follows a space): skipped.
            index = Invariants.lastLetterOfRun(bytes, from: index)
          } else if byte == 0x20 || byte == 0x09 {
            if inWord {
              tokens &+= 1
              if hasLetter { lettered &+= 1 }
              if digitsEndWord, letterBeforeDigits || digits >= 5 { glued = true }
              inWord = false
              hasLetter = false
              hasOther = false
              inDigits = false
              digitsEndWord = false
            }
          } else if byte &- 0x30 < 10 {
            inWord = true
            if !inDigits {
              inDigits = true
              digits = 0
              letterBeforeDigits = hasLetter || hasOther
            }
            digits &+= 1
            digitsEndWord = true
          } else {
            inWord = true
            inDigits = false
            switch byte {
            case 0x2C, 0x2E, 0x3B, 0x3A, 0x29, 0x5D, 0x22, 0x27:
              // Closing punctuation (`,.;:)]"'`) may follow a marker in its word.
              break
            default:
              digitsEndWord = false
              if byte >= 0x80 { hasOther = true }
            }
          }
          index &+= 1
        }
        if inWord {
          tokens &+= 1
          if hasLetter { lettered &+= 1 }
          if digitsEndWord, letterBeforeDigits || digits >= 5 { glued = true }
        }
        var start = 0
        while start < count, bytes[start] == 0x20 || bytes[start] == 0x09 { start &+= 1 }
        if start < count {
          firstNonBlank = bytes[start]
          var end = count &- 1
          while bytes[end] == 0x20 || bytes[end] == 0x09 { end &-= 1 }
          lastNonBlank = bytes[end]
        }
      }
      first = bytes.first
      self.tokens = tokens
      self.lettered = lettered
      mayHoldGluedMarker = glued
      mayHoldInnerLabel = innerLabel
      self.firstNonBlank = firstNonBlank
      self.lastNonBlank = lastNonBlank
    }
  }

  /// The index of the last ASCII letter of the run of them that starts at `index` (a letter) in
  /// `bytes`: eight bytes at a time while eight follow (``ByteWords/asciiLetters(_:)``, the
  /// per-byte test `(byte | 0x20) &- 0x61 < 26`), one at a time at the end.
  @inline(__always)
  static func lastLetterOfRun(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
    let count = bytes.count
    var index = index
    // The eight bytes after `index` lie inside `bytes` (`index + 8 < count`): the load reads
    // bytes `index + 1 ... index + 8` of the buffer, no byte beyond it.
    while index &+ 8 < count {
      let eight = ByteWords.load(UnsafeRawBufferPointer(bytes), at: index &+ 1)
      let others = ~ByteWords.asciiLetters(eight) & ByteWords.high
      if others != 0 { return index &+ ByteWords.firstIndex(others) }
      index &+= 8
    }
    while index &+ 1 < count, (bytes[index &+ 1] | 0x20) &- 0x61 < 26 { index &+= 1 }
    return index
  }

  /// The checks of the texts (clause places, labels in text, glued markers, paragraphs of
  /// numbers, notes in text) in one walk of the model, each text's bytes scanned once
  /// (``TextFacts``) for all of them. Each check's warnings are in document order, as its own
  /// walk would give them: preface, preamble, body, attachments; in a block its text, its points,
  /// its wrap-up.
  struct TextChecks {
    private(set) var clausePlaces: [Diagnostic] = []
    private(set) var labelsInText: [Diagnostic] = []
    private(set) var mostlyNumbers: [Diagnostic] = []
    private(set) var notesInText: [Diagnostic] = []
    private(set) var gluedMarkers: [Diagnostic] = []

    /// The notes numbered with digits (the glued-marker check's), and the lines of those whose
    /// marker was found nowhere (a `footnote.unmatched` warning).
    private let numberedNotes: [Footnote]
    /// The indices in ``numberedNotes`` of each marker: a word's endings are looked up, not
    /// compared with every note (which made the check grow with words × notes).
    private let notesByMarker: NotesByMarker
    private let unmatchedLines: Set<Int>
    private let markers: Set<String>
    /// The texts the glued-marker check reads (its vocabulary), and the words it suspects.
    private var gluedTexts: [String] = []
    private var candidates: [GluedCandidate] = []

    /// Where a block stands, which decides the checks it passes.
    private enum Region {
      /// The preamble and the operative part: every check.
      case main
      /// An annex: not the clause places, not the notes in text.
      case attachment
    }

    /// What the clause-place check reads a top-level block as.
    private enum ClauseRole {
      case none
      /// The `index`th block of a preamble (`ownFormula`: a part's).
      case preamble(index: Int, ownFormula: Bool)
      case operative
    }

    /// Runs every check of the texts of `resolution`; `existing` are the reading's warnings so far.
    init(_ resolution: Resolution, warnings existing: [Diagnostic]) {
      numberedNotes = resolution.footnotes.filter { $0.marker.allSatisfy(\.isASCIIDigit) }
      notesByMarker = NotesByMarker(numberedNotes)
      unmatchedLines =
        numberedNotes.isEmpty
        ? [] : Set(existing.filter { $0.rule == .footnoteUnmatched }.compactMap(\.line))
      markers = Set(resolution.footnotes.map(\.marker))
      for line in resolution.preface { glued(line.text, plain(line.text)) }
      for (index, block) in resolution.preamble.enumerated() {
        visit(block, region: .main, underHeading: false, role: .preamble(index: index, ownFormula: false))
      }
      visit(resolution.body, region: .main, operative: resolution.kind == .resolution)
      for attachment in resolution.attachments {
        for line in attachment.heading { glued(line, plain(line)) }
        for block in attachment.preamble {
          visit(block, region: .attachment, underHeading: false, role: .none)
        }
        visit(attachment.items, region: .attachment, operative: false)
        for line in attachment.conclusions { glued(line, plain(line)) }
      }
      gluedMarkers = gluedMarkerWarnings(candidates, notes: numberedNotes, texts: gluedTexts)
    }

    private mutating func visit(_ items: [BodyItem], region: Region, operative: Bool) {
      for item in items {
        switch item {
        case .paragraph(let block):
          visit(block, region: region, underHeading: false, role: operative ? .operative : .none)
        case .section(let section):
          if let heading = section.heading { glued(heading, plain(heading)) }
          // A part's own preamble and operative part (a section's, not an article's or rule's).
          let ownParts = operative && section.unit == .section
          for (index, block) in section.intro.enumerated() {
            visit(
              block, region: region, underHeading: false,
              role: ownParts ? .preamble(index: index, ownFormula: true) : .none)
          }
          visit(section.items, region: region, operative: ownParts)
        }
      }
    }

    /// `block`, its points and its wrap-up; `underHeading`: a heading holds it (the labels and
    /// the notes in text are not looked for under a heading).
    private mutating func visit(_ block: Block, region: Region, underHeading: Bool, role: ClauseRole) {
      let text = plain(block.text)
      let facts = TextFacts(text)
      let prose = !underHeading && !block.isHeading
      var trimmed: String?
      if !block.isHeading {
        switch role {
        case .none: break
        case .preamble(let index, let ownFormula):
          trimmed = text.trimmed
          if let warning = clausePlaceInPreamble(
            trimmed!, line: block.text.line, index: index, ownFormula: ownFormula)
          {
            clausePlaces.append(warning)
          }
        case .operative:
          trimmed = text.trimmed
          if let warning = clausePlaceInOperative(block, text: trimmed!) { clausePlaces.append(warning) }
        }
      }
      if prose {
        label(text, facts, trimmed: trimmed, numbered: block.num != nil, line: block.text.line)
      }
      glued(block.text, text, facts)
      runningText(text, facts, region: region, prose: prose, line: block.text.line)
      for child in block.children {
        visit(child, region: region, underHeading: underHeading || block.isHeading, role: .none)
      }
      if let wrapUp = block.wrapUp {
        let text = plain(wrapUp)
        let facts = TextFacts(text)
        if prose { label(text, facts, trimmed: nil, numbered: true, line: wrapUp.line) }
        glued(wrapUp, text, facts)
        runningText(text, facts, region: region, prose: prose, line: wrapUp.line)
      }
    }

    /// The labels-in-text check of `text` (`trimmed`, when already trimmed).
    private mutating func label(
      _ text: String, _ facts: TextFacts, trimmed: String?, numbered: Bool, line: Int
    ) {
      // An opening label starts with a capital; one inside follows the end of a sentence.
      let opening = !numbered && facts.firstNonBlank.map { $0 &- 0x41 < 26 } == true
      guard opening || facts.mayHoldInnerLabel else { return }
      // A label inside follows the end of a sentence, a space and a capital: the facts' bytes
      // (the untrimmed text holds all the trimmed one holds).
      if let warning = labelInText(
        trimmed ?? text.trimmed, numbered: numbered, mayHoldInnerLabel: facts.mayHoldInnerLabel, line: line)
      {
        labelsInText.append(warning)
      }
    }

    /// The checks of running text: paragraphs of numbers; notes in text (not in an annex, not
    /// under a heading).
    private mutating func runningText(
      _ text: String, _ facts: TextFacts, region: Region, prose: Bool, line: Int
    ) {
      if let warning = Invariants.mostlyNumbers(text, facts: facts, line: line) {
        mostlyNumbers.append(warning)
      }
      if region == .main, prose, let warning = noteInText(text, facts: facts, markers: markers, line: line) {
        notesInText.append(warning)
      }
    }

    /// The glued-marker check's reading of `block` (its plain text `text`).
    private mutating func glued(_ block: TextBlock, _ text: String, _ facts: TextFacts? = nil) {
      guard !numberedNotes.isEmpty else { return }
      gluedTexts.append(text)
      guard (facts ?? TextFacts(text)).mayHoldGluedMarker else { return }
      gluedCandidates(
        in: text, line: block.line, notes: numberedNotes, byMarker: notesByMarker,
        unmatchedLines: unmatchedLines,
        into: &candidates)
    }
  }
}
