#!/usr/bin/env bash
# Runs a generated backend's own load-test script (scripts/load_test.py) against it on 127.0.0.1:
# bounded request count and time; fails if any request fails, or if the p95 of the list or get
# endpoint exceeds AUTONOMA_MAX_P95_MS (default: no latency limit — CI checks that the script
# works, latency is measured by bench/backend-load/run.sh on a quiet machine, not gated here).
# Env: AUTONOMA_LOAD_CONCURRENCY (default 50), AUTONOMA_LOAD_REQUESTS (default 3000).
# Usage: ci/check-performance.sh <project-dir>   (needs the venv made by ci/check-backend.sh)
set -euo pipefail
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
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.2
done
"$VENV/bin/python" scripts/load_test.py --base-url "http://127.0.0.1:$PORT" --concurrency "${AUTONOMA_LOAD_CONCURRENCY:-50}" --requests "${AUTONOMA_LOAD_REQUESTS:-3000}" \
  --max-seconds 60 --max-p95-ms "$MAX_P95"
