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

  /// The file part of `body`, delimited by `boundary`.
  static func parse(_ body: [UInt8], boundary: String) throws(Malformed) -> MultipartFile {
    let delimiter = Array("--\(boundary)".utf8)
    let crlf: [UInt8] = [13, 10]
    guard var position = find(delimiter, in: body, from: 0) else {
      throw Malformed(message: "the multipart body does not contain its boundary")
    }
    var parts: [(headers: [String: String], bytes: ArraySlice<UInt8>)] = []
    while true {
      position += delimiter.count
      // The closing delimiter `--boundary--`.
      if body[position...].starts(with: [45, 45]) { break }
      // Transport padding, then the line break.
      while position < body.count, body[position] == 32 || body[position] == 9 { position += 1 }
      guard body[position...].starts(with: crlf) else {
        throw Malformed(message: "a multipart boundary line is not followed by a line break")
      }
      position += 2
      guard let headerEnd = find(crlf + crlf, in: body, from: position) else {
        throw Malformed(message: "a multipart part has no end to its headers")
      }
      var headers: [String: String] = [:]
      let headerText = String(decoding: body[position..<headerEnd], as: UTF8.self)
      for line in headerText.split(separator: "\r\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].trimmingCharacters(in: " \t").lowercased()] =
          line[line.index(after: colon)...].trimmingCharacters(in: " \t")
      }
      let contentStart = headerEnd + 4
      guard let next = find(crlf + delimiter, in: body, from: contentStart) else {
        throw Malformed(message: "the multipart body ends before its closing boundary")
      }
      parts.append((headers, body[contentStart..<next]))
      position = next + 2
    }
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
    return MultipartFile(fileName: chosen.disposition.fileName, bytes: Array(chosen.bytes))
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

  /// The first index of `needle` in `haystack` at or after `start` (Knuth–Morris–Pratt: linear
  /// time, so that a hostile body cannot make the search quadratic).
  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, start >= 0, start <= haystack.count else { return nil }
    // The failure function: the length of the longest proper prefix of needle[...i] that is
    // also its suffix.
    var failure = [Int](repeating: 0, count: needle.count)
    var length = 0
    for index in 1..<max(1, needle.count) {
      while length > 0 && needle[index] != needle[length] { length = failure[length - 1] }
      if needle[index] == needle[length] { length += 1 }
      failure[index] = length
    }
    var matched = 0
    var index = start
    while index < haystack.count {
      while matched > 0 && haystack[index] != needle[matched] { matched = failure[matched - 1] }
      if haystack[index] == needle[matched] { matched += 1 }
      if matched == needle.count { return index - needle.count + 1 }
      index += 1
    }
    return nil
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
