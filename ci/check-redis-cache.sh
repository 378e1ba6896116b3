#!/usr/bin/env bash
# Runs a generated backend's pytest suite against a real Redis instead of the in-memory cache
# backend: with REDIS_URL set, every test app caches its reads in Redis through redis.asyncio
# (tests/conftest.py), and tests/test_read_cache.py proves hits, invalidation, auth and outages.
# Starts a throwaway redis-server on 127.0.0.1 (free port, no persistence) and stops it after.
# Usage: ci/check-redis-cache.sh <project-dir>     (the directory that holds backend/)
# Env: AUTONOMA_VENV (default /tmp/autonoma-venv), AUTONOMA_REDIS_SERVER (default: redis-server on PATH).
set -uo pipefail

PROJECT="${1:?usage: $0 <project-dir>}"
BACKEND="$(cd "$PROJECT" 2>/dev/null && pwd)/backend"
VENV="${AUTONOMA_VENV:-/tmp/autonoma-venv}"
REDIS_SERVER="${AUTONOMA_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}"
WORK="$(mktemp -d /tmp/autonoma-redis.XXXXXX)"
REDIS_PID=""

fail() {
  printf '\nFAILED: %s (project %s; logs in %s)\n' "$1" "$PROJECT" "$WORK" >&2
  exit 1
}
cleanup() {
  if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" 2>/dev/null
    wait "$REDIS_PID" 2>/dev/null
  fi
}
trap cleanup EXIT

[ -f "$BACKEND/requirements.txt" ] || fail "no backend/requirements.txt under $PROJECT"
. "$(dirname "${BASH_SOURCE[0]}")/backend-env.sh"
backend_venv

start_redis
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
ping() { "$PY" -c 'import redis, sys; sys.exit(0 if redis.Redis.from_url(sys.argv[1]).ping() else 1)' "$REDIS_URL" 2>/dev/null; }
for _ in $(seq 1 50); do
  ping && break
  kill -0 "$REDIS_PID" 2>/dev/null || { cat "$WORK/redis.log"; fail "redis-server exited at start"; }
  sleep 0.1
done
ping || { cat "$WORK/redis.log"; fail "redis-server did not answer PING on port $REDIS_PORT"; }
echo "redis-server $("$REDIS_SERVER" --version | grep -o 'v=[0-9.]*') on $REDIS_URL (pid $REDIS_PID)"

cd "$BACKEND" || fail "cd $BACKEND"
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL SECRET_KEY ENVIRONMENT
if ! timeout 300 "$VENV/bin/pytest" -q -p no:cacheprovider >"$WORK/pytest.log" 2>&1; then
  tail -60 "$WORK/pytest.log"
  fail "pytest with REDIS_URL=$REDIS_URL"
fi
grep -E '[0-9]+ (passed|failed)' "$WORK/pytest.log" | tail -1

# The suite must really have used this Redis (not silently fallen back to memory or the database).
KEYS="$("$PY" -c 'import redis, sys; print(redis.Redis.from_url(sys.argv[1]).dbsize())' "$REDIS_URL")"
[ "${KEYS:-0}" -gt 0 ] || fail "the tests left no key in Redis: the read cache did not use it"
echo "OK: $PROJECT's tests passed against a real Redis ($KEYS keys written)"
