#!/usr/bin/env bash
# Real-time fan-out of a generated backend (the realtime capability, app/realtime.py) across processes:
# starts a throwaway redis-server and two uvicorn processes of the app on 127.0.0.1 (free ports, one
# shared SQLite file, the same REDIS_URL and SECRET_KEY), opens a WebSocket on each process, creates a
# row of each real-time resource through process 1 and requires its event on both sockets (the one on
# process 2 hears it only through Redis pub/sub), then deletes it through process 2, heard on both too.
# Prints the latency from the write's request to the event.
# Usage: ci/check-realtime.sh <project-dir>     (the directory that holds backend/)
# Env: AUTONOMA_VENV (default /tmp/autonoma-venv), AUTONOMA_REDIS_SERVER (default: redis-server on PATH).
set -uo pipefail

PROJECT="${1:?usage: $0 <project-dir>}"
BACKEND="$(cd "$PROJECT" 2>/dev/null && pwd)/backend"
VENV="${AUTONOMA_VENV:-/tmp/autonoma-venv}"
REDIS_SERVER="${AUTONOMA_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}"
WORK="$(mktemp -d /tmp/autonoma-realtime.XXXXXX)"
PIDS=()

fail() {
  printf '\nFAILED: %s (project %s; logs in %s)\n' "$1" "$PROJECT" "$WORK" >&2
  exit 1
}
cleanup() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
}
trap cleanup EXIT

[ -f "$BACKEND/app/realtime.py" ] || fail "no backend/app/realtime.py under $PROJECT (no realtime capability)"
. "$(dirname "${BASH_SOURCE[0]}")/backend-env.sh"
backend_venv

start_redis
PIDS+=("$REDIS_PID")

cd "$BACKEND" || fail "cd $BACKEND"
export PYTHONDONTWRITEBYTECODE=1
export ENVIRONMENT=development
export DATABASE_URL="sqlite+aiosqlite:///$WORK/app.db"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export SECRET_KEY="check-realtime-secret-key-that-is-long-enough"
export CORS_ORIGINS="http://127.0.0.1:3000"
"$VENV/bin/alembic" upgrade head >"$WORK/alembic.log" 2>&1 || { cat "$WORK/alembic.log"; fail "alembic upgrade head"; }

PORTS=()
for n in 1 2; do
  port="$(free_port)"
  "$VENV/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$port" --log-level warning \
    >"$WORK/uvicorn-$n.log" 2>&1 &
  PIDS+=($!)
  PORTS+=("$port")
done
for port in "${PORTS[@]}"; do
  up=""
  for _ in $(seq 1 100); do
    if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
      "http://127.0.0.1:$port/health" 2>/dev/null; then up=1; break; fi
    sleep 0.1
  done
  [ -n "$up" ] || { cat "$WORK"/uvicorn-*.log; fail "uvicorn on port $port did not answer /health"; }
done
echo "redis-server on $REDIS_URL; backend processes on ports ${PORTS[*]}"

"$PY" - "${PORTS[0]}" "${PORTS[1]}" <<'EOF' || { cat "$WORK"/uvicorn-*.log; fail "an event did not reach both processes' sockets"; }
import asyncio
import json
import re
import sys
import time
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

from tests import resources

FIRST, SECOND = (f"127.0.0.1:{port}" for port in sys.argv[1:3])
CREDENTIALS = {"password": "correct-horse-battery", "full_name": "Realtime Check"}


async def login(http: httpx.AsyncClient, email: str) -> str:
    response = await http.post("/api/v1/auth/register", json={"email": email, **CREDENTIALS})
    assert response.status_code == 201, response.text
    response = await http.post("/api/v1/auth/login", json={"email": email, **CREDENTIALS})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def next_event(socket, kind: str, resource: str, row_id: int) -> float:
    raw = await asyncio.wait_for(socket.recv(), 5)
    heard = time.perf_counter()
    assert json.loads(raw) == {"type": kind, "resource": resource, "id": row_id}, raw
    return heard


async def main() -> None:
    sources = sorted(Path("app/routers").glob("*.py"))
    found = [re.search(r'^_RESOURCE = "([^"]+)"$', p.read_text(), re.M) for p in sources]
    names = [m.group(1) for m in found if m]
    assert names, "no real-time resource in app/routers"
    one = httpx.AsyncClient(base_url=f"http://{FIRST}")
    two = httpx.AsyncClient(base_url=f"http://{SECOND}")
    admin = await login(one, "admin@example.com")  # the first user is an admin: sees every row
    headers = {"Authorization": f"Bearer {admin}"}
    # No token in the first message: refused by policy (1008).
    async with connect(f"ws://{SECOND}/api/v1/events") as refused:
        await refused.send(json.dumps({"type": "auth", "token": "forged"}))
        try:
            await asyncio.wait_for(refused.recv(), 5)
            raise AssertionError("a forged token got an answer")
        except Exception as exc:  # the close frame ends recv()
            assert getattr(getattr(exc, "rcvd", None), "code", None) == 1008, repr(exc)
    sockets = []
    for host in (FIRST, SECOND):
        socket = await connect(f"ws://{host}/api/v1/events")
        await socket.send(json.dumps({"type": "auth", "token": admin}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 5)) == {"type": "ready"}
        sockets.append(socket)
    for name in names:
        resource = next(r for r in resources.RESOURCES if r.path == f"/api/v1/{name}")
        payload = await resource.build(one, headers)
        # Rows the payload needed (parents) are created first: drain their events if any.
        for socket in sockets:
            while True:
                try:
                    await asyncio.wait_for(socket.recv(), 0.3)
                except TimeoutError:
                    break
        written = time.perf_counter()
        response = await one.post(resource.path, json=payload, headers=headers)
        assert response.status_code == 201, response.text
        row_id = response.json()["id"]
        for host, socket in zip((FIRST, SECOND), sockets, strict=True):
            heard = await next_event(socket, "created", name, row_id)
            print(f"{name} {row_id} created via {FIRST}, heard on {host} {1000 * (heard - written):.1f} ms after the request")
        written = time.perf_counter()
        response = await two.delete(f"{resource.path}/{row_id}", headers=headers)
        assert response.status_code == 204, response.text
        for host, socket in zip((FIRST, SECOND), sockets, strict=True):
            heard = await next_event(socket, "deleted", name, row_id)
            print(f"{name} {row_id} deleted via {SECOND}, heard on {host} {1000 * (heard - written):.1f} ms after the request")
    for socket in sockets:
        await socket.close()
    await one.aclose()
    await two.aclose()


asyncio.run(main())
EOF
echo "OK: events written through one backend process reached the sockets of both (Redis pub/sub)"
