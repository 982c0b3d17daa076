/// What reading a text left beside the model: what was repaired or guessed, the lines left out
/// and why, and the bookkeeping the lost-word check needs. Renderers never need it to render.
public struct ReadingReport: Sendable, Hashable, Codable {
  /// What was repaired or guessed while reading.
  public var warnings: [Diagnostic]
  /// Where facts came from that the text does not print (severity ``Diagnostic/Severity/note``):
  /// the number given with the input, taken from its file name or from a metadata file.
  public var notes: [Diagnostic]
  /// Footnote texts printed inline in the running text ("(footnote: …)"), taken out where they
  /// stood: the lost-word check compares their words with the notes.
  public var inlineNotes: [InlineNote]
  /// Lines recognised as page furniture or export trailer and left out of the text.
  public var furniture: [RemovedLine]
  /// Input lines that hold footnote text (read out of the running text where they stood).
  public var noteLines: [Int]
  /// Words of the input changed by a repair (an OCR-damaged number or month).
  public var repairs: [Repair]
  /// Input lines that the document has in another place: an instrument adopted before the
  /// closing lines becomes an attachment after them.
  public var movedLines: MovedLines?
  /// Words hyphenated at a line end and joined with the next line (compounds kept, split words
  /// mended).
  public var hyphenJoins: [HyphenJoin]

  /// An empty report.
  public init() {
    self.warnings = []
    self.notes = []
    self.inlineNotes = []
    self.furniture = []
    self.noteLines = []
    self.repairs = []
    self.movedLines = nil
    self.hyphenJoins = []
  }
}

/// A document as read: the model, the report of the reading, and the form it was read in.
public struct Reading: Sendable, Hashable, Codable {
  /// The document.
  public var resolution: Resolution
  /// What reading left aside.
  public var report: ReadingReport
  /// The name of the form it was read in (`ods`, `pdf`, `sc`, `decision` …).
  public var form: String
  /// The text the reader extracted, when the input is not text itself (a PDF): every line
  /// number of the reading and its report refers to it. Nil when the input is text.
  public var extracted: ExtractedText?
  /// The document's AKN identity (its FRBR IRIs), decided when reading ends; nil for a reading
  /// made by hand, whose renderer decides it.
  public var identity: WorkIdentity?

  /// Creates a reading.
  public init(resolution: Resolution, report: ReadingReport, form: String, extracted: ExtractedText? = nil) {
    self.resolution = resolution
    self.report = report
    self.form = form
    self.extracted = extracted
  }
}

/// The text a reader extracted from an input that is not text (a PDF), line by line, with the
/// page each line is on.
public struct ExtractedText: Sendable, Hashable, Codable {
  /// The lines, the first being line 1.
  public var lines: [String]
  /// The line each page starts on (1-based), in page order; page 1 first.
  public var pageStarts: [Int]
  /// How each line was printed, one entry a line (nil for a line that prints nothing: the gap
  /// between two paragraphs); nil when the text was made without its geometry.
  public var printed: [PrintedLine?]?

  /// Extracted text of `lines`, pages starting at `pageStarts`, each line printed as `printed`
  /// says.
  public init(lines: [String], pageStarts: [Int], printed: [PrintedLine?]? = nil) {
    self.lines = lines
    self.pageStarts = pageStarts
    self.printed = printed
  }

  /// `diagnostic` with its place in the PDF added to its message: `(page 2, line 14)`. Its
  /// `line` stays the line of this extracted text.
  public func placing(_ diagnostic: Diagnostic) -> Diagnostic {
    guard let line = diagnostic.line, let place = place(ofLine: line),
      !diagnostic.message.hasSuffix(")") || !diagnostic.message.contains("(page ")
    else { return diagnostic }
    var placed = diagnostic
    placed.message += " (page \(place.page), line \(place.line))"
    return placed
  }

  /// The page (1-based) and the line on that page (1-based) of `line`, or nil out of range.
  public func place(ofLine line: Int) -> (page: Int, line: Int)? {
    guard line >= 1, line <= lines.count else { return nil }
    var low = 0
    var high = pageStarts.count - 1
    guard high >= 0, pageStarts[0] <= line else { return nil }
    while low < high {
      let middle = (low + high + 1) / 2
      if pageStarts[middle] <= line { low = middle } else { high = middle - 1 }
    }
    return (low + 1, line - pageStarts[low] + 1)
  }
}

/// Input lines placed elsewhere in the document.
public struct MovedLines: Sendable, Hashable {
  /// The lines moved.
  public var lines: ClosedRange<Int>
  /// The first input line that follows them in the document.
  public var before: Int

  /// Creates a record of moved lines.
  public init(lines: ClosedRange<Int>, before: Int) {
    self.lines = lines
    self.before = before
  }
}

/// A repair of the input's text: `original` on `line` was read as `replacement`.
public struct Repair: Sendable, Hashable, Codable {
  /// The 1-based input line.
  public var line: Int
  /// The text as printed ("Apri]", "(5)", "S.").
  public var original: String
  /// What it was read as ("April", "(b)", "5.").
  public var replacement: String

  /// Creates a repair.
  public init(line: Int, original: String, replacement: String) {
    self.line = line
    self.original = original
    self.replacement = replacement
  }
}

/// A line of the input left out of the document's text, and why.
public struct RemovedLine: Sendable, Hashable, Codable {
  /// The 1-based line number.
  public var line: Int
  /// The text of the line.
  public var text: String
  /// Why it was left out: `trailer`, `masthead`, `page-header`, `page-number` …
  public var reason: LeftOutReason

  /// Creates a removed line.
  public init(line: Int, text: String, reason: LeftOutReason) {
    self.line = line
    self.text = text
    self.reason = reason
  }
}

/// A word hyphenated at a line end and joined with the next line: `decision-` / `making`.
public struct HyphenJoin: Sendable, Hashable, Codable {
  /// How the two halves were joined.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// A hyphenated compound: the hyphen kept, no space (`decision-making`, `Secretary-General`).
    case compound
    /// A word the printer split: joined without the hyphen because the document itself has the
    /// whole word elsewhere (`pro-` / `visions` → `provisions`).
    case documentWord
    /// A word the printer split: joined without the hyphen because the word list has it and the
    /// document never prints it hyphenated (a guess, warned about).
    case wordList
  }

  /// The 1-based input line that ends in the hyphen.
  public var line: Int
  /// The 1-based input line the word goes on on.
  public var nextLine: Int
  /// The letters before the hyphen (`pro`).
  public var fragment: String
  /// The letters that open the next line (`visions`).
  public var continuation: String
  /// How they were joined.
  public var kind: Kind

  /// Creates a record of a join.
  public init(line: Int, nextLine: Int, fragment: String, continuation: String, kind: Kind) {
    self.line = line
    self.nextLine = nextLine
    self.fragment = fragment
    self.continuation = continuation
    self.kind = kind
  }

  /// The word as it reads in the output: `decision-making`, `provisions`.
  public var joined: String {
    kind == .compound ? "\(fragment)-\(continuation)" : fragment + continuation
  }

  /// Whether the hyphen was dropped.
  public var dropsHyphen: Bool { kind != .compound }
}

/// A footnote printed inside a line of the running text, as `(footnote: …)`.
public struct InlineNote: Sendable, Hashable, Codable {
  /// The 1-based input line it stands on.
  public var line: Int
  /// The text taken out of the line, exactly as printed (parentheses included).
  public var original: String
  /// The note's text, without the label and the parentheses: what the document's note holds.
  public var text: String

  /// Creates an inline note record.
  public init(line: Int, original: String, text: String) {
    self.line = line
    self.original = original
    self.text = text
  }
}
