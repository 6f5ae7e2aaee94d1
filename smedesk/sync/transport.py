"""HTTP for sync: TLS verified, redirects to another host refused, answers
checked before anything uses them (size, type, JSON), every failure turned
into a TransportError that says whether trying again could help.

Trusted certificates are the system's (Windows' store, OpenSSL's default
paths elsewhere) plus certifi's, plus REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE
when set: `Session.send()` alone ignores the environment, so its settings
are merged in for every request. The session and base URL are arguments,
so tests point it at a server they started on 127.0.0.1.
"""

from __future__ import annotations

import email.utils
import json
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter

from smedesk import __version__
from smedesk.core.errors import SmedeskError, ValidationError
from smedesk.core.i18n import N_, tr

MAX_BODY = 8 * 1024 * 1024
MAX_REDIRECTS = 3
LOOPBACK = ("127.0.0.1", "localhost", "::1")  # for other clients (SEACE) that allow local http
USER_AGENT = f"smedesk/{__version__} (workshop manager; WooCommerce sync)"
BOM = b"\xef\xbb\xbf"


class TransportError(SmedeskError):
    """A request that did not succeed. `retryable`: a later try may work
    (no connection, timeout, server error); `status`: the HTTP status, if any;
    `code`: the WordPress error code of the answer, if any; `retry_after`:
    seconds the server asked us to wait (Retry-After), if any; `hold`: nothing
    is wrong with the items, this computer cannot reach the shop as it is
    (an untrusted certificate): they wait without counting a failed attempt."""

    def __init__(self, message: str, *, retryable: bool, status: int | None = None, code: str = "",
                 retry_after: float | None = None, hold: bool = False, kind: str = ""):
        super().__init__(message)
        self.retryable = retryable
        self.status = status
        self.code = code
        self.retry_after = retry_after
        self.hold = hold
        # what went wrong, for callers that word it their own way (SUNAT): tls,
        # timeout, connection, cut, too_large, redirect
        self.kind = kind


def trusted_context() -> ssl.SSLContext:
    """The system's trusted certificates and certifi's."""
    context = ssl.create_default_context()
    try:
        import certifi

        context.load_verify_locations(certifi.where())
    except (ImportError, OSError):
        pass
    return context


class _TrustedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_context"] = trusted_context()
        return super().init_poolmanager(*args, **kwargs)


def new_session() -> requests.Session:
    session = requests.Session()
    session.mount("https://", _TrustedAdapter())
    session.headers["User-Agent"] = USER_AGENT
    return session


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds (RFC 9110 §10.2.3: a number of seconds or an HTTP date)."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


@dataclass(frozen=True)
class Reply:
    """Attributes: status, headers (case-insensitive mapping), data (parsed JSON or None)."""

    status: int
    headers: dict
    data: object
    size: int


@dataclass(frozen=True)
class Words:
    """What a refusal says, naming the service in its own words (English
    source strings, translated when raised): the same policy speaks of «the
    shop» for WooCommerce and «the portal» for SEACE."""

    other_host: str
    too_many_redirects: str
    redirected_change: str
    too_large: str
    cut: str
    certificate: str
    slow: str
    no_connection: str
    unreachable: str


SHOP = Words(
    other_host=N_("The shop sent us to another address ({host}); refused."),
    too_many_redirects=N_("The shop redirected too many times."),
    redirected_change=N_("The shop redirected a change; refused."),
    too_large=N_("The shop's answer is too large; refused."),
    cut=N_("The connection was cut while the shop answered."),
    certificate=N_("This computer does not trust the shop's security certificate, so nothing was sent; "
                   "the items wait. Check the date and time of this computer and that the address is the "
                   "shop's; if the shop uses its own certificate authority, set REQUESTS_CA_BUNDLE to its file."),
    slow=N_("The shop took too long to answer."),
    no_connection=N_("Could not connect to the shop (no internet, or the shop is down)."),
    unreachable=N_("The shop could not be reached; the items wait for the next try."),
)


@dataclass(frozen=True)
class Raw:
    """An answer as it came, read under the policy. Attributes: status, headers, body (bytes)."""

    status: int
    headers: dict
    body: bytes
    reason: str = ""


def check_base_url(url: str, *, field: str = "base_url") -> str:
    """An https address. WooCommerce takes its keys over plain http only signed
    with OAuth 1.0a (class-wc-rest-authentication.php: Basic auth needs is_ssl()),
    and there they would travel readable: refused with that explanation."""
    url = (url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if not url:
        raise ValidationError(tr("Give the address of the shop (https://…)."), field=field)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError(tr("«{url}» is not a web address (https://…).", url=url), field=field)
    if parts.scheme == "http":
        raise ValidationError(
            tr("The shop must be reached with https://. Over plain http:// WooCommerce ignores the keys "
               "(it would want each request signed with OAuth 1.0a) and anyone on the way could read them. "
               "Turn on HTTPS on the shop's host (most hosts give a free certificate) and use https://."),
            field=field)
    if parts.username or parts.password:
        raise ValidationError(tr("Do not put user names or keys in the address."), field=field)
    return url


def _origin(url: str) -> tuple:
    p = urlsplit(url)
    return (p.scheme, p.hostname, p.port or (443 if p.scheme == "https" else 80))


class Transport:
    """Requests against one shop. `auth` is a requests auth object (never logged)."""

    def __init__(self, base_url: str, *, session: requests.Session | None = None, auth=None,
                 timeout: tuple[float, float] = (10.0, 60.0), max_bytes: int = MAX_BODY, check=None,
                 words: Words = SHOP):
        # `check`: the caller's address rule (default: the shop's, https only);
        # `words`: how refusals name the service (the shop, the portal)
        self.base_url = (check or check_base_url)(base_url)
        self.words = words
        self.session = session or new_session()
        self.auth = auth
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.bytes_sent = 0
        self.bytes_received = 0
        self.requests = 0

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")

    def request(self, method: str, path: str, *, params=None, json_body=None, data: bytes | None = None,
                headers: dict | None = None, auth=False) -> Reply:
        """`auth`: False for the transport's own, None for none, or a requests auth object."""
        body = data
        self._auth = self.auth if auth is False else auth
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT, **(headers or {})}
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json; charset=utf-8"
        return self._read(self._follow(method, self.url(path), params, body, headers))

    def fetch(self, url: str, *, headers: dict | None = None) -> Raw:
        """GET an absolute address on the same origin as base_url, under the
        same policy (redirects only within the origin, body streamed and capped
        while it is read), without judging the answer: the caller does."""
        if _origin(url) != _origin(self.base_url):
            raise TransportError(tr(self.words.other_host, host=urlsplit(url).hostname or "?"), retryable=False,
                                 kind="redirect")
        self._auth = self.auth
        response = self._follow("GET", url, None, None, dict(headers or {}))  # the session says who asks
        return Raw(response.status_code, response.headers, self._body(response), response.reason or "")

    def _follow(self, method, url, params, body, headers):
        """Send, following redirects that stay on the origin; the response is
        returned unread (streamed)."""
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._send(method, url, params, body, headers)
            if response.status_code in (301, 302, 303, 307, 308):
                url = self._redirect(method, url, response)
                params = None
                continue
            return response
        raise TransportError(tr(self.words.too_many_redirects), retryable=False, kind="redirect")

    def post_bytes(self, data: bytes, headers: dict) -> Reply:
        """POST raw bytes to the base address itself, without the transport's
        auth, and return the raw answer (Reply.data is bytes) whatever its
        status: SOAP faults come with HTTP 500 and the caller reads them. TLS,
        the size cap and the redirect rule hold as for every request."""
        self._auth = None
        headers = {"User-Agent": USER_AGENT, **headers}
        response = self._send("POST", self.base_url, None, data, headers)
        if response.status_code in (301, 302, 303, 307, 308):
            self._redirect("POST", self.base_url, response)
        raw = self._body(response)
        return Reply(response.status_code, response.headers, raw, len(raw))

    def _send(self, method, url, params, body, headers):
        try:
            prepared = self.session.prepare_request(
                requests.Request(method, url, params=params, data=body, headers=headers, auth=self._auth))
            env = self.session.merge_environment_settings(prepared.url, {}, None, None, None)
            self.bytes_sent += len(prepared.body or b"") + len(prepared.url)
            self.requests += 1
            return self.session.send(prepared, allow_redirects=False, stream=True, timeout=self.timeout,
                                     verify=env["verify"], proxies=env["proxies"], cert=env["cert"])
        except requests.exceptions.SSLError:
            raise TransportError(tr(self.words.certificate), retryable=True, hold=True, kind="tls") from None
        except requests.exceptions.Timeout:
            raise TransportError(tr(self.words.slow), retryable=True, kind="timeout") from None
        except requests.exceptions.ConnectionError:
            raise TransportError(tr(self.words.no_connection), retryable=True, kind="connection") from None
        except requests.exceptions.RequestException:
            raise TransportError(tr(self.words.unreachable),
                                 retryable=True, kind="connection") from None

    def _redirect(self, method: str, url: str, response) -> str:
        target = urljoin(url, response.headers.get("Location", ""))
        response.close()
        if _origin(target) != _origin(self.base_url):
            raise TransportError(tr(self.words.other_host, host=urlsplit(target).hostname or "?"),
                                 retryable=False, status=response.status_code, kind="redirect")
        if method not in ("GET", "HEAD"):
            raise TransportError(tr(self.words.redirected_change), retryable=False, status=response.status_code,
                                 kind="redirect")
        return target

    def _body(self, response) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            response.close()
            raise TransportError(tr(self.words.too_large), retryable=False, kind="too_large")
        chunks, total = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                total += len(chunk)
                if total > self.max_bytes:
                    raise TransportError(tr(self.words.too_large), retryable=False, kind="too_large")
                chunks.append(chunk)
        except requests.exceptions.RequestException:
            raise TransportError(tr(self.words.cut), retryable=True, kind="cut") from None
        finally:
            response.close()
        self.bytes_received += total
        return b"".join(chunks)

    def _read(self, response) -> Reply:
        raw = self._body(response)
        status = response.status_code
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        is_json = kind == "application/json" or kind.endswith("+json")
        data = None
        if raw and is_json:
            try:
                # Some WordPress plugins print a UTF-8 byte order mark before the JSON.
                data = json.loads(raw.removeprefix(BOM).decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                if status < 400:
                    raise TransportError(tr("The shop's answer is not valid JSON; refused."), retryable=True,
                                         status=status) from None
        if status >= 400:
            message = data.get("message") if isinstance(data, dict) and isinstance(data.get("message"), str) else ""
            code = data.get("code") if isinstance(data, dict) and isinstance(data.get("code"), str) else ""
            reason = tr("The shop answered {status}: {message}", status=status, message=message[:200] or
                        response.reason or "")
            wait = retry_after_seconds(response.headers.get("Retry-After")) if status in (429, 503) else None
            raise TransportError(reason, retryable=status >= 500 or status in (408, 429), status=status,
                                 code=code[:100], retry_after=wait)
        if raw and not is_json:
            raise TransportError(
                tr("The shop answered with {kind} instead of data (a login or error page?); refused.",
                   kind=kind or "?"), retryable=True, status=status)
        return Reply(status, response.headers, data, len(raw))
