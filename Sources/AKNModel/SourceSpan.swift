/// Where a piece of the model was printed in the input: a range of bytes of the original input
/// (before any normalisation: a byte-order mark, CR LF line ends, no-break spaces and soft
/// hyphens all count), and the lines it runs over. For a PDF, the bytes are those of the text
/// extracted from it (its lines joined by LF), and the page is kept.
///
/// A block made of several pieces of the input (a paragraph broken by page furniture or a
/// footnote block) has one enclosing range and, in ``pieces``, the range of each piece.
public struct SourceSpan: Sendable, Hashable, Codable {
  /// The offset of the first byte.
  public var start: Int
  /// The offset just past the last byte.
  public var end: Int
  /// The 1-based line the span starts on.
  public var firstLine: Int
  /// The 1-based line the span ends on.
  public var lastLine: Int
  /// For a PDF, the 1-based page the span starts on.
  public var page: Int?
  /// The pieces of a span that the input interrupts, in order; nil when it is one piece.
  public var pieces: [SourceSpan]?
  /// For a PDF, where a block was printed: one box a page it covers, in page order (the union of
  /// the boxes of its lines on that page); nil for a text input and for a segment's span.
  public var boxes: [PrintedBox]?
  /// For a PDF, the font that prints most of a block's characters; nil for a text input and for
  /// a segment's span.
  public var font: PrintedFont?

  /// A span of `start..<end` over lines `firstLine` to `lastLine`.
  public init(
    start: Int, end: Int, firstLine: Int, lastLine: Int, page: Int? = nil, pieces: [SourceSpan]? = nil
  ) {
    self.start = start
    self.end = end
    self.firstLine = firstLine
    self.lastLine = lastLine
    self.page = page
    self.pieces = pieces
  }

  /// The bytes of the span.
  public var range: Range<Int> { start..<end }
}

/// A box on a page of a PDF, in PDF points (1/72 inch) from the page's top left corner.
public struct PrintedBox: Sendable, Hashable, Codable {
  /// The 1-based page.
  public var page: Int
  /// The distance of the box's left edge from the page's left edge.
  public var left: Double
  /// The distance of the box's top edge from the page's top edge.
  public var top: Double
  /// The box's width.
  public var width: Double
  /// The box's height.
  public var height: Double

  /// A box on `page`.
  public init(page: Int, left: Double, top: Double, width: Double, height: Double) {
    self.page = page
    self.left = left
    self.top = top
    self.width = width
    self.height = height
  }

  /// The right edge.
  public var right: Double { left + width }
  /// The bottom edge.
  public var bottom: Double { top + height }

  /// The smallest box on this page holding this box and `other`, to a hundredth of a point as
  /// the boxes it unites are (its width and height are differences, which the floating point
  /// would carry to the last digit).
  public func union(_ other: PrintedBox) -> PrintedBox {
    let left = min(self.left, other.left)
    let top = min(self.top, other.top)
    return PrintedBox(
      page: page, left: left, top: top, width: Self.hundredth(max(right, other.right) - left),
      height: Self.hundredth(max(bottom, other.bottom) - top))
  }

  /// `value` to a hundredth of a point.
  public static func hundredth(_ value: Double) -> Double {
    (value * 100).rounded() / 100
  }
}

/// A font text is printed in, as the PDF names it.
public struct PrintedFont: Sendable, Hashable, Codable {
  /// The family as the PDF names it (`TimesNewRomanPSMT`, `Times-Bold`).
  public var family: String
  /// The size in points.
  public var size: Double
  /// Whether it is set bold.
  public var bold: Bool
  /// Whether it is set italic.
  public var italic: Bool

  /// A font of `family` at `size` points.
  public init(family: String, size: Double, bold: Bool, italic: Bool) {
    self.family = family
    self.size = size
    self.bold = bold
    self.italic = italic
  }
}

/// How a line of a PDF was printed: its box and how many of its characters each font prints.
public struct PrintedLine: Sendable, Hashable, Codable {
  /// The union of the boxes of its runs.
  public var box: PrintedBox
  /// The fonts of its runs, each with the number of characters (white space aside) it prints.
  public var fonts: [PrintedFont: Int]

  /// A line printed in `box`, its characters in `fonts`.
  public init(box: PrintedBox, fonts: [PrintedFont: Int]) {
    self.box = box
    self.fonts = fonts
  }
}

/// Turns byte offsets of an input into 1-based lines and columns (the column counted in bytes,
/// as compilers count it), from the offsets at which its lines start: one converter for every
/// place a line and column are needed (swift-syntax's `SourceLocationConverter`).
public struct SourceLocationConverter: Sendable {
  /// The offset at which each line starts, line 1 first.
  public let lineStarts: [Int]

  /// A converter for `bytes`, whose lines end at LF, CR LF or CR.
  public init(bytes: [UInt8]) {
    var starts = [0]
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
      if byte == 0x0A || byte == 0x0D { starts.append(index) }
    }
    lineStarts = starts
  }

  /// The 1-based line and column of the byte at `offset`.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return (low + 1, offset - lineStarts[low] + 1)
  }
}
