"""A portal the tests start on 127.0.0.1: each path answers from a script of
responses (the last one repeats), including faults."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Portal:
    """`script[path_with_query]` is a list of answers: bytes (a JSON page),
    ("status", code), ("html",), ("slow", seconds, bytes), ("cut", bytes): a short
    but complete answer, ("short", bytes): the connection drops mid-body,
    ("redirect", location): a 302, ("stream", bytes): no Content-Length, the
    body read until the connection closes (as a chunked or HTTP/1.0 answer)."""

    def __init__(self):
        self.script: dict[str, list] = {}
        self.hits: list[str] = []
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                portal.hits.append(self.path)
                answers = portal.script.get(self.path)
                if not answers:
                    return self._send(404, b"not found", "text/plain")
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                if isinstance(answer, bytes):
                    return self._send(200, answer)
                kind = answer[0]
                if kind == "status":
                    return self._send(answer[1], b"{}")
                if kind == "html":
                    return self._send(200, b"<!DOCTYPE html><html><body>Mantenimiento</body></html>",
                                      "text/html; charset=utf-8")
                if kind == "slow":
                    time.sleep(answer[1])
                    return self._send(200, answer[2])
                if kind == "cut":
                    body = answer[1]
                    return self._send(200, body[: len(body) // 2])
                if kind == "redirect":
                    self.send_response(302)
                    self.send_header("Location", answer[1])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if kind == "stream":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(answer[1])
                    self.close_connection = True
                    return None
                if kind == "short":  # promises the whole body, sends half, hangs up
                    body = answer[1]
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return None

            def _send(self, code, body, ctype="application/json"):
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
