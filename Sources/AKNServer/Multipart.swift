import MultipartKit

/// The file of a `multipart/form-data` body (RFC 7578): of its parts that are not empty, the one
/// named `file`, else the first with a file name, else the first.
struct MultipartFile: Equatable {
  /// The part's file name, if it gave one.
  var fileName: String?
  /// The part's bytes.
  var bytes: [UInt8]

  /// Why a multipart body cannot be read, said for the client.
  struct Malformed: Error, Equatable {
    var message: String
  }

  /// The boundary of a `multipart/form-data` content type, nil for any other type.
  static func boundary(contentType: String) throws(Malformed) -> String? {
    let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: " \t") }
    guard let type = parts.first, type.lowercased() == "multipart/form-data" else { return nil }
    for parameter in parts.dropFirst() {
      guard let equals = parameter.firstIndex(of: "=") else { continue }
      let name = parameter[..<equals].trimmingCharacters(in: " \t").lowercased()
      guard name == "boundary" else { continue }
      var value = parameter[parameter.index(after: equals)...].trimmingCharacters(in: " \t")
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      guard (1...70).contains(value.utf8.count) else {
        throw Malformed(message: "the multipart boundary must be 1 to 70 characters long")
      }
      return value
    }
    throw Malformed(message: "a multipart/form-data body needs a boundary parameter in its Content-Type")
  }

  /// The file part of `body`, delimited by `boundary` (read by MultipartKit's parser).
  static func parse(_ body: [UInt8], boundary: String) throws(Malformed) -> MultipartFile {
    let parser = MultipartParser(boundary: boundary)
    var parts: [(headers: [String: String], bytes: [UInt8])] = []
    var headers: [String: String] = [:]
    var bytes: [UInt8] = []
    var open = false
    parser.onHeader = { name, value in
      headers[name.lowercased()] = value
      open = true
    }
    parser.onBody = { buffer in
      bytes.append(contentsOf: buffer.readableBytesView)
      buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
      open = true
    }
    parser.onPartComplete = {
      parts.append((headers, bytes))
      headers = [:]
      bytes = []
      open = false
    }
    do {
      try parser.execute(body)
    } catch {
      throw Malformed(message: "the multipart body is malformed (a boundary line or a part's headers)")
    }
    if open { throw Malformed(message: "the multipart body ends before its closing boundary") }
    guard !parts.isEmpty else { throw Malformed(message: "the multipart body does not contain its boundary") }
    // A form's empty fields (no file chosen, nothing pasted) are passed over.
    let all = parts.map { part in
      (disposition: Disposition(part.headers["content-disposition"] ?? ""), bytes: part.bytes)
    }
    let filled = all.filter { !$0.bytes.isEmpty }
    let described = filled.isEmpty ? all : filled
    guard
      let chosen = described.first(where: { $0.disposition.name == "file" })
        ?? described.first(where: { $0.disposition.fileName != nil }) ?? described.first
    else {
      throw Malformed(message: "the multipart body has no part")
    }
    return MultipartFile(fileName: chosen.disposition.fileName, bytes: chosen.bytes)
  }

  /// `form-data; name="…"; filename="…"`.
  private struct Disposition {
    var name: String?
    var fileName: String?

    init(_ header: String) {
      for parameter in header.split(separator: ";").dropFirst() {
        guard let equals = parameter.firstIndex(of: "=") else { continue }
        let key = parameter[..<equals].trimmingCharacters(in: " \t").lowercased()
        var value = parameter[parameter.index(after: equals)...].trimmingCharacters(in: " \t")
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
          value = String(value.dropFirst().dropLast())
        }
        if key == "name" { name = value }
        if key == "filename" { fileName = value }
      }
    }
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    let characters = Set(set)
    var text = Substring(self)
    while let first = text.first, characters.contains(first) { text = text.dropFirst() }
    while let last = text.last, characters.contains(last) { text = text.dropLast() }
    return String(text)
  }
}

/// A part of a `multipart/form-data` answer (RFC 7578), written by MultipartKit's serializer.
struct FormPart {
  /// The part's name.
  var name: String
  /// The part's file name, if it is a file (a browser's `formData()` then gives a `File`).
  var fileName: String? = nil
  /// The part's content type.
  var contentType: String
  /// The part's bytes.
  var body: [UInt8]

  /// `parts` as one body, and the boundary that delimits them: random, and checked not to occur
  /// in any part. Throws what the serializer throws.
  static func encode(_ parts: [FormPart]) throws -> (boundary: String, body: [UInt8]) {
    var generator = SystemRandomNumberGenerator()
    while true {
      let boundary =
        "akn-" + (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
      let marker = Array(boundary.utf8)
      guard !parts.contains(where: { Self.contains($0.body, marker) }) else { continue }
      let encoded = parts.map { part in
        var disposition = "form-data; name=\"\(part.name)\""
        if let fileName = part.fileName { disposition += "; filename=\"\(fileName)\"" }
        return MultipartPart(
          headers: HTTPHeaders([("Content-Disposition", disposition), ("Content-Type", part.contentType)]),
          body: ByteBuffer(bytes: part.body))
      }
      var buffer = ByteBuffer()
      try MultipartSerializer().serialize(parts: encoded, boundary: boundary, into: &buffer)
      return (boundary, Array(buffer.readableBytesView))
    }
  }

  /// Whether `bytes` contain `marker`.
  static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
    guard let first = marker.first, bytes.count >= marker.count else { return false }
    var index = 0
    while index <= bytes.count - marker.count {
      if bytes[index] == first, bytes[index..<index + marker.count].elementsEqual(marker) { return true }
      index += 1
    }
    return false
  }
}
