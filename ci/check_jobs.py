"""Driver of ci/check-jobs.sh: runs in the generated backend's directory, against its live API.

Starts and kills the Celery worker itself (its own process group, so SIGKILL reaches the pool).
"""

import asyncio
import datetime as dt
import mailbox
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, os.getcwd())
from tests.resources import RESOURCES

API = os.environ["CHECK_API"]
MAIL = Path(os.environ["CHECK_MAIL"])
WORK = Path(os.environ["CHECK_WORK"])
PASSWORD = "correct-horse-battery"


def say(text: str) -> None:
    print(text, flush=True)


def start_worker(n: int) -> subprocess.Popen[bytes]:
    log = open(WORK / "worker.log", "ab")  # noqa: SIM115 - the worker keeps it
    command = [sys.executable, "-m", "celery", "-A", "app.worker", "worker", "--loglevel", "INFO",
               "--concurrency", "1", "--hostname", f"check{n}@%h"]
    return subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)


def kill_group(worker: subprocess.Popen[bytes], sig: int) -> None:
    try:
        os.killpg(worker.pid, sig)
    except ProcessLookupError:
        return
    worker.wait(timeout=30)


async def login(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    body = {"email": email, "password": PASSWORD, "full_name": "Check Jobs"}
    r = await client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 201, r.text
    r = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def resource(name: str):  # type: ignore[no-untyped-def]
    return next(r for r in RESOURCES if r.path == f"/api/v1/{name}")


def messages() -> list[str]:
    if not (MAIL / "new").is_dir():
        return []
    box = mailbox.Maildir(MAIL, create=False)
    return [m.as_string() for m in box]


async def reminders(client: httpx.AsyncClient, user: dict[str, str]) -> None:
    from app.reminders import REMINDERS, window

    now = dt.datetime.now(dt.UTC)
    for reminder in REMINDERS:
        target = resource(reminder.resource)
        start, end = window(reminder, now)
        # inside the window: a minute from now (or today), never past its end
        due = min(start + (dt.timedelta(minutes=1) if isinstance(start, dt.datetime) else dt.timedelta(0)), end)
        payload = await target.build(client, user)
        payload[reminder.field] = due.isoformat()
        r = await client.post(target.path, json=payload, headers=user)
        assert r.status_code == 201, r.text
        row = r.json()["id"]
        marker = f"(#{row})"
        began = time.monotonic()
        while time.monotonic() - began < 60:
            found = [m for m in messages() if marker in m and reminder.label in m]
            if found:
                break
            await asyncio.sleep(0.5)
        assert found, f"no reminder for {reminder.label} {row} reached the SMTP sink in 60 s"
        say(f"reminder: {reminder.label} #{row} due {due} e-mailed in {time.monotonic() - began:.1f} s")
        await asyncio.sleep(6)  # three more beats
        again = [m for m in messages() if marker in m and reminder.label in m]
        assert len(again) == 1, f"{len(again)} reminders for {reminder.label} {row}"
        to = "user@example.com" if reminder.owner else "admin@example.com"
        assert f"To: {to}" in again[0], again[0][:400]
        say(f"reminder: {reminder.label} #{row} sent once, to its owner or the admins")


async def wait_job(client: httpx.AsyncClient, user: dict[str, str], job: int, seconds: float):  # type: ignore[no-untyped-def]
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        state = (await client.get(f"/api/v1/background-jobs/{job}", headers=user)).json()
        if state["status"] in ("succeeded", "failed"):
            return state
        await asyncio.sleep(0.3)
    raise AssertionError(f"job {job} not finished in {seconds} s: {state}")


async def tables(client: httpx.AsyncClient, user: dict[str, str]) -> None:
    from app.jobs import TABLES

    worker = start_worker(1)
    try:
        for name, table in TABLES.items():
            target = resource(name)
            if "export" in table.kinds:
                for _ in range(3):
                    payload = await target.build(client, user)
                    assert (await client.post(target.path, json=payload, headers=user)).status_code == 201
                r = await client.post(f"{target.path}/export", headers=user)
                assert r.status_code == 202, r.text
                state = await wait_job(client, user, r.json()["id"], 60)
                assert state["status"] == "succeeded", state
                assert state["done"] == state["total"] >= 3, state
                csv = await client.get(f"/api/v1/background-jobs/{state['id']}/result", headers=user)
                assert csv.status_code == 200, csv.text
                lines = csv.text.strip().splitlines()
                assert len(lines) == state["total"] + 1, lines[:3]
                say(f"export: {name} job {state['id']} done {state['done']}/{state['total']}, CSV of {len(lines)} lines")
            if "import" in table.kinds:
                count = 120
                rows = []
                for _ in range(count):
                    payload = await target.build(client, user)
                    rows.append({k: v for k, v in payload.items() if not isinstance(v, list | dict)})
                names = list(rows[0])
                text = ",".join(names) + "\n" + "".join(
                    ",".join(f'"{row[n]!s}"' for n in names) + "\n" for row in rows)
                before = (await client.get(target.path, headers=user)).json()["total"]
                r = await client.post(f"{target.path}/import", json={"csv": text}, headers=user)
                assert r.status_code == 202, r.text
                job = r.json()["id"]
                while (state := (await client.get(f"/api/v1/background-jobs/{job}", headers=user)).json())["done"] < 40:
                    await asyncio.sleep(0.1)
                kill_group(worker, signal.SIGKILL)
                killed = (await client.get(f"/api/v1/background-jobs/{job}", headers=user)).json()
                assert killed["status"] == "running" and killed["done"] < count, killed
                await asyncio.sleep(1)
                still = (await client.get(f"/api/v1/background-jobs/{job}", headers=user)).json()
                assert still["done"] == killed["done"], (killed, still)
                say(f"import: worker killed (SIGKILL) at line {killed['done']} of {count}")
                worker = start_worker(2)
                state = await wait_job(client, user, job, 120)
                assert state["status"] == "succeeded", state
                # every line once: made a row or was rejected by the app's own rules (a limit), reported
                assert state["done"] == count, state
                assert state["created"] + state["rejected"] == count, state
                assert state["created"] > 0, state
                assert len(state["report"].splitlines()) == state["rejected"], state
                after = (await client.get(target.path, headers=user)).json()["total"]
                assert after == before + state["created"], f"{after - before} rows for {state['created']} created"
                say(
                    f"import: redelivered after the kill, {state['attempts']} attempts, {after - before} rows"
                    f" for {count} lines ({state['rejected']} rejected), each line once"
                )
    finally:
        kill_group(worker, signal.SIGTERM)


async def main() -> None:
    async with httpx.AsyncClient(base_url=API, timeout=30) as client:
        for _ in range(100):
            try:
                if (await client.get("/health")).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
        await login(client, "admin@example.com")
        user = await login(client, "user@example.com")
        if Path("app/reminders.py").exists():
            worker = start_worker(0)
            try:
                await reminders(client, user)
            finally:
                kill_group(worker, signal.SIGTERM)
        if Path("app/jobs.py").exists():
            await tables(client, user)
    say("jobs: all passed")


asyncio.run(main())
