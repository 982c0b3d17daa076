#!/usr/bin/env bash
# The benchmark: akn against its peers, side by side, in one run. Not part of `make test`.
#
#   Benchmarks/run.sh            full run (several minutes), rewrites Benchmarks/README.md
#   Benchmarks/run.sh --quick    smoke run (a couple of minutes)
#   Benchmarks/run.sh --help     the driver's options (bench.py)
#
# Environment:
#   AKN_SHARED   the shared folder with peers/ and corpus/ (default: ../shared beside the checkout)
#   VENV         the peers' venv, outside the repository (default: ${TMPDIR:-/tmp}/akn-bench-venv)
#   PYTHON       a Python >= 3.12 for that venv (default: pyenv's 3.12.1, else python3.13/python3.12)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
VENV="${VENV:-${TMPDIR:-/tmp}/akn-bench-venv}"
export AKN_SHARED="${AKN_SHARED:-$(dirname "$ROOT")/shared}"
if [ ! -f "$AKN_SHARED/peers/bench_peers.py" ]; then
  echo "run.sh: $AKN_SHARED/peers/bench_peers.py not found; set AKN_SHARED to the shared folder" >&2
  exit 2
fi

cd "$ROOT"
Scripts/install-deps.sh
Schemas/fetch-schema.sh
echo "== building akn and akn-bench (release)"
# The Makefile's release flags: the walls, and C debug information in DWARF 4 (valgrind 3.19,
# which the profile step runs, gives up on clang's default DWARF 5); the same flags as `make
# release` and the instruction gate, so that they share one build.
swift build -c release --explicit-target-dependency-import-check error -Xcc -gdwarf-4
(cd "$HERE" && swift build -c release -Xcc -gdwarf-4)

# xmllint (libxml2-utils) and valgrind: installed as root, else said what to run
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  else
    echo "run.sh: missing ${missing[*]}: sudo apt-get install ${missing[*]} (those steps are skipped)" >&2
  fi
fi

# the peers' venv: bluebell 5 needs Python >= 3.12 (on 3.11 pip silently installs 3.1.1, without Rust)
if [ -z "${PYTHON:-}" ]; then
  if command -v pyenv >/dev/null 2>&1 && PYENV_VERSION=3.12.1 python3 -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then
    PYTHON="$(PYENV_VERSION=3.12.1 pyenv which python3)"
  else
    for c in python3.13 python3.12; do
      if command -v "$c" >/dev/null 2>&1; then PYTHON="$c"; break; fi
    done
  fi
fi
if [ -z "${PYTHON:-}" ]; then
  echo "run.sh: need Python >= 3.12 for the peers (set PYTHON=...)" >&2
  exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating the peers' venv in $VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q bluebell-akn==5.0.0 bluebell-akn-rs==5.0.0 cobalt==9.0.1 lxml==6.1.3
fi
"$VENV/bin/python" -c 'import bluebell, _bluebell_rs, lxml; assert bluebell.__version__ == "5.0.0", bluebell.__version__'

exec "$VENV/bin/python" "$HERE/bench.py" --peers-python "$VENV/bin/python" --shared "$AKN_SHARED" "$@"
