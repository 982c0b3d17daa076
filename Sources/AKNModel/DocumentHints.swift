/// Facts about one input that its text may not print (a GA decision's text carries neither its
/// number nor, often, its title), with where they came from. The text wins over them: a fact the
/// text prints is kept, and a hint that contradicts it is a warning.
public struct DocumentHints: Sendable, Hashable {
  /// Where the hints came from; named in the note that says a fact was taken from them.
  public enum Source: Sendable, Hashable {
    /// Given for this one input by its user.
    case given
    /// Read from the input's file name in the UN symbol form (`A_DEC_71_401.txt`).
    case fileName(String)
    /// A row of a metadata file: the file's path and the row's 1-based line.
    case metadataFile(path: String, line: Int)

    /// "given with the input", "the file name A_DEC_71_401.txt", "the metadata file m.tsv, line 3".
    public var description: String {
      switch self {
      case .given: return "the number given with the input"
      case .fileName(let name): return "the file name \(name)"
      case .metadataFile(let path, let line): return "the metadata file \(path), line \(line)"
      }
    }
  }

  /// The document's number.
  public var number: DocumentNumber?
  /// The document's title.
  public var title: String?
  /// The adoption date, for a text that does not print it or prints it too damaged to read;
  /// always given with the input (never from a file name or a metadata file).
  public var adoptionDate: SimpleDate?
  /// Where they came from.
  public var source: Source

  /// Creates hints.
  public init(
    number: DocumentNumber? = nil, title: String? = nil, adoptionDate: SimpleDate? = nil,
    source: Source = .given
  ) {
    self.number = number
    self.title = title
    self.adoptionDate = adoptionDate
    self.source = source
  }

  /// The number from a file name in the UN symbol form (`A_DEC_71_504_A_and_B.txt` → 71/504 A
  /// and B), or nil when the name is not in that form.
  public static func fromFileName(_ path: String) -> DocumentHints? {
    let name = String(DocumentNumber.lastPathComponent(path))
    guard let (number, _) = DocumentNumber.fromFileName(name) else { return nil }
    return DocumentHints(number: number, source: .fileName(name))
  }
}
