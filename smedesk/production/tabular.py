"""Reading and writing tables as Excel users have them: CSV (UTF-8 with or
without BOM, or Windows-1252; comma or semicolon) and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from smedesk.core.errors import RowErrors, ValidationError
from smedesk.core.i18n import tr


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), else Windows-1252 (what Excel on Windows saves)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _sniff_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # openpyxl gives floats for numeric cells: keep the shortest text of it, never a float
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value).strip()


def read_rows(path: Path | str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for each non-blank row, the header included (line 1)."""
    path = Path(path)
    if not path.exists():
        raise ValidationError(tr("The file {path} does not exist.", path=path), field="file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    text = decode(path.read_bytes())
    lines = text.splitlines()
    delimiter = _sniff_delimiter(lines[0] if lines else "")
    out = []
    try:
        for n, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            cells = [c.strip() for c in cells]
            if any(cells):
                out.append((n, cells))
    except csv.Error as exc:  # NUL bytes, stray line breaks in unquoted cells
        raise ValidationError(tr("{path} cannot be read as a table: {reason}", path=path.name, reason=exc),
                              field="file") from None
    return out


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file
        raise ValidationError(tr("{path} cannot be read as an Excel file: {reason}", path=path, reason=exc),
                              field="file") from None
    try:
        sheet = book.worksheets[0]
        out = []
        for n, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if any(cells):
                out.append((n, cells))
        return out
    finally:
        book.close()


def header_key(text) -> str:
    """A heading as it is compared: lower case, without accents, "." or ":" at
    the end, or doubled spaces ("Código " and "codigo" are one heading)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", str(text or "").strip().lstrip("\ufeff"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(plain.rstrip(".: ").split())


def read_table(path, required: list[str], optional: tuple[str, ...] = (),
               aliases: dict[str, str] | None = None) -> list[tuple[int, dict]]:
    """Rows as dicts keyed by header; the header must hold every required column.
    `aliases` maps other headings (Spanish ones, as `header_key` writes them) to
    the column they stand for."""
    found = read_rows(path)
    if not found:
        raise RowErrors(tr("The file is empty."), [(1, tr("no header row"))])
    line, header = found[0]
    aliases = aliases or {}
    names = [aliases.get(header_key(h), header_key(h)) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise RowErrors(
            tr("The file does not have the expected columns."),
            [(line, tr("missing columns: {missing}; expected: {expected}",
                       missing=", ".join(missing), expected=",".join(required)))],
        )
    keep = set(required) | set(optional)
    out = []
    for n, cells in found[1:]:
        record = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names) if name in keep}
        out.append((n, record))
    return out


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value)


def write_table(path: Path | str, header: list[str], records: list[list]) -> Path:
    """CSV (UTF-8 with BOM so Excel reads accents) or XLSX, by the file's extension."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(header)
        for record in records:
            sheet.append([_text(v) for v in record])
        book.save(path)
        return path
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for record in records:
            writer.writerow([_text(v) for v in record])
    return path
