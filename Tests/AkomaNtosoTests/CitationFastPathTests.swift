import Foundation
import Testing

@testable import AKNModel
@testable import AKNReading

/// The fast paths of issue 24 in the citations and the footnote linker, each against a copy of
/// the reading it replaced.
@Suite struct CitationFastPathTests {
  /// Lines with runs of digits of every length, after a slash or not, glued to a year or not.
  static let digitLines = [
    "of 2023", "of 2023,1", "in 2025. 14", "of 19721", "of 197212", "of 1972123", "2014–202415 and",
    "resolution 59/3009", "resolution 59/30091", "59/300 and 59/3009.", "x/1234", "x/12345", "12345",
    "Agenda 2030.2", "1234567890123456789012345", "a 1234 2", "S/2020/1234 3", "٢٠٢٣ 1", "word,1 and 2020",
  ]

  /// `FootnoteLinker.State.split(_:)` on units before the refusal of runs no reading can take
  /// (a copy).
  static func referenceSplit<Unit: ScanUnit>(_ characters: [Unit], state: inout FootnoteLinker.State)
    -> [TextBlock.Segment]
  {
    let asterisk = state.hasAsteriskMarker
    let shortMarkers = state.shortDigitMarkers
    var result: [TextBlock.Segment] = []
    var pendingStart = 0
    var index = 0
    func flush() {
      if index > pendingStart { result.append(.text(Unit.string(characters[pendingStart..<index]))) }
    }
    while index < characters.count {
      if asterisk, index > 0, characters[index].isScalar("*") {
        var end = index
        while end < characters.count, characters[end].isScalar("*") { end += 1 }
        let marker = String(repeating: "*", count: end - index)
        if state.known.contains(marker) {
          flush()
          result.append(.noteRef(marker: marker))
          state.cited.insert(marker)
          pendingStart = end
        }
        index = end
        continue
      }
      guard index > 0, characters[index].isASCIIDigit, !characters[index - 1].isNumber else {
        index += 1
        continue
      }
      var end = index
      while end < characters.count, characters[end].isASCIIDigit { end += 1 }
      let digits = Unit.string(characters[index..<end])
      if state.printed != nil {
        if state.takePrinted(digits, in: characters, start: index, end: end) {
          flush()
          result.append(.noteRef(marker: digits))
          state.cited.insert(digits)
          pendingStart = end
        }
        index = end
        continue
      }
      if let (kept, marker) = state.numberAndMarker(digits, in: characters, start: index, end: end)
        ?? state.yearAndMarker(digits, in: characters, start: index, end: end)
      {
        result.append(.text(Unit.string(characters[pendingStart..<index]) + kept))
        result.append(.noteRef(marker: marker))
        state.cited.insert(marker)
        state.nextPosition += 1
        index = end
        pendingStart = index
        continue
      }
      if state.isMarker(digits, in: characters, start: index, end: end, shortMarkers: shortMarkers) {
        flush()
        result.append(.noteRef(marker: digits))
        state.cited.insert(digits)
        if let position = state.order[state.nextPosition...].prefix(3).firstIndex(of: Int(digits)!) {
          state.nextPosition = position + 1
        }
        pendingStart = end
        if end < characters.count, characters[end].isScalar("/") {
          index = end + 1
          pendingStart = index
          continue
        }
      }
      index = end
    }
    flush()
    return result
  }

  @Test("the linker's split passes over the runs of digits no reading takes as the old split did")
  func splitRefusesRuns() {
    let lines = FastPathTests.corpusLines(after: InlineFastPathTests.markerLines + Self.digitLines)
    var states = InlineFastPathTests.linkerStates()
    var year = FootnoteLinker.State(order: [1, 2, 3, 15], known: ["1", "2", "3", "15"])
    year.numbers = ["59/300": 1, "59/3009": 1]
    states.append(year)
    let madeUpCount = InlineFastPathTests.markerLines.count + Self.digitLines.count
    for (offset, line) in lines.enumerated() where line.utf8.contains(where: { $0 &- 0x30 < 10 }) {
      // Every state on the made-up lines; on the corpus's, one of each kind (a debug build's time).
      let madeUp = offset < madeUpCount
      for (number, state) in states.enumerated() where madeUp || [0, 4, 5, 6, 8].contains(number) {
        var now = state
        var before = state
        if let ascii = ScanText.asciiBytes(line) {
          #expect(now.split(ascii) == Self.referenceSplit(ascii, state: &before), "\(line)")
        } else {
          let characters = Array(line)
          #expect(now.split(characters) == Self.referenceSplit(characters, state: &before), "\(line)")
          if madeUp {
            let scalars = Array(line.unicodeScalars)
            var scalarNow = state
            var scalarBefore = state
            #expect(
              scalarNow.split(scalars) == Self.referenceSplit(scalars, state: &scalarBefore), "\(line)")
            #expect(
              InlineFastPathTests.facts(scalarNow) == InlineFastPathTests.facts(scalarBefore), "\(line)")
          }
        }
        #expect(InlineFastPathTests.facts(now) == InlineFastPathTests.facts(before), "\(line)")
      }
    }
  }
}
