#!/usr/bin/env bash
# Runs a generated backend's S3 file-storage tests (backend/s3_tests, the `s3` marker; not in the
# default pytest run) against a real S3-compatible server: moto's server mode, started here on a
# free 127.0.0.1 port and stopped after. The tests must run and pass: a skip, a deselection or no
# test at all fails the check.
# Usage: ci/check-files.sh <project-dir>     (the directory that holds backend/)
# Env: AUTONOMA_VENV (default /tmp/autonoma-venv); moto[server] is installed into it.
set -uo pipefail

PROJECT="${1:?usage: $0 <project-dir>}"
BACKEND="$(cd "$PROJECT" 2>/dev/null && pwd)/backend"
VENV="${AUTONOMA_VENV:-/tmp/autonoma-venv}"
MOTO_VERSION="5.2.6"
WORK="$(mktemp -d /tmp/autonoma-files.XXXXXX)"
MOTO_PID=""

fail() {
  printf '\nFAILED: %s (project %s; logs in %s)\n' "$1" "$PROJECT" "$WORK" >&2
  exit 1
}
cleanup() {
  if [ -n "$MOTO_PID" ] && kill -0 "$MOTO_PID" 2>/dev/null; then
    kill "$MOTO_PID" 2>/dev/null
    wait "$MOTO_PID" 2>/dev/null
  fi
}
trap cleanup EXIT

[ -d "$BACKEND/s3_tests" ] || fail "no backend/s3_tests under $PROJECT (an app without file uploads?)"
. "$(dirname "${BASH_SOURCE[0]}")/backend-env.sh"
backend_venv "moto[server]==$MOTO_VERSION"

PORT="$(free_port)"
"$VENV/bin/moto_server" -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
export S3_ENDPOINT_URL="http://127.0.0.1:$PORT" S3_BUCKET="uploads" S3_REGION="us-east-1"
export S3_ACCESS_KEY_ID="check-files" S3_SECRET_ACCESS_KEY="check-files-secret"
make_bucket() {
  "$PY" - <<'PY' 2>>"$WORK/bucket.log"
import os

import boto3

client = boto3.client(
    "s3",
    endpoint_url=os.environ["S3_ENDPOINT_URL"],
    region_name=os.environ["S3_REGION"],
    aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"],
)
client.create_bucket(Bucket=os.environ["S3_BUCKET"])
PY
}
MADE=0
for _ in $(seq 1 100); do
  if make_bucket; then
    MADE=1
    break
  fi
  kill -0 "$MOTO_PID" 2>/dev/null || { cat "$WORK/moto.log"; fail "moto_server exited at start"; }
  sleep 0.2
done
[ "$MADE" = 1 ] || { tail -5 "$WORK/bucket.log"; fail "could not create the bucket on $S3_ENDPOINT_URL"; }
echo "moto $MOTO_VERSION S3 server on $S3_ENDPOINT_URL (pid $MOTO_PID), bucket $S3_BUCKET"

cd "$BACKEND" || fail "cd $BACKEND"
export PYTHONDONTWRITEBYTECODE=1
unset DATABASE_URL SECRET_KEY ENVIRONMENT
"$VENV/bin/mypy" --no-incremental s3_tests >"$WORK/mypy.log" 2>&1 || { cat "$WORK/mypy.log"; fail "mypy s3_tests"; }
if ! timeout 300 "$VENV/bin/pytest" -q -rs -p no:cacheprovider -m s3 s3_tests >"$WORK/pytest.log" 2>&1; then
  tail -60 "$WORK/pytest.log"
  fail "pytest -m s3 s3_tests against $S3_ENDPOINT_URL"
fi
SUMMARY="$(grep -E '[0-9]+ (passed|failed)' "$WORK/pytest.log" | tail -1)"
echo "$SUMMARY"
if grep -qE '[0-9]+ (skipped|xfailed|deselected)' "$WORK/pytest.log"; then
  fail "the S3 tests skipped or deselected some: $SUMMARY"
fi
echo "$SUMMARY" | grep -qE '^[0-9]+ passed' || fail "no S3 test ran: $SUMMARY"
# The files went to the server, not elsewhere: moto saw the uploads.
grep -q 'PUT /uploads/' "$WORK/moto.log" || fail "moto_server logged no upload into the bucket"
echo "OK: $PROJECT's S3 file storage passed against moto's S3 server"
