from PySide6.QtGui import QImage

from smedesk.ui.screenshots import render_all


def test_every_page_renders_at_what_a_1024x768_screen_leaves(qtbot, db, db_path, tmp_path):
    db.close()
    written = render_all(db_path, tmp_path / "shots", lang="es")
    assert len(written) >= 4
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1024, 768 - 40 - 31)  # taskbar and title bar
