/// Damaged copies of a PDF, made from a seed as an unlucky download or a hostile sender makes
/// them: bytes flipped (one, fifty in a row, inside content streams), the file cut short
/// (anywhere, or its tail), the cross-reference table or `startxref` broken, an object blanked,
/// an object defined twice.
enum PDFMutants {
  /// A kind of damage.
  enum Kind: String, CaseIterable, Sendable {
    case flip1, flip50, streamFlip, truncate, tail, xref, startxref, blank, duplicate
  }

  /// The seeded generator of the differential tests (SplitMix64): the same mutants every run.
  typealias Random = SplitMix64

  /// `count` mutants of `pdf`, the kinds in turn.
  static func make(_ pdf: [UInt8], count: Int, seed: UInt64) -> [(kind: Kind, bytes: [UInt8])] {
    var random = Random(state: seed)
    return (0..<count).map { index in
      let kind = Kind.allCases[index % Kind.allCases.count]
      return (kind, mutate(pdf, kind, &random))
    }
  }

  /// `pdf` with one damage of `kind`.
  static func mutate(_ pdf: [UInt8], _ kind: Kind, _ random: inout Random) -> [UInt8] {
    var bytes = pdf
    let count = bytes.count
    switch kind {
    case .flip1:
      bytes[Int.random(in: 0..<count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
    case .flip50:
      let start = Int.random(in: 0..<(count - 50), using: &random)
      for offset in start..<(start + 50) { bytes[offset] = UInt8.random(in: 0...255, using: &random) }
    case .streamFlip:
      let streams = self.streams(pdf)
      guard let range = streams.randomElement(using: &random) else { return bytes }
      for _ in 0..<[1, 1, 4].randomElement(using: &random)! {
        bytes[Int.random(in: range, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
      }
    case .truncate:
      bytes = Array(bytes.prefix(Int.random(in: (count / 10)..<count, using: &random)))
    case .tail:
      bytes = Array(bytes.prefix(count - Int.random(in: 1..<min(2048, count / 2), using: &random)))
    case .xref:
      // Digits of a cross-reference table (or stream dictionary) replaced at random.
      let tables = occurrences(of: "xref", in: pdf)
      guard let start = tables.randomElement(using: &random) else { return bytes }
      let end = min(count, start + Int.random(in: 20..<400, using: &random))
      for offset in start..<end where (0x30...0x39).contains(bytes[offset]) {
        bytes[offset] = 0x30 + UInt8.random(in: 0...9, using: &random)
      }
    case .startxref:
      guard let at = occurrences(of: "startxref", in: pdf).last else { return bytes }
      var start = at + 9
      while start < count, !(0x30...0x39).contains(bytes[start]) { start += 1 }
      var end = start
      while end < count, (0x30...0x39).contains(bytes[end]) { end += 1 }
      bytes.replaceSubrange(start..<end, with: Array(String(Int.random(in: 0..<count, using: &random)).utf8))
    case .blank:
      guard let object = objects(pdf).randomElement(using: &random) else { return bytes }
      for offset in object { bytes[offset] = 0x20 }
    case .duplicate:
      // Another object's body under the number of one, added before the last table.
      let all = objects(pdf)
      guard let target = all.randomElement(using: &random), let source = all.randomElement(using: &random),
        let at = occurrences(of: "\nxref", in: pdf).last ?? occurrences(of: "startxref", in: pdf).last
      else { return bytes }
      let number = pdf[target].prefix { $0 != 0x20 }
      let body = pdf[source].drop { $0 != 0x20 }
      bytes.insert(contentsOf: Array(number) + Array(body) + [0x0D, 0x0A], at: at + 1)
    }
    return bytes
  }

  /// The byte ranges of the objects (`N 0 obj` … `endobj`).
  static func objects(_ pdf: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    for end in occurrences(of: " 0 obj", in: pdf) {
      var start = end
      while start > 0, (0x30...0x39).contains(pdf[start - 1]) { start -= 1 }
      guard start < end, start == 0 || pdf[start - 1] == 0x0A || pdf[start - 1] == 0x0D,
        let close = firstOccurrence(of: "endobj", in: pdf, from: end)
      else { continue }
      ranges.append(start..<(close + 6))
    }
    return ranges
  }

  /// The byte ranges of the streams' data.
  static func streams(_ pdf: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    for at in occurrences(of: "stream", in: pdf) where at < 3 || pdf[(at - 3)..<at] != Array("end".utf8)[...]
    {
      var start = at + 6
      if start < pdf.count, pdf[start] == 0x0D { start += 1 }
      if start < pdf.count, pdf[start] == 0x0A { start += 1 }
      guard let end = firstOccurrence(of: "endstream", in: pdf, from: start), end > start + 10 else {
        continue
      }
      ranges.append(start..<end)
    }
    return ranges
  }

  static func occurrences(of text: String, in bytes: [UInt8]) -> [Int] {
    var found: [Int] = []
    var from = 0
    while let at = firstOccurrence(of: text, in: bytes, from: from) {
      found.append(at)
      from = at + 1
    }
    return found
  }

  static func firstOccurrence(of text: String, in bytes: [UInt8], from: Int) -> Int? {
    let needle = Array(text.utf8)
    guard from + needle.count <= bytes.count else { return nil }
    var index = from
    while index + needle.count <= bytes.count {
      if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
        return index
      }
      index += 1
    }
    return nil
  }
}
