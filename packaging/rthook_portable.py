"""PyInstaller runtime hook: in portable mode, keep the host machine clean.

smedesk.core.paths already keeps the business file, its backups and the window
preferences in `datos/` beside the executable when `smedesk-portable.txt` is
there. What is left are the libraries under smedesk that write on their own:
fontconfig's cache (~/.cache/fontconfig), Qt's and GTK's config and recent-file
lists (~/.config, ~/.local/share), Mesa's shader cache, and Python's temporary
files. This hook runs before smedesk starts and points all of them into
`datos/sistema/` on the stick. Qt's runtime socket folder (XDG_RUNTIME_DIR) is
left alone: it is per-session, in memory, and removed at logout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MARKER = "smedesk-portable.txt"


def portable_env(exe_dir: Path, platform: str = sys.platform) -> dict[str, str]:
    """The environment variables to set for a build in `exe_dir`; empty when not portable."""
    if not (exe_dir / MARKER).exists():
        return {}
    host = exe_dir / "datos" / "sistema"
    env = {"TMPDIR": str(host / "tmp")}
    if platform.startswith("win"):
        env.update(TEMP=str(host / "tmp"), TMP=str(host / "tmp"))
    else:
        env.update(
            XDG_CONFIG_HOME=str(host / "config"),
            XDG_CACHE_HOME=str(host / "cache"),
            XDG_DATA_HOME=str(host / "data"),
            XDG_STATE_HOME=str(host / "state"),
        )
    return env


def apply(env: dict[str, str]) -> None:
    for key, value in env.items():
        Path(value).mkdir(parents=True, exist_ok=True)
        os.environ[key] = value
    if env:
        import tempfile

        tempfile.tempdir = None  # recomputed from TMPDIR on next use


if getattr(sys, "frozen", False):
    try:
        apply(portable_env(Path(sys.executable).resolve().parent))
    except OSError:
        pass  # a read-only stick: smedesk itself will say the data folder cannot be written
