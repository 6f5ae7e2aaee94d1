"""Drawing a big printout in a child process, so the window's interpreter is
never shared with it: reportlab is plain Python and, drawn on a thread of the
window's process, takes the interpreter lock from the GUI thread for as long
as the machine is busy (a shared PC under load: gaps of hundreds of ms).

    render_in_process("labels:render", units, "P-001", path, layout="a4", tr=tr,
                      progress=progress, cancelled=cancelled)

calls smedesk.printouts.labels.render(units, "P-001", path, ..., progress=..., cancelled=...)
in a fresh interpreter (multiprocessing's spawn: the same on Windows and
Linux) at a lower priority; `progress(done, total)` and the result come back
through a pipe, `cancelled()` is passed on as an event, so the child stops
where the renderer checks it and leaves no file (pdf_common.written). Only
plain data crosses: the child opens no database."""

from __future__ import annotations

import importlib
import multiprocessing
import os
from pathlib import Path

from smedesk.printouts.pdf_common import part_of

POLL_SECONDS = 0.05
STOP_SECONDS = 10.0  # a child that does not stop when asked is ended


def render_in_process(target: str, *args, path, progress=None, cancelled=None, **kwargs):
    """Call `target` ("module:function" in smedesk.printouts) with `args` and
    `kwargs` in a child process; its result (None when cancelled). `path` is
    the file the renderer writes (passed on as its last positional argument)."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    stop = context.Event()
    child = context.Process(target=_child, args=(target, (*args, str(path)), kwargs, send, stop),
                            name="smedesk-printout", daemon=True)
    child.start()
    send.close()
    try:
        while True:
            if cancelled is not None and cancelled() and not stop.is_set():
                stop.set()
            if receive.poll(POLL_SECONDS):
                try:
                    kind, *rest = receive.recv()
                except EOFError:
                    raise RuntimeError("the printout's process ended without an answer") from None
                if kind == "progress":
                    if progress is not None:
                        progress(*rest)
                elif kind == "done":
                    return rest[0]
                else:
                    raise rest[0]
            elif not child.is_alive() and not receive.poll(0):
                raise RuntimeError(f"the printout's process ended (exit code {child.exitcode})")
    finally:
        child.join(STOP_SECONDS)
        if child.is_alive():
            child.terminate()
            child.join()
            Path(part_of(path)).unlink(missing_ok=True)  # what a killed child had half written
        receive.close()


def _child(target: str, args: tuple, kwargs: dict, send, stop) -> None:
    if hasattr(os, "nice"):
        os.nice(5)  # the window and the scan station come first
    module, name = target.split(":")
    render = getattr(importlib.import_module(f"smedesk.printouts.{module}"), name)
    try:
        result = render(*args, progress=lambda done, total: send.send(("progress", done, total)),
                        cancelled=stop.is_set, **kwargs)
    except Exception as exc:  # a refusal or a bug: raised again in the window's process
        send.send(("error", exc))
    else:
        send.send(("done", result))
    finally:
        send.close()
