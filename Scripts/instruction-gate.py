#!/usr/bin/env python3
"""The instruction-count gate: callgrind instructions per converted document, against a baseline.

    Scripts/instruction-gate.py [--akn .build/release/akn] [--baseline Tests/instruction-baseline.json]
    Scripts/instruction-gate.py --update      # rewrites the baseline from this run

What it measures: the release `akn batch --jobs 1` (what users run) over fixed documents, under
`valgrind --tool=callgrind`, collecting only inside the worker's per-document function
(`WorkerContext.process`: SHA-256 of the input, `Converter.convert` - decode, read, build the
tree, validate it by the schema and the AKN4UN rules, serialise - write the file, SHA-256 of the
output). Start-up, the schema compile, reading the folder and writing the report are outside it:
they are paid once per process and would only blur a per-document figure. The count is
instructions, not time: the same binary on the same inputs gives the same figure whatever else
runs on the machine (`SWIFT_DETERMINISTIC_HASHING=1` fixes Swift's hash seeds, the markup date is
fixed, each run writes into a fresh folder).

The sets (each its own process, each its own figure in the baseline):
  seed       20 copies of Examples/A_RES_67_27.txt (always measured);
  gen-small  50 documents of `../shared/peers/bench_peers.py gen` (seed-sized generated
             resolutions; measured when the shared folder is there, else skipped with a message).

A set whose instructions per document grew by more than --threshold percent (default 3) over the
baseline fails the gate (exit 1), naming the figure and the functions whose inclusive count per
document grew the most. A change that must cost more rewrites the baseline (`make
instructions-baseline`) in a commit of its own that says why. A set that became cheaper by more
than the threshold passes, with a hint to lower the baseline so that the gain is kept.

Standard library only; needs valgrind (callgrind_annotate) and `swift demangle` for readable
function names (raw symbols otherwise).
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = os.path.join(ROOT, "Examples", "A_RES_67_27.txt")
MARKUP_DATE = "2026-01-01"
# The worker's per-document function, by its exact symbol (found with nm): a pattern with a
# wildcard would also match the functions nested in it, and each match toggles the collection.
TOGGLE_PREFIX = "$s10AkomaNtoso13WorkerContextV7process"
# Functions kept per set in the baseline: those with at least this share of the set's total.
KEEP_SHARE = 0.002
ROW = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*?):(.*?)(?: \[(.*)\])?\s*$")


def fail(message, code=2):
    print(f"instruction-gate: {message}", file=sys.stderr)
    sys.exit(code)


def shared_folder():
    folder = os.environ.get("AKN_SHARED") or os.path.join(ROOT, "..", "shared")
    return folder if os.path.isdir(folder) else None


def prepare_sets(work):
    """Writes the documents of each set into work/sets/NAME/ and returns {name: count}."""
    sets = {}
    seed_dir = os.path.join(work, "sets", "seed")
    os.makedirs(seed_dir)
    # One folder per copy: the file keeps the seed's name (akn reads hints from a file name).
    for i in range(20):
        folder = os.path.join(seed_dir, f"{i:02d}")
        os.makedirs(folder)
        shutil.copyfile(SEED, os.path.join(folder, os.path.basename(SEED)))
    sets["seed"] = 20
    shared = shared_folder()
    generator = os.path.join(shared, "peers", "bench_peers.py") if shared else None
    if generator and os.path.isfile(generator):
        gen = os.path.join(work, "gen")
        subprocess.run(
            [sys.executable, generator, "gen", "--corpus", gen, "--n", "50", "--n-large", "0"],
            check=True, stdout=subprocess.DEVNULL)
        target = os.path.join(work, "sets", "gen-small")
        os.makedirs(target)
        raw = os.path.join(gen, "raw")
        names = sorted(n for n in os.listdir(raw) if n.startswith("small-"))
        for name in names:
            shutil.copyfile(os.path.join(raw, name), os.path.join(target, name))
        sets["gen-small"] = len(names)
    else:
        print("instruction-gate: gen-small skipped: no ../shared/peers/bench_peers.py (the seed alone is measured)")
    return sets


def demangle(lines):
    tool = shutil.which("swift-demangle")
    command = [tool, "--simplified"] if tool else (["swift", "demangle", "--simplified"] if shutil.which("swift") else None)
    if not command:
        return lines
    result = subprocess.run(command, input="\n".join(lines), capture_output=True, text=True)
    out = result.stdout.split("\n")
    return out[: len(lines)] if result.returncode == 0 and len(out) >= len(lines) else lines


def toggle_symbol(akn):
    """The mangled name of `WorkerContext.process(_:)` in the binary: the shortest symbol with the
    prefix (the nested functions and closures have longer ones)."""
    if not shutil.which("nm"):
        fail("nm is not installed (binutils): it finds the per-document function in the binary")
    symbols = subprocess.run(["nm", akn], capture_output=True, text=True, check=True).stdout.split()
    found = sorted((s for s in symbols if s.startswith(TOGGLE_PREFIX)), key=len)
    if not found:
        fail(f"no symbol {TOGGLE_PREFIX}... in {akn}: was WorkerContext.process(_:) renamed? Update the gate.")
    return found[0]


def annotate(akn, out_file, inclusive):
    """{function: instructions} from callgrind_annotate, inclusive or self."""
    annotated = subprocess.run(
        ["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", "--auto=no",
         out_file], capture_output=True, text=True, check=True).stdout.splitlines()
    return parse_annotation(annotated, akn, inclusive)


def parse_annotation(annotated, akn, inclusive):
    """The total and {function: instructions} of callgrind_annotate's output lines."""
    rows = []
    total = None
    for line in annotated:
        totals = re.match(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+PROGRAM TOTALS", line)
        if totals:
            total = int(totals.group(1).replace(",", ""))
            continue
        match = ROW.match(line)
        if not match:
            continue
        count = int(match.group(1).replace(",", ""))
        source, function, obj = match.group(2), match.group(3).strip(), match.group(4) or match.group(2)
        # The same function can be listed under its absolute and its relative source path.
        if "Sources/" in source:
            where = source.split("Sources/")[-1]
        elif os.path.realpath(obj) == os.path.realpath(akn):
            where = "akn"  # no source line: compiler-generated code, or code without line info
        else:
            where = os.path.basename(obj)
        rows.append((count, where, function))
    names = demangle([function for _, _, function in rows])
    functions = {}
    for (count, where, _), function in zip(rows, names):
        key = f"{where}: {function}"
        # Inclusive: the largest of a function's listings; self: their sum.
        functions[key] = max(functions.get(key, 0), count) if inclusive else functions.get(key, 0) + count
    return total, functions


def measure(akn, work, name, docs):
    """Runs one set under callgrind; returns per document: the total, and per function the
    inclusive and the self instructions."""
    out_file = os.path.join(work, f"callgrind.{name}.out")
    output = os.path.join(work, "out", name)
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    symbol = toggle_symbol(akn)
    command = [
        "valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", f"--toggle-collect={symbol}",
        akn, "batch", os.path.join(work, "sets", name), "--output", output, "--jobs", "1", "--quiet",
        "--markup-date", MARKUP_DATE, "--schema", os.path.join(ROOT, "Schemas"),
    ]
    run = subprocess.run(command, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"{name}: akn batch failed (exit {run.returncode}) under valgrind:\n{run.stderr[-2000:]}")
    converted = 0
    with open(os.path.join(output, "akn-batch-report.jsonl")) as report:
        for line in report:
            converted += json.loads(line).get("status") == "converted"
    if converted != docs:
        fail(f"{name}: {converted} of {docs} documents converted; the gate measures conversions (see {output})")
    total, inclusive = annotate(akn, out_file, True)
    _, own = annotate(akn, out_file, False)
    if not total:
        fail(f"{name}: callgrind collected nothing: is {symbol} still the worker's per-document function?")

    def per_document(functions):
        return {key: round(value / docs) for key, value in functions.items()}

    return round(total / docs), per_document(inclusive), per_document(own)


def grown(now, before, limit):
    """The rows (growth, key, before, now) of the functions that grew the most."""
    floor = min(before.values()) if before else 0
    rows = []
    for key, value in now.items():
        previous = before.get(key)
        if previous is None and value < floor:
            continue
        delta = value - (previous or 0)
        if delta > 0:
            rows.append((delta, key, previous, value))
    return sorted(rows, key=lambda row: (-row[0], row[3]))[:limit]


def show(rows):
    for delta, key, previous, value in rows:
        was = f"{previous:,}" if previous is not None else "(not in the baseline)"
        print(f"    {delta:+12,}  {was:>22} -> {value:<12,}  {key}")


def compare(name, measured, base, threshold):
    """Prints the comparison of one set; returns False when it grew beyond the threshold."""
    now, inclusive, own = measured
    before = base["instructions_per_document"]
    change = (now - before) / before * 100
    print(f"instruction-gate: {name}: {now:,} instructions per document (baseline {before:,}, {change:+.2f} %)")
    if change > threshold:
        print(f"instruction-gate: {name}: FAILED: more than +{threshold:g} % per document.")
        # Inclusive counts: a growth shows in the function and in all its callers; of a chain of
        # callers that grew by the same amount (within 1 %), only the innermost is shown.
        rows = []
        for row in grown(inclusive, base.get("functions", {}), 200):
            if rows and abs(rows[-1][0] - row[0]) <= 0.01 * rows[-1][0]:
                if row[3] < rows[-1][3]:
                    rows[-1] = row
                continue
            rows.append(row)
        print("  the functions that grew the most, inclusive instructions per document (growth, baseline -> now):")
        show(rows[:10])
        print("  and by their own instructions (callees excluded):")
        show(grown(own, base.get("self", {}), 10))
        print("instruction-gate: if the cost is intended, run `make instructions-baseline` and commit the baseline "
              "on its own, saying why.")
        return False
    if change < -threshold:
        print(f"instruction-gate: {name}: cheaper by more than {threshold:g} %: `make instructions-baseline` keeps the gain.")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--akn", default=os.path.join(ROOT, ".build", "release", "akn"))
    parser.add_argument("--baseline", default=os.path.join(ROOT, "Tests", "instruction-baseline.json"))
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "instruction-gate"))
    parser.add_argument("--threshold", type=float, default=3.0, help="allowed growth per document, percent")
    parser.add_argument("--update", action="store_true", help="rewrite the baseline from this run")
    args = parser.parse_args()

    for tool in ("valgrind", "callgrind_annotate"):
        if not shutil.which(tool):
            fail(f"{tool} is not installed (Scripts/install-deps.sh installs valgrind)")
    if not os.access(args.akn, os.X_OK):
        fail(f"{args.akn} is not built (make release)")
    if os.path.exists(args.work):
        shutil.rmtree(args.work)
    os.makedirs(args.work)
    sets = prepare_sets(args.work)

    measured = {}
    for name, docs in sets.items():
        measured[name] = measure(args.akn, args.work, name, docs)

    if args.update:
        baseline = {
            "about": "callgrind instructions per document of the release `akn batch --jobs 1`, per set; written by "
                     "`make instructions-baseline` (Scripts/instruction-gate.py --update), checked by `make test`",
            "written": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
            "sets": {},
        }
        for name, (now, inclusive, own) in measured.items():
            def kept(functions):
                return {k: v for k, v in sorted(functions.items(), key=lambda kv: -kv[1]) if v >= now * KEEP_SHARE}
            docs = sets[name]
            baseline["sets"][name] = {"documents": docs, "instructions_per_document": now,
                                      "functions": kept(inclusive), "self": kept(own)}
            print(f"instruction-gate: {name}: {now:,} instructions per document ({docs} documents)")
        with open(args.baseline, "w") as f:
            json.dump(baseline, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"instruction-gate: wrote {os.path.relpath(args.baseline, ROOT)}")
        return 0

    if not os.path.exists(args.baseline):
        fail(f"no baseline {args.baseline}: run `make instructions-baseline` first")
    with open(args.baseline) as f:
        baseline = json.load(f)
    ok = True
    for name, result in measured.items():
        now = result[0]
        base = baseline["sets"].get(name)
        if base is None:
            print(f"instruction-gate: {name}: not in the baseline ({now:,} instructions per document): "
                  "run `make instructions-baseline`")
            ok = False
            continue
        ok = compare(name, result, base, args.threshold) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
