#!/usr/bin/env bash
# Sets up if needed, then extracts the claims of the seed article (one JSON object).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
./target/release/examples/attribute "${@:-data/reuters-iran-missile-talks.txt}"
