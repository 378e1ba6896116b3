#!/usr/bin/env bash
# Load benchmark of a generated backend on this machine: wrk, 50 connections, against the list and
# get endpoints of the example app (docs/examples/inventory.app-spec.json) on PostgreSQL.
#
# Two configurations of the same generated app run back to back in one invocation:
#   baseline : one uvicorn worker, asyncio loop, h11 parser (uvicorn's plain defaults)
#   tuned    : WEB_CONCURRENCY=<cores> workers, uvloop + httptools (what the generated Dockerfile
#              and compose file run)
#   cached   : tuned plus the optional Redis read cache (REDIS_URL; a throwaway redis-server)
# and GET /health (no auth, no database) gives the framework's floor on the same machine.
# It prints p50/p95/p99 and req/s per endpoint, tuned/baseline ratios, and whether the p95 is
# under the target (default 50 ms). It never fails on latency: this is a benchmark, not a test.
#
# Usage: [WORKERS=n] bench/backend-load/run.sh [seconds-per-run (default 10)]
#   WORKERS: uvicorn workers of the tuned and cached runs (default: the number of cores)
# Needs: root or wrk installed, PostgreSQL via ci/pg.sh, Python 3.11 (makes a venv).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/backend-load"
DURATION=${1:-10}
CONNECTIONS=${CONNECTIONS:-50}
TARGET_P95=${TARGET_P95_MS:-50}
VENV=${AUTONOMA_VENV:-/tmp/autonoma-venv}
APP="$ROOT/target/bench-load-app"
PORT=${PORT:-18765}
WORKERS=${WORKERS:-$(nproc)}
PSQL="/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p 55432 -U postgres -qAt"

command -v wrk >/dev/null && command -v redis-server >/dev/null \
  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk redis-server >/dev/null; }
JAR="$ROOT/samples/cli/target/autonoma-cli.jar"
[ -f "$JAR" ] || mvn -B -q -DskipTests -pl samples/cli -am package
rm -rf "$APP"
java -jar "$JAR" generate --spec "$ROOT/docs/examples/inventory.app-spec.json" -o "$APP" -q
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check -r "$APP/backend/requirements.txt" -r "$APP/backend/requirements-dev.txt"
bash "$ROOT/ci/pg.sh" start

export SECRET_KEY="bench-only-secret-bench-only-secret-bench-only" ENVIRONMENT=development \
  RATE_LIMIT_PER_MINUTE=100000000 AUTH_RATE_LIMIT_PER_MINUTE=100000000
export DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:55432/autonoma_bench_load"
BASE="http://127.0.0.1:$PORT"
SERVER=""
REDIS_PID=""
stop_server() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; fi; }
trap 'stop_server; [ -z "$REDIS_PID" ] || kill "$REDIS_PID" 2>/dev/null || true' EXIT

start_server() { # extra uvicorn args...
  stop_server
  (cd "$APP/backend" && exec "$VENV/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$PORT" \
    --log-level warning --no-access-log "$@") &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fsS "$BASE/health" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "server did not start" >&2; exit 1
}

# Fresh database, one user, 50 suppliers (the first resource of the example app).
$PSQL -c "DROP DATABASE IF EXISTS autonoma_bench_load WITH (FORCE)" -c "CREATE DATABASE autonoma_bench_load"
(cd "$APP/backend" && "$VENV/bin/alembic" upgrade head >/dev/null 2>&1)
start_server
TOKEN=$("$VENV/bin/python" - "$BASE" <<'PY'
import json, sys, httpx
base = sys.argv[1]
with httpx.Client(base_url=base) as c:
    creds = {"email": "bench@example.com", "password": "bench-password-123"}
    c.post("/api/v1/auth/register", json=creds).raise_for_status()
    token = c.post("/api/v1/auth/login", json=creds).json()["access_token"]
    h = {"Authorization": f"Bearer {token}"}
    for i in range(50):
        c.post("/api/v1/suppliers", headers=h, json={"name": f"Supplier {i}", "email": f"s{i}@example.com"}).raise_for_status()
    print(token)
PY
)
export TOKEN

declare -A RESULT
# A freshly started server opens its pooled database connections (a PostgreSQL backend process each)
# and compiles its statements during the first requests; measured without this, every first run
# after a start carried ~100 ms stalls in its p95/p99. Like JMH's warm-up iterations, run the
# same load for a few seconds and discard it.
warm_up() {
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP:-3}s" -s "$HERE/report.lua" "$BASE/api/v1/suppliers?page=1&size=20" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP:-3}s" -s "$HERE/report.lua" "$BASE/api/v1/suppliers/7" >/dev/null
}
# How wrk's connections are spread over the server's worker processes, e.g. "25+25". wrk opens all
# of them at once and keeps them; the kernel hands each to whichever worker accepts first, and an
# uneven split (seen: 14+36) leaves one worker with more requests in flight, and a longer tail.
connection_split() {
  ss -tnpH state established "( sport = :$PORT )" | grep -o 'pid=[0-9]*' | sort | uniq -c \
    | awk '{print $1}' | sort -n | paste -sd+
}
measure() { # label path
  local out tmp split
  tmp=$(mktemp)
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$HERE/report.lua" "$BASE$2" >"$tmp" &
  local wrk_pid=$!
  sleep $((DURATION / 2))
  split=$(connection_split)
  wait "$wrk_pid"
  out="$(grep '^RESULT' "$tmp" | cut -d' ' -f2-) workers=${split:-?}"
  rm -f "$tmp"
  RESULT[$1]="$out"
  printf '%-22s %s\n' "$1" "$out"
}
field() { echo "${RESULT[$1]}" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $CONNECTIONS connections, ${DURATION}s per run"
start_server --workers 1 --loop asyncio --http h11
warm_up
measure "baseline health" /health
measure "baseline list" "/api/v1/suppliers?page=1&size=20"
measure "baseline get" /api/v1/suppliers/7
start_server --workers "$WORKERS" --loop uvloop --http httptools
warm_up
measure "tuned health" /health
measure "tuned list" "/api/v1/suppliers?page=1&size=20"
measure "tuned get" /api/v1/suppliers/7
REDIS_PORT=$((PORT + 1))
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
REDIS_PID=$!
sleep 0.5
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" start_server --workers "$WORKERS" --loop uvloop --http httptools
warm_up
measure "cached list" "/api/v1/suppliers?page=1&size=20"
measure "cached get" /api/v1/suppliers/7

echo
for kind in list get; do
  c95=$(field "cached $kind" p95)
  b95=$(field "baseline $kind" p95); t95=$(field "tuned $kind" p95)
  brps=$(field "baseline $kind" rps); trps=$(field "tuned $kind" rps)
  errs=$(( $(field "baseline $kind" errors) + $(field "tuned $kind" errors) + $(field "cached $kind" errors) ))
  verdict=$(awk -v p="$t95" -v t="$TARGET_P95" 'BEGIN{print (p<=t) ? "under" : "OVER"}')
  printf '%s: p95 tuned %s ms vs baseline %s ms (ratio %.2f), req/s ratio %.2f, errors %d; %s the %s ms target\n' \
    "$kind" "$t95" "$b95" "$(awk -v a="$t95" -v b="$b95" 'BEGIN{print a/b}')" \
    "$(awk -v a="$trps" -v b="$brps" 'BEGIN{print a/b}')" "$errs" "$verdict" "$TARGET_P95"
  printf '%s with the Redis read cache: p95 %s ms (%s the %s ms target)\n' "$kind" "$c95" \
    "$(awk -v p="$c95" -v t="$TARGET_P95" 'BEGIN{print (p<=t) ? "under" : "OVER"}')" "$TARGET_P95"
done
