#!/usr/bin/env bash
# The whole test suite: installs what it needs, runs the Java tests (Surefire), then generates
# apps with the CLI and proves they run with their own tools (see ci/test-generated.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
start=$(date +%s)

bash ci/setup-machine.sh

echo "== Java: mvn verify (all modules) =="
mvn -B -ntp verify

echo "== Web sample in a browser (samples/web, built by verify) =="
SKIP_BUILD=1 bash ci/check-web.sh

echo "== Generated apps =="
bash ci/test-generated.sh

echo "test-all: finished in $(( $(date +%s) - start )) s"
