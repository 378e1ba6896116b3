#!/usr/bin/env bash
# The whole test suite: installs what it needs, runs the Java tests (Surefire), then generates
# apps with the CLI and proves they run with their own tools (see ci/test-generated.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
start=$(date +%s)

bash ci/setup-machine.sh
echo "== ci/setup-machine.sh on a machine without Go (ci/test-setup-machine.sh) =="
bash ci/test-setup-machine.sh

echo "== PostgreSQL + pgvector for autonoma-store's integration tests (ci/pgvector.sh) =="
AUTONOMA_PG_URL="$(bash ci/pgvector.sh start)"
export AUTONOMA_PG_URL
trap 'bash ci/pgvector.sh stop >/dev/null 2>&1 || true' EXIT

echo "== Java: mvn verify (all modules; autonoma-store's *IT run against \$AUTONOMA_PG_URL) =="
mvn -B -ntp verify

echo "== Offline analyst on natural prompts (NaturalPromptsTest) =="
cat autonoma-agents/target/natural-prompts-report.txt

echo "== Lexicon resources are exactly what their sources give (tools/lexicon/build.sh --check) =="
bash tools/lexicon/build.sh --check

echo "== Web sample in a browser (samples/web, built by verify) =="
SKIP_BUILD=1 bash ci/check-web.sh

echo "== MCP server: the Python SDK's client over stdio and Streamable HTTP, the Inspector (ci/check-mcp.sh) =="
bash ci/check-mcp.sh

echo "== Service: three instances on one PostgreSQL, kill -9 mid-run, events across instances (ci/check-service.sh) =="
SKIP_BUILD=1 bash ci/check-service.sh

echo "== Generated apps =="
bash ci/test-generated.sh

echo "test-all: finished in $(( $(date +%s) - start )) s"
