package import AKNModel

/// How a line of a PDF was printed, in the page's points: the union of its runs' boxes and the
/// characters each font prints (``PrintedLine``), kept with the extracted text so that a
/// block's source span can say where, and in what, it was printed (``SourceSpan/boxes``,
/// ``SourceSpan/font``).
package enum PDFPrint {
  /// pdf2xml's units in a point: pdftohtml's default zoom, 1.5, which ``PDFTool`` keeps.
  package static let unitsPerPoint = 1.5

  /// How `runs` (a line's, on page `page`) were printed; nil when they print nothing but white
  /// space.
  package static func line(_ runs: [PDFLayout.Run], page: Int) -> PrintedLine? {
    var box: PrintedBox?
    var fonts: [PrintedFont: Int] = [:]
    for run in runs {
      var printed = false
      for piece in run.pieces {
        var count = 0
        for scalar in piece.text.unicodeScalars where !PDFLines.isBlank(scalar) { count += 1 }
        guard count > 0 else { continue }
        printed = true
        let font = PrintedFont(
          family: family(run.font.family), size: points(run.font.size), bold: piece.bold,
          italic: piece.italic)
        fonts[font, default: 0] += count
      }
      guard printed else { continue }
      let runBox = PrintedBox(
        page: page, left: points(run.left), top: points(run.top), width: points(run.width),
        height: points(run.height))
      box = box.map { $0.union(runBox) } ?? runBox
    }
    guard let box else { return nil }
    return PrintedLine(box: box, fonts: fonts)
  }

  /// `value` in pdf2xml's units as points, to a hundredth.
  static func points(_ value: Double) -> Double {
    PrintedBox.hundredth(value / unitsPerPoint)
  }

  /// A font's family without the tag of a subset embedded in the PDF (`BCDFEE+TimesNewRomanPS`:
  /// six capital letters and a plus sign), which names the subset, not the font.
  static func family(_ name: String) -> String {
    let scalars = Array(name.unicodeScalars.prefix(7))
    guard scalars.count == 7, scalars[6] == "+", scalars[..<6].allSatisfy({ ("A"..."Z").contains($0) })
    else { return name }
    return String(name.unicodeScalars.dropFirst(7))
  }
}
