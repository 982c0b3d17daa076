// Process-wide libxml2 set-up. The AKNXML target is the one place that touches libxml2: the
// rest of the package sees `XMLTree`, `XMLElementHandle` and `CompiledSchema`, never a C pointer.
import AKNModel
internal import CLibXML2
import Foundation
import Synchronization

/// Process-wide libxml2 set-up, done once before any tree is parsed, built or validated.
///
/// - `xmlInitParser()` and `xmlSchemaInitTypes()` run first: libxml2 2.9.14 initialises the
///   schema types lazily and without a lock inside `xmlSchemaParse`.
/// - One external-entity loader is installed for the whole process. It answers only the files in
///   ``LibXML2/allowedFiles`` (the schema's own `xml.xsd` import) and refuses everything else:
///   no network, no `file:` entity, no DTD, no catalog.
package enum LibXML2 {
  /// Absolute paths the entity loader may open. Only schema files are ever added.
  static let allowedFiles = Mutex<Set<String>>([])

  package static let setUp: Void = {
    xmlInitParser()
    xmlSchemaInitTypes()
    xmlSetExternalEntityLoader { url, _, context in
      guard let url else { return nil }
      let path = String(cString: url)
      let allowed = LibXML2.allowedFiles.withLock { $0.contains(path) }
      guard allowed else { return nil }
      return xmlNewInputFromFile(context, url)
    }
  }()

  /// The version of the libxml2 library loaded at run time, e.g. `20914`.
  package static var runtimeVersion: String {
    setUp
    return String(cString: cxml_runtime_version())
  }
}
