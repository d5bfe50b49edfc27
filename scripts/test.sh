#!/usr/bin/env bash
# The README's test command: set up what is missing, build, run every test, and end with one
# plain "N passed, N failed" line (swift test prints separate XCTest and Swift Testing summaries).
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

# A throwaway PostgreSQL cluster for the PostgreSQL suites (scripts/postgres.sh: initdb in a temporary folder as an
# unprivileged user, a free loopback port), removed when this script ends. DICT_TEST_REQUIRE_POSTGRES makes a cluster
# that failed to start a failing test instead of skipped suites.
# A hot standby of it (streaming replication) serves the read-replica tests.
pg_dir=$(mktemp -u /tmp/dict-pg.XXXXXX)
pg_standby_dir=$(mktemp -u /tmp/dict-pg-standby.XXXXXX)
trap 'bash scripts/postgres.sh stop "$pg_standby_dir"; bash scripts/postgres.sh stop "$pg_dir"' EXIT
if pg_url=$(bash scripts/postgres.sh start "$pg_dir"); then
    export DICT_TEST_POSTGRES_URL="$pg_url"
    if standby_url=$(bash scripts/postgres.sh standby "$pg_standby_dir" "$pg_dir"); then
        export DICT_TEST_POSTGRES_STANDBY_URL="$standby_url"
    else
        echo "test: the PostgreSQL standby did not start"
    fi
else
    echo "test: the PostgreSQL test cluster did not start"
fi
export DICT_TEST_REQUIRE_POSTGRES=1
unset DICT_DATABASE_URL  # the suites choose their engine themselves

log=$(mktemp)
# The CLI tests run the built binary, so build every product first.
swift build --build-tests 2>&1 | tee "$log" | grep -E "error:|warning: unre|Compiling|Build complete" | grep -vE "^\[[0-9]+/[0-9]+\] Compiling" || true
if ! grep -q "Build complete" "$log"; then
    tail -50 "$log"
    echo "0 passed, 1 failed"
    exit 1
fi
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# XCTest: "Executed N tests, with F failures"; Swift Testing: "Test run with N tests ... passed|failed".
xc_total=$(grep -E "^\s*Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -1 | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
xc_failed=$(grep -E "^\s*Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -1 | sed -E 's/.*with ([0-9]+) failures?.*/\1/')
st_total=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -1 | sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/')
st_failed=$(grep -E "^✘ Test .* failed after" "$log" | grep -cv "^✘ Test run with" || true)
total=$(( ${xc_total:-0} + ${st_total:-0} ))
failed=$(( ${xc_failed:-0} + ${st_failed:-0} ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# The short hostile-client check (README "Reliability"): a few minutes; counted as one more test. It skips itself
# with a note when schemathesis cannot be installed from PyPI.
hostile_log=$(mktemp)
if bash scripts/hostile-check.sh --short 2>&1 | tee "$hostile_log" | tail -n 3; then
    total=$(( total + 1 ))
else
    total=$(( total + 1 )); failed=$(( failed + 1 )); status=1
    tail -n 40 "$hostile_log"
fi
# The search page in headless Chromium (docs/http-api.md "The search page"): counted as one more test. It skips itself
# with a note when no Chromium could be installed.
browser_log=$(mktemp)
if bash scripts/browser-check.sh 2>&1 | tee "$browser_log" | tail -n 2; then
    total=$(( total + 1 ))
else
    total=$(( total + 1 )); failed=$(( failed + 1 )); status=1
    tail -n 40 "$browser_log"
fi
passed=$(( total - failed )); [ "$passed" -lt 0 ] && passed=0
echo "$passed passed, $failed failed"
exit "$status"
