#!/usr/bin/env python3
"""Generated resolutions of growing size, for the linear-cost check (issue 24).

    Benchmarks/gen_sizes.py OUT [--sizes 10000 100000 1000000 5000000]

Writes OUT/size-BYTES.txt for each target size: the document of `bench_peers.py gen` (the seed
resolution's text, ODS-export style) with its operative block repeated until the text reaches
the size, and a footnote on every fourth operative paragraph (the notes listed at the end, as in
the seed), so that paragraphs and notes grow together. Needs the shared folder (`../shared`
beside the checkout, or $AKN_SHARED) for the generator's document data. Standard library only.
"""
import argparse
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def peers_module():
    shared = os.environ.get("AKN_SHARED") or os.path.join(ROOT, "..", "shared")
    path = os.path.join(shared, "peers", "bench_peers.py")
    if not os.path.isfile(path):
        sys.exit(f"gen_sizes.py: no {path} (the shared folder, or set AKN_SHARED)")
    spec = importlib.util.spec_from_file_location("bench_peers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(peers, repeat):
    """The raw text with the operative block repeated `repeat` times and a note every fourth
    operative paragraph (markers numbered after the preamble's)."""
    out = list(peers.HEAD)
    out.append(f"{peers.SYMBOL}\t{peers.TITLE}")
    out.append(f"\t{peers.ORGAN}")
    notes = []
    for lead, rest, note in peers.PREAMBLE:
        marker = ""
        if note:
            notes.append((str(len(notes) + 1), note[1]))
            marker = notes[-1][0] + " "
        out.append(f"\t{lead}{rest}{marker}")
    for i, (verb, rest, subs) in enumerate(peers.operative_paras(repeat), start=1):
        line = f"\t{i}.\t{verb}{rest}"
        if i % 4 == 2:
            notes.append((str(len(notes) + 1), f"See A/{60 + i % 8}/{100 + i}, para. {i % 40 + 1}."))
            line += notes[-1][0] + " "
        out.append(line)
        for num, text in subs:
            out.append(f"\t{num}\t{text}")
    out.append("")
    out.extend(peers.CLOSING)
    out.append("")
    for marker, text in notes:
        out.append(f"{marker} {text}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000, 5_000_000])
    args = parser.parse_args()
    peers = peers_module()
    os.makedirs(args.out, exist_ok=True)
    one = len(render(peers, 1).encode())
    block = len(render(peers, 2).encode()) - one
    for size in args.sizes:
        repeat = max(1, 1 + round((size - one) / block))
        text = render(peers, repeat)
        path = os.path.join(args.out, f"size-{size}.txt")
        with open(path, "w") as f:
            f.write(text)
        print(f"{path}: {len(text.encode())} bytes, {len(peers.operative_paras(repeat))} operative paragraphs")


if __name__ == "__main__":
    main()
