public import AKNModel
import Foundation

/// The last stage of reading, the same for every form: checks of what the document's kind
/// always has, the facts the text does not print taken from hints, the document's identity, and
/// the inline reading (citations, lead phrases, note references, the parts of the preface and
/// closing lines). What a renderer needs is decided here, so that it only renders.
public enum ReadingCompletion {
  /// Completes `reading`, read by a form reader: refuses a damaged PDF's missing parts, warns of
  /// parts its kind always has and reading did not find, fills facts from `hints` (the text
  /// wins), decides the identity, and reads the inline content.
  ///
  /// - Throws: ``ConversionError`` when a PDF is not English, a damaged PDF lost a part, or the
  ///   document lacks what its identity needs (an adoption date, a number).
  public static func complete(_ reading: inout Reading, hints: DocumentHints?) throws(ConversionError) {
    if let extracted = reading.extracted {
      // A PDF's words are its text's, not its bytes'.
      let text = SourceText(
        lines: extracted.lines.enumerated().map { SourceText.Line(number: $0.offset + 1, text: $0.element) })
      if let error = InputType.notEnglish(text) { throw error }
    }
    // Parts its kind always has, missing: a warning; from a PDF known damaged: a refusal.
    if let refusal = ReadingChecks.refusingDamagedLoss(reading) { throw refusal }
    let extracted = reading.extracted
    reading.report.warnings += ReadingChecks.completeness(reading.resolution).map {
      extracted?.placing($0) ?? $0
    }
    // Cited acts whose body cannot be named are left unlinked: a note at each (before the
    // notes on facts taken from hints), never a failure.
    let unlinkedAt = reading.report.notes.count
    apply(hints, to: &reading)
    reading.identity = try WorkIdentity(reading.resolution, report: reading.report)
    let unlinked = InlineReading.read(&reading.resolution).map { extracted?.placing($0) ?? $0 }
    reading.report.notes.insert(contentsOf: unlinked, at: unlinkedAt)
  }

  /// Fills what the text does not print from `hints` (with a note saying so), warns where they
  /// contradict it, and gives a decision its session (from its number, else from its date).
  static func apply(_ hints: DocumentHints?, to reading: inout Reading) {
    var metadata = reading.resolution.metadata
    let isDecision = reading.resolution.kind == .decision
    let numberLine =
      reading.resolution.preface.first {
        if case .numberAndTitle = $0.role { return true } else { return false }
      }?.text.line
    if let hints, let hinted = hints.number {
      if let printed = metadata.number {
        if metadata.organ == .generalAssembly, DocumentNumber(printed) != hinted {
          reading.report.warnings.append(
            Diagnostic(
              .warning, rule: .inputNumber,
              message:
                "the text prints the number \(printed), but \(hints.source.description) gives \(hinted); the text's number was kept",
              line: numberLine))
        }
      } else {
        metadata.number = hinted.description
        reading.report.notes.append(
          Diagnostic(
            .note, rule: .inputNumber,
            message: "the number \(hinted) is not in the text; it was taken from \(hints.source.description)")
        )
      }
    }
    if let hints, let title = hints.title {
      if let printed = metadata.title {
        if !TitleComparison.same(printed, title) {
          reading.report.warnings.append(
            Diagnostic(
              .warning, rule: .inputTitle,
              message:
                "the text prints the title \"\(printed)\", but \(hints.source.description) gives \"\(title)\"; the text's title was kept",
              line: reading.resolution.preface.first?.text.line))
        }
      } else {
        metadata.title = title
        reading.report.notes.append(
          Diagnostic(
            .note, rule: .inputTitle,
            message: "the title is not in the text; it was taken from \(hints.source.description)"))
      }
    }
    if let hints, let date = hints.adoptionDate {
      if let printed = metadata.adoptionDate {
        if printed != date {
          reading.report.warnings.append(
            Diagnostic(
              .warning, rule: .inputDate,
              message:
                "the text prints the adoption date \(printed), but the date given with the input is \(date); the text's date was kept",
              line: reading.report.warnings.first { $0.rule == RuleID.textDate }?.line
                ?? reading.resolution.preface.first?.text.line))
        }
      } else {
        metadata.adoptionDate = date
        reading.report.notes.append(
          Diagnostic(
            .note, rule: .inputDate,
            message:
              "the text prints no readable adoption date; \(date) was taken from the date given with the input",
            line: reading.report.warnings.first { $0.rule == RuleID.textDate }?.line))
      }
    }
    if isDecision {
      if let number = metadata.number.flatMap(DocumentNumber.init) {
        metadata.session = metadata.session ?? number.session
      } else if metadata.number == nil {
        reading.report.warnings.append(
          Diagnostic(
            .warning, rule: .decisionUnnumbered,
            message:
              "the decision's number is not in its text and was not given; its IRI names it \"nn\" (not numbered)",
            line: 1))
      }
      if metadata.session == nil, let date = metadata.adoptionDate {
        let (session, certain) = Self.session(on: date)
        metadata.session = session
        if !certain {
          reading.report.warnings.append(
            Diagnostic(
              .warning, rule: .decisionSession,
              message:
                "the session was read from the date \(date), close to the opening of a session: \(session) is a guess; give the decision's number to be sure",
              line: 1))
        }
      }
    }
    reading.resolution.metadata = metadata
  }

  /// The General Assembly session in progress on `date`, and whether that is certain. A regular
  /// session opens on a Tuesday in September (between the 5th and the 18th since 2002) and runs
  /// until the next one opens; dates from 1 to 20 September are uncertain.
  static func session(on date: SimpleDate) -> (Int, certain: Bool) {
    let opened = date.month > 9 || (date.month == 9 && date.day > 12)
    let session = date.year - 1945 - (opened ? 0 : 1)
    return (session, !(date.month == 9 && date.day <= 20))
  }
}
