import datetime as dt

from smedesk.einvoice import deadlines, waiting


def test_factura_has_three_calendar_days_after_its_date_since_2023():
    assert deadlines.deadline("01", "F001", "2026-03-20") == dt.date(2026, 3, 23)
    assert deadlines.deadline("07", "F001", "2026-12-30") == dt.date(2027, 1, 2)


def test_before_rs_000003_2023_a_factura_had_one_day():
    assert deadlines.deadline("01", "F001", "2022-12-30") == dt.date(2022, 12, 31)


def test_boleta_and_its_notes_have_seven_days():
    assert deadlines.deadline("03", "B001", "2026-03-20") == dt.date(2026, 3, 27)
    assert deadlines.deadline("07", "B001", "2026-03-20") == dt.date(2026, 3, 27)


def test_baja_period_is_seven_days():
    assert deadlines.void_deadline("2026-03-01") == dt.date(2026, 3, 8)


def test_panel_says_what_is_due_and_by_when(db, sale):
    sale(date="2026-03-17"), sale(date="2026-03-17")   # due 2026-03-20: today
    sale(date="2026-03-18")                            # due tomorrow
    sale(date="2026-03-16")                            # due yesterday: past
    sale("03", "B001", "10.00", date="2026-03-20")     # boleta, due 2026-03-27
    found = waiting.reminders(db, dt.date(2026, 3, 20))
    assert [(r.count, r.urgent, r.deadline.isoformat()) for r in found] == [
        (1, True, "2026-03-19"), (2, True, "2026-03-20"), (1, False, "2026-03-21"), (1, False, "2026-03-27")]
    assert found[1].text == "2 facturas vencen hoy: conéctese a internet para enviarlas."
    assert found[2].text == "1 factura vence mañana: conéctese a internet para enviarla."
    assert "venció el 19/03/2026: SUNAT ya no la recibe" in found[0].text  # day first, for people
    assert found[3].text == "1 boleta por enviar hasta el 27/03/2026."


def test_two_facturas_due_tomorrow(db, sale):
    sale(date="2026-03-18"), sale(date="2026-03-18")
    [reminder] = waiting.reminders(db, dt.date(2026, 3, 20))
    assert reminder.text == "2 facturas vencen mañana: conéctese a internet para enviarlas."
    assert not reminder.urgent


def test_the_reminders_write_their_dates_day_first(db, sale):
    """As every date of the window reads: 27/03/2026, not 2026-03-27."""
    sale("03", "B001", "10.00", date="2026-03-20")     # boleta, due 2026-03-27
    sale(date="2026-03-10")                            # factura, due 2026-03-13: past
    found = waiting.reminders(db, dt.date(2026, 3, 20))
    assert [r.text for r in found][1] == "1 boleta por enviar hasta el 27/03/2026."
    assert found[0].text.startswith("1 factura venció el 13/03/2026:")
