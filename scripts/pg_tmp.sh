#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suite.
#
#   scripts/pg_tmp.sh start   # prints postgresql+psycopg://postgres@127.0.0.1:PORT/doorstep_test
#   scripts/pg_tmp.sh stop    # kills that server and deletes its data directory
#   scripts/pg_tmp.sh status  # prints the URL if one is running, else exits 1
#
# Why a private cluster rather than the machine's service: CI runs on a fresh clone where no
# database service is running, developers must not have their own databases touched, and a
# cluster made for one run with fsync off starts in about a second and leaves nothing behind.
#
# Only the URL goes to stdout, so `url=$(scripts/pg_tmp.sh start)` works; progress goes to stderr.
# The data directory of the running cluster is remembered in a state file under $TMPDIR, keyed by
# this checkout's path, so `stop` needs no argument and a `start` after a crashed run first
# cleans up the cluster that run left behind.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB_NAME="${PG_TMP_DB:-doorstep_test}"
STATE="${TMPDIR:-/tmp}/doorstep-pg-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12).state"

log() { printf 'pg_tmp: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Debian puts the server binaries outside PATH; take the newest installed major version
# (Debian 12 ships 15), or whatever is on PATH elsewhere.
pg_bindir() {
    local dir
    for dir in $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
        pg_config --bindir
        return 0
    fi
    die "PostgreSQL server binaries not found: run scripts/system_deps.sh (needs the postgresql package)"
}

# initdb and postgres refuse to run as root, so when we are root the cluster belongs to the
# `postgres` system user that Debian's package creates.
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to own the cluster"
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Ask the kernel for a free port rather than guessing one: bind to port 0 and read it back.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url_for() { printf 'postgresql+psycopg://postgres@127.0.0.1:%s/%s\n' "$1" "$DB_NAME"; }

# The directory of the cluster this checkout started, if it still exists.
current_dir() {
    [[ -f "$STATE" ]] || return 1
    local dir
    dir="$(cat "$STATE")"
    [[ -n "$dir" && -d "$dir" ]] || return 1
    printf '%s\n' "$dir"
}

cmd_stop() {
    local dir bindir
    if ! dir="$(current_dir)"; then
        rm -f "$STATE"
        log "no throwaway cluster to stop"
        return 0
    fi
    bindir="$(pg_bindir)"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        # Immediate mode: the data is thrown away anyway, so skip the shutdown checkpoint.
        if ! (cd "$dir" && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1); then
            local pid
            pid="$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
            if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
                log "pg_ctl stop failed; killing postmaster $pid"
                kill -9 "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$dir"
    rm -f "$STATE"
    log "stopped and removed $dir"
}

cmd_start() {
    # A live cluster of this checkout is reused (several shells may test at once); one left by
    # an interrupted run would hold a port and disk space: clear it first.
    local existing
    if existing="$(current_dir)" && [[ -f "$existing/data/postmaster.pid" && -f "$existing/url" ]] \
            && as_owner "$(pg_bindir)/pg_ctl" -D "$existing/data" status >/dev/null 2>&1; then
        log "reusing the running cluster in $existing"
        cat "$existing/url"
        return 0
    fi
    if current_dir >/dev/null; then
        log "found a cluster from an earlier run; stopping it first"
        cmd_stop
    fi

    local bindir dir port
    bindir="$(pg_bindir)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/doorstep-pg.XXXXXX")"
    printf '%s\n' "$dir" >"$STATE"
    if [[ "$(id -u)" == 0 ]]; then
        chown postgres: "$dir"
    fi
    chmod 700 "$dir"

    # C.UTF-8 so that lower()/ILIKE fold non-ASCII letters the way a UTF-8 locale does;
    # trust auth because the server listens on loopback only and lives for one test run.
    if ! (cd "$dir" && as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
            --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1); then
        cat "$dir/initdb.log" >&2
        cmd_stop
        die "initdb failed"
    fi

    # A port picked by free_port can, rarely, be taken by someone else before postgres binds it:
    # try a few times.
    local attempt
    for attempt in 1 2 3; do
        port="$(free_port)"
        if (cd "$dir" && as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
                -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' \
                    -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
                    -c max_connections=100" start >/dev/null); then
            break
        fi
        port=""
        log "server did not start on attempt $attempt:"
        tail -n 5 "$dir/server.log" >&2 || true
    done
    if [[ -z "$port" ]]; then
        cmd_stop
        die "could not start PostgreSQL"
    fi

    if ! as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"; then
        cmd_stop
        die "createdb $DB_NAME failed"
    fi
    url_for "$port" | tee "$dir/url"
    log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
}

cmd_status() {
    local dir
    dir="$(current_dir)" || { log "not running"; return 1; }
    [[ -f "$dir/data/postmaster.pid" ]] || { log "not running (stale $dir)"; return 1; }
    cat "$dir/url"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
