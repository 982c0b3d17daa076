"""Shared helpers of the corpus tools (corpus-snapshot.py, corpus-compare.py, corpus-quality.py).

Not a command: it is imported by those scripts (they put Scripts/ on sys.path by being run from
it). Python 3 standard library only.

A *snapshot* is a folder made by corpus-snapshot.py:

    DIR/summary.tsv              one row per input: corpus, input, status, errors, warnings,
                                 output_sha256, input_sha256 (deterministic, sorted)
    DIR/snapshot-info.json       how it was made: akn binary, corpus root, timings (NOT compared)
    DIR/<corpus>/report.jsonl    akn batch's report, sorted by input, timings ("ms") removed
    DIR/<corpus>/**.xml          the outputs, as akn batch wrote them

where <corpus> is a folder's path relative to the corpus root (`dev`, `bulk/ga-78` ...).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

#: The checkout root: the folder holding Scripts/.
ROOT = Path(__file__).resolve().parent.parent

#: What akn batch may one day read; every folder that directly holds such files is a corpus.
INPUT_SUFFIXES = (".txt", ".pdf")

SUMMARY = "summary.tsv"
INFO = "snapshot-info.json"
REPORT = "report.jsonl"
#: The report akn batch writes into its output folder.
BATCH_REPORT = "akn-batch-report.jsonl"
SUMMARY_COLUMNS = ["corpus", "input", "status", "errors", "warnings", "output_sha256", "input_sha256"]


class ToolError(Exception):
    """A problem of the tools or their setup (not of the corpus data): exit code 2."""


def shared_dir():
    """`$AKN_SHARED`, else `../shared` beside the checkout root (as the Swift tests find it)."""
    env = os.environ.get("AKN_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def find_corpus(explicit=None):
    """The corpus root, or None when it is absent. `explicit` (a --corpus value) must exist."""
    if explicit:
        path = Path(explicit)
        if not path.is_dir():
            raise ToolError(f"--corpus {explicit}: no such folder")
        return path
    path = shared_dir() / "corpus"
    return path if path.is_dir() else None


def absent_message(tool):
    where = os.environ.get("AKN_SHARED")
    where = f"$AKN_SHARED={where}" if where else f"{ROOT.parent / 'shared'} (set AKN_SHARED to elsewhere)"
    return f"{tool}: skipped: no corpus: {where} has no corpus/ folder"


def default_akn():
    return ROOT / ".build" / "debug" / "akn"


def default_schema():
    """`$AKN_SCHEMA`, else the checkout's Schemas/ when `make schema` filled it, else None (akn's own default)."""
    if os.environ.get("AKN_SCHEMA"):
        return os.environ["AKN_SCHEMA"]
    if (ROOT / "Schemas" / "akomantoso30.xsd").is_file():
        return str(ROOT / "Schemas")
    return None


def corpus_folders(corpus_root):
    """Every folder under the root that directly holds .txt or .pdf files, as sorted relative paths."""
    found = []
    for folder, dirs, files in os.walk(corpus_root):
        dirs.sort()
        if any(name.endswith(INPUT_SUFFIXES) for name in files):
            found.append(Path(folder).relative_to(corpus_root).as_posix())
    return sorted(found)


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def rule_counts(diagnostics):
    """`rule=count,rule=count` (sorted), or `-`."""
    counts = {}
    for item in diagnostics:
        counts[item.get("rule") or "?"] = counts.get(item.get("rule") or "?", 0) + 1
    return ",".join(f"{rule}={n}" for rule, n in sorted(counts.items())) or "-"


def parse_rule_counts(field):
    if field in ("", "-"):
        return {}
    result = {}
    for item in field.split(","):
        rule, _, count = item.rpartition("=")
        result[rule] = int(count)
    return result


# MARK: Making a snapshot


def _prepare_out(out):
    """Create DIR, or reuse it only when it is empty or an earlier snapshot (never wipe other data)."""
    if out.exists():
        if not out.is_dir():
            raise ToolError(f"--out {out}: exists and is not a folder")
        entries = list(out.iterdir())
        if entries and not (out / SUMMARY).exists() and not (out / INFO).exists():
            raise ToolError(f"--out {out}: not empty and not a snapshot; choose another folder")
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    out.mkdir(parents=True, exist_ok=True)


def make_snapshot(akn, out, corpus_root, schema=None, jobs=None, markup_date="2026-01-01", log=print):
    """Runs one `akn batch` per corpus folder into OUT/<folder>/ and writes summary.tsv.

    Returns the rows of summary.tsv (dicts). Failed inputs are data, not errors; a batch that
    exits 2 (usage or I/O), crashes, or writes no report is a ToolError.
    """
    akn = Path(akn)
    if not akn.is_file() or not os.access(akn, os.X_OK):
        raise ToolError(f"no akn binary at {akn}: run `make build`, or pass --akn PATH")
    out = Path(out)
    _prepare_out(out)
    started = time.monotonic()
    info = {
        "akn": str(akn.resolve()),
        "corpus": str(Path(corpus_root).resolve()),
        "schema": schema,
        "markup_date": markup_date,
        "folders": {},
    }
    rows = []
    for folder in corpus_folders(corpus_root):
        target = out / folder
        target.mkdir(parents=True, exist_ok=True)
        command = [str(akn), "batch", str(Path(corpus_root) / folder), "-o", str(target), "--quiet",
                   "--markup-date", markup_date]
        if schema:
            command += ["--schema", str(schema)]
        if jobs:
            command += ["--jobs", str(jobs)]
        t0 = time.monotonic()
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = round(time.monotonic() - t0, 2)
        if proc.returncode not in (0, 1):
            detail = (proc.stderr or proc.stdout).strip()
            raise ToolError(f"akn batch {folder}: exit {proc.returncode}: {detail}")
        raw = target / BATCH_REPORT
        if not raw.is_file():
            raise ToolError(f"akn batch {folder}: wrote no {BATCH_REPORT} in {target}")
        records = [json.loads(line) for line in raw.read_text(encoding="utf-8").splitlines() if line.strip()]
        records.sort(key=lambda r: r["input"])
        raw.unlink()
        with open(target / REPORT, "w", encoding="utf-8") as handle:
            for record in records:
                record.pop("ms", None)  # the only non-deterministic field
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        statuses = {}
        for record in records:
            statuses[record["status"]] = statuses.get(record["status"], 0) + 1
            output = record.get("output")
            sha = "-"
            if record["status"] == "converted":
                path = target / output if output else None
                sha = sha256_file(path) if path and path.is_file() else "missing"
            rows.append({
                "corpus": folder,
                "input": record["input"],
                "status": record["status"],
                "errors": rule_counts(record.get("errors") or []),
                "warnings": rule_counts(record.get("warnings") or []),
                "output_sha256": sha,
                "input_sha256": record.get("sha256") or "-",
            })
        info["folders"][folder] = {"seconds": seconds, "exit": proc.returncode, "statuses": statuses}
        shown = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
        log(f"snapshot: {folder}: {shown} ({seconds} s)")
    rows.sort(key=lambda r: (r["corpus"], r["input"]))
    with open(out / SUMMARY, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(SUMMARY_COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row[c] for c in SUMMARY_COLUMNS) + "\n")
    info["seconds"] = round(time.monotonic() - started, 2)
    (out / INFO).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return rows


# MARK: Reading a snapshot


def check_snapshot(path):
    path = Path(path)
    if not (path / SUMMARY).is_file():
        raise ToolError(f"{path}: not a snapshot (no {SUMMARY}); make one with Scripts/corpus-snapshot.py")
    return path


def read_summary(snapshot):
    lines = (Path(snapshot) / SUMMARY).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    if header != SUMMARY_COLUMNS:
        raise ToolError(f"{snapshot}/{SUMMARY}: unexpected columns {header}")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line]


def read_reports(snapshot):
    """{(corpus, input): report record} over every corpus folder of the snapshot."""
    records = {}
    snapshot = Path(snapshot)
    for report in sorted(snapshot.rglob(REPORT)):
        corpus = report.parent.relative_to(snapshot).as_posix()
        for line in report.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[(corpus, record["input"])] = record
    return records


def read_info(snapshot):
    path = Path(snapshot) / INFO
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def fail(tool, error):
    print(f"{tool}: error: {error}", file=sys.stderr)
    return 2
