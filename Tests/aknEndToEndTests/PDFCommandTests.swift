import Foundation
import Testing

/// `akn convert` and `akn batch` on the official PDFs of `../shared/corpus/dev-pdf`: from a
/// path, from standard input, under a `.txt` name, and as entries of a zip archive.
@Suite(.enabled(if: AKN.shared != nil, "../shared/corpus is absent: PDF command tests skipped"))
struct PDFCommandTests {
  static var pdf: URL { AKN.shared!.appendingPathComponent("corpus/dev-pdf/A_RES_78_8.pdf") }

  @Test func convertsAPDFFromItsPathAndFromStandardInput() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("r.xml")
    let run = try AKN.run(["convert", Self.pdf.path, "-o", output.path, "--markup-date", "2026-01-01"])
    #expect(run.status == 0, "\(run.stderr)")
    let xml = try String(contentsOf: output, encoding: .utf8)
    #expect(xml.contains("<FRBRthis value=\"/akn/un/statement/deliberation/un-ga/"))
    #expect(run.stderr.contains("page-header"), "\(run.stderr)")
    // The same bytes through standard input (detected by their magic bytes) and under a .txt name.
    let bytes = [UInt8](try Data(contentsOf: Self.pdf))
    let piped = try AKN.run(["convert", "-", "--markup-date", "2026-01-01", "--quiet"], stdin: bytes)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == [UInt8](try Data(contentsOf: output)))
    let named = folder.appendingPathComponent("misnamed.txt")
    try Data(bytes).write(to: named)
    let misnamed = try AKN.run(["convert", named.path, "--markup-date", "2026-01-01", "--quiet"])
    #expect(misnamed.status == 0, "\(misnamed.stderr)")
    #expect(misnamed.stdout == piped.stdout)
  }

  @Test func batchConvertsThePDFsOfAZip() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let zip = folder.appendingPathComponent("pdfs.zip")
    let names = ["A_RES_78_8", "A_RES_78_100"]
    let entries = try names.map { name in
      let bytes = [UInt8](
        try Data(contentsOf: AKN.shared!.appendingPathComponent("corpus/dev-pdf/\(name).pdf")))
      return BatchFixtures.Entry(name: "\(name).pdf", hex: bytes.map { String(format: "%02x", $0) }.joined())
    }
    try BatchFixtures.archive(entries, at: zip)
    let out = folder.appendingPathComponent("out")
    let run = try AKN.run(["batch", zip.path, "-o", out.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    for name in names {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).xml").path))
    }
    let records = try BatchFixtures.report(in: out)
    #expect(records.filter { $0["status"] as? String == "converted" }.count == 2)
  }

  @Test func aFileOfTheWrongTypeExitsWith2() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let encrypted = folder.appendingPathComponent("empty.pdf")
    try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: encrypted)
    let damaged = try AKN.run(["convert", encrypted.path])
    #expect(damaged.status == 2)
    #expect(damaged.stderr.contains("the PDF could not be read"), "\(damaged.stderr)")
    let akn = try AKN.run(["convert", AKN.golden.path])
    #expect(akn.status == 2)
    #expect(akn.stderr.contains("use akn validate"), "\(akn.stderr)")
  }
}
