"""An OpenAI-compatible chat-completions stub on 127.0.0.1 for ci/check-service.sh.

Answers the requirements analyst with the library spec and the business-rules agent with rules.py + its tests (the
fixtures of autonoma-test, the same answers as RepairFromTestOutputIT), each after a fixed latency. GET /stats gives
how many requests of each kind it answered. Never talks to anything else.

usage: python3 ci/llm_stub.py PORT_FILE [LATENCY_SECONDS]
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "autonoma-test/src/main/resources/io/autonoma/test/llm")


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return f.read()


SPEC = fixture("library.app-spec.json")
RULES = json.dumps({"files": [
    {"path": "backend/app/rules.py", "content": fixture("rules.py")},
    {"path": "backend/tests/test_rules.py", "content": fixture("test_rules.py")},
]})
LATENCY = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
counts = {"analyst": 0, "rules": 0, "other": 0}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/stats":
            with lock:
                self.send(200, json.dumps(counts))
        else:
            self.send(404, "{}")

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        messages = body.get("messages", [])
        system = " ".join(m.get("content", "") for m in messages if m.get("role") == "system" and isinstance(m.get("content"), str))
        if "requirements analyst" in system:
            kind, text = "analyst", SPEC
        elif "business rules" in system:
            kind, text = "rules", RULES
        else:
            kind, text = "other", "{}"
        with lock:
            counts[kind] += 1
        time.sleep(LATENCY)
        prompt_tokens = max(1, sum(len(str(m.get("content", ""))) for m in messages) // 4)
        completion_tokens = max(1, len(text) // 4)
        self.send(200, json.dumps({
            "id": "chatcmpl-stub", "object": "chat.completion", "created": 1764000000, "model": body.get("model", "stub"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        }))


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that went away (an instance killed mid-call) is expected here


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()
