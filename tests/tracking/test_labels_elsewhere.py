"""Labels drawn in a child process (what the window does for a big batch) and
stopped half way: nothing is left, not even a hidden part file."""

import re

from smedesk.core.i18n import translator
from smedesk.printouts.process import render_in_process
from smedesk.tracking import printing


def pages(path) -> int:
    return len(re.findall(rb"/Type /Page[^s]", path.read_bytes()))


def test_labels_drawn_in_a_child_process_tell_their_progress(db, owner, make_order, tmp_path):
    make_order(lines=[{"sku": "SIL-01", "qty": 10}], release_it=True)  # 10 chairs × 5 parts = 50 labels
    data = printing.labels_data(db, "P-001")
    told = []
    out = render_in_process("labels:render", data["units"], data["order"], path=tmp_path / "e.pdf",
                            layout="a4", tr=translator("es"), progress=lambda done, total: told.append((done, total)))
    assert out == tmp_path / "e.pdf" and pages(out) == 3  # 24 + 24 + 2
    assert told[0] == (0, 50) and told[-1] == (50, 50)


def test_a_cancelled_child_leaves_no_file(db, owner, make_order, tmp_path):
    make_order(lines=[{"sku": "SIL-01", "qty": 10}], release_it=True)
    data = printing.labels_data(db, "P-001")
    told = []
    out = render_in_process("labels:render", data["units"], data["order"], path=tmp_path / "e.pdf",
                            layout="a4", tr=translator("es"), progress=lambda done, total: told.append(done),
                            cancelled=lambda: bool(told))  # stop as soon as the first sheet is reported
    assert out is None and list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*")) == []


def test_a_refusal_in_the_child_is_raised_here(db, owner, make_order, tmp_path):
    import pytest

    from smedesk.core.errors import ValidationError

    make_order(lines=[{"sku": "SIL-01", "qty": 1}], release_it=True)
    data = printing.labels_data(db, "P-001")
    with pytest.raises(ValidationError):
        render_in_process("labels:render", data["units"], data["order"], path=tmp_path / "e.pdf",
                          layout="sticker", tr=translator("es"))
