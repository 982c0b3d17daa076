#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (with LeakSanitizer and UndefinedBehavior-
# Sanitizer) and ThreadSanitizer.
# Each sanitizer builds into its own folder (.build-asan, .build-tsan), so the normal build
# is left alone. The end-to-end tests run the sanitized `akn` binary too, and the PDF path with
# them (pdftohtml, which install-deps.sh installs, run through CSpawnLimited; the damaged-PDF
# mutants, the bombs, akn killed while pdftohtml runs).
#
#   Scripts/sanitize.sh [address|thread|all] [FILTER]     (default: all; FILTER: swift test
#   --filter, e.g. 'PDF' for the PDF path alone)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
which="${1:-all}"
filter=()
[ -n "${2:-}" ] && filter=(--filter "$2")
Scripts/install-deps.sh
command -v pdftohtml >/dev/null || { echo "sanitize: pdftohtml is missing (poppler-utils): the PDF path would not run" >&2; exit 1; }
Schemas/fetch-schema.sh >/dev/null

if [ "$which" = address ] || [ "$which" = all ]; then
  echo "sanitize: address and undefined behaviour"
  # Suppressions cover leaks inside XCTest and Foundation only (see the file). UBSan covers the C
  # targets (CSpawnLimited and the C library shims; swiftc on Linux has no -sanitize=undefined,
  # and Swift traps on overflow and out-of-bounds itself): their code is compiled with
  # -fsanitize=undefined, the handlers come with the ASan runtime, the first report stops the run.
  LSAN_OPTIONS="suppressions=$root/Tests/lsan.supp" ASAN_OPTIONS="detect_leaks=1" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    swift test --sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined \
    --scratch-path .build-asan ${filter[@]+"${filter[@]}"}
fi
if [ "$which" = thread ] || [ "$which" = all ]; then
  echo "sanitize: thread"
  TSAN_OPTIONS="halt_on_error=1 suppressions=$root/Tests/tsan.supp" swift test --sanitize=thread --scratch-path .build-tsan ${filter[@]+"${filter[@]}"}
fi
