import Foundation
import Testing

@Suite struct PreviewCommandTests {
  @Test func seedTextToAFileIsTheGolden() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("r.html")
    let run = try AKN.run(["preview", AKN.seed.path, "-o", out.path, "--single-column"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    let html = try String(contentsOf: out, encoding: .utf8)
    let golden = try String(
      contentsOf: AKN.root.appendingPathComponent("Examples/A_RES_67_27.preview.html"), encoding: .utf8)
    #expect(html == golden, "akn preview differs from Examples/A_RES_67_27.preview.html")
  }

  @Test func xmlToStandardOutput() throws {
    let plain = try AKN.run(["preview", AKN.golden.path])
    let dash = try AKN.run(["preview", AKN.golden.path, "-o", "-"])
    #expect(plain.status == 0 && dash.status == 0, "\(plain.stderr)\(dash.stderr)")
    #expect(plain.output.hasPrefix("<!DOCTYPE html>"))
    #expect(plain.output.contains("id=\"para_3__list_1__point_d\""))
    #expect(plain.stdout == dash.stdout, "-o - differs from no -o")
    // XML is told from text by its first non-blank byte, also on standard input.
    let xml = try [UInt8](Data(contentsOf: AKN.golden))
    let piped = try AKN.run(["preview", "-"], stdin: Array("\n  ".utf8) + xml)
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout == plain.stdout, "standard input renders differently")
  }

  @Test func aTextWithWarningsListsThemAtTheTop() throws {
    // The seed with the marker of its footnote 1 removed: the note is attached with a warning.
    var text = try String(contentsOf: AKN.seed, encoding: .utf8)
    let marker = try #require(text.range(of: "and the recommendations that were made,1"))
    text.replaceSubrange(marker, with: "and the recommendations that were made,")
    let run = try AKN.run(["preview", "-"], stdin: Array(text.utf8))
    guard run.status == 0 else {
      Issue.record("exit \(run.status): \(run.stderr)")
      return
    }
    #expect(!run.stderr.isEmpty)
    let warnings = try #require(run.output.range(of: "<section class=\"preview-diagnostics\">"))
    let body = try #require(run.output.range(of: "<article"))
    #expect(warnings.lowerBound < body.lowerBound)
    #expect(run.output.contains("<code class=\"preview-rule\">footnote."))
    #expect(run.stderr.contains("footnote 1 has no marker"))
  }

  @Test func aTextIsShownBesideItsSourceUnlessOneColumnIsAsked() throws {
    let beside = try AKN.run(["preview", AKN.seed.path])
    #expect(beside.status == 0, "\(beside.stderr)")
    #expect(beside.output.contains("<body class=\"preview-side-by-side\">"))
    #expect(
      beside.output.contains("<div class=\"src-line src-read\" id=\"src-L8\"><a class=\"src-num\" href=\"#"))
    #expect(beside.output.contains("<a class=\"preview-src\" href=\"#src-L8\""))
    #expect(!beside.output.lowercased().contains("<script"))
    let piped = try AKN.run(["preview", "-"], stdin: try [UInt8](Data(contentsOf: AKN.seed)))
    #expect(piped.status == 0 && piped.stdout == beside.stdout, "standard input renders differently")
    let single = try AKN.run(["preview", AKN.seed.path, "--single-column"])
    #expect(single.status == 0)
    #expect(!single.output.contains("preview-side-by-side") && !single.output.contains("src-L"))
    // AKN is always one column.
    let xml = try AKN.run(["preview", AKN.golden.path])
    #expect(!xml.output.contains("preview-side-by-side"))
    #expect(!xml.output.contains("class=\"preview-notice\""))
  }

  @Test func aPDFIsShownBesideItsTextByPage() throws {
    guard let shared = AKN.shared, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftohtml") else {
      print("PDF preview skipped: ../shared or /usr/bin/pdftohtml is missing")
      return
    }
    let pdf = shared.appendingPathComponent("corpus/dev-pdf/A_RES_78_8.pdf")
    let run = try AKN.run(["preview", pdf.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty)
    #expect(run.output.contains("The source (the text extracted from the PDF,"))
    #expect(run.output.contains("<div class=\"src-page\" id=\"src-page-2\">Page 2</div>"))
    #expect(run.output.contains("title=\"where this was printed in the source\">p. 2, l. "))
    #expect(run.output.contains("<span class=\"src-reason\">left out: masthead</span>"))
    let piped = try AKN.run(["preview", "-", "--quiet"], stdin: try [UInt8](Data(contentsOf: pdf)))
    #expect(piped.status == 0 && piped.stdout == run.stdout, "a PDF on standard input renders differently")
  }

  @Test func anInvalidAKNFileRendersWithANotice() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let draft = folder.appendingPathComponent("draft.xml")
    var xml = try String(contentsOf: AKN.golden, encoding: .utf8)
    xml = xml.replacingOccurrences(
      of: "http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"",
      with: "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17\"")
    try Data(xml.utf8).write(to: draft)
    let run = try AKN.run(["preview", draft.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.output.contains("<section class=\"preview-notice\" role=\"alert\">"))
    #expect(run.output.contains("draft namespace"))
    #expect(run.output.contains("id=\"para_3__list_1__point_d\""))  // rendered all the same
    #expect(run.stderr.contains("note: not a schema-valid AKN 3.0 document"))
  }

  @Test func helpSaysWhatItReadsAndTheOptions() throws {
    let help = try AKN.run(["preview", "--help"])
    #expect(help.status == 0)
    for phrase in ["PDF", "standard input", "--single-column", "--color", "--number", "beside its source"] {
      #expect(help.output.contains(phrase), "--help does not say \(phrase)")
    }
    let badNumber = try AKN.run(["preview", AKN.seed.path, "--number", "x/y"])
    #expect(badNumber.status == 2)
    #expect(badNumber.stderr.contains("--number x/y"))
    let number = try AKN.run(["preview", AKN.seed.path, "--number", "67/27", "--color", "never"])
    #expect(number.status == 0, "\(number.stderr)")
  }

  @Test func failuresExitAsTheOtherCommands() throws {
    let folder = try AKN.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let broken = folder.appendingPathComponent("broken.xml")
    try Data("<akomaNtoso><act>".utf8).write(to: broken)
    let notWellFormed = try AKN.run([
      "preview", broken.path, "-o", folder.appendingPathComponent("x.html").path,
    ])
    #expect(notWellFormed.status == 1)
    #expect(notWellFormed.stderr.contains("broken.xml:"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.html").path))
    let notAResolution = try AKN.run(["preview", "-"], stdin: Array("Hello.\n".utf8))
    #expect(notAResolution.status == 1)
    let missing = try AKN.run(["preview", folder.appendingPathComponent("none.txt").path])
    #expect(missing.status == 2)
    let unwritable = try AKN.run([
      "preview", AKN.golden.path, "-o", broken.appendingPathComponent("x.html").path,
    ])
    #expect(unwritable.status == 2)
    #expect(unwritable.stderr.contains("cannot write"))
  }

  // MARK: A real browser

  static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Runs headless Chromium with a generous guard against a hang (not a speed assertion).
  static func browser(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    process.arguments =
      [
        "180", try #require(chromium, "chromium is not installed: run `make deps` (Scripts/install-deps.sh)"),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--user-data-dir="
          + FileManager.default.temporaryDirectory.appendingPathComponent(
            "akn-chromium-\(UUID().uuidString)"
          ).path,
      ] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
    return String(decoding: data, as: UTF8.self)
  }

  /// A page of the test (not of the preview, which has no script) that opens the preview in a
  /// frame and reports what the browser laid out.
  static let harness = """
    <!DOCTYPE html><html><body><pre id="facts">pending</pre>
    <iframe id="page" src="seed.html" style="width:900px;height:3000px"></iframe>
    <script>
    document.getElementById('page').addEventListener('load', function () {
      var out = {};
      try {
        var d = this.contentDocument, w = this.contentWindow;
        function r(e) { return e.getBoundingClientRect(); }
        out.paragraphs = []; 
        d.querySelectorAll('.akn-paragraph').forEach(function (p) {
          var num = p.querySelector(':scope > .akn-num'), body = p.querySelector(':scope > .akn-content, :scope > .akn-list, :scope > .akn-intro');
          var list = p.querySelector(':scope > .akn-list > .akn-intro, :scope > .akn-list > .akn-listIntroduction');
          var text = body && body.classList.contains('akn-list') ? list : body;
          out.paragraphs.push({id: p.id, num: num ? num.textContent : null,
            hanging: !!(num && text && r(num).right <= r(text).left + 0.5 && Math.abs(r(num).top - r(text).top) < 4),
            numPosition: num ? w.getComputedStyle(num).position : null});
        });
        out.points = [];
        d.querySelectorAll('.akn-point').forEach(function (pt) {
          var para = pt.closest('.akn-paragraph'), paraText = para && para.querySelector('.akn-intro, .akn-listIntroduction, .akn-content');
          var num = pt.querySelector(':scope > .akn-num');
          out.points.push({id: pt.id, paragraph: para ? para.id : null,
            indented: !!(para && paraText && num && r(num).left >= r(paraText).left - 0.5 && r(pt).left > r(para.querySelector(':scope > .akn-num')).left)});
        });
        out.italicLeads = [];
        d.querySelectorAll('.akn-preamble .akn-i, .akn-mainBody .akn-i').forEach(function (i) {
          out.italicLeads.push({text: i.textContent, style: w.getComputedStyle(i).fontStyle});
        });
        var notes = d.querySelector('.preview-notes'), closing = d.querySelector('.akn-conclusions');
        out.notesAfterClosing = !!(notes && closing && r(notes).top >= r(closing).bottom);
        out.markers = [];
        d.querySelectorAll('a.akn-noteRef').forEach(function (a) {
          var target = d.getElementById(a.getAttribute('href').slice(1));
          out.markers.push({id: a.id, inNotes: !!(target && notes.contains(target)),
            backLink: !!(target && target.querySelector('a.preview-backref[href="#' + a.id + '"]')),
            superscript: w.getComputedStyle(a.parentElement).verticalAlign === 'super' || w.getComputedStyle(a).verticalAlign === 'super'});
        });
        out.anchors = Array.prototype.map.call(d.querySelectorAll('[id]'), function (e) { return e.id; });
        out.scripts = d.querySelectorAll('script').length;
      } catch (e) { out.error = String(e); }
      document.getElementById('facts').textContent = JSON.stringify(out);
    });
    </script></body></html>

    """

  @Test func chromiumShowsTheSeedAsTheUNPrintsIt() throws {
    let folder = try AKN.temporaryFolder()
    let page = folder.appendingPathComponent("seed.html")
    let run = try AKN.run(["preview", AKN.seed.path, "-o", page.path, "--quiet", "--single-column"])
    #expect(run.status == 0, "\(run.stderr)")
    try Data(Self.harness.utf8).write(to: folder.appendingPathComponent("harness.html"))

    // The preview's own DOM, as the browser parsed it.
    let dom = try Self.browser(["--dump-dom", page.absoluteString])
    #expect(dom.contains("id=\"para_3__list_1__point_a\""))
    #expect(dom.contains("<i class=\"akn-i\">Recalling</i>"))
    #expect(!dom.contains("<script"))

    // The layout, measured in the browser.
    let screenshot = folder.appendingPathComponent("seed.png")
    _ = try Self.browser(["--screenshot=\(screenshot.path)", "--window-size=1000,2600", page.absoluteString])
    #expect(FileManager.default.fileExists(atPath: screenshot.path))
    print("preview screenshot: \(screenshot.path)")
    let harnessDOM = try Self.browser([
      "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom",
      folder.appendingPathComponent("harness.html").absoluteString,
    ])
    let start = try #require(harnessDOM.range(of: "<pre id=\"facts\">"))
    let end = try #require(harnessDOM.range(of: "</pre>", range: start.upperBound..<harnessDOM.endIndex))
    let json = String(harnessDOM[start.upperBound..<end.lowerBound])
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    let facts = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "harness said: \(json)")
    #expect(facts["error"] == nil, "\(facts["error"] ?? "")")

    let paragraphs = facts["paragraphs"] as? [[String: Any]] ?? []
    #expect(paragraphs.count == 5)
    for paragraph in paragraphs {
      #expect(
        paragraph["hanging"] as? Bool == true, "paragraph \(paragraph["id"] ?? "") has no hanging number")
      #expect(paragraph["numPosition"] as? String == "absolute")
    }
    let points = facts["points"] as? [[String: Any]] ?? []
    #expect(points.count == 4)
    for point in points {
      #expect(point["paragraph"] as? String == "para_3")
      #expect(
        point["indented"] as? Bool == true, "point \(point["id"] ?? "") not indented under its paragraph")
    }
    let leads = facts["italicLeads"] as? [[String: Any]] ?? []
    #expect(leads.count >= 20)
    #expect(leads.allSatisfy { $0["style"] as? String == "italic" })
    #expect(facts["notesAfterClosing"] as? Bool == true)
    let markers = facts["markers"] as? [[String: Any]] ?? []
    #expect(markers.count == 5)
    for marker in markers {
      #expect(marker["inNotes"] as? Bool == true && marker["backLink"] as? Bool == true, "\(marker)")
      #expect(marker["superscript"] as? Bool == true)
    }
    let anchors = Set(facts["anchors"] as? [String] ?? [])
    for eId in ["para_1", "para_3__list_1__point_d", "preamble__container_16", "conclusions__container_1"] {
      #expect(anchors.contains(eId), "no anchor \(eId)")
    }
    #expect(facts["scripts"] as? Int == 0)
  }

  /// A page of the test that opens the side-by-side page in a frame, follows a paragraph's link
  /// to its source line and that line's link back, and reports what the browser did.
  static let sideBySideHarness = """
    <!DOCTYPE html><html><body><pre id="facts">pending</pre>
    <iframe id="page" src="beside.html" style="width:1400px;height:900px"></iframe>
    <script>
    document.getElementById('page').addEventListener('load', function () {
      var out = {}, frame = this;
      try {
        var d = frame.contentDocument, w = frame.contentWindow;
        function r(e) { return e.getBoundingClientRect(); }
        var source = d.querySelector('.preview-source'), rendered = d.querySelector('.preview-rendered');
        out.sideBySide = !!(source && rendered && r(source).right <= r(rendered).left + 1 && Math.abs(r(source).top - r(rendered).top) < 2);
        var paragraph = d.getElementById('para_1');
        var link = paragraph && paragraph.querySelector('a.preview-src');
        out.link = link ? link.getAttribute('href') : null;
        out.block = link ? link.parentElement.id : null;
        link.click();
        var target = d.querySelector(':target');
        out.afterLink = target ? target.id : null;
        out.lineText = target ? target.querySelector('.src-text').textContent : null;
        out.lineVisible = target ? (r(target).top >= r(source).top - 1 && r(target).bottom <= r(source).bottom + 1) : false;
        var back = target ? target.querySelector('a.src-num') : null;
        out.back = back ? back.getAttribute('href') : null;
        back.click();
        var again = d.querySelector(':target');
        out.afterBack = again ? again.id : null;
        out.backVisible = again ? (r(again).top >= r(rendered).top - 1 && r(again).top <= r(rendered).bottom) : false;
        out.struck = d.querySelectorAll('.src-left-out del').length;
        out.scripts = d.querySelectorAll('script').length;
      } catch (e) { out.error = String(e); }
      document.getElementById('facts').textContent = JSON.stringify(out);
    });
    </script></body></html>

    """

  @Test func chromiumFollowsAParagraphToItsSourceLinesAndBack() throws {
    let folder = try AKN.temporaryFolder()
    let page = folder.appendingPathComponent("beside.html")
    let run = try AKN.run(["preview", AKN.seed.path, "-o", page.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    try Data(Self.sideBySideHarness.utf8).write(to: folder.appendingPathComponent("harness.html"))
    let dom = try Self.browser([
      "--allow-file-access-from-files", "--virtual-time-budget=10000", "--window-size=1500,1000",
      "--dump-dom",
      folder.appendingPathComponent("harness.html").absoluteString,
    ])
    let start = try #require(dom.range(of: "<pre id=\"facts\">"))
    let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
    let json = String(dom[start.upperBound..<end.lowerBound])
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    let facts = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "harness said: \(json)")
    #expect(facts["error"] == nil, "\(facts["error"] ?? "")")
    #expect(facts["sideBySide"] as? Bool == true)
    // Paragraph 1 of the seed is line 21 of its text.
    let seedLines = try String(contentsOf: AKN.seed, encoding: .utf8).components(separatedBy: "\n")
    let line =
      try #require(seedLines.firstIndex { $0.contains("Calls upon Member States to promote further") }) + 1
    #expect(facts["link"] as? String == "#src-L\(line)")
    #expect(facts["afterLink"] as? String == "src-L\(line)")
    #expect((facts["lineText"] as? String ?? "").contains("Calls upon Member States"))
    #expect(facts["lineVisible"] as? Bool == true)
    let block = try #require(facts["block"] as? String)
    #expect(facts["back"] as? String == "#\(block)")
    #expect(facts["afterBack"] as? String == block)
    #expect(facts["backVisible"] as? Bool == true)
    #expect(facts["struck"] as? Int ?? 0 >= 10)
    #expect(facts["scripts"] as? Int == 0)
  }
}
