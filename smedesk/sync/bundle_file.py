"""The bundle file itself: a zip of JSON members with checksums, read in
memory with every limit checked (names, sizes, ratios) before anything is
used, and written atomically (a cut-off write leaves the old file)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from pathlib import Path

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

FORMAT = "smedesk-bundle"
VERSION = 1
MEMBERS = ("manifest.json", "outbox.json", "answers.json", "sunat.json", "sunat-answers.json")
MAX_FILE = 64 * 1024 * 1024
MAX_MEMBER = 48 * 1024 * 1024
MAX_RATIO = 200


def refuse(reason: str) -> ValidationError:
    return ValidationError(tr("This bundle cannot be used: {reason}", reason=reason), field="bundle")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read at most MAX_MEMBER bytes, whatever the header claims (zip bombs lie)."""
    if info.file_size > MAX_MEMBER or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                                       and info.file_size > 1024 * 1024):
        raise refuse(tr("it unpacks to far more than it holds (a zip bomb?)"))
    chunks, total = [], 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1024 * 1024)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_MEMBER:
                raise refuse(tr("it unpacks to far more than it holds (a zip bomb?)"))
            chunks.append(chunk)
    return b"".join(chunks)


def read(path: Path) -> dict[str, object]:
    """{member name: parsed JSON}, checked against the manifest's checksums."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(tr("There is no bundle at {path}.", path=path), field="bundle")
    if path.stat().st_size > MAX_FILE:
        raise refuse(tr("the file is too large"))
    raw: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > len(MEMBERS):
                raise refuse(tr("it holds unexpected files"))
            for info in infos:
                if info.filename not in MEMBERS or info.filename in raw:
                    raise refuse(tr("it holds a file named «{name}», which a bundle never has",
                                    name=info.filename[:80]))
                raw[info.filename] = _read_member(zf, info)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile):
        raise refuse(tr("the file is damaged or cut short")) from None
    except (zlib.error, OSError, RuntimeError, NotImplementedError):
        raise refuse(tr("the file is damaged or cut short")) from None
    if "manifest.json" not in raw or "outbox.json" not in raw:
        raise refuse(tr("it is not a smedesk bundle"))
    manifest = _json(raw["manifest.json"])
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(tr("it is not a smedesk bundle"))
    if manifest.get("version") != VERSION:
        raise refuse(tr("it was made by another version of smedesk"))
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise refuse(tr("it is not a smedesk bundle"))
    for name, data in raw.items():
        if name != "manifest.json" and files.get(name) != sha256(data):
            raise refuse(tr("the contents were changed after it was written (checksum of {name})", name=name))
    for name in files:
        if name not in raw:
            raise refuse(tr("the file is damaged or cut short"))
    return {name: (manifest if name == "manifest.json" else _json(data)) for name, data in raw.items()}


def _json(data: bytes):
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise refuse(tr("the contents are not valid data")) from None


def write(path: Path, manifest: dict, members: dict[str, object]) -> None:
    """Write manifest + members (name → JSON-able), with checksums, atomically."""
    path = Path(path)
    encoded = {name: json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
               for name, value in members.items()}
    manifest = {**manifest, "format": FORMAT, "version": VERSION,
                "files": {name: sha256(data) for name, data in encoded.items()}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1))
        for name, data in encoded.items():
            zf.writestr(name, data)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(buffer.getvalue())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
