"""Drives Autonoma's MCP server with the official Python MCP SDK's client (a client this project did not write).

usage:
  mcp_client.py stdio <java> <cli.jar>              spawns `java -jar cli.jar mcp` and talks over stdio
  mcp_client.py http <url> <token>                   talks Streamable HTTP to a running server (samples/web)

Both: initialise, list tools and resource templates, call plan_app and generate_app (progress notifications
received), read a generated file through its resource URI, list the resources, get JSON-RPC errors for bad
arguments and for an unknown project. stdio also: change_app, export_app, and cancellation of a generate_app
(notifications/cancelled) with get_run showing the run cancelled. Prints what it saw; exits non-zero on the first
thing that is not as expected.
"""

import asyncio
import base64
import io
import sys
import time
import zipfile

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError as McpError

PROMPT = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high)."
EXPECTED_TOOLS = {"plan_app", "generate_app", "change_app", "verify_app", "get_run", "cancel_run", "list_files",
                  "read_file", "export_app"}


def check(cond, what):
    if not cond:
        print(f"FAILED: {what}", flush=True)
        sys.exit(1)
    print(f"ok: {what}", flush=True)


def text(result):
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def expect_error(session, name, args, code, contains):
    try:
        r = await session.call_tool(name, args)
    except McpError as e:
        check(e.error.code == code and contains in e.error.message,
              f"{name}({args}) is JSON-RPC error {e.error.code}: {e.error.message}")
        return
    check(False, f"{name}({args}) should be a JSON-RPC error, got {r}")


async def scenario(session, full):
    init_ok = True
    check(init_ok, "initialised")
    tools = {t.name: t for t in (await session.list_tools()).tools}
    check(EXPECTED_TOOLS <= set(tools), f"tools listed: {sorted(tools)}")
    check(all(t.input_schema.get("type") == "object" and t.description for t in tools.values()),
          "every tool has an object input schema and a description")
    templates = [t.uri_template for t in (await session.list_resource_templates()).resource_templates]
    check("autonoma://projects/{id}/files/{+path}" in templates, f"resource templates: {templates}")

    t0 = time.monotonic()
    plan = await session.call_tool("plan_app", {"prompt": PROMPT})
    first = time.monotonic() - t0
    check(not plan.is_error and "Task" in text(plan), "plan_app names the Task entity")
    timings = []
    for _ in range(5):
        t0 = time.monotonic()
        await session.call_tool("plan_app", {"prompt": PROMPT})
        timings.append(time.monotonic() - t0)
    timings.sort()
    # a figure, not a check: bench/mcp-plan.sh measures it against its goal
    print(f"plan_app: first {first:.2f} s, warm median {timings[2]:.3f} s (goal < 1 s; bench/mcp-plan.sh)", flush=True)

    progress = []

    async def on_progress(p, total, message):
        progress.append((p, total, message))

    gen = await session.call_tool("generate_app", {"prompt": PROMPT}, progress_callback=on_progress)
    check(not gen.is_error, f"generate_app succeeded: {text(gen)[:200]}")
    project = gen.structured_content["project_id"]
    check(len(progress) >= 3 and any("done" in (m or "") for _, _, m in progress),
          f"{len(progress)} progress notifications, e.g. {progress[:2]}")

    uri = f"autonoma://projects/{project}/files/backend/app/main.py"
    res = await session.read_resource(uri)
    check("FastAPI" in res.contents[0].text and res.contents[0].mime_type == "text/x-python",
          f"read {uri} ({res.contents[0].mime_type})")
    listed = [r.uri for r in (await session.list_resources()).resources]
    check(uri in listed and f"autonoma://projects/{project}/spec" in listed, f"{len(listed)} resources listed")
    spec = await session.read_resource(f"autonoma://projects/{project}/spec")
    check('"Task"' in spec.contents[0].text, "the AppSpec is a resource")
    f = await session.call_tool("read_file", {"project_id": project, "path": "backend/requirements.txt"})
    check("fastapi" in text(f).lower(), "read_file returns the file")

    await expect_error(session, "read_file", {"project_id": "no-such-project", "path": "x"}, -32602, "unknown project")
    await expect_error(session, "read_file", {"project_id": project, "path": "../../etc/passwd"}, -32602, "")
    await expect_error(session, "generate_app", {"prompt": PROMPT, "spec": {}}, -32602, "exactly one")
    await expect_error(session, "plan_app", {"prompt": 42}, -32602, "")
    try:
        await session.read_resource("autonoma://projects/no-such-project/files/a.py")
        check(False, "an unknown project's resource is an error")
    except McpError as e:
        check("no project of yours" in e.error.message, f"unknown project resource: {e.error.code} {e.error.message}")

    if not full:
        return
    changed = await session.call_tool("change_app", {"project_id": project, "request": "give tasks a summary"})
    check(not changed.is_error and "summary" in text(changed), f"change_app: {text(changed)[:160]}")
    model = await session.call_tool("read_file", {"project_id": project, "path": "backend/app/models/task.py"})
    check("summary" in text(model), "the changed model has the new field")
    exported = await session.call_tool("export_app", {"project_id": project})
    blob = [c for c in exported.content if getattr(c, "type", "") == "resource"][0].resource.blob
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(blob))).namelist()
    check("backend/app/main.py" in names and "frontend/package.json" in names, f"export_app zip holds {len(names)} files")

    # cancellation: start a generation, cancel its request (notifications/cancelled), the run ends cancelled
    started = asyncio.Event()
    seen = {}

    async def note(p, total, message):
        if message and message.startswith("project "):
            seen["project"] = message.split()[1].rstrip(",")
            started.set()

    async def call():
        await session.call_tool("generate_app", {"prompt": "A library with books, members and loans."},
                                progress_callback=note)

    async with anyio.create_task_group() as tg:
        tg.start_soon(call)
        with anyio.fail_after(60):
            await started.wait()
        tg.cancel_scope.cancel()
    check("project" in seen, f"the first progress notification names the project: {seen}")
    status = "running"
    deadline = time.monotonic() + 60
    while status == "running" and time.monotonic() < deadline:
        await anyio.sleep(0.5)
        g = await session.call_tool("get_run", {"project_id": seen["project"]})
        status = g.structured_content["status"]
    check(status == "cancelled", f"the cancelled request's run ended {status}")
    again = await session.call_tool("plan_app", {"prompt": PROMPT})
    check(not again.is_error, "the session works after a cancelled request")


async def main():
    mode = sys.argv[1]
    if mode == "stdio":
        params = StdioServerParameters(command=sys.argv[2], args=["-jar", sys.argv[3], "mcp"])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                await scenario(session, True)
    else:
        import httpx2
        from mcp.client.streamable_http import streamable_http_client
        url, token = sys.argv[2], sys.argv[3]
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
                "capabilities": {}, "clientInfo": {"name": "probe", "version": "1"}}}
        accept = {"Accept": "application/json, text/event-stream"}
        async with httpx2.AsyncClient(timeout=30) as bare:
            r = await bare.post(url, json=init, headers=accept)
            check(r.status_code == 401 and "Bearer" in r.headers.get("www-authenticate", ""), f"no token: {r.status_code}")
            r = await bare.post(url, json=init, headers={**accept, "Authorization": "Bearer not-the-token-0123456789"})
            check(r.status_code == 401, f"a wrong token: {r.status_code}")
            r = await bare.post(url, json=init, headers={**accept, "Authorization": f"Bearer {token}",
                                                         "Origin": "http://evil.example"})
            check(r.status_code == 403, f"a foreign Origin: {r.status_code}")
            r = await bare.post(url, json=init, headers={**accept, "Authorization": f"Bearer {token}",
                                                         "Host": "evil.example"})
            check(r.status_code == 403, f"a foreign Host (DNS rebinding): {r.status_code}")
        async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=300) as http:
            async with streamable_http_client(url, http_client=http) as streams:
                read, write = streams[0], streams[1]
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    await scenario(session, True)
    print("OK: the Python MCP SDK's client drove Autonoma over " + mode, flush=True)


if __name__ == "__main__":
    anyio.run(main)
