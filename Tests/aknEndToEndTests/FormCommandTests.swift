import Foundation
import Testing

@Suite struct FormCommandTests {
  static let council = """
    Resolution 902 (1967)
    of 22 Apri] 1967

    The Security Council,

    1. Decides to remain seized of the matter.

    Adopted unanimously at the 1382nd meeting.
    """

  @Test func convertsASecurityCouncilTextAndWarnsAboutRepairs() throws {
    let run = try AKN.run(["convert", "-", "--markup-date", "2026-01-01"], stdin: Array(Self.council.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.output.contains("/akn/un/statement/deliberation/un-sc/1967-04-22/902"))
    #expect(run.stderr.contains("<stdin>:2: warning: read the damaged month \"Apri]\" as \"April\""))
    // The text comes back with `akn text`.
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("s.xml")
    _ = try AKN.run(["convert", "-", "-o", output.path, "--quiet"], stdin: Array(Self.council.utf8))
    let text = try AKN.run(["text", output.path])
    #expect(text.output.contains("1.\tDecides to remain seized of the matter."))
    #expect(text.output.contains("Adopted unanimously at the 1382nd meeting."))
  }

  @Test func strictRefusesRepairs() throws {
    let run = try AKN.run(["convert", "-", "--strict"], stdin: Array(Self.council.utf8))
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("<stdin>:2: error: read the damaged month"))
  }

  @Test func formOptionOverridesDetection() throws {
    let run = try AKN.run(["convert", "-", "--form", "decision"], stdin: Array(Self.council.utf8))
    #expect(run.status == 1)
    // The form that does not fit is named with the one the input looks like.
    #expect(
      run.stderr.contains(
        "note: the input was read as the form \"decision\" as asked, but it looks like the form \"sc\""),
      "\(run.stderr)")
    let fits = try AKN.run(["convert", "-", "--form", "sc", "--quiet"], stdin: Array(Self.council.utf8))
    #expect(fits.status == 0 && !fits.stderr.contains("looks like the form"), "\(fits.stderr)")
    let bad = try AKN.run(["convert", "-", "--form", "nonsense"], stdin: Array(Self.council.utf8))
    // A usage error (exit code 2), naming the valid forms.
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("'ods', 'pdf', 'sc', 'decision' or 'markdown'"))
  }
}
