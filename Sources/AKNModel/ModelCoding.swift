// The model's `Codable` conformances that cannot be synthesised with a clean JSON shape: an enum
// with payloads is an object whose `"kind"` names the case, its payload as sibling keys; a date
// is `"YYYY-MM-DD"`; a body is its actor code and name. An absent value is an absent key, never
// `null` (the synthesised conformances use `encodeIfPresent` for optionals; so do these).

extension SimpleDate: Codable {
  /// Reads `"YYYY-MM-DD"`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    let fields = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.count == 10, fields.count == 3, fields.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]),
      let date = SimpleDate(year: year, month: month, day: day)
    else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a real date as YYYY-MM-DD, found \"\(text)\"")
    }
    self = date
  }

  /// Writes `"YYYY-MM-DD"`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension UNBody: Codable {
  private enum CodingKeys: String, CodingKey {
    case actor, name
  }

  /// Reads `{"actor": "un-ga", "name": …}`: the row of the table with that actor code.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let actor = try container.decode(String.self, forKey: .actor)
    guard let body = UNBody.withActor(actor) ?? UNBody.mainCommittees.first(where: { $0.actor == actor })
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .actor, in: container, debugDescription: "no body has the actor code \"\(actor)\"")
    }
    self = body
  }

  /// Writes the actor code and the name as printed: `{"actor": "un-ga", "name": "General Assembly"}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(actor, forKey: .actor)
    try container.encode(name, forKey: .name)
  }
}

/// The key naming an enum case in the JSON shape of the model.
private enum KindKey: String, CodingKey {
  case kind
}

/// The error for a `"kind"` no case has.
private func unknownKind(_ kind: String, _ container: KeyedDecodingContainer<KindKey>) -> DecodingError {
  DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown kind \"\(kind)\"")
}

extension TextBlock.Segment: Codable {
  private enum CodingKeys: String, CodingKey {
    case text, marker, form, href, isSelf, part, date, actor, segments, body, number, citedKind
  }

  /// Reads `{"kind": "text", "text": …}`, `{"kind": "noteRef", "marker": …}`,
  /// `{"kind": "noteRepeat", "marker": …}`, `{"kind": "citation", "form": …, "href": …,
  /// "text": …}` (with the cited act's `"body"`, `"citedKind"`, `"number"` and `"date"` when
  /// reading found them), `{"kind": "leadPhrase", "text": …}`, `{"kind": "italic", "text": …}` or `{"kind": "part", "part": …,
  /// "segments": […]}` (a date part with `"date"`, a committee with its `"actor"`).
  public init(from decoder: any Decoder) throws {
    let kinds = try decoder.container(keyedBy: KindKey.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch try kinds.decode(String.self, forKey: .kind) {
    case "text": self = .text(try container.decode(String.self, forKey: .text))
    case "noteRef": self = .noteRef(marker: try container.decode(String.self, forKey: .marker))
    case "noteRepeat": self = .noteRepeat(marker: try container.decode(String.self, forKey: .marker))
    case "citation":
      self = .citation(
        Citation(
          form: try container.decode(Citation.Form.self, forKey: .form),
          href: try container.decodeIfPresent(String.self, forKey: .href),
          text: try container.decode(String.self, forKey: .text),
          isSelf: try container.decodeIfPresent(Bool.self, forKey: .isSelf) ?? false,
          body: try container.decodeIfPresent(UNBody.self, forKey: .body),
          kind: try container.decodeIfPresent(Citation.Kind.self, forKey: .citedKind),
          number: try container.decodeIfPresent(Citation.Number.self, forKey: .number),
          date: try container.decodeIfPresent(SimpleDate.self, forKey: .date)))
    case "leadPhrase": self = .leadPhrase(try container.decode(String.self, forKey: .text))
    case "italic": self = .italic(try container.decode(String.self, forKey: .text))
    case "part":
      let inner = try container.decode([TextBlock.Segment].self, forKey: .segments)
      let part: TextBlock.LinePart
      switch try container.decode(String.self, forKey: .part) {
      case "docType": part = .docType
      case "docStatus": part = .docStatus
      case "docAuthority": part = .docAuthority
      case "docDate": part = .docDate(try container.decode(SimpleDate.self, forKey: .date))
      case "docCommittee":
        part = .docCommittee(actor: try container.decodeIfPresent(String.self, forKey: .actor))
      case "docNumber": part = .docNumber
      case "docTitle": part = .docTitle
      case "meeting": part = .meeting
      case "date": part = .date(try container.decode(SimpleDate.self, forKey: .date))
      case let other:
        throw DecodingError.dataCorruptedError(
          forKey: .part, in: container, debugDescription: "unknown part \"\(other)\"")
      }
      self = .part(part, inner)
    case let kind: throw unknownKind(kind, kinds)
    }
  }

  /// Writes the shapes ``init(from:)`` reads; `isSelf` only when true, `actor` only when known.
  public func encode(to encoder: any Encoder) throws {
    var kinds = encoder.container(keyedBy: KindKey.self)
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .text(let text):
      try kinds.encode("text", forKey: .kind)
      try container.encode(text, forKey: .text)
    case .noteRef(let marker):
      try kinds.encode("noteRef", forKey: .kind)
      try container.encode(marker, forKey: .marker)
    case .noteRepeat(let marker):
      try kinds.encode("noteRepeat", forKey: .kind)
      try container.encode(marker, forKey: .marker)
    case .citation(let citation):
      try kinds.encode("citation", forKey: .kind)
      try container.encode(citation.form, forKey: .form)
      try container.encodeIfPresent(citation.href, forKey: .href)
      try container.encode(citation.text, forKey: .text)
      if citation.isSelf { try container.encode(true, forKey: .isSelf) }
      try container.encodeIfPresent(citation.body, forKey: .body)
      try container.encodeIfPresent(citation.kind, forKey: .citedKind)
      try container.encodeIfPresent(citation.number, forKey: .number)
      try container.encodeIfPresent(citation.date, forKey: .date)
    case .leadPhrase(let text):
      try kinds.encode("leadPhrase", forKey: .kind)
      try container.encode(text, forKey: .text)
    case .italic(let text):
      try kinds.encode("italic", forKey: .kind)
      try container.encode(text, forKey: .text)
    case .part(let part, let inner):
      try kinds.encode("part", forKey: .kind)
      switch part {
      case .docType: try container.encode("docType", forKey: .part)
      case .docStatus: try container.encode("docStatus", forKey: .part)
      case .docAuthority: try container.encode("docAuthority", forKey: .part)
      case .docDate(let date):
        try container.encode("docDate", forKey: .part)
        try container.encode(date, forKey: .date)
      case .docCommittee(let actor):
        try container.encode("docCommittee", forKey: .part)
        try container.encodeIfPresent(actor, forKey: .actor)
      case .docNumber: try container.encode("docNumber", forKey: .part)
      case .docTitle: try container.encode("docTitle", forKey: .part)
      case .meeting: try container.encode("meeting", forKey: .part)
      case .date(let date):
        try container.encode("date", forKey: .part)
        try container.encode(date, forKey: .date)
      }
      try container.encode(inner, forKey: .segments)
    }
  }
}

extension TextBlock: Codable {
  private enum CodingKeys: String, CodingKey {
    case segments, line, span
  }

  private enum SegmentKeys: String, CodingKey {
    case span
  }

  /// Reads `{"segments": […], "line": N, "span": {…}}`, each segment's own `"span"` if any.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    line = try container.decode(Int.self, forKey: .line)
    span = try container.decodeIfPresent(SourceSpan.self, forKey: .span)
    var list = try container.nestedUnkeyedContainer(forKey: .segments)
    segments = []
    var spans: [SourceSpan?] = []
    while !list.isAtEnd {
      let element = try list.superDecoder()
      segments.append(try Segment(from: element))
      spans.append(
        try element.container(keyedBy: SegmentKeys.self).decodeIfPresent(SourceSpan.self, forKey: .span))
    }
    segmentSpans = spans.contains { $0 != nil } ? spans : []
  }

  /// Writes the segments (each with its `"span"` when known), the line and the span.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(line, forKey: .line)
    try container.encodeIfPresent(span, forKey: .span)
    var list = container.nestedUnkeyedContainer(forKey: .segments)
    for (index, segment) in segments.enumerated() {
      let element = list.superEncoder()
      try segment.encode(to: element)
      if index < segmentSpans.count, let span = segmentSpans[index] {
        var spanContainer = element.container(keyedBy: SegmentKeys.self)
        try spanContainer.encode(span, forKey: .span)
      }
    }
  }
}

extension BodyItem: Codable {
  /// Reads a paragraph (`{"kind": "paragraph", …the block's keys}`) or a section
  /// (`{"kind": "section", …the section's keys}`).
  public init(from decoder: any Decoder) throws {
    let kinds = try decoder.container(keyedBy: KindKey.self)
    switch try kinds.decode(String.self, forKey: .kind) {
    case "paragraph": self = .paragraph(try Block(from: decoder))
    case "section": self = .section(try Section(from: decoder))
    case let kind: throw unknownKind(kind, kinds)
    }
  }

  /// Writes the paragraph's or section's own keys and `"kind"`: `"paragraph"` or `"section"`.
  public func encode(to encoder: any Encoder) throws {
    var kinds = encoder.container(keyedBy: KindKey.self)
    switch self {
    case .paragraph(let block):
      try kinds.encode("paragraph", forKey: .kind)
      try block.encode(to: encoder)
    case .section(let section):
      try kinds.encode("section", forKey: .kind)
      try section.encode(to: encoder)
    }
  }
}

extension PrefaceLine.Role: Codable {
  private enum CodingKeys: String, CodingKey {
    case number, title, date, printed
  }

  /// Reads `{"kind": "adoption"}`, `{"kind": "numberAndTitle", "number": …, "title": …}`,
  /// `{"kind": "number", "number": …}`, `{"kind": "date", "date": …, "printed": …}` …
  public init(from decoder: any Decoder) throws {
    let kinds = try decoder.container(keyedBy: KindKey.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch try kinds.decode(String.self, forKey: .kind) {
    case "adoption": self = .adoption
    case "committee": self = .committee
    case "numberAndTitle":
      self = .numberAndTitle(
        number: try container.decode(String.self, forKey: .number),
        title: try container.decode(String.self, forKey: .title))
    case "number": self = .number(try container.decode(String.self, forKey: .number))
    case "date":
      self = .date(
        try container.decode(SimpleDate.self, forKey: .date),
        printed: try container.decode(String.self, forKey: .printed))
    case "other": self = .other
    case let kind: throw unknownKind(kind, kinds)
    }
  }

  /// Writes `"kind"` (the case's name) and the case's values.
  public func encode(to encoder: any Encoder) throws {
    var kinds = encoder.container(keyedBy: KindKey.self)
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .adoption: try kinds.encode("adoption", forKey: .kind)
    case .committee: try kinds.encode("committee", forKey: .kind)
    case .numberAndTitle(let number, let title):
      try kinds.encode("numberAndTitle", forKey: .kind)
      try container.encode(number, forKey: .number)
      try container.encode(title, forKey: .title)
    case .number(let number):
      try kinds.encode("number", forKey: .kind)
      try container.encode(number, forKey: .number)
    case .date(let date, let printed):
      try kinds.encode("date", forKey: .kind)
      try container.encode(date, forKey: .date)
      try container.encode(printed, forKey: .printed)
    case .other: try kinds.encode("other", forKey: .kind)
    }
  }
}

extension ConclusionLine.Role: Codable {
  private enum CodingKeys: String, CodingKey {
    case number, date
  }

  /// Reads `{"kind": "meeting", "number": 48}`, `{"kind": "date", "date": "2012-12-03"}` or
  /// `{"kind": "other"}`.
  public init(from decoder: any Decoder) throws {
    let kinds = try decoder.container(keyedBy: KindKey.self)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch try kinds.decode(String.self, forKey: .kind) {
    case "meeting": self = .meeting(number: try container.decode(Int.self, forKey: .number))
    case "date": self = .date(try container.decode(SimpleDate.self, forKey: .date))
    case "other": self = .other
    case let kind: throw unknownKind(kind, kinds)
    }
  }

  /// Writes `"kind"` (the case's name) and the case's value.
  public func encode(to encoder: any Encoder) throws {
    var kinds = encoder.container(keyedBy: KindKey.self)
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .meeting(let number):
      try kinds.encode("meeting", forKey: .kind)
      try container.encode(number, forKey: .number)
    case .date(let date):
      try kinds.encode("date", forKey: .kind)
      try container.encode(date, forKey: .date)
    case .other: try kinds.encode("other", forKey: .kind)
    }
  }
}

extension MovedLines: Codable {
  private enum CodingKeys: String, CodingKey {
    case first, last, before
  }

  /// Reads `{"first": …, "last": …, "before": …}`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let first = try container.decode(Int.self, forKey: .first)
    let last = try container.decode(Int.self, forKey: .last)
    guard first <= last else {
      throw DecodingError.dataCorruptedError(
        forKey: .last, in: container,
        debugDescription: "the last moved line \(last) is before the first, \(first)")
    }
    self.init(lines: first...last, before: try container.decode(Int.self, forKey: .before))
  }

  /// Writes the first and last line moved and the line they go before.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(lines.lowerBound, forKey: .first)
    try container.encode(lines.upperBound, forKey: .last)
    try container.encode(before, forKey: .before)
  }
}
