/// The web page of `GET /`: drop, choose or paste a resolution's text or PDF, or an AKN file;
/// see its preview, download its XML, read its diagnostics; validate an AKN file; convert the
/// documents of a zip into a zip of results. Inline CSS
/// and script, nothing loaded from the network. Without script the form posts to
/// `/v1/convert` and the browser shows the preview page.
enum Page {
  static let html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src blob: data:; frame-src 'self' about:; form-action 'self'">
    <title>akn: UN resolutions to Akoma Ntoso</title>
    <style>
    body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1b1b1b; }
    h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
    #drop { border: 2px dashed #8a8a8a; border-radius: 8px; padding: 1rem; margin: .5rem 0; }
    #drop.over { background: #eef5ff; border-color: #2563eb; }
    textarea { width: 100%; min-height: 6rem; box-sizing: border-box; font: 13px/1.3 ui-monospace, monospace; }
    button { font: inherit; padding: .35rem .9rem; margin-right: .5rem; }
    #status { margin: .5rem 0; font-weight: 600; }
    #diagnostics li.error { color: #b91c1c; } #diagnostics li.warning { color: #92400e; }
    #preview { width: 100%; height: 70vh; border: 1px solid #c8c8c8; display: none; }
    #download { display: none; margin-left: .5rem; }
    </style>
    </head>
    <body>
    <h1>akn: a UN resolution to Akoma Ntoso</h1>
    <p>Drop or choose a resolution's text (UTF-8) or PDF, an Akoma Ntoso XML file, or a zip of texts and PDFs (converted
    into a zip of XML files with a report), or paste a text below.
    Nothing leaves this server; nothing is kept.</p>
    <form id="form" action="/v1/convert" method="post" enctype="multipart/form-data">
    <div id="drop">
    <input id="file" type="file" name="file" accept=".txt,.md,.pdf,.xml,.zip,text/plain,application/pdf,application/xml,application/zip">
    <p>or paste the text:</p>
    <textarea id="text" name="text" placeholder="Resolution adopted by the General Assembly on …"></textarea>
    </div>
    <button id="convert" type="submit">Convert and preview</button>
    <button id="validate" type="button">Validate AKN</button>
    <a id="download" download="document.xml" href="#">Download the XML</a>
    </form>
    <div id="status" role="status"></div>
    <ul id="diagnostics"></ul>
    <iframe id="preview" title="Preview" sandbox="allow-same-origin"></iframe>
    <script>
    "use strict";
    const form = document.getElementById("form"), fileInput = document.getElementById("file"),
      text = document.getElementById("text"), drop = document.getElementById("drop"),
      statusLine = document.getElementById("status"), list = document.getElementById("diagnostics"),
      preview = document.getElementById("preview"), download = document.getElementById("download");
    let dropped = null;
    function input() {
      if (dropped) return { body: dropped, name: dropped.name };
      if (fileInput.files.length) return { body: fileInput.files[0], name: fileInput.files[0].name };
      if (text.value.trim()) return { body: new Blob([text.value], { type: "text/plain" }), name: "pasted.txt" };
      return null;
    }
    function show(findings) {
      list.replaceChildren();
      for (const finding of findings) {
        const item = document.createElement("li");
        item.className = finding.severity || "error";
        const where = finding.line ? "line " + finding.line + (finding.column ? ":" + finding.column : "") + ": " : "";
        item.textContent = where + (finding.severity || "error") + ": " + finding.message + " [" + finding.rule + "]";
        list.append(item);
      }
    }
    async function problem(response) {
      try {
        const body = await response.json();
        show((body.errors || []).concat(body.warnings || []));
        return body.title ? body.title + (body.detail ? ": " + body.detail : "") : "error " + response.status;
      } catch (e) { return "error " + response.status; }
    }
    function post(path, accept, upload) {
      const data = new FormData();
      data.append("file", upload.body, upload.name);
      return fetch(path, { method: "POST", headers: { Accept: accept }, body: data });
    }
    async function convert(event) {
      event.preventDefault();
      const upload = input();
      if (!upload) { statusLine.textContent = "Choose, drop or paste a document first."; return; }
      list.replaceChildren(); download.style.display = "none";
      const head = new Uint8Array(await upload.body.slice(0, 4).arrayBuffer());
      if (head[0] === 0x50 && head[1] === 0x4B) { await batch(upload); return; }
      statusLine.textContent = "Converting " + upload.name + " …";
      // One conversion: the preview and the XML come back as two parts of one answer.
      const response = await post("/v1/convert", "multipart/form-data", upload);
      if (!response.ok) { preview.style.display = "none"; statusLine.textContent = await problem(response); return; }
      const parts = await response.formData();
      preview.srcdoc = parts.get("preview");
      preview.style.display = "block";
      const warnings = response.headers.get("AKN-Warnings");
      statusLine.textContent = upload.name + ": converted" + (warnings && warnings !== "0" ? ", " + warnings + " warning(s), listed at the top of the preview" : ", no warnings");
      const xml = parts.get("xml");
      if (xml) {
        if (download.href.startsWith("blob:")) URL.revokeObjectURL(download.href);
        download.href = URL.createObjectURL(new Blob([xml], { type: "application/xml" }));
        download.download = upload.name.replace(/\\.[^.]*$/, "") + ".xml";
        download.textContent = "Download the XML";
        download.style.display = "inline";
      }
    }
    async function batch(upload) {
      statusLine.textContent = "Converting the documents of " + upload.name + " …";
      preview.style.display = "none";
      const response = await post("/v1/batch", "application/zip", upload);
      if (!response.ok) { statusLine.textContent = await problem(response); return; }
      if (download.href.startsWith("blob:")) URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(await response.blob());
      download.download = upload.name.replace(/\\.[^.]*$/, "") + "-akn.zip";
      download.textContent = "Download the results (zip, with akn-batch-report.jsonl)";
      download.style.display = "inline";
      statusLine.textContent = upload.name + ": " + response.headers.get("AKN-Converted") + " converted, " +
        response.headers.get("AKN-Failed") + " failed (the report in the zip says why)";
    }
    async function validate() {
      const upload = input();
      if (!upload) { statusLine.textContent = "Choose, drop or paste an AKN document first."; return; }
      statusLine.textContent = "Validating " + upload.name + " …";
      const response = await post("/v1/validate", "application/json", upload);
      if (response.headers.get("Content-Type").startsWith("application/json")) {
        const report = await response.json();
        show(report.errors.concat(report.warnings));
        statusLine.textContent = upload.name + ": " + report.outcome;
      } else {
        statusLine.textContent = await problem(response);
      }
    }
    form.addEventListener("submit", convert);
    document.getElementById("validate").addEventListener("click", validate);
    fileInput.addEventListener("change", () => { dropped = null; });
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault(); drop.classList.remove("over");
      if (event.dataTransfer.files.length) { dropped = event.dataTransfer.files[0]; statusLine.textContent = dropped.name + " ready"; }
    });
    </script>
    </body>
    </html>

    """
}
