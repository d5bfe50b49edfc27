#!/usr/bin/env bash
# Search throughput of `dict serve` replicas reading hot standbys (issue 17), one replica against two, with the CPU
# each replica spends per request, on scripts/cluster.sh's cluster (three PostgreSQL nodes under Patroni, etcd,
# haproxy) loaded with the glossary through the primary port.
#
#   Benchmarks/replicas.sh [--binary PATH] [--seconds N] [--connections N]
#
# For each query kind (exact and lexical search; responses are not cached) wrk runs N seconds against replica 1 alone, then against both at
# once (one wrk each, the same connections per replica); CPU is each replica's user + system time from /proc over the
# run. On one machine the replicas, the three PostgreSQL nodes and wrk share the same cores, so two replicas cannot
# double the throughput here: CPU per request is the figure that carries to more machines (requests/s per replica ≈
# cores per replica / CPU per request). Prints one table; the median of three runs of each cell.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=.build/release/dict
seconds=10
connections=16
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "replicas: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$binary" ] || { echo "replicas: $binary not found (swift build -c release --product dict)" >&2; exit 3; }
command -v wrk >/dev/null || { echo "replicas: wrk not found (apt-get install wrk)" >&2; exit 3; }

dir=$(mktemp -u /tmp/dict-replicas.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    bash scripts/cluster.sh down "$dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT
bash scripts/cluster.sh up "$dir" >/dev/null
primary=$(bash scripts/cluster.sh urls "$dir" | awk '$1 == "primary" { print $2 }')
replica=$(bash scripts/cluster.sh urls "$dir" | awk '$1 == "replica" { print $2 }')
"$binary" migrate --service dictionary --database "$primary" >/dev/null
"$binary" import glossary --database "$primary" >/dev/null

# Starts a replica; sets `base` and appends its pid.
start_replica() {
    local out
    out=$(mktemp)
    "$binary" serve --host 127.0.0.1 --port 0 --rate-limit 0 --no-semantic --database "$primary" --read-database "$replica" \
        >"$out" 2>/dev/null &
    pids+=($!)
    for _ in $(seq 100); do grep -q "listening on" "$out" && break; sleep 0.1; done
    base=$(grep -o 'http://[^ ]*' "$out")
}
start_replica; first=$base; first_pid=${pids[0]}
start_replica; second=$base; second_pid=${pids[1]}

cpu_seconds() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }

# One wrk run per base in parallel; prints "total_req_per_s cpu_ms_per_request" for the replicas used.
measure() {
    local path=$1; shift
    local outs=() cpu_before=() i=0 base
    for base in "$@"; do
        [ "$base" = "$first" ] && cpu_before+=("$(cpu_seconds "$first_pid")") || cpu_before+=("$(cpu_seconds "$second_pid")")
    done
    local runs=()
    for base in "$@"; do
        outs+=("$(mktemp)")
        wrk -t1 -c"$connections" -d"${seconds}s" "$base$path" >"${outs[-1]}" &
        runs+=($!)
    done
    wait "${runs[@]}"
    local rps=0 requests=0 cpu=0
    for base in "$@"; do
        local pid; [ "$base" = "$first" ] && pid=$first_pid || pid=$second_pid
        cpu=$(echo "$cpu + $(cpu_seconds "$pid") - ${cpu_before[$i]}" | bc -l)
        rps=$(echo "$rps + $(awk '/Requests\/sec/ { print $2 }' "${outs[$i]}")" | bc -l)
        requests=$((requests + $(awk '/requests in/ { print $1 }' "${outs[$i]}")))
        i=$((i + 1))
    done
    printf '%.0f %.3f\n' "$rps" "$(echo "1000 * $cpu / $requests" | bc -l)"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '| query | replicas | requests/s (median of 3) | CPU per request, ms | ratio to one replica |\n|---|---|---|---|---|\n'
load=$(cut -d' ' -f1-3 /proc/loadavg)
for kind in "exact search|/api/v1/search?q=allegro&mode=exact" "lexical search|/api/v1/search?q=gradually%20getting%20louder&mode=lexical"; do
    name=${kind%%|*}; path=${kind#*|}
    one=(); two=(); one_cpu=(); two_cpu=()
    for _ in 1 2 3; do
        read -r r c < <(measure "$path" "$first"); one+=("$r"); one_cpu+=("$c")
        read -r r c < <(measure "$path" "$first" "$second"); two+=("$r"); two_cpu+=("$c")
    done
    r1=$(printf '%s\n' "${one[@]}" | median); r2=$(printf '%s\n' "${two[@]}" | median)
    c1=$(printf '%s\n' "${one_cpu[@]}" | median); c2=$(printf '%s\n' "${two_cpu[@]}" | median)
    printf '| %s | 1 | %s | %s | 1.00 |\n| %s | 2 | %s | %s | %.2f |\n' "$name" "$r1" "$c1" "$name" "$r2" "$c2" "$(echo "$r2 / $r1" | bc -l)"
done
echo "(load before: $load; $(nproc) cores; $seconds s per run, $connections connections per replica)"
