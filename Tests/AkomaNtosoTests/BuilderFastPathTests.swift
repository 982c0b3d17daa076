import Foundation
import Testing

@testable import AKNMarkup
@testable import AKNModel

/// The faster ways of building the tree and its IRIs (issue 24) give what the code they replace
/// gave: each is compared with a copy of that code on made-up edge cases and, where it reads
/// text, on every line of the shared corpus.
@Suite struct BuilderFastPathTests {
  /// ``FRBRIRI/sessionNumber(_:)`` before issue 24: the numbers read as `Int`s and interpolated.
  static func referenceSessionNumber(_ printed: String) -> String? {
    printed.utf8.withContiguousStorageIfAvailable { bytes -> String? in
      var index = 0
      func digits(max: Int) -> Int? {
        var value = 0
        let start = index
        while index < bytes.count, bytes[index] &- 0x30 < 10 {
          guard index - start < max else { return nil }
          value = value * 10 + Int(bytes[index] &- 0x30)
          index += 1
        }
        return index > start && value > 0 ? value : nil
      }
      guard let session = digits(max: 3), index < bytes.count, bytes[index] == 0x2F else { return nil }
      index += 1
      guard let number = digits(max: 4) else { return nil }
      if index == bytes.count { return "\(session)-\(number)" }
      guard index + 2 == bytes.count, bytes[index] == 0x20, bytes[index + 1] &- 0x41 < 26 else { return nil }
      return "\(session)-\(number)_\(Character(Unicode.Scalar(bytes[index + 1])))"
    } ?? nil
  }

  @Test("the session number written from the bytes is the one the interpolation wrote")
  func sessionNumber() {
    let madeUp = [
      "67/27", "068/0247 B", "0/27", "67/0", "000/1", "1/0001", "999/9999", "1000/1", "1/10000", "67/27 b",
      "67/27 BB", "67/27 ", "67/27B", "/27", "67/", "67", "", "67/27 Z", "67/27 A,", "٦٧/٢٧", "67/27\u{301}",
      "67 / 27", "12/345 Ä", "007/007",
    ]
    var checked = 0
    for line in FastPathTests.corpusLines(after: madeUp) {
      // The line, and each of its words and pairs of words (where printed numbers are).
      let words = line.split(separator: " ").map(String.init)
      var candidates = [line] + words
      for index in words.indices.dropLast() { candidates.append(words[index] + " " + words[index + 1]) }
      for candidate in candidates {
        #expect(FRBRIRI.sessionNumber(candidate) == Self.referenceSessionNumber(candidate), "\(candidate)")
        checked += 1
      }
    }
    #expect(checked >= madeUp.count)
  }

  @Test("the IRIs written in one piece are the interpolated ones")
  func iris() throws {
    let dates = [
      SimpleDate(year: 2012, month: 12, day: 3)!, SimpleDate(year: 1, month: 1, day: 1)!,
      SimpleDate(year: 9999, month: 12, day: 31)!,
    ]
    for actor in ["un-ga", "un-sc", "", "é-ü", "a/b"] {
      for number in ["67-27", "68-247_B", "nn", "", "٦٧", "x\u{301}"] {
        for date in dates {
          var iri = FRBRIRI(actor: actor, date: date, number: number)
          for language in ["eng", "", "fra"] {
            iri.language = language
            let work = "/akn/un/statement/deliberation/\(actor)/\(date)/\(number)"
            let expression = "\(work)/\(language)@\(date)"
            #expect(iri.work == work)
            #expect(iri.expression == expression)
            #expect(iri.manifestation == "\(expression).xml")
            for component in ["main", "annex_1", "", "ä"] {
              #expect(iri.workComponent(component) == "\(work)/!\(component)")
              #expect(iri.expressionComponent(component) == "\(expression)/!\(component)")
              #expect(iri.manifestationComponent(component) == "\(expression)/!\(component).xml")
            }
          }
        }
      }
    }
    #expect(FRBRIRI.joined() == "")
    #expect(FRBRIRI.joined("a", "", "bc") == "abc")
    let long = String(repeating: "x", count: 100)
    #expect(FRBRIRI.joined(long, "é", long) == long + "é" + long)
  }
}

/// The builder adds each attribute of an element once, unprefixed: what lets
/// ``XMLTree/addAttribute(_:_:to:)`` use `xmlNewProp` where `xmlSetProp` searched for one to
/// replace. Its debug-build checks run on every document of `../shared/corpus/dev` (the snapshot
/// compare shows the outputs of the whole corpus unchanged).
@Suite(.enabled(if: Fixtures.shared != nil, "../shared/corpus is absent"))
struct BuilderAttributeTests {
  @Test("the corpus's dev documents build with no attribute given twice")
  func attributesGivenOnce() throws {
    let dev = Fixtures.shared!.appendingPathComponent("corpus/dev")
    let files = try FileManager.default.contentsOfDirectory(at: dev, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
    var converted = 0
    for url in files {
      if case .success = CorpusTests.convert(try Fixtures.bytes(url)) { converted += 1 }
    }
    #expect(converted > 0)
  }
}

/// ``EIdAllocator`` counts siblings under `Substring` heads as it counted them under `String`
/// ones: the same eIds, in the same order, as a copy of the allocator before issue 24.
@Suite struct EIdAllocatorKeyTests {
  /// ``EIdAllocator`` before issue 24 (its sibling counts keyed by `String`).
  struct ReferenceAllocator {
    var usedEIds = Set<String>()
    var reservedEIds = Set<String>()
    var siblingCount = [String: Int]()

    mutating func reserve(_ nums: [String?], head: String) {
      for num in nums {
        if let part = EIdAllocator.numberPart(num) { reservedEIds.insert("\(head)_\(part)") }
      }
    }

    mutating func make(head: String, number: String?) -> String {
      guard let number else { return sequenced(head) }
      return unique("\(head)_\(number)")
    }

    mutating func unique(_ eId: String) -> String {
      guard let separator = EIdAllocator.headEnd(eId) else {
        if usedEIds.insert(eId).inserted { return eId }
        return sequenced(eId)
      }
      let head = String(eId[..<separator])
      if usedEIds.insert(eId).inserted {
        siblingCount[head, default: 0] += 1
        return eId
      }
      return sequenced(head)
    }

    mutating func sequenced(_ head: String) -> String {
      siblingCount[head, default: 0] += 1
      var number = siblingCount[head]!
      var candidate = "\(head)_\(number)"
      while usedEIds.contains(candidate) || reservedEIds.contains(candidate) {
        number += 1
        candidate = "\(head)_\(number)"
      }
      usedEIds.insert(candidate)
      return candidate
    }
  }

  @Test("the eIds given are the ones the String-keyed allocator gave")
  func sameEIds() {
    let heads = [
      "para", "att_1__para", "para_2__authorialNote", "preamble__container_1__ref", "x__y", "a___b", "é__ref",
      "sec_I__para", "para_1__list_1__point", "hcontainer", "crossHeading", "ﬁ__ref", "e\u{301}__ref",
      "e\u{E9}", "_", "__", "a_b_c",
    ]
    let numbers: [String?] = [nil, "1", "2", "1", "a", "3", nil, "b", "1", "10", nil, "2", "é"]
    var reference = ReferenceAllocator()
    var allocator = EIdAllocator()
    for (offset, head) in heads.enumerated() {
      let nums: [String?] = ["3.", "(a)", nil, "2"]
      if offset % 3 == 0 {
        reference.reserve(nums, head: head)
        allocator.reserve(nums, head: head)
      }
      for number in numbers {
        #expect(allocator.make(head: head, number: number) == reference.make(head: head, number: number))
        let eId = "\(head)_\(number ?? "1")"
        #expect(allocator.unique(eId) == reference.unique(eId), "\(eId)")
        #expect(allocator.unique(head) == reference.unique(head), "\(head)")
      }
    }
  }
}
