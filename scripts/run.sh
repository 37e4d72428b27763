#!/usr/bin/env bash
# Sets up if needed, then shows the claims of the seed article as a table (or of
# FILE; add --json for JSON).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
FILE=data/seed-chile-lithium-royalty.txt
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then FILE=$1; shift; fi
./target/release/attribution show "$FILE" "$@"
