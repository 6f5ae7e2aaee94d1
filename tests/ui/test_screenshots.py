from PySide6.QtGui import QImage

from smedesk.ui.screenshots import render_all


def test_every_page_renders_at_what_a_1024x768_screen_leaves(qtbot, db, db_path, tmp_path):
    db.close()
    written = render_all(db_path, tmp_path / "shots", lang="es")
    assert len(written) >= 4
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1024, 768 - 40 - 31)  # taskbar and title bar


def test_a_long_page_is_shown_screenful_by_screenful(qtbot, db, db_path, tmp_path):
    """What is under the fold is looked at too: Ventas y compras (list, then the
    form of a new comprobante) does not fit in 697 pixels."""
    db.close()
    written = render_all(db_path, tmp_path / "shots", lang="es")
    names = [p.name for p in written]
    first = next(n for n in names if n.endswith("-accounts_docs.png"))
    second = first.replace(".png", "-parte-2.png")
    assert second in names and names.index(second) == names.index(first) + 1
    image = QImage(str(tmp_path / "shots" / second))
    assert (image.width(), image.height()) == (1024, 768 - 40 - 31)
    assert image != QImage(str(tmp_path / "shots" / first))
