"""Pulling from a portal the test starts on 127.0.0.1, with its faults."""

import pytest
import requests

from smedesk.core.db import scalar
from smedesk.tenders import client, store
from tests.seace.builder import dumps, record_package, release
from tests.seace.server import Portal

FAST = client.Pacing(timeout=0.3, retries=2, backoff=0, min_interval=0)
FIRST = "/api/v1/recordsAfter"


def pages(base, groups):
    """Pages of releases newest first; page n links to page n+1."""
    urls = [FIRST] + [f"{FIRST}?page={n}" for n in range(2, len(groups) + 1)]
    built = {}
    for n, group in enumerate(groups):
        next_url = base + urls[n + 1] if n + 1 < len(groups) else None
        built[urls[n]] = dumps(record_package(group, next_url=next_url))
    return urls, built


def day(n):
    return f"2026-09-{n:02d}T10:00:00-05:00"


# seven processes, newest first: 7..5 on page 1, 4..3 on page 2, 2..1 on page 3
GROUPS = [[release(n, date=day(n)) for n in (7, 6, 5)], [release(n, date=day(n)) for n in (4, 3)],
          [release(n, date=day(n)) for n in (2, 1)]]


@pytest.fixture
def portal():
    with Portal() as server, requests.Session() as session:
        server.session = session
        yield server


def pull(db, actor, portal, **kw):
    return client.pull(db, portal.session, portal.url, actor=actor, pacing=FAST, sleep=lambda s: None, **kw)


def stored(db):
    return scalar(db, "SELECT count(*) FROM seace_processes")


def serve(portal, groups=GROUPS):
    urls, built = pages(portal.url, groups)
    portal.script.update({u: [b] for u, b in built.items()})
    return urls, built


def test_follows_next_links_to_the_end(sdb, boss, portal):
    serve(portal)
    report = pull(sdb, boss, portal)
    assert (len(report.new), report.problems, report.complete) == (7, [], True)


def test_second_pull_stops_where_the_last_ended(sdb, boss, portal):
    serve(portal)
    pull(sdb, boss, portal)
    portal.hits.clear()
    serve(portal, [[release(8, date=day(8)), release(7, date=day(7))], *GROUPS[1:]])
    report = pull(sdb, boss, portal)
    assert report.new == ["ocds-dgv273-seacev3-1300008"]
    assert portal.hits == [FIRST]


def test_server_error_on_first_try_is_retried(sdb, boss, portal):
    _urls, built = serve(portal)
    portal.script[FIRST] = [("status", 500), built[FIRST]]
    report = pull(sdb, boss, portal)
    assert (len(report.new), report.problems) == (7, [])


def test_timeout_is_retried(sdb, boss, portal):
    _urls, built = serve(portal)
    portal.script[FIRST] = [("slow", 1.0, built[FIRST]), built[FIRST]]
    assert len(pull(sdb, boss, portal).new) == 7


def test_truncated_body_is_retried(sdb, boss, portal):
    urls, built = serve(portal)
    portal.script[urls[1]] = [("cut", built[urls[1]]), built[urls[1]]]
    assert len(pull(sdb, boss, portal).new) == 7


def test_malformed_page_is_reported_earlier_pages_kept_and_resumed(sdb, boss, portal):
    urls, built = serve(portal)
    portal.script[urls[1]] = [b'{"records": [{"ocid": ']
    report = pull(sdb, boss, portal)
    assert stored(sdb) == 3
    assert report.problems[0][0] == portal.url + urls[1] and not report.complete
    portal.script[urls[1]] = [built[urls[1]]]
    portal.hits.clear()
    again = pull(sdb, boss, portal)
    assert (stored(sdb), again.problems) == (7, [])
    assert portal.hits[0] == urls[1]


def test_html_answer_is_reported(sdb, boss, portal):
    serve(portal)
    portal.script[FIRST] = [("html",)]
    report = pull(sdb, boss, portal)
    assert "HTML" in report.problems[0][1] and stored(sdb) == 0


def test_server_that_keeps_failing_is_reported_with_its_url(sdb, boss, portal):
    portal.script[FIRST] = [("status", 503)]
    report = pull(sdb, boss, portal)
    assert report.problems == [(portal.url + FIRST, "el portal respondió con el error 503")]


def test_repeated_page_is_reported_and_stops(sdb, boss, portal):
    urls, built = serve(portal)
    portal.script[urls[1]] = [built[FIRST]]
    report = pull(sdb, boss, portal)
    assert stored(sdb) == 3
    assert "misma página" in report.problems[0][1]


def test_next_link_back_to_a_seen_page_stops(sdb, boss, portal):
    looping = dumps(record_package(GROUPS[0], next_url=portal.url + FIRST))
    portal.script[FIRST] = [looping]
    report = pull(sdb, boss, portal)
    assert stored(sdb) == 3 and report.problems


def test_max_pages_stops_and_the_next_pull_resumes(sdb, boss, portal):
    urls, _built = serve(portal)
    assert len(pull(sdb, boss, portal, max_pages=1).new) == 3
    assert store.get_state(sdb, f"resume:records:{portal.url}") == portal.url + urls[1]
    assert len(pull(sdb, boss, portal).new) == 4


def test_cancel_keeps_what_was_pulled(sdb, boss, portal):
    serve(portal)
    done = []
    pull(sdb, boss, portal, progress=lambda d, t: done.append(d), cancelled=lambda: len(done) >= 2)
    assert stored(sdb) == 5


def test_polite_wait_between_pages(sdb, boss, portal):
    serve(portal)
    waits = []
    client.pull(sdb, portal.session, portal.url, actor=boss, sleep=waits.append,
                pacing=client.Pacing(timeout=1, retries=0, backoff=0, min_interval=5))
    assert len(waits) == 2 and all(0 < w <= 5 for w in waits)


def test_no_connection_is_reported(sdb, boss):
    with requests.Session() as session:
        report = client.pull(sdb, session, "http://127.0.0.1:9", actor=boss, pacing=FAST, sleep=lambda s: None)
    assert "sin internet" in report.problems[0][1] and "Error" not in report.problems[0][1]


def test_bad_release_in_a_good_page_is_reported_and_the_rest_kept(sdb, boss, portal):
    package = record_package([release(2), release(1)])
    package["records"].insert(1, {"ocid": "ocds-dgv273-broken", "releases": []})
    portal.script[FIRST] = [dumps(package)]
    report = pull(sdb, boss, portal)
    assert (len(report.new), len(report.problems)) == (2, 1)
    assert report.problems[0][0] == portal.url + FIRST


def test_connection_dropped_mid_body_is_retried(sdb, boss, portal):
    urls, built = serve(portal)
    portal.script[urls[2]] = [("short", built[urls[2]]), built[urls[2]]]
    report = pull(sdb, boss, portal)
    assert (len(report.new), report.problems) == (7, [])


def test_body_cut_on_every_try_is_reported_and_resumable(sdb, boss, portal):
    urls, built = serve(portal)
    portal.script[urls[2]] = [("cut", built[urls[2]])]
    report = pull(sdb, boss, portal)
    assert stored(sdb) == 5
    assert report.problems == [(portal.url + urls[2], "está cortado (incompleto)")]
    assert store.get_state(sdb, f"resume:records:{portal.url}") == portal.url + urls[2]


def test_a_redirect_to_another_host_is_refused_not_followed(sdb, boss, portal):
    # sync.transport's policy: a redirect may not leave the portal's origin
    elsewhere = portal.url.replace("127.0.0.1", "localhost") + FIRST
    portal.script[FIRST] = [("redirect", elsewhere)]
    report = pull(sdb, boss, portal)
    assert "otra dirección" in report.problems[0][1] and "localhost" in report.problems[0][1]
    assert portal.hits == [FIRST] and stored(sdb) == 0


def test_a_redirect_within_the_portal_is_followed(sdb, boss, portal):
    _urls, built = pages(portal.url, GROUPS[:1])
    portal.script[FIRST] = [("redirect", portal.url + FIRST + "?moved=1")]
    portal.script[FIRST + "?moved=1"] = [built[FIRST]]
    report = pull(sdb, boss, portal)
    assert report.problems == [] and stored(sdb) == 3
    assert portal.hits == [FIRST, FIRST + "?moved=1"]


def test_a_body_without_length_is_capped_while_it_is_read(sdb, boss, portal, monkeypatch):
    monkeypatch.setattr(client, "MAX_PAGE_BYTES", 1000)
    portal.script[FIRST] = [("stream", b"[" + b" " * 5000 + b"]")]
    report = pull(sdb, boss, portal)
    assert "demasiado grande" in report.problems[0][1] and stored(sdb) == 0
