#!/usr/bin/env bash
# Runs a generated backend's own load-test script (scripts/load_test.py) against it on 127.0.0.1:
# bounded request count and time; fails if any request fails, or if the p95 of the list or get
# endpoint exceeds AUTONOMA_MAX_P95_MS (default: no latency limit — CI checks that the script
# works, latency is measured by bench/backend-load/run.sh on a quiet machine, not gated here).
# Then proves the script fails, with a message saying so, whenever fewer requests than asked were
# answered within its time limit: against this app with far more requests than fit in the time, and
# against ci/stalling_api.py, a stand-in that stops answering mid-run or answers no request at all.
# Env: AUTONOMA_LOAD_CONCURRENCY (default 50), AUTONOMA_LOAD_REQUESTS (default 3000).
# Usage: ci/check-performance.sh <project-dir>   (needs the venv made by ci/check-backend.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$(cd "$1" && pwd)"
VENV=${AUTONOMA_VENV:-/tmp/autonoma-venv}
MAX_P95=${AUTONOMA_MAX_P95_MS:-1000000}
[ -x "$VENV/bin/python" ] || { echo "check-performance: no venv at $VENV; run ci/check-backend.sh first" >&2; exit 1; }
cd "$PROJECT/backend"
PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DB="$(mktemp -d)/perf.db"
export DATABASE_URL="sqlite+aiosqlite:///$DB" RATE_LIMIT_PER_MINUTE=1000000 AUTH_RATE_LIMIT_PER_MINUTE=1000000
"$VENV/bin/alembic" upgrade head >/dev/null
"$VENV/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$PORT" --log-level warning --no-access-log &
PID=$!
STUB_PID=""
trap 'kill $PID $STUB_PID 2>/dev/null || true; wait $PID $STUB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.2
done
"$VENV/bin/python" scripts/load_test.py --base-url "http://127.0.0.1:$PORT" --concurrency "${AUTONOMA_LOAD_CONCURRENCY:-50}" --requests "${AUTONOMA_LOAD_REQUESTS:-3000}" \
  --max-seconds 60 --max-p95-ms "$MAX_P95"

# expect_incomplete NAME EXPECTED-TEXT LOAD-TEST-ARGS...: the script must exit 1 and print EXPECTED-TEXT.
expect_incomplete() {
  local name=$1 want=$2 out rc=0
  shift 2
  out=$(timeout 60 "$VENV/bin/python" scripts/load_test.py --concurrency 5 --seed 2 --max-seconds 3 --max-p95-ms "$MAX_P95" "$@" 2>&1) || rc=$?
  if [ "$rc" -ne 1 ] || ! grep -qF "$want" <<<"$out"; then
    printf '%s\n' "$out" | tail -20
    echo "check-performance: FAILED: $name: expected exit 1 and '$want', got exit $rc" >&2
    return 1
  fi
  echo "ok, fails as it should: $name: $(grep -F "$want" <<<"$out" | head -1)"
}
expect_incomplete "more requests than fit in --max-seconds" "of 1000000 requests were answered" \
  --base-url "http://127.0.0.1:$PORT" --requests 1000000
stalling_api() { # answered-gets: starts ci/stalling_api.py, sets STUB_PORT
  [ -z "$STUB_PID" ] || { kill "$STUB_PID"; wait "$STUB_PID" 2>/dev/null || true; }
  exec 3< <("$VENV/bin/python" "$HERE/stalling_api.py" --answer "$1")
  STUB_PID=$!
  read -r -t 10 STUB_PORT <&3
}
stalling_api 20
expect_incomplete "a server that stops answering after 20 requests" "only 20 of 200 requests were answered" \
  --base-url "http://127.0.0.1:$STUB_PORT" --requests 200
stalling_api 0
expect_incomplete "a server that answers no request" "only 0 of 200 requests were answered" \
  --base-url "http://127.0.0.1:$STUB_PORT" --requests 200
