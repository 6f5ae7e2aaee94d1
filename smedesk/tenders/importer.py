"""Importing OCDS record and release packages: from the portal's pages, from
JSON files and from the portal's bulk ZIPs.

Each package is one transaction. A release that cannot be read is reported
and skipped; the rest of the package is kept. A ZIP is read in memory with
limits (member names, sizes, compression ratio), never extracted to disk.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from smedesk.core import audit
from smedesk.core.db import tx
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.tenders import interests, ocds, store

MAX_FILE_BYTES = 400 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 150  # text compresses well, but not a thousand to one


@dataclass
class ImportReport:
    """What an import or pull did. Attributes: new and changed OCIDs, counts of
    releases that changed nothing or were older than what is kept, problems as
    (file or URL, reason) pairs, and packages read."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    older: int = 0
    packages: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = True

    def add(self, other: ImportReport) -> None:
        known_new, known_changed = set(self.new), set(self.changed)
        self.new += [o for o in other.new if o not in known_new]
        known_new.update(other.new)
        self.changed += [o for o in other.changed if o not in known_changed and o not in known_new]
        self.unchanged += other.unchanged
        self.older += other.older
        self.packages += other.packages
        self.problems += other.problems

    def as_dict(self) -> dict:
        return {"new": len(self.new), "changed": len(self.changed), "unchanged": self.unchanged,
                "older": self.older, "packages": self.packages, "complete": self.complete,
                "problems": [{"where": w, "reason": r} for w, r in self.problems]}


def _releases(package: dict, where: str, report: ImportReport) -> list[dict]:
    """The releases a package carries, oldest first (so later ones win)."""
    found = []
    if isinstance(package.get("records"), list):
        for n, record in enumerate(package["records"], start=1):
            record = record if isinstance(record, dict) else {}
            compiled = record.get("compiledRelease")
            if isinstance(compiled, dict):
                found.append(compiled)
                continue
            full = [r for r in record.get("releases") or [] if isinstance(r, dict) and "tender" in r]
            if full:
                found.extend(full)
            else:
                report.problems.append((where, tr("record {n} has no compiled release", n=n)))
    elif isinstance(package.get("releases"), list):
        found = package["releases"]
    else:
        raise ValueError(tr("it is not an OCDS record or release package"))
    dated = [(r.get("date") if isinstance(r, dict) and isinstance(r.get("date"), str) else "", n, r)
             for n, r in enumerate(found)]
    return [r for _d, _n, r in sorted(dated, key=lambda t: (t[0], t[1]))]


def import_package(db, package, where: str, *, actor: Actor) -> ImportReport:
    """Store every readable release of one package, in one transaction."""
    require(actor, "seace")
    report = ImportReport()
    if not isinstance(package, dict):
        report.problems.append((where, tr("it is not an OCDS record or release package")))
        return report
    try:
        releases = _releases(package, where, report)
    except ValueError as exc:
        report.problems.append((where, str(exc)))
        return report
    seen_new: set[str] = set()
    seen_changed: set[str] = set()
    with tx(db):
        for n, release in enumerate(releases, start=1):
            try:
                ocid, outcome = store.save(db, release, source=where)
            except ocds.BadRelease as exc:
                report.problems.append((where, tr("release {n}: {reason}", n=n, reason=exc)))
                continue
            if outcome == "new":
                if ocid not in seen_new:
                    seen_new.add(ocid)
                    report.new.append(ocid)
            elif outcome == "changed":
                if ocid not in seen_new and ocid not in seen_changed:
                    seen_changed.add(ocid)
                    report.changed.append(ocid)
            elif outcome == "older":
                report.older += 1
            else:
                report.unchanged += 1
        report.packages = 1
        interests.mark(db, report.new, report.changed)
        if report.new or report.changed:
            audit.record(db, actor, "seace.import", "seace_package", where,
                         new=len(report.new), changed=len(report.changed))
    return report


def parse_bytes(data: bytes, where: str):
    """JSON from a file or a page, or ValueError with a plain reason."""
    head = data[:200].lstrip().lower()
    if head.startswith(b"<"):
        raise ValueError(tr("it is a web page (HTML), not OCDS data"))
    try:
        return ocds.loads(data)
    except UnicodeDecodeError:
        raise ValueError(tr("it is not text in UTF-8")) from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(data.rstrip()) - 1 or exc.msg.startswith("Unterminated"):
            raise ValueError(tr("it is cut short (truncated)")) from None
        raise ValueError(tr("it is not valid JSON (line {line}, column {col})",
                            line=exc.lineno, col=exc.colno)) from None


def _zip_members(path: Path, report: ImportReport):
    """(name, bytes) of the safe JSON members of a ZIP; the rest is reported."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        report.problems.append((str(path), tr("it is not a readable ZIP: {reason}", reason=exc)))
        return
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            report.problems.append((str(path), tr("the ZIP holds {n} files, too many to be a SEACE download",
                                                   n=len(members))))
            return
        total = 0
        for info in members:
            where = f"{path}:{info.filename}"
            if info.is_dir():
                continue
            name = info.filename
            plain = name.replace("\\", "/")
            if (plain.startswith("/") or plain[1:2] == ":" or ".." in plain.split("/")  # absolute, C:, climbing
                    or not name.lower().endswith(".json")):
                report.problems.append((where, tr("unexpected file in the ZIP, skipped")))
                continue
            if info.flag_bits & 0x1:
                report.problems.append((where, tr("the file is encrypted, skipped")))
                continue
            total += info.file_size
            if info.file_size > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
                report.problems.append((where, tr("the file is too large ({mb} MB), skipped",
                                                   mb=info.file_size // (1024 * 1024))))
                continue
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                report.problems.append((where, tr("the file is compressed beyond reason (a ZIP bomb?), skipped")))
                continue
            try:
                with archive.open(info) as fh:
                    data = fh.read(info.file_size + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
                report.problems.append((where, tr("the file cannot be read: {reason}", reason=exc)))
                continue
            if len(data) > info.file_size:
                report.problems.append((where, tr("the file is larger than the ZIP says, skipped")))
                continue
            yield where, data


def _file_packages(path: Path, report: ImportReport):
    if not path.is_file():
        report.problems.append((str(path), tr("there is no such file")))
        return
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic.startswith(b"PK"):
        yield from _zip_members(path, report)
        return
    if path.stat().st_size > MAX_FILE_BYTES:
        report.problems.append((str(path), tr("the file is too large ({mb} MB)",
                                               mb=path.stat().st_size // (1024 * 1024))))
        return
    yield str(path), path.read_bytes()


def import_files(db, paths, *, actor: Actor, progress=None, cancelled=None) -> ImportReport:
    """Import JSON packages and bulk ZIPs; bad files are reported, good ones kept."""
    require(actor, "seace")
    report = ImportReport()
    paths = [Path(p) for p in paths]
    for done, path in enumerate(paths):
        if cancelled and cancelled():
            break
        for where, data in _file_packages(path, report):
            if cancelled and cancelled():
                break
            try:
                package = parse_bytes(data, where)
            except ValueError as exc:
                report.problems.append((where, str(exc)))
                continue
            report.add(import_package(db, package, where, actor=actor))
        if progress:
            progress(done + 1, len(paths))
    return report
