#!/usr/bin/env bash
# Generates apps with the real CLI and proves they run with their own tools.
#   backend : pytest, ruff, mypy, bandit, alembic on PostgreSQL, schemathesis   (ci/check-backend.sh)
#   frontend: npm install, tsc --noEmit, eslint, next build, Chromium e2e      (ci/check-frontend.sh)
#   deploy  : kubeconform, actionlint, Dockerfile lint, compose parse          (ci/check-deploy.sh)
#   redis   : one backend's pytest suite with its read cache on a real Redis   (ci/check-redis-cache.sh)
#   realtime: events across two backend processes through a real Redis        (ci/check-realtime.sh)
#   files   : one backend's S3 file-storage tests against moto's S3 server       (ci/check-files.sh)
#   jobs    : Celery worker and beat, Redis, an SMTP sink: reminders, exports, a killed import (ci/check-jobs.sh)
#   evolve  : five change requests on a generated blog with live data and hand edits     (ci/check-evolution.sh)
#   verify  : autonoma generate --verify / autonoma verify through the real CLI           (ci/check-verify.sh)
# Env: AUTONOMA_BACKEND_APPS / AUTONOMA_FRONTEND_APPS override which apps get the full battery.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/generated"
JAR="$ROOT/samples/cli/target/autonoma-cli.jar"
PROMPTS="$ROOT/prompts/prompts.jsonl"
NATURAL="$ROOT/prompts/natural.jsonl"
# natural-<id>: a prompt as people write it (no field lists), read by the sentence reader
# (the blog's battery runs five times in step 10, once after each change of ci/check-evolution.sh; the
# volunteer app's limit is the gym spec's too; votes and uploads are the photo app's, owned rows the gym's
# bookings: the recipe and lab apps, which carry them too, left the default list to make room for ci/check-service.sh)
BACKEND_APPS=${AUTONOMA_BACKEND_APPS:-"example hostile natural-chat natural-kanban natural-shortener natural-leave gym natural-photos natural-reminders"}
FRONTEND_APPS=${AUTONOMA_FRONTEND_APPS:-"example hostile gym natural-kanban natural-chat natural-photos"}
NATURAL_APPS="chat kanban shortener clinic-lab leave crowdfund recipes-share photos volunteer reminders"
rm -rf "$OUT" && mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -B -q -DskipTests -pl samples/cli -am package
[ -f "$PROMPTS" ] || { echo "test-generated: $PROMPTS not found" >&2; exit 1; }

passed=0; failed=0; failures=()
step() { # name, command...
  local name=$1; shift
  local t0=$(date +%s)
  echo "---- $name"
  if "$@"; then passed=$((passed+1)); echo "---- ok: $name ($(( $(date +%s) - t0 )) s)";
  else failed=$((failed+1)); failures+=("$name"); echo "---- FAILED: $name ($(( $(date +%s) - t0 )) s)"; fi
}

prompt_of() { # id [file]
  python3 -c 'import json,sys; [print(json.loads(l)["prompt"]) for l in open(sys.argv[1]) if l.strip() and json.loads(l)["id"]==sys.argv[2]]' "${2:-$PROMPTS}" "$1"; }
generate() { # id
  local id=$1
  if [ "$id" = example ]; then
    java -jar "$JAR" generate --spec docs/examples/inventory.app-spec.json -o "$OUT/$id" -q
  elif [[ "$id" == natural-* ]]; then
    java -jar "$JAR" generate "$(prompt_of "${id#natural-}" "$NATURAL")" -o "$OUT/$id" -q
  elif [ "$id" = gym ]; then
    # the limit capability: a class's capacity per class and three booked places per member; bookings
    # owned by their member; the graphql feature (tests/test_graphql.py); background_job: the classes
    # export and import as CSV (ci/check-jobs.sh)
    java -jar "$JAR" generate --spec docs/examples/gym-bookings.app-spec.json -o "$OUT/$id" -q
  elif [ "$id" = hostile ]; then
    # quotes, backticks, </script>, {{…}}, ${…}, <% %>, backslashes, newlines and emoji in spec text,
    # plus self references, long names and tight bounds: the generated code must still pass every tool
    java -jar "$JAR" generate --spec docs/examples/hostile-text.app-spec.json -o "$OUT/$id" -q
  else
    java -jar "$JAR" generate "$(prompt_of "$id")" -o "$OUT/$id" -q
  fi
}

# 1. Every shared prompt generates (cheap), plus the hand-written example spec.
ids=$(python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in open(sys.argv[1])]' "$PROMPTS")
naturals=""; for n in $NATURAL_APPS; do naturals="$naturals natural-$n"; done
for id in $ids example hostile gym $naturals; do step "generate $id" generate "$id"; done

# 2. Determinism: the same prompt twice, and regeneration from app-spec.json, give identical trees.
determinism() {
  java -jar "$JAR" generate "$(prompt_of todo)" -o "$OUT/todo-again" -q &&
  diff -r "$OUT/todo" "$OUT/todo-again" &&
  java -jar "$JAR" generate --spec "$OUT/todo/app-spec.json" -o "$OUT/todo-from-spec" -q &&
  diff -r "$OUT/todo" "$OUT/todo-from-spec" &&
  java -jar "$JAR" generate "$(prompt_of kanban "$NATURAL")" -o "$OUT/kanban-again" -q &&
  diff -r "$OUT/natural-kanban" "$OUT/kanban-again"
}
step "determinism (same prompt twice, --spec app-spec.json, a natural prompt twice)" determinism

# 3. Deploy configs of every generated app validate.
if [ -f ci/check-deploy.sh ]; then
  for id in $ids example hostile gym $naturals; do step "deploy checks $id" bash ci/check-deploy.sh "$OUT/$id"; done
  # ...and every one of those checks can fail: broken copies of a good project must be rejected.
  step "deploy checks reject broken manifests (self-test)" bash ci/check-deploy.sh --self-test "$OUT/example"
fi

# 4. The full backend battery (needs PostgreSQL).
bash ci/pg.sh start
trap 'bash ci/pg.sh stop >/dev/null 2>&1 || true' EXIT
# The broken-sorting mutants (app/crud.py is one template) run on the apps whose sort tests differ most.
MUTANT_APPS=" example hostile gym natural-kanban natural-chat "
for id in $BACKEND_APPS; do
  mutants=0
  [[ "$MUTANT_APPS" == *" $id "* ]] && mutants=1
  step "backend $id" env AUTONOMA_SORT_MUTANTS=$mutants bash ci/check-backend.sh "$OUT/$id"
done
# The LLM engine's app (written by LlmEngineStubServerTest through langchain4j's OpenAI client and a
# faulty stub server on 127.0.0.1, including model-written business rules) gets the same battery.
llm_app="$ROOT/autonoma-llm/target/llm-generated-app"
step "backend llm-engine app (stub model)" bash -c "[ -d '$llm_app/backend' ] && bash ci/check-backend.sh '$llm_app'"

# The generated load-test script runs against its app and every request succeeds (no latency gate
# here: bench/backend-load/run.sh measures latency).
step "load-test script example" env AUTONOMA_LOAD_CONCURRENCY=20 AUTONOMA_LOAD_REQUESTS=400 \
  bash ci/check-performance.sh "$OUT/example"

# 5. The frontend battery with the real browser against the real generated backend.
for id in $FRONTEND_APPS; do step "frontend $id" env SCREENSHOT_DIR="$ROOT/target/screenshots/$id" bash ci/check-frontend.sh "$OUT/$id"; done

# 6. One app's tests against a real Redis (a throwaway redis-server on 127.0.0.1), so the read cache
#    is proven with redis.asyncio too, not only with the in-memory backend the tests use by default.
step "backend example with Redis" bash ci/check-redis-cache.sh "$OUT/example"

# 7. Real-time fan-out: two uvicorn processes of the chat app on one redis-server; a row created through
#    one reaches a WebSocket on the other.
step "realtime natural-chat across two processes" bash ci/check-realtime.sh "$OUT/natural-chat"
# 8. Uploaded files in an S3-compatible bucket: the photo app's s3_tests against moto's S3 server
#    (the default pytest run keeps files on local disk).
step "backend natural-photos with S3" bash ci/check-files.sh "$OUT/natural-photos"
# 9. Background jobs with the real servers (redis-server, an aiosmtpd SMTP sink, a Celery worker and
#    beat): a reminder reaches the sink once (the reminders prompt); an export downloads and an import
#    whose worker is killed mid-run completes once (the gym spec's classes).
for id in natural-reminders gym; do step "background jobs $id" bash ci/check-jobs.sh "$OUT/$id"; done

# 10. Evolving an app as a user would (autonoma change): a blog with rows in PostgreSQL and two hand edits takes
#     five change requests in words; after each the data, the edits and the batteries hold (ci/check-evolution.sh).
step "evolution blog (five changes on live data and hand edits)" bash ci/check-evolution.sh
# 11. The verify stage through the CLI: generate --verify (cold and warm cache), a broken test caught (exit 5), no
#     toolchain reported as not verified (exit 6) (ci/check-verify.sh).
step "verify stage (generate --verify, a broken test, no toolchain)" bash ci/check-verify.sh "$OUT/verify-stage"

echo
[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[@]}"
echo "generated-apps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
