#!/usr/bin/env bash
# `make install` into a temporary prefix as a user would use it: the binary runs from / with no
# environment variable and no checkout (its schema found beside it), links no Swift library,
# runs on mimalloc, converts a PDF (one of ../shared/corpus/dev-pdf when it is there, else the
# seed's text), has a man page and completions; `akn serve` runs the installed akn-serve (which converts over HTTP);
# `make uninstall` then leaves the prefix empty.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
prefix=$(mktemp -d /tmp/akn-install.XXXXXX)
work=$(mktemp -d /tmp/akn-install-work.XXXXXX)
trap 'rm -rf "$prefix" "$work"' EXIT
fail() { echo "test-install: FAIL: $*" >&2; exit 1; }

make --no-print-directory install PREFIX="$prefix" >"$work/install.log" 2>&1 || { tail -30 "$work/install.log" >&2; fail "make install"; }

# No Swift runtime library is linked dynamically.
for program in akn akn-serve; do
  if ldd "$prefix/bin/$program" | grep -Ei 'libswift|libFoundation|libdispatch|libBlocksRuntime'; then
    fail "the installed $program links Swift libraries dynamically"
  fi
done

# Both programs run on mimalloc: linked before the C library, so its malloc is the process's;
# akn's --version says so (it asks mimalloc whether a fresh block lies in its heap).
for program in akn akn-serve; do
  needed=$(readelf -d "$prefix/bin/$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  first=$(grep -m1 -E '^lib(mimalloc|c)\.so' <<<"$needed" || true)
  [[ "$first" == libmimalloc.so* ]] || fail "$program does not link mimalloc before the C library: $(tr '\n' ' ' <<<"$needed")"
done
version=$("$prefix/bin/akn" --version)
grep -qE ', mimalloc [0-9]+\.[0-9]+\.[0-9]+\)$' <<<"$version" || fail "akn --version does not name mimalloc in use: $version"

# From /, with an empty environment (no AKN_SCHEMA, no PATH to the checkout).
shared=${AKN_SHARED:-$root/../shared}
input="$root/Examples/A_RES_67_27.txt"
if [ -d "$shared/corpus/dev-pdf" ] && command -v pdftohtml >/dev/null; then
  input=$(ls "$shared"/corpus/dev-pdf/*.pdf | head -1)
else
  echo "test-install: ../shared/corpus/dev-pdf is absent: converting the seed's text instead of a PDF"
fi
(cd / && env -i PATH=/usr/bin:/bin "$prefix/bin/akn" convert "$input" -o "$work/out.xml" --quiet) \
  || fail "akn convert $input from / with no environment"
grep -q '<akomaNtoso' "$work/out.xml" || fail "no AKN document written"
(cd / && env -i PATH=/usr/bin:/bin "$prefix/bin/akn" validate "$work/out.xml" >/dev/null) || fail "akn validate"

# `akn serve` from / with no environment: akn-serve found beside akn, the schema beside it; it
# converts the seed over HTTP and stops on SIGTERM with exit 0.
(cd / && exec env -i PATH=/usr/bin:/bin "$prefix/bin/akn" serve --port 0 >"$work/serve.out" 2>"$work/serve.err") &
server=$!
for _ in $(seq 600); do grep -q '^listening on ' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
[ -n "$url" ] || { kill "$server" 2>/dev/null; cat "$work/serve.err" >&2; fail "akn serve did not say where it listens"; }
python3 - "$url" "$root/Examples/A_RES_67_27.txt" <<'PY' || { kill "$server"; fail "akn serve: POST /v1/convert"; }
import sys, urllib.request
request = urllib.request.Request(sys.argv[1] + "/v1/convert", data=open(sys.argv[2], "rb").read(),
                                 headers={"Accept": "application/xml"})
with urllib.request.urlopen(request, timeout=120) as answer:
    assert answer.status == 200 and b"<akomaNtoso" in answer.read(), "no AKN document"
PY
kill -TERM "$server"
wait "$server" || fail "akn serve did not exit 0 on SIGTERM: $(cat "$work/serve.err")"

# The man page and the completions.
MANPAGER=cat MANWIDTH=80 man -M "$prefix/share/man" akn 2>/dev/null | grep -q 'akn' || fail "man -M $prefix/share/man akn"
grep -q 'convert' "$prefix/share/bash-completion/completions/akn" || fail "bash completion"
grep -q 'convert' "$prefix/share/zsh/site-functions/_akn" || fail "zsh completion"
grep -q 'convert' "$prefix/share/fish/vendor_completions.d/akn.fish" || fail "fish completion"

make --no-print-directory uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -mindepth 1 | head -5)
[ -z "$left" ] || fail "left after make uninstall: $left"
echo "test-install: ok (installed, converted $(basename "$input") from / with no environment, akn serve converted over HTTP, man page, completions, uninstalled to an empty prefix)"
