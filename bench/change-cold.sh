#!/usr/bin/env bash
# A change on a 5-entity app, cold: the wall time of `autonoma change` in a fresh JVM, from the command to the
# files and the new Alembic revision written (no verification of the app). The base app is generated once (not
# timed) from bench/change/clinic.app-spec.json (Patient, Doctor, Appointment, Prescription, Invoice); the change
# adds a field (Patient.allergies) and an entity (Room, with appointments taking place in a room) as a changed
# spec (`--spec`: the same path a text request takes once it is read into a delta). Each run changes a fresh copy
# of the base app. Prints seconds per run, median/min/max and the figure against the 5 s goal of issue 18.
#
#   bash bench/change-cold.sh [runs] [change in words]     (default 5 runs, the --spec change)
#   bash bench/change-cold.sh 5 "give patients an allergies note and add rooms with a label; appointments take place in a room"
#   JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" bash bench/change-cold.sh   (the launcher's JVM options)
#
# Exits non-zero only when a command fails or its output is missing (no migration, no new entity's files),
# never on time: the machine is shared and noisy. Needs java, python3 (to derive the changed spec) and GNU time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=${1:-5}
TEXT=${2:-}
GOAL=5
JAR="$ROOT/samples/cli/target/autonoma-cli.jar"
SPEC="$ROOT/bench/change/clinic.app-spec.json"
read -r -a OPTS <<<"${JAVA_OPTS:-}"
command -v /usr/bin/time >/dev/null || { echo "change-cold: needs GNU time (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "change-cold: needs python3 to derive the changed spec" >&2; exit 1; }

# --- build (not timed) when the jar is missing
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -o -q -DskipTests -pl samples/cli -am package) >&2
cli() { java "${OPTS[@]}" -jar "$JAR" "$@"; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- the base app and the changed spec (not timed)
cli generate --spec "$SPEC" -o "$WORK/base" -q >/dev/null 2>"$WORK/err" \
  || { echo "change-cold: generating the base app failed:" >&2; cat "$WORK/err" >&2; exit 1; }
python3 - "$WORK/base/app-spec.json" "$WORK/changed.json" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
for e in spec["entities"]:
    if e["name"] == "Patient":
        e["fields"].append({"name": "allergies", "type": "text", "required": False, "unique": False})
spec["entities"].append({"name": "Room", "fields": [
    {"name": "label", "type": "string", "required": True, "unique": True, "maxLength": 50},
    {"name": "floor", "type": "integer", "required": False, "unique": False}]})
spec["relations"].append({"from": "Appointment", "to": "Room", "kind": "many_to_one", "name": "room", "required": False})
json.dump(spec, open(sys.argv[2], "w"), indent=2)
PY
entities=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entities"]))' "$WORK/base/app-spec.json")
migrations_before=$(find "$WORK/base/backend/alembic/versions" -name '*.py' | wc -l)
echo "base app: $entities entities, $(find "$WORK/base" -type f | wc -l) files; change: add field Patient.allergies, add entity Room (+ relation)"
if [ -n "$TEXT" ]; then
  CHANGE=("$TEXT")
  echo "command: java ${OPTS[*]} -jar samples/cli/target/autonoma-cli.jar change APP \"$TEXT\" -q (read by the offline change reader)"
else
  CHANGE=(--spec "$WORK/changed.json")
  echo "command: java ${OPTS[*]} -jar samples/cli/target/autonoma-cli.jar change APP --spec changed.json -q"
fi

# --- timed runs, each on a fresh copy
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs"
: >"$WORK/times"
for i in $(seq 1 "$RUNS"); do
  app="$WORK/app-$i"
  cp -r "$WORK/base" "$app"
  /usr/bin/time -o "$WORK/time" -f "%e %M" java "${OPTS[@]}" -jar "$JAR" change "$app" "${CHANGE[@]}" -q \
      >"$WORK/out" 2>"$WORK/err" \
    || { echo "change-cold: run $i failed:" >&2; cat "$WORK/out" "$WORK/err" >&2; exit 1; }
  migrations=$(find "$app/backend/alembic/versions" -name '*.py' | wc -l)
  [ "$migrations" -eq $((migrations_before + 1)) ] || { echo "change-cold: run $i wrote $migrations migrations, expected $((migrations_before + 1))" >&2; exit 1; }
  if [ -z "$TEXT" ]; then
    [ -f "$app/backend/app/models/room.py" ] || { echo "change-cold: run $i wrote no backend/app/models/room.py" >&2; exit 1; }
    grep -q allergies "$app/app-spec.json" || { echo "change-cold: run $i did not update app-spec.json" >&2; exit 1; }
  fi
  read -r secs rss < <(tail -1 "$WORK/time")
  printf "run %d: %.2f s, max RSS %d MiB\n" "$i" "$secs" "$((rss / 1024))"
  echo "$secs" >>"$WORK/times"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "summary of the last run: $(grep -E '^(Files|Migration):' "$WORK/out" | tr '\n' ' ')"

# --- the figure
sort -n "$WORK/times" | awk -v goal="$GOAL" '{ v[NR] = $1 } END {
  med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "change, cold, %d runs: median %.2f s, min %.2f s, max %.2f s; goal %d s: %s\n", NR, med, v[1], v[NR], goal,
    (med <= goal) ? "met (median)" : "NOT met (median), a noisy machine or a slower build"
}'
# the same change on copies of the same app gives the same files (informational)
if [ "$RUNS" -ge 2 ] && diff -r "$WORK/app-1" "$WORK/app-2" >/dev/null; then
  echo "determinism: runs 1 and 2 wrote identical trees"
elif [ "$RUNS" -ge 2 ]; then
  echo "determinism: runs 1 and 2 DIFFER:"; { diff -rq "$WORK/app-1" "$WORK/app-2" || true; } | head -10
fi
