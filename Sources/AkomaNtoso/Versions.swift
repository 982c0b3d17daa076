import AKNXML

/// The versions of the libraries `akn` runs on, for `--version` and bug reports.
public enum LibraryVersions {
  /// The libxml2 loaded at run time, dotted (`2.9.14`).
  public static var libxml2: String {
    let raw = LibXML2.runtimeVersion
    guard let number = Int(raw) else { return raw }
    return "\(number / 10000).\(number / 100 % 100).\(number % 100)"
  }
}
