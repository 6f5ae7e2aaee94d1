"""`smedesk screenshots`: every page of the window as PNG. Qt loads only when run."""

from __future__ import annotations

from pathlib import Path

from smedesk.core.cli_support import db_path
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

DEFAULT_SIZE = "1024x697"


def register(sub, parent) -> None:
    p = sub.add_parser("screenshots", parents=[parent], help="render every page to PNG")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--lang", choices=("es", "en"), default="es")
    # what a 1024x768 screen leaves a maximised window (smedesk.ui.screen.CLIENT_AREA),
    # written out here so the command line does not load Qt to print its help
    p.add_argument("--size", default=DEFAULT_SIZE,
                   help="window size, default: what a 1024x768 screen leaves free")
    p.set_defaults(handler=cmd_screenshots)


def cmd_screenshots(args) -> int:
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise ValidationError(tr("The size must look like 1024x768.")) from None
    from smedesk.ui.screenshots import render_all

    written = render_all(db_path(args), Path(args.out), lang=args.lang, size=(width, height))
    for path in written:
        print(path)
    return 0
