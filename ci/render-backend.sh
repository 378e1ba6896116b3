#!/usr/bin/env bash
# Renders a spec's backend (and tests) into a directory with the agents module's RenderPacks
# (the backend-fastapi and backend-fastapi-tests template packs).
# Usage: ci/render-backend.sh <spec.json> <out-dir>   (builds autonoma-agents offline first if needed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPEC="$(realpath "$1")"
OUT="$(realpath -m "$2")"
cd "$ROOT"
if [ "${AUTONOMA_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -o -q -pl autonoma-agents -am install -DskipTests >/dev/null
fi
CP_FILE="$ROOT/autonoma-agents/target/render-classpath.txt"
if [ ! -s "$CP_FILE" ] || [ "$ROOT/autonoma-agents/pom.xml" -nt "$CP_FILE" ]; then
  mvn -B -o -q -pl autonoma-agents dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
rm -rf "$OUT/backend"
java -cp "$ROOT/autonoma-agents/target/classes:$(cat "$CP_FILE")" io.autonoma.agents.pack.RenderPacks "$SPEC" "$OUT" \
  backend-fastapi backend-fastapi-tests
