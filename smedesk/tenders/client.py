"""Pulling record or release packages from the open-contracting portal.

Pages come newest first and are followed by `links.next` until a page holds
nothing newer than where the last complete pull ended (the cursor). Each good
page is stored in its own transaction and the next URL saved with it, so an
interrupted pull resumes where it stopped. Errors are retried with backoff; a
page that cannot be had is reported with its URL, and what came before stays.
The HTTP session and base URL are arguments, so tests use a local server.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from smedesk.core import settings
from smedesk.core.db import tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.roles import Actor, require
from smedesk.sync.transport import LOOPBACK, Transport, TransportError, Words
from smedesk.tenders import store
from smedesk.tenders.importer import ImportReport, import_package, parse_bytes

DEFAULT_BASE_URL = "https://contratacionesabiertas.oece.gob.pe"
ENDPOINTS = {"records": "/api/v1/recordsAfter", "releases": "/api/v1/releasesAfter"}
MAX_PAGE_BYTES = 100 * 1024 * 1024

settings.define("seace.base_url", DEFAULT_BASE_URL, "text", N_("Address of the open-contracting portal"))
settings.define("seace.min_seconds", "1", "decimal", N_("Seconds to wait between two pages (be polite)"))
settings.define("seace.timeout", "30", "int", N_("Seconds to wait for a page before trying again"))


@dataclass
class Pacing:
    """How the client behaves on the wire. Attributes: timeout (s), retries per
    page, backoff (first wait, doubled each retry), min_interval between pages."""

    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0
    min_interval: float = 1.0

    @classmethod
    def from_settings(cls, db) -> Pacing:
        return cls(timeout=float(settings.get_int(db, "seace.timeout", 30)),
                   min_interval=float(settings.get_decimal(db, "seace.min_seconds", "1")))


class PageProblem(Exception):
    """A page that could not be had; the message says why."""


def is_encrypted(url: str) -> bool:
    """https, or plain http only to this computer itself (tests, a local mirror)."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)


def _page_dates(package: dict) -> list[str]:
    from smedesk.tenders.ocds import _date

    found = []
    for entry in package.get("records") or package.get("releases") or []:
        if isinstance(entry, dict):
            source = entry.get("compiledRelease") if isinstance(entry.get("compiledRelease"), dict) else entry
            when = _date(source.get("date"))
            if when:
                found.append(when)
    return found


def _page_keys(package: dict) -> list[tuple[str, str]]:
    keys = []
    for entry in package.get("records") or package.get("releases") or []:
        if isinstance(entry, dict):
            source = entry.get("compiledRelease") if isinstance(entry.get("compiledRelease"), dict) else entry
            keys.append((str(entry.get("ocid")), str(source.get("date"))))
    return keys


# The portal in the words of sync.transport's policy (the same rules as for the shop).
PORTAL = Words(
    other_host=N_("the portal sent us to another address ({host}); refused"),
    too_many_redirects=N_("the portal redirected too many times"),
    redirected_change=N_("the portal redirected a change; refused"),
    too_large=N_("the page is too large"),
    cut=N_("the connection was cut while the portal answered"),
    certificate=N_("the portal's security certificate could not be verified"),
    slow=N_("the portal did not answer in time"),
    no_connection=N_("no internet, or the portal is down"),
    unreachable=N_("the portal could not be reached"),
)


def transport_for(session, url: str, pacing: Pacing) -> Transport:
    """sync.transport's policy for the portal: TLS verified, redirects only
    within the portal's own origin, bodies streamed with the size cap checked
    while they are read."""
    parts = urlsplit(url)
    return Transport(f"{parts.scheme}://{parts.netloc}", session=session, timeout=(pacing.timeout, pacing.timeout),
                     max_bytes=MAX_PAGE_BYTES, words=PORTAL, check=_checked)


def _checked(base_url: str) -> str:
    if not is_encrypted(base_url):
        raise PageProblem(tr("the portal must be reached with https://"))
    return base_url


def fetch(session, url: str, pacing: Pacing, sleep=time.sleep):
    """One page as parsed JSON, retrying server errors, timeouts and broken bodies."""
    if not is_encrypted(url):
        raise PageProblem(tr("the portal must be reached with https://"))
    transport = transport_for(session, url, pacing)
    last = ""
    for attempt in range(pacing.retries + 1):
        if attempt:
            sleep(pacing.backoff * (2 ** (attempt - 1)))
        try:
            answer = transport.fetch(url, headers={"Accept": "application/json"})
        except TransportError as exc:
            if not exc.retryable:
                raise PageProblem(str(exc)) from None
            last = str(exc)
            continue
        if answer.status >= 500 or answer.status == 429:
            last = tr("the portal answered with error {code}", code=answer.status)
            continue
        if answer.status != 200:
            raise PageProblem(tr("the portal answered with error {code}", code=answer.status))
        if "html" in answer.headers.get("Content-Type", "").lower():
            raise PageProblem(tr("it is a web page (HTML), not OCDS data"))
        try:
            package = parse_bytes(answer.body, url)
        except ValueError as exc:
            last = str(exc)
            continue
        if not isinstance(package, dict) or not (
                isinstance(package.get("records"), list) or isinstance(package.get("releases"), list)):
            raise PageProblem(tr("it is not an OCDS record or release package"))
        return package
    raise PageProblem(last)


def pull(db, session, base_url: str | None = None, *, actor: Actor, kind: str = "records",
         max_pages: int | None = None, pacing: Pacing | None = None, progress=None, cancelled=None,
         sleep=time.sleep) -> ImportReport:
    """Pull new pages from the portal into the store. Returns what changed and
    the problems met (each with its URL)."""
    require(actor, "seace")
    if kind not in ENDPOINTS:
        raise ValueError(kind)
    base_url = (base_url or settings.get(db, "seace.base_url") or DEFAULT_BASE_URL).rstrip("/")
    if not is_encrypted(base_url):
        raise ValidationError(tr("The portal must be reached with https:// ({url})", url=base_url[:80]),
                              field="seace.base_url")
    pacing = pacing or Pacing.from_settings(db)
    key = f"{kind}:{base_url}"
    cursor = store.get_state(db, f"cursor:{key}")
    url = store.get_state(db, f"resume:{key}") or base_url + ENDPOINTS[kind]
    newest = store.get_state(db, f"newest:{key}")
    report = ImportReport()
    seen: set[str] = set()
    prints: set[str] = set()
    pages = 0
    last_request = 0.0
    complete = False
    while url:
        if cancelled and cancelled():
            break
        if max_pages is not None and pages >= max_pages:
            break
        if url in seen:
            report.problems.append((url, tr("the portal sent the same page again; stopped there")))
            break
        seen.add(url)
        wait = pacing.min_interval - (time.monotonic() - last_request)
        if wait > 0 and pages:
            sleep(wait)
        last_request = time.monotonic()
        try:
            package = fetch(session, url, pacing, sleep)
        except PageProblem as exc:
            report.problems.append((url, str(exc)))
            break
        dates = _page_dates(package)
        fingerprint = hashlib.sha256(repr(sorted(_page_keys(package))).encode()).hexdigest()
        if fingerprint in prints:
            report.problems.append((url, tr("the portal sent the same page again; stopped there")))
            break
        prints.add(fingerprint)
        next_url = (package.get("links") or {}).get("next") if isinstance(package.get("links"), dict) else None
        next_url = next_url if isinstance(next_url, str) and next_url.strip() else None
        reached = bool(cursor and dates and min(dates) <= cursor)
        with tx(db):
            report.add(import_package(db, package, url, actor=actor))
            newest = max(filter(None, [newest, *dates]), default=None)
            done = reached or next_url is None
            store.set_state(db, f"newest:{key}", None if done else newest)
            store.set_state(db, f"resume:{key}", None if done else next_url)
            if done and newest:
                store.set_state(db, f"cursor:{key}", max(filter(None, [cursor, newest])))
        pages += 1
        if progress:
            progress(pages, max_pages or 0)
        if reached or next_url is None:
            complete = True
            break
        url = next_url
    report.complete = complete
    return report


def session() -> requests.Session:
    """A session that says who is asking."""
    from smedesk import __version__

    made = requests.Session()
    made.headers["User-Agent"] = f"smedesk/{__version__} (SEACE reader)"
    return made
