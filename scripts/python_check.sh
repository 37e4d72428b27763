#!/usr/bin/env bash
# Builds the Python package (python/) with maturin into a fresh venv and runs its
# pytest suite (python/tests/) against the model the set-up built (bash
# scripts/setup.sh). The venv is made anew each run; pip's cache and the Rust target
# directory stay in the cache, so a second run only rebuilds what changed.
#
#   PYTHON=python3.12 bash scripts/python_check.sh    another interpreter (3.9 or later)
#   bash scripts/python_check.sh -k seed              arguments go to pytest
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ATTRIBUTION_CACHE:-$HOME/.cache/attribution}
PYTHON=${PYTHON:-python3}
# pinned tools; pandas (with numpy) for to_dataframe
MATURIN=maturin==1.16.0
PYTEST=pytest==9.2.0
PANDAS="pandas==2.3.3 numpy==2.2.6"
VENV=$CACHE/py-venv-check
WHEELS=$CACHE/py-wheels
export CARGO_TARGET_DIR=${PYTHON_TARGET_DIR:-$CACHE/python-target}

rm -rf "$VENV" "$WHEELS"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$MATURIN" "$PYTEST" $PANDAS
# the wheel: an abi3 wheel (CPython 3.9 and later) with the extension module
"$VENV/bin/maturin" build --release --quiet --manifest-path "$ROOT/python/Cargo.toml" --out "$WHEELS"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEELS"/attribution-*.whl
# from outside the source tree, so that `import attribution` is the installed wheel
cd "$VENV"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$ROOT/python/tests" "$@"
