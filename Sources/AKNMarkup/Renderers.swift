public import AKNModel
package import AKNXML

/// Renders a document read into the model: AKN XML, plain text, and whatever else a renderer is
/// written for (an HTML preview, JSON). A renderer reads only the model and the reading report;
/// it never reads the input again.
public protocol DocumentRenderer: Sendable {
  /// What it produces.
  associatedtype Output
  /// Renders `reading`.
  ///
  /// - Throws: ``ConversionError`` when the model lacks what the output needs (an AKN document
  ///   needs an adoption date and a number for its IRIs).
  func render(_ reading: Reading) throws(ConversionError) -> Output
}

/// An AKN document built in this process: its tree, ready to validate and serialise.
public final class AKNDocument {
  /// The tree (libxml2's, behind the wrapper).
  package let tree: XMLTree

  package init(tree: XMLTree) {
    self.tree = tree
  }

  /// The document as UTF-8 XML bytes.
  public func serialized() -> [UInt8] { tree.serialized() }

  /// The document's text, as `akn text` prints it.
  public var text: DocumentText { DocumentText.extract(from: tree) }
}

/// The model as an AKN 3.0 document following the AKN4UN guidelines (`AKNBuilder`).
public struct AKNRenderer: DocumentRenderer {
  /// The manifestation (mark-up) date written into the document.
  public var markupDate: SimpleDate

  /// A renderer stamping `markupDate`.
  public init(markupDate: SimpleDate) {
    self.markupDate = markupDate
  }

  /// The AKN document of `reading`.
  public func render(_ reading: Reading) throws(ConversionError) -> AKNDocument {
    var builder = try AKNBuilder(reading: reading, markupDate: markupDate)
    return AKNDocument(tree: builder.build())
  }
}
