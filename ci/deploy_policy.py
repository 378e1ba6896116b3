#!/usr/bin/env python3
"""Policy checks for a generated project's deployment files, beyond what the schema validators see.

Used by ci/check-deploy.sh (run with the tools venv's Python, which has PyYAML). Each subcommand
prints one line per problem and exits 1 if there is any:

  k8s <project>         Deployments/Jobs: probes, requests+limits with valid quantities, non-root,
                        no privilege escalation, pinned images (no :latest, no missing tag),
                        secrets only through secretKeyRef; HPAs are autoscaling/v2.
  dockerfile <file>...  Our own Dockerfile lint, next to hadolint: tagged base images (no latest),
                        multi-stage, final USER non-root, HEALTHCHECK present, no ADD of URLs,
                        apt/pip/npm hygiene (no recommends, cache cleaned, --no-cache-dir, npm ci/install only).
  compose <project>     deploy/docker-compose.yml: expected services, postgres:16 with a volume and
                        a healthcheck, redis:7, env from .env, depends_on targets exist, build contexts
                        exist, every required ${VAR} is in deploy/.env.example.
  prometheus <project>  structural check: a job scrapes the backend's /metrics.
  secrets <project>     no secret values: .env.example and Secret templates hold placeholders only,
                        no private keys / cloud tokens / credentialed URLs, no Secret objects in deploy/k8s/.
  mutate <name> <project>  breaks a copy of a project on purpose (used by check-deploy.sh --self-test).
"""
import os
import re
import sys

import yaml

PLACEHOLDER = re.compile(r"^(CHANGE_ME|CHANGEME|<[^>]+>|)$")
SECRET_KEY_NAMES = re.compile(r"(^|_)(SECRET|SECRET_KEY|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|ACCESS_KEY)$", re.I)
QUANTITY = re.compile(r"^([+-]?[0-9.]+)([eE][+-]?[0-9]+|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")
SECRET_PATTERNS = [
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a PEM private key"),
    (re.compile(r"AKIA[0-9A-Z]{16}"), "an AWS access key id"),
    (re.compile(r"gh[pousr]_[A-Za-z0-9]{30,}"), "a GitHub token"),
    (re.compile(r"xox[abpr]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"sk-[A-Za-z0-9]{32,}"), "an API secret key"),
    (re.compile(r"(postgres(?:ql)?(?:\+asyncpg)?|redis|mysql|mongodb)://(?!USER:PASSWORD@)[^:/\s$@\"']+:[^@$\s\"']+@"),
     "a URL with an inline password"),
]

PIP_OPTIONS_WITH_VALUE = {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
                          "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root"}

problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


def load_all(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def yaml_files(root):
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith((".yaml", ".yml")):
                out.append(os.path.join(d, f))
    return sorted(out)


def image_pinned(image):
    ref = image.split("@", 1)[0]
    last = ref.rsplit("/", 1)[-1]
    if "@sha256:" in image:
        return True
    if ":" not in last:
        return False
    return last.rsplit(":", 1)[1] not in ("latest", "")


# ---------------------------------------------------------------- k8s
def check_k8s(project):
    root = os.path.join(project, "deploy", "k8s")
    files = yaml_files(root)
    if not files:
        problem(root, "no Kubernetes manifests")
        return
    kinds = {}
    for path in files:
        for doc in load_all(path):
            kind = doc.get("kind", "?")
            kinds.setdefault(kind, 0)
            kinds[kind] += 1
            where = f"{os.path.relpath(path, project)} {kind}/{doc.get('metadata', {}).get('name', '?')}"
            if kind == "HorizontalPodAutoscaler" and doc.get("apiVersion") != "autoscaling/v2":
                problem(where, "HorizontalPodAutoscaler must use autoscaling/v2")
            if kind in ("Deployment", "Job", "StatefulSet", "DaemonSet"):
                check_pod(where, kind, doc.get("spec", {}).get("template", {}).get("spec", {}))
    for kind in ("Namespace", "ConfigMap", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "Job"):
        if kind not in kinds:
            problem(root, f"no {kind} manifest")
    if kinds.get("Deployment", 0) < 2:
        problem(root, "expected Deployments for backend and frontend")


def check_pod(where, kind, pod):
    psc = pod.get("securityContext", {}) or {}
    containers = pod.get("containers", []) or []
    if not containers:
        problem(where, "no containers")
    for c in containers + (pod.get("initContainers", []) or []):
        cw = f"{where} container {c.get('name', '?')}"
        image = c.get("image", "")
        if not image or not image_pinned(image):
            problem(cw, f"image '{image}' must carry an explicit tag other than latest (or a digest)")
        if kind != "Job" and c in containers:
            for probe in ("livenessProbe", "readinessProbe"):
                if probe not in c:
                    problem(cw, f"missing {probe}")
        res = c.get("resources", {}) or {}
        for part in ("requests", "limits"):
            for r in ("cpu", "memory"):
                v = (res.get(part) or {}).get(r)
                if v is None:
                    problem(cw, f"missing resources.{part}.{r}")
                elif not QUANTITY.match(str(v)):
                    problem(cw, f"resources.{part}.{r} '{v}' is not a Kubernetes quantity")
        sc = c.get("securityContext", {}) or {}
        non_root = sc.get("runAsNonRoot", psc.get("runAsNonRoot"))
        uid = sc.get("runAsUser", psc.get("runAsUser"))
        if non_root is not True:
            problem(cw, "runAsNonRoot must be true")
        if uid == 0:
            problem(cw, "runAsUser must not be 0")
        if sc.get("allowPrivilegeEscalation") is not False:
            problem(cw, "allowPrivilegeEscalation must be false")
        if sc.get("privileged"):
            problem(cw, "must not be privileged")
        for e in c.get("env", []) or []:
            if SECRET_KEY_NAMES.search(e.get("name", "")) or e.get("name") == "DATABASE_URL":
                if "value" in e:
                    problem(cw, f"env {e['name']} has an inline value: read it through secretKeyRef")
                elif "secretKeyRef" not in (e.get("valueFrom") or {}):
                    problem(cw, f"env {e['name']} must come from a secretKeyRef")


# ---------------------------------------------------------------- Dockerfile
def dockerfile_instructions(path):
    """(line number, INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    out, buf, start = [], "", 0
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not buf and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if buf and line.lstrip().startswith("#"):
                continue
            if not buf:
                start = n
            if line.rstrip().endswith("\\"):
                buf += line.rstrip()[:-1] + " "
                continue
            buf += line
            parts = buf.strip().split(None, 1)
            out.append((start, parts[0].upper(), parts[1] if len(parts) > 1 else ""))
            buf = ""
    return out


def check_dockerfile(path):
    ins = dockerfile_instructions(path)
    froms = [(n, a) for n, i, a in ins if i == "FROM"]
    if not froms:
        problem(path, "no FROM")
        return
    stages = set()
    for n, a in froms:
        words = a.split()
        image = [w for w in words if not w.startswith("--")][0]
        if len(words) >= 3 and words[-2].upper() == "AS":
            stages.add(words[-1].lower())
        if image.lower() in stages or image == "scratch":
            continue
        if not image_pinned(image):
            problem(f"{path}:{n}", f"base image '{image}' must be pinned to a tag other than latest")
    if len(froms) < 2:
        problem(path, "expected a multi-stage build")
    last_from = max(n for n, _ in froms)
    users = [(n, a.strip()) for n, i, a in ins if i == "USER" and n > last_from]
    if not users:
        problem(path, "the final stage has no USER: the container would run as root")
    elif users[-1][1].split(":")[0] in ("root", "0"):
        problem(f"{path}:{users[-1][0]}", "the final USER is root")
    if not any(i == "HEALTHCHECK" and not a.strip().upper().startswith("NONE") for n, i, a in ins if n > last_from):
        problem(path, "the final stage has no HEALTHCHECK")
    if not any(i in ("CMD", "ENTRYPOINT") for n, i, a in ins if n > last_from):
        problem(path, "the final stage has no CMD or ENTRYPOINT")
    for n, i, a in ins:
        where = f"{path}:{n}"
        if i == "ADD" and re.search(r"(https?|ftp)://", a):
            problem(where, "ADD of a URL: download in a RUN step with a checksum, or COPY")
        if i == "RUN":
            if re.search(r"\bcurl\b[^|;&]*\|\s*(ba)?sh\b|\bwget\b[^|;&]*\|\s*(ba)?sh\b", a):
                problem(where, "piping a download into a shell")
            if re.search(r"\bapt-get\s+install\b", a):
                if "--no-install-recommends" not in a:
                    problem(where, "apt-get install without --no-install-recommends")
                if "rm -rf /var/lib/apt/lists" not in a:
                    problem(where, "apt-get install without cleaning /var/lib/apt/lists")
            if re.search(r"\bapt-get\s+upgrade\b|\bapt-get\s+dist-upgrade\b", a):
                problem(where, "apt-get upgrade in an image build")
            if re.search(r"\bpip3?\s+install\b", a) and "--no-cache-dir" not in a:
                problem(where, "pip install without --no-cache-dir")
            for m in re.finditer(r"\bpip3?\s+install\s+([^&|;]*)", a):
                skip_next = False
                for word in m.group(1).split():
                    if skip_next:
                        skip_next = False
                    elif word in PIP_OPTIONS_WITH_VALUE:
                        skip_next = True
                    elif not word.startswith("-") and "==" not in word \
                            and not word.startswith((".", "/")) and not word.endswith((".whl", ".txt")):
                        problem(where, f"pip install of unpinned package '{word}'")
            for m in re.finditer(r"\bnpm\s+(install|i|add)\s+([^&|;]*)", a):
                pkgs = [w for w in m.group(2).split() if not w.startswith("-")]
                for p in pkgs:
                    if "@" not in p.lstrip("@"):
                        problem(where, f"npm install of unpinned package '{p}'")
            if re.search(r"\bsudo\b", a):
                problem(where, "sudo in a RUN step")


# ---------------------------------------------------------------- compose
def check_compose(project):
    path = os.path.join(project, "deploy", "docker-compose.yml")
    env_example = os.path.join(project, "deploy", ".env.example")
    if not os.path.isfile(path):
        problem(path, "missing")
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    doc = yaml.safe_load(text)
    services = doc.get("services") or {}
    for s in ("backend", "frontend", "postgres", "redis"):
        if s not in services:
            problem(path, f"service '{s}' missing")
    pg = services.get("postgres") or {}
    if not str(pg.get("image", "")).startswith("postgres:16"):
        problem(path, f"postgres must use image postgres:16, has '{pg.get('image')}'")
    if not any(str(v).split(":")[0] in (doc.get("volumes") or {}) for v in pg.get("volumes", []) or []):
        problem(path, "postgres has no named volume for its data")
    for name in ("postgres", "redis", "backend"):
        if name in services and not (services[name] or {}).get("healthcheck"):
            problem(path, f"service '{name}' has no healthcheck")
    if services.get("redis") and not str(services["redis"].get("image", "")).startswith("redis:7"):
        problem(path, "redis must use image redis:7")
    if services.get("backend") and (services["backend"] or {}).get("env_file") in (None, [], ""):
        problem(path, "backend does not read its environment from an .env file (env_file)")
    for name, svc in services.items():
        svc = svc or {}
        image = svc.get("image")
        if image and not image_pinned(re.sub(r"\$\{[^}]*\}", "x", str(image))):
            problem(path, f"service '{name}' image '{image}' is not pinned to a tag")
        deps = svc.get("depends_on") or {}
        for dep in (deps if isinstance(deps, (list, dict)) else []):
            if dep not in services:
                problem(path, f"service '{name}' depends on unknown service '{dep}'")
        build = svc.get("build")
        if build is not None:
            ctx = build if isinstance(build, str) else build.get("context", ".")
            ctx_dir = os.path.normpath(os.path.join(project, "deploy", ctx))
            dockerfile = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
            if not os.path.isfile(os.path.join(ctx_dir, dockerfile)):
                problem(path, f"service '{name}' builds from {ctx} but {os.path.join(ctx, dockerfile)} does not exist")
        for vol in svc.get("volumes", []) or []:
            src = str(vol).split(":")[0]
            if src.startswith((".", "/")) and not os.path.exists(os.path.normpath(os.path.join(project, "deploy", src))):
                problem(path, f"service '{name}' mounts {src}, which does not exist")
    # every ${VAR} without a default must be defined in .env.example
    if not os.path.isfile(env_example):
        problem(env_example, "missing")
        return
    defined = set()
    with open(env_example, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                defined.add(line.split("=", 1)[0].strip())
    unescaped = re.sub(r"\$\$", "", text)
    for m in re.finditer(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+][^}]*)?\}", unescaped):
        var, mod = m.group(1), m.group(2) or ""
        if not mod.lstrip(":").startswith("-") and var not in defined:
            problem(path, f"${{{var}}} is used but not defined in deploy/.env.example")


# ---------------------------------------------------------------- prometheus
def check_prometheus(project):
    path = os.path.join(project, "deploy", "prometheus", "prometheus.yml")
    if not os.path.isfile(path):
        problem(path, "missing")
        return
    doc = yaml.safe_load(open(path, encoding="utf-8")) or {}
    jobs = doc.get("scrape_configs") or []
    ok = False
    for j in jobs:
        targets = [t for sc in (j.get("static_configs") or []) for t in (sc.get("targets") or [])]
        if j.get("metrics_path", "/metrics") == "/metrics" and any(str(t).startswith("backend:") for t in targets):
            ok = True
    if not ok:
        problem(path, "no scrape job for the backend's /metrics (target backend:<port>)")


# ---------------------------------------------------------------- secrets
def deploy_files(project):
    for rel in ("deploy", ".github", "backend/Dockerfile", "frontend/Dockerfile",
                "backend/.dockerignore", "frontend/.dockerignore"):
        p = os.path.join(project, rel)
        if os.path.isfile(p):
            yield p
        elif os.path.isdir(p):
            for d, _, files in os.walk(p):
                for f in files:
                    yield os.path.join(d, f)


def check_secrets(project):
    for path in sorted(deploy_files(project)):
        rel = os.path.relpath(path, project)
        if os.path.basename(path) == ".env":
            problem(rel, "a real .env file in the generated project")
        try:
            text = open(path, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        for pattern, what in SECRET_PATTERNS:
            if pattern.search(text):
                problem(rel, f"contains {what}")
        if path.endswith(".env.example"):
            for n, line in enumerate(text.splitlines(), 1):
                line = line.strip()
                if line and not line.startswith("#") and "=" in line:
                    k, v = line.split("=", 1)
                    if SECRET_KEY_NAMES.search(k) and not PLACEHOLDER.match(v.strip().strip('"\'')):
                        problem(f"{rel}:{n}", f"{k} has a value; use the placeholder CHANGE_ME")
        if path.endswith((".yaml", ".yml")) and "/deploy/k8s/" in path.replace(os.sep, "/") + "/":
            try:
                docs = load_all(path)
            except yaml.YAMLError:
                continue  # the schema check reports it
            for doc in docs:
                if isinstance(doc, dict) and doc.get("kind") == "Secret":
                    if "/examples/" not in path.replace(os.sep, "/"):
                        problem(rel, "a Secret object where `kubectl apply -f deploy/k8s/` would apply it")
                    if doc.get("data"):
                        problem(rel, "Secret template has base64 data; use stringData placeholders")
                    for k, v in (doc.get("stringData") or {}).items():
                        if not PLACEHOLDER.match(str(v)):
                            problem(rel, f"Secret key {k} has a value; use the placeholder CHANGE_ME")


# ---------------------------------------------------------------- mutations for --self-test
def sub(path, old, new, count=1):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        sys.exit(f"mutate: '{old}' not found in {path}: the self-test is out of date with the templates")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, count))


def edit_yaml(path, fn):
    docs = load_all(path)
    fn(docs)
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump_all(docs, f, sort_keys=False)


def first(docs, kind):
    return next(d for d in docs if d.get("kind") == kind)


def mutate(name, p):
    k8s = os.path.join(p, "deploy", "k8s")
    backend_yaml = os.path.join(k8s, "30-backend.yaml")
    wf = os.path.join(p, ".github", "workflows", "ci.yml")
    bdf = os.path.join(p, "backend", "Dockerfile")
    compose = os.path.join(p, "deploy", "docker-compose.yml")
    c0 = lambda docs: first(docs, "Deployment")["spec"]["template"]["spec"]["containers"][0]  # noqa: E731
    if name == "k8s-typo-field":
        sub(backend_yaml, "\n  replicas: 2\n", "\n  replicaz: 2\n")
    elif name == "k8s-typo-nested-field":
        sub(backend_yaml, "      containers:\n        - name: backend\n", "      containers:\n        - name: backend\n          imagePullPolcy: Always\n")
    elif name == "k8s-wrong-type":
        sub(backend_yaml, "containerPort: 8000", "containerPort: \"eight thousand\"")
    elif name == "k8s-no-probes":
        edit_yaml(backend_yaml, lambda d: (c0(d).pop("livenessProbe"), c0(d).pop("readinessProbe")))
    elif name == "k8s-runs-as-root":
        def f(d):
            spec = first(d, "Deployment")["spec"]["template"]["spec"]
            spec["securityContext"]["runAsNonRoot"] = False
            spec["securityContext"]["runAsUser"] = 0
        edit_yaml(backend_yaml, f)
    elif name == "k8s-latest-image":
        edit_yaml(backend_yaml, lambda d: c0(d).update(image=c0(d)["image"].rsplit(":", 1)[0] + ":latest"))
    elif name == "k8s-no-limits":
        edit_yaml(backend_yaml, lambda d: c0(d)["resources"].pop("limits"))
    elif name == "k8s-bad-quantity":
        edit_yaml(backend_yaml, lambda d: c0(d)["resources"]["requests"].update(cpu="lots"))
    elif name == "k8s-inline-secret-env":
        edit_yaml(backend_yaml, lambda d: c0(d)["env"].__setitem__(0, {"name": "SECRET_KEY", "value": "CHANGE_ME"}))
    elif name == "workflow-invalid-key":
        sub(wf, "    runs-on: ubuntu-24.04\n", "    runs_on: ubuntu-24.04\n")
    elif name == "workflow-undefined-matrix-key":
        sub(wf, "tags: ", "tags: ${{ matrix.componnent }}-")
    elif name == "workflow-shell-error":
        sub(wf, "run: ruff check .", "run: if [ -f x ]; then ruff check .")
    elif name == "dockerfile-runs-as-root":
        sub(bdf, "USER 10001:10001\n", "")
    elif name == "dockerfile-latest-base":
        sub(bdf, "FROM python:3.11-slim AS runtime", "FROM python:latest AS runtime")
    elif name == "dockerfile-no-healthcheck":
        with open(bdf, encoding="utf-8") as f:
            lines = f.read().split("\n")
        i = next(i for i, l in enumerate(lines) if l.startswith("HEALTHCHECK"))
        del lines[i:i + 2]
        with open(bdf, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif name == "dockerfile-add-url":
        sub(bdf, "WORKDIR /app\n", "WORKDIR /app\nADD https://example.com/tool.tar.gz /tmp/\n")
    elif name == "dockerfile-apt-hygiene":
        sub(bdf, "WORKDIR /build\n", "WORKDIR /build\nRUN apt-get update && apt-get install -y gcc\n")
    elif name == "compose-unknown-key":
        sub(compose, "  backend:\n", "  backend:\n    restartt: always\n")
    elif name == "compose-bad-depends-condition":
        sub(compose, "condition: service_completed_successfully", "condition: service_completed_successfull")
    elif name == "compose-undeclared-volume":
        sub(compose, "- prometheus-data:/prometheus", "- prom-data:/prometheus")
    elif name == "compose-missing-redis":
        def f(d):
            d[0]["services"].pop("redis")
            d[0]["services"]["backend"]["depends_on"].pop("redis")
        edit_yaml(compose, f)
    elif name == "compose-undefined-variable":
        sub(compose, "REDIS_URL: redis://redis:6379/0", "REDIS_URL: redis://${REDIS_HOST}:6379/0")
    elif name == "compose-no-postgres-volume":
        edit_yaml(compose, lambda d: d[0]["services"]["postgres"].pop("volumes"))
    elif name == "prometheus-bad-duration":
        sub(os.path.join(p, "deploy", "prometheus", "prometheus.yml"), "scrape_interval: 15s", "scrape_interval: 15x")
    elif name == "prometheus-no-backend-job":
        sub(os.path.join(p, "deploy", "prometheus", "prometheus.yml"), "- backend:8000", "- localhost:8000")
    elif name == "secrets-real-value":
        sub(os.path.join(p, "deploy", ".env.example"), "SECRET_KEY=CHANGE_ME",
            "SECRET_KEY=" + "3f9a1c7e5b2d" * 5)
    elif name == "secrets-secret-in-k8s":
        with open(os.path.join(k8s, "15-secret.yaml"), "w", encoding="utf-8") as f:
            f.write("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: x\ntype: Opaque\n"
                    "stringData:\n  DATABASE_URL: postgresql+asyncpg://app:hunter2hunter2@db:5432/app\n")
    else:
        sys.exit(f"mutate: unknown mutation '{name}'")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "mutate":
        mutate(argv[2], argv[3])
        return 0
    try:
        if cmd == "k8s":
            check_k8s(argv[2])
        elif cmd == "dockerfile":
            for p in argv[2:]:
                check_dockerfile(p)
        elif cmd == "compose":
            check_compose(argv[2])
        elif cmd == "prometheus":
            check_prometheus(argv[2])
        elif cmd == "secrets":
            check_secrets(argv[2])
        else:
            sys.exit(f"unknown check '{cmd}'\n{__doc__}")
    except (OSError, yaml.YAMLError) as e:
        problem(cmd, f"cannot read: {e}")
    for p in problems:
        print(f"policy: {p}")
    print(f"policy {cmd}: {'FAIL, ' + str(len(problems)) + ' problem(s)' if problems else 'ok'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
