#!/usr/bin/env bash
# Install (from Debian's packages, if needed) and start a throw-away PostgreSQL server on
# loopback for the tests. Prints the database URL on stdout. 'stop' leaves the data folder,
# and a later 'start' serves it again.
# Usage: bash scripts/pg.sh start|stop
set -euo pipefail
PGPORT="${SAFEGUARD_PG_PORT:-54329}"
PGDATA="${SAFEGUARD_PG_DATA:-/tmp/safeguard-pg}"
bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ -z "$(bindir)" ]; then
      if [ "$(id -u)" = 0 ]; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
      else
        echo "PostgreSQL is not installed; install Debian's 'postgresql' package" >&2; exit 1
      fi
    fi
    BIN="$(bindir)"
    serve() {
      as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    }
    if ! as_pg "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      # A data folder left by 'stop' is started again with its databases (a benchmark's store
      # survives); one that will not start is made afresh.
      if ! { [ -f "$PGDATA/PG_VERSION" ] && serve; }; then
        rm -rf "$PGDATA"; mkdir -p "$PGDATA"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
        as_pg "$BIN/initdb" -D "$PGDATA" -A trust -U postgres --no-sync >/dev/null
        serve
      fi
    fi
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='safeguard_test'" | grep -q 1 \
      || as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres safeguard_test
    echo "postgresql+psycopg://postgres@127.0.0.1:${PGPORT}/safeguard_test"
    ;;
  stop)
    BIN="$(bindir)"; [ -n "$BIN" ] && as_pg "$BIN/pg_ctl" -D "$PGDATA" stop -m fast >/dev/null 2>&1 || true
    ;;
esac
