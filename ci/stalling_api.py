"""A stand-in for a generated backend that stops answering, for ci/check-performance.sh.

Answers what the generated load-test script needs on 127.0.0.1: register, login, its seeding (a
list read, then record creation), but once a record was created only the first --answer GET
requests: every later GET is held open and never answered, as by a server that hangs. Prints the
port it listens on, then serves until killed. Standard library only.

    python ci/stalling_api.py --answer 20
"""

import argparse
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--answer",
        type=int,
        required=True,
        help="GET requests answered before it stalls",
    )
    args = parser.parse_args()
    gets = itertools.count(1)
    ids = itertools.count(1)
    never = threading.Event()
    created = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _json(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.endswith("/auth/login"):
                self._json(200, {"access_token": "stub-token", "token_type": "bearer"})
            elif "/auth/" in self.path:
                self._json(201, {"id": 1})
            else:
                created.set()
                self._json(201, {"id": next(ids)})

        def do_GET(self) -> None:
            if created.is_set() and next(gets) > args.answer:
                never.wait()  # hold the connection open without an answer
                return
            self._json(200, {"items": [], "total": 0, "page": 1, "size": 20, "id": 1})

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
