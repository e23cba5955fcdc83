#!/usr/bin/env bash
# The system packages the test suite needs, from Debian's archive:
#   chromium + chromium-driver  the browser the end-to-end tests drive (Playwright is told to use
#                               /usr/bin/chromium; it cannot download a browser of its own here)
#   postgresql                  the server binaries for scripts/pg_tmp.sh's throwaway cluster
#   redis-server                the shared login-throttle storage of several app hosts; the
#                               tests start it as a plain process on a free port (never as a
#                               service)
#   nginx                       the buffering proxy in front of two app hosts in the multi-host
#                               test (tests/multihost), run as a plain process on a free port
#   webkit2gtk-driver           WebKitWebDriver, and through libwebkit2gtk-4.1-0 the MiniBrowser
#                               it drives: the offline story in WebKit (tests/webkit, Selenium)
#   xvfb + xauth                xvfb-run: WebKitGTK has no headless mode, it draws on a virtual X
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
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
have_minibrowser() { compgen -G '/usr/lib/*/webkit2gtk-4.1/MiniBrowser' >/dev/null; }
{ command -v WebKitWebDriver >/dev/null 2>&1 && have_minibrowser; } || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
command -v xauth >/dev/null 2>&1 || missing+=(xauth)

if [[ ${#missing[@]} -eq 0 ]]; then
    log "chromium, chromedriver, postgresql, redis-server, nginx, WebKitWebDriver and xvfb present"
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

# Debian's postgresql, redis-server and nginx packages start a system service; we do not use them, but
# leave them alone: they are the machine's, not ours.
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { log "chromium did not install"; exit 1; }
have_postgres || { log "postgresql did not install"; exit 1; }
command -v redis-server >/dev/null 2>&1 || { log "redis-server did not install"; exit 1; }
[[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1 || { log "nginx did not install"; exit 1; }
{ command -v WebKitWebDriver >/dev/null 2>&1 && have_minibrowser; } || { log "webkit2gtk-driver did not install"; exit 1; }
command -v xvfb-run >/dev/null 2>&1 && command -v xauth >/dev/null 2>&1 || { log "xvfb did not install"; exit 1; }
log "installed: ${missing[*]}"
