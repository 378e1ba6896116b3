"""Generation as a service over three instances (ci/check-service.sh).

Starts samples/service on loopback ports against one PostgreSQL and an OpenAI-compatible stub (ci/llm_stub.py,
1 s per call), then:
  1. one instance: 30 generations from two users -> wall time (the baseline) and each project's zip;
  2. three instances, the same 30 requests -> wall time; every run's live event stream, read on another instance
     than the one it was submitted to, equals the run's stored stream; files equal the baseline's;
  3. three instances, the same 30 requests, `kill -9` of one instance while it runs jobs -> all 30 end exactly once,
     files equal the baseline's, live streams complete and in order, revived runs do not repeat finished agents
     (session rows and model calls), and the time from the kill to the first revived run's start.
Also: no credentials -> 401; another user's run on another instance -> 404.
Prints 'service-cluster: N passed, M failed' and the figures; exits 1 on any failure.
"""
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR, OUT, DB_URL = sys.argv[1], sys.argv[2], sys.argv[3]
N = int(os.environ.get("SERVICE_JOBS", "30"))
KEYS = {"alice": "alice-key-0123456789abcdef", "bob": "bob-key-0123456789abcdef"}
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    print(("  ok   " if ok else "  FAIL ") + name + (": " + detail if detail else ""), flush=True)


def psql(sql):
    out = subprocess.run(["bash", os.path.join(ROOT, "ci/pgvector.sh"), "psql", "-At", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.strip().splitlines() if line]


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def http(method, url, user=None, body=None, timeout=30):
    headers = {"Content-Type": "application/json"}
    if user:
        headers["X-API-Key"] = KEYS[user]
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


class Instance:
    def __init__(self, name, stub_port):
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = open(os.path.join(OUT, f"instance-{name}.log"), "w")
        env = dict(os.environ, AUTONOMA_API_KEY="stub-key")
        self.proc = subprocess.Popen(["java", "-Xmx640m", "-jar", JAR,
                                      f"--server.port={self.port}", f"--spring.datasource.url={DB_URL}",
                                      f"--autonoma.jobs.instance={name}", "--autonoma.jobs.threads=2",
                                      "--autonoma.quotas.max-concurrent-runs=" + str(N),
                                      "--autonoma.engine=llm", f"--autonoma.model.base-url=http://127.0.0.1:{stub_port}/v1",
                                      "--autonoma.model.name=stub", "--autonoma.model.cache-enabled=false"]
                                     + [f"--autonoma.security.api-keys.{u}={k}" for u, k in KEYS.items()],
                                     stdout=log, stderr=subprocess.STDOUT, env=env)

    def wait_up(self):
        for _ in range(240):
            if self.proc.poll() is not None:
                raise SystemExit(f"instance {self.name} exited with {self.proc.returncode}; see instance-{self.name}.log")
            try:
                status, body, _ = http("GET", self.url + "/actuator/health", timeout=5)
                if status == 200 and json.loads(body)["components"]["autonoma"]["details"]["jobs"]["up"]:
                    return
            except Exception:
                pass
            time.sleep(0.5)
        raise SystemExit(f"instance {self.name} did not come up")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def requests_list():
    return [("alice" if i % 2 == 0 else "bob", f"a lending library where members borrow books, branch {i}") for i in range(N)]


def submit_all(instances):
    ids = []
    for i, (user, prompt) in enumerate(requests_list()):
        inst = instances[i % len(instances)]
        status, body, headers = http("POST", inst.url + "/api/generations", user, {"prompt": prompt})
        if status != 202:
            raise SystemExit(f"submit {i} to {inst.name} answered {status}: {body[:300]!r}")
        ids.append(json.loads(body)["id"])
    return ids


def wait_all(ids, timeout=900):
    deadline = time.time() + timeout
    id_list = ",".join(f"'{i}'" for i in ids)
    while time.time() < deadline:
        open_jobs = int(psql(f"SELECT count(*) FROM autonoma_jobs WHERE run_id IN ({id_list}) AND status IN ('queued', 'running')")[0][0])
        if open_jobs == 0:
            return time.time()
        time.sleep(0.25)
    raise SystemExit(f"jobs still open after {timeout} s")


def zip_hash(inst, user, run_id):
    status, body, _ = http("GET", f"{inst.url}/api/generations/{run_id}/zip", user, timeout=60)
    return hashlib.sha256(body).hexdigest() if status == 200 else f"HTTP {status}"


class Stream(threading.Thread):
    """The live SSE stream of one run on one instance: (id, event name) pairs until RunFinished."""

    def __init__(self, inst, user, run_id):
        super().__init__(daemon=True)
        self.inst, self.user, self.run_id, self.events, self.error = inst, user, run_id, [], None

    def run(self):
        req = urllib.request.Request(f"{self.inst.url}/api/generations/{self.run_id}/events",
                                     headers={"X-API-Key": KEYS[self.user], "Accept": "text/event-stream"})
        try:
            with urllib.request.urlopen(req, timeout=600) as r:
                ev_id, name = None, None
                for raw in r:
                    line = raw.decode("utf-8").rstrip("\n")
                    if line.startswith("id:"):
                        ev_id = int(line[3:].strip())
                    elif line.startswith("event:"):
                        name = line[6:].strip()
                    elif line == "" and name is not None:
                        self.events.append((ev_id, name))
                        if name == "RunFinished":
                            return
                        ev_id, name = None, None
        except Exception as e:  # noqa: BLE001 - reported as a failed check
            self.error = repr(e)


def replay(inst, user, run_id):
    s = Stream(inst, user, run_id)
    s.run()
    return s.events


def histories(ids):
    """Per project: each path's successive contents, consecutive repeats collapsed."""
    out = []
    for run_id in ids:
        rows = psql("SELECT c.path, c.sha256 FROM generated_components c JOIN projects p ON p.id = c.project_id "
                    f"WHERE p.name = '{run_id}' ORDER BY c.path, c.version")
        h = {}
        for path, sha in rows:
            seq = h.setdefault(path, [])
            if not seq or seq[-1] != sha:
                seq.append(sha)
        out.append(h)
    return out


def repeats(ids):
    id_list = ",".join(f"'{i}'" for i in ids)
    return int(psql("SELECT count(*) FROM generated_components c JOIN projects p ON p.id = c.project_id "
                    "JOIN generated_components prev ON prev.project_id = c.project_id AND prev.path = c.path "
                    f"AND prev.version = c.version - 1 WHERE p.name IN ({id_list}) AND prev.sha256 = c.sha256")[0][0])


def stub_stats(stub_port):
    with urllib.request.urlopen(f"http://127.0.0.1:{stub_port}/stats", timeout=10) as r:
        return json.loads(r.read())


def streams_ok(streams, instances, label):
    bad = []
    for s in streams:
        s.join(120)
        if s.error or s.is_alive():
            bad.append(f"{s.run_id}: {s.error or 'still open'}")
            continue
        ids = [e[0] for e in s.events]
        if ids != list(range(len(ids))) or not s.events or s.events[-1][1] != "RunFinished":
            bad.append(f"{s.run_id}: ids {ids[:5]}..{ids[-3:]} last {s.events[-1] if s.events else None}")
            continue
        if replay(instances[0], s.user, s.run_id) != s.events:
            bad.append(f"{s.run_id}: live stream differs from the stored one")
    check(f"{label}: every run's live stream on another instance is complete, in order, equal to the stored stream",
          not bad, "; ".join(bad[:3]) + (f" (+{len(bad) - 3})" if len(bad) > 3 else ""))


def main():
    os.makedirs(OUT, exist_ok=True)
    port_file = os.path.join(OUT, "stub.port")
    if os.path.exists(port_file):
        os.remove(port_file)
    stub = subprocess.Popen([sys.executable, os.path.join(ROOT, "ci/llm_stub.py"), port_file, "1"])
    for _ in range(100):
        if os.path.exists(port_file) and open(port_file).read():
            break
        time.sleep(0.1)
    stub_port = int(open(port_file).read())
    instances = []
    try:
        a = Instance("A", stub_port)
        instances.append(a)
        a.wait_up()
        # warm-up: a few generations, so that the single instance does not pay its JIT warm-up in the baseline
        warm = []
        for i in range(4):
            status, body, _ = http("POST", a.url + "/api/generations", "alice", {"prompt": f"a lending library, warm-up {i}"})
            warm.append(json.loads(body)["id"])
        wait_all(warm)
        print(f"phase 1: {N} generations on one instance", flush=True)
        t0 = time.time()
        ids1 = submit_all([a])
        t1 = wait_all(ids1)
        wall1 = t1 - t0
        base = {i: zip_hash(a, requests_list()[i][0], ids1[i]) for i in range(N)}
        states = psql("SELECT status, count(*) FROM autonoma_jobs WHERE run_id IN (" + ",".join(f"'{i}'" for i in ids1) + ") GROUP BY status")
        check("phase 1: every job succeeded", states == [["succeeded", str(N)]], str(states))
        check("phase 1: the same request gives the same files (all zips alike)", len(set(base.values())) == 1, f"{len(set(base.values()))} distinct")

        b, c = Instance("B", stub_port), Instance("C", stub_port)
        instances += [b, c]
        b.wait_up()
        c.wait_up()

        print(f"phase 2: {N} generations on three instances", flush=True)
        t0 = time.time()
        ids2 = submit_all([a, b, c])
        reqs = requests_list()
        streams = [Stream(instances[(i + 1) % 3], reqs[i][0], ids2[i]) for i in range(N)]
        for s in streams:
            s.start()
        t2 = wait_all(ids2)
        wall2 = t2 - t0
        streams_ok(streams, instances, "phase 2")
        per_instance = psql("SELECT instance, count(*) FROM autonoma_jobs WHERE run_id IN (" + ",".join(f"'{i}'" for i in ids2)
                            + ") GROUP BY instance ORDER BY instance")
        check("phase 2: all three instances ran jobs", len(per_instance) == 3, str(per_instance))
        same = [i for i in range(N) if zip_hash(c, reqs[i][0], ids2[i]) == base[i]]
        check("phase 2: each project's files equal the single-instance run of the same request", len(same) == N, f"{len(same)}/{N}")
        ratio = wall2 / wall1
        check("three instances take clearly less wall time than one (ratio < 0.85)", ratio < 0.85,
              f"1 instance {wall1:.1f} s ({N / wall1 * 60:.1f} jobs/min), 3 instances {wall2:.1f} s ({N / wall2 * 60:.1f} jobs/min), ratio {ratio:.2f}")

        # security across instances
        status, _, headers = http("GET", b.url + f"/api/generations/{ids2[0]}")
        check("no credentials -> 401", status == 401, f"{status}")
        owner = reqs[0][0]
        other = "bob" if owner == "alice" else "alice"
        status, _, _ = http("GET", b.url + f"/api/generations/{ids2[0]}", other)
        check("another user's run, files and events on another instance -> 404",
              status == 404 and http("GET", b.url + f"/api/generations/{ids2[0]}/files", other)[0] == 404
              and http("GET", b.url + f"/api/generations/{ids2[0]}/events", other)[0] == 404, f"{status}")

        print(f"phase 3: {N} generations on three instances, kill -9 of instance B while it runs jobs", flush=True)
        calls_before = stub_stats(stub_port)
        t0 = time.time()
        ids3 = submit_all([a, b, c])
        streams = [Stream(c if i % 3 != 2 else a, reqs[i][0], ids3[i]) for i in range(N)]
        for s in streams:
            s.start()
        id_list = ",".join(f"'{i}'" for i in ids3)
        killed_at = None
        for _ in range(600):
            # B runs a job whose analyst has finished (so resuming it has something not to redo)
            rows = psql(f"SELECT count(*) FROM autonoma_jobs j JOIN agent_checkpoints k ON k.run_id = j.run_id "
                        f"WHERE j.run_id IN ({id_list}) AND j.instance = 'B' AND j.status = 'running' AND k.agent = 'requirements'")
            if int(rows[0][0]) > 0:
                b.proc.send_signal(signal.SIGKILL)
                b.proc.wait()
                killed_at = time.time()
                break
            time.sleep(0.1)
        check("instance B was killed while it ran jobs", killed_at is not None)
        on_b = [r[0] for r in psql(f"SELECT run_id FROM autonoma_jobs WHERE run_id IN ({id_list}) AND instance = 'B' AND status = 'running'")]
        # B is dead: its runs' checkpoints are what the revived runs start from
        analyst_redo = int(psql(f"SELECT count(*) FROM autonoma_jobs j WHERE j.run_id IN ({id_list}) AND j.instance = 'B' "
                                f"AND j.status = 'running' AND NOT EXISTS (SELECT 1 FROM agent_checkpoints k "
                                f"WHERE k.run_id = j.run_id AND k.agent = 'requirements')")[0][0])
        t3 = wait_all(ids3)
        wall3 = t3 - t0
        rows = psql(f"SELECT status, count(*) FROM autonoma_jobs WHERE run_id IN ({id_list}) GROUP BY status")
        check("phase 3: all jobs ended exactly once, succeeded", rows == [["succeeded", str(N)]], str(rows))
        revived = [r[0] for r in psql(f"SELECT run_id FROM autonoma_jobs WHERE run_id IN ({id_list}) AND starts > 1")]
        check("the killed instance's running jobs were revived by the others", set(on_b) <= set(revived) and len(revived) > 0,
              f"running on B at the kill: {len(on_b)}, revived: {len(revived)}")
        rerun = psql("SELECT s.run_id, s.agent, s.status FROM agent_sessions s WHERE s.run_id IN ("
                     + ",".join(f"'{r}'" for r in revived or ['-']) + ") AND s.segment > 1 AND s.status <> 'restored' AND EXISTS ("
                     "SELECT 1 FROM agent_sessions f WHERE f.run_id = s.run_id AND f.agent = s.agent AND f.segment < s.segment "
                     "AND f.status = 'finished')")
        check("revived runs did not run again an agent that had finished", not rerun, str(rerun[:3]))
        calls = {k: v - calls_before[k] for k, v in stub_stats(stub_port).items()}
        check("model calls: the analyst is asked again only for revived runs it had not finished; at most one repeated call per revived run",
              calls["analyst"] == N + analyst_redo and N <= calls["rules"] <= N + len(revived)
              and calls["analyst"] + calls["rules"] <= 2 * N + len(revived),
              f"{calls} for {N} runs, revived {len(revived)}, of which without the analyst's checkpoint {analyst_redo}")
        check("each project's file histories equal the baseline's (a redone agent's rewrite of the same bytes aside)",
              histories(ids3) == histories([ids1[0]] * N), f"versions that only repeat the previous bytes: {repeats(ids3)}")
        same = [i for i in range(N) if zip_hash(a, reqs[i][0], ids3[i]) == base[i]]
        check("phase 3: each project's files equal the single-instance run of the same request", len(same) == N, f"{len(same)}/{N}")
        streams_ok(streams, [a, c], "phase 3")
        resumed = psql("SELECT extract(epoch FROM min(at)) FROM agent_logs WHERE run_id IN ("
                       + ",".join(f"'{r}'" for r in revived or ['-']) + ") AND segment > 1 AND kind = 'RunStarted'")
        first_resume = float(resumed[0][0]) if resumed and resumed[0][0] else None
        if killed_at and first_resume:
            print(f"service-cluster figures: 1 instance {N / wall1 * 60:.1f} jobs/min, 3 instances {N / wall2 * 60:.1f} jobs/min "
                  f"(wall ratio {wall2 / wall1:.2f}); with kill -9: {wall3:.1f} s; first revived run started "
                  f"{first_resume - killed_at:.1f} s after the kill (heartbeat 2 s x 4 missed)", flush=True)
        check("the killed instance's jobs resumed within 30 s", first_resume is not None and killed_at is not None
              and first_resume - killed_at < 30, f"{(first_resume - killed_at) if first_resume and killed_at else None}")
    finally:
        for inst in instances:
            inst.stop()
        stub.terminate()
    passed = sum(1 for _, ok in results if ok)
    print(f"service-cluster: {passed} passed, {len(results) - passed} failed", flush=True)
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
