#!/usr/bin/env bash
# The system packages the test suite needs, from Debian's archive:
#   chromium + chromium-driver  the browser the end-to-end tests drive (Playwright is told to use
#                               /usr/bin/chromium; it cannot download a browser of its own here)
#   postgresql                  the server binaries for scripts/pg_tmp.sh's throwaway cluster
#
# Checks first and returns at once when everything is present, so `make test` stays fast on a
# machine that has run it before. Installs only as root (CI and the project machines run as root);
# anyone else gets the command to run. Any failure is loud and non-zero: a test run without its
# browser or database would pass for the wrong reason.
set -euo pipefail

log() { printf 'system_deps: %s\n' "$*" >&2; }

have_postgres() {
    local f
    for f in /usr/lib/postgresql/*/bin/initdb; do
        [[ -x "$f" ]] && return 0
    done
    return 1
}

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
have_postgres || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)

if [[ ${#missing[@]} -eq 0 ]]; then
    log "chromium, chromedriver and postgresql present"
    exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
    log "missing: ${missing[*]}"
    log "install them as root:  apt-get update && apt-get install -y ${missing[*]}"
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Another apt run (e.g. the machine's own setup) may hold the lock: wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

log "installing: ${missing[*]}"
# Refresh the package lists once per run: a fresh machine's lists are empty or stale.
apt-get "${apt_opts[@]}" update -qq
apt-get "${apt_opts[@]}" install -y -qq "${missing[@]}" >/dev/null

# Debian's postgresql package creates and starts a 'main' cluster; we do not use it, but leave it
# alone: it is the machine's, not ours.
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { log "chromium did not install"; exit 1; }
have_postgres || { log "postgresql did not install"; exit 1; }
log "installed: ${missing[*]}"
