"""Plain data for the Compras sugeridas PDF, in the language asked for."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from smedesk.core import clock, i18n
from smedesk.core.db import row
from smedesk.printouts.purchases_pdf import write_suggested_pdf
from smedesk.stock.purchases import suggested


def suggested_data(db, lang: str) -> dict:
    groups = suggested(db)
    biz = row(db, "SELECT name, ruc, address FROM business WHERE id = 1")
    day = clock.today_lima()
    return {"business": biz, "lang": lang, "groups": groups,
            "printed": day.strftime("%d/%m/%Y") if lang == "es" else day.isoformat(),
            "total": sum((g["total"] for g in groups), Decimal(0))}


def suggested_pdf(db, path: Path | str, *, lang: str | None = None, progress=None, cancelled=None) -> Path | None:
    lang = lang or i18n.current()
    return write_suggested_pdf(suggested_data(db, lang), Path(path), i18n.translator(lang), progress=progress,
                               cancelled=cancelled)
