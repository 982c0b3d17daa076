#!/usr/bin/env bash
# Runs akn's libFuzzer targets (with AddressSanitizer) for a given time.
#
#   Scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags…]
#   TARGET: text (the text parser alone), convert (the whole pipeline with the schema),
#           xml (untrusted XML: the safe parser, text extraction and `akn validate`), pdf (the PDF
#           reader on what pdftohtml returns: pdf2xml as given with poppler's messages after a NUL,
#           or runs made from the bytes; the damage warnings and the garbled-page check), or all.
#
# Seeds: Examples/, the regression fixtures in Tests/, and ../shared/corpus and ../shared/akn
# when present ($AKN_SHARED overrides). The growing corpus lives in Fuzz/work/TARGET and crash,
# leak or timeout inputs in Fuzz/artifacts/ (both gitignored); libFuzzer's whole output, whose
# "pulse" lines show the coverage over time (to see when it stops growing), in
# Fuzz/work/TARGET.log. A found input fails the script with libFuzzer's report; turn it into a
# fixed bug and a regression fixture in Tests/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: Scripts/fuzz.sh text|convert|xml|pdf|all SECONDS [libFuzzer flags]}"
seconds="${2:?usage: Scripts/fuzz.sh TARGET SECONDS}"
shift 2
shared="${AKN_SHARED:-$root/../shared}"

"$root/Scripts/install-deps.sh"
"$root/Schemas/fetch-schema.sh" >/dev/null
# SwiftPM caches the root package's file list in the build plan of this nested package: drop
# the plan so that files added to the library since the last fuzz build are compiled.
rm -f "$root/Fuzz/.build/release.yaml" "$root"/Fuzz/.build/*/release/description.json
(cd "$root/Fuzz" && swift build -c release -Xswiftc -sanitize=fuzzer,address \
  -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
bin="$root/Fuzz/.build/release"

seed() {
  local name="$1" dir="$root/Fuzz/work/$1"
  mkdir -p "$dir" "$root/Fuzz/artifacts"
  case "$name" in
    text|convert)
      cp -n "$root"/Examples/*.txt "$dir/" 2>/dev/null || true
      find "$root/Tests" -name '*.txt' -size -200k -exec cp -n {} "$dir/" \; 2>/dev/null || true
      if [ -d "$shared/corpus" ]; then
        find "$shared/corpus/dev" -name '*.txt' -exec cp -n {} "$dir/" \;
        # A sample of the bulk set keeps the start-up fast.
        find "$shared/corpus/bulk" -name '*.txt' | sort | awk 'NR % 8 == 0' | xargs -r cp -n -t "$dir/"
      fi ;;
    xml)
      cp -n "$root"/Examples/*.xml "$dir/" 2>/dev/null || true
      find "$root/Tests" -name '*.xml' -size -200k -exec cp -n {} "$dir/" \; 2>/dev/null || true
      # (an if, not `[ ] &&`: without ../shared a false test would end the function, and set -e the script)
      if [ -d "$shared/akn" ]; then find "$shared/akn" -name '*.xml' -exec cp -n {} "$dir/" \; ; fi ;;
    pdf)
      # pdftohtml's output for the official PDFs (what the reader is given).
      if [ -d "$shared/corpus/dev-pdf" ] && command -v pdftohtml >/dev/null; then
        for file in "$shared"/corpus/dev-pdf/*.pdf; do
          out="$dir/$(basename "$file" .pdf).xml"
          [ -e "$out" ] || pdftohtml -xml -i -hidden -wbt 20 -stdout -q "$file" akn-stdout >"$out" || true
        done
        # The same output followed by a NUL and poppler's messages for a damaged file.
        for out in "$dir"/A_RES_78_12.xml "$dir"/A_RES_78_8.xml; do
          if [ -e "$out" ] && [ ! -e "${out%.xml}-damaged.xml" ]; then
            {
              cat "$out"
              printf '\0Syntax Error (3072): Unexpected end of file in flate stream\nInternal Error: xref num 25 not found but needed, try to reconstruct<0a>\nSyntax Warning: Invalid least number of objects\n'
            } >"${out%.xml}-damaged.xml"
          fi
        done
      fi ;;
  esac
}

run() {
  local name="$1"
  shift
  seed "$name"
  echo "fuzz: $name for ${seconds}s"
  AKN_SCHEMA="$root/Schemas" "$bin/fuzz-$name" "$root/Fuzz/work/$name" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -artifact_prefix="$root/Fuzz/artifacts/$name-" -print_final_stats=1 "$@" 2>&1 \
    | tee "$root/Fuzz/work/$name.log" \
    | grep -E '^(#[0-9]+[[:space:]]+(DONE|INITED)|stat::|==[0-9]+==|SUMMARY|.*(ERROR|Deadly|crash|leak|timeout))' || true
  return "${PIPESTATUS[0]}"
}

if [ "$target" = all ]; then
  for name in text convert xml pdf; do run "$name" "$@"; done
else
  run "$target" "$@"
fi
