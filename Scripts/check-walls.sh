#!/usr/bin/env bash
# Shows that the package graph refuses an import the wrong way: in a scratch copy of the package,
# the reading target (AKNReading, which may import only AKNModel) is made to import the libxml2
# wrapper (AKNXML) and the markup target; the build with the import check must fail, naming it.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tar --exclude=./.build --exclude='./.build-*' --exclude=./Fuzz --exclude=./Benchmarks -cf - . | tar -xf - -C "$scratch"
file="$scratch/Sources/AKNReading/Dates.swift"
{ echo "import AKNXML"; cat "$file"; } > "$file.new" && mv "$file.new" "$file"
echo "check-walls: AKNReading now imports AKNXML; building it with the import check …"
if output=$(cd "$scratch" && swift build --target AKNReading --explicit-target-dependency-import-check error 2>&1); then
  echo "check-walls: FAILED: the wrong-way import was accepted" >&2
  exit 1
fi
if ! grep -q "AKNXML" <<<"$output"; then
  echo "check-walls: FAILED: the build failed for another reason:" >&2
  echo "$output" | tail -20 >&2
  exit 1
fi
echo "$output" | grep -m1 -E "error: .*AKNXML" || true
echo "check-walls: the wrong-way import is refused"
