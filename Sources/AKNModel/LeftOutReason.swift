/// Why a line of the input was left out of the document's text: page furniture, a masthead,
/// an export trailer. Every reason is declared here and listed in `docs/rules.md`; code names
/// the constants (`LeftOutReason.pageNumber`), never a string.
public struct LeftOutReason: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The reason as printed: `page-number`.
  public let rawValue: String

  private init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// Reads the reason as printed.
  public init(from decoder: any Decoder) throws {
    self.rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  /// Writes the reason as printed.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  /// The reason as printed.
  public var description: String { rawValue }

  /// In the order of their names.
  public static func < (lhs: LeftOutReason, rhs: LeftOutReason) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `barcode`: A barcode line (of the print shop's job).
  public static let barcode = LeftOutReason("barcode")

  /// `footnote-rule`: The rule line above a page's footnotes.
  public static let footnoteRule = LeftOutReason("footnote-rule")

  /// `front-matter`: A Markdown front-matter line (its facts are read).
  public static let frontMatter = LeftOutReason("front-matter")

  /// `job-number`: The print shop's job number (`12-48734 (E)`).
  public static let jobNumber = LeftOutReason("job-number")

  /// `markdown-rule`: A Markdown rule line (`---`, `***`).
  public static let markdownRule = LeftOutReason("markdown-rule")

  /// `masthead`: A line of the masthead: the body, the distribution, the symbol, the agenda item
  /// (its facts are read).
  public static let masthead = LeftOutReason("masthead")

  /// `masthead-part`: A piece of the masthead printed on a line with other text (the rest of the
  /// line is kept).
  public static let mastheadPart = LeftOutReason("masthead-part")

  /// `ods-comment-anchor`: The anchor of a comment of the ODS export, inside a line.
  public static let odsCommentAnchor = LeftOutReason("ods-comment-anchor")

  /// `ods-trailer`: The ODS export trailer (`<<ODS JOB NO>>` …) and what follows it.
  public static let odsTrailer = LeftOutReason("ods-trailer")

  /// `page-footer`: The document symbol at the foot of a PDF page.
  public static let pageFooter = LeftOutReason("page-footer")

  /// `page-header`: The document symbol at the head of a page.
  public static let pageHeader = LeftOutReason("page-header")

  /// `page-number`: A page number (`2`, `2/19`).
  public static let pageNumber = LeftOutReason("page-number")

  /// `previous-item`: The end of the volume's previous item (a statement, the meeting's
  /// decisions) printed above a Security Council resolution's heading on the same page.
  public static let previousItem = LeftOutReason("previous-item")

  /// `repeated-note`: A decision's note legend printed again word for word under a later part.
  public static let repeatedNote = LeftOutReason("repeated-note")

  /// `rule`: A rule line of a decision.
  public static let rule = LeftOutReason("rule")

  /// `running-title`: The running title at the head of a page.
  public static let runningTitle = LeftOutReason("running-title")

  /// Every reason declared here, in the order of their names.
  public static let all: [LeftOutReason] = [
    .barcode,
    .footnoteRule,
    .frontMatter,
    .jobNumber,
    .markdownRule,
    .masthead,
    .mastheadPart,
    .odsCommentAnchor,
    .odsTrailer,
    .pageFooter,
    .pageHeader,
    .pageNumber,
    .previousItem,
    .repeatedNote,
    .rule,
    .runningTitle,
  ]
}
