#!/usr/bin/env bash
# The search page (GET /) in a real browser, on loopback only.
#
# Starts its own `dict serve` on a fresh temporary data directory (migrated, bundled glossary imported) on a free
# 127.0.0.1 port, then runs scripts/browser_check.py: headless Chromium driven over the DevTools protocol (Python
# standard library only) types queries, waits for results and checks the DOM (suggestions, crescendo for "gradually
# getting louder", a type chip filtering, the entry view, the analytics charts, no CSP violation or script error,
# and the no-JavaScript form). Screenshots go to the temporary directory (kept with --keep, or copied with --out).
# Ends with `browser checks: N passed, N failed`; exit status 0 only when all pass.
#
# Chromium: Debian's `chromium` package (scripts/setup.sh installs it when missing). When no Chromium can be found
# the check is skipped with a note and exits 0.
#
# Usage: scripts/browser-check.sh [--binary PATH] [--out DIR] [--keep]
set -uo pipefail
cd "$(dirname "$0")/.."

binary=""
out=""
keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "browser-check: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [[ -z "$binary" ]]; then
    if [[ -x .build/debug/dict ]]; then binary=.build/debug/dict; else binary=.build/release/dict; fi
fi
[[ -x "$binary" ]] || { echo "browser-check: $binary not found; run swift build" >&2; exit 3; }

chromium=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then chromium="$(command -v "$candidate")"; break; fi
done
if [[ -z "$chromium" ]]; then
    echo "browser-check: skipped: no Chromium found (scripts/setup.sh installs Debian's chromium; it could not be installed here)"
    exit 0
fi

workdir="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "$out" ]]; then mkdir -p "$out" && cp "$workdir"/*.png "$out"/ 2>/dev/null; fi
    if [[ $keep -eq 1 ]]; then echo "browser-check: kept $workdir"; else rm -rf "$workdir"; fi
}
trap cleanup EXIT INT TERM

data="$workdir/data"
"$binary" migrate --data-dir "$data" >/dev/null || { echo "browser-check: migrate failed" >&2; exit 3; }
"$binary" import glossary --data-dir "$data" >/dev/null || { echo "browser-check: glossary import failed" >&2; exit 3; }
# Rate limiting off: the script's searches and suggestions come faster than a person types.
DICT_MODEL_DIR="${DICT_MODEL_DIR:-models/all-MiniLM-L6-v2}" "$binary" serve --data-dir "$data" --host 127.0.0.1 --port 0 \
    --rate-limit 0 --log-level error >"$workdir/server.out" 2>"$workdir/server.err" &
server_pid=$!
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's|^dict: listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$workdir/server.out")
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
done
[[ -n "$port" ]] || { echo "browser-check: server did not start"; cat "$workdir/server.err"; exit 3; }

echo "browser-check: $("$chromium" --version 2>/dev/null | head -n 1) against http://127.0.0.1:$port/"
timeout 300 python3 scripts/browser_check.py --base "http://127.0.0.1:$port" --chromium "$chromium" --out "$workdir"
status=$?
if [[ $status -ne 0 ]]; then
    echo "browser-check: server log:"; tail -n 20 "$workdir/server.err"
    [[ -f "$workdir/chromium.log" ]] && { echo "browser-check: chromium log:"; tail -n 20 "$workdir/chromium.log"; }
fi
exit "$status"
