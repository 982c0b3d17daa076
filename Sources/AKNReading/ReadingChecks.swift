package import AKNModel
import Foundation

/// Checks of a reading against what every document of its kind has, so that text lost before
/// reading (a damaged PDF, a cut-short file) is never silent: a General Assembly resolution has
/// its enacting formula, a resolution its operative paragraph 1. Old Security Council
/// resolutions (1946–1949) have no formula and some General Assembly resolutions no preamble
/// (the corpus has both): those two are held against a reading only when its input is known to
/// be damaged.
package enum ReadingChecks {
  /// Warnings for the parts of `resolution` its kind always has and its reading did not find;
  /// with `damaged`, also the parts it nearly always has (any resolution's formula, a General
  /// Assembly resolution's preamble). Decisions are not checked.
  package static func completeness(_ resolution: Resolution, damaged: Bool = false) -> [Diagnostic] {
    guard resolution.kind == .resolution else { return [] }
    var warnings: [Diagnostic] = []
    let firstLine = resolution.body.first.map(line(of:))
    let isGA = resolution.metadata.organ == .generalAssembly
    // Parts A, B … may each carry their own formula and preamble.
    let sectionIntros = resolution.body.contains {
      if case .section(let section) = $0 { return !section.intro.isEmpty }
      return false
    }
    if resolution.formula == nil, !sectionIntros, isGA || damaged {
      warnings.append(
        Diagnostic(
          .warning, rule: .structureNoFormula,
          message:
            "no enacting formula (\"The General Assembly,\", \"The Security Council,\") was read before the operative part: the text before it may be missing from the input",
          line: firstLine))
    }
    if damaged, isGA, resolution.preamble.isEmpty, !sectionIntros {
      warnings.append(
        Diagnostic(
          .warning, rule: .structureNoPreamble,
          message: "no preambular paragraph was read: the text before the operative part may be missing",
          line: firstLine))
    }
    if let (number, line) = firstNumber(resolution.body), number > 1 {
      warnings.append(
        Diagnostic(
          .warning, rule: .structureFirstParagraph,
          message:
            "the first operative paragraph read is numbered \(number): paragraph\(number == 2 ? " 1 is" : "s 1 to \(number - 1) are") missing from the input (or their numbers misread)",
          line: line))
    }
    return warnings
  }

  /// A refusal when `reading` comes from a PDF poppler found damaged (a `pdf.damaged` warning)
  /// and lacks a part its kind has: its text is known to be incomplete, so it says the PDF is
  /// damaged, with poppler's reason, and what is missing. Nil otherwise.
  package static func refusingDamagedLoss(_ reading: Reading) -> ConversionError? {
    let warnings = reading.report.warnings
    guard let damage = warnings.first(where: { $0.rule == RuleID.pdfDamaged }) else { return nil }
    let place = { (diagnostic: Diagnostic) in reading.extracted?.placing(diagnostic) ?? diagnostic }
    let missing = completeness(reading.resolution, damaged: true).map(place)
    guard !missing.isEmpty else { return nil }
    var lead = damage
    lead.severity = .error
    lead.rule = RuleID.inputPDFDamaged
    lead.message =
      damage.message.components(separatedBy: "; words may be missing").first!
      + " and its text came out incomplete; download it again"
    return ConversionError(
      diagnostics: [lead]
        + missing.map {
          var error = $0
          error.severity = .error
          return error
        })
  }

  /// The number of the first numbered paragraph of the operative part (`1.`, `2`), and its line.
  private static func firstNumber(_ items: [BodyItem]) -> (Int, Int)? {
    for item in items {
      switch item {
      case .paragraph(let block):
        guard let num = block.num else { continue }
        let digits = num.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        return (value, block.text.line)
      case .section(let section):
        // An article or rule numbers its own paragraphs; a part restarts at 1.
        guard section.unit == .section else { return nil }
        if let found = firstNumber(section.items) { return found }
      }
    }
    return nil
  }

  private static func line(of item: BodyItem) -> Int {
    switch item {
    case .paragraph(let block): block.text.line
    case .section(let section): section.line
    }
  }
}
