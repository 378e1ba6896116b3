#!/usr/bin/env bash
# Browser test of the studio (samples/web): builds the jar, starts it on 127.0.0.1, and drives the page with
# playwright-core + Debian's /usr/bin/chromium (no browser download) as a person would (ci/web-e2e/e2e.mjs): plan,
# correct a field, generate (with the verify stage), edit a file in Monaco, propose and accept a change, run the app in
# the live preview and create a row in it, download the zip, then time "Generate" → usable preview with warm caches.
# Screenshots: samples/web/target/studio-screenshots/. Prints "web-e2e: N passed, M failed" and "studio-timing: …".
#
# Env: SKIP_BUILD=1 reuses samples/web/target/autonoma-web.jar; E2E_EXPECT_AGENTS (default 9 = eight agents + verify;
#      empty = take the count from RunStarted); E2E_PREVIEW_LIMIT_MS (default 90000).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/samples/web/target"
JAR="$OUT/autonoma-web.jar"

# --- tools: chromium from Debian, playwright-core pinned in ci/web-e2e (npm ci from the lockfile)
if [ ! -x /usr/bin/chromium ]; then
  echo "check-web: installing chromium (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
command -v unzip >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null; }
if [ ! -f ci/web-e2e/node_modules/playwright-core/package.json ]; then
  (cd ci/web-e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# --- build
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  echo "check-web: building samples/web"
  mvn -B -q -ntp -pl samples/web -am package -DskipTests
fi

# --- start on a free loopback port
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
DATA="$(mktemp -d)"
LOG="$OUT/web-e2e-server.log"
java -Xmx768m -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --autonoma.output-root="$DATA" >"$LOG" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 180); do
  if curl -fsS "$URL/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then echo "check-web: the app exited; see $LOG"; tail -40 "$LOG"; exit 1; fi
  sleep 0.5
done
curl -fsS "$URL/actuator/health" >/dev/null || { echo "check-web: the app did not become healthy in 90 s; see $LOG"; tail -40 "$LOG"; exit 1; }
echo "check-web: app up on $URL"

export E2E_EXPECT_AGENTS="${E2E_EXPECT_AGENTS-9}"
node ci/web-e2e/e2e.mjs --url "$URL" --out "$OUT" || { echo "check-web: FAILED; last lines of $LOG:"; tail -80 "$LOG"; exit 1; }
# every preview process ends with the app (the supervisor kills them on shutdown)
cleanup
trap - EXIT
if pgrep -f "next/dist/bin/next dev" >/dev/null || pgrep -f "uvicorn app.main:app --host 127.0.0.1" >/dev/null; then
  echo "check-web: preview processes outlived the app:"; pgrep -af "next dev|uvicorn app.main" || true; exit 1
fi
echo "check-web: no preview process left after the app stopped"
