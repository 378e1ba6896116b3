#!/usr/bin/env bash
# Proves a generated backend's background jobs with the real servers: a redis-server, an aiosmtpd
# SMTP sink (messages to a Maildir), the app under uvicorn on a SQLite file, a Celery worker and a
# Celery beat, all on 127.0.0.1 free ports, stopped on exit. The driver (Python, through the API):
#  - reminders: a row due inside the window -> its e-mail reaches the sink, and only once;
#  - export: a job's progress reaches done and its CSV downloads;
#  - import: a slow import (JOB_ROW_DELAY_SECONDS) whose worker is killed with SIGKILL mid-run,
#    then started again -> the job is redelivered and completes once: every line makes one row.
# Usage: ci/check-jobs.sh <project-dir>     (the directory that holds backend/)
# Env: AUTONOMA_VENV (default /tmp/autonoma-venv), AUTONOMA_REDIS_SERVER (default: redis-server on PATH).
set -uo pipefail

PROJECT="${1:?usage: $0 <project-dir>}"
HERE="$(cd "$(dirname "$0")" && pwd)"
BACKEND="$(cd "$PROJECT" 2>/dev/null && pwd)/backend"
VENV="${AUTONOMA_VENV:-/tmp/autonoma-venv}"
REDIS_SERVER="${AUTONOMA_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}"
WORK="$(mktemp -d /tmp/autonoma-jobs.XXXXXX)"
PIDS=()

fail() {
  printf '\nFAILED: %s (project %s; logs in %s)\n' "$1" "$PROJECT" "$WORK" >&2
  exit 1
}
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null
  done
}
trap cleanup EXIT

[ -f "$BACKEND/app/worker.py" ] || fail "no backend/app/worker.py under $PROJECT (no background_job)"
. "$(dirname "${BASH_SOURCE[0]}")/backend-env.sh"
backend_venv

start_redis
PIDS+=("$REDIS_PID")
SMTP_PORT="$(free_port)"
"$PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/mail" \
  >"$WORK/smtp.log" 2>&1 &
PIDS+=($!)

cd "$BACKEND" || fail "cd $BACKEND"
export PYTHONDONTWRITEBYTECODE=1
export ENVIRONMENT=development DATABASE_URL="sqlite+aiosqlite:///$WORK/app.db"
export SECRET_KEY="check-jobs-secret-key-that-is-long-enough-0123456789"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" CACHE_NAMESPACE="check-jobs"
export SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP_PORT" SMTP_FROM="reminders@example.com"
export REMINDER_INTERVAL_SECONDS=2 JOB_VISIBILITY_TIMEOUT_SECONDS=8 JOB_ROW_DELAY_SECONDS=0.03
export RATE_LIMIT_PER_MINUTE=100000 AUTH_RATE_LIMIT_PER_MINUTE=100000
"$PY" -m alembic upgrade head >"$WORK/alembic.log" 2>&1 || { cat "$WORK/alembic.log"; fail "alembic upgrade head"; }
API_PORT="$(free_port)"
"$PY" -m uvicorn app.main:app --host 127.0.0.1 --port "$API_PORT" >"$WORK/api.log" 2>&1 &
PIDS+=($!)
if grep -q send_reminders app/worker.py; then
  "$PY" -m celery -A app.worker beat --schedule "$WORK/beat-schedule" --loglevel INFO >"$WORK/beat.log" 2>&1 &
  PIDS+=($!)
fi

export CHECK_API="http://127.0.0.1:$API_PORT" CHECK_MAIL="$WORK/mail" CHECK_WORK="$WORK"
if ! timeout 300 "$PY" "$HERE/check_jobs.py" 2>&1 | tee "$WORK/driver.log"; then
  tail -30 "$WORK/worker.log" 2>/dev/null
  fail "background jobs"
fi
grep -q '^jobs: all passed' "$WORK/driver.log" || fail "background jobs (driver did not finish)"
