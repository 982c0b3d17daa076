public import AKNModel

/// What a file is, judged by its content (never by its name), for the inputs `convert` does not
/// read: office documents, archives, XML and HTML, and texts in another language than English.
public enum InputType {
  /// Why `bytes` are a file of a type that is not a resolution's text or PDF, with what to do;
  /// nil when they may be one (text, a PDF, or bytes the text decoder judges itself).
  public static func wrongType(_ bytes: [UInt8]) -> ConversionError? {
    let head = bytes.prefix(4096)
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
      let kind: String
      if text.contains("word/") {
        kind = "a Word document (.docx); save it as PDF or as plain text (UTF-8) and convert that"
      } else if text.contains("application/vnd.oasis.opendocument.text") {
        kind = "an OpenDocument text (.odt); save it as PDF or as plain text (UTF-8) and convert that"
      } else {
        kind = "a zip archive; akn batch converts the documents inside an archive"
      }
      return ConversionError("the input is \(kind)", rule: "input.type", line: 1, column: 1)
    }
    if let kind = binaryKind(bytes) {
      return ConversionError("the input is \(kind)", rule: "input.type", line: 1, column: 1)
    }
    // Markup: the first thing after a byte-order mark and white space.
    var start = head.startIndex
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
    while start < head.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(head[start]) { start += 1 }
    guard start < head.endIndex, head[start] == 0x3C else { return nil }
    let opening = String(decoding: head[start...], as: UTF8.self).lowercased()
    if opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html") {
      return ConversionError(
        "the input is an HTML page, not a resolution's text; save the resolution as PDF or as plain text (UTF-8) and convert that",
        rule: "input.type", line: 1, column: 1)
    }
    if opening.hasPrefix("<?xml") || opening.hasPrefix("<!--") || opening.hasPrefix("<!doctype")
      || opening.dropFirst().first.map({ $0.isLetter }) == true
    {
      let what = opening.contains("akomantoso") ? "an Akoma Ntoso (XML) document" : "XML"
      return ConversionError(
        "the input is \(what), not a resolution's text: use akn validate to check an AKN document",
        rule: "input.type", line: 1, column: 1)
    }
    return nil
  }

  /// Why `text` is not in English, judged from its own function words; nil when it is, or
  /// when it has too few words to tell.
  public static func notEnglish(_ text: SourceText) -> ConversionError? {
    let english: Set<Substring> = ["the", "of", "and", "to", "in", "that", "its", "for", "with", "by", "on"]
    let others: [(String, Set<Substring>)] = [
      ("French", ["le", "la", "les", "des", "du", "et", "aux", "dans", "pour", "sur", "une"]),
      ("Spanish", ["el", "los", "las", "del", "y", "para", "con", "por", "una", "sobre"]),
      ("Portuguese", ["os", "as", "do", "da", "dos", "das", "e", "para", "com", "uma"]),
      ("German", ["der", "die", "das", "und", "den", "des", "mit", "von", "zu", "für"]),
    ]
    var englishCount = 0
    var counts = [Int](repeating: 0, count: others.count)
    var words = 0
    for line in text.lines {
      for word in line.text.lowercased().split(whereSeparator: { !$0.isLetter }) {
        words += 1
        if english.contains(word) { englishCount += 1 }
        for (index, language) in others.enumerated() where language.1.contains(word) { counts[index] += 1 }
      }
      if words > 3000 { break }
    }
    guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] >= 8,
      counts[best] > 3 * englishCount
    else { return nil }
    return ConversionError(
      "the text looks like \(others[best].0), not English (its function words); only English texts are read so far",
      rule: "input.language", line: 1, column: 1)
  }
}
