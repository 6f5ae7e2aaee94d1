"""Where the business file lives: chosen once here, then passed down.

Order: `--db PATH`, then $SMEDESK_DB, then portable mode (a marker file
`smedesk-portable.txt` beside the executable keeps everything beside it, on the
USB stick), then a machine-wide data folder every OS user reaches, when it
is writable, else the user's own data folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "smedesk"
DB_NAME = "negocio.smedesk"
PORTABLE_MARKER = "smedesk-portable.txt"


def executable_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent.parent


def portable_dir() -> Path | None:
    base = executable_dir()
    return base / "datos" if (base / PORTABLE_MARKER).exists() else None


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def data_dir() -> Path:
    portable = portable_dir()
    if portable is not None:
        portable.mkdir(parents=True, exist_ok=True)
        return portable
    shared = Path(platformdirs.site_data_dir(APP, appauthor=False))
    if _writable(shared):
        return shared
    own = Path(platformdirs.user_data_dir(APP, appauthor=False))
    own.mkdir(parents=True, exist_ok=True)
    return own


def resolve_db_path(arg: str | os.PathLike | None = None) -> Path:
    if arg:
        return Path(arg).expanduser()
    env = os.environ.get("SMEDESK_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_NAME


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "copias" / db_path.stem


def preferences_path(db_path: Path) -> Path:
    """Machine preferences (window size, last page) live beside the business file."""
    return db_path.with_suffix(".prefs.json")


def free_path(path: Path) -> Path:
    """`path`, or the same name with -2, -3… when a file is already there
    (what the program writes never overwrites a file)."""
    path = Path(path)
    if not path.exists():
        return path
    n = 2
    while (candidate := path.with_name(f"{path.stem}-{n}{path.suffix}")).exists():
        n += 1
    return candidate
