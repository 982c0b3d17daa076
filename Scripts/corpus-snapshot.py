#!/usr/bin/env python3
"""Converts every corpus folder with one akn build and records the result as a snapshot.

    Scripts/corpus-snapshot.py --out DIR [--akn BIN] [--corpus ROOT] [--schema PATH] [--jobs N]

Every folder of the corpus root that directly holds .txt or .pdf files (`dev`, `dev-markdown`,
`dev-decisions`, `bulk/ga-78`, `bulk/sc-0001-0450`, `dev-pdf`) is converted by one
`akn batch FOLDER -o DIR/FOLDER --quiet --markup-date 2026-01-01`. Files akn does not read yet
(PDFs today) come out as status `ignored`; the day akn reads them they are converted with no
change here. Then DIR/summary.tsv lists every input: corpus, input, status, error rules,
warning rules with counts, sha256 of the output and of the input. Everything in DIR except
snapshot-info.json (binary path, corpus path, timings) is deterministic, so two snapshots of
builds that convert alike are byte-identical: compare them with Scripts/corpus-compare.py.

Defaults: --akn is .build/debug/akn of this checkout; --corpus is $AKN_SHARED/corpus, else
../shared/corpus beside the checkout. When no corpus is there the script says so and exits 0
(nothing to snapshot). DIR is created; an earlier snapshot in it is replaced (any other
non-empty folder is refused). Exit codes: 0 done (failed inputs are data), 2 tool error.
"""

import argparse
import sys

import corpus_common as common


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="the snapshot folder to write")
    parser.add_argument("--akn", default=str(common.default_akn()), help="the akn binary (default: %(default)s)")
    parser.add_argument("--corpus", help="the corpus root (default: $AKN_SHARED/corpus, else ../shared/corpus)")
    parser.add_argument("--schema", default=common.default_schema(),
                        help="passed to akn batch --schema (default: $AKN_SCHEMA, else Schemas/ when filled)")
    parser.add_argument("--jobs", type=int, help="passed to akn batch --jobs (default: all cores)")
    parser.add_argument("--markup-date", default="2026-01-01", help="fixed mark-up date (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        corpus = common.find_corpus(args.corpus)
        if corpus is None:
            print(common.absent_message("corpus-snapshot"))
            return 0
        rows = common.make_snapshot(args.akn, args.out, corpus, schema=args.schema, jobs=args.jobs,
                                    markup_date=args.markup_date)
    except common.ToolError as error:
        return common.fail("corpus-snapshot", error)
    converted = sum(r["status"] == "converted" for r in rows)
    info = common.read_info(args.out)
    print(f"snapshot: {len(rows)} inputs, {converted} converted, in {info.get('seconds')} s: {args.out}/summary.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
