"""The one small interface every marketplace adapter offers, and the values
that cross it. Adapters know HTTP and the shop's shapes; nothing else does."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class ProductChange:
    """One product to publish. Attributes: key (idempotency key), uid, sku,
    remote_id (None when the shop's id is not known yet), listing (the full
    listing now), fields (listing fields that changed), photo (bytes, when the
    photo changed)."""

    key: str
    uid: str
    sku: str
    remote_id: str | None
    listing: dict
    fields: list[str]
    photo: bytes | None = None
    known: dict = field(default_factory=dict)


@dataclass
class OrderUpdate:
    """A message for a buyer. Attributes: key, order_ref (the shop's order id),
    note (shown to the buyer), status (new order status, or ''), attachment
    (a PDF to link from the note, or None), attachment_name."""

    key: str
    order_ref: str
    note: str
    status: str = ""
    attachment: bytes | None = None
    attachment_name: str = ""


@dataclass
class Outcome:
    """What became of one item. Attributes: key, ok, remote_id, error,
    retryable, image_url (the public address of the product's photo on the shop),
    hold (this computer cannot reach the shop as it is: wait, count no failed
    attempt), retry_after (seconds the shop asked to wait), unsent (listing
    fields that could not go this time, say the photo), trashed (the owner
    moved the product to the shop's trash), variation_ids (the shop's ids of
    its variations, by variant uid)."""

    key: str
    ok: bool
    remote_id: str | None = None
    error: str = ""
    retryable: bool = True
    image_url: str = ""
    hold: bool = False
    retry_after: float | None = None
    unsent: list = field(default_factory=list)
    trashed: bool = False
    variation_ids: dict = field(default_factory=dict)


@dataclass
class RemoteOrder:
    """An order or request for quotation from the shop. Attributes: ref, kind
    ('rfq' or 'order'), status, modified (UTC ISO), currency, buyer (name,
    email, company, country, phone), lines ([{sku, name, qty}]), note."""

    ref: str
    kind: str
    status: str
    modified: str
    currency: str
    buyer: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)
    note: str = ""

    def as_dict(self) -> dict:
        return {"ref": self.ref, "kind": self.kind, "status": self.status, "modified": self.modified,
                "currency": self.currency, "buyer": self.buyer, "lines": self.lines, "note": self.note}


class Marketplace(Protocol):
    name: str

    def publish(self, changes: list[ProductChange]) -> list[Outcome]:
        """Create, update or delete these products; one Outcome per change, same order."""

    def fetch_orders(self, since: str | None) -> tuple[list[RemoteOrder], str | None]:
        """Orders and requests modified after the cursor `since`; and the new cursor."""

    def update_order(self, update: OrderUpdate) -> Outcome:
        """Post a note (and a status) to a buyer's order; sending it twice posts it once."""
