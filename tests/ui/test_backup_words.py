"""Copias de seguridad: a backup reads «1 producto, 2 pedidos», never «1 productos»."""

from smedesk.core import backup
from smedesk.production import catalogue
from smedesk.ui.pages.backup_page import BackupPage


def test_a_backup_counts_in_good_spanish(db, db_path, owner, tmp_path):
    catalogue.save_product(db, {"sku": "SIL-01", "name": "Silla"}, actor=owner)
    path = backup.backup(db, db_path, tmp_path / "copias", actor=owner)
    text = BackupPage._describe(path)
    assert text.split(" — ")[0].endswith(" · 1 producto, 0 pedidos")
    assert text.endswith(f" — {path.name}")
