"""Applying what buyers sent: a request for quotation becomes a quotation, an
accepted one an order. Each handler returns a reference to what it made, or
None when the part of smedesk it needs is not in this build (the item then
waits in the inbox and is applied by a later sync)."""

from __future__ import annotations

import importlib


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            return None
        raise


def apply_request(db, payload: dict, actor):
    """A buyer's request for quotation → a draft quotation (accounts area)."""
    quotations = _module("smedesk.accounts.quotations")
    if quotations is None or not hasattr(quotations, "create_quotation"):
        return None
    from smedesk.sync.quoting import quotation_from_request

    return quotation_from_request(db, quotations, payload, actor)


def apply_order(db, payload: dict, actor):
    """An order from the shop → an order on the shop floor (tracking area)."""
    orders = _module("smedesk.tracking.orders")
    if orders is None or not hasattr(orders, "create_order"):
        return None
    from smedesk.sync.quoting import order_from_shop

    return order_from_shop(db, orders, payload, actor)
