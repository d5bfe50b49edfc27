#!/usr/bin/env bash
# Hostile-client check of `dict serve`, on loopback only.
#
# Starts its own `dict serve` on a fresh temporary data directory (migrated, bundled glossary imported) on a free
# 127.0.0.1 port with short timeouts, then runs:
#   1. a bounded schemathesis pass (PyPI package `schemathesis`, installed into a venv under /tmp when missing)
#      against the server's own /docs/openapi.json: schema-driven valid and invalid requests to every operation;
#   2. scripts/hostile_cases.py: hand-made framing attacks (chunked bodies over the limit, broken chunk sizes,
#      conflicting lengths, garbage request lines, oversized headers, upgrades, CONNECT), slow clients (half-sent
#      heads, silent and trickling connections, stalled and trickled bodies, a flood of stalled sockets while a normal client must
#      be answered in under 2 s), non-canonical paths, oversized or malformed bodies, and a burst of 64 clients at
#      once over the routes that read the database.
# It stops the server and ends with one line: `requests N, 5xx N, hangs N` (5xx counted by the server's own
# /metrics for the schemathesis pass and by the client for the hand-made cases; a hang is a request with neither an
# answer nor a close before its deadline). Exit status 0 only with no 5xx and no hang.
#
# Usage: scripts/hostile-check.sh [--short] [--binary PATH] [--examples N] [--max-time S]
#   --short      CI size: 20 examples per operation, at most 90 s of schemathesis, a flood of 200 (about 2-3 min)
#   --examples   schemathesis examples per operation (default 100)
#   --max-time   schemathesis time budget in seconds (default 600)
#   --binary     dict executable (default .build/debug/dict, else .build/release/dict)
# Semantic search needs the model (models/all-MiniLM-L6-v2, installed by `bash models/install.sh`).
set -uo pipefail
cd "$(dirname "$0")/.."

examples=100
max_time=600
flood=300
binary=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --short) examples=20; max_time=90; flood=200; shift ;;
        --examples) examples="$2"; shift 2 ;;
        --max-time) max_time="$2"; shift 2 ;;
        --binary) binary="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "hostile-check: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [[ -z "$binary" ]]; then
    if [[ -x .build/debug/dict ]]; then binary=.build/debug/dict; else binary=.build/release/dict; fi
fi
[[ -x "$binary" ]] || { echo "hostile-check: $binary not found; run swift build" >&2; exit 3; }

# schemathesis from PyPI, in its own venv; without pip or the network the check is skipped with a note.
venv="${HOSTILE_CHECK_VENV:-/tmp/dict-hostile-check-venv}"
if [[ ! -x "$venv/bin/st" ]]; then
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet schemathesis; } >/tmp/dict-hostile-check-pip.log 2>&1; then
        echo "hostile-check: skipped: could not install schemathesis from PyPI (see /tmp/dict-hostile-check-pip.log)"
        exit 0
    fi
fi
model_dir="${DICT_MODEL_DIR:-models/all-MiniLM-L6-v2}"
if [[ ! -f "$model_dir/model.safetensors" ]]; then
    bash models/install.sh >/dev/null 2>&1 || { echo "hostile-check: skipped: the model is not installed and bash models/install.sh failed"; exit 0; }
fi

header_timeout=2
idle_timeout=4
body_timeout=3
workdir="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

data="$workdir/data"
"$binary" migrate --data-dir "$data" >/dev/null || { echo "hostile-check: migrate failed" >&2; exit 3; }
"$binary" import glossary --data-dir "$data" >/dev/null || { echo "hostile-check: glossary import failed" >&2; exit 3; }
# Rate limiting off so the fuzzer reaches the routes instead of 429s (the limiter has its own tests).
DICT_MODEL_DIR="$model_dir" "$binary" serve --data-dir "$data" --host 127.0.0.1 --port 0 --rate-limit 0 \
    --header-timeout "$header_timeout" --idle-timeout "$idle_timeout" --body-timeout "$body_timeout" --log-level error \
    >"$workdir/server.out" 2>"$workdir/server.err" &
server_pid=$!
port=""
for _ in $(seq 1 300); do
    port=$(sed -n 's|^dict: listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$workdir/server.out")
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
done
[[ -n "$port" ]] || { echo "hostile-check: server did not start"; cat "$workdir/server.err"; exit 3; }
base="http://127.0.0.1:$port"

# Sums dict_http_requests_total from /metrics: prints "<all> <5xx>".
metrics_counts() {
    python3 - "$base/metrics" <<'PY'
import re, sys, urllib.request
text = urllib.request.urlopen(sys.argv[1], timeout=10).read().decode()
total = errors = 0
for line in text.splitlines():
    match = re.match(r'dict_http_requests_total\{[^}]*status="(\d+)"[^}]*\} ([0-9.e+]+)', line)
    if match:
        count = int(float(match.group(2)))
        total += count
        errors += count if int(match.group(1)) >= 500 else 0
print(total, errors)
PY
}

echo "hostile-check: schemathesis (${examples} examples per operation, at most ${max_time} s) against $base/docs/openapi.json"
read -r before_total before_errors < <(metrics_counts)
# Run from the temporary folder: schemathesis leaves a .schemathesis cache in its working directory.
(cd "$workdir" && timeout $((max_time + 120)) "$venv/bin/st" run "$base/docs/openapi.json" --url "$base" \
    --checks not_a_server_error --max-examples "$examples" --max-time "$max_time" --request-timeout 10 \
    --workers 2 --seed 20261203 --suppress-health-check all --output-truncate false >"$workdir/st.out" 2>&1)
st_status=$?
tail -n 15 "$workdir/st.out" | sed 's/^/  /'
read -r after_total after_errors < <(metrics_counts)
st_requests=$((after_total - before_total))
st_errors=$((after_errors - before_errors))
# Request timeouts are hangs (schemathesis reports each as "... timed out ..."); a run killed by `timeout` is one more.
st_hangs=$(grep -ci "timed out" "$workdir/st.out" 2>/dev/null || true)
st_hangs=${st_hangs:-0}
[[ $st_status -eq 124 ]] && st_hangs=$((st_hangs + 1))
echo "schemathesis: requests $st_requests, 5xx $st_errors, hangs $st_hangs"

echo "hostile-check: hand-made hostile cases (flood of $flood stalled connections)"
python3 scripts/hostile_cases.py --port "$port" --header-timeout "$header_timeout" --idle-timeout "$idle_timeout" \
    --body-timeout "$body_timeout" --flood "$flood" | tee "$workdir/cases.out"
read -r case_requests case_errors case_hangs < <(sed -n 's/^hostile cases: requests \([0-9]*\), 5xx \([0-9]*\), hangs \([0-9]*\)$/\1 \2 \3/p' "$workdir/cases.out")

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "hostile-check: the server died"; cat "$workdir/server.err"; case_hangs=$((${case_hangs:-0} + 1))
fi
requests=$((st_requests + ${case_requests:-0}))
errors=$((st_errors + ${case_errors:-0}))
hangs=$((st_hangs + ${case_hangs:-1}))
echo "requests $requests, 5xx $errors, hangs $hangs"
[[ $errors -eq 0 && $hangs -eq 0 ]]
