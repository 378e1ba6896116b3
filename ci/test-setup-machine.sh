#!/usr/bin/env bash
# Proves that ci/setup-machine.sh gives a machine without Go what ci/check-deploy.sh needs: it runs
# setup-machine.sh with no go on PATH (installing into a temporary prefix, so the machine's own Go
# is left alone), then checks the version and builds ci/composecheck with the Go it installed.
# Usage: bash ci/test-setup-machine.sh     (root on Debian 12, like setup-machine.sh itself)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d /tmp/autonoma-setup-test.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

fail() { echo "test-setup-machine: FAILED: $*" >&2; exit 1; }

# The system directories only: no /usr/local/go/bin, ~/go/bin or /usr/local/bin, where a Go may be.
BARE_PATH=/usr/sbin:/usr/bin:/sbin:/bin
if env PATH="$BARE_PATH" bash -c 'command -v go' >/dev/null; then
  GO_BEFORE=$(env PATH="$BARE_PATH" go version | awk '{print $3}')
else
  GO_BEFORE=none
fi
echo "test-setup-machine: go on a bare PATH before: $GO_BEFORE"

env PATH="$BARE_PATH" AUTONOMA_GO_PREFIX="$WORK/go" AUTONOMA_GO_BIN="$WORK/bin" bash "$HERE/setup-machine.sh" \
  || fail "ci/setup-machine.sh exited non-zero"

GO="$WORK/bin/go"
[ -x "$GO" ] || fail "ci/setup-machine.sh installed no go (expected $GO)"
REQUIRED=$(bash "$HERE/go.sh" required)
HAVE=$("$GO" version | awk '{print $3}' | sed 's/^go//')
[ "$(printf '%s\n%s\n' "$REQUIRED" "$HAVE" | sort -V | head -1)" = "$REQUIRED" ] \
  || fail "installed Go $HAVE, check-deploy needs >= $REQUIRED"

# What check-deploy builds with it (go.mod says go 1.24; kubeconform's says 1.26).
(cd "$HERE/composecheck" && env PATH="$WORK/bin:$BARE_PATH" GOFLAGS=-mod=mod GOTOOLCHAIN=local \
  go build -o "$WORK/composecheck" .) || fail "the installed Go cannot build ci/composecheck"
[ -x "$WORK/composecheck" ] || fail "no composecheck binary"
echo "test-setup-machine: OK: setup-machine.sh installed Go $HAVE (>= $REQUIRED) and it builds ci/composecheck"
