#!/usr/bin/env bash
# Proves a generated backend runs: lint, types, security lint, its own tests, Alembic on a real
# PostgreSQL and schemathesis against the live server.
# Usage: ci/check-backend.sh <project-dir>     (the directory that holds backend/)
# Env: AUTONOMA_VENV (default /tmp/autonoma-venv), AUTONOMA_ST_EXAMPLES (schemathesis examples per
#      operation, default 25), AUTONOMA_KEEP_DB=1 keeps the test database, AUTONOMA_SORT_MUTANTS=0
#      skips the broken-sorting mutants (app/crud.py is the same in every app), AUTONOMA_PG_PORT and
#      AUTONOMA_PG_DATA as for ci/pg.sh.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="${1:?usage: $0 <project-dir>}"
BACKEND="$(cd "$PROJECT" 2>/dev/null && pwd)/backend"
VENV="${AUTONOMA_VENV:-/tmp/autonoma-venv}"
EXAMPLES="${AUTONOMA_ST_EXAMPLES:-25}"
PG_BIN="${AUTONOMA_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${AUTONOMA_PG_PORT:-55432}"  # the port ci/pg.sh starts PostgreSQL on
UVICORN_PID=""
DB_NAME=""
LOG_DIR="$(mktemp -d /tmp/autonoma-check.XXXXXX)"

say() { printf '\n== %s  (+%ss)\n' "$*" "$(($(date +%s) - START))"; }
fail() {
  printf '\nFAILED: %s (project %s; logs in %s)\n' "$1" "$PROJECT" "$LOG_DIR" >&2
  exit 1
}
cleanup() {
  if [ -n "$UVICORN_PID" ] && kill -0 "$UVICORN_PID" 2>/dev/null; then
    kill "$UVICORN_PID" 2>/dev/null
    wait "$UVICORN_PID" 2>/dev/null
  fi
  if [ -n "$DB_NAME" ] && [ "${AUTONOMA_KEEP_DB:-0}" != 1 ]; then
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" \
      >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

START=$(date +%s)
[ -f "$BACKEND/requirements.txt" ] || fail "no backend/requirements.txt under $PROJECT"

say "venv $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" || fail "creating the venv"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r "$BACKEND/requirements.txt" \
  -r "$BACKEND/requirements-dev.txt" >"$LOG_DIR/pip.log" 2>&1 \
  || { tail -20 "$LOG_DIR/pip.log"; fail "pip install"; }
export PATH="$VENV/bin:$PATH"
cd "$BACKEND" || fail "cd $BACKEND"
# Generated projects must not depend on caches or a developer .env.
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL SECRET_KEY ENVIRONMENT

run_step() {
  local name="$1"
  shift
  say "$name"
  if ! timeout 300 "$@" >"$LOG_DIR/$name.log" 2>&1; then
    tail -40 "$LOG_DIR/$name.log"
    fail "$name"
  fi
  tail -3 "$LOG_DIR/$name.log"
}

run_step ruff-check ruff check --no-cache .
run_step ruff-format ruff format --no-cache --check .
run_step mypy mypy --no-incremental app tests
run_step bandit bandit -ll -r app -q
say "pytest"
if ! timeout 300 pytest -q -rs -p no:cacheprovider >"$LOG_DIR/pytest.log" 2>&1; then
  tail -60 "$LOG_DIR/pytest.log"
  fail "pytest"
fi
grep -E '[0-9]+ (passed|failed)' "$LOG_DIR/pytest.log" | tail -1
# A skipped test is not a pass: the generated suite only has tests that have something to check.
if grep -qE '[0-9]+ (skipped|xfailed|deselected)' "$LOG_DIR/pytest.log"; then
  grep -E '^SKIPPED|[0-9]+ skipped' "$LOG_DIR/pytest.log" | head -10
  fail "pytest skipped tests"
fi

# The sort tests must check the order of the rows, not only status codes: each broken copy of the
# list query's ordering (app/crud.py, Listing) must fail them.
mutant() { # name, sed expression applied to app/crud.py
  local name="$1" dir="$LOG_DIR/mutant-$1" rc=0
  rm -rf "$dir" && cp -r "$BACKEND" "$dir"
  sed -i "$2" "$dir/app/crud.py"
  cmp -s "$BACKEND/app/crud.py" "$dir/app/crud.py" && fail "mutant $name: its pattern no longer matches app/crud.py"
  (cd "$dir" && timeout 300 pytest -q -p no:cacheprovider tests/test_crud.py -k sorts) >"$LOG_DIR/mutant-$name.log" 2>&1 || rc=$?
  # pytest exits 1 when tests failed (2 and above: errors, interrupted, nothing collected)
  if [ "$rc" -ne 1 ]; then
    tail -30 "$LOG_DIR/mutant-$name.log"
    fail "the sort tests did not fail (pytest exit $rc) with a broken list order: $name"
  fi
  echo "caught: $name ($(grep -cE '^FAILED' "$LOG_DIR/mutant-$name.log") failing)"
}
if [ "${AUTONOMA_SORT_MUTANTS:-1}" = 1 ]; then
say "sort tests catch broken sorting"
# (the id column keeps its real order: the old tests checked only "-id")
mutant sort-ignored 's/= (column\.asc(), tiebreak)/= (column.asc() if key == "id" else tiebreak, tiebreak)/; s/= (column\.desc(), tiebreak)/= (column.desc() if key == "id" else tiebreak, tiebreak)/'
mutant descending-ignored 's/= (column\.desc(), tiebreak)/= (column.desc() if key == "id" else column.asc(), tiebreak)/'
mutant ties-follow-direction 's/= (column\.desc(), tiebreak)/= (column.desc(), reader.id_column.desc())/'
fi

say "postgresql"
"$HERE/pg.sh" start >/dev/null 2>&1 || fail "starting PostgreSQL (ci/pg.sh start)"
DB_NAME="autonoma_check_$$_$(date +%s)"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "CREATE DATABASE \"$DB_NAME\"" \
  >"$LOG_DIR/createdb.log" 2>&1 || { cat "$LOG_DIR/createdb.log"; fail "creating database $DB_NAME"; }
BASE_URL="$("$HERE/pg.sh" url)"
export DATABASE_URL="${BASE_URL%/*}/$DB_NAME"
echo "database $DB_NAME"

# The race tests again, each on its own PostgreSQL database: SQLite serialises writers, so only here
# do row locks and atomic updates meet real concurrency.
say "pytest -m concurrency on PostgreSQL"
if grep -rqs "pytest.mark.concurrency" tests; then
  if ! TEST_DATABASE_URL="$BASE_URL" timeout 300 pytest -q -rs -p no:cacheprovider -m concurrency \
    >"$LOG_DIR/pytest-pg.log" 2>&1; then
    tail -60 "$LOG_DIR/pytest-pg.log"
    fail "pytest -m concurrency on PostgreSQL"
  fi
  grep -E '[0-9]+ (passed|failed)' "$LOG_DIR/pytest-pg.log" | tail -1
  if grep -qE '[0-9]+ (skipped|xfailed)' "$LOG_DIR/pytest-pg.log"; then fail "race tests skipped on PostgreSQL"; fi
else
  echo "no race tests in this app (no capability that needs them)"
fi

run_step alembic-upgrade alembic upgrade head
run_step alembic-check alembic check
run_step alembic-roundtrip bash -c "alembic downgrade base && alembic upgrade head"

say "uvicorn"
PORT="$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
SECRET_KEY="check-$(python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
  ENVIRONMENT=development RATE_LIMIT_PER_MINUTE=1000000 AUTH_RATE_LIMIT_PER_MINUTE=1000000 \
  uvicorn app.main:app --host 127.0.0.1 --port "$PORT" --log-level warning \
  >"$LOG_DIR/uvicorn.log" 2>&1 &
UVICORN_PID=$!
API="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do
  if python -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$API/health" \
    >/dev/null 2>&1; then
    break
  fi
  kill -0 "$UVICORN_PID" 2>/dev/null || { cat "$LOG_DIR/uvicorn.log"; fail "uvicorn exited at start"; }
  sleep 0.5
done
TOKEN="$(python - "$API" <<'PY'
import json
import sys
import urllib.request

api = sys.argv[1]


def post(path: str, body: dict[str, str]) -> dict[str, object]:
    request = urllib.request.Request(
        api + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read() or b"{}")


credentials = {"email": "schemathesis@example.com", "password": "schemathesis-password"}
post("/api/v1/auth/register", credentials)
print(post("/api/v1/auth/login", credentials)["access_token"])
PY
)" || { cat "$LOG_DIR/uvicorn.log"; fail "register/login against the live server"; }
echo "server $API up, logged in"

# The pool replaces connections the server closed (restart, failover, pg_terminate_backend) without
# a ping per checkout (app/db.py): kill every connection of the app, then requests must still work.
say "database connections killed under the running app"
get_me() { # count: GET /api/v1/auth/me that many times, each must answer 200
  python - "$API" "$TOKEN" "$1" <<'PY' || { tail -30 "$LOG_DIR/uvicorn.log"; fail "requests after the database closed the app's connections"; }
import sys
import urllib.error
import urllib.request

api, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for attempt in range(count):
    request = urllib.request.Request(api + "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.status == 200
    except urllib.error.HTTPError as exc:
        sys.exit(f"request {attempt + 1}: HTTP {exc.code}")
PY
}
get_me 1
KILLED=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c \
  "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DB_NAME' AND pid <> pg_backend_pid()")
[ "$KILLED" -ge 1 ] || fail "expected the app to hold a database connection, found $KILLED"
sleep 0.5
get_me 5
echo "killed $KILLED connection(s); the next 5 requests succeeded"

# A fixed seed keeps CI reproducible (hypothesis' usual CI practice); set SCHEMATHESIS_SEED to explore.
SEED=${SCHEMATHESIS_SEED:-20261125}
say "schemathesis ($EXAMPLES examples per operation, seed $SEED)"
if ! (cd "$LOG_DIR" && timeout 240 schemathesis run "$API/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --header "Authorization: Bearer $TOKEN" \
  --max-examples "$EXAMPLES" --seed "$SEED" --workers 1 --phases examples,coverage,fuzzing,stateful \
  --suppress-health-check all --no-color) >"$LOG_DIR/schemathesis.log" 2>&1; then
  tail -80 "$LOG_DIR/schemathesis.log"
  echo "--- server log" && tail -30 "$LOG_DIR/uvicorn.log"
  fail "schemathesis"
fi
grep -E '(passed|failed|Test cases|operations)' "$LOG_DIR/schemathesis.log" | tail -5
if grep -q "Traceback" "$LOG_DIR/uvicorn.log"; then
  tail -40 "$LOG_DIR/uvicorn.log"
  fail "server logged a traceback during schemathesis"
fi

echo
echo "OK: $PROJECT passed ruff, ruff format, mypy, bandit, pytest, alembic on PostgreSQL and schemathesis in $(($(date +%s) - START))s"
