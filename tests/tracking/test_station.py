from smedesk.core import users
from smedesk.tracking import release, station


def make_station(db, owner, make_order):
    make_order(release_it=True)
    return station.Station(db, owner), [u["code"] for u in release.order_units(db, "P-001")]


def test_step_card_by_name_sets_step(db, owner, make_order):
    st, _ = make_station(db, owner, make_order)
    event = st.handle("PASOARMADO")
    assert event.kind == station.STEP and st.step == "Armado"


def test_step_card_by_number(db, owner, make_order):
    st, codes = make_station(db, owner, make_order)
    st.handle("PASO1")
    st.handle("Rosa")
    assert st.handle(codes[0]).outcome == "counted"


def test_unknown_step_card_is_refused(db, owner, make_order):
    st, _ = make_station(db, owner, make_order)
    event = st.handle("PASOPINTADO")
    assert event.outcome == "other" and st.step is None


def test_label_needs_step_then_operator(db, owner, make_order):
    st, codes = make_station(db, owner, make_order)
    assert "tarjeta" in st.handle(codes[0]).message
    st.handle("PASOCORTE")
    assert "fotocheck" in st.handle(codes[0]).message
    assert db.execute("SELECT count(*) FROM scans").fetchone()[0] == 0


def test_shared_pin_does_not_pick_anyone(db, owner, make_order):
    users.add_user(db, "Ana", "staff", "9999", actor=owner)
    users.add_user(db, "Luz", "staff", "9999", actor=owner)
    st, _ = make_station(db, owner, make_order)
    st.handle("9999")
    assert st.operator is None


def test_undo_last_takes_back_the_scan(db, owner, make_order):
    st, codes = make_station(db, owner, make_order)
    st.handle("PASOCORTE")
    st.handle("Rosa")
    st.handle(codes[0])
    st.undo_last(actor=owner)
    assert db.execute("SELECT count(*) FROM scans WHERE undone_at IS NULL").fetchone()[0] == 0
    assert st.undo_last(actor=owner).outcome == "other"
