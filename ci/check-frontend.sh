#!/usr/bin/env bash
# Proves a generated project's frontend runs: installs, type-checks, lints and builds it, then
# starts the generated backend (SQLite) and `next start` on 127.0.0.1 and drives the real UI in
# headless Chromium (frontend/e2e/crud.spec.mjs, playwright-core).
#
# usage: ci/check-frontend.sh <project-dir>     (the dir that holds frontend/ and backend/)
# env:   AUTONOMA_VENV   Python venv for the backend (default /tmp/autonoma-venv; created if missing)
#        SCREENSHOT_DIR  where the e2e saves screenshots (default <project>/frontend/target)
#        FE_PORT/BE_PORT fixed ports (default: free ones)
#        SKIP_E2E=1      stop after the build
set -Eeuo pipefail

if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: $0 <project-dir>  (a generated project with frontend/ and backend/)" >&2
  exit 2
fi
PROJECT="$(cd "$1" && pwd)"
FE="$PROJECT/frontend"
BE="$PROJECT/backend"
VENV="${AUTONOMA_VENV:-/tmp/autonoma-venv}"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/check-frontend.XXXXXX")"
STEP="start"
PIDS=()
export NEXT_TELEMETRY_DISABLED=1 npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    # each server runs in its own process group (setsid): end the group, then the leader
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
on_error() {
  local rc=$?
  if ((BASH_SUBSHELL > 0)); then
    exit "$rc"
  fi
  echo "check-frontend: FAILED at step '$STEP' (exit $rc) for $PROJECT" >&2
  for log in "$WORK/backend.log" "$WORK/frontend.log"; do
    if [[ -s "$log" ]]; then
      echo "---- last lines of $(basename "$log") ----" >&2
      tail -n 40 "$log" >&2
    fi
  done
  exit "$rc"
}
trap on_error ERR
trap cleanup EXIT

step() {
  STEP="$1"
  STEP_STARTED=$SECONDS
  echo "== check-frontend: $STEP"
}
done_step() {
  echo "   ok: $STEP ($((SECONDS - STEP_STARTED)) s)"
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
wait_http() { # url seconds pid
  local url="$1" deadline=$((SECONDS + $2)) pid="$3"
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server for $url exited early" >&2
      return 1
    fi
    if ((SECONDS > deadline)); then
      echo "timed out waiting for $url" >&2
      return 1
    fi
    sleep 0.5
  done
}

[[ -f "$FE/package.json" ]] || { STEP="layout"; echo "no $FE/package.json" >&2; false; }
FE_PORT="${FE_PORT:-$(free_port)}"
BE_PORT="${BE_PORT:-$(free_port)}"
FRONTEND_URL="http://127.0.0.1:$FE_PORT"
API_URL="http://127.0.0.1:$BE_PORT"

step "npm install"
(cd "$FE" && npm install --prefer-offline --no-audit --no-fund --loglevel=error)
done_step

step "tsc --noEmit"
(cd "$FE" && npx --no-install tsc --noEmit)
echo "   tsc: 0 errors"
done_step

step "eslint"
(cd "$FE" && npx --no-install eslint . --max-warnings=0)
echo "   eslint: 0 problems"
done_step

step "next build"
(cd "$FE" && NEXT_PUBLIC_API_URL="$API_URL" npx --no-install next build >"$WORK/build.log" 2>&1) || { cat "$WORK/build.log" >&2; false; }
grep -E '^(Route|[├└┌] )' "$WORK/build.log" | head -n 60 || true
done_step

if [[ "${SKIP_E2E:-0}" == "1" ]]; then
  echo "check-frontend: build ok (SKIP_E2E=1, no browser test) for $PROJECT"
  exit 0
fi

step "chromium"
if [[ ! -x "$CHROMIUM_PATH" ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
"$CHROMIUM_PATH" --version
done_step

[[ -d "$BE" ]] || { STEP="backend"; echo "no backend at $BE (render or copy it next to the frontend)" >&2; false; }

step "backend venv"
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$BE/requirements.txt"
done_step

export DATABASE_URL="sqlite+aiosqlite:///$WORK/app.db"
export CORS_ORIGINS="$FRONTEND_URL"
export RATE_LIMIT_PER_MINUTE=100000 AUTH_RATE_LIMIT_PER_MINUTE=100000
export ENVIRONMENT=development
SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
export SECRET_KEY

if [[ -f "$BE/alembic.ini" ]]; then
  step "alembic upgrade head (SQLite)"
  (cd "$BE" && "$VENV/bin/alembic" upgrade head)
  done_step
fi

# Background jobs (app/worker.py): a redis-server as Celery's broker and one worker, so that the
# browser test's CSV export runs as deployed (CELERY_BROKER_URL only: the read cache stays off).
if [[ -f "$BE/app/worker.py" ]]; then
  step "redis-server and a Celery worker for background jobs"
  REDIS_PORT="$(free_port)"
  (exec setsid redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --dir "$WORK") >"$WORK/redis.log" 2>&1 &
  PIDS+=("$!")
  export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
  (cd "$BE" && exec setsid "$VENV/bin/python" -m celery -A app.worker worker --concurrency 1 --loglevel INFO) >"$WORK/worker.log" 2>&1 &
  PIDS+=("$!")
  done_step
fi

step "start backend on $API_URL"
(cd "$BE" && exec setsid "$VENV/bin/python" -m uvicorn app.main:app --host 127.0.0.1 --port "$BE_PORT" --log-level warning) >"$WORK/backend.log" 2>&1 &
PIDS+=("$!")
wait_http "$API_URL/health" 60 "${PIDS[-1]}"
done_step

step "start next on $FRONTEND_URL"
(cd "$FE" && exec setsid npx --no-install next start -H 127.0.0.1 -p "$FE_PORT") >"$WORK/frontend.log" 2>&1 &
PIDS+=("$!")
wait_http "$FRONTEND_URL/login" 60 "${PIDS[-1]}"
done_step

step "e2e (headless chromium)"
(cd "$FE" && FRONTEND_URL="$FRONTEND_URL" CHROMIUM_PATH="$CHROMIUM_PATH" SCREENSHOT_DIR="${SCREENSHOT_DIR:-$FE/target}" node e2e/crud.spec.mjs)
done_step

echo "check-frontend: all steps passed for $PROJECT"
