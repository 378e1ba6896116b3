#!/usr/bin/env bash
# The MCP server (issue 20) driven by clients this project did not write:
#   - the Python MCP SDK's client (mcp, pinned) over stdio, spawning `java -jar autonoma-cli.jar mcp`, and over
#     Streamable HTTP against samples/web with AUTONOMA_MCP_ENABLED=true: initialise, list tools and resources,
#     plan_app (and how fast a warm one answers), generate_app with progress notifications, read a generated file
#     through its resource URI, JSON-RPC errors for bad arguments and an unknown project, change_app, export_app, a
#     cancelled generate_app whose run ends cancelled; over HTTP also 401 without or with a wrong token and 403 for a
#     foreign Origin or Host (ci/mcp_client.py);
#   - the MCP Inspector's CLI mode (@modelcontextprotocol/inspector, pinned in ci/mcp-inspector) lists the tools.
# Needs the CLI and web jars (mvn verify builds them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CLI_JAR="$ROOT/samples/cli/target/autonoma-cli.jar"
WEB_JAR="$ROOT/samples/web/target/autonoma-web.jar"
[ -f "$CLI_JAR" ] && [ -f "$WEB_JAR" ] || { echo "check-mcp: build first (mvn verify): $CLI_JAR, $WEB_JAR"; exit 2; }
WORK="$(mktemp -d)"
PID=""
cleanup() { [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; rm -rf "$WORK"; }
trap cleanup EXIT

VENV="${MCP_CLIENT_VENV:-$ROOT/ci/.venv-mcp}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import mcp' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check 'mcp==2.3.0'
fi
echo "check-mcp: Python client mcp $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("mcp"))')"

echo "== stdio: autonoma mcp"
"$VENV/bin/python" ci/mcp_client.py stdio java "$CLI_JAR"

echo "== the MCP Inspector's CLI mode lists the tools (stdio)"
if [ ! -x ci/mcp-inspector/node_modules/.bin/mcp-inspector ]; then
  (cd ci/mcp-inspector && npm ci --no-audit --no-fund --loglevel=error)
fi
ci/mcp-inspector/node_modules/.bin/mcp-inspector --cli java -jar "$CLI_JAR" mcp --method tools/list >"$WORK/inspector.json" 2>"$WORK/inspector.err"
python3 - "$WORK/inspector.json" <<'PY'
import json, sys
names = sorted(t["name"] for t in json.load(open(sys.argv[1]))["tools"])
want = {"plan_app", "generate_app", "change_app", "verify_app", "get_run", "cancel_run", "list_files", "read_file", "export_app"}
assert want <= set(names), names
print("ok: the Inspector lists", ", ".join(names))
PY

echo "== Streamable HTTP: samples/web with MCP at /mcp"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
AUTONOMA_MCP_ENABLED=true AUTONOMA_MCP_TOKEN="$TOKEN" java -Xmx768m -jar "$WEB_JAR" --server.port="$PORT" \
  --server.address=127.0.0.1 --autonoma.output-root="$WORK/data" >"$WORK/web.log" 2>&1 &
PID=$!
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { tail -40 "$WORK/web.log"; echo "check-mcp: the web sample exited"; exit 1; }
  sleep 0.5
done
"$VENV/bin/python" ci/mcp_client.py http "http://127.0.0.1:$PORT/mcp" "$TOKEN"
grep -q "$TOKEN" "$WORK/web.log" && { echo "FAILED: the token appears in the server log"; exit 1; }

echo "== without a token the web sample does not start with MCP enabled"
set +e
AUTONOMA_MCP_ENABLED=true AUTONOMA_MCP_TOKEN= timeout 120 java -Xmx512m -jar "$WEB_JAR" --server.port=0 \
  --server.address=127.0.0.1 --autonoma.output-root="$WORK/data2" >"$WORK/notoken.log" 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] && grep -q "needs at least one bearer token" "$WORK/notoken.log" \
  || { tail -20 "$WORK/notoken.log"; echo "FAILED: MCP enabled without a token must stop the start with a clear message (rc $rc)"; exit 1; }
echo "ok: no token, no start: $(grep -o 'autonoma.mcp.enabled=true needs at least one bearer token[^;]*' "$WORK/notoken.log" | head -1)"
echo "OK: MCP over stdio and Streamable HTTP with the Python SDK's client and the Inspector"
