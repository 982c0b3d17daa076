/// The AKN identity of a resolution: its FRBR IRIs.
public struct WorkIdentity: Sendable, Hashable, Codable {
  /// The IRIs.
  public var iri: FRBRIRI
  /// `/akn/un/statement/deliberation/un-ga/2012-12-03/67-27`.
  public var work: String { iri.work }
  /// `…/eng@2012-12-03`.
  public var expression: String { iri.expression }
  /// `…/eng@2012-12-03.xml`.
  public var manifestation: String { iri.manifestation }
  /// `67-27`.
  public var number: String { iri.number }

  /// The identity of `resolution`, or an error naming what is missing (at the line of the
  /// report's `text.date` warning, if reading gave one).
  public init(_ resolution: Resolution, report: ReadingReport) throws(ConversionError) {
    let metadata = resolution.metadata
    guard let date = metadata.adoptionDate else {
      let example =
        metadata.organ == .securityCouncil
        ? "\"of 22 November 1967\" or \"Adopted by the Security Council at its 3217th meeting, on 25 May 1993\" in the heading"
        : resolution.kind == .decision
          ? "\"At its 62nd plenary meeting, on 4 December 2017, …\""
          : "\"Resolution adopted by the General Assembly on 3 December 2012\""
      if let damaged = report.warnings.first(where: { $0.rule == RuleID.textDate }) {
        // The reader found the date line but could not read it: say which, where.
        throw ConversionError(
          "no adoption date: \(damaged.message); correct it in the text (a line such as \(example)); the AKN identifier needs it",
          rule: .textMetadata, line: damaged.line)
      }
      throw ConversionError(
        "no adoption date found: expected a line such as \(example); the AKN identifier needs it",
        rule: .textMetadata, line: resolution.preface.first?.text.line ?? 1)
    }
    let number: String
    if let printed = metadata.number {
      // "242 (1967)": the Council numbers its resolutions once; the year is not part of the number.
      number =
        metadata.organ == .securityCouncil
        ? String(printed.prefix { $0 != " " && $0 != "(" }) : FRBRIRI.number(printed: printed)
    } else if resolution.kind == .decision {
      number = "nn"  // the decision's number is not in its text: "not numbered"
    } else {
      throw ConversionError(
        "no resolution number found: expected a numbered title such as \"67/27.\tDevelopments in …\" before the formula",
        rule: .textMetadata, line: resolution.preface.first?.text.line ?? 1)
    }
    iri = FRBRIRI(actor: metadata.organ.actor, date: date, number: number)
  }
}
