"""RUC lookup offline, optional: SUNAT's padrón reducido (padron_reducido_ruc.zip,
one text file of millions of lines, ISO-8859-1, fields separated by «|»: RUC,
name, state, condition, ubigeo and address parts) imported into a separate local
index file beside the business file (`padron_ruc.sqlite`), never into the business
file. Without the index nothing changes: `lookup` answers None.

The import writes a new index next to the old one and swaps it in only when the
whole file was read: a padrón cut short leaves the previous index as it was.
"""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from smedesk.core import audit
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require

INDEX_NAME = "padron_ruc.sqlite"
FIELDS = 15            # RUC … KILÓMETRO; each line ends with «|», so 16 parts when split
BATCH = 50_000


@dataclass(frozen=True)
class Imported:
    count: int
    path: Path
    size: int


def index_path(db) -> Path:
    """The index beside the business file (in portable mode, on the stick with it)."""
    found = next((r[2] for r in db.execute("PRAGMA database_list").fetchall() if r[1] == "main"), "")
    if not found:
        raise ValidationError(tr("The padrón index lives beside a business file; this database has none."),
                              field="file")
    return Path(found).with_name(INDEX_NAME)


def _lines(path: Path):
    """The padrón's text lines, from the ZIP SUNAT publishes or from its text file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.lower().endswith(".txt")]
            if len(names) != 1:
                raise ValidationError(tr("The padrón ZIP should hold one .txt file."), field="file")
            with zf.open(names[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="latin-1", newline="")
    else:
        with open(path, encoding="latin-1", newline="") as fh:
            yield from fh


def text_size(path: Path) -> int:
    """Bytes of text to read (the unzipped size for SUNAT's ZIP), for progress."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return sum(i.file_size for i in zf.infolist() if i.filename.lower().endswith(".txt"))
    return path.stat().st_size


def _rows(path: Path, ids: dict[str, int], seen: list[int]):
    """(ruc, name, state id, condition id) per line; refuses a malformed or cut-short file.
    seen[0] counts the characters read."""
    n = 0
    pending = None
    try:
        for n, line in enumerate(_lines(path), start=1):
            seen[0] += len(line)
            if pending is not None:
                yield pending
                pending = None
            if n == 1 and line.upper().startswith("RUC|"):
                continue
            text = line.rstrip("\r\n")
            ended = text != line
            parts = text.split("|")
            if len(parts) > FIELDS + 1:   # a name holding «|»: the extra parts belong to it
                extra = len(parts) - FIELDS - 1
                parts = [parts[0], "|".join(parts[1:2 + extra]), *parts[2 + extra:]]
            if len(parts) != FIELDS + 1 or not ended:
                raise ValidationError(tr("The padrón is cut short or damaged at line {line}: nothing was imported.",
                                         line=n), field="file")
            ruc = parts[0].strip()
            if len(ruc) != 11 or not ruc.isdigit():
                raise ValidationError(tr("Line {line} of the padrón has no RUC: nothing was imported.", line=n),
                                      field="file")
            state = ids.setdefault("s:" + parts[2].strip(), len(ids) + 1)
            condition = ids.setdefault("c:" + parts[3].strip(), len(ids) + 1)
            pending = (int(ruc), parts[1].strip(), state, condition)
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
        raise ValidationError(tr("The padrón is cut short or damaged after line {line} ({reason}): nothing was "
                                 "imported.", line=n, reason=exc), field="file") from None
    if pending is not None:
        yield pending


def import_padron(db, path, *, actor: Actor, progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None, target: Path | None = None) -> Imported:
    """Build the index from SUNAT's file; all or nothing."""
    require(actor, "accounts.post")
    path = Path(path)
    if not path.is_file():
        raise ValidationError(tr("There is no file {path}.", path=path), field="file")
    target = Path(target) if target else index_path(db)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        total = text_size(path)
    except (zipfile.BadZipFile, OSError):
        total = path.stat().st_size
    seen = [0]
    out = sqlite3.connect(partial)
    count = 0
    try:
        out.execute("PRAGMA journal_mode=OFF")
        out.execute("PRAGMA synchronous=OFF")
        out.execute("CREATE TABLE padron (ruc INTEGER PRIMARY KEY, name TEXT NOT NULL, state INTEGER NOT NULL,"
                    " condition INTEGER NOT NULL)")
        out.execute("CREATE TABLE labels (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL)")
        ids: dict[str, int] = {}
        batch = []
        for item in _rows(path, ids, seen):
            batch.append(item)
            if len(batch) >= BATCH:
                out.executemany("INSERT OR REPLACE INTO padron VALUES (?, ?, ?, ?)", batch)
                count += len(batch)
                batch.clear()
                if cancelled and cancelled():
                    raise ValidationError(tr("Import cancelled: the previous index is unchanged."), field="file")
                if progress:
                    progress(min(seen[0], total), total)
        out.executemany("INSERT OR REPLACE INTO padron VALUES (?, ?, ?, ?)", batch)
        count += len(batch)
        if count == 0:
            raise ValidationError(tr("The padrón file has no RUC lines: nothing was imported."), field="file")
        out.executemany("INSERT INTO labels VALUES (?, ?, ?)", [(v, k[0], k[2:]) for k, v in ids.items()])
        out.commit()
    except BaseException:
        out.close()
        partial.unlink(missing_ok=True)
        raise
    out.close()
    os.replace(partial, target)
    audit.record(db, actor, "padron.import", "padron", "", count=count, file=path.name)
    return Imported(count, target, target.stat().st_size)


def lookup(db, ruc: str) -> dict | None:
    """Name, state and condition of a RUC from the local index; None without index or RUC."""
    ruc = str(ruc or "").strip()
    try:
        path = index_path(db)
    except ValidationError:
        return None
    if len(ruc) != 11 or not ruc.isdigit() or not path.is_file():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = con.execute("SELECT p.name, s.text, c.text FROM padron p JOIN labels s ON s.id = p.state"
                            " JOIN labels c ON c.id = p.condition WHERE p.ruc = ?", [int(ruc)]).fetchone()
    finally:
        con.close()
    if found is None:
        return None
    name, state, condition = found
    return {"ruc": ruc, "name": name, "state": state, "condition": condition, "warning": warning(state, condition)}


def warning(state: str, condition: str) -> str | None:
    """SUNAT's flags that matter for a comprobante: a RUC dado de baja, or no habido."""
    state, condition = (state or "").upper(), (condition or "").upper()
    if state.startswith("BAJA"):
        return tr("This RUC is «{state}» in SUNAT's padrón: a comprobante to or from it gives no tax credit.",
                  state=state)
    if condition.startswith("NO HABIDO") or condition.startswith("NO HALLADO"):
        return tr("This RUC is «{condition}» in SUNAT's padrón: its comprobantes do not give tax credit until it "
                  "is habido again.", condition=condition)
    return None
