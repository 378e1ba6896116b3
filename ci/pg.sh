#!/usr/bin/env bash
# Throwaway PostgreSQL 15 for local tests: 127.0.0.1:55432, trust auth, data in /tmp/autonoma-pg.
# Usage: ci/pg.sh start|stop|status|url
set -euo pipefail

PG_PORT="${AUTONOMA_PG_PORT:-55432}"
PG_DATA="${AUTONOMA_PG_DATA:-/tmp/autonoma-pg}"
PG_BIN="${AUTONOMA_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER=postgres

as_postgres() {
  if [ "$(id -un)" = "$PG_USER" ]; then
    "$@"
  else
    runuser -u "$PG_USER" -- "$@"
  fi
}

ensure_installed() {
  if [ ! -x "$PG_BIN/pg_ctl" ]; then
    echo "pg.sh: PostgreSQL 15 not found in $PG_BIN; installing the Debian package" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
}

is_running() {
  [ -f "$PG_DATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

start() {
  ensure_installed
  if is_running; then
    echo "pg.sh: already running on 127.0.0.1:$PG_PORT" >&2
    return 0
  fi
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    chown "$PG_USER": "$PG_DATA"
    chmod 700 "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >/dev/null
  fi
  local sockets="$PG_DATA/sockets"
  as_postgres mkdir -p "$sockets"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $sockets -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  for _ in $(seq 1 60); do
    if as_postgres "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; then
      echo "pg.sh: PostgreSQL running on 127.0.0.1:$PG_PORT (data $PG_DATA)" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "pg.sh: PostgreSQL did not become ready; see $PG_DATA/server.log" >&2
  return 1
}

stop() {
  if is_running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    echo "pg.sh: stopped" >&2
  else
    echo "pg.sh: not running" >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo running; else echo stopped; exit 1; fi ;;
  url) echo "postgresql+asyncpg://postgres@127.0.0.1:$PG_PORT/postgres" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
