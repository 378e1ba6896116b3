"""Drives ci/check-evolution.sh: a user's evolution of a generated blog, checked step by step.

Every check reads real state: rows from PostgreSQL, answers from the running API, files on disk, exit codes
of the real CLI. Run it through ci/check-evolution.sh, which generates the app and sets up the venv and the
database server.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

PG_BIN = os.environ.get("AUTONOMA_PG_BIN", "/usr/lib/postgresql/15/bin")
ROUTER_EDIT = '''

@router.get("/hand-edited/ping")
async def hand_edited_ping() -> dict[str, str]:
    """A custom endpoint the user added by hand."""
    return {"hand": "edited"}
'''
PAGE_FROM = "  return <EntityList config={postConfig} />;"
PAGE_TO = """  return (
    <>
      <p data-testid="hand-edit">Posts, curated by hand.</p>
      <EntityList config={postConfig} />
    </>
  );"""
# what the tools write into the app (npm, tsc, next, python): not the generator's, not the user's
SKIP = {"node_modules", ".next", "__pycache__", ".mypy_cache", ".ruff_cache", "next-env.d.ts", "tsconfig.tsbuildinfo"}


class Failure(Exception):
    pass


def log(msg: str) -> None:
    print(f"[evolution +{time.monotonic() - START:.0f}s] {msg}", flush=True)


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, text=True, capture_output=True, timeout=timeout, check=False)


def must(cmd: list[str], what: str, **kw: Any) -> str:
    r = run(cmd, **kw)
    if r.returncode != 0:
        print(r.stdout[-4000:], r.stderr[-4000:], sep="\n", file=sys.stderr)
        raise Failure(f"{what} (exit {r.returncode})")
    return r.stdout


class Db:
    def __init__(self, pg_url: str, name: str) -> None:
        host_port = pg_url.split("@", 1)[1].split("/", 1)[0]
        self.port = host_port.split(":")[1]
        self.name = name
        self.url = pg_url.rsplit("/", 1)[0] + "/" + name
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql("postgres", f'CREATE DATABASE "{name}"')

    def psql(self, db: str, sql: str) -> str:
        return must([f"{PG_BIN}/psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "-d", db, "-qAt",
                     "-v", "ON_ERROR_STOP=1", "-c", sql], f"psql: {sql[:80]}")

    def snapshot(self) -> dict[str, dict[int, dict[str, Any]]]:
        """Every row of every table of the app, by table and id."""
        tables = self.psql(self.name, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                                      "AND table_name <> 'alembic_version' ORDER BY 1").split()
        out: dict[str, dict[int, dict[str, Any]]] = {}
        for t in tables:
            rows = json.loads(self.psql(self.name, f'SELECT coalesce(json_agg(row_to_json(x)), \'[]\') FROM "{t}" x'))
            out[t] = {r["id"]: r for r in rows}
        return out

    def columns(self, table: str) -> list[str]:
        return self.psql(self.name, "SELECT column_name FROM information_schema.columns WHERE table_name = "
                                    f"'{table}' ORDER BY ordinal_position").split()

    def drop(self) -> None:
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def kept(before: dict[str, dict[int, dict[str, Any]]], after: dict[str, dict[int, dict[str, Any]]],
         renamed: dict[str, dict[str, str]] | None = None, dropped: dict[str, list[str]] | None = None) -> int:
    """Every earlier row is still there with every earlier value (under its new column name); returns the count."""
    renamed = renamed or {}
    dropped = dropped or {}
    checked = 0
    for table, rows in before.items():
        if table not in after:
            raise Failure(f"table {table} is gone after the upgrade")
        for row_id, row in rows.items():
            now = after[table].get(row_id)
            if now is None:
                raise Failure(f"row {table}#{row_id} is gone after the upgrade")
            for col, value in row.items():
                if col in dropped.get(table, []):
                    continue
                new_col = renamed.get(table, {}).get(col, col)
                if now.get(new_col) != value:
                    raise Failure(f"{table}#{row_id}.{col} was {value!r}, is {now.get(new_col)!r} (as {new_col})")
                checked += 1
    return checked


class Api:
    def __init__(self, backend: Path, db: Db, work: Path) -> None:
        self.backend, self.db, self.work = backend, db, work
        self.proc: subprocess.Popen[bytes] | None = None
        self.token = ""

    def start(self) -> None:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        env = dict(os.environ, DATABASE_URL=self.db.url, SECRET_KEY="evolution-" + "x" * 40, ENVIRONMENT="development",
                   RATE_LIMIT_PER_MINUTE="1000000", AUTH_RATE_LIMIT_PER_MINUTE="1000000")
        logf = open(self.work / "uvicorn.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(["uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port),
                                      "--log-level", "warning"], cwd=self.backend, env=env, stdout=logf, stderr=logf)
        self.base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1)
                break
            except OSError:
                if self.proc.poll() is not None:
                    raise Failure("uvicorn exited at start: " + (self.work / "uvicorn.log").read_text()[-2000:])
                time.sleep(0.25)
        creds = {"email": "evolution@example.com", "password": "evolution-password-1"}
        try:
            self.call("POST", "/api/v1/auth/register", creds)
        except Failure:
            pass  # registered in an earlier step
        self.token = self.call("POST", "/api/v1/auth/login", creds)["access_token"]

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
            self.proc = None

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(self.base + path, method=method, headers=headers,
                                     data=None if body is None else json.dumps(body).encode())
        try:
            with urllib.request.urlopen(req, timeout=15) as r:  # noqa: S310 (loopback only)
                raw = r.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raise Failure(f"{method} {path} -> HTTP {e.code}: {e.read()[:500]!r}") from e


def tree(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if p.is_file() and not (set(rel.parts) & SKIP):
            out[str(rel)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


class Evolution:
    def __init__(self, a: argparse.Namespace) -> None:
        self.jar, self.app, self.work, self.ci = a.jar, Path(a.app), Path(a.work), Path(a.ci)
        self.backend = self.app / "backend"
        self.db = Db(a.pg_url, f"evolution_{os.getpid()}")
        self.api = Api(self.backend, self.db, self.work)
        self.fixture = Path(a.fixture)
        self.pg_url = a.pg_url

    def change(self, app: Path, text: str, *flags: str) -> subprocess.CompletedProcess[str]:
        t0 = time.monotonic()
        r = run(["java", "-jar", self.jar, "change", str(app), text, *flags])
        log(f"autonoma change {app.name} {text!r} {' '.join(flags)}-> exit {r.returncode} in {time.monotonic() - t0:.1f}s")
        print(r.stdout.rstrip(), r.stderr.rstrip(), sep="\n")
        return r

    def alembic(self, backend: Path, db: Db, *args: str) -> str:
        return must(["alembic", *args], "alembic " + " ".join(args), cwd=backend, env=dict(os.environ, DATABASE_URL=db.url))

    def upgrade(self, renamed: dict[str, dict[str, str]] | None = None, dropped: dict[str, list[str]] | None = None) -> None:
        """alembic upgrade head on the live database keeps every earlier row and value; alembic check is clean."""
        before = self.db.snapshot()
        self.alembic(self.backend, self.db, "upgrade", "head")
        self.alembic(self.backend, self.db, "check")
        log(f"alembic upgrade head + check on the live database: {kept(before, self.db.snapshot(), renamed, dropped)} "
            f"earlier values read back unchanged in {sum(len(r) for r in before.values())} rows")

    def batteries(self, label: str) -> None:
        t0 = time.monotonic()
        env = dict(os.environ, AUTONOMA_SORT_MUTANTS="0", AUTONOMA_ST_EXAMPLES=os.environ.get("EVOLUTION_ST_EXAMPLES", "10"))
        r = run(["bash", str(self.ci / "check-backend.sh"), str(self.app)], env=env, timeout=1500)
        if r.returncode != 0:
            print(r.stdout[-6000:], r.stderr[-3000:], sep="\n")
            raise Failure(f"backend battery after {label}")
        print("\n".join(line for line in r.stdout.splitlines() if "passed" in line or line.startswith("OK:")))
        r = run(["bash", str(self.ci / "check-frontend.sh"), str(self.app)], env=dict(os.environ, SKIP_E2E="1"), timeout=1500)
        if r.returncode != 0:
            print(r.stdout[-6000:], r.stderr[-3000:], sep="\n")
            raise Failure(f"frontend tsc/eslint/next build after {label}")
        log(f"after {label}: backend battery and tsc + eslint + next build passed ({time.monotonic() - t0:.0f}s)")

    def hand_edits_there(self) -> None:
        router = (self.backend / "app/routers/post.py").read_text()
        page = (self.app / "frontend/src/app/posts/page.tsx").read_text()
        if "hand_edited_ping" not in router or "curated by hand" not in page:
            raise Failure("a hand edit is gone (router: %s, page: %s)" % ("hand_edited_ping" in router, "curated by hand" in page))
        if "<<<<<<<" in router or "<<<<<<<" in page:
            raise Failure("conflict markers in a hand-edited file")

    def step(self, n: int, text: str, after: Any, renamed: dict[str, dict[str, str]] | None = None,
             written: Any = None) -> None:
        log(f"---- change {n}: {text}")
        r = self.change(self.app, text)
        if r.returncode != 0:
            raise Failure(f"change {n} {text!r} exited {r.returncode}")
        if written is not None:
            written()
        self.upgrade(renamed)
        self.hand_edits_there()
        self.api.start()
        try:
            if self.api.call("GET", "/api/v1/posts/hand-edited/ping") != {"hand": "edited"}:
                raise Failure("the hand-written endpoint answers differently")
            after()
        finally:
            self.api.stop()
        self.batteries(f"change {n}")

    def main(self) -> None:
        log("generated the blog; migrating the live database and creating rows through the API")
        self.alembic(self.backend, self.db, "upgrade", "head")
        self.api.start()
        posts = [self.api.call("POST", "/api/v1/posts", {"title": f"Post {i}", "body": f"Body {i} with 'quotes'",
                                                         "status": "published" if i % 2 else "draft"}) for i in range(3)]
        self.api.stop()
        first = posts[0]["id"]
        log(f"created {len(posts)} posts through the API")

        (self.backend / "app/routers/post.py").write_text((self.backend / "app/routers/post.py").read_text() + ROUTER_EDIT)
        page = self.app / "frontend/src/app/posts/page.tsx"
        if PAGE_FROM not in page.read_text():
            raise Failure("the posts page no longer has the line this script edits")
        page.write_text(page.read_text().replace(PAGE_FROM, PAGE_TO))
        log("hand-edited backend/app/routers/post.py (a custom endpoint) and frontend/src/app/posts/page.tsx")

        # the same change on two copies of the same app gives the same trees
        twin = self.work / "twin"
        shutil.copytree(self.app, twin)
        c1 = "add comments to posts with a body"
        if self.change(twin, c1).returncode != 0:
            raise Failure("change 1 on the copy")

        def comment() -> None:
            c = self.api.call("POST", "/api/v1/comments", {"body": "First!", "post_id": first})
            self.api.call("GET", f"/api/v1/comments/{c['id']}")

        def same_as_twin() -> None:
            mine, theirs = tree(self.app), tree(twin)
            diff = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
            if diff:
                raise Failure(f"the same change on two copies differs in {diff[:10]}")
            log(f"the same change on two copies of the app gave identical trees ({len(mine)} files)")

        self.step(1, c1, comment, written=same_as_twin)

        self.step(2, "give posts a summary",
                  lambda: self.api.call("PATCH", f"/api/v1/posts/{first}", {"summary": "A summary kept across changes"}))

        def teaser() -> None:
            if self.api.call("GET", f"/api/v1/posts/{first}").get("teaser") != "A summary kept across changes":
                raise Failure("the renamed field lost its value")

        self.step(3, "rename post summary to teaser", teaser, renamed={"posts": {"summary": "teaser"}})
        self.step(4, "add 'archived' to the post status values",
                  lambda: self.api.call("PATCH", f"/api/v1/posts/{posts[1]['id']}", {"status": "archived"}))

        def liked() -> None:
            paths = self.api.call("GET", "/openapi.json")["paths"]
            if not any("like" in p for p in paths):
                raise Failure(f"no like route after 'posts can be liked': {sorted(paths)}")

        self.step(5, "posts can be liked", liked)
        self.same_as_fresh()

        self.conflict()
        self.destructive()
        self.previous_release()
        self.db.drop()

    def conflict(self) -> None:
        """A change that touches a hand-edited line: conflict markers, exit 3, every other file updated."""
        clash = self.work / "clash"
        shutil.copytree(self.app, clash, ignore=shutil.ignore_patterns("node_modules", ".next"))
        entity = clash / "frontend/src/entities/post.ts"
        text = entity.read_text()
        line = next(ln for ln in text.splitlines() if 'name: "status"' in ln)
        entity.write_text(text.replace(line, line.replace('label: "Status"', 'label: "State"')))
        r = self.change(clash, "add 'featured' to the post status values")
        if r.returncode != 3 or "frontend/src/entities/post.ts" not in r.stderr:
            raise Failure(f"a change touching a hand-edited line exited {r.returncode}, not 3 naming the file")
        merged = entity.read_text()
        if "<<<<<<< yours" not in merged or 'label: "State"' not in merged or 'value: "featured"' not in merged:
            raise Failure("the conflicted file lacks the markers or one of the two sides:\n" + merged)
        if '"featured"' not in (clash / "backend/app/models/post.py").read_text():
            raise Failure("the other files were not updated beside the conflict")
        log("a change touching a hand-edited line: exit 3, both sides between markers, the other files updated")

    def same_as_fresh(self) -> None:
        """The evolved app is what generating its spec afresh gives, but for its migrations and the two hand edits."""
        fresh = self.work / "fresh"
        must(["java", "-jar", self.jar, "generate", "-q", "--spec", str(self.app / "app-spec.json"), "-o", str(fresh)],
             "generate the evolved spec afresh")
        mine, theirs = tree(self.app), tree(fresh)
        # npm install rewrote the lock file in the batteries: since then it is the user's version
        ignore = ("backend/alembic/versions/", ".autonoma/", "frontend/package-lock.json")
        edited = {"backend/app/routers/post.py", "frontend/src/app/posts/page.tsx"}
        diff = sorted(k for k in mine.keys() | theirs.keys()
                      if mine.get(k) != theirs.get(k) and not k.startswith(ignore) and k not in edited)
        if diff:
            raise Failure(f"the evolved app differs from a fresh generation of its spec in {diff[:10]}")
        log("the evolved app equals a fresh generation of its spec, but for its migrations and the hand edits")

    def destructive(self) -> None:
        before_tree = tree(self.app)
        r = self.change(self.app, "remove the teaser from posts")
        if r.returncode != 4 or "Post.teaser" not in r.stderr:
            raise Failure(f"a destructive change without --allow-destructive exited {r.returncode}: {r.stderr}")
        if tree(self.app) != before_tree:
            raise Failure("a refused change wrote files")
        log("a destructive change without --allow-destructive: refused (exit 4), names Post.teaser, wrote nothing")
        r = self.change(self.app, "remove the teaser from posts", "--allow-destructive")
        if r.returncode != 0:
            raise Failure(f"the allowed destructive change exited {r.returncode}")
        self.upgrade(dropped={"posts": ["teaser"]})
        if "teaser" in self.db.columns("posts"):
            raise Failure("posts.teaser is still there after the allowed destructive change")
        self.hand_edits_there()
        log("allowed, the destructive change dropped exactly posts.teaser; every other value is intact")

    def previous_release(self) -> None:
        """An app generated by the previous release (no generation record) takes a change too."""
        old = self.work / "previous"
        old.mkdir()
        with tarfile.open(self.fixture) as tar:
            tar.extractall(old, filter="data")
        app = next(p.parent for p in old.rglob("app-spec.json"))
        if (app / ".autonoma").exists():
            raise Failure("the previous-release fixture has a generation record: it is not from the previous release")
        r = self.change(app, "add comments to posts with a body")
        if r.returncode != 0:
            raise Failure(f"changing the previous release's app exited {r.returncode}")
        db = Db(self.pg_url, f"evolution_prev_{os.getpid()}")
        self.alembic(app / "backend", db, "upgrade", "head")
        self.alembic(app / "backend", db, "check")
        db.drop()
        for cmd in (["ruff", "check", "--no-cache", "."], ["mypy", "--no-incremental", "app", "tests"],
                    ["pytest", "-q", "-p", "no:cacheprovider"]):
            print(must(cmd, " ".join(cmd) + " on the previous release's changed app", cwd=app / "backend").strip().splitlines()[-1])
        log("an app of the previous release changed: revision chained on its head, alembic check clean, ruff, mypy, pytest pass")


START = time.monotonic()

if __name__ == "__main__":
    p = argparse.ArgumentParser()
    for opt in ("--jar", "--app", "--work", "--pg-url", "--ci", "--fixture"):
        p.add_argument(opt, required=True)
    ev = Evolution(p.parse_args())
    try:
        ev.main()
    except Failure as e:
        print(f"evolution FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    finally:
        ev.api.stop()
    log("evolution: all steps passed")
