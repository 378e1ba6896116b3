#!/usr/bin/env bash
# CLI cold start, this tree against a baseline commit, in one run: jar sizes, then the wall time from
# start to files written and the peak memory (max RSS, GNU time) of `autonoma generate` for the
# largest shared prompt that names its entities, a fresh JVM each time, the variants interleaved so
# that both see the same machine load. Prints each variant's figures and the ratios new / baseline.
#
#   bash bench/cli-cold.sh [runs]            (default 9 runs per variant)
#   BASE_REF=<commit> bash bench/cli-cold.sh  (default: main)
#   PROMPT="..." bash bench/cli-cold.sh       (default: the inventory prompt)
#   ALLOW_DIFF=1 ...                          (report, not fail, when the outputs differ: another analyst)
#
# Variants:
#   baseline  the baseline's own ./autonoma launcher (java -jar, JVM defaults)
#   new       this tree's ./autonoma launcher (CDS archive, C1 only, serial GC; see the launcher)
#   new-plain this tree's jar with `java -jar` and JVM defaults (what the split alone does)
# The baseline is built in a git worktree under /tmp (kept for the next run); neither build is timed.
# The outputs of baseline and new are compared byte for byte at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${1:-9}
BASE_REF=${BASE_REF:-main}
BASE_SHA=$(git -C "$ROOT" rev-parse --short "$BASE_REF")
BASE_DIR=${BASE_DIR:-/tmp/autonoma-bench-base-$BASE_SHA}
PROMPT=${PROMPT:-"Inventory management for a small shop: products with a SKU, a name, a price and a stock quantity; suppliers with a name, an email and a phone number; purchase orders that belong to a supplier and have an order date and a status (draft, sent, received)."}
command -v /usr/bin/time >/dev/null || { echo "cli-cold: needs GNU time (apt-get install time)" >&2; exit 1; }

# --- builds (not timed): the baseline in its own worktree, this tree through its launcher
if [ ! -d "$BASE_DIR" ]; then
  git -C "$ROOT" worktree add --detach "$BASE_DIR" "$BASE_REF" >&2
fi
[ -f "$BASE_DIR/samples/cli/target/autonoma-cli.jar" ] || (cd "$BASE_DIR" && mvn -B -q -DskipTests -pl samples/cli -am package) >&2
"$BASE_DIR/autonoma" --version >/dev/null
"$ROOT/autonoma" --version >/dev/null   # builds if needed and records the CDS archive
BASE_JAR="$BASE_DIR/samples/cli/target/autonoma-cli.jar"
NEW_JAR="$ROOT/samples/cli/target/autonoma-cli.jar"

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
echo "jar sizes: baseline ($BASE_REF = $BASE_SHA) $(mb "$BASE_JAR") MiB, new $(mb "$NEW_JAR") MiB"

declare -A CMD=(
  [baseline]="$BASE_DIR/autonoma"
  [new]="$ROOT/autonoma"
  [new-plain]="java -jar $NEW_JAR"
)
VARIANTS=(baseline new new-plain)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for v in "${VARIANTS[@]}"; do : >"$WORK/$v.txt"; done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs per variant, interleaved"
for i in $(seq 1 "$RUNS"); do
  for v in "${VARIANTS[@]}"; do
    out="$WORK/out-$v"
    rm -rf "$out"
    # shellcheck disable=SC2086
    /usr/bin/time -o "$WORK/time" -f "%e %M" ${CMD[$v]} generate "$PROMPT" -o "$out" -q >/dev/null 2>"$WORK/err" \
      || { echo "cli-cold: $v failed:" >&2; cat "$WORK/err" >&2; exit 1; }
    tail -1 "$WORK/time" >>"$WORK/$v.txt"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# median and min of wall seconds, median and max of max RSS in MiB
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%s", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stats() {
  local f="$WORK/$1.txt"
  printf "%.2f %.2f %.0f %.0f" "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f1 "$f" | sort -n | head -1)" \
    "$(cut -d' ' -f2 "$f" | median | awk '{ print $1 / 1024 }')" "$(cut -d' ' -f2 "$f" | sort -n | tail -1 | awk '{ print $1 / 1024 }')"
}
printf "%-10s %10s %10s %12s %12s\n" variant "median s" "min s" "median MiB" "max MiB"
declare -A S
for v in "${VARIANTS[@]}"; do
  S[$v]="$(stats "$v")"
  read -r mt mn mr xr <<<"${S[$v]}"
  printf "%-10s %10s %10s %12s %12s\n" "$v" "$mt" "$mn" "$mr" "$xr"
done
read -r bt bmin br _ <<<"${S[baseline]}"
read -r nt nmin nr _ <<<"${S[new]}"
awk -v bs="$(stat -c %s "$BASE_JAR")" -v ns="$(stat -c %s "$NEW_JAR")" -v bt="$bt" -v nt="$nt" -v bmin="$bmin" -v nmin="$nmin" -v br="$br" -v nr="$nr" 'BEGIN {
  printf "ratios new/baseline: jar size %.3f, median wall time %.2f, min wall time %.2f, median max RSS %.2f\n", ns / bs, nt / bt, nmin / bmin, nr / br }'

# same files, byte for byte
if diff -r "$WORK/out-baseline" "$WORK/out-new" >/dev/null; then
  echo "output: baseline and new wrote identical trees ($(find "$WORK/out-new" -type f | wc -l) files)"
else
  echo "output: baseline and new DIFFER:"; { diff -rq "$WORK/out-baseline" "$WORK/out-new" || true; } | head -20 || true
  [ "${ALLOW_DIFF:-0}" = 1 ] || exit 1   # ALLOW_DIFF=1 when the baseline is meant to read the prompt differently
fi
