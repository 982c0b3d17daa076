/// The id of a kind of diagnostic: a short, stable, dotted name (`text.date`,
/// `footnote.unmatched`, `input.pdf-damaged` …) printed in reports and in every JSON the tool
/// writes.
///
/// Every id is declared here, with when it fires; `docs/rules.md` says what each means and what
/// to do, and a test keeps the two in step. No id is written as a string elsewhere: code names
/// the constants (`RuleID.textDate`) and compares them. The AKN4UN rules of `akn validate` are
/// declared by `ValidationRule` and carried as ids through ``init(validationRule:)``.
public struct RuleID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The id as printed: `text.date`.
  public let rawValue: String

  private init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// The id of a rule `ValidationRule` declares (`nc.work-uri`, `akn4un.frbr-uri` …): only its
  /// declarations use this.
  package init(validationRule id: String) {
    self.rawValue = id
  }

  /// Reads the id as printed (a report written before).
  public init(from decoder: any Decoder) throws {
    self.rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  /// Writes the id as printed.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  /// The id as printed.
  public var description: String { rawValue }

  /// In the order of their names.
  public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Whether it is one of the `input.*` rules: the input is of the wrong kind or over a limit
  /// (programs exit with 2 for these, as for a usage error).
  public var isInput: Bool { rawValue.hasPrefix("input.") }

  /// `batch.archive`: An archive given to `akn batch` cannot be read, or an entry of it is over a
  /// limit or unreadable.
  public static let batchArchive = RuleID("batch.archive")

  /// `batch.duplicate`: Two inputs of a batch would write the same output, or one output would
  /// stand where another needs a folder.
  public static let batchDuplicate = RuleID("batch.duplicate")

  /// `batch.limit`: An archive has more entries, or more bytes in all, than a batch reads.
  public static let batchLimit = RuleID("batch.limit")

  /// `batch.link`: A batch entry is a symbolic or hard link; links are never followed or created.
  public static let batchLink = RuleID("batch.link")

  /// `batch.not-regular`: A batch entry is not a regular file (a device, FIFO or socket).
  public static let batchNotRegular = RuleID("batch.not-regular")

  /// `batch.too-large`: A batch entry is over the size limit of one input.
  public static let batchTooLarge = RuleID("batch.too-large")

  /// `batch.unreadable`: A file or folder of a batch cannot be examined, listed or read.
  public static let batchUnreadable = RuleID("batch.unreadable")

  /// `batch.unsafe-path`: An archive entry's name is absolute, climbs out of the output (`..`) or
  /// cannot be read.
  public static let batchUnsafePath = RuleID("batch.unsafe-path")

  /// `batch.write`: A batch output cannot be written.
  public static let batchWrite = RuleID("batch.write")

  /// `citation.unlinked`: A cited resolution or decision is left as text, because its body cannot
  /// be named: its number or date cannot be the General Assembly's, and the text names no other
  /// body akn knows (a note, never a failure).
  public static let citationUnlinked = RuleID("citation.unlinked")

  /// `decision.session`: A decision's session was guessed from its date, close to the opening of a
  /// session.
  public static let decisionSession = RuleID("decision.session")

  /// `decision.unnumbered`: A decision's number is not in its text and was not given; its IRI names
  /// it by its date.
  public static let decisionUnnumbered = RuleID("decision.unnumbered")

  /// `footnote.no-marker`: A footnote text without a number; it is kept as footnote `*`.
  public static let footnoteNoMarker = RuleID("footnote.no-marker")

  /// `footnote.unmatched`: A footnote has no marker in the text; it is attached at the end of the
  /// last operative paragraph.
  public static let footnoteUnmatched = RuleID("footnote.unmatched")

  /// `footnote.glued-marker`: A footnote without a marker in the text may have its marker's digits
  /// glued to a word (`COVID-1915`).
  public static let footnoteGluedMarker = RuleID("footnote.glued-marker")

  /// `footnote.in-text`: A footnote's marker or text was left in the running text: a marker whose
  /// note is not in the file, or notes read as a paragraph.
  public static let footnoteInText = RuleID("footnote.in-text")

  /// `hyphen.word-list`: Words split at a line end were joined without the hyphen because the word
  /// list has the whole word and the text never prints it hyphenated.
  public static let hyphenWordList = RuleID("hyphen.word-list")

  /// `input.attributes`: An XML element has more attributes than any AKN element has; the document
  /// is refused for safety.
  public static let inputAttributes = RuleID("input.attributes")

  /// `input.binary`: The input holds a NUL byte or is binary data, not text.
  public static let inputBinary = RuleID("input.binary")

  /// `input.compressed`: The file is compressed data (gzip, zip, xz, bzip2, zstd); compressed input
  /// is never opened.
  public static let inputCompressed = RuleID("input.compressed")

  /// `input.empty`: The input is empty (or has nothing after its front matter).
  public static let inputEmpty = RuleID("input.empty")

  /// `input.encoding`: The input is not valid UTF-8, or an XML file declares an encoding that is
  /// not read.
  public static let inputEncoding = RuleID("input.encoding")

  /// `input.form`: No form akn reads fits the text, or the form named with `--form` is unknown or
  /// does not fit.
  public static let inputForm = RuleID("input.form")

  /// `input.front-matter`: The Markdown front matter cannot be read.
  public static let inputFrontMatter = RuleID("input.front-matter")

  /// `input.language`: The text is not in English.
  public static let inputLanguage = RuleID("input.language")
  /// `input.garbled`: A page or block of a text form is not English words (a wrong encoding, a
  /// shifted alphabet, symbols).
  public static let inputGarbled = RuleID("input.garbled")

  /// `input.line-length`: A line of the input is longer than any line of a resolution.
  public static let inputLineLength = RuleID("input.line-length")

  /// `input.not-a-resolution`: The text is a document of another kind (a report, a letter, an
  /// agenda), not a resolution or decision.
  public static let inputNotAResolution = RuleID("input.not-a-resolution")

  /// `input.not-xml`: A file given to `akn validate` is not XML (binary data or text).
  public static let inputNotXML = RuleID("input.not-xml")

  /// `input.control-character`: The input holds control characters that are not white space
  /// (DEL, C0 or C1 controls) inside its text; they were dropped (a note, with their count).
  public static let inputControlCharacter = RuleID("input.control-character")

  /// `input.date`: The adoption date given with the input differs from the printed one, or the
  /// text does not print a readable one and it was taken from there.
  public static let inputDate = RuleID("input.date")

  /// `input.number`: The number given with the input (`--number`, file name, metadata) differs from
  /// the printed one, or is not in the text and was taken from there.
  public static let inputNumber = RuleID("input.number")

  /// `input.pdf-damaged`: The PDF is damaged and its text came out incomplete or wrong.
  public static let inputPDFDamaged = RuleID("input.pdf-damaged")

  /// `input.pdf-encrypted`: The PDF is encrypted or forbids copying its text.
  public static let inputPDFEncrypted = RuleID("input.pdf-encrypted")

  /// `input.pdf-garbled`: The text of a page of the PDF is not English words: a font maps its
  /// letters wrong.
  public static let inputPDFGarbled = RuleID("input.pdf-garbled")

  /// `input.pdf-limit`: The PDF has too many pages, or `pdftohtml` ran too long or wrote too much.
  public static let inputPDFLimit = RuleID("input.pdf-limit")

  /// `input.pdf-no-text`: The PDF has no text layer (its pages are images).
  public static let inputPDFNoText = RuleID("input.pdf-no-text")

  /// `input.pdf-tool`: `pdftohtml` is missing, could not be run, or failed.
  public static let inputPDFTool = RuleID("input.pdf-tool")

  /// `input.size`: The input (or a tool's output) is over the size limit.
  public static let inputSize = RuleID("input.size")

  /// `input.title`: The title given with the input differs from the printed one, or is not in the
  /// text and was taken from there.
  public static let inputTitle = RuleID("input.title")

  /// `input.type`: The input is a file of another type (an office document, an archive, XML, an
  /// image).
  public static let inputType = RuleID("input.type")

  /// `input.unreadable`: The file or folder cannot be read.
  public static let inputUnreadable = RuleID("input.unreadable")

  /// `markdown.adoption-date`: The Markdown adoption line has no date; the meeting date of the
  /// closing lines was taken.
  public static let markdownAdoptionDate = RuleID("markdown.adoption-date")

  /// `markdown.definition`: A Markdown footnote definition is out of sequence and was read as a
  /// line of the note before it.
  public static let markdownDefinition = RuleID("markdown.definition")

  /// `markdown.front-matter`: A front-matter field disagrees with the text or cannot be used.
  public static let markdownFrontMatter = RuleID("markdown.front-matter")

  /// `markdown.marker`: A Markdown footnote marker has no definition, or is not where its note is
  /// cited; its digits were kept as text.
  public static let markdownMarker = RuleID("markdown.marker")

  /// `markdown.number`: The extraction dropped a paragraph number or item label; it was restored
  /// from its neighbours.
  public static let markdownNumber = RuleID("markdown.number")

  /// `markdown.unnumbered`: A paragraph opening with an operative verb has no number and was read
  /// as preambular.
  public static let markdownUnnumbered = RuleID("markdown.unnumbered")

  /// `ocr.month`: A month damaged by OCR (`Apri]`) was read as the month.
  public static let ocrMonth = RuleID("ocr.month")

  /// `ocr.number`: A paragraph number, item label, part letter or year damaged by OCR was read as
  /// the one due.
  public static let ocrNumber = RuleID("ocr.number")

  /// `ocr.word`: A damaged word before the adoption date was read as `of`.
  public static let ocrWord = RuleID("ocr.word")

  /// `output.json`: The document could not be written as JSON.
  public static let outputJSON = RuleID("output.json")

  /// `pdf.damaged`: `pdftohtml` reports damage in the PDF; words may be missing or wrong.
  public static let pdfDamaged = RuleID("pdf.damaged")

  /// `pdf.empty-page`: A page of the PDF has no text (an image only, or lost content).
  public static let pdfEmptyPage = RuleID("pdf.empty-page")

  /// `pdf.tool-warning`: `pdftohtml` said something about the PDF that is not damage.
  public static let pdfToolWarning = RuleID("pdf.tool-warning")

  /// `pdf.table-from-tree`: A table whose columns the PDF's layout does not decide took its rows
  /// and cells from the PDF's structure tree (its tags).
  public static let pdfTableFromTree = RuleID("pdf.table-from-tree")

  /// `schema`: The document is not valid against the AKN 3.0 schema.
  public static let schema = RuleID("schema")

  /// `schema.compile`: The schema cannot be read or does not compile.
  public static let schemaCompile = RuleID("schema.compile")

  /// `schema.root`: The root element is not `<akomaNtoso>` in the AKN 3.0 namespace.
  public static let schemaRoot = RuleID("schema.root")

  /// `structure.clause-place`: A clause's grammar does not fit its place: an operative verb or the
  /// enacting formula in the preamble, or a participle leading an operative paragraph.
  public static let structureClausePlace = RuleID("structure.clause-place")

  /// `structure.first-paragraph`: The first operative paragraph read is not paragraph 1.
  public static let structureFirstParagraph = RuleID("structure.first-paragraph")

  /// `structure.label-in-text`: A label or heading stands inside a paragraph's text (`… coercion.
  /// Action 2. We will …`, `V. Opening of the Conference` as a paragraph).
  public static let structureLabelInText = RuleID("structure.label-in-text")

  /// `structure.mostly-numbers`: A paragraph of mostly numbers was read as text: likely a table.
  public static let structureMostlyNumbers = RuleID("structure.mostly-numbers")

  /// `structure.no-formula`: No enacting formula (`The General Assembly,`) was read before the
  /// operative part.
  public static let structureNoFormula = RuleID("structure.no-formula")

  /// `structure.no-preamble`: No preambular paragraph was read.
  public static let structureNoPreamble = RuleID("structure.no-preamble")

  /// `structure.numbering`: A numbered series (paragraphs, points, sections, articles, annexes) has
  /// a gap, a repeat or a number going back.
  public static let structureNumbering = RuleID("structure.numbering")

  /// `structure.orphan-point`: A lettered point has no paragraph to belong to; it is kept as a
  /// paragraph.
  public static let structureOrphanPoint = RuleID("structure.orphan-point")

  /// `structure.outline`: A division's label does not follow the one before it in its series
  /// ("C." after "A.", "Article 13" after "Article 11"); it is kept where it stands.
  public static let structureOutline = RuleID("structure.outline")

  /// `structure.table`: A table printed one cell per line whose columns cannot be told apart; kept
  /// line by line.
  public static let structureTable = RuleID("structure.table")

  /// `structure.table-note`: A table's note whose letter no cell carries, or a cell ending in a
  /// note's letter ("2024d") when no note of that letter is printed under the table; the text is
  /// kept as printed.
  public static let structureTableNote = RuleID("structure.table-note")

  /// `structure.unnumbered`: An unnumbered paragraph among the operative paragraphs; kept as an
  /// unnumbered paragraph.
  public static let structureUnnumbered = RuleID("structure.unnumbered")

  /// `text.date`: The adoption date cannot be read, or is not a real date.
  public static let textDate = RuleID("text.date")

  /// `text.lost`: Words of the input are not in the converted document: the text was not understood
  /// there.
  public static let textLost = RuleID("text.lost")

  /// `text.metadata`: The document's number, body or date cannot be read or given.
  public static let textMetadata = RuleID("text.metadata")

  /// `text.previous-item`: Lines above a Security Council resolution's heading were left out as the
  /// end of the volume's previous item (a statement, the meeting's decisions).
  public static let textPreviousItem = RuleID("text.previous-item")

  /// `text.structure`: The text has no resolution structure that can be read (no enacting formula,
  /// no numbered paragraphs), or has text after the closing lines.
  public static let textStructure = RuleID("text.structure")

  /// `text.truncated`: The text ends without the closing lines and the date, and without an export
  /// trailer: the file seems truncated.
  public static let textTruncated = RuleID("text.truncated")

  /// `xml`: A file is not well-formed XML, or a tool's XML output is not.
  public static let xml = RuleID("xml")

  /// `xml.doctype`: The XML has a DOCTYPE declaration; DTDs and entities are refused for safety.
  public static let xmlDoctype = RuleID("xml.doctype")

  /// Every id declared here, in the order of their names.
  public static let all: [RuleID] = [
    .batchArchive,
    .batchDuplicate,
    .batchLimit,
    .batchLink,
    .batchNotRegular,
    .batchTooLarge,
    .batchUnreadable,
    .batchUnsafePath,
    .batchWrite,
    .citationUnlinked,
    .decisionSession,
    .decisionUnnumbered,
    .footnoteGluedMarker,
    .footnoteInText,
    .footnoteNoMarker,
    .footnoteUnmatched,
    .hyphenWordList,
    .inputAttributes,
    .inputBinary,
    .inputCompressed,
    .inputControlCharacter,
    .inputDate,
    .inputEmpty,
    .inputEncoding,
    .inputForm,
    .inputFrontMatter,
    .inputGarbled,
    .inputLanguage,
    .inputLineLength,
    .inputNotAResolution,
    .inputNotXML,
    .inputNumber,
    .inputPDFDamaged,
    .inputPDFEncrypted,
    .inputPDFGarbled,
    .inputPDFLimit,
    .inputPDFNoText,
    .inputPDFTool,
    .inputSize,
    .inputTitle,
    .inputType,
    .inputUnreadable,
    .markdownAdoptionDate,
    .markdownDefinition,
    .markdownFrontMatter,
    .markdownMarker,
    .markdownNumber,
    .markdownUnnumbered,
    .ocrMonth,
    .ocrNumber,
    .ocrWord,
    .outputJSON,
    .pdfDamaged,
    .pdfEmptyPage,
    .pdfTableFromTree,
    .pdfToolWarning,
    .schema,
    .schemaCompile,
    .schemaRoot,
    .structureClausePlace,
    .structureFirstParagraph,
    .structureLabelInText,
    .structureMostlyNumbers,
    .structureNoFormula,
    .structureNoPreamble,
    .structureNumbering,
    .structureOrphanPoint,
    .structureOutline,
    .structureTable,
    .structureTableNote,
    .structureUnnumbered,
    .textDate,
    .textLost,
    .textMetadata,
    .textPreviousItem,
    .textStructure,
    .textTruncated,
    .xml,
    .xmlDoctype,
  ]
}
