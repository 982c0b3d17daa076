/// Which page a preview is.
public enum PreviewLayout: String, Sendable, CaseIterable {
  /// A text or PDF beside its source, an AKN document in one column.
  case automatic
  /// The document alone, in one column (`HTMLPreview`).
  case singleColumn = "single-column"
}

/// Options for ``Previewer/preview(_:options:)``.
public struct PreviewOptions: Sendable {
  /// How a text or PDF is converted (its form, hints, limits, strictness).
  public var conversion: ConversionOptions
  /// Which page.
  public var layout: PreviewLayout

  /// Options converting with `conversion`, laid out as `layout`.
  public init(conversion: ConversionOptions, layout: PreviewLayout = .automatic) {
    self.conversion = conversion
    self.layout = layout
  }
}

/// A rendered preview.
public struct PreviewResult: Sendable {
  /// The page: one self-contained HTML5 document.
  public var html: String
  /// The conversion, when the input was a text or a PDF; nil for an AKN document.
  public var conversion: ConversionResult?
  /// For an AKN document: why it is not schema-valid AKN 3.0 (its namespace, the schema's
  /// errors), shown in a notice on the page; empty when it is valid.
  public var notices: [Diagnostic]
}

/// The preview of any input `akn` reads, as the CLI and the server show it: an AKN document
/// rendered as it is (with a notice when it is not schema-valid AKN 3.0); a text or PDF converted
/// first, then shown beside its source (`SideBySidePreview`) or alone (`HTMLPreview`).
public struct Previewer: Sendable {
  /// The converter for texts and PDFs; its schema also checks AKN documents.
  public let converter: Converter

  /// A previewer converting with `converter`.
  public init(converter: Converter) {
    self.converter = converter
  }

  /// The page of `bytes`.
  ///
  /// - Throws: `ConversionError` when an AKN input is not well-formed XML (or over the size
  ///   limit), or a text or PDF does not convert (as ``Converter/convert(_:options:)`` says).
  public func preview(_ bytes: [UInt8], options: PreviewOptions) throws(ConversionError) -> PreviewResult {
    if Self.looksLikeXML(bytes) {
      guard bytes.count <= options.conversion.maximumInputBytes else {
        throw ConversionError(
          "the input is \(bytes.count) bytes, over the limit of \(options.conversion.maximumInputBytes) bytes",
          rule: .inputSize)
      }
      // Blanks before the XML declaration would make it unparsable.
      let start = bytes.firstIndex(of: UInt8(ascii: "<")) ?? 0
      let xml = Array(bytes[start...])
      let report = Validator(
        schema: converter.schema, profile: .none, maximumBytes: options.conversion.maximumInputBytes
      )
      .validate(bytes: xml, path: "input")
      // A file that is not XML at all is an error (render throws), not a notice.
      let notices = report.errors
      let html = try HTMLPreview(notices: notices).render(xml: xml)
      return PreviewResult(html: html, conversion: nil, notices: notices)
    }
    var conversionOptions = options.conversion
    let sideBySide = options.layout == .automatic
    conversionOptions.sourceSpans = sideBySide
    let result = try converter.convert(bytes, options: conversionOptions)
    let document = try AKNRenderer(markupDate: conversionOptions.markupDate).render(result.reading)
    let html: String
    if sideBySide {
      let lines: [String]
      let pageStarts: [Int]?
      if let extracted = result.reading.extracted {
        lines = extracted.lines
        pageStarts = extracted.pageStarts
      } else {
        lines = Self.lines(of: bytes)
        pageStarts = nil
      }
      html = SideBySidePreview(diagnostics: result.warnings).render(
        document, reading: result.reading, sourceLines: lines, pageStarts: pageStarts)
    } else {
      html = HTMLPreview(diagnostics: result.warnings).render(document)
    }
    return PreviewResult(html: html, conversion: result, notices: [])
  }

  /// Whether the first byte that is not white space (or a UTF-8 byte-order mark) is `<`: an
  /// XML document, rendered as it is, and not converted.
  public static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
    var index = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: "<"): return true
      default: return false
      }
    }
    return false
  }

  /// The lines of a text as printed (a byte-order mark dropped; lines ending at LF, CR LF or CR,
  /// as ``SourceLocationConverter`` counts them), without their line ends.
  static func lines(of bytes: [UInt8]) -> [String] {
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
    let starts = SourceLocationConverter(bytes: text).lineStarts
    var lines: [String] = []
    lines.reserveCapacity(starts.count)
    for (index, start) in starts.enumerated() {
      var end = index + 1 < starts.count ? starts[index + 1] : text.count
      if index + 1 == starts.count && start == end && index > 0 { break }  // after the last line end
      while end > start, text[end - 1] == 0x0A || text[end - 1] == 0x0D { end -= 1 }
      lines.append(String(decoding: text[start..<end], as: UTF8.self))
    }
    return lines
  }
}
