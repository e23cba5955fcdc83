#!/usr/bin/env bash
# README's second command (`make test`, and what .ci/run calls): installs everything the tests
# need and runs every check, on SQLite and on a throwaway PostgreSQL that it starts and stops.
#
#   system deps    chromium, chromedriver, postgresql, WebKitWebDriver, xvfb from Debian (skipped
#                  when present)
#   bootstrap      .venv + pip, npm ci, PWA build (each skipped when up to date)
#   ruff, mypy     lint and types of the Python code (targets configured in pyproject.toml)
#   npm typecheck  tsc --checkJs over the PWA
#   npm test       node --test unit tests of the PWA and the JS sync core
#   pytest sqlite  the whole suite, Chromium browser tests (marker e2e) included
#   webkit         the core offline story in WebKitGTK (tests/webkit, Selenium + MiniBrowser)
#                  under xvfb-run: most phones in the field are not Chrome
#   pytest pg      the whole suite but the browser tests, against PostgreSQL
#
# PYTEST_ARGS="-x -k sync" is passed to both pytest runs (not to the WebKit story: one test). Setup failures stop the run at once;
# check failures do not, so one run reports every broken check. The summary at the end gives
# each step's time and PASS/FAIL/SKIP; the exit status is non-zero if anything failed, and the
# PostgreSQL cluster is stopped whatever happens.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Word-split on purpose: PYTEST_ARGS is a command-line fragment.
read -r -a PYTEST_EXTRA <<<"${PYTEST_ARGS:-}"

STEP_NAMES=()
STEP_RESULTS=()
STEP_TIMES=()
FAILED=()
PG_STARTED=0
RUN_START="${EPOCHREALTIME/./}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/doorstep-test.XXXXXX")"

cleanup() {
    if [[ "$PG_STARTED" == 1 ]]; then
        bash "$ROOT/scripts/pg_tmp.sh" stop || true
    fi
    rm -rf "$WORK"
}
# A step runs in the background under `timeout` (see run_step) and the script waits for it: bash
# acts on a trapped signal during `wait` at once, so Ctrl-C or CI's TERM stops the step (timeout
# passes the signal on to its whole process group) and the EXIT trap still stops PostgreSQL.
STEP_PID=""
on_signal() {
    if [[ -n "$STEP_PID" ]]; then
        kill -TERM "$STEP_PID" 2>/dev/null || true
        wait "$STEP_PID" 2>/dev/null || true
    fi
    exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# Microseconds since $1 (an ${EPOCHREALTIME/./} reading) as seconds with one decimal.
seconds_since() {
    local us=$(( ${EPOCHREALTIME/./} - $1 ))
    printf '%d.%d' $(( us / 1000000 )) $(( us % 1000000 / 100000 ))
}

record() { STEP_NAMES+=("$1"); STEP_RESULTS+=("$2"); STEP_TIMES+=("$3"); }

# run_step NAME LIMIT COMMAND...: runs the command, times it and records PASS or FAIL.
# LIMIT (seconds) kills a step that hangs - a test runner waiting on an open handle would
# otherwise use up CI's 90 minutes and report nothing; the limits are generous safety nets, not
# targets. LIMIT "-" runs a shell function instead, in a subshell with errexit on so that it stops
# at its first failing command. Always returns 0: the outcome is in FAILED.
run_step() {
    local name="$1" limit="$2"; shift 2
    local t0="${EPOCHREALTIME/./}" rc
    printf '\n==> %s\n' "$name"
    set +e
    if [[ "$limit" == - ]]; then
        ( set -e; "$@" )
        rc=$?
    else
        timeout --kill-after=30 "$limit" "$@" &
        STEP_PID=$!
        wait "$STEP_PID"
        rc=$?
        STEP_PID=""
    fi
    set -e
    local took
    took="$(seconds_since "$t0")"
    if [[ $rc == 0 ]]; then
        record "$name" PASS "$took"
        return 0
    fi
    record "$name" FAIL "$took"
    FAILED+=("$name")
    printf '==> %s FAILED (exit %d)\n' "$name" "$rc"
    if [[ $rc == 124 || $rc == 137 ]] && [[ "$limit" != - ]]; then
        printf '==> (killed: still running after its limit of %s s)\n' "$limit"
    fi
    # pytest's 5 means it collected nothing: for us a suite that ran no test is broken.
    if [[ $rc == 5 && "$name" == pytest* ]]; then
        printf '==> (pytest collected no tests)\n'
    fi
    return 0
}

skip_step() { record "$1" SKIP "-"; printf '\n==> %s skipped: %s\n' "$1" "$2"; }

summary() {
    local i total
    total="$(seconds_since "$RUN_START")"
    printf '\n==> summary\n'
    for i in "${!STEP_NAMES[@]}"; do
        printf '  %-4s  %-15s %7s s\n' "${STEP_RESULTS[$i]}" "${STEP_NAMES[$i]}" "${STEP_TIMES[$i]}"
    done
    if [[ ${#FAILED[@]} -eq 0 ]]; then
        printf 'make test: PASS in %s s\n' "$total"
    else
        printf 'make test: FAIL (%s) in %s s\n' "$(IFS=,; echo "${FAILED[*]}")" "$total"
    fi
}

# A setup step that fails leaves nothing meaningful to run: report and stop.
stop_if_failed() {
    if [[ ${#FAILED[@]} -gt 0 ]]; then
        summary
        exit 1
    fi
}

start_pg() { bash "$ROOT/scripts/pg_tmp.sh" start >"$WORK/pg_url"; }

# --- setup -----------------------------------------------------------------------------------
run_step "system deps" 1200 bash "$ROOT/scripts/system_deps.sh"
stop_if_failed
run_step "bootstrap" 1200 bash "$ROOT/scripts/bootstrap.sh"
stop_if_failed
export PATH="$ROOT/.venv/bin:$PATH"

# --- static checks ---------------------------------------------------------------------------
run_step "ruff" 300 ruff check .
run_step "mypy" 600 mypy
if [[ -f package.json ]]; then
    run_step "npm typecheck" 300 npm run --silent typecheck
    run_step "npm test" 600 npm test --silent
else
    skip_step "npm typecheck" "package.json missing"
    skip_step "npm test" "package.json missing"
fi

# --- pytest on SQLite: everything, browser tests included ------------------------------------
# TEST_DATABASE_URL unset so a developer's own setting cannot turn this run into another PG run.
run_step "pytest sqlite" 2700 env -u TEST_DATABASE_URL pytest --durations=15 --ignore=tests/webkit "${PYTEST_EXTRA[@]}"

# --- the offline story in WebKit --------------------------------------------------------------
# Its own step: WebKitGTK needs a display (xvfb-run; no headless mode), and here a missing WebKit
# is a failure, not a skip (DOORSTEP_REQUIRE_WEBKIT). About half a minute; the limit is a net.
run_step "webkit" 300 env -u TEST_DATABASE_URL DOORSTEP_REQUIRE_WEBKIT=1 \
    xvfb-run -a --server-args="-screen 0 1280x1024x24" pytest tests/webkit

# --- pytest on PostgreSQL: everything but the browser tests ----------------------------------
# The browser tests exercise the PWA, not the database, and are the slowest part: once is enough.
PG_STARTED=1  # from here on the EXIT trap stops the cluster (a no-op if none is running)
run_step "postgres start" - start_pg
if [[ -s "$WORK/pg_url" ]]; then
    PG_URL="$(cat "$WORK/pg_url")"
    echo "==> TEST_DATABASE_URL=$PG_URL"
    run_step "pytest pg" 2700 env TEST_DATABASE_URL="$PG_URL" pytest --durations=15 -m "not e2e" --ignore=tests/webkit "${PYTEST_EXTRA[@]}"
    run_step "postgres stop" 120 bash "$ROOT/scripts/pg_tmp.sh" stop
    PG_STARTED=0
else
    skip_step "pytest pg" "PostgreSQL did not start"
fi

summary
[[ ${#FAILED[@]} -eq 0 ]]
