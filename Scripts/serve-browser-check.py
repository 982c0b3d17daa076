#!/usr/bin/env python3
"""Drives headless Chromium through the page of `akn serve`, as a person would use it.

    Scripts/serve-browser-check.py URL FILE [--chromium /usr/bin/chromium]

Opens URL (the server's page), chooses FILE in its form (DevTools' DOM.setFileInputFiles, as a
person choosing a file), presses "Convert and preview", and waits (120 s at most, against hangs)
until the preview frame shows a document. Prints one JSON object of what the DOM then holds:
the status line, the preview's title and text, whether the XML download link is shown and the
first characters of the XML it holds, the findings listed, and every address the page asked for
(to check it loaded nothing but its own, and how many times it asked).

Chromium is spoken to over its DevTools protocol on a pipe (--remote-debugging-pipe: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so nothing but the standard library
and Chromium is needed. Exit status 0 when the protocol ran (the caller judges the facts), 2 when
Chromium could not be driven.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="akn-serve-chromium-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4 (moved out of the way first,
        # in case the pipes themselves are 3 or 4).
        def wire():
            read, write = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(read, 3)
            os.dup2(write, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.requests = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + 120
        while time.time() < deadline:
            answer = self.receive(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if answer.get("method") == "Network.requestWillBeSent":
                self.requests.append(answer["params"]["request"]["url"])
        raise TimeoutError(method)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no message from Chromium")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("file")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    browser = Browser(args.chromium)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "DOM", "Network"):
            browser.send(domain + ".enable", session=session)
        browser.send("Page.navigate", {"url": args.url}, session=session)

        def evaluate(expression):
            result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                  session=session)
            return result.get("result", {}).get("value")

        def wait(expression, seconds=120):
            deadline = time.time() + seconds
            while time.time() < deadline:
                value = evaluate(expression)
                if value:
                    return value
                time.sleep(0.1)
            return None

        loaded = wait("document.readyState === 'complete' && !!document.getElementById('file')")
        document = browser.send("DOM.getDocument", session=session)["root"]["nodeId"]
        node = browser.send("DOM.querySelector", {"nodeId": document, "selector": "#file"}, session=session)
        browser.send("DOM.setFileInputFiles", {"files": [os.path.abspath(args.file)], "nodeId": node["nodeId"]},
                     session=session)
        evaluate("document.getElementById('convert').click()")
        shown = wait("(function () { var f = document.getElementById('preview');"
                     " return f.style.display === 'block' && f.contentDocument"
                     " && f.contentDocument.body && f.contentDocument.body.innerText.length > 200"
                     " && document.getElementById('download').style.display === 'inline'; })()"
                     " || document.getElementById('diagnostics').children.length > 0")
        facts = evaluate("""JSON.stringify((function () {
            var f = document.getElementById('preview'), d = f.contentDocument;
            return {
              status: document.getElementById('status').textContent,
              previewShown: f.style.display === 'block',
              previewTitle: d ? d.title : null,
              previewText: d && d.body ? d.body.innerText.slice(0, 4000) : '',
              previewScripts: d ? d.querySelectorAll('script').length : -1,
              download: document.getElementById('download').style.display === 'inline'
                && document.getElementById('download').href.indexOf('blob:') === 0,
              downloadName: document.getElementById('download').getAttribute('download'),
              findings: Array.prototype.map.call(document.getElementById('diagnostics').children,
                function (li) { return li.textContent; }),
              location: location.href
            };
        })())""")
        result = json.loads(facts) if facts else {}
        # Download the XML as a person would (a click on the link), into a folder of our own; its
        # name and first characters.
        result["downloadHead"] = None
        if result.get("download"):
            folder = tempfile.mkdtemp(prefix="akn-serve-download-")
            try:
                browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
                evaluate("document.getElementById('download').click()")
                deadline = time.time() + 60
                while time.time() < deadline:
                    done = [f for f in os.listdir(folder) if not f.endswith(".crdownload")]
                    if done:
                        with open(os.path.join(folder, done[0]), "rb") as saved:
                            result["downloadedName"] = done[0]
                            result["downloadHead"] = saved.read(200).decode("utf-8", "replace")
                        break
                    time.sleep(0.1)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        result["loaded"] = bool(loaded)
        result["shown"] = bool(shown)
        result["requests"] = browser.requests
        print(json.dumps(result))
        return 0
    except Exception as error:
        print(json.dumps({"error": str(error)}))
        return 2
    finally:
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
