"""Scanner batch files: cordless scanners keep scans in memory and upload a
text file of ``code,timestamp`` lines. Each line goes through the same rules as
a scan at the station; counted lines are kept, refused ones are reported with
their line number and reason (a garbage line never stops the others)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from smedesk.core import audit, clock
from smedesk.core.db import tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.tracking import scanning


@dataclass
class BatchReport:
    """Attributes: counted (int), refused (list of (line, code, outcome, reason))."""

    counted: int = 0
    refused: list[tuple[int, str, str, str]] = field(default_factory=list)


def parse_line(text: str):
    """(code, timestamp or None) or raises ValueError with the reason."""
    parts = [p.strip() for p in text.replace(";", ",").replace("\t", ",").split(",")]
    if not parts[0]:
        raise ValueError(tr("no code"))
    if len(parts) > 2:
        raise ValueError(tr("too many columns (expected code,timestamp)"))
    at = parts[1] if len(parts) == 2 and parts[1] else None
    if at is not None:
        try:
            clock.parse(at)
        except ValueError:
            raise ValueError(tr("«{value}» is not a date and time", value=at)) from None
    return parts[0], at


def import_lines(db, lines: list[str], *, step, operator, actor: Actor) -> BatchReport:
    require(actor, "scan")
    person = scanning.resolve_operator(db, operator)
    if person is None:
        raise ValidationError(tr("Unknown operator «{name}».", name=operator), field="operator")
    report = BatchReport()
    for n, text in enumerate(lines, start=1):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if n == 1 and text.lower().startswith("code"):
            continue
        try:
            code, at = parse_line(text)
        except ValueError as exc:
            report.refused.append((n, text.strip()[:40], scanning.OTHER, str(exc)))
            continue
        try:
            result = scanning.record_scan(db, code, step, person, at=at, source="batch", actor=actor)
        except ValidationError as exc:
            report.refused.append((n, code, scanning.OTHER, str(exc)))
            continue
        if result.ok:
            report.counted += 1
        else:
            report.refused.append((n, code, result.outcome, result.message))
    with tx(db):
        audit.record(db, actor, "scan.batch", "scans", None, step=str(step), operator=person["name"],
                     counted=report.counted, refused=len(report.refused))
    return report


def import_file(db, path, *, step, operator, actor: Actor) -> BatchReport:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(tr("Cannot read {path}: {reason}", path=path, reason=exc.strerror)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return import_lines(db, text.splitlines(), step=step, operator=operator, actor=actor)
