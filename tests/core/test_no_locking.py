"""A business file on a drive that cannot lock (a network share without a lock
daemon, some USB sticks) is refused with a plain message, and left as it was.

The drive is simulated with a small LD_PRELOAD library that makes every lock
call (fcntl F_SETLK/F_SETLKW/F_GETLK and their OFD forms) on files under a
folder named "sin-bloqueo" fail with the errno such file systems give: ENOTSUP
(what SQLite reports as SQLITE_IOERR_LOCK, os_unix.c sqliteErrorFromPosixError)
and ENOLCK (NFS without lockd, which SQLite reports as SQLITE_BUSY)."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smedesk.core import business

ROOT = Path(__file__).resolve().parents[2]

SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int on_lockless_drive(int fd) {
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n < 0) return 0;
    path[n] = 0;
    return strstr(path, "sin-bloqueo") != NULL;
}

static int is_lock(int cmd) {
    return cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK
        || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW || cmd == F_OFD_GETLK;
}

static int forward(const char *name, int fd, int cmd, void *arg) {
    int (*real)(int, int, ...) = (int (*)(int, int, ...))dlsym(RTLD_NEXT, name);
    return real(fd, cmd, arg);
}

#define WRAP(name) \
    int name(int fd, int cmd, ...) { \
        va_list ap; va_start(ap, cmd); void *arg = va_arg(ap, void *); va_end(ap); \
        if (is_lock(cmd) && on_lockless_drive(fd)) { errno = atoi(getenv("SHIM_ERRNO")); return -1; } \
        return forward(#name, fd, cmd, arg); \
    }
WRAP(fcntl)
WRAP(fcntl64)
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("cc") is None,
                                reason="needs Linux and a C compiler for the LD_PRELOAD drive")


@pytest.fixture(scope="module")
def shim(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shim")
    (folder / "shim.c").write_text(SHIM)
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(folder / "shim.so"), str(folder / "shim.c"), "-ldl"],
                   check=True, capture_output=True)
    return folder / "shim.so"


@pytest.mark.parametrize("code", [errno.ENOTSUP, errno.ENOLCK])
def test_file_on_a_drive_without_locking_is_refused_untouched(tmp_path, shim, code):
    drive = tmp_path / "usb-sin-bloqueo"
    drive.mkdir()
    path = drive / "negocio.smedesk"
    business.create(path, business.NewBusiness("Taller", "20100123453", "Rosa", "1234")).close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    env = dict(os.environ, LD_PRELOAD=str(shim), SHIM_ERRNO=str(code), SMEDESK_LANG="es",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-m", "smedesk", "settings", "set", "x", "1", "--db", str(path)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert run.returncode == 1
    assert "copie primero el archivo a esta pc" in run.stderr.lower()
    assert "Traceback" not in run.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(str(path) + "-wal").exists()


def test_the_window_start_does_not_offer_a_backup_for_a_lockless_drive(tmp_path, shim):
    from smedesk.core import backup, paths, users

    drive = tmp_path / "usb-sin-bloqueo"
    drive.mkdir()
    path = drive / "negocio.smedesk"
    db = business.create(path, business.NewBusiness("Taller", "20100123453", "Rosa", "1234"))
    backup.backup(db, path, paths.default_backup_dir(path), actor=users.owner_actor(db))
    db.close()
    probe = ("import sys; from smedesk.core import recovery; d = recovery.diagnose(sys.argv[1]);"
             " print(d.ok, d.restorable, d.good_backup)")
    env = dict(os.environ, LD_PRELOAD=str(shim), SHIM_ERRNO=str(errno.ENOTSUP), SMEDESK_LANG="es",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=120)
    assert run.stdout.split() == ["False", "False", "None"], run.stderr
