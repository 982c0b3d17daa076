#!/usr/bin/env bash
# Makes sure the system libraries akn links against, and the programs it runs, are present
# (Debian/Ubuntu package names): poppler-utils gives pdftohtml, which reads PDFs as a separate
# program (poppler is GPL and is never linked).
# As root it installs what is missing with apt-get; otherwise it prints the exact command.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libxml-2.0 || missing+=(libxml2-dev)
  pkg-config --exists libarchive || missing+=(libarchive-dev)
  pkg-config --exists libcrypto || missing+=(libssl-dev)
else
  missing+=(libxml2-dev libarchive-dev libssl-dev)
fi
command -v pdftohtml >/dev/null 2>&1 || missing+=(poppler-utils)
# The word lists that tell a word split at a line end by a printer from a hyphenated compound.
[ -f /usr/share/dict/american-english ] || missing+=(wamerican)
[ -f /usr/share/dict/british-english ] || missing+=(wbritish)
# xmllint (tests only): the differential test compares `akn validate` with it.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# valgrind (callgrind): the instruction-count gate of `make test` (Scripts/instruction-gate.py).
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
command -v nm >/dev/null 2>&1 || missing+=(binutils)
# Headless Chromium: the browser test of `akn preview` opens the page in it.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "deps: installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "deps: missing system packages: ${missing[*]}" >&2
echo "deps: install them with:  sudo apt-get install -y ${missing[*]}" >&2
exit 1
