"""The fake shop's REST API (see wcserver.py for the HTTP and who may ask).

Each rule names where it comes from: the WooCommerce plugin's REST
controllers (plugins/woocommerce/includes/rest-api/Controllers/Version3/),
its data stores, WordPress core, or the WooCommerce REST API v3 docs.
"""

from __future__ import annotations

import datetime as dt
import re
import threading

API = "/wp-json/wc/v3"


def _error(status, code, message):
    return status, {"code": code, "message": message, "data": {"status": status}}, {}


def _item_error(item_id, code, message, status=400):
    return {"id": item_id, "error": {"code": code, "message": message, "data": {"status": status}}}


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "")).replace(microsecond=0)


class ShopApi:
    def __init__(self, currency="PEN"):
        self.currency = currency
        self.products: dict[int, dict] = {}   # products and variations (WordPress posts, one id sequence)
        self.orders: dict[int, dict] = {}
        self.notes: dict[int, list[dict]] = {}
        self.media: dict[int, dict] = {}
        self.status_history: dict[int, list[str]] = {}
        self.next_id = 100
        self.lock = threading.RLock()
        self.between_pages = None   # called after each page of /orders: the shop moving on meanwhile
        self.clock = "2026-11-20T10:00:00"

    # ---- the shop's side ------------------------------------------------------

    def new_id(self) -> int:
        with self.lock:
            self.next_id += 1
            return self.next_id

    def tick(self) -> str:
        """A modification time one second later than any before (the shop's clock moving on)."""
        latest = max([self.clock, *(o["date_modified_gmt"] for o in self.orders.values())])
        self.clock = (_when(latest) + dt.timedelta(seconds=1)).isoformat(timespec="seconds")
        return self.clock

    def set_status(self, order_id: int, status: str, modified: str | None = None) -> None:
        """The buyer (or the shop's owner) changes an order on the shop's side."""
        self.orders[order_id]["status"] = status
        self.orders[order_id]["date_modified_gmt"] = modified or self.tick()
        self.status_history[order_id].append(status)

    def add_order(self, status="processing", lines=(("SILLA-01", 2),), modified="2026-11-20T10:00:00",
                  billing=None, note="", currency="USD") -> int:
        order_id = self.new_id()
        self.orders[order_id] = {
            "id": order_id, "status": status, "currency": currency, "date_created_gmt": modified,
            "date_modified_gmt": modified, "customer_note": note,
            "billing": billing or {"first_name": "Anna", "last_name": "Berg", "company": "Nordic Home AB",
                                   "email": "anna@nordic.example", "phone": "+46 8 123", "country": "SE"},
            "line_items": [{"id": n, "sku": sku, "name": sku.title(), "quantity": qty}
                           for n, (sku, qty) in enumerate(lines, start=1)],
        }
        self.notes[order_id] = []
        self.status_history[order_id] = [status]
        return order_id

    def add_product(self, sku: str, **fields) -> int:
        """A product the owner made by hand in wp-admin."""
        product_id = self.new_id()
        self.products[product_id] = {"id": product_id, "type": "simple", "name": sku, "status": "publish",
                                     "regular_price": "", "description": "", "stock_status": "instock",
                                     "images": [], "attributes": [], "meta_data": [], "sku": sku, **fields}
        return product_id

    def by_sku(self, sku: str) -> dict | None:
        return next((p for p in self.products.values() if p["sku"].upper() == sku.upper()), None)

    def catalogue(self) -> list[dict]:
        """Products (not variations) that are not in the trash."""
        return [p for p in self.products.values() if p["type"] != "variation" and p["status"] != "trash"]

    def variations(self, parent_id: int) -> list[dict]:
        return [p for p in self.products.values() if p.get("parent_id") == parent_id and p["type"] == "variation"]

    def trash(self, product_id: int) -> None:
        """The owner moves a product to the trash in wp-admin."""
        self.products[product_id]["status"] = "trash"

    def delete(self, product_id: int) -> None:
        """The owner deletes a product for good (Trash → Delete permanently)."""
        for child in self.variations(product_id):
            del self.products[child["id"]]
        del self.products[product_id]

    # ---- routes -----------------------------------------------------------------

    def route(self, method, path, query, body, headers, who):
        if path == "/wp-json/wp/v2/media" and method == "POST":
            if who != "user":
                # wp-includes/rest-api/endpoints/class-wp-rest-posts-controller.php
                # create_item_permissions_check(): rest_authorization_required_code() is 401 when nobody.
                return _error(401, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.")
            return self.upload(headers, body)
        if not path.startswith(API):
            return _error(404, "rest_no_route", "No route was found matching the URL and request method.")
        if who != "key":
            # The controllers' permission checks (…_permissions_check in
            # class-wc-rest-products-v2-controller.php, class-wc-rest-orders-v2-controller.php).
            if method == "GET":
                return _error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
            return _error(401, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.")
        rest = path[len(API):]
        if rest == "/data/currencies/current" and method == "GET":
            # class-wc-rest-data-currencies-controller.php get_current_item(): the store's currency.
            return 200, {"code": self.currency, "name": self.currency, "symbol": ""}, {}
        if rest == "/products" and method == "GET":
            return self.list_products(query)
        if rest == "/products/batch" and method == "POST":
            return self.batch(body, self._create, self._update, self._delete_by_id)
        found = re.fullmatch(r"/products/(\d+)/variations(/batch)?", rest)
        if found:
            parent = self.products.get(int(found.group(1)))
            if parent is None or parent["type"] == "variation":
                return _error(404, "woocommerce_rest_product_invalid_id", "Invalid ID.")
            if found.group(2) and method == "POST":
                return self.batch(body, lambda item: self._create_variation(parent, item),
                                  lambda item: self._update_variation(parent, item), self._delete_by_id)
            if method == "GET":
                return self.page(sorted(self.variations(parent["id"]), key=lambda v: v["id"]), query)
        if rest == "/orders" and method == "GET":
            return self.list_orders(query)
        if rest.startswith("/orders/"):
            return self.order_route(method, rest[len("/orders/"):].split("/"), body)
        return _error(404, "rest_no_route", "No route was found matching the URL and request method.")

    def upload(self, headers, body):
        """wp-includes/rest-api/endpoints/class-wp-rest-attachments-controller.php create_item():
        the file keeps the name given in Content-Disposition, under uploads/YYYY/MM/, in public."""
        found = re.search(r'filename="?([^";]+)"?', headers.get("Content-Disposition", ""))
        if not found:
            return _error(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.")
        name = re.sub(r"[^A-Za-z0-9._-]", "", found.group(1))
        media_id = self.new_id()
        url = f"{self.url}/wp-content/uploads/2026/11/{name}"
        self.media[media_id] = {"kind": headers.get("Content-Type", ""), "data": bytes(body), "name": name,
                                "url": url}
        return 201, {"id": media_id, "source_url": url}, {}

    def list_products(self, query):
        # class-wc-rest-products-controller.php prepare_objects_query(): status defaults to
        # 'any', which in WP_Query leaves out the trash (exclude_from_search statuses).
        status = query.get("status", "any")
        found = [p for p in self.products.values()
                 if (p["status"] != "trash" if status == "any" else p["status"] == status)]
        if query.get("sku"):
            # Same file: the sku filter splits on commas ("Use commas to separate"), adds
            # the whole string back when there were several, matches with meta IN
            # (MySQL's collation: case-insensitive) and widens the search to variations.
            skus = query["sku"].split(",")
            if len(skus) > 1:
                skus.append(query["sku"])
            wanted = {s.upper() for s in skus}
            found = [p for p in found if p["sku"].upper() in wanted]
        else:
            found = [p for p in found if p["type"] != "variation"]
        return self.page(sorted(found, key=lambda p: p["id"]), query)

    def page(self, found, query):
        # class-wc-rest-crud-controller.php get_items(): X-WP-Total, X-WP-TotalPages; per_page at most 100.
        per_page = min(int(query.get("per_page", 10)), self.per_page_cap, 100)
        page = int(query.get("page", 1))
        pages = max((len(found) + per_page - 1) // per_page, 1) if found else 0
        chunk = found[(page - 1) * per_page: page * per_page]
        return 200, chunk, {"X-WP-Total": str(len(found)), "X-WP-TotalPages": str(pages)}

    def list_orders(self, query):
        found = list(self.orders.values())
        if query.get("modified_after"):
            # class-wc-rest-crud-controller.php prepare_objects_query(): modified_after is a
            # WP date_query 'after' on post_modified(_gmt), which is exclusive (inclusive
            # defaults to false), to the second.
            after = _when(query["modified_after"])
            found = [o for o in found if _when(o["date_modified_gmt"]) > after]
        # Same place: orderby 'date' or 'modified' gets ' ID' appended; the default is date, desc.
        orderby, order = query.get("orderby", "date"), query.get("order", "desc")
        field = {"date": "date_created_gmt", "modified": "date_modified_gmt", "id": "id"}[orderby]
        found.sort(key=lambda o: (o[field], o["id"]), reverse=order == "desc")
        answer = self.page(found, query)
        if self.between_pages is not None:
            self.between_pages(self, int(query.get("page", 1)))
        return answer

    def order_route(self, method, rest, body):
        order = self.orders.get(int(rest[0])) if rest[0].isdigit() else None
        if order is None:
            return _error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
        if rest[1:] == ["notes"] and method == "GET":
            return 200, self.notes[order["id"]], {}
        if rest[1:] == ["notes"] and method == "POST":
            note = {"id": self.new_id(), "note": body["note"], "customer_note": body.get("customer_note", False)}
            self.notes[order["id"]].append(note)
            return 201, note, {}
        if rest[1:] == [] and method == "GET":
            return 200, order, {}
        if rest[1:] == [] and method == "PUT":
            # class-wc-rest-orders-v2-controller.php: any status may be set, backwards too;
            # nothing on the shop's side stops it.
            if "status" in body:
                order["status"] = body["status"]
                self.status_history[order["id"]].append(body["status"])
            order["date_modified_gmt"] = self.tick()
            return 200, order, {}
        return _error(404, "rest_no_route", "No route was found matching the URL and request method.")

    # ---- batches ---------------------------------------------------------------

    def batch(self, body, create, update, delete):
        if not isinstance(body, dict):
            return _error(400, "rest_invalid_json", "Invalid JSON body passed.")
        # class-wc-rest-controller.php check_batch_limit(): 100 items.
        total = sum(len(body.get(k, [])) for k in ("create", "update", "delete"))
        if total > 100:
            return _error(413, "woocommerce_rest_request_entity_too_large",
                          "Unable to accept more than 100 items for this request.")
        out = {}
        with self.lock:
            if body.get("create"):
                out["create"] = [create(item) for item in body["create"]]
            if body.get("update"):
                out["update"] = [update(item) for item in body["update"]]
            if body.get("delete"):
                # batch_items(): each delete is a DELETE with force=true (gone for good).
                out["delete"] = [delete(int(i)) for i in body["delete"]]
        return 200, out, {}

    def _sku_taken(self, sku, own_id=0) -> bool:
        # data-stores/class-wc-product-data-store-cpt.php is_existing_sku(): products and
        # variations, trash left out.
        return any(p["sku"] and p["sku"].upper() == sku.upper() and p["status"] != "trash" and p["id"] != own_id
                   for p in self.products.values())

    def _check(self, item, own_id=0):
        if item.get("sku") and self._sku_taken(item["sku"], own_id):
            # class-wc-rest-products-v2-controller.php prepare_object_for_database() → set_sku().
            return "product_invalid_sku", "Invalid or duplicated SKU."
        for key in ("regular_price",):
            if item.get(key) not in (None, "") and not _is_price(item[key]):
                return "rest_invalid_param", f"Invalid parameter(s): {key}"
        for image in item.get("images") or []:
            if image.get("id") and image["id"] not in self.media:
                # class-wc-rest-products-controller.php set_product_images().
                return "woocommerce_product_invalid_image_id", f"#{image['id']} is an invalid image ID."
        return None

    def _create(self, item):
        problem = self._check(item)
        if problem:
            return _item_error(0, *problem)
        product = {"id": self.new_id(), "type": "simple", "name": "", "status": "publish", "regular_price": "",
                   "description": "", "stock_status": "instock", "images": [], "attributes": [], "sku": "",
                   "meta_data": [], **item}
        product["images"] = self._images(product["images"])
        self.products[product["id"]] = product
        return product

    def _update(self, item):
        product = self.products.get(item.get("id"))
        if product is None or product["type"] == "variation":
            # class-wc-rest-crud-controller.php update_item(): "woocommerce_rest_{post_type}_invalid_id".
            return _item_error(item.get("id", 0), "woocommerce_rest_product_invalid_id", "Invalid ID.")
        problem = self._check(item, product["id"])
        if problem:
            return _item_error(product["id"], *problem)
        # A product in the trash is updated like any other and stays there.
        product.update(item)
        product["images"] = self._images(product.get("images", []))
        return product

    def _delete_by_id(self, product_id):
        product = self.products.get(product_id)
        if product is None:
            return _item_error(product_id, "woocommerce_rest_product_invalid_id", "Invalid ID.", 404)
        self.delete(product_id)
        return product

    def _variation_attributes(self, parent, attributes):
        # class-wc-rest-product-variations-controller.php prepare_object_for_database():
        # an attribute the parent does not use for variations is dropped.
        usable = {a["name"].lower(): a for a in parent.get("attributes", []) if a.get("variation")}
        return [{"name": usable[a["name"].lower()]["name"], "option": a["option"]}
                for a in attributes or [] if a.get("name", "").lower() in usable
                and a.get("option") in usable[a["name"].lower()].get("options", [])]

    def _create_variation(self, parent, item):
        problem = self._check(item)
        if problem:
            return _item_error(0, *problem)
        variation = {"id": self.new_id(), "type": "variation", "parent_id": parent["id"], "status": "publish",
                     "sku": "", "regular_price": "", "manage_stock": False, "stock_quantity": None,
                     "stock_status": "instock", **item}
        variation["attributes"] = self._variation_attributes(parent, item.get("attributes"))
        self.products[variation["id"]] = variation
        return variation

    def _update_variation(self, parent, item):
        variation = self.products.get(item.get("id"))
        if variation is None or variation.get("parent_id") != parent["id"]:
            return _item_error(item.get("id", 0), "woocommerce_rest_product_variation_invalid_id", "Invalid ID.")
        problem = self._check(item, variation["id"])
        if problem:
            return _item_error(variation["id"], *problem)
        variation.update({k: v for k, v in item.items() if k != "attributes"})
        if "attributes" in item:
            variation["attributes"] = self._variation_attributes(parent, item["attributes"])
        return variation

    def _images(self, images):
        """As WooCommerce answers: each attached media with its public address."""
        return [{"id": i["id"], "src": self.media[i["id"]]["url"]} for i in images if i.get("id") in self.media]


def _is_price(text) -> bool:
    return isinstance(text, str) and re.fullmatch(r"\d+(\.\d+)?", text) is not None
