#!/usr/bin/env bash
# CLI cold start: wall time of `autonoma generate` for the largest shared prompt, a fresh JVM
# each time (JVM start, class loading, template compilation, generation, export to disk).
# Usage: bench/cli-cold.sh [runs]   (builds the CLI first if needed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${1:-5}
JAR="$ROOT/samples/cli/target/autonoma-cli.jar"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -DskipTests -pl samples/cli -am package)
PROMPT="Inventory management for a small shop: products with a SKU, a name, a price and a stock quantity; suppliers with a name, an email and a phone number; purchase orders that belong to a supplier and have an order date and a status (draft, sent, received)."
times=()
for i in $(seq 1 "$RUNS"); do
  out=$(mktemp -d)
  t0=$(date +%s%N)
  java -jar "$JAR" generate "$PROMPT" -o "$out/app" -q >/dev/null
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000000 )))
  rm -rf "$out"
done
printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$RUNS" '{a[NR]=$1; s+=$1} END {printf "cli-cold: runs=%d min=%d ms median=%d ms mean=%d ms max=%d ms\n", runs, a[1], a[int((NR+1)/2)], s/NR, a[NR]}'
