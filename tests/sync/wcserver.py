"""A WooCommerce-compatible shop for tests and benchmarks, on 127.0.0.1.

It answers the documented request and response shapes of the REST API v3
(products with SKU lookup and the batch endpoint limited to 100 items,
orders paged with X-WP-Total / X-WP-TotalPages and `modified_after`, order
notes, media uploads, JSON error bodies) and misbehaves on demand:
`shop.fault("500")` makes the next request fail, see FAULTS.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

API = "/wp-json/wc/v3"
FAULTS = ("500", "timeout", "drop", "drop_before", "malformed", "html", "huge", "redirect", "redirect_same",
          "wrongtype", "duplicate")


class Shop:
    def __init__(self, key="ck_test", secret="cs_test", per_page_cap=100):
        self.key, self.secret = key, secret
        self.products: dict[int, dict] = {}
        self.orders: dict[int, dict] = {}
        self.notes: dict[int, list[dict]] = {}
        self.media: dict[int, int] = {}
        self.next_id = 100
        self.faults: list[tuple[str, str]] = []
        self.log: list[dict] = []
        self.lock = threading.Lock()
        self.per_page_cap = per_page_cap
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

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

    def tick(self) -> str:
        """A modification time later than every order's (the shop's clock moving on)."""
        latest = max((o["date_modified_gmt"] for o in self.orders.values()), default="2026-11-20T10:00:00")
        moment = dt.datetime.fromisoformat(latest) + dt.timedelta(seconds=1)
        return moment.isoformat(timespec="seconds")

    def set_status(self, order_id: int, status: str) -> None:
        """The buyer (or the shop's owner) changes an order on the shop's side."""
        self.orders[order_id]["status"] = status
        self.orders[order_id]["date_modified_gmt"] = self.tick()

    def new_id(self) -> int:
        with self.lock:
            self.next_id += 1
            return self.next_id

    def by_sku(self, sku: str) -> dict | None:
        return next((p for p in self.products.values() if p["sku"].upper() == sku.upper()), None)

    def add_order(self, status="processing", lines=(("SILLA-01", 2),), modified="2026-11-20T10:00:00",
                  billing=None, note="") -> int:
        order_id = self.new_id()
        self.orders[order_id] = {
            "id": order_id, "status": status, "currency": "USD", "date_created_gmt": modified,
            "date_modified_gmt": modified, "customer_note": note,
            "billing": billing or {"first_name": "Anna", "last_name": "Berg", "company": "Nordic Home AB",
                                   "email": "anna@nordic.example", "phone": "+46 8 123", "country": "SE"},
            "line_items": [{"id": n, "sku": sku, "name": sku.title(), "quantity": qty}
                           for n, (sku, qty) in enumerate(lines, start=1)],
        }
        self.notes[order_id] = []
        return order_id

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

            def _error(self, status, code, message):
                self._reply(status, {"code": code, "message": message, "data": {"status": status}})

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
                shop.log.append({"method": method, "path": parts.path, "query": parts.query,
                                 "bytes": len(raw) + len(self.path), "key": self.headers.get("Idempotency-Key")})
                fault = shop._take_fault(parts.path)
                if fault == "drop_before":
                    return self._drop()
                if fault == "timeout":
                    shop.release.wait(1.5)
                    return self._drop()
                if fault == "500":
                    return self._error(500, "internal_server_error", "Something went wrong.")
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
                if not self._authorised():
                    return self._error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
                try:
                    body = json.loads(raw) if raw and "json" in (self.headers.get("Content-Type") or "") else raw
                except ValueError:
                    return self._error(400, "rest_invalid_json", "Invalid JSON body passed.")
                path = parts.path.removesuffix("/moved")
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                status, data, headers = shop.route(method, path, query, body, self.headers)
                if fault == "drop":
                    return self._drop()
                if fault == "duplicate" and isinstance(data, list):
                    data = data + data  # the same items delivered twice
                if fault == "wrongtype":
                    data = {"create": "nope"} if isinstance(data, dict) else [{"id": "x"}]
                self._reply(status, data, headers)

            def _authorised(self):
                auth = self.headers.get("Authorization", "")
                if not auth.startswith("Basic "):
                    return False
                return base64.b64decode(auth[6:]).decode() == f"{shop.key}:{shop.secret}"

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_PUT(self):
                self._handle("PUT")

        return Handler

    # ---- the API -----------------------------------------------------------

    def route(self, method, path, query, body, headers):
        if path == f"{API}/products" and method == "GET":
            found = list(self.products.values())
            if query.get("sku"):
                wanted = {s.upper() for s in query["sku"].split(",")}
                found = [p for p in found if p["sku"].upper() in wanted]
            return self.page(found, query)
        if path == f"{API}/products/batch" and method == "POST":
            return self.batch(body)
        if path == "/wp-json/wp/v2/media" and method == "POST":
            media_id = self.new_id()
            kind = headers.get("Content-Type", "")
            self.media[media_id] = (kind, bytes(body))
            ext = "pdf" if kind == "application/pdf" else "png" if kind == "image/png" else "jpg"
            return 201, {"id": media_id, "source_url": f"{self.url}/media/{media_id}.{ext}"}, {}
        if path == f"{API}/orders" and method == "GET":
            found = sorted(self.orders.values(), key=lambda o: (o["date_modified_gmt"], o["id"]))
            if query.get("modified_after"):
                found = [o for o in found if o["date_modified_gmt"] > query["modified_after"]]
            return self.page(found, query)
        if path.startswith(f"{API}/orders/"):
            rest = path[len(API) + 8:].split("/")
            order = self.orders.get(int(rest[0])) if rest[0].isdigit() else None
            if order is None:
                return 404, {"code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID.",
                             "data": {"status": 404}}, {}
            if rest[1:] == ["notes"] and method == "GET":
                return 200, self.notes[order["id"]], {}
            if rest[1:] == ["notes"] and method == "POST":
                note = {"id": self.new_id(), "note": body["note"], "customer_note": body.get("customer_note", False)}
                self.notes[order["id"]].append(note)
                return 201, note, {}
            if rest[1:] == [] and method == "GET":
                return 200, order, {}
            if rest[1:] == [] and method == "PUT":
                order.update({k: v for k, v in body.items() if k == "status"})
                order["date_modified_gmt"] = self.tick()
                return 200, order, {}
        return 404, {"code": "rest_no_route", "message": "No route was found matching the URL and request method.",
                     "data": {"status": 404}}, {}

    def page(self, found, query):
        per_page = min(int(query.get("per_page", 10)), self.per_page_cap)
        page = int(query.get("page", 1))
        pages = max((len(found) + per_page - 1) // per_page, 1)
        chunk = found[(page - 1) * per_page: page * per_page]
        return 200, chunk, {"X-WP-Total": str(len(found)), "X-WP-TotalPages": str(pages)}

    def batch(self, body):
        if not isinstance(body, dict):
            return 400, {"code": "rest_invalid_json", "message": "Invalid JSON body passed."}, {}
        total = sum(len(body.get(k, [])) for k in ("create", "update", "delete"))
        if total > 100:
            return 413, {"code": "rest_request_entity_too_large",
                         "message": "Unable to accept more than 100 items for this request.",
                         "data": {"status": 413}}, {}
        out = {}
        with self.lock:
            if body.get("create"):
                out["create"] = [self._create(item) for item in body["create"]]
            if body.get("update"):
                out["update"] = [self._update(item) for item in body["update"]]
            if body.get("delete"):
                out["delete"] = [self._delete(item) for item in body["delete"]]
        return 200, out, {}

    @staticmethod
    def _item_error(code, message):
        return {"id": 0, "error": {"code": code, "message": message, "data": {"status": 400}}}

    def _create(self, item):
        if not item.get("sku") or self.by_sku(item["sku"]):
            return self._item_error("product_invalid_sku", "Invalid or duplicated SKU.")
        if item.get("regular_price") not in (None, "") and not _is_price(item["regular_price"]):
            return self._item_error("rest_invalid_param", "Invalid parameter(s): regular_price")
        self.next_id += 1
        product = {"id": self.next_id, "name": "", "status": "publish", "regular_price": "", "description": "",
                   "stock_status": "instock", "images": [], "attributes": [], **item}
        product["images"] = self._images(product["images"])
        self.products[product["id"]] = product
        return product

    def _update(self, item):
        product = self.products.get(item.get("id"))
        if product is None:
            return self._item_error("woocommerce_rest_product_invalid_id", "Invalid ID.")
        product.update(item)
        product["images"] = self._images(product.get("images", []))
        return product

    def _images(self, images):
        """As WooCommerce answers: each attached media with its public address."""
        return [{"id": i["id"], "src": f"{self.url}/media/{i['id']}.png"} for i in images if i.get("id") in self.media]

    def _delete(self, product_id):
        product = self.products.pop(product_id, None)
        if product is None:
            return self._item_error("woocommerce_rest_product_invalid_id", "Invalid ID.")
        return product


def _is_price(text) -> bool:
    try:
        return float(text) >= 0
    except (TypeError, ValueError):
        return False
