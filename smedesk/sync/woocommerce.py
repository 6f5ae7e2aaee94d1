"""WooCommerce REST API v3 adapter (`/wp-json/wc/v3/`): the connection and
its keys, media, orders and notes; products are in wc_products.py.

Orders come with `modified_after` and are paged by `X-WP-TotalPages`.
Answers are checked field by field before use: a wrong shape refuses the
whole answer and changes nothing here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from requests.auth import HTTPBasicAuth

from smedesk.core.i18n import tr
from smedesk.sync.config import SyncConfig
from smedesk.sync.marketplace import OrderUpdate, Outcome, ProductChange, RemoteOrder
from smedesk.sync.transport import Transport, TransportError
from smedesk.sync.wc_checks import API, NoMediaLogin, bad_answer, no_media_text, page_count
from smedesk.sync.wc_checks import int_id as _int_id
from smedesk.sync.wc_checks import text as _str
from smedesk.sync.wc_products import Products

__all__ = ["WooCommerce", "NoMediaLogin", "no_media_text"]
# What the owner or the buyer decided on the shop: never moved back to processing.
FINAL_STATUSES = ("completed", "cancelled", "failed", "refunded", "trash")
# `modified_after` is exclusive and to the second, and an order can be saved
# with a time a little before one already listed: every read starts this much
# before the cursor, and what was already seen is recognised by id and time.
OVERLAP = dt.timedelta(minutes=10)
MAX_PASSES = 5
WC_TIME = "%Y-%m-%dT%H:%M:%S"


class WooCommerce:
    """The adapter. `transport` carries the base URL, session and keys."""

    name = "woocommerce"

    def __init__(self, transport: Transport, config: SyncConfig, *, keys=None, query_auth: bool = False):
        self.t = transport
        self.config = config
        self.keys = keys
        # Hosts that run PHP as CGI drop the Authorization header; WooCommerce then
        # reads the keys from the query string (docs: "Authentication over HTTPS";
        # class-wc-rest-authentication.php perform_basic_authentication()).
        self.query_auth = query_auth
        self.warnings: list[str] = []
        self.products = Products(self)

    @classmethod
    def connect(cls, base_url: str, keys, config: SyncConfig, *, session=None, timeout=(10.0, 60.0),
                query_auth: bool | None = None):
        transport = Transport(base_url, session=session, auth=None, timeout=timeout)
        query = config.auth_in_query if query_auth is None else query_auth
        return cls(transport, config, keys=keys, query_auth=query)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def call(self, method: str, path: str, *, params=None, **kw):
        """A request to a wc/ route with the keys: in the Authorization header, or
        as query parameters (over HTTPS only) on a host found to drop that header."""
        if self.keys is None:
            return self.t.request(method, path, params=params, auth=None, **kw)
        if self.query_auth:
            return self.t.request(method, path, params=self._with_keys(params), auth=None, **kw)
        try:
            return self.t.request(method, path, params=params,
                                  auth=HTTPBasicAuth(self.keys.key, self.keys.secret), **kw)
        except TransportError as exc:
            # A wrong secret answers woocommerce_rest_authentication_error; a request
            # that reached WordPress without any credentials is refused by the route
            # itself (…_cannot_view / _cannot_create). Only then try the fallback.
            if exc.status != 401 or exc.code == "woocommerce_rest_authentication_error":
                raise self._keys_refused(exc) from None
        try:
            reply = self.t.request(method, path, params=self._with_keys(params), auth=None, **kw)
        except TransportError as exc:
            raise self._keys_refused(exc) from None
        self.query_auth = True
        self.warn(tr("The shop's host drops the Authorization header; smedesk now sends the keys "
                     "inside the encrypted address instead, as WooCommerce allows over HTTPS."))
        return reply

    def _with_keys(self, params) -> dict:
        return {**(params or {}), "consumer_key": self.keys.key, "consumer_secret": self.keys.secret}

    @staticmethod
    def _keys_refused(exc: TransportError) -> TransportError:
        if exc.status != 401:
            return exc
        return TransportError(
            tr("The shop refused the keys ({reason}). In WooCommerce → Settings → Advanced → REST API, "
               "check the consumer key and secret and that they have Read/Write permission.", reason=str(exc)),
            retryable=False, status=401, code=exc.code)

    def shop_currency(self) -> str:
        """The store's currency code (GET data/currencies/current)."""
        reply = self.call("GET", f"{API}/data/currencies/current")
        if not isinstance(reply.data, dict):
            raise bad_answer("currency")
        code = _str(reply.data.get("code"), "currency code").upper()
        if len(code) != 3 or not code.isalpha():
            raise bad_answer("currency code")
        return code

    # ---- products -------------------------------------------------------


    def _media(self, data: bytes, kind: str, name: str, key: str) -> dict:
        """Put a file in WordPress's media library with the application password
        (WooCommerce keys are refused there: 401 rest_cannot_create)."""
        if self.keys is None or not self.keys.has_media:
            raise NoMediaLogin(no_media_text(), retryable=False)
        try:
            reply = self.t.request("POST", "wp-json/wp/v2/media", data=data, auth=HTTPBasicAuth(
                self.keys.wp_user, self.keys.app_password), headers={
                "Content-Type": kind, "Content-Disposition": f'attachment; filename="{name}"',
                "Idempotency-Key": key})
        except TransportError as exc:
            if exc.status in (401, 403):
                raise NoMediaLogin(tr("The shop refused the application password for photos and PDFs ({reason}); "
                                      "make a new one for this user and save it on Sincronizar.", reason=str(exc)),
                                   retryable=False, status=exc.status, code=exc.code) from None
            raise
        if not isinstance(reply.data, dict):
            raise bad_answer("media")
        return reply.data

    def upload_photo(self, change: ProductChange) -> int:
        data = change.photo or b""
        kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        name = f"{change.sku.lower()}-{hashlib.sha256(data).hexdigest()[:8]}.{kind.split('/')[1]}"
        name = "".join(c for c in name if c.isalnum() or c in "-_.")
        return _int_id(self._media(data, kind, name, change.key).get("id"), "media id")

    def upload_document(self, update: OrderUpdate) -> str:
        """Put a PDF in the shop's media library; returns its public address. The
        library is public and its addresses follow the file names, so the name
        carries 128 random bits: nobody reaches a buyer's quotation by guessing."""
        stem = "".join(c for c in update.attachment_name.removesuffix(".pdf") if c.isalnum() or c in "-_")
        name = f"{stem or 'document'}-{secrets.token_hex(16)}.pdf"
        found = self._media(update.attachment, "application/pdf", name, update.key + ":pdf")
        url = _str(found.get("source_url"), "source_url")
        if not url.startswith("https://"):
            raise bad_answer("source_url")
        return url


    def find_by_sku(self, skus: list[str]) -> dict[str, int]:
        return self.products.find_by_sku(skus)

    def publish(self, changes: list[ProductChange]) -> list[Outcome]:
        return self.products.publish(changes)

    # ---- orders ---------------------------------------------------------

    def fetch_orders(self, since: str | None) -> tuple[list[RemoteOrder], str | None]:
        """Orders modified after `since` (None: all). Read in the order of their ids,
        which does not change when an order is edited, from OVERLAP before the
        cursor; an order is new when its (id, modification time) was not seen yet.
        Orders edited or removed while the pages are read shift the pages, so
        the whole window is read again until a pass finds nothing new."""
        seen: dict[tuple[str, str], RemoteOrder] = {}
        start = None
        if since:
            start = (_parse_time(since) - OVERLAP).strftime(WC_TIME)
        for _pass in range(MAX_PASSES):
            new = 0
            for order in self._read_orders(start):
                if (order.ref, order.modified) not in seen:
                    seen[(order.ref, order.modified)] = order
                    new += 1
            if not new:
                break
        orders = sorted(seen.values(), key=lambda o: (o.modified, int(o.ref)))
        cursor = max([since or "", *(o.modified for o in orders)]) or None
        return orders, cursor

    def _read_orders(self, start: str | None):
        page, pages = 1, 1
        while page <= pages:
            params = {"per_page": 100, "page": page, "orderby": "id", "order": "asc", "dates_are_gmt": "true"}
            if start:
                params["modified_after"] = start
            reply = self.call("GET", f"{API}/orders", params=params)
            pages = page_count(reply)
            if not isinstance(reply.data, list):
                raise bad_answer("orders")
            for raw in reply.data:
                yield self.parse_order(raw)
            page += 1

    def parse_order(self, raw) -> RemoteOrder:
        if not isinstance(raw, dict):
            raise bad_answer("order")
        ref = str(_int_id(raw.get("id"), "order id"))
        status = _str(raw.get("status"), "status")
        modified = _str(raw.get("date_modified_gmt") or raw.get("date_created_gmt"), "date_modified_gmt")
        try:
            modified = _parse_time(modified).strftime(WC_TIME)
        except ValueError:
            raise bad_answer("date_modified_gmt") from None
        billing = raw.get("billing") or {}
        items = raw.get("line_items") or []
        if not isinstance(billing, dict) or not isinstance(items, list):
            raise bad_answer("order")
        lines = []
        for item in items:
            if not isinstance(item, dict):
                raise bad_answer("line_items")
            qty = item.get("quantity")
            if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
                raise bad_answer("quantity")
            lines.append({"sku": _str(item.get("sku"), "sku", allow_none=True).upper(),
                          "name": _str(item.get("name"), "name", allow_none=True)[:200], "qty": qty})
        buyer_name = " ".join(_str(billing.get(k), k, allow_none=True) for k in ("first_name", "last_name")).strip()
        buyer = {"name": buyer_name[:200], "company": _str(billing.get("company"), "company", allow_none=True)[:200],
                 "email": _str(billing.get("email"), "email", allow_none=True)[:200],
                 "phone": _str(billing.get("phone"), "phone", allow_none=True)[:60],
                 "country": _str(billing.get("country"), "country", allow_none=True)[:2].upper()}
        return RemoteOrder(
            ref=ref, kind="rfq" if status == self.config.rfq_status else "order", status=status,
            modified=modified[:32], currency=_str(raw.get("currency"), "currency", allow_none=True)[:3],
            buyer=buyer, lines=lines, note=_str(raw.get("customer_note"), "customer_note", allow_none=True)[:2000])

    def update_order(self, update: OrderUpdate) -> Outcome:
        mark = f"(ref {hashlib.sha256(update.key.encode()).hexdigest()[:10]})"
        path = f"{API}/orders/{int(update.order_ref)}"
        try:
            reply = self.call("GET", f"{path}/notes")
            if not isinstance(reply.data, list):
                raise bad_answer("notes")
            posted = any(isinstance(n, dict) and mark in str(n.get("note", "")) for n in reply.data)
            if update.note and not posted:
                note = update.note
                if update.attachment:
                    try:
                        note += "\nPDF: " + self.upload_document(update)
                    except NoMediaLogin as exc:
                        self.warn(str(exc))  # the quotation still reaches the buyer, as text
                self.call("POST", f"{path}/notes", json_body={
                    "note": f"{note}\n{mark}", "customer_note": True},
                    headers={"Idempotency-Key": update.key})
            if update.status:
                current = self.call("GET", path).data
                if not isinstance(current, dict):
                    raise bad_answer("order")
                status = _str(current.get("status"), "status")
                # Never undo what the owner or the buyer decided meanwhile (completed,
                # cancelled, refunded stay so), nor repeat a status.
                if status != update.status and status not in FINAL_STATUSES:
                    self.call("PUT", path, json_body={"status": update.status},
                                   headers={"Idempotency-Key": update.key + ":status"})
        except TransportError as exc:
            return Outcome(update.key, False, error=str(exc), retryable=exc.retryable, hold=exc.hold,
                           retry_after=exc.retry_after)
        return Outcome(update.key, True, update.order_ref)


def _parse_time(text: str) -> dt.datetime:
    """A WooCommerce GMT time ('2026-11-20T10:00:00', maybe with Z or an offset) as naive UTC."""
    moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment.replace(microsecond=0)
