"""The print bar: gathering on the database worker, drawing on a thread of its
own, so the worker (and a scan at the station) never waits for a render."""

import threading

import pytest

from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar


@pytest.fixture
def bar(qtbot, ctx):
    page = Page(ctx, "Prueba")
    qtbot.addWidget(page)
    printing = PrintBar(page)
    page.body.addWidget(printing)
    return printing


def test_the_database_worker_answers_while_a_pdf_is_being_drawn(qtbot, ctx, bar):
    drawing, release = threading.Event(), threading.Event()
    threads, written = {}, []

    def gather(db):
        threads["gather"] = threading.current_thread().name
        return {"rows": 3}

    def draw(data, progress, cancelled):
        threads["draw"] = threading.current_thread().name
        drawing.set()
        release.wait(10)
        return f"{data['rows']} filas"

    bar.start(gather, draw, done=written.append)
    qtbot.waitUntil(drawing.is_set, timeout=10000)
    answered = []
    ctx.ops.read(lambda db: db.execute("SELECT 1").fetchone()[0], done=answered.append)
    qtbot.waitUntil(lambda: answered == [1], timeout=10000)  # the render still holds its thread
    assert bar.busy() and written == []
    release.set()
    qtbot.waitUntil(lambda: not bar.busy(), timeout=10000)
    assert written == ["3 filas"]
    assert threads["gather"] == "smedesk-db" and threads["draw"] not in ("smedesk-db", "MainThread")


def test_progress_moves_the_bar_and_a_second_pdf_waits_its_turn(qtbot, bar):
    order, seen = [], []

    def draw_one(name):
        def draw(data, progress, cancelled):
            progress(1, 4)
            order.append(name)
            return name
        return draw

    bar._relay.progressed.connect(lambda job, done, total: seen.append((done, total)))
    bar.start(lambda db: None, draw_one("primero"), done=lambda r: None)
    bar.start(lambda db: None, draw_one("segundo"), done=lambda r: None)
    qtbot.waitUntil(lambda: not bar.busy(), timeout=10000)
    assert order == ["primero", "segundo"] and seen == [(1, 4), (1, 4)]


def test_a_refusal_while_gathering_is_said_and_nothing_is_drawn(qtbot, bar):
    from smedesk.core.errors import ValidationError

    drawn = []

    def gather(db):
        raise ValidationError("No hay nada que imprimir.")

    bar.start(gather, lambda data, **job: drawn.append(data), done=lambda r: None)
    qtbot.waitUntil(lambda: not bar.busy(), timeout=10000)
    assert drawn == [] and bar.message.text() == "No hay nada que imprimir."
