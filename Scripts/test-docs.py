#!/usr/bin/env python3
"""Runs every command the README and docs/ show, as a reader would type it.

    Scripts/test-docs.py [--akn .build/debug/akn]

Every fenced ```sh block of README.md, CONTRIBUTING.md and docs/*.md is run, line by line
(comments stripped, a line ending in a backslash joined with the next), in a fresh folder that
holds the files the examples name (the seed's text and XML, a dev PDF from ../shared when it is
there, a corpus folder, archives, a decision with its metadata file …), with the built `akn`
first on the PATH. A command passes when it is not a usage or input/output error: exit 0, or 1
where the example is about a document that fails (exit 2 means an option, a file or a folder
the documentation names does not exist — the documentation is wrong).

A block preceded by `<!-- not run: REASON -->` is skipped with its reason (the build and install
commands, which the rest of `make test` runs, and the Slurm script, for want of Slurm). A block
that needs a PDF is skipped with a message when ../shared/corpus/dev-pdf is absent.
Standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FENCE = re.compile(r"^```sh\s*$")
NOT_RUN = re.compile(r"<!--\s*not run:\s*(.+?)\s*-->")


def blocks(path):
    """(first line number, [command lines], skip reason or None) of each ```sh block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    found = []
    index = 0
    while index < len(lines):
        if FENCE.match(lines[index]):
            reason = None
            for back in range(index - 1, max(index - 3, -1), -1):
                match = NOT_RUN.search(lines[back])
                if match:
                    reason = match.group(1)
                    break
            start = index + 1
            body = []
            index += 1
            while index < len(lines) and not lines[index].startswith("```"):
                body.append(lines[index])
                index += 1
            found.append((start + 1, commands(body), reason))
        index += 1
    return found


def commands(body):
    """The commands of a block: comments stripped, continuation lines joined."""
    result = []
    pending = ""
    for line in body:
        stripped = strip_comment(line).rstrip()
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        command = (pending + stripped).strip()
        pending = ""
        if command and not command.startswith("#"):
            result.append(command)
    return result


def strip_comment(line):
    """`line` without a trailing `# comment` (outside quotes)."""
    quote = None
    for position, character in enumerate(line):
        if quote:
            if character == quote:
                quote = None
        elif character in "'\"":
            quote = character
        elif character == "#" and (position == 0 or line[position - 1] in " \t"):
            return line[:position]
    return line


def fixtures(folder, akn, shared):
    """The files the examples name, made in `folder`."""
    seed = os.path.join(ROOT, "Examples", "A_RES_67_27.txt")
    shutil.copytree(os.path.join(ROOT, "Examples"), os.path.join(folder, "Examples"))
    for name in ["A_RES_67_27.txt", "resolution.txt", "res.txt"]:
        shutil.copy(seed, os.path.join(folder, name))
    env = environment(akn)
    subprocess.run([akn, "convert", seed, "-o", os.path.join(folder, "A_RES_67_27.xml"), "--quiet"],
                   check=True, env=env)
    for sub in ["other", "corpus", "resolutions"]:
        os.makedirs(os.path.join(folder, sub))
    shutil.copy(os.path.join(folder, "A_RES_67_27.xml"), os.path.join(folder, "other", "A_RES_67_27.xml"))
    shutil.copy(os.path.join(folder, "A_RES_67_27.xml"), os.path.join(folder, "other.xml"))
    shutil.copy(os.path.join(folder, "A_RES_67_27.xml"), os.path.join(folder, "corpus", "A_RES_67_27.xml"))
    shutil.copy(seed, os.path.join(folder, "corpus", "A_RES_67_27.txt"))
    shutil.copy(seed, os.path.join(folder, "resolutions", "A_RES_67_27.txt"))
    with zipfile.ZipFile(os.path.join(folder, "ga-78.zip"), "w") as archive:
        archive.write(seed, "A_RES_67_27.txt")
    with tarfile.open(os.path.join(folder, "ga-78.tar.gz"), "w:gz") as archive:
        archive.add(seed, "A_RES_67_27.txt")
    decisions = os.path.join(folder, "decisions")
    os.makedirs(decisions)
    pdf = None
    if shared:
        source = os.path.join(shared, "corpus", "dev-decisions")
        names = sorted(n for n in os.listdir(source) if n.endswith(".txt"))[:2] if os.path.isdir(source) else []
        for name in names:
            shutil.copy(os.path.join(source, name), os.path.join(decisions, name))
        pdfs = os.path.join(shared, "corpus", "dev-pdf", "A_RES_78_100.pdf")
        if os.path.isfile(pdfs):
            pdf = pdfs
            shutil.copy(pdfs, os.path.join(folder, "A_RES_78_100.pdf"))
    with open(os.path.join(folder, "numbers.tsv"), "w") as table:
        table.write("file\tnumber\n")
        for name in sorted(os.listdir(decisions)):
            match = re.match(r"A_DEC_(\d+)_(\d+)", name)
            if match:
                table.write(f"{name}\t{match.group(1)}/{match.group(2)}\n")
    return pdf is not None


def environment(akn):
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(akn)) + os.pathsep + env.get("PATH", "")
    env["AKN_SCHEMA"] = os.path.join(ROOT, "Schemas")
    env.pop("NO_COLOR", None)
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--akn", default=os.path.join(ROOT, ".build", "debug", "akn"))
    args = parser.parse_args()
    akn = os.path.abspath(args.akn)
    if not os.path.isfile(akn):
        print(f"test-docs: {akn} is not built (make build)", file=sys.stderr)
        return 2
    shared = os.environ.get("AKN_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")
    shared = shared if os.path.isdir(os.path.join(shared, "corpus")) else None
    files = [os.path.join(ROOT, "README.md"), os.path.join(ROOT, "CONTRIBUTING.md")] + sorted(
        os.path.join(ROOT, "docs", name) for name in os.listdir(os.path.join(ROOT, "docs")) if name.endswith(".md"))
    failures = []
    ran = skipped = 0
    for path in files:
        for line, block, reason in blocks(path):
            where = f"{os.path.relpath(path, ROOT)}:{line}"
            if reason:
                print(f"test-docs: {where}: not run ({reason})")
                skipped += 1
                continue
            with tempfile.TemporaryDirectory(prefix="akn-docs-") as folder:
                has_pdf = fixtures(folder, akn, shared)
                if not has_pdf and any(".pdf" in command for command in block):
                    print(f"test-docs: {where}: skipped: it needs a PDF and ../shared/corpus/dev-pdf is absent")
                    skipped += 1
                    continue
                for offset, command in enumerate(block):
                    run = subprocess.run(["bash", "-c", command], cwd=folder, env=environment(akn),
                                         capture_output=True, text=True, timeout=600)
                    ran += 1
                    if run.returncode not in (0, 1):
                        failures.append(f"{where}: `{command}` exited {run.returncode}: {run.stderr.strip()[-400:]}")
    for failure in failures:
        print(f"test-docs: FAIL: {failure}", file=sys.stderr)
    print(f"test-docs: {ran} commands run, {skipped} blocks not run, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
