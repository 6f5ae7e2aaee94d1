"""Checks on the shop's answers, shared by the WooCommerce adapter's parts:
a wrong shape refuses the whole answer and changes nothing here."""

from __future__ import annotations

from smedesk.core.i18n import tr
from smedesk.sync.transport import TransportError

API = "wp-json/wc/v3"
BATCH_LIMIT = 100
MAX_PAGES = 500


class NoMediaLogin(TransportError):
    """No application password (or a refused one): photos and PDFs cannot go."""


def no_media_text() -> str:
    return tr("Photos and PDFs cannot go to the shop yet: WooCommerce keys do not open WordPress's media "
              "library. On Sincronizar, give a WordPress user and an application password (how to make one "
              "is explained there); the products went without their photos and the photos follow at the next sync.")


def bad_answer(what: str) -> TransportError:
    return TransportError(tr("The shop's answer has the wrong shape ({what}); refused.", what=what),
                          retryable=False)


def int_id(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise bad_answer(what)
    return value


def text(value, what: str, *, allow_none: bool = False) -> str:
    if value is None and allow_none:
        return ""
    if not isinstance(value, str):
        raise bad_answer(what)
    return value


def page_count(reply) -> int:
    total = reply.headers.get("X-WP-TotalPages", "1")
    if not str(total).isdigit() or int(total) > MAX_PAGES:
        raise bad_answer("X-WP-TotalPages")
    return int(total)


def failed(exc: TransportError, key: str):
    from smedesk.sync.marketplace import Outcome

    return Outcome(key, False, error=str(exc), retryable=exc.retryable, hold=exc.hold, retry_after=exc.retry_after)
