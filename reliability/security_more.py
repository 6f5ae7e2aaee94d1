"""Security checks across areas: every owner-only domain function refuses
staff, shop keys never appear in clear text outside their 0600 file, zip
members with absolute or climbing paths are refused, TLS is verified."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import requests

from reliability import roles_sweep
from reliability.report import Result
from smedesk.core.errors import SmedeskError, ValidationError

KEY, SECRET = "ck_9f8e7d6c5b4a39281706f5e4d3c2b1a0", "cs_0a1b2c3d4e5f60718293a4b5c6d7e8f9"
CLIMBING = ["../../fuera.json", "/etc/abs.json", "a/../../b.json", "..\\..\\win.json", "C:/abs.json",
            "C:\\Windows\\x.json"]


def check_roles_everywhere(tmp: Path) -> Result:
    from reliability.security import _fresh

    db, _owner, staff = _fresh(tmp)
    try:
        count, leaks = roles_sweep.refused_all(db, staff, tmp)
    finally:
        db.close()
    perms = sorted({p for _m, _f, p in roles_sweep.guarded_functions()})
    return Result("security", "staff refused by every owner-only domain function", count, not leaks,
                  f"{count} functions ({', '.join(perms)})" if not leaks else "; ".join(leaks)[:300])


def _smedesk(args, env, stdin=""):
    done = subprocess.run([sys.executable, "-m", "smedesk", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, cwd=Path(__file__).resolve().parents[1])
    return done.stdout + done.stderr


def check_secrets(tmp: Path) -> Result:
    db_path, keys_dir = tmp / "negocio.smedesk", tmp / "claves"
    env = {**os.environ, "SMEDESK_NO_KEYRING": "1", "SMEDESK_CREDENTIALS_DIR": str(keys_dir),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SMEDESK_WC_KEY", None)
    env.pop("SMEDESK_WC_SECRET", None)
    out = _smedesk(["demo", "--kind", "furniture", "--db", str(db_path)], env)
    out += _smedesk(["sync", "keys", "--db", str(db_path)], env, stdin=f"{KEY}\n{SECRET}\n")
    out += _smedesk(["settings", "set", "sync.base_url", "https://tienda.example.pe", "--db", str(db_path)], env)
    out += _smedesk(["sync", "--write-bundle", str(tmp / "usb.zip"), "--db", str(db_path)], env)
    # a sync that fails (nothing listens there) writes its errors into the file
    out += _smedesk(["sync", "--base-url", "https://127.0.0.1:9", "--db", str(db_path)], env)
    out += _smedesk(["sync", "status", "--db", str(db_path)], env)
    out += _smedesk(["check", "--db", str(db_path)], env)
    (tmp / "salida.log").write_text(out, encoding="utf-8")
    key_files = list(keys_dir.glob("keys-*.json"))
    if len(key_files) != 1:
        return Result("security", "shop keys never in clear text", 0, False, f"keys not saved: {out[-200:]}")
    mode = stat.S_IMODE(key_files[0].stat().st_mode)
    leaks = []
    for path in sorted(tmp.rglob("*")):
        if not path.is_file() or path == key_files[0]:
            continue
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                data += b"".join(zf.read(name) for name in zf.namelist())
        for secret in (KEY, SECRET):
            if secret.encode() in data or secret.encode("utf-16-le") in data:
                leaks.append(f"{path.name} holds {secret[:3]}…")
    looked = sorted({p.name for p in tmp.rglob("*") if p.is_file()} - {key_files[0].name})
    ok = mode == 0o600 and not leaks and (tmp / "usb.zip").exists()
    return Result("security", "shop keys never in clear text", len(looked), ok,
                  f"keys only in the 0600 file; absent from {', '.join(looked)}" if ok
                  else f"mode {oct(mode)}; " + "; ".join(leaks))


def _zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


def check_zip_paths(tmp: Path) -> Result:
    from reliability.fuzz_kit import demo_db
    from smedesk.sync import bundle_file
    from smedesk.tenders import importer

    db, owner = demo_db(tmp)
    failures = []
    try:
        for name in CLIMBING:
            path = tmp / "b.zip"
            manifest = {"format": bundle_file.FORMAT, "version": bundle_file.VERSION, "files": {}}
            path.write_bytes(_zip([("manifest.json", json.dumps(manifest)), (name, "{}")]))
            try:
                bundle_file.read(path)
                failures.append(f"bundle accepted {name}")
            except ValidationError as exc:
                if name[:20] not in str(exc):
                    failures.append(f"bundle refusal does not name {name}")
            ocds = tmp / "seace.zip"
            ocds.write_bytes(_zip([(name, json.dumps({"releases": []}))]))
            report = importer.import_files(db, [ocds], actor=owner)
            if not any(w.endswith(name) for w, _r in report.problems) or report.packages:
                failures.append(f"OCDS ZIP did not refuse {name}")
        written = [p for p in tmp.rglob("*") if p.name in ("fuera.json", "abs.json", "b.json", "win.json", "x.json")]
        if written:
            failures.append(f"written outside: {written}")
    finally:
        db.close()
    return Result("security", "zip members with absolute or climbing paths refused", 2 * len(CLIMBING),
                  not failures, "bundles and OCDS ZIPs refuse each, nothing extracted" if not failures
                  else "; ".join(failures))


class _Spy(requests.Session):
    """Records the TLS settings of each request instead of sending it."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def send(self, request, **kwargs):
        self.seen.append((request.url, kwargs.get("verify", self.verify)))
        raise requests.exceptions.ConnectionError("not sent")

    def get(self, url, **kwargs):
        self.seen.append((url, kwargs.get("verify", self.verify)))
        raise requests.exceptions.ConnectionError("not sent")


def check_tls(tmp: Path) -> Result:
    from reliability.fuzz_kit import demo_db
    from smedesk.sync import transport
    from smedesk.tenders import client

    failures = []
    spy = _Spy()
    shop = transport.Transport("https://tienda.example.pe", session=spy, timeout=(0.1, 0.1))
    try:
        shop.request("GET", "/wp-json/wc/v3/products")
    except SmedeskError:
        pass
    # verify is True, or the CA file named by REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE (still verified)
    if [(u, v is True or (isinstance(v, str) and bool(v))) for u, v in spy.seen] != [
            ("https://tienda.example.pe/wp-json/wc/v3/products", True)]:
        failures.append(f"shop request not verified: {spy.seen}")
    if transport.Transport("https://x.example.pe").session.verify is not True or client.session().verify is not True:
        failures.append("a default session does not verify certificates")
    # plain http is refused everywhere: WooCommerce ignores keys over http (issue 19)
    for url in ("http://tienda.example.pe", "http://192.168.1.20:8080", "http://127.0.0.1:8080"):
        try:
            transport.check_base_url(url)
            failures.append(f"shop at {url} accepted")
        except ValidationError:
            pass
    db, owner = demo_db(tmp)
    try:
        seace_spy = _Spy()
        try:
            client.pull(db, seace_spy, "http://contratacionesabiertas.oece.gob.pe", actor=owner, max_pages=1,
                        sleep=lambda s: None)
            failures.append("SEACE over plain http accepted")
        except ValidationError:
            pass
        if seace_spy.seen:
            failures.append("SEACE over plain http reached the network")
        client.pull(db, seace_spy, "https://contratacionesabiertas.oece.gob.pe", actor=owner, max_pages=1,
                    sleep=lambda s: None)
        if not seace_spy.seen or not all(v is True or (isinstance(v, str) and bool(v)) for _u, v in seace_spy.seen):
            failures.append(f"SEACE request not verified: {seace_spy.seen[:1]}")
    finally:
        db.close()
    return Result("security", "TLS verified by default; plain http only to this computer (SEACE)", 6, not failures,
                  "shop and SEACE sessions verify; http to the shop refused" if not failures
                  else "; ".join(failures))


CHECKS = [check_roles_everywhere, check_secrets, check_zip_paths, check_tls]
