#!/usr/bin/env bash
# Byte-for-byte: this tree's CLI writes the same app as a baseline commit's CLI for every prompt in
# prompts/prompts.jsonl (app-spec.json included), and for every spec given with --spec FILE (generate
# --spec FILE). Builds the baseline in a git worktree under /tmp like bench/cli-cold.sh (BASE_REF,
# default main; BASE_DIR). Exit 1 on the first difference.
#   bash bench/same-output.sh [--spec docs/examples/inventory.app-spec.json ...]
set -euo pipefail
SPEC_FILES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --spec) [ $# -ge 2 ] || { echo "same-output: --spec needs a file" >&2; exit 2; }
            [ -f "$2" ] || { echo "same-output: spec file $2 does not exist" >&2; exit 2; }
            SPEC_FILES+=("$(realpath "$2")"); shift 2 ;;
    *) echo "usage: bench/same-output.sh [--spec FILE]..." >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_REF=${BASE_REF:-main}
BASE_SHA=$(git -C "$ROOT" rev-parse --short "$BASE_REF")
BASE_DIR=${BASE_DIR:-/tmp/autonoma-bench-base-$BASE_SHA}
PROMPTS=${PROMPTS:-$ROOT/prompts/prompts.jsonl}
if [ ! -d "$BASE_DIR" ]; then
  git -C "$ROOT" worktree add --detach "$BASE_DIR" "$BASE_REF" >&2
fi
[ -f "$BASE_DIR/samples/cli/target/autonoma-cli.jar" ] || (cd "$BASE_DIR" && mvn -B -q -DskipTests -pl samples/cli -am package) >&2
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$line")
  prompt=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["prompt"])' "$line")
  "$BASE_DIR/autonoma" generate "$prompt" -o "$WORK/base/$id" -q >/dev/null
  "$ROOT/autonoma" generate "$prompt" -o "$WORK/new/$id" -q >/dev/null
  if ! diff -r "$WORK/base/$id" "$WORK/new/$id" >"$WORK/diff"; then
    echo "same-output: $id DIFFERS from $BASE_REF:"; head -40 "$WORK/diff"; exit 1
  fi
  echo "same-output: $id identical ($(find "$WORK/new/$id" -type f | wc -l) files)"
  n=$((n + 1))
done <"$PROMPTS"
m=0
for spec in "${SPEC_FILES[@]}"; do
  id="spec-$m-$(basename "$spec" .json)"
  "$BASE_DIR/autonoma" generate --spec "$spec" -o "$WORK/base/$id" -q >/dev/null
  "$ROOT/autonoma" generate --spec "$spec" -o "$WORK/new/$id" -q >/dev/null
  if ! diff -r "$WORK/base/$id" "$WORK/new/$id" >"$WORK/diff"; then
    echo "same-output: --spec $spec DIFFERS from $BASE_REF:"; head -40 "$WORK/diff"; exit 1
  fi
  echo "same-output: --spec $(basename "$spec") identical ($(find "$WORK/new/$id" -type f | wc -l) files)"
  m=$((m + 1))
done
echo "same-output: all $n prompts of $(basename "$PROMPTS")$([ "$m" -gt 0 ] && echo " and $m spec file(s)") give byte-identical trees with $BASE_REF ($BASE_SHA) and this tree"
