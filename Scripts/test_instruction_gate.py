#!/usr/bin/env python3
"""Self-check of Scripts/instruction-gate.py on made-up figures: callgrind_annotate's lines are
read, a growth over the threshold fails naming the innermost function that grew, a smaller one
passes. Standard library only; needs neither valgrind nor the akn build.

    python3 Scripts/test_instruction_gate.py
"""
import contextlib
import importlib.util
import io
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("instruction_gate", HERE / "instruction-gate.py")
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)
gate.demangle = lambda names: names  # the names below are not mangled

ANNOTATION = """\
--------------------------------------------------------------------------------
1,000,000 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                   file:function
--------------------------------------------------------------------------------
1,000,000 (100.0%)  /ci/checkout/Sources/AkomaNtoso/Batch/Batch.swift:process [/ci/checkout/.build/release/akn]
  999,000 (99.90%)  Sources/AkomaNtoso/Batch/Batch.swift:process [/ci/checkout/.build/release/akn]
  400,000 (40.00%)  ???:xmlSchemaValidateDoc [/usr/lib/x86_64-linux-gnu/libxml2.so.2.9.14]
  300,000 (30.00%)  //<compiler-generated>:helper [/ci/checkout/.build/release/akn]
"""


class Parsing(unittest.TestCase):
    def test_totals_and_functions(self):
        total, functions = gate.parse_annotation(ANNOTATION.splitlines(), "/ci/checkout/.build/release/akn", True)
        self.assertEqual(total, 1_000_000)
        # The same function under its absolute and relative path: one entry, the larger count.
        self.assertEqual(functions["AkomaNtoso/Batch/Batch.swift: process"], 1_000_000)
        self.assertEqual(functions["libxml2.so.2.9.14: xmlSchemaValidateDoc"], 400_000)
        # No source line: named after the program.
        self.assertEqual(functions["akn: helper"], 300_000)

    def test_self_counts_are_summed(self):
        _, functions = gate.parse_annotation(ANNOTATION.splitlines(), "/ci/checkout/.build/release/akn", False)
        self.assertEqual(functions["AkomaNtoso/Batch/Batch.swift: process"], 1_999_000)


class Comparison(unittest.TestCase):
    base = {
        "instructions_per_document": 1_000_000,
        "functions": {"a: convert": 900_000, "a: read": 500_000, "a: scan": 100_000},
        "self": {"a: scan": 90_000},
    }

    def run_compare(self, now, inclusive, own):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            ok = gate.compare("seed", (now, inclusive, own), self.base, 3.0)
        return ok, out.getvalue()

    def test_growth_over_the_threshold_fails_and_names_the_innermost_function(self):
        ok, text = self.run_compare(
            1_031_000, {"a: convert": 931_000, "a: read": 531_000, "a: scan": 131_000}, {"a: scan": 121_000})
        self.assertFalse(ok)
        self.assertIn("FAILED", text)
        self.assertIn("+3.10 %", text)
        # convert, read and scan grew by the same amount: only scan, the innermost, is named.
        listed = text.split("inclusive instructions per document")[1].split("and by their own")[0]
        self.assertIn("a: scan", listed)
        self.assertNotIn("a: read", listed)

    def test_growth_within_the_threshold_passes(self):
        ok, text = self.run_compare(1_029_000, {"a: convert": 929_000}, {})
        self.assertTrue(ok)
        self.assertNotIn("FAILED", text)

    def test_a_gain_passes_with_a_hint(self):
        ok, text = self.run_compare(900_000, {"a: convert": 800_000}, {})
        self.assertTrue(ok)
        self.assertIn("make instructions-baseline", text)


if __name__ == "__main__":
    unittest.main()
