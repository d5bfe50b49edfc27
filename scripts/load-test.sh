#!/usr/bin/env bash
# Load test of `dict serve` on loopback with wrk (Debian package `wrk`).
#
# Starts `dict serve` on 127.0.0.1 with a free port and rate limiting off, runs wrk for a bounded time against each
# endpoint that the data directory can answer, prints a table of requests/s and p99 latency, and stops the server.
#
# Usage: scripts/load-test.sh [--data-dir DIR] [--duration SECONDS] [--connections N] [--binary PATH]
#   --data-dir     dictionary data directory (default: $DICT_DATA_DIR or ./.dict); it must be migrated and loaded
#   --duration     seconds per endpoint (default 10, at most 60)
#   --connections  concurrent connections (default 32)
#   --binary       dict executable (default: .build/release/dict, else .build/debug/dict)
#   --term         term for the exact-lookup run (default: allegro)
#   --query        query for the search runs (default: fast tempo)
# Semantic and hybrid runs need the model: set DICT_MODEL_DIR (or install it under ./models); without it they are
# reported as skipped (503) or lexical-only.
set -euo pipefail

data_dir="${DICT_DATA_DIR:-.dict}"
duration=10
connections=32
binary=""
term="allegro"
query="fast tempo"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --data-dir) data_dir="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --binary) binary="$2"; shift 2 ;;
        --term) term="$2"; shift 2 ;;
        --query) query="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "load-test: unknown argument $1" >&2; exit 2 ;;
    esac
done
if ! [[ "$duration" =~ ^[0-9]+$ ]] || (( duration < 1 || duration > 60 )); then
    echo "load-test: --duration must be 1..60 seconds" >&2; exit 2
fi
command -v wrk >/dev/null || { echo "load-test: wrk not found (apt-get install wrk)" >&2; exit 3; }
command -v curl >/dev/null || { echo "load-test: curl not found" >&2; exit 3; }
if [[ -z "$binary" ]]; then
    if [[ -x .build/release/dict ]]; then binary=.build/release/dict; else binary=.build/debug/dict; fi
fi
[[ -x "$binary" ]] || { echo "load-test: $binary not found; run swift build -c release" >&2; exit 3; }

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

"$binary" serve --data-dir "$data_dir" --host 127.0.0.1 --port 0 --rate-limit 0 --log-level warning \
    >"$workdir/server.out" 2>"$workdir/server.err" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
    port="$(sed -n 's#^dict: listening on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$workdir/server.out" | head -1)"
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "load-test: server exited:" >&2; cat "$workdir/server.err" >&2; exit 3; }
    sleep 0.1
done
[[ -n "$port" ]] || { echo "load-test: server did not start" >&2; exit 3; }
base="http://127.0.0.1:$port"

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
term_path="$(urlencode "$term")"
query_param="$(urlencode "$query")"

# POST bodies go through a wrk Lua script.
cat >"$workdir/semantic.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query": "$query", "limit": 10, "threshold": 0.2}'
LUA

# name | method | path | lua script (optional)
endpoints=(
    "liveness (no database)|GET|/livez|"
    "exact lookup|GET|/api/v1/terms/$term_path|"
    "lexical search|GET|/api/v1/search?q=$query_param&mode=lexical&limit=10|"
    "hybrid search|GET|/api/v1/search?q=$query_param&mode=hybrid&limit=10|"
    "semantic search|POST|/api/v1/search/semantic|$workdir/semantic.lua"
)

printf '\n%-24s %-8s %12s %10s %10s  %s\n' "endpoint" "status" "requests/s" "p50" "p99" "path"
printf '%s\n' "-------------------------------------------------------------------------------------------------"
for spec in "${endpoints[@]}"; do
    IFS='|' read -r name method path script <<<"$spec"
    if [[ "$method" == "POST" ]]; then
        status="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
            --data "{\"query\": \"$query\", \"limit\": 10, \"threshold\": 0.2}" "$base$path")"
    else
        status="$(curl -s -o /dev/null -w '%{http_code}' "$base$path")"
    fi
    if [[ "$status" != "200" ]]; then
        printf '%-24s %-8s %12s %10s %10s  %s\n' "$name" "$status" "skipped" "-" "-" "$path"
        continue
    fi
    args=(-t1 "-c$connections" "-d${duration}s" --latency)
    [[ -n "$script" ]] && args+=(-s "$script")
    wrk "${args[@]}" "$base$path" >"$workdir/wrk.out" 2>&1 || true
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$workdir/wrk.out")"
    p50="$(awk '$1 == "50%" {print $2}' "$workdir/wrk.out")"
    p99="$(awk '$1 == "99%" {print $2}' "$workdir/wrk.out")"
    non2xx="$(awk '/Non-2xx/ {print $NF}' "$workdir/wrk.out")"
    printf '%-24s %-8s %12s %10s %10s  %s\n' "$name" "${non2xx:+$non2xx non-2xx}${non2xx:-200}" "${rps:-?}" "${p50:-?}" "${p99:-?}" "$path"
done
echo
echo "wrk -t1 -c$connections -d${duration}s on 127.0.0.1; server and wrk share this machine's $(nproc) cores."
