#!/usr/bin/env bash
# Brings this checkout's Python and JavaScript dependencies up to date, then builds the PWA.
# Shared by scripts/demo.sh and scripts/test.sh, so both front-door commands work on a fresh clone.
#
# Re-running is cheap: each install step is skipped while the file that drives it is unchanged.
#   .venv         made with python3 if missing
#   pip install   `-e .[dev,pg]` only when pyproject.toml changed since the last install
#                 (its hash is kept in .venv/.doorstep-installed); -qq because this machine's pip
#                 config prints a warning per package, errors still show
#   npm ci        only when package-lock.json changed (hash kept in node_modules/.doorstep-installed)
#   npm run build every time: esbuild takes well under a second and pwa/dist must match pwa/src
# While package.json does not exist yet the npm steps are skipped with a message; once it exists
# any npm failure fails the bootstrap.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
EXTRAS="${DOORSTEP_EXTRAS:-dev,pg}"

# --- Python ----------------------------------------------------------------------------------
[[ -f pyproject.toml ]] || die "pyproject.toml not found in $ROOT"

if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating .venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv "$VENV"
fi

# The stamp covers what decides the install: the project's metadata, the extras asked for and
# the interpreter. Editing code under server/ needs no reinstall (the install is editable).
py_stamp="$( { cat pyproject.toml; echo "extras=$EXTRAS"; "$VENV/bin/python" --version; } 2>&1 | sha256sum | cut -d' ' -f1)"
if [[ "$(cat "$VENV/.doorstep-installed" 2>/dev/null || true)" != "$py_stamp" ]]; then
    log "installing Python dependencies (.[$EXTRAS]) - first run or pyproject.toml changed"
    rm -f "$VENV/.doorstep-installed"
    "$VENV/bin/python" -m pip install -qq --disable-pip-version-check -e ".[$EXTRAS]"
    printf '%s\n' "$py_stamp" >"$VENV/.doorstep-installed"
else
    log "Python dependencies up to date"
fi

# --- JavaScript ------------------------------------------------------------------------------
if [[ ! -f package.json ]]; then
    log "package.json not found yet: skipping npm ci and the PWA build"
    exit 0
fi
command -v npm >/dev/null 2>&1 || die "npm not found (Node.js 20 or newer is needed)"

if [[ -f package-lock.json ]]; then
    js_stamp="$( { cat package.json package-lock.json; node --version; } | sha256sum | cut -d' ' -f1)"
    if [[ "$(cat node_modules/.doorstep-installed 2>/dev/null || true)" != "$js_stamp" ]]; then
        log "npm ci - first run or package-lock.json changed"
        npm ci --no-audit --no-fund --loglevel=error
        printf '%s\n' "$js_stamp" >node_modules/.doorstep-installed
    else
        log "node_modules up to date"
    fi
else
    # npm ci needs the lock file; without one, install and say loudly that it must be committed.
    log "WARNING: package-lock.json missing - running npm install; commit the lock file it writes"
    npm install --no-audit --no-fund --loglevel=error
fi

log "building the PWA (npm run build)"
npm run build --silent
