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
# mimalloc (MIT): the allocator the two programs link (Debian's package has no pkg-config file).
[ -f /usr/include/mimalloc.h ] || missing+=(libmimalloc-dev)
command -v pdftohtml >/dev/null 2>&1 || missing+=(poppler-utils)
# The word lists that tell a word split at a line end by a printer from a hyphenated compound.
[ -f /usr/share/dict/american-english ] || missing+=(wamerican)
[ -f /usr/share/dict/british-english ] || missing+=(wbritish)
# xmllint (tests only): the differential test compares `akn validate` with it.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# qpdf (tests only): encrypted copies of an official PDF, with and without a user password.
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
# GNU parallel (tests only): the shard test runs `akn batch --shard {}/4` under it.
command -v parallel >/dev/null 2>&1 || missing+=(parallel)
# man (tests only): the install test reads the installed man page.
command -v man >/dev/null 2>&1 || missing+=(man-db)
# valgrind (callgrind): the instruction-count gate of `make test` (Scripts/instruction-gate.py).
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
command -v nm >/dev/null 2>&1 || missing+=(binutils)
# Headless Chromium: the browser test of `akn preview` opens the page in it.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

# check-jsonschema (PyPI; tests only, the product never runs it): the test of `akn convert
# --format json` validates every output against Schemas/json/convert.schema.json with it.
# Installed with pip for the user when absent, else (a Python that refuses user installs) in a
# virtual environment at .build/venv, where the test also looks for it.
python="${PYTHON:-python3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v "$python" >/dev/null 2>&1; then
  missing+=(python3)
elif ! "$python" -m check_jsonschema --version >/dev/null 2>&1 \
  && ! "$root/.build/venv/bin/python3" -m check_jsonschema --version >/dev/null 2>&1; then
  echo "deps: installing check-jsonschema (tests only) with pip"
  if ! "$python" -m pip install --user --quiet check-jsonschema >/dev/null 2>&1; then
    mkdir -p "$root/.build"
    "$python" -m venv "$root/.build/venv" && "$root/.build/venv/bin/python3" -m pip install --quiet check-jsonschema || {
      echo "deps: could not install check-jsonschema; install it with:  $python -m pip install --user check-jsonschema" >&2
      exit 1
    }
  fi
fi

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
