#!/usr/bin/env bash
# Checks HTML pages of `attribution::html` in a real browser (headless Chromium):
# each page renders with no console message (no error, no warning: the pages log
# nothing), its inline script runs to the end (it sets data-ready="ok" on <body>),
# what the browser built holds every highlighted span the page has (article pages:
# speakers, cues, contents and badges; report pages: inline SVG charts), the page
# names no other origin (nothing is fetched when viewed), and a screenshot is
# written next to it for a person to look at.
#
#   bash scripts/html_check.sh [PAGE.html...]
#
# Without pages it writes and checks the two pages of the no-model example
# (`examples/html_pages.rs`) in target/html/. Installs Debian's chromium when it is
# missing (apt-get; as root, else through sudo).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/target/html
fail() { echo "html_check: $*" >&2; exit 1; }

if ! command -v chromium > /dev/null; then
  echo "html_check: installing chromium" >&2
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y chromium > /dev/null || { $SUDO apt-get update > /dev/null && $SUDO apt-get install -y chromium > /dev/null; } \
    || fail "cannot install chromium (apt-get install -y chromium)"
fi

if [ $# -eq 0 ]; then
  (cd "$ROOT" && cargo run --quiet --release --no-default-features --example html_pages -- "$OUT" > /dev/null)
  set -- "$OUT/article.html" "$OUT/report.html"
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# a profile of its own, no GPU, no first-run work; console messages go to stderr
BROWSER=(timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$TMP/profile"
  --enable-logging=stderr --v=0)
# browse OUT LOG ARGS...: the browser with stdout to OUT and stderr to LOG. Headless
# Chromium in a container sometimes dies of a signal on start (a segmentation fault
# in about one run of three on the CI machine, the page not yet read): such a crash
# is tried again, twice; any other failure (a timeout: 124) is the page's.
browse() {
  local out=$1 log=$2 rc=0 attempt
  shift 2
  for attempt in 1 2 3; do
    "${BROWSER[@]}" "$@" > "$out" 2> "$log" && return 0 || rc=$?
    [ "$rc" -gt 128 ] || return "$rc"
    echo "html_check: chromium died of signal $((rc - 128)) (attempt $attempt)" >&2
  done
  return "$rc"
}

for page in "$@"; do
  [ -s "$page" ] || fail "$page: no such page"
  abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
  name=$(basename "$page" .html)
  # no other origin: the only URL a page may name is the SVG namespace
  other=$(grep -Eo '(https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^" )]*' "$page" | grep -Fvx 'http://www.w3.org/2000/svg' || true)
  [ -z "$other" ] || fail "$page names another origin: $other"

  browse "$TMP/$name.dom" "$TMP/$name.log" --dump-dom "file://$abs" || fail "$page: chromium failed: $(tail -3 "$TMP/$name.log")"
  if grep -F ':CONSOLE' "$TMP/$name.log" >&2; then
    fail "$page: the console has messages (above)"
  fi
  grep -q '<body[^>]* data-ready="ok"' "$TMP/$name.dom" || fail "$page: the page's script did not run to its end"

  count() { grep -o "$1" "$2" | wc -l; }
  if grep -q '<article class="text"' "$page"; then
    for part in speaker cue content; do
      n=$(count "class=\"m $part" "$TMP/$name.dom")
      [ "$n" -gt 0 ] || fail "$page: no $part highlighted in the rendered page"
    done
    [ "$(count 'class="badge ' "$TMP/$name.dom")" -gt 0 ] || fail "$page: no badges in the rendered page"
    # the browser kept every mark the page has (none dropped or re-nested away)
    [ "$(count 'class="m ' "$page")" -eq "$(count 'class="m ' "$TMP/$name.dom")" ] || fail "$page: the rendered page lost marks"
    what="$(count 'class="m speaker anon-' "$TMP/$name.dom") speakers, $(count 'class="m cue stance-' "$TMP/$name.dom") cues"
  else
    [ "$(count '<svg ' "$TMP/$name.dom")" -ge 2 ] || fail "$page: fewer than two charts in the rendered page"
    [ "$(count '<rect ' "$TMP/$name.dom")" -gt 0 ] || fail "$page: charts without bars"
    what="$(count '<svg ' "$TMP/$name.dom") charts"
  fi

  shot=$(dirname "$abs")/$name.png
  rm -f "$shot"
  browse /dev/null "$TMP/$name.shot.log" --hide-scrollbars --window-size=1280,1000 --screenshot="$shot" "file://$abs" \
    || fail "$page: no screenshot: $(tail -3 "$TMP/$name.shot.log")"
  [ -s "$shot" ] || fail "$page: empty screenshot"
  echo "html_check: $page ok ($what; screenshot $shot)" >&2
done
