#!/usr/bin/env bash
# Installs the system packages the test suite needs (Debian 12), only those that are missing.
# Idempotent; safe to run on a fresh machine as root.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs npm)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
command -v redis-server >/dev/null || missing+=(redis-server)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# ci/check-deploy.sh builds kubeconform, actionlint and ci/composecheck from source: Go >= 1.26,
# newer than Debian 12's golang package (see ci/go.sh).
GO=$(bash "$HERE/go.sh" ensure)
echo "setup: java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), python $(python3 -V | cut -d' ' -f2), node $(node -v), chromium: $( [ -x /usr/bin/chromium ] && echo yes || echo no), redis-server: $(command -v redis-server >/dev/null && echo yes || echo no), $("$GO" version | awk '{print $3}') ($GO)"
