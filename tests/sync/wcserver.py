"""A WooCommerce-compatible shop for tests and benchmarks, on 127.0.0.1.

It serves HTTPS with a certificate from a test CA (trustme) that no system
trusts: a test points REQUESTS_CA_BUNDLE at `shop.ca_file`, as an owner whose
host uses a private CA would. It is as strict as WooCommerce and WordPress
where smedesk meets them; each rule names the file or doc section it comes
from (WooCommerce plugin source under plugins/woocommerce/, WordPress core
under wp-includes/, the WooCommerce REST API v3 docs). The API itself
(products, variations, orders, notes, media) is in wcapi.py.

Misbehaving on demand: `shop.fault("500")` makes the next request fail, see
FAULTS. Hosts as they are: `shop.strip_authorization = True` is a CGI host
that drops the Authorization header; `Shop(tls=False)` is a shop on plain
http.
"""

from __future__ import annotations

import base64
import json
import socket
import ssl
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.sync.wcapi import ShopApi

FAULTS = ("500", "timeout", "drop", "drop_before", "malformed", "html", "huge", "redirect", "redirect_same",
          "wrongtype", "duplicate", "bom", "429")
BOM = b"\xef\xbb\xbf"

_CA: dict = {}
_CA_LOCK = threading.Lock()


def test_ca():
    """One test CA per process and the PEM file of its certificate."""
    with _CA_LOCK:
        if not _CA:
            import trustme

            ca = trustme.CA()
            folder = Path(tempfile.mkdtemp(prefix="smedesk-ca-"))
            ca_file = folder / "ca.pem"
            ca.cert_pem.write_to_path(str(ca_file))
            server = ca.issue_cert("127.0.0.1", "localhost")
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            server.configure_cert(context)
            _CA.update(ca=ca, file=str(ca_file), context=context)
        return _CA


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    tls_context: ssl.SSLContext | None = None

    def finish_request(self, request, client_address):
        # The TLS handshake happens in the request's own thread, so a client
        # that refuses our certificate does not hold up the others.
        if self.tls_context is not None:
            try:
                request = self.tls_context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        self.RequestHandlerClass(request, client_address, self)


class Shop(ShopApi):
    def __init__(self, key="ck_test", secret="cs_test", per_page_cap=100, tls=True, currency="PEN"):
        super().__init__(currency=currency)
        self.key, self.secret = key, secret
        self.per_page_cap = per_page_cap
        self.tls = tls
        # WordPress users' application passwords {user: password}, for wp/v2 routes.
        self.app_passwords: dict[str, str] = {}
        self.strip_authorization = False
        self.retry_after = "7"   # what the "429" fault asks for
        self.faults: list[tuple[str, str]] = []
        self.log: list[dict] = []
        self.server = _Server(("127.0.0.1", 0), self._handler())
        if tls:
            self.ca_file = test_ca()["file"]
            self.server.tls_context = test_ca()["context"]
        else:
            self.ca_file = None
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> Shop:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def fault(self, name: str, path: str = "") -> None:
        """Misbehave on the next request whose path contains `path`."""
        assert name in FAULTS, name
        self.faults.append((name, path))

    def _take_fault(self, path: str) -> str | None:
        with self.lock:
            for n, (name, where) in enumerate(self.faults):
                if where in path:
                    del self.faults[n]
                    return name
        return None

    # ---- who is asking ------------------------------------------------------

    def authenticate(self, path: str, query: dict, auth_header: str) -> tuple[str | None, dict | None]:
        """(who, error): who is 'key' (WooCommerce API key), 'user' (an
        application password) or None (nobody); error is a WP_Error body."""
        basic = _basic(auth_header)
        if path.startswith("/wp-json/wc/"):
            # class-wc-rest-authentication.php authenticate(): Basic auth only when
            # is_ssl(); otherwise OAuth 1.0a, whose parameters we never send, so an
            # http request carrying Basic credentials is simply not authenticated.
            if not self.tls:
                return None, None
            # perform_basic_authentication(): $_GET consumer_key/consumer_secret
            # first (the documented fallback for servers that drop the header),
            # then PHP_AUTH_USER/PHP_AUTH_PW from the Authorization header.
            key, secret = query.get("consumer_key"), query.get("consumer_secret")
            if not (key and secret) and basic:
                key, secret = basic
            if not (key and secret) or key != self.key:
                return None, None  # unknown key: nobody; the route's permission check answers
            if secret != self.secret:
                return None, _wp_error(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.")
            return "key", None
        # Any other namespace (wp/v2/media): WooCommerce keys are not looked at
        # (class-wc-rest-authentication.php is_wc_namespace(): only 'wc/' and 'wc-').
        # WordPress application passwords (WP 5.6+, wp-includes/user.php
        # wp_authenticate_application_password) need HTTPS
        # (wp_is_application_passwords_supported) and are checked only once the
        # site has one (WP_Application_Passwords::is_in_use).
        if not basic or not self.tls or not self.app_passwords:
            return None, None
        user, password = basic
        if user not in self.app_passwords:
            return None, _wp_error(401, "invalid_username", "Unknown username. Check again or try your email address.")
        # Spaces are only for reading: WordPress strips anything but letters and digits.
        clean = "".join(c for c in password if c.isalnum())
        if clean != "".join(c for c in self.app_passwords[user] if c.isalnum()):
            return None, _wp_error(401, "incorrect_password", "The provided password is an invalid application password.")
        return "user", None

    # ---- the handler -------------------------------------------------------

    def _handler(shop):  # noqa: N805 - the class closes over the shop
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _reply(self, status, data, headers=None, raw=None, kind="application/json; charset=UTF-8"):
                body = raw if raw is not None else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

            def _drop(self):
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            def _handle(self, method):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                header = "" if shop.strip_authorization else self.headers.get("Authorization", "")
                shop.log.append({"method": method, "path": parts.path, "query": parts.query,
                                 "bytes": len(raw) + len(self.path), "key": self.headers.get("Idempotency-Key"),
                                 "user_agent": self.headers.get("User-Agent", ""),
                                 "authorization": header.split(" ")[0] if header else ""})
                fault = shop._take_fault(parts.path)
                if fault == "drop_before":
                    return self._drop()
                if fault == "timeout":
                    shop.release.wait(1.5)
                    return self._drop()
                if fault == "500":
                    return self._reply(*_wp_error(500, "internal_server_error", "Something went wrong."))
                if fault == "429":
                    # A host's rate limit (RFC 6585 §4; Retry-After, RFC 9110 §10.2.3).
                    return self._reply(429, {"code": "too_many_requests", "message": "Too Many Requests"},
                                       headers={"Retry-After": shop.retry_after})
                if fault == "html":
                    return self._reply(200, None, raw=b"<html><body>Login</body></html>", kind="text/html")
                if fault == "malformed":
                    return self._reply(200, None, raw=b'{"create": [ {"id": ')
                if fault == "huge":
                    return self._reply(200, None, raw=b"[" + b"0," * 300_000 + b"0]")
                if fault == "redirect":
                    return self._reply(302, {}, headers={"Location": "http://evil.example/steal"})
                if fault == "redirect_same" and not parts.path.endswith("/moved"):
                    return self._reply(302, {}, headers={"Location": parts.path + "/moved?" + parts.query})
                path = parts.path.removesuffix("/moved")
                who, error = shop.authenticate(path, query, header)
                if error is not None:
                    return self._reply(*error)
                try:
                    body = json.loads(raw) if raw and "json" in (self.headers.get("Content-Type") or "") else raw
                except ValueError:
                    return self._reply(*_wp_error(400, "rest_invalid_json", "Invalid JSON body passed."))
                status, data, headers = shop.route(method, path, query, body, self.headers, who)
                if fault == "drop":
                    return self._drop()
                if fault == "duplicate" and isinstance(data, list):
                    data = data + data  # the same items delivered twice
                if fault == "wrongtype":
                    data = {"create": "nope"} if isinstance(data, dict) else [{"id": "x"}]
                if fault == "bom":
                    # A plugin that prints a UTF-8 byte order mark before WordPress's output.
                    return self._reply(status, None, headers, raw=BOM + json.dumps(data).encode())
                self._reply(status, data, headers)

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_PUT(self):
                self._handle("PUT")

        return Handler


def _basic(header: str) -> tuple[str, str] | None:
    if not header.startswith("Basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return user, password


def _wp_error(status: int, code: str, message: str) -> tuple[int, dict]:
    """A WP_Error as the REST server sends it (wp-includes/rest-api/class-wp-rest-server.php error_to_response)."""
    return status, {"code": code, "message": message, "data": {"status": status}}
