import Foundation
import Testing

/// GA decisions on the command line: `--number` for one file, file names and `--metadata` for a
/// batch.
@Suite struct DecisionCommandTests {
  static let decision = """
    At its 62nd plenary meeting, on 4 December 2017, the General Assembly, on the recommendation of the First Committee, (footnote: A/72/404, para. 9.) decided to include the item in the agenda.

    (See A/72/PV.62)
    """

  @Test func theNumberMustHaveTheUNForm() throws {
    let run = try AKN.run(["convert", "-", "--number", "banana"], stdin: Array(Self.decision.utf8))
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("akn: error: --number banana: expected SESSION/NUMBER"), "\(run.stderr)")
    #expect(run.stderr.contains("74/521"))
  }

  @Test func aGivenNumberNamesTheWorkAndItsSession() throws {
    let run = try AKN.run(["convert", "-", "--number", "72/512"], stdin: Array(Self.decision.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.output.contains("/akn/un/statement/deliberation/un-ga/2017-12-04/72-512\""))
    #expect(run.output.contains("href=\"/akn/ontology/event/un/un-ga/72/plenaryMeeting/62\""))
    #expect(
      run.output.contains("First Committee,<sup><authorialNote eId=\"para_1__authorialNote_1\" marker=\"1\""))
    #expect(
      run.stderr.contains(
        "note: the number 72/512 is not in the text; it was taken from the number given with the input"))
  }

  @Test func withoutANumberTheWorkIsNNWithAWarningThatNamesTheOption() throws {
    let run = try AKN.run(["convert", "-"], stdin: Array(Self.decision.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.output.contains("/un-ga/2017-12-04/nn\""))
    #expect(run.stderr.contains("warning: the decision's number is not in its text and was not given"))
    #expect(run.stderr.contains("(give it with --number)"))
    let strict = try AKN.run(["convert", "-", "--strict"], stdin: Array(Self.decision.utf8))
    #expect(strict.status == 1)
  }

  @Test func convertAndPreviewTakeTheNumberFromAUNSymbolFileNameAsBatchDoes() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("A_DEC_72_512.txt")
    try Data(Self.decision.utf8).write(to: file)
    let run = try AKN.run(["convert", file.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.output.contains("<FRBRnumber value=\"72-512\" showAs=\"72/512\"/>"))
    #expect(run.output.contains("/un-ga/2017-12-04/72-512\""))
    #expect(
      run.stderr.contains(
        "note: the number 72/512 is not in the text; it was taken from the file name A_DEC_72_512.txt"),
      "\(run.stderr)")
    #expect(
      !run.stderr.contains("decision.unnumbered") && !run.stderr.contains("not in its text and was not given")
    )
    // A number given on the command line wins over the file name.
    let given = try AKN.run(["convert", file.path, "--number", "72/600"])
    #expect(given.output.contains("<FRBRnumber value=\"72-600\" showAs=\"72/600\"/>"))
    let preview = try AKN.run(["preview", file.path])
    #expect(preview.status == 0, "\(preview.stderr)")
    #expect(preview.output.contains("72-512"))
  }

  @Test func aBatchTakesNumbersFromFileNamesOrAMetadataFile() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try Data(Self.decision.utf8).write(to: input.appendingPathComponent("A_DEC_72_512.txt"))
    try Data(Self.decision.utf8).write(to: input.appendingPathComponent("item.txt"))
    let metadata = folder.appendingPathComponent("m.csv")
    try Data("file,number,title\nitem.txt,\"72/513 A, B and C\",Some title\n".utf8).write(to: metadata)
    let run = try AKN.run([
      "batch", input.path, "-o", folder.appendingPathComponent("out").path, "--metadata", metadata.path,
      "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let named = try String(contentsOf: folder.appendingPathComponent("out/A_DEC_72_512.xml"), encoding: .utf8)
    #expect(named.contains("<FRBRnumber value=\"72-512\" showAs=\"72/512\"/>"))
    let listed = try String(contentsOf: folder.appendingPathComponent("out/item.xml"), encoding: .utf8)
    #expect(listed.contains("<FRBRnumber value=\"72-513\" showAs=\"72/513 A, B and C\"/>"))
    #expect(listed.contains("<FRBRname value=\"Some title\"/>"))
    let report = try String(
      contentsOf: folder.appendingPathComponent("out/akn-batch-report.jsonl"), encoding: .utf8)
    #expect(report.contains("\"notes\":[{\"rule\":\"input.number\""))
    #expect(report.contains("taken from the file name A_DEC_72_512.txt"))
    #expect(report.contains("taken from the metadata file \(metadata.path), line 2"))
    // A metadata file with a bad number stops the batch before anything is converted.
    try Data("file,number\nitem.txt,banana\n".utf8).write(to: metadata)
    let bad = try AKN.run([
      "batch", input.path, "-o", folder.appendingPathComponent("out2").path, "--metadata", metadata.path,
    ])
    #expect(bad.status == 2)
    #expect(
      bad.stderr.contains("akn: error: --metadata \(metadata.path):2: the number \"banana\""), "\(bad.stderr)"
    )
  }
}
