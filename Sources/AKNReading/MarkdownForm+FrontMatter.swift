import AKNModel
import Foundation

extension MarkdownForm {
  /// The front matter against what the text says: the text wins, the front matter fills what it
  /// lacks, a disagreement is a warning.
  static func reconcile(_ frontMatter: FrontMatter, with reading: inout Reading) {
    var metadata = reading.resolution.metadata
    func warn(_ key: String, _ message: String) {
      reading.report.warnings.append(
        Diagnostic(
          .warning, rule: .markdownFrontMatter, message: "front matter \(key): " + message,
          line: frontMatter.line(of: key)))
    }
    if let symbol = frontMatter.value("symbol") {
      if let printed = metadata.symbol {
        if printed != symbol {
          warn("symbol", "\"\(symbol)\" but the text prints \"\(printed)\"; the text's is kept")
        }
      } else {
        metadata.symbol = symbol
      }
      if let number = metadata.number,
        !symbol.hasSuffix("/" + number.replacingOccurrences(of: " ", with: "")),
        !symbol.hasSuffix("/" + number)
      {
        warn("symbol", "\"\(symbol)\" does not end with the number the text prints (\(number))")
      }
    }
    if var title = frontMatter.value("title") {
      // The catalogue's title ends in " :" (the place of a subtitle).
      while title.hasSuffix(":") { title = String(title.dropLast()).trimmed }
      title = title.collapsingSpaces
      if let printed = metadata.title {
        if printed == title {
        } else if title.hasPrefix(printed + " "), printed.count >= 10 {
          // The text's title stops short (the pipeline dropped its wrapped line).
          metadata.title = title
          if let index = reading.resolution.preface.firstIndex(where: {
            if case .numberAndTitle = $0.role { return true } else { return false }
          }), case .numberAndTitle(let number, _) = reading.resolution.preface[index].role {
            let line = reading.resolution.preface[index].text.line
            reading.resolution.preface[index] = PrefaceLine(
              role: .numberAndTitle(number: number, title: title),
              text: TextBlock("\(number). \(title)", line: line))
          }
          warn(
            "title",
            "the title printed in the text stops at \"\(printed)\"; completed from the front matter: \"\(title)\""
          )
        } else if !TitleComparison.same(printed, title) {
          warn("title", "\"\(title)\" but the text prints \"\(printed)\"; the text's is kept")
        }
      } else {
        metadata.title = title
      }
    }
    if let raw = frontMatter.value("date") {
      // The front matter's date is the distribution date, never the adoption date.
      if let date = SimpleDate(iso: raw) ?? Dates.parse(raw) {
        if let printed = metadata.distributionDate {
          if printed != date {
            warn("date", "\(date) but the masthead's distribution date is \(printed); the masthead's is kept")
          }
        } else {
          metadata.distributionDate = date
        }
      } else {
        warn("date", "\"\(raw)\" is not a date (expected YYYY-MM-DD); ignored")
      }
    }
    if let source = frontMatter.value("source_pdf") ?? frontMatter.value("source") ?? frontMatter.value("url")
    {
      metadata.source = source
    }
    if let language = frontMatter.value("language"),
      !["en", "eng", "english"].contains(language.lowercased())
    {
      warn("language", "\"\(language)\": akn reads English texts; the output is marked as English")
    }
    reading.resolution.metadata = metadata
  }
}

extension SimpleDate {
  /// A date written `YYYY-MM-DD`, if it exists.
  init?(iso text: String) {
    let parts = text.split(separator: "-")
    guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), parts[1].count == 2, parts[2].count == 2
    else { return nil }
    self.init(year: year, month: month, day: day)
  }
}
