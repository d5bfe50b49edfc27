#!/usr/bin/env bash
# The failover check of issue 17 (opt-in: it needs a few minutes and the cluster's packages; README, "Scale-out").
#
#   scripts/cluster-check.sh [--binary PATH]
#
# Brings up scripts/cluster.sh's cluster (three PostgreSQL nodes under Patroni, etcd, haproxy) in a temporary folder,
# runs scripts/cluster_check.py against it (glossary imported and embedded through the primary port, seed terms
# worked by `dict queue run --watch` against a stub generator, two `dict serve --read-database` replicas under a
# search load, the primary's postmaster killed with kill -9 mid-way, then the exactly-once, budget, row and index
# checks and the measured windows), and tears the cluster down whatever happens. Exits 1 when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "cluster-check: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$binary" ]; then
    if [ -x .build/release/dict ]; then binary=.build/release/dict; else binary=.build/debug/dict; fi
fi
[ -x "$binary" ] || { echo "cluster-check: $binary not found; run swift build -c release --product dict" >&2; exit 3; }
bash models/install.sh >/dev/null

dir=$(mktemp -u /tmp/dict-cluster-check.XXXXXX)
trap 'bash scripts/cluster.sh down "$dir" >/dev/null 2>&1 || true' EXIT
bash scripts/cluster.sh up "$dir"
python3 scripts/cluster_check.py "$(realpath "$binary")" "$dir"
