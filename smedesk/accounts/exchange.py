"""The exchange rate of a date: SBS's weighted average selling rate (the rule SUNAT
applies to comprobantes in dollars: the rate published for the date, or the last
one published before it on days without publication).

The owner imports SBS's daily rate file as SBS publishes it (the «tipo de cambio
promedio ponderado» table saved from its site: Excel, or the HTML/CSV table it
exports, with columns Fecha, Moneda, Compra, Venta; dates dd/mm/yyyy), or types a
day's rate once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

from smedesk.core import audit, clock
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import canonical
from smedesk.core.roles import Actor, require, require_view

LOOKBACK_DAYS = 10   # a rate older than this is not «the last one published»
USD_NAMES = ("dolar de n.a.", "dolar americano", "dolar", "us$", "usd")


@dataclass(frozen=True)
class Imported:
    count: int
    first: str
    last: str


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().split())


class _Table(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _cells(data: bytes) -> list[list[str]]:
    if data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception:
            raise ValidationError(tr("The rate file is not a readable Excel file: nothing was imported."),
                                  field="file") from None
        return [["" if v is None else (v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else str(v))
                 for v in r] for r in sheet.iter_rows(values_only=True)]
    text = data.decode("utf-8-sig") if _utf8(data) else data.decode("latin-1")
    if "<table" in text.lower():
        parser = _Table()
        parser.feed(text)
        return parser.rows
    delimiter = max((";", "\t", "|", ","), key=text.split("\n", 1)[0].count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _day(value: str, line: int) -> str:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise ValidationError(tr("Line {line} of the rate file: «{value}» is not a date (dd/mm/yyyy); nothing was "
                                 "imported.", line=line, value=value), field="file") from None


def _rate(value: str, line: int) -> Decimal:
    try:
        rate = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(tr("Line {line} of the rate file: «{value}» is not a rate; nothing was imported.",
                                 line=line, value=value), field="file") from None
    if not Decimal("0.5") <= rate <= Decimal("50"):
        raise ValidationError(tr("Line {line} of the rate file: {value} soles per dollar cannot be right; nothing "
                                 "was imported.", line=line, value=value), field="file")
    return rate


def parse_sbs(data: bytes) -> dict[str, tuple[str, str]]:
    """{day: (buy, sell)} for the dollar, from SBS's table. Refuses a file that lacks a
    working day between its first and last dates (weekends and national holidays have none)."""
    table = [[c.strip() for c in r] for r in _cells(data) if any(str(c).strip() for c in r)]
    header_at = next((i for i, r in enumerate(table) if {"fecha", "venta"} <= {_fold(c) for c in r}), None)
    if header_at is None:
        raise ValidationError(tr("The rate file has no Fecha and Venta columns (SBS's table): nothing was imported."),
                              field="file")
    names = [_fold(c) for c in table[header_at]]
    col = {k: names.index(k) for k in ("fecha", "moneda", "compra", "venta") if k in names}
    out: dict[str, tuple[str, str]] = {}
    for n, r in enumerate(table[header_at + 1:], start=header_at + 2):
        if len(r) <= max(col.values()):
            raise ValidationError(tr("Line {line} of the rate file is cut short: nothing was imported.", line=n),
                                  field="file")
        if "moneda" in col and not _fold(r[col["moneda"]]).startswith(USD_NAMES):
            continue
        day = _day(r[col["fecha"]], n)
        sell = _rate(r[col["venta"]], n)
        buy = _rate(r[col["compra"]], n) if "compra" in col and r[col["compra"]] else None
        if day in out and out[day][1] != canonical(sell):
            raise ValidationError(tr("The rate file gives two rates for {day}: nothing was imported.", day=day),
                                  field="file")
        out[day] = (canonical(buy) if buy else "", canonical(sell))
    if not out:
        raise ValidationError(tr("The rate file has no dollar rates: nothing was imported."), field="file")
    missing = missing_days(sorted(out))
    if missing:
        raise ValidationError(tr("The rate file has no rate for {day}, a working day between {first} and {last}: "
                                 "nothing was imported.", day=missing[0], first=min(out), last=max(out)), field="file")
    return out


def missing_days(days: list[str]) -> list[str]:
    from smedesk.tracking.holidays_pe import HOLIDAYS

    holidays = {d for d, _ in HOLIDAYS}
    have, out = set(days), []
    day, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    while day <= last:
        iso = day.isoformat()
        if day.weekday() < 5 and iso not in holidays and iso not in have:
            out.append(iso)
        day += dt.timedelta(days=1)
    return out


def import_sbs_file(db, path, *, actor: Actor) -> Imported:
    """Import SBS's rate file, all or nothing; its rates replace typed ones of the same days."""
    require(actor, "accounts.post")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(tr("The rate file cannot be read: {reason}", reason=exc.strerror or exc), field="file") from None
    rates = parse_sbs(data)
    now = clock.now_iso()
    with tx(db):
        db.conn.executemany("INSERT OR REPLACE INTO fx_rates (day, currency, buy, sell, source, created_at)"
                            " VALUES (?, 'USD', ?, ?, 'sbs', ?)",
                            [(day, buy, sell, now) for day, (buy, sell) in sorted(rates.items())])
        audit.record(db, actor, "fx.import", "fx_rates", min(rates), count=len(rates), last=max(rates))
    return Imported(len(rates), min(rates), max(rates))


def set_rate(db, day, sell, *, actor: Actor, currency: str = "USD") -> None:
    """Type a day's rate once (a day SBS's file did not bring)."""
    require(actor, "accounts.post")
    from smedesk.accounts.journal import parse_date

    day = parse_date(day)
    rate = _rate(str(sell), 1) if str(sell).strip() else None
    if rate is None:
        raise ValidationError(tr("Write the rate in soles per dollar."), field="fx")
    if row(db, "SELECT 1 AS x FROM fx_rates WHERE day = ? AND currency = ?", [day, currency]):
        raise ValidationError(tr("{day} already has its rate.", day=day), field="day")
    with tx(db):
        db.execute("INSERT INTO fx_rates (day, currency, sell, source, created_at) VALUES (?, ?, ?, 'typed', ?)",
                   [day, currency, canonical(rate), clock.now_iso()])
        audit.record(db, actor, "fx.set", "fx_rates", day, sell=canonical(rate))


def rate_for(db, day, currency: str = "USD") -> Decimal | None:
    """The SBS selling rate of `day`, or the last one published before it (within ten days)."""
    day = str(day)[:10]
    since = (dt.date.fromisoformat(day) - dt.timedelta(days=LOOKBACK_DAYS)).isoformat()
    found = row(db, "SELECT sell FROM fx_rates WHERE currency = ? AND day <= ? AND day >= ? ORDER BY day DESC LIMIT 1",
                [currency, day, since])
    return Decimal(found["sell"]) if found else None


def fx_warning(db, day, typed, currency: str = "USD") -> str | None:
    """A warning when a typed rate differs from the table's rate of the date."""
    table = rate_for(db, day, currency)
    try:
        value = Decimal(str(typed).strip().replace(",", "."))
    except InvalidOperation:
        return None
    if table is None or value == table:
        return None
    return tr("The SBS rate for {day} is {rate}; you typed {typed}. SUNAT applies the SBS rate.",
              day=str(day)[:10], rate=table, typed=value)


def list_rates(db, date_from=None, date_to=None) -> list[dict]:
    require_view(db, "accounts.view")
    return rows(db, "SELECT day, currency, buy, sell, source FROM fx_rates WHERE day BETWEEN ? AND ? ORDER BY day",
                [date_from or "0001-01-01", date_to or "9999-12-31"])
