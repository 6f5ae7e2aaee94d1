"""Roles and what each may do. Checked in the domain, whatever the UI shows.

owner: everything. staff: the scan station and their own worksheets; no
money figures, no settings, no books.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smedesk.core.errors import PermissionDenied
from smedesk.core.i18n import N_, tr

ROLES = ("owner", "staff")

# Permissions staff hold; the owner holds every permission.
STAFF_PERMISSIONS = frozenset({"scan", "worksheet.own", "catalogue.view"})

PERMISSION_NAMES = {
    "money.view": N_("see money figures"),
    "settings.edit": N_("change business settings"),
    "users.manage": N_("manage users"),
    "backup": N_("make or restore backups"),
    "catalogue.edit": N_("edit the catalogue and costs"),
    "orders.edit": N_("manage orders"),
    "scan.undo": N_("undo a scan"),
    "accounts.post": N_("post to the books"),
    "accounts.view": N_("see the books"),
    "exportplan.edit": N_("edit export plans"),
    "sync": N_("synchronise"),
    "seace": N_("follow public tenders"),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting. Attributes: user_id (None for system jobs), name, role."""

    user_id: int | None
    name: str
    role: str

    def can(self, permission: str) -> bool:
        return self.role == "owner" or permission in STAFF_PERMISSIONS


SYSTEM = Actor(None, "system", "owner")


def bind(db, actor: Actor | None) -> None:
    """Tie a connection to the person using it. The window binds each session's
    connection to whoever logged in; reads of money figures then check the
    role in the domain (`require_view`), whatever page asks."""
    db.smedesk_actor = actor


def require_view(db, permission: str = "money.view") -> None:
    """Refuse a read of money figures unless the connection is bound to a user
    allowed `permission`. Closed by default: a connection nobody is bound to
    (a command, a background job, a test) is refused too; whoever opens one
    binds the person it acts for (`bind`), the command line binds the owner."""
    actor = getattr(db, "smedesk_actor", None)
    if actor is None:
        raise PermissionDenied(tr("Nobody is signed in on this connection: money figures are shown only to"
                                  " a user allowed to see them."))
    require(actor, permission)


def can_view(db, permission: str = "money.view") -> bool:
    """Whether the connection's bound user may see money figures (never when unbound)."""
    actor = getattr(db, "smedesk_actor", None)
    return actor is not None and actor.can(permission)


MONEY_FIELD = re.compile(r"(_cents|^price|^unit_price|^rate_per_hour|^piece_rate)$")


def redact(db, found, permission: str = "money.view"):
    """A row (dict), a list of rows or None, with its money fields (*_cents, price,
    unit_price, rates) set to None unless the bound user may see them: a read
    that anyone may make (a product, an order) without leaking its figures."""
    if found is None or can_view(db, permission):
        return found
    for record in ([found] if isinstance(found, dict) else found):
        for key in record:
            if MONEY_FIELD.search(key):
                record[key] = None
    return found


def require(actor: Actor, permission: str) -> None:
    if not actor.can(permission):
        what = tr(PERMISSION_NAMES.get(permission, permission))
        raise PermissionDenied(
            tr("{name} cannot {what}: only the owner can.", name=actor.name, what=what)
        )
