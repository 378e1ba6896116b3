# Sourced by the ci/check-*.sh scripts that run a generated backend beside real servers on 127.0.0.1.
# Expects fail(), BACKEND, VENV and WORK to be set; REDIS_SERVER for start_redis.

# The venv with the backend's pinned requirements, its dev tools and any extra packages named; sets PY.
backend_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" || fail "creating the venv $VENV"
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$BACKEND/requirements.txt" \
    -r "$BACKEND/requirements-dev.txt" "$@" >"$WORK/pip.log" 2>&1 || { tail -20 "$WORK/pip.log"; fail "pip install"; }
  PY="$VENV/bin/python"
}

free_port() {
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A throwaway redis-server (free port, no persistence, log in WORK); sets REDIS_PORT and REDIS_PID.
start_redis() {
  [ -x "$REDIS_SERVER" ] || fail "redis-server not found (ci/setup-machine.sh installs Debian's redis-server)"
  REDIS_PORT="$(free_port)"
  "$REDIS_SERVER" --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --dir "$WORK" \
    --logfile "$WORK/redis.log" &
  REDIS_PID=$!
}
