#!/usr/bin/env python3
"""Compares two corpus snapshots byte for byte and prints every difference.

    Scripts/corpus-compare.py A B [--context N] [--width N]

A and B are folders written by Scripts/corpus-snapshot.py (for example the snapshot of main and
that of a refactor). For each input of either snapshot it compares:

  - the input's record: status, error and warning diagnostics (rule, line, column, message),
    output file name, input sha256;
  - the output XML, byte for byte; where it differs, the first differing line is printed with
    N lines of context before it (a long line is cut to a window around the first differing
    character);
  - any other file of either snapshot (a file only one side has is a difference).

snapshot-info.json (paths, timings) is not compared. The akn version and options recorded in
the reports are shown when they differ but are not themselves a difference.

Output: one block per input that differs, then one summary line. Exit codes: 0 identical,
1 some difference, 2 usage error (not a snapshot).
"""

import argparse
import sys
from pathlib import Path

import corpus_common as common

#: Record fields compared (besides errors and warnings); "options" holds the akn version.
RECORD_FIELDS = ["status", "reason", "output", "bytes", "sha256", "outputSha256"]


def describe(diagnostic):
    if diagnostic is None:
        return "(none)"
    where = f"line {diagnostic.get('line')}" if diagnostic.get("line") is not None else "no line"
    if diagnostic.get("column") is not None:
        where += f":{diagnostic['column']}"
    return f"{diagnostic.get('rule')} at {where}: {diagnostic.get('message')}"


def diagnostics_difference(kind, a, b, width=160):
    """Lines telling how two lists of diagnostics differ (empty when equal)."""
    if a == b:
        return []
    counts_a, counts_b = common.rule_counts(a), common.rule_counts(b)
    if counts_a == counts_b:
        lines = [f"{kind}: same rules ({counts_a}), different lines or messages"]
    else:
        lines = [f"{kind}: {counts_a} -> {counts_b} ({len(a)} -> {len(b)})"]
    for index in range(max(len(a), len(b))):
        left = describe(a[index] if index < len(a) else None)
        right = describe(b[index] if index < len(b) else None)
        if left != right:
            column = next((i for i in range(min(len(left), len(right))) if left[i] != right[i]),
                          min(len(left), len(right)))
            lines.append(f"  first difference, {kind[:-1]} #{index + 1}:")
            lines.append(f"    A: {window(left, column, width)}")
            lines.append(f"    B: {window(right, column, width)}")
            break
    return lines


def window(line, column, width):
    """The part of `line` around `column`, at most `width` characters, with … where cut."""
    if len(line) <= width:
        return line
    start = max(0, column - width // 3)
    end = start + width
    return ("…" if start > 0 else "") + line[start:end] + ("…" if end < len(line) else "")


def file_difference(path_a, path_b, context, width):
    """Lines describing how two files differ (empty when identical)."""
    data_a, data_b = path_a.read_bytes(), path_b.read_bytes()
    if data_a == data_b:
        return []
    lines_a = data_a.decode("utf-8", "replace").split("\n")
    lines_b = data_b.decode("utf-8", "replace").split("\n")
    number = next(
        (i for i in range(min(len(lines_a), len(lines_b))) if lines_a[i] != lines_b[i]),
        min(len(lines_a), len(lines_b)))
    line_a = lines_a[number] if number < len(lines_a) else ""
    line_b = lines_b[number] if number < len(lines_b) else ""
    column = next((i for i in range(min(len(line_a), len(line_b))) if line_a[i] != line_b[i]),
                  min(len(line_a), len(line_b)))
    out = [f"differs from line {number + 1}, column {column + 1} "
           f"(A {len(data_a)} bytes, {len(lines_a)} lines; B {len(data_b)} bytes, {len(lines_b)} lines):"]
    for i in range(max(0, number - context), number):
        out.append(f"      {i + 1:>6} | {window(lines_a[i], 0, width)}")
    out.append(f"    A {number + 1:>6} | " + (window(line_a, column, width) if number < len(lines_a) else "(end of file)"))
    out.append(f"    B {number + 1:>6} | " + (window(line_b, column, width) if number < len(lines_b) else "(end of file)"))
    return out


def snapshot_files(root):
    """Relative paths of every file of a snapshot except summary, info and reports."""
    skip = {common.SUMMARY, common.INFO}
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and p.name != common.REPORT and p.relative_to(root).as_posix() not in skip}


def compare(a, b, context=2, width=160, out=print):
    """Prints the differences between snapshots a and b; returns the number of differing items."""
    a, b = Path(a), Path(b)
    records_a, records_b = common.read_reports(a), common.read_reports(b)
    rows_a = {(r["corpus"], r["input"]): r for r in common.read_summary(a)}
    rows_b = {(r["corpus"], r["input"]): r for r in common.read_summary(b)}
    keys = sorted(set(records_a) | set(records_b) | set(rows_a) | set(rows_b))
    files_a, files_b = snapshot_files(a), snapshot_files(b)
    claimed = set()
    counts = {"inputs": 0, "outputs": 0, "records": 0, "only": 0, "files": 0}
    differing = 0
    options = set()
    for key in keys:
        corpus, name = key
        block = []
        ra, rb = records_a.get(key), records_b.get(key)
        if ra is None or rb is None:
            side = "A" if rb is None else "B"
            record = ra or rb or {}
            block.append(f"only in {side} (status {record.get('status', '?')})")
            counts["only"] += 1
        else:
            options.add((ra.get("options"), rb.get("options")))
            fields = [f for f in RECORD_FIELDS if ra.get(f) != rb.get(f)]
            for field in fields:
                block.append(f"{field}: {ra.get(field)} -> {rb.get(field)}")
            block += diagnostics_difference("errors", ra.get("errors") or [], rb.get("errors") or [], width)
            block += diagnostics_difference("warnings", ra.get("warnings") or [], rb.get("warnings") or [], width)
            if block:
                counts["records"] += 1
        # summary.tsv is derived from the records and outputs; shown only if it disagrees otherwise.
        row_a, row_b = dict(rows_a.get(key) or {}), dict(rows_b.get(key) or {})
        row_a.pop("output_sha256", None)
        row_b.pop("output_sha256", None)
        if row_a != row_b and not block:
            block.append(f"summary.tsv row: {rows_a.get(key)} -> {rows_b.get(key)}")
        for record in (ra, rb):
            if record and record.get("output"):
                claimed.add(f"{corpus}/{record['output']}")
        output = (ra or rb or {}).get("output")
        if output:
            rel = f"{corpus}/{output}"
            in_a, in_b = rel in files_a, rel in files_b
            if in_a and in_b:
                diff = file_difference(a / rel, b / rel, context, width)
                if diff:
                    block.append(f"output {rel} " + diff[0])
                    block += diff[1:]
                    counts["outputs"] += 1
            elif in_a or in_b:
                block.append(f"output {rel}: only in {'A' if in_a else 'B'}")
                counts["outputs"] += 1
        if block:
            differing += 1
            out(f"{corpus}/{name}")
            for line in block:
                out(f"  {line}")
        counts["inputs"] += 1
    # Files no input claims (should not exist; shown so nothing escapes the comparison).
    for rel in sorted((files_a | files_b) - claimed):
        if rel in files_a and rel in files_b:
            diff = file_difference(a / rel, b / rel, context, width)
            if diff:
                out(rel)
                out(f"  {diff[0]}")
                for line in diff[1:]:
                    out(f"  {line}")
                counts["files"] += 1
        else:
            out(f"{rel}\n  only in {'A' if rel in files_a else 'B'}")
            counts["files"] += 1
    for left, right in sorted(o for o in options if o[0] != o[1]):
        out(f"note: akn options differ (not counted as a difference): A {left!r}, B {right!r}")
    return differing + counts["files"], counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", help="the first snapshot folder (e.g. main's)")
    parser.add_argument("b", help="the second snapshot folder (e.g. the change's)")
    parser.add_argument("--context", type=int, default=2, help="lines shown before a differing line (default 2)")
    parser.add_argument("--width", type=int, default=160, help="longest line excerpt shown (default 160)")
    args = parser.parse_args(argv)
    try:
        a, b = common.check_snapshot(args.a), common.check_snapshot(args.b)
        differing, counts = compare(a, b, context=args.context, width=args.width)
    except common.ToolError as error:
        return common.fail("corpus-compare", error)
    if differing == 0:
        print(f"corpus-compare: identical: {counts['inputs']} inputs, their statuses, diagnostics and outputs")
        return 0
    print(f"corpus-compare: {differing} differ of {counts['inputs']} inputs: {counts['outputs']} outputs, "
          f"{counts['records']} statuses/diagnostics, {counts['only']} inputs on one side only, "
          f"{counts['files']} other files")
    return 1


if __name__ == "__main__":
    sys.exit(main())
