/// The limits every command applies to one input document.
public enum DocumentLimits {
  /// The largest input read as one document: 64 MiB. Resolution texts are a few hundred KiB,
  /// their PDFs a few MiB, AKN documents rarely more than a few MiB.
  public static let maximumBytes = 64 * 1024 * 1024
}
