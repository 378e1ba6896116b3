#!/usr/bin/env bash
# Generation as a service over three instances of samples/service on one PostgreSQL (ci/service_cluster.py):
# throughput with one and three instances, kill -9 of an instance mid-run, events across instances, isolation.
# Uses its own PostgreSQL (ci/pgvector.sh on port 55444, fresh data) and an LLM stub on loopback.
# Prints "service-cluster: N passed, M failed". Env: SKIP_BUILD=1 reuses samples/service/target/autonoma-service.jar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="$ROOT/samples/service/target/autonoma-service.jar"
OUT="$ROOT/samples/service/target/cluster"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  mvn -B -q -ntp -pl samples/service -am package -DskipTests
fi
export AUTONOMA_PG_PORT="${SERVICE_PG_PORT:-55444}"
export AUTONOMA_PG_DATA="${SERVICE_PG_DATA:-/tmp/autonoma-service-pg}"
bash ci/pgvector.sh reset >/dev/null 2>&1 || true
URL="$(bash ci/pgvector.sh start)"
trap 'bash ci/pgvector.sh stop >/dev/null 2>&1 || true' EXIT
mkdir -p "$OUT"
python3 ci/service_cluster.py "$JAR" "$OUT" "$URL"
