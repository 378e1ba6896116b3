#!/usr/bin/env bash
# The verify stage through the real CLI (issue 19): `autonoma generate --verify` runs each app's own checks (ruff,
# ruff format, mypy, pytest, tsc, ESLint) with dependencies cached per lockfile hash, and reports them; a broken app
# is reported as failed with the failing test and exit code 5; without python3 or node the checks are "not verified"
# (exit 6), never passed. Prints the cold (empty cache) and warm figures.
# usage: ci/check-verify.sh <work-dir>
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/samples/cli/target/autonoma-cli.jar"
WORK="${1:?usage: $0 <work-dir>}"
CACHE="$WORK/home/.cache/autonoma/verify"
fail() { printf '\nFAILED: %s\n' "$1" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK/home"
cli() { java -Duser.home="$WORK/home" -jar "$JAR" "$@"; }

verify_generate() { # name prompt -> prints the table, checks exit 0 and every check passed
  local t0=$SECONDS
  cli generate -q --verify -o "$WORK/$1" "$2" >"$WORK/$1.out" 2>"$WORK/$1.err"
  local rc=$?
  cat "$WORK/$1.out"
  [ "$rc" -eq 0 ] || { cat "$WORK/$1.err"; fail "generate --verify $1 exited $rc"; }
  grep -q "All 6 checks passed." "$WORK/$1.out" || fail "generate --verify $1 did not report 6 passed checks"
  echo "generate --verify $1: $((SECONDS - t0)) s"
}
echo "== cold: empty dependency cache"
verify_generate todo "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high)."
echo "== warm: a 3-entity app with the same dependencies"
verify_generate library "A library with books (title, author, ISBN), members (name, email) and loans (due date) of a book to a member."
[ "$(find "$CACHE" -maxdepth 1 -name 'python-*' | wc -l)" -eq 1 ] || fail "the second app installed its Python dependencies again"

echo "== a broken app: one generated test fails"
cp -r "$WORK/todo" "$WORK/broken"
sed -i '0,/assert response.status_code == 201/s//assert response.status_code == 299/' "$WORK/broken/backend/tests/test_crud.py"
cmp -s "$WORK/todo/backend/tests/test_crud.py" "$WORK/broken/backend/tests/test_crud.py" && fail "the fixture's edit did not apply"
cli verify "$WORK/broken" >"$WORK/broken.out" 2>"$WORK/broken.err"
rc=$?
cat "$WORK/broken.out"; head -20 "$WORK/broken.err"
[ "$rc" -eq 5 ] || fail "verify of the broken app exited $rc, not 5"
grep -q "verification failed: pytest (1 failed" "$WORK/broken.err" || fail "the failure does not name pytest with its counts"
grep -q "FAILED tests/test_crud.py::test_create_and_read" "$WORK/broken.err" || fail "the excerpt does not name the failing test"
grep -qE "^  ruff +passed" "$WORK/broken.out" || fail "the other checks were not reported as passed"
grep -q "sandbox: NETWORK_NAMESPACE" "$WORK/broken.out" || fail "the checks did not run in a network namespace (see the sandbox line)"

echo "== a hostile generated test: it can reach no address but loopback and read no secret of the parent"
# runs only after the namespace was required above: without one, the connect below would leave the machine
cp -r "$WORK/todo" "$WORK/hostile"
cat > "$WORK/hostile/backend/tests/test_hostile.py" <<'PY'
import os
import socket


def test_cannot_reach_a_non_loopback_address() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(3)
    try:
        s.connect(("192.0.2.1", 80))  # TEST-NET-1
    except OSError:
        return
    finally:
        s.close()
    raise AssertionError("the test reached 192.0.2.1")


def test_cannot_read_the_parents_secret() -> None:
    assert "AUTONOMA_API_KEY" not in os.environ
    assert "sk-parent-secret" not in str(dict(os.environ))
PY
AUTONOMA_API_KEY=sk-parent-secret cli verify "$WORK/hostile" --checks pytest >"$WORK/hostile.out" 2>"$WORK/hostile.err"
rc=$?
cat "$WORK/hostile.out"; head -30 "$WORK/hostile.err"
[ "$rc" -eq 0 ] || fail "the hostile test reached the network or read the secret (verify exited $rc)"
grep -qE "^  pytest +passed" "$WORK/hostile.out" || fail "pytest did not pass with the hostile test"
grep -q "ruff" "$WORK/hostile.out" && fail "--checks pytest ran other checks"

echo "== no toolchain: checks are not verified, never passed"
JAVA_BIN="$(dirname "$(readlink -f "$(command -v java)")")"
env -i PATH="$JAVA_BIN" "$JAVA_BIN/java" -Duser.home="$WORK/home" -jar "$JAR" verify "$WORK/todo" >"$WORK/bare.out" 2>"$WORK/bare.err"
rc=$?
cat "$WORK/bare.out" "$WORK/bare.err"
[ "$rc" -eq 6 ] || fail "verify without python3 and node exited $rc, not 6"
grep -q "not verified: pytest: python3 is not on the PATH" "$WORK/bare.err" || fail "missing python3 not reported"
grep -q "passed" "$WORK/bare.out" && fail "a check passed without its toolchain"
echo "OK: verify stage — cold and warm runs passed every check, a broken test is caught (exit 5), a hostile test reached neither the network nor the secret, a missing toolchain is not verified (exit 6)"
