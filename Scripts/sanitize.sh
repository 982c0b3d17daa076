#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (with LeakSanitizer) and ThreadSanitizer.
# Each sanitizer builds into its own folder (.build-asan, .build-tsan), so the normal build
# is left alone. The end-to-end tests run the sanitized `akn` binary too.
#
#   Scripts/sanitize.sh [address|thread|all]     (default: all)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
which="${1:-all}"
Scripts/install-deps.sh
Schemas/fetch-schema.sh >/dev/null

if [ "$which" = address ] || [ "$which" = all ]; then
  echo "sanitize: address"
  # Suppressions cover leaks inside XCTest and Foundation only (see the file).
  LSAN_OPTIONS="suppressions=$root/Tests/lsan.supp" ASAN_OPTIONS="detect_leaks=1" \
    swift test --sanitize=address --scratch-path .build-asan
fi
if [ "$which" = thread ] || [ "$which" = all ]; then
  echo "sanitize: thread"
  TSAN_OPTIONS="halt_on_error=1 suppressions=$root/Tests/tsan.supp" swift test --sanitize=thread --scratch-path .build-tsan
fi
