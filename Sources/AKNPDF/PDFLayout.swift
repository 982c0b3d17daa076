package import AKNModel
import AKNXML

/// The text of a PDF as laid out on its pages: every run of text with its box, font and style,
/// read from `pdftohtml -xml` (the pdf2xml format).
package struct PDFLayout: Sendable, Hashable {
  /// A font as pdf2xml declares it.
  package struct Font: Sendable, Hashable {
    /// The size in pdf2xml's units (the page's points × the zoom).
    package var size: Double
    /// The family name (`TimesNewRomanPSMT`, `BCDEEE+Barcode 3 of 9 by request`).
    package var family: String
  }

  /// A piece of a run's text with one style.
  package struct Piece: Sendable, Hashable {
    /// The text.
    package var text: String
    /// Whether it is italic (`<i>`).
    package var italic: Bool
    /// Whether it is bold (`<b>`).
    package var bold: Bool
    /// The link it is part of (`<a href>`), if any.
    package var link: String?
  }

  /// A run of text: one `<text>` element.
  package struct Run: Sendable, Hashable {
    /// Its box, in the page's units, from the top left.
    package var top: Double
    package var left: Double
    package var width: Double
    package var height: Double
    /// Its font.
    package var font: Font
    /// Its text, piece by piece.
    package var pieces: [Piece]

    /// The run's whole text.
    package var text: String { pieces.map(\.text).joined() }
    /// The bottom of its box.
    package var bottom: Double { top + height }
    /// The right edge of its box.
    package var right: Double { left + width }
  }

  /// A page.
  package struct Page: Sendable, Hashable {
    /// Its number (1-based).
    package var number: Int
    /// Its size.
    package var width: Double
    package var height: Double
    /// Its runs, in the order pdf2xml gives them.
    package var runs: [Run]
  }

  /// The pages, in order.
  package var pages: [Page]

  /// A layout of `pages`.
  package init(pages: [Page]) {
    self.pages = pages
  }

  /// The most pages read; a resolution has at most a few hundred.
  package static let maximumPages = 20_000

  /// Reads pdf2xml output (as `pdftohtml -xml` writes it).
  ///
  /// - Throws: ``ConversionError`` (`input.pdf-tool`) when the output is not pdf2xml.
  package static func parse(_ xml: [UInt8], maximumBytes: Int = 512 * 1024 * 1024) throws(ConversionError)
    -> PDFLayout
  {
    let tree: XMLTree
    do {
      tree = try XMLTree.parseTrustedToolOutput(xml, tool: "pdftohtml", maximumBytes: maximumBytes)
    } catch {
      throw ConversionError(
        "the PDF's text could not be read from pdftohtml's output: "
          + (error.diagnostics.first?.message ?? "not XML"),
        rule: .inputPDFTool)
    }
    guard let root = tree.root, tree.name(of: root) == "pdf2xml" else {
      throw ConversionError(
        "pdftohtml's output is not pdf2xml (no <pdf2xml> root); is the pdftohtml on the PATH poppler's?",
        rule: .inputPDFTool)
    }
    var fonts: [String: Font] = [:]
    var pages: [Page] = []
    for pageElement in tree.children(of: root) where tree.name(of: pageElement) == "page" {
      guard pages.count < maximumPages else {
        throw ConversionError(
          "the PDF has more than \(maximumPages) pages; no resolution is that long", rule: .inputSize)
      }
      var page = Page(
        number: pages.count + 1,
        width: number(tree.attribute("width", of: pageElement)) ?? 0,
        height: number(tree.attribute("height", of: pageElement)) ?? 0, runs: [])
      for element in tree.children(of: pageElement) {
        switch tree.name(of: element) {
        case "fontspec":
          if let id = tree.attribute("id", of: element) {
            fonts[id] = Font(
              size: number(tree.attribute("size", of: element)) ?? 0,
              family: tree.attribute("family", of: element) ?? "")
          }
        case "text":
          guard let top = number(tree.attribute("top", of: element)),
            let left = number(tree.attribute("left", of: element)),
            let width = number(tree.attribute("width", of: element)),
            let height = number(tree.attribute("height", of: element))
          else { continue }
          let font =
            tree.attribute("font", of: element).flatMap { fonts[$0] } ?? Font(size: height, family: "")
          var pieces: [Piece] = []
          var italic = 0
          var bold = 0
          var links: [String?] = []
          tree.walk(element) { content in
            switch content {
            case .start(let inner), .end(let inner):
              let opening: Bool
              if case .start = content { opening = true } else { opening = false }
              switch tree.name(of: inner) {
              case "i": italic += opening ? 1 : -1
              case "b": bold += opening ? 1 : -1
              case "a":
                if opening { links.append(tree.attribute("href", of: inner)) } else { _ = links.popLast() }
              default: break
              }
            case .text(let text):
              let piece = Piece(
                text: text, italic: italic > 0, bold: bold > 0, link: links.last ?? nil)
              if let last = pieces.last, last.italic == piece.italic, last.bold == piece.bold,
                last.link == piece.link
              {
                pieces[pieces.count - 1].text += text
              } else {
                pieces.append(piece)
              }
            }
          }
          page.runs.append(
            Run(top: top, left: left, width: width, height: height, font: font, pieces: pieces))
        default:
          continue
        }
      }
      pages.append(page)
    }
    return PDFLayout(pages: pages)
  }

  private static func number(_ text: String?) -> Double? {
    guard let text, let value = Double(text), value.isFinite, abs(value) < 1e7 else { return nil }
    return value
  }
}
