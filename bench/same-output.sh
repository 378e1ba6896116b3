#!/usr/bin/env bash
# Byte-for-byte: this tree's CLI writes the same app as a baseline commit's CLI for every prompt in
# prompts/prompts.jsonl (app-spec.json included). Builds the baseline in a git worktree under /tmp
# like bench/cli-cold.sh (BASE_REF, default main; BASE_DIR). Exit 1 on the first difference.
set -euo pipefail
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
echo "same-output: all $n prompts of $(basename "$PROMPTS") give byte-identical trees with $BASE_REF ($BASE_SHA) and this tree"
