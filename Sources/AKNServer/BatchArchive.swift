import AkomaNtoso
import Foundation

extension API {
  /// The archive type of `bytes` by its signature, as the file name ending the batch reads it
  /// by: zip, tar, or a compressed tar; nil for anything else.
  static func archiveSuffix(_ bytes: [UInt8]) -> String? {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      return ".zip"
    }
    if bytes.starts(with: [0x1F, 0x8B]) { return ".tar.gz" }
    if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return ".tar.xz" }
    if bytes.starts(with: Array("BZh".utf8)) { return ".tar.bz2" }
    if bytes.count > 262, Array(bytes[257..<262]) == Array("ustar".utf8) { return ".tar" }
    return nil
  }

  /// `POST /v1/batch`: every document (`.txt`, `.pdf`) of the archive `bytes` converted as
  /// `akn batch` converts it (one at a time: the batch holds one of the server's slots), answered
  /// as a zip of the XML files, mirroring the archive's paths, and `akn-batch-report.jsonl`. The
  /// archive and the results live in a temporary folder, removed before the answer. An archive
  /// whose uncompressed content is over 4 × the request limit stops there (the report says so).
  func batch(_ bytes: [UInt8]) -> Answer {
    guard !bytes.isEmpty else {
      return .problem(400, "Empty request", detail: "the request has no body: send a zip or tar archive")
    }
    guard let suffix = Self.archiveSuffix(bytes) else {
      return .problem(
        415, "Not an archive",
        detail:
          "the body is not a zip or tar archive (.zip, .tar, .tar.gz, .tar.xz, .tar.bz2); POST one document to /v1/convert"
      )
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "akn-serve-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let archive = folder.appendingPathComponent("upload" + suffix)
    let results = folder.appendingPathComponent("out")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
      try Data(bytes).write(to: archive)
    } catch {
      return .problem(
        503, "Temporary storage unavailable",
        detail: "the archive could not be stored: \(error.localizedDescription)")
    }
    var limits = BatchLimits(maximumEntryBytes: options.maximumRequestBytes)
    limits.maximumTotalBytes = 4 * Int64(options.maximumRequestBytes)
    limits.maximumEntries = 10_000
    let conversion = conversionOptions(sourceSpans: false, fileName: nil)
    let settings = "akn serve; markup-date \(conversion.markupDate); form detected; lenient"
    let summary: BatchSummary
    do {
      summary = try Batch.run(
        input: archive.path, outputFolder: results.path, converter: converter,
        options: BatchOptions(conversion: conversion, jobs: 1, limits: limits, settings: settings))
    } catch {
      return .problem(422, "Archive not read", detail: error.description)
    }
    // The report first, then the documents in path order.
    var zip = ZipArchive()
    let report = Batch.reportName(shard: nil)
    var files = [report]
    if let walker = FileManager.default.enumerator(atPath: results.path) {
      for case let path as String in walker where path.hasSuffix(".xml") { files.append(path) }
    }
    files = [report] + files.dropFirst().sorted()
    for path in files {
      guard let data = FileManager.default.contents(atPath: results.appendingPathComponent(path).path) else {
        continue
      }
      zip.add(path, [UInt8](data))
    }
    let body: [UInt8]
    do {
      body = try zip.bytes()
    } catch {
      return .problem(
        503, "Results not packed", detail: "the zip of the results could not be written: \(error)")
    }
    var answer = Answer(status: 200, contentType: "application/zip", body: body)
    answer.headers.append(("Content-Disposition", "attachment; filename=\"akn-batch.zip\""))
    answer.headers.append(("AKN-Converted", String(summary.converted)))
    answer.headers.append(("AKN-Failed", String(summary.failed)))
    return answer
  }
}
