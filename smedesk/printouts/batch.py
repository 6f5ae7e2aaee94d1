"""Many comprobantes at once: one PDF with a document a page (or more), or one
file each in a folder. Drawn from the plain data `accounts.printing.batch_data`
gathers (each item says whether it is an electronic comprobante's printed
representation or a plain comprobante), in the translator's language.

A cancelled batch leaves nothing behind: the single PDF is written under a
hidden name and renamed only when whole; in a folder, the files this batch
already wrote are removed again, so the folder is as it was."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import PageBreak

from smedesk.core.i18n import Translator
from smedesk.core.paths import free_path
from smedesk.printouts import comprobante_pdf, einvoice_pdf
from smedesk.printouts.pdf_common import Cancelled, build_doc, check

IN_PROCESS_FROM = 200  # documents: from this many the window draws them in a child process (printouts.process)


def _story(item: dict, tr: Translator) -> list:
    if item["kind"] == "einvoice":
        return einvoice_pdf.story(item["data"], tr)  # A4 inside one PDF: pages of one size
    return comprobante_pdf.story(item["data"], tr)


def one_pdf(items: list[dict], path: Path | str, *, tr: Translator, progress=None, cancelled=None) -> Path | None:
    """Every item in one PDF at `path`, each starting on a new page; None when cancelled."""
    story: list = []
    for item in items:
        if cancelled is not None and cancelled():
            return None
        if story:
            story.append(PageBreak())
        story += _story(item, tr)
    # laying the pages out is most of the work: build_doc reports it flowable by flowable
    return build_doc(path, story, title=tr("Comprobantes ({count})", count=len(items)), progress=progress,
                     cancelled=cancelled)


def one_file_each(items: list[dict], folder: Path | str, *, tr: Translator, progress=None,
                  cancelled=None) -> list[Path] | None:
    """One PDF per item in `folder` (named by its item's `name`, never over an
    existing file); a boleta asked as a ticket stays a ticket. The paths, or
    None when cancelled (and then none of them is left)."""
    folder = Path(folder)
    written: list[Path] = []
    try:
        for n, item in enumerate(items):
            check(progress, cancelled, n, len(items))
            target = free_path(folder / f"{item['name']}.pdf")
            if item["kind"] == "einvoice":
                done = einvoice_pdf.write_representation(item["data"], target, layout=item.get("layout", "a4"),
                                                         translate=tr, cancelled=cancelled)
            else:
                done = comprobante_pdf.render(item["data"], target, tr=tr, cancelled=cancelled)
            if done is None:
                raise Cancelled
            written.append(done)
        check(progress, cancelled, len(items), len(items))
    except Cancelled:
        for path in written:
            path.unlink(missing_ok=True)
        return None
    return written
