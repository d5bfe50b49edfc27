#!/usr/bin/env bash
# The README's main command: on a fresh Debian machine, install what is missing, build dict (release),
# create the three databases, load the bundled glossary and the word frequencies, embed it with the local model, and
# search it.
# Data goes to ${DICT_DATA_DIR:-./.dict}.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
echo "== building dict (release)"
swift build -c release --product dict 2>&1 | grep -E "error|warning: |Compiling dict|Build complete" || true
dict=".build/release/dict"
[ -x "$dict" ] || { echo "build failed"; exit 1; }

echo "== dict migrate"
"$dict" migrate --service all
"$dict" migrate --service all --status | grep -E "^[a-z]+:"
echo "== dict import glossary"
"$dict" import glossary
echo "== dict import frequencies"
"$dict" import frequencies
echo "== dict embed"
"$dict" embed
for query in "gradually getting louder" "cresc" "cresendo" "渐强" "very slow and solemn" "zzzqqq"; do
    echo "== dict search \"$query\""
    "$dict" search "$query" --limit 5 || true
done
