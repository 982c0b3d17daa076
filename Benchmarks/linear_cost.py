#!/usr/bin/env python3
"""Cost per byte of one document across sizes (issue 24: linear in size, memory proportional).

    Benchmarks/linear_cost.py [--akn .build/release/akn] [--sizes 10000 100000 1000000 5000000]
                              [--work /dev/shm/akn-linear] [--no-callgrind]

For each size, writes the generated resolution of that size (`gen_sizes.py`: paragraphs and
notes growing together) into a folder of its own, as many copies as make about 200 KB (at most
20; the first document of a process pays one-time costs: protocol conformance look-ups,
libcrypto's set-up), and runs the release `akn batch --jobs 1` on it:
  * under callgrind, collecting only inside the worker's per-document function (as the
    instruction gate does: convert, validate, serialise, write, the SHA-256s; start-up and the
    schema compile left out): instructions per document, and per input byte;
  * plainly, on one copy, for its peak memory (max RSS from wait4, the whole process: the schema's ~14 MB
    included), and that above the same process on the smallest document.
Prints a Markdown table. Instruction counts are repeatable on a busy machine; the RSS is too,
within a few hundred KB. Needs valgrind and nm, and the shared folder for the generator's data.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Scripts"))
gate = __import__("instruction-gate")  # noqa: E402  (the gate's toggle symbol and annotation)


def run_batch(akn, folder, output, copies, callgrind_out=None):
    command = [akn, "batch", folder, "--output", output, "--jobs", "1", "--quiet", "--markup-date", "2026-01-01",
               "--schema", os.path.join(ROOT, "Schemas")]
    if callgrind_out:
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={callgrind_out}",
                   f"--toggle-collect={gate.toggle_symbol(akn)}"] + command
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    pid = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(pid.pid, 0)
    stderr = pid.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"linear_cost.py: akn batch failed on {folder}:\n{stderr[-2000:]}")
    with open(os.path.join(output, "akn-batch-report.jsonl")) as report:
        statuses = [json.loads(line)["status"] for line in report]
    if statuses != ["converted"] * copies:
        sys.exit(f"linear_cost.py: {folder}: {statuses}")
    return usage.ru_maxrss  # KiB on Linux


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--akn", default=os.path.join(ROOT, ".build", "release", "akn"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000, 5_000_000])
    parser.add_argument("--work", default="/dev/shm/akn-linear")
    parser.add_argument("--no-callgrind", action="store_true", help="peak memory only")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    generated = os.path.join(args.work, "generated")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_sizes.py"), generated, "--sizes"]
                   + [str(s) for s in args.sizes], check=True, stdout=subprocess.DEVNULL)
    rows = []
    for size in args.sizes:
        name = f"size-{size}.txt"
        folder = os.path.join(args.work, f"in-{size}")
        os.makedirs(folder)
        shutil.copyfile(os.path.join(generated, name), os.path.join(folder, name))
        nbytes = os.path.getsize(os.path.join(folder, name))
        rss = run_batch(args.akn, folder, os.path.join(args.work, f"out-{size}"), 1)
        instructions = None
        if not args.no_callgrind:
            copies = max(1, min(20, 200_000 // nbytes))
            many = os.path.join(args.work, f"copies-{size}")
            os.makedirs(many)
            for index in range(copies):
                shutil.copyfile(os.path.join(generated, name), os.path.join(many, f"{index:02d}-{name}"))
            out_file = os.path.join(args.work, f"callgrind.{size}.out")
            run_batch(args.akn, many, os.path.join(args.work, f"cg-out-{size}"), copies, out_file)
            total, _ = gate.annotate(args.akn, out_file, True)
            instructions = total / copies
        rows.append((size, nbytes, instructions, rss))
        print(json.dumps({"size": size, "bytes": nbytes, "instructions": instructions, "max_rss_kib": rss}),
              file=sys.stderr, flush=True)
    base_rss = rows[0][3]
    base_per_byte = rows[0][2] / rows[0][1] if rows[0][2] else None
    print("| document | bytes | instructions a document | per byte | vs smallest | max RSS | above smallest |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, nbytes, instructions, rss in rows:
        per_byte = instructions / nbytes if instructions else None
        cells = [f"~{size // 1000} KB", f"{nbytes:,}",
                 f"{instructions / 1e6:,.1f} M" if instructions else "-",
                 f"{per_byte:,.0f}" if per_byte else "-",
                 f"{per_byte / base_per_byte:.2f}×" if per_byte and base_per_byte else "-",
                 f"{rss / 1024:.1f} MB", f"{(rss - base_rss) / 1024:+.1f} MB"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
