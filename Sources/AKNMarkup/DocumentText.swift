public import AKNModel
package import AKNXML
import Foundation

/// The text content of an AKN document, back as plain text: what `akn text` prints, and what the
/// converter compares with its input to prove that no word was lost.
public struct DocumentText: Sendable {
  /// The body text: preface, preamble, main body, conclusions and attachments, one block per
  /// line, numbers followed by a tab, footnote markers as `[N]` where they stand (and where a
  /// `noteRef` refers to a note given before).
  public var body: String
  /// The footnotes, in order of first citation, each once (a marker with another text, as two
  /// tables' notes `a`, once more): `N text`.
  public var notes: [String]

  /// The whole text: the body, then the footnotes after a blank line.
  public var text: String {
    notes.isEmpty ? body : body + "\n" + notes.joined(separator: "\n") + "\n"
  }

  /// Extracts the text of AKN XML (parsed safely: no DTD, no entities, no network).
  ///
  /// - Throws: ``ConversionError`` when the bytes are not well-formed XML or have no AKN
  ///   document.
  public static func extract(fromXML bytes: [UInt8]) throws(ConversionError) -> DocumentText {
    let tree: XMLTree
    do {
      tree = try XMLTree.parse(bytes)
    } catch {
      throw ConversionError(diagnostics: error.diagnostics)
    }
    return extract(from: tree)
  }

  /// Extracts the text of a tree built or parsed in this process.
  package static func extract(from tree: XMLTree) -> DocumentText {
    var renderer = Renderer(tree: tree)
    if let root = tree.root { renderer.render(root) }
    return DocumentText(body: renderer.output, notes: renderer.notes)
  }

  /// Walks the tree once, keeping body text and note text apart.
  private struct Renderer {
    let tree: XMLTree
    var output = ""
    var notes: [String] = []
    var seenNotes: Set<String> = []

    /// Elements whose content is not document text.
    static func isSkipped(_ name: String) -> Bool {
      name == "meta" || name == "components"
    }

    /// Elements that end a line.
    static func isBlock(_ name: String) -> Bool {
      switch name {
      case "p", "heading", "subheading", "formula", "intro", "wrapUp", "content", "tblock", "item",
        "crossHeading", "longTitle", "docTitle", "li", "tr", "container", "paragraph", "point",
        "section", "part", "chapter", "article", "rule", "hcontainer", "list", "blockList",
        "listIntroduction",
        "listWrapUp":
        return true
      default:
        return false
      }
    }

    mutating func render(_ element: XMLElementHandle) {
      var skipDepth = 0
      var noteDepth = 0
      var noteText = ""
      var noteMarker = ""
      tree.walk(element) { event in
        switch event {
        case .start(let node):
          let name = tree.name(of: node)
          if skipDepth > 0 || Self.isSkipped(name) {
            skipDepth += 1
            return
          }
          if name == "noteRef", let marker = tree.attribute("marker", of: node) {
            // A reference to a note given before: its marker where it stands.
            if noteDepth > 0 { noteText += "[\(marker)]" } else { append("[\(marker)]", toNote: false) }
          }
          if name == "authorialNote" || name == "note" {
            if noteDepth == 0 {
              noteMarker = tree.attribute("marker", of: node) ?? "*"
              noteText = ""
              append("[\(noteMarker)]", toNote: false)
            }
            noteDepth += 1
          }
        case .end(let node):
          if skipDepth > 0 {
            skipDepth -= 1
            return
          }
          let name = tree.name(of: node)
          if name == "authorialNote" || name == "note" {
            noteDepth -= 1
            if noteDepth == 0 {
              let note = "\(noteMarker) " + DocumentText.collapsingSpaces(noteText)
              if seenNotes.insert(note).inserted { notes.append(note) }
            }
            return
          }
          if noteDepth > 0 {
            if name == "p" { noteText += " " }
            return
          }
          if name == "num" {
            output += "\t"
          } else if Self.isBlock(name), !output.isEmpty, !DocumentText.endsWithLineFeed(output) {
            output += "\n"
          }
        case .text(let text):
          guard skipDepth == 0 else { return }
          if noteDepth > 0 {
            noteText += text
          } else {
            append(text, toNote: false)
          }
        }
      }
      if !output.isEmpty, !DocumentText.endsWithLineFeed(output) { output += "\n" }
    }

    mutating func append(_ text: String, toNote: Bool) {
      // Indentation between elements is not text.
      if PlainTextRenderer.isIndentation(text) { return }
      if output.isEmpty || DocumentText.endsWithLineFeed(output) {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        output += trimmed
      } else {
        output += text
      }
    }
  }

  /// Whether the last `Character` of `text` is a line feed, on its last two bytes: a line feed
  /// ends a character of its own, but a carriage return before it makes one character of the
  /// two. (`String.last` walks back over grapheme breaks: ~300 instructions a call.)
  static func endsWithLineFeed(_ text: String) -> Bool {
    endsWithLineFeed(utf8: text.utf8)
  }

  /// ``endsWithLineFeed(_:)`` on a text's UTF-8 bytes (a `String`'s view, or bytes gathered).
  static func endsWithLineFeed<Bytes: BidirectionalCollection<UInt8>>(utf8: Bytes) -> Bool {
    guard let last = utf8.last, last == 0x0A else { return false }
    let before = utf8.index(before: utf8.endIndex)
    return before == utf8.startIndex || utf8[utf8.index(before: before)] != 0x0D
  }

  /// `text` with runs of spaces and tabs folded into one space, and the ends trimmed.
  static func collapsingSpaces(_ text: String) -> String {
    var bytesOf = text
    var unchanged = false
    // ASCII (the usual note): on the bytes.
    let folded = bytesOf.withUTF8 { bytes -> String? in
      var ascii = true
      unchanged = true
      var previous: UInt8 = 0x20
      for byte in bytes {
        if byte >= 0x80 { ascii = false }
        if byte == 0x09 || (byte == 0x20 && previous == 0x20) { unchanged = false }
        previous = byte
      }
      if previous == 0x20 { unchanged = false }
      guard ascii, !unchanged else { return nil }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var pendingSpace = false
      for byte in bytes {
        if byte == 0x20 || byte == 0x09 {
          pendingSpace = !out.isEmpty
        } else {
          if pendingSpace { out.append(0x20) }
          pendingSpace = false
          out.append(byte)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
    if unchanged { return text }
    if let folded { return folded }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for character in text {
      if character == " " || character == "\t" {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.append(" ") }
        pendingSpace = false
        result.append(character)
      }
    }
    return result
  }
}
