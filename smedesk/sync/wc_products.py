"""Publishing products to WooCommerce: matched by SKU (exactly), written with
the batch endpoint (at most 100 per call), only the fields that changed.

A product with sizes or colours is a variable product whose attributes are
used for variations, and each size/colour is a variation with its SKU, price
and stock (products/<id>/variations/batch), so a buyer picks one and the
order arrives with it. What the owner did by hand on the shop is met as it
is: a product deleted there is put back, one in the trash is reported.
"""

from __future__ import annotations

import hashlib

from smedesk.core.i18n import tr
from smedesk.sync.marketplace import Outcome, ProductChange
from smedesk.sync.transport import TransportError
from smedesk.sync.wc_checks import (
    API,
    BATCH_LIMIT,
    NoMediaLogin,
    bad_answer,
    failed,
    int_id,
    page_count,
    text,
)

UID_META = "_smedesk_uid"
ATTRIBUTES = (("sizes", "size", "Size"), ("colours", "colour", "Colour"))


def product_fields(change: ProductChange, media_id: int | None) -> dict:
    """WooCommerce fields for the listing fields that changed."""
    listing, changed = change.listing, set(change.fields)
    variable = bool(listing.get("variants"))
    out: dict = {}
    if "sku" in changed:
        out["sku"] = listing["sku"]
    if "name" in changed:
        out["name"] = listing["name"]
    if "description" in changed:
        out["description"] = listing["description"]
    if changed & {"price", "currency"} and not variable:
        out["regular_price"] = listing["price"]  # a variable product's prices are its variations'
    if changed & {"active", "deleted"}:
        out["status"] = "publish" if listing["active"] else "draft"
        out["stock_status"] = "instock" if listing["active"] else "outofstock"
    if "gtin" in changed:
        out["global_unique_id"] = listing["gtin"]
    if changed & {"sizes", "colours"}:
        out["type"] = "variable" if variable else "simple"
        out["attributes"] = [
            {"name": name, "options": listing[key], "visible": True, "variation": variable}
            for key, _one, name in ATTRIBUTES if listing[key]
        ]
    if "photo_sha256" in changed:
        out["images"] = [{"id": media_id}] if media_id else []
    return out


def variation_fields(variant: dict, last: dict | None) -> dict:
    """Fields of one variation that differ from what the shop last got (all when unknown)."""
    last = last or {}
    out: dict = {}
    if variant["sku"] != last.get("sku"):
        out["sku"] = variant["sku"]
    if variant["price"] != last.get("price"):
        out["regular_price"] = variant["price"]
    if variant["stock"] != last.get("stock") or "stock" not in last:
        counted = variant["stock"] is not None
        out.update({"manage_stock": counted, "stock_status": "outofstock" if counted and variant["stock"] == 0
                    else "instock"})
        if counted:
            out["stock_quantity"] = variant["stock"]
    if (variant["size"], variant["colour"]) != (last.get("size"), last.get("colour")):
        out["attributes"] = [{"name": name, "option": variant[one]} for _key, one, name in ATTRIBUTES
                             if variant[one]]
    if variant.get("gtin") and variant.get("gtin") != last.get("gtin"):
        out["global_unique_id"] = variant["gtin"]
    return out


class Products:
    """The product half of the adapter; `wc` is the WooCommerce adapter (requests, warnings, media)."""

    def __init__(self, wc):
        self.wc = wc

    def find_by_sku(self, skus: list[str]) -> dict[str, int]:
        """{SKU (upper case): product id} for the SKUs the shop already has. The
        `sku` filter takes a comma-separated list (and, for several, the whole
        string as well: class-wc-rest-products-controller.php), so a SKU with a
        comma is asked alone, and every answer is matched exactly; variations,
        which the filter also returns, are not products."""
        found: dict[str, int] = {}
        wanted = {s.upper() for s in skus}
        plain = [s for s in skus if "," not in s]
        queries = [",".join(plain[i:i + BATCH_LIMIT]) for i in range(0, len(plain), BATCH_LIMIT)]
        queries += [s for s in skus if "," in s]
        for query in queries:
            for item in self._pages(f"{API}/products", {"sku": query, "status": "any"}):
                sku = text(item.get("sku"), "sku", allow_none=True).upper()
                if item.get("type") != "variation" and sku in wanted:
                    found[sku] = int_id(item.get("id"), "id")
        return found

    def _pages(self, path: str, params: dict):
        page, pages = 1, 1
        while page <= pages:
            reply = self.wc.call("GET", path, params={**params, "per_page": BATCH_LIMIT, "page": page})
            pages = page_count(reply)
            if not isinstance(reply.data, list):
                raise bad_answer("list")
            for item in reply.data:
                if not isinstance(item, dict):
                    raise bad_answer("item")
                yield item
            page += 1

    def publish(self, changes: list[ProductChange], *, again: bool = False) -> list[Outcome]:
        outcomes: dict[str, Outcome] = {}
        self._unsent: dict[str, list[str]] = {}
        self._gone: set[str] = set()
        unknown = [c.sku for c in changes if not c.remote_id]
        try:
            known = self.find_by_sku(unknown) if unknown else {}
        except TransportError as exc:
            return [failed(exc, c.key) for c in changes]
        ops: list[tuple[str, ProductChange, object]] = []
        only_variations: list[tuple[ProductChange, int]] = []
        for change in changes:
            remote_id = change.remote_id or known.get(change.sku.upper())
            if change.listing["deleted"]:
                if remote_id:
                    ops.append(("delete", change, int(remote_id)))
                else:
                    outcomes[change.key] = Outcome(change.key, True, None)
                continue
            if not change.remote_id and remote_id:
                # Found by SKU: the shop may hold anything; send every field.
                change.fields = [f for f in dict.fromkeys([*change.fields, *change.listing.keys()]) if f != "uid"]
            media_id, unsent = None, []
            if "photo_sha256" in change.fields and change.listing.get("photo_sha256") and not change.photo:
                # put back after a deletion on the shop: the photo was not loaded; it goes next time
                change.fields = [f for f in change.fields if f != "photo_sha256"]
                unsent = ["photo_sha256"]
            if "photo_sha256" in change.fields and change.photo:
                try:
                    media_id = self.wc.upload_photo(change)
                except NoMediaLogin as exc:
                    # Publish without the photo and say so; the photo follows once it can.
                    self.wc.warn(str(exc))
                    change.fields = [f for f in change.fields if f != "photo_sha256"]
                    unsent = ["photo_sha256"]
                except TransportError as exc:
                    outcomes[change.key] = failed(exc, change.key)
                    continue
            self._unsent[change.key] = unsent
            body = product_fields(change, media_id)
            if remote_id and not body and "variants" in change.fields:
                only_variations.append((change, int(remote_id)))  # say a new price: only the variations
            elif remote_id:
                ops.append(("update", change, {"id": int(remote_id), **body}))
            else:
                body.update({"type": "variable" if change.listing.get("variants") else "simple",
                             "sku": change.listing["sku"], "meta_data": [{"key": UID_META, "value": change.uid}]})
                ops.append(("create", change, body))
        for start in range(0, len(ops), BATCH_LIMIT):
            for outcome in self._batch(ops[start:start + BATCH_LIMIT]):
                outcomes[outcome.key] = outcome
        for change, remote_id in only_variations:
            outcomes[change.key] = Outcome(change.key, True, str(remote_id), unsent=self._unsent.get(change.key, []))
        created = {change.key for action, change, _item in ops if action == "create"}
        for change in changes:
            outcome = outcomes[change.key]
            if outcome.ok and outcome.remote_id and not change.listing["deleted"] and change.key not in self._gone:
                outcomes[change.key] = self._with_variations(change, outcome, change.key in created)
        gone = [c for c in changes if c.key in self._gone]
        if gone and not again:
            # The owner deleted these on the shop: put them back (found by SKU if
            # made again by hand, else created) with every field; the new id is remembered.
            for change in gone:
                change.remote_id = None
                change.known = {}
                change.fields = [f for f in change.listing if f != "uid"]
            for outcome in self.publish(gone, again=True):
                outcomes[outcome.key] = outcome
        return [outcomes[c.key] for c in changes]

    def _batch(self, ops) -> list[Outcome]:
        body = {"create": [], "update": [], "delete": []}
        for action, _change, item in ops:
            body[action].append(item)
        body = {k: v for k, v in body.items() if v}
        keys = ";".join(change.key for _a, change, _i in ops)
        try:
            reply = self.wc.call("POST", f"{API}/products/batch", json_body=body, headers={
                "Idempotency-Key": hashlib.sha256(keys.encode()).hexdigest()})
            answers = _batch_answers(reply, body)
        except TransportError as exc:
            return [failed(exc, change.key) for _a, change, _i in ops]
        positions = {"create": 0, "update": 0, "delete": 0}
        outcomes = []
        for action, change, _item in ops:
            answer = answers[action][positions[action]]
            positions[action] += 1
            outcomes.append(self._outcome(action, change, answer))
        return outcomes

    def _outcome(self, action: str, change: ProductChange, answer) -> Outcome:
        if not isinstance(answer, dict):
            return Outcome(change.key, False, error=str(bad_answer("batch item")), retryable=False)
        error = answer.get("error")
        if error:
            message = error.get("message") if isinstance(error, dict) else None
            code = error.get("code") if isinstance(error, dict) else None
            if code == "woocommerce_rest_product_invalid_id":
                if action == "delete":
                    return Outcome(change.key, True, None)  # already gone: what we wanted
                if action == "update":
                    self._gone.add(change.key)
            text_ = tr("The shop refused {sku}: {message}", sku=change.sku, message=str(message or code or "?")[:200])
            return Outcome(change.key, False, error=text_, retryable=False)
        try:
            remote_id = int_id(answer.get("id"), "id")
            if action != "delete" and text(answer.get("sku"), "sku").upper() != change.sku.upper():
                raise bad_answer("sku")
        except TransportError as exc:
            return Outcome(change.key, False, error=str(exc), retryable=False)
        images = answer.get("images") if action != "delete" else None
        image_url = ""
        if isinstance(images, list) and images and isinstance(images[0], dict):
            src = images[0].get("src")
            image_url = src if isinstance(src, str) and src.startswith(("https://", "http://")) else ""
        # A product the owner moved to the shop's trash is updated there and stays
        # there, unseen by buyers: say so (Sincronizar offers to restore it).
        trashed = action == "update" and answer.get("status") == "trash"
        if trashed:
            self.wc.warn(tr("{sku} is in the shop's trash, so buyers do not see it; restore it on Sincronizar.",
                            sku=change.sku))
        return Outcome(change.key, True, str(remote_id), image_url=image_url[:500],
                       unsent=self._unsent.get(change.key, []), trashed=trashed)

    # ---- variations -------------------------------------------------------

    def _with_variations(self, change: ProductChange, outcome: Outcome, created: bool) -> Outcome:
        """Send the variations that changed; the outcome carries their ids."""
        known = change.known or {}
        trusted = bool(change.remote_id) and not created
        ids = dict(known.get("variation_ids") or {}) if trusted else {}
        outcome.variation_ids = ids
        if "variants" not in change.fields:
            return outcome
        last = {v["uid"]: v for v in (known.get("variants") or []) if isinstance(v, dict)} if trusted else {}
        current = change.listing.get("variants") or []
        path = f"{API}/products/{int(outcome.remote_id)}/variations"
        try:
            if not created and any(v["uid"] not in ids for v in current):
                # made before (and maybe its answer lost): find what is there by SKU
                there = {text(i.get("sku"), "sku", allow_none=True).upper(): int_id(i.get("id"), "id")
                         for i in self._pages(path, {})}
                for v in current:
                    if v["uid"] not in ids and v["sku"].upper() in there:
                        ids[v["uid"]] = there[v["sku"].upper()]
                        last.pop(v["uid"], None)
            ops = []
            for v in current:
                if v["uid"] in ids:
                    body = variation_fields(v, last.get(v["uid"]))
                    if body:
                        ops.append(("update", v["uid"], {"id": ids[v["uid"]], **body}))
                else:
                    ops.append(("create", v["uid"], variation_fields(v, None)))
            wanted = {v["uid"] for v in current}
            ops += [("delete", uid, ids[uid]) for uid in list(ids) if uid not in wanted]
            for start in range(0, len(ops), BATCH_LIMIT):
                self._variation_batch(path, ops[start:start + BATCH_LIMIT], ids, change)
        except TransportError as exc:
            return failed(exc, change.key)
        outcome.variation_ids = ids
        return outcome

    def _variation_batch(self, path: str, ops: list, ids: dict, change: ProductChange) -> None:
        body = {"create": [], "update": [], "delete": []}
        for action, _uid, item in ops:
            body[action].append(item)
        body = {k: v for k, v in body.items() if v}
        reply = self.wc.call("POST", f"{path}/batch", json_body=body, headers={
            "Idempotency-Key": hashlib.sha256((change.key + ":variations").encode()).hexdigest()})
        answers = _batch_answers(reply, body)
        positions = {"create": 0, "update": 0, "delete": 0}
        problems = []
        for action, uid, _item in ops:
            answer = answers[action][positions[action]]
            positions[action] += 1
            if not isinstance(answer, dict):
                raise bad_answer("variation")
            error = answer.get("error")
            if error:
                code = error.get("code") if isinstance(error, dict) else ""
                if action == "delete" or code == "woocommerce_rest_product_variation_invalid_id":
                    ids.pop(uid, None)  # gone already; one deleted by hand is made again next time
                if action != "delete":
                    problems.append(str((error.get("message") if isinstance(error, dict) else None) or code))
                continue
            if action == "create":
                ids[uid] = int_id(answer.get("id"), "variation id")
            elif action == "delete":
                ids.pop(uid, None)
        if problems:
            raise TransportError(tr("The shop refused a size or colour of {sku}: {message}", sku=change.sku,
                                    message=problems[0][:200]), retryable=True)


def _batch_answers(reply, body: dict) -> dict:
    if not isinstance(reply.data, dict):
        raise bad_answer("batch")
    answers = {k: reply.data.get(k, []) for k in body}
    for action, items in answers.items():
        if not isinstance(items, list) or len(items) != len(body[action]):
            raise bad_answer(f"batch {action}")
    return answers
