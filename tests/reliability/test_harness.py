"""The fuzz harness itself catches what it promises to catch."""

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from reliability import fuzz_kit
from smedesk.core import business, settings, users
from smedesk.core.errors import RowErrors, ValidationError


def _setup(tmp):
    db = business.create(tmp / "h.smedesk", business.NewBusiness("H S.A.C.", "20100123453", "Dueña", "1234"))
    return {"db": db, "owner": users.owner_actor(db)}


def test_digest_changes_when_a_row_changes(tmp_path):
    ctx = _setup(tmp_path)
    before = fuzz_kit.digest(ctx["db"])
    settings.set(ctx["db"], "x.y", "1", actor=ctx["owner"])
    assert fuzz_kit.digest(ctx["db"]) != before
    ctx["db"].close()


def test_a_refusal_that_wrote_something_fails_the_fuzzer():
    def one(ctx, n):
        def half_applied():
            settings.set(ctx["db"], f"half.{n}", "1", actor=ctx["owner"])
            raise ValidationError("refused after writing")
        return fuzz_kit.refused_or_applied(ctx["db"], half_applied)

    result = fuzz_kit.run_fuzzer("half", 3, _setup, lambda ctx: st.integers(0, 9), one)
    assert not result.passed
    assert "changed" in result.detail


def test_a_crash_fails_the_fuzzer():
    def one(ctx, n):
        return {}["boom"]

    result = fuzz_kit.run_fuzzer("crash", 3, _setup, lambda ctx: st.integers(), one)
    assert not result.passed and "KeyError" in result.detail


def test_a_refusal_without_reason_fails_the_fuzzer():
    def one(ctx, n):
        return fuzz_kit.refused_or_applied(ctx["db"], lambda: (_ for _ in ()).throw(ValidationError("  ")))

    assert not fuzz_kit.run_fuzzer("mute", 2, _setup, lambda ctx: st.integers(), one).passed


def test_row_errors_need_line_numbers_and_reasons():
    fuzz_kit.check_refusal(RowErrors("Rows with errors: 1.", [(3, "bad price")]))
    try:
        fuzz_kit.check_refusal(RowErrors("Rows with errors: 1.", [(3, "")]))
    except AssertionError:
        return
    raise AssertionError("an empty row reason was accepted")


def test_generated_tables_are_bytes_in_many_shapes():
    seen = set()

    @hsettings(max_examples=200, database=None, derandomize=True)  # deterministic: never flaky
    @given(fuzz_kit.table_bytes(["code", "name"], ["A1"]))
    def collect(data):
        assert isinstance(data, bytes)
        seen.add(b";" in data or b"\t" in data)

    collect()
    assert seen == {True, False}
