public import AKNModel

/// What a form reader is given: the input's bytes and, when they are text, the decoded text.
///
/// The bytes are decoded once, here; every reader that reads text shares the result.
public struct ReaderInput: Sendable {
  /// The bytes as read.
  public let bytes: [UInt8]
  /// The bytes decoded as text, or why they are not text (binary, compressed, UTF-16 …).
  public let text: Result<SourceText, ConversionError>

  /// Decodes `bytes` (UTF-8, BOM and line ends normalised) for the readers.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
    do {
      self.text = .success(try SourceText.decode(bytes))
    } catch {
      self.text = .failure(error)
    }
  }

  /// The text, for a reader that reads only text.
  ///
  /// - Throws: why the bytes are not text.
  public func requireText() throws(ConversionError) -> SourceText {
    switch text {
    case .success(let text): return text
    case .failure(let error): throw error
    }
  }
}

/// How sure a reader is that an input is in its form.
public struct Confidence: Sendable, Hashable, Comparable {
  /// 0 (not this form) to 100 (certainly this form).
  public var value: Int

  /// A confidence of `value`, 0–100.
  public init(_ value: Int) {
    self.value = min(max(value, 0), 100)
  }

  /// Not this form.
  public static let none = Confidence(0)
  /// The form's own unmistakable mark (an export trailer, a file signature).
  public static let certain = Confidence(100)

  /// Less sure than.
  public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.value < rhs.value }
}

/// One way a resolution reaches us (an export, the text of a PDF, a printed volume …): it tells
/// how sure it is that an input is in its form, and reads such an input into the model.
///
/// A new form is one type conforming to this protocol, in a file of its own, plus a line in
/// ``FormRegistry/standard`` (or a `register` call by the program that has it).
public protocol FormReader: Sendable {
  /// The form's name: short, lower case, stable (`ods`, `pdf`, `sc`, `decision`).
  var name: String { get }
  /// One sentence saying what the form is, for help texts.
  var summary: String { get }
  /// How sure this reader is that `input` is in its form.
  func confidence(_ input: ReaderInput) -> Confidence
  /// Reads `input` into the model and a report of what reading left aside.
  ///
  /// - Throws: ``ConversionError`` naming the place and what was expected, when the input is not
  ///   a document of this form that can be read.
  func read(_ input: ReaderInput) throws(ConversionError) -> Reading
  /// Whether this reader reads files of the type of `bytes` other than text (a PDF by its
  /// signature): such a file is not refused as "not text" before the readers see it, and its
  /// words are not judged as a text's. Its reading carries the text it extracted
  /// (``Reading/extracted``), which the words of the output are checked against. A text form
  /// reads text only (the default).
  func readsFileType(of bytes: [UInt8]) -> Bool
}

extension FormReader {
  /// A text form reads text only.
  public func readsFileType(of bytes: [UInt8]) -> Bool { false }
}

/// The form readers a program knows, in the order detection prefers on equal confidence.
public struct FormRegistry: Sendable {
  /// The readers, in registration order.
  public private(set) var readers: [any FormReader]

  /// A registry of `readers`.
  public init(_ readers: [any FormReader]) {
    self.readers = []
    for reader in readers { register(reader) }
  }

  /// The text forms this module reads: the ODS export, the text of a PDF, the Security
  /// Council's printed volumes, General Assembly decisions, and PDF-to-Markdown extractions.
  public static let standard = FormRegistry([
    ODSForm(), PDFTextForm(), SCVolumeForm(), DecisionForm(), MarkdownForm(),
  ])

  /// Adds `reader`, replacing a reader of the same name in its place.
  public mutating func register(_ reader: any FormReader) {
    if let index = readers.firstIndex(where: { $0.name == reader.name }) {
      readers[index] = reader
    } else {
      readers.append(reader)
    }
  }

  /// Whether one of the readers reads files of the type of `bytes` as they are (not as text).
  public func readsFileType(of bytes: [UInt8]) -> Bool {
    readers.contains { $0.readsFileType(of: bytes) }
  }

  /// Why `bytes` cannot be read, judged by their type before any reader tries: a file of
  /// another type (an office document, an archive, XML, HTML, an image …) that no reader takes;
  /// nil when they may be read (text, or a type a reader takes).
  public func wrongFileType(_ bytes: [UInt8]) -> ConversionError? {
    readsFileType(of: bytes) ? nil : InputType.wrongType(bytes)
  }

  /// The names of the forms, in order.
  public var names: [String] { readers.map(\.name) }

  /// The reader named `name`.
  public func reader(named name: String) -> (any FormReader)? {
    readers.first { $0.name == name }
  }

  /// The reader most sure of `input` (the first registered on a tie), or nil if none is.
  public func detect(_ input: ReaderInput) -> (any FormReader)? {
    var best: (any FormReader)?
    var bestConfidence = Confidence.none
    for reader in readers {
      let confidence = reader.confidence(input)
      if confidence > bestConfidence {
        best = reader
        bestConfidence = confidence
        if confidence == .certain { break }
      }
    }
    return best
  }

  /// Reads `input` in the form named `form`, or in the detected form, checks the reading
  /// (``Invariants``: a wrong reading is a warned one) and completes it
  /// (``ReadingCompletion``): facts from `hints`, the identity, the inline content.
  ///
  /// - Throws: ``ConversionError`` when the form is unknown, when no reader recognises the
  ///   input, when the reader cannot read it, or when the document lacks what its identity needs.
  public func read(_ input: ReaderInput, form: String? = nil, hints: DocumentHints? = nil)
    throws(ConversionError)
    -> Reading
  {
    var reading = try readForm(input, form: form)
    if case .success(let text) = input.text, reading.extracted == nil, let first = text.droppedControls.first
    {
      // One note for the control characters the decoding dropped (see ``SourceText``).
      let count = text.droppedControls.reduce(0) { $0 + $1.count }
      let lines = text.droppedControls.count
      reading.report.notes.append(
        Diagnostic(
          .note, rule: .inputControlCharacter,
          message:
            "dropped \(count) control character\(count == 1 ? "" : "s") (DEL, C0 or C1, not white space) from the text\(lines == 1 ? "" : " on \(lines) lines, the first here"): they separate nothing, so the characters around each are read as one word",
          line: first.line))
    }
    try ReadingCompletion.complete(&reading, hints: hints)
    return reading
  }

  /// What the reader of `form` (or of the detected form) reads.
  private func readForm(_ input: ReaderInput, form: String?) throws(ConversionError) -> Reading {
    if let form {
      guard let reader = reader(named: form) else {
        throw ConversionError(
          "there is no form named \"\(form)\"; the forms are \(names.joined(separator: ", "))",
          rule: .inputForm)
      }
      return Self.checked(try reader.read(input))
    }
    guard let reader = detect(input) else {
      let text = try input.requireText()
      if let refusal = Self.notAResolution(text) { throw refusal }
      let first = text.lines.first { !$0.text.trimmed.isEmpty }
      throw ConversionError(
        "this does not look like the text of a UN resolution in a form akn reads: no ODS export trailer (<<ODS JOB NO>> …), no PDF masthead with \"Resolution adopted by …\", no Security Council heading (\"Resolution 242 (1967)\") and no decision narrative (\"At its 62nd plenary meeting, on …\") was found; the file may be truncated, or not a resolution; name the form if it is one of \(names.joined(separator: ", "))",
        rule: .inputForm, line: first?.number ?? 1, column: 1)
    }
    return Self.checked(try reader.read(input))
  }

  /// `reading` with the warnings of the checks every reading passes (``Invariants``), whatever
  /// its form.
  static func checked(_ reading: Reading) -> Reading {
    var reading = reading
    reading.report.warnings += Invariants.warnings(for: reading)
    return reading
  }
}

extension FormRegistry {
  /// The note added when an input read in the form `asked` cannot be converted: the form
  /// detection finds (`detected`), or that none recognises it; nil when the form detected is the
  /// one asked.
  package static func detectedInstead(of asked: String, _ detected: (any FormReader)?) -> Diagnostic? {
    let message: String
    if let detected, detected.name != asked {
      message =
        "the input was read as the form \"\(asked)\" as asked, but it looks like the form \"\(detected.name)\"; read it in that form, or let the form be detected"
    } else if detected != nil {
      return nil
    } else {
      message =
        "the input was read as the form \"\(asked)\" as asked; no form recognises it when detecting (it may be truncated, or not a resolution)"
    }
    return Diagnostic(.note, rule: .inputForm, message: message)
  }

  /// A refusal for texts that are UN documents but not resolutions or decisions: a statement by
  /// the President of the Security Council (`S/PRST/…`), read from its first lines.
  static func notAResolution(_ text: SourceText) -> ConversionError? {
    for line in text.lines.prefix(12) {
      let trimmed = line.text.collapsingSpaces
      if trimmed.hasPrefix("United Nations S/PRST/")
        || trimmed.hasPrefix("Statement by the President of the Security Council")
        || (trimmed.contains("the President of the Security Council made the following statement"))
      {
        return ConversionError(
          "this is a statement by the President of the Security Council, not a resolution: akn converts resolutions and decisions (a presidential statement has no enacting formula and no operative paragraphs)",
          rule: .inputNotAResolution, line: line.number, column: 1)
      }
    }
    return nil
  }
}

/// What a text form's own pass hands to the structure reading that every text form shares.
package struct FormPass {
  /// The text's logical paragraphs, what the form reader took out removed.
  package var paragraphs: [LogicalParagraph]
  /// What the form reader learnt (facts from mastheads and trailers, footnotes it took out).
  package var resolution: Resolution
  /// What it left aside.
  package var report: ReadingReport
  /// Whether it already read the preface (the lines before the formula).
  package var prefaceRead = false
  /// Whether footnote texts follow the closing lines as paragraphs (else it took them out).
  package var footnotesAfterClosing = true
  /// The footnote markers as printed, when the form knows them (a PDF): only these are linked.
  package var printedMarkers: [PrintedMarker]?
  /// The lines that end in a note marker printed raised (a small letter or `*`), by line number,
  /// when the form knows its print (a PDF): a table's note markers are the print's.
  package var raisedLines: [Int: FlattenedTable.RaisedLine]?

  /// A pass over `paragraphs` with what the form reader learnt and left aside.
  package init(
    paragraphs: [LogicalParagraph], resolution: Resolution, report: ReadingReport, prefaceRead: Bool = false,
    footnotesAfterClosing: Bool = true, printedMarkers: [PrintedMarker]? = nil
  ) {
    self.paragraphs = paragraphs
    self.resolution = resolution
    self.report = report
    self.prefaceRead = prefaceRead
    self.footnotesAfterClosing = footnotesAfterClosing
    self.printedMarkers = printedMarkers
  }

  /// Finds the structure in the paragraphs and attaches the footnotes at their markers.
  package func readStructure(form: String) throws(ConversionError) -> Reading {
    var structure = StructureReader(
      paragraphs: paragraphs, resolution: resolution, report: report, prefaceRead: prefaceRead,
      footnotesAfterClosing: footnotesAfterClosing)
    structure.raisedLines = raisedLines
    try structure.read()
    var resolution = structure.resolution
    var report = structure.report
    FootnoteLinker.link(&resolution, report: &report, printedMarkers: printedMarkers)
    if let warning = Hyphenation.warning(for: report.hyphenJoins) { report.warnings.append(warning) }
    return Reading(resolution: resolution, report: report, form: form)
  }
}
