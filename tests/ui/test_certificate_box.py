"""Negocio: the fiscal data and the digital certificate, loaded once."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from smedesk.core import settings
from tests.einvoice.conftest import CERT_PASSWORD, make_pfx


def test_load_the_certificate_and_fiscal_data_from_the_business_page(window, db, tmp_path, monkeypatch, settle):
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("SMEDESK_NO_KEYRING", "1")
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-20T15:00:00Z")
    page = window.show_page("business")
    box = page.certificate_box
    assert "No hay un certificado" in box.status.text()
    path = tmp_path / "firma.pfx"
    path.write_bytes(make_pfx())
    box.load(str(path), "mala")
    settle(window.ctx)
    assert "contraseña" in box.status.text()
    box.load(str(path), CERT_PASSWORD)
    settle(window.ctx)
    assert "20100123453" in box.status.text() and "2027-01-01" in box.status.text()
    box.form.fields["business.ubigeo"].setText("15011")
    box.findChild(QPushButton, "save_fiscal").click()
    settle(window.ctx)
    assert "6 dígitos" in box.form.errors["business.ubigeo"].text()
    box.form.fields["business.ubigeo"].setText("150115")
    box.findChild(QPushButton, "save_fiscal").click()
    settle(window.ctx)
    assert settings.get(db, "business.ubigeo") == "150115"
