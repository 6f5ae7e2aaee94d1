"""Base for pages: a scrollable column with a header, refreshed from the bus."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from smedesk.ui.widgets import header


class Page(QScrollArea):
    """Subclasses fill `self.body` and implement `refresh()`; `areas` lists the
    bus areas whose changes concern them."""

    areas: tuple[str, ...] = ()

    def __init__(self, ctx, title: str, subtitle: str = ""):
        super().__init__()
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.addWidget(header(title, subtitle))
        self.setWidget(inner)
        ctx.bus.changed.connect(self._on_changed)

    def _on_changed(self, area: str) -> None:
        if not self.areas or area in self.areas or area == "*":
            self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        pass

    def announce(self, area: str) -> None:
        self.ctx.bus.changed.emit(area)
