"""The queue is exactly the audit's open obligations and open findings, for any store and any
moment: same ids, same deadlines, same words; and the report's headline figures are counts of
the findings shown."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguard.audit.runner import Auditor, AuditReport
from safeguard.cli import main
from safeguard.engine.queue import obligations, open_findings, refresh_expired
from safeguard.engine.results import default_as_of, dismissed_by_child, is_open
from safeguard.standards import StandardsError
from safeguard.store.engine import open_store
from safeguard.store.read import iter_cases

ALL = 10**6


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("queue")
    assert main(["demo-data", "--children", "30", "--seed", "11", "--out", str(root / "d")]) == 0
    (root / "d" / "truth.jsonl").unlink(missing_ok=True)
    url = f"sqlite:///{root / 'q.db'}"
    assert main(["import", str(root / "d"), "--db", url]) == 0
    engine = open_store(url)
    yield engine
    engine.dispose()


def _audit_view(engine, now: datetime) -> tuple[set, set]:  # type: ignore[no-untyped-def]
    auditor = Auditor(as_of=now)
    with engine.connect() as conn:
        dismissed = dismissed_by_child(conn)
    obs, fs = set(), set()
    for case in iter_cases(engine):
        r = auditor.audit_case(case, dismissed.get(case.child.id, frozenset()))
        obs |= {(o.key, o.child_id, o.due_at, o.what, o.detail) for o in r.obligations}
        fs |= {(f.key, f.child_id, f.detail) for f in r.findings if is_open(f, case, now)}
    return obs, fs


def _queue_view(engine, now: datetime) -> tuple[set, set]:  # type: ignore[no-untyped-def]
    refresh_expired(engine, now)
    n_obs, obs = obligations(engine, limit=ALL)
    n_fs, fs = open_findings(engine, limit=ALL)
    # The totals shown (kept as results are written) are the items' counts.
    assert (n_obs, n_fs) == (len(obs), len(fs))
    return (
        {(q.key, q.child_id, q.due_at, q.what, q.detail) for q in obs},
        {(q.key, q.child_id, q.detail) for q in fs},
    )


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hours=st.integers(min_value=0, max_value=24 * 20))
def test_queue_is_exactly_the_audits_open_obligations_and_findings(store, hours: int) -> None:  # type: ignore[no-untyped-def]
    now = default_as_of(store) + timedelta(hours=hours)
    assert _queue_view(store, now) == _audit_view(store, now)


def test_queue_order_and_words(store) -> None:  # type: ignore[no-untyped-def]
    now = default_as_of(store)
    refresh_expired(store, now)
    total, page = obligations(store, limit=20)
    assert total >= len(page) > 0
    dues = [q.due_at for q in page]
    assert dues == sorted(dues)  # overdue first (longest overdue first), then due soonest
    for q in page:
        words = q.when_words(now)
        assert words.startswith("overdue by ") if q.overdue(now) else words.startswith("due in ")
    _, page2 = obligations(store, limit=20, offset=20)
    assert not {q.key for q in page} & {q.key for q in page2}


def test_headline_figures_are_counts_of_the_findings_shown(store) -> None:  # type: ignore[no-untyped-def]
    auditor = Auditor(as_of=default_as_of(store))
    report = AuditReport(
        as_of=auditor.as_of,
        generated_at=auditor.as_of,
        standards=auditor.standards,
        cases=[auditor.audit_case(c) for c in iter_cases(store)],
    )
    counted = {
        chk: sum(1 for r in report.cases if any(f.check_id == chk for f in r.findings))
        for chk in ("LANG-VICTIM-BLAMING", "LANG-UNCHALLENGED", "MIS-REPEAT-NO-SCREENING")
    }
    figures = {what: (n, m) for n, m, what in report.headline_figures()}
    # Victim-blaming language: one finding per flagged note (unchallenged, or challenged late),
    # and a prompt challenge shown as good practice in the case's grade reasons.
    with_language = sum(
        1
        for r in report.cases
        if r.challenged_promptly
        or any(f.check_id in ("LANG-VICTIM-BLAMING", "LANG-UNCHALLENGED") for f in r.findings)
    )
    assert figures["cases contained victim-blaming language"][0] == with_language
    assert (
        figures["cases had victim-blaming language that no supervisor challenged"][0]
        == counted["LANG-UNCHALLENGED"]
    )
    repeat = figures[
        "repeatedly missing children had no exploitation screening or strategy meeting"
    ]
    assert repeat[0] == counted["MIS-REPEAT-NO-SCREENING"], (repeat, counted)


def test_urgent_is_the_standards_definition() -> None:
    """What the queue marks urgent is read from standards.yml's ``urgent`` entry (one
    definition; the web shows ``QueueItem.urgent``)."""
    import yaml

    from safeguard.engine.queue import QueueItem
    from safeguard.standards import parse_standards
    from safeguard.standards.catalogue import DEFAULT_PATH

    now = datetime(2026, 1, 1, 12)

    def item(severity: str, due_in_h: float | None) -> QueueItem:
        return QueueItem(
            key="k",
            kind="obligation" if due_in_h is not None else "finding",
            child_id="C1",
            team="T",
            check_id="MIS-RHI-LATE",
            title="t",
            severity=severity,
            record_type="episode",
            record_id="E1",
            what="w",
            detail="d",
            due_at=None if due_in_h is None else now + timedelta(hours=due_in_h),
        )

    # The packaged definition: overdue, or serious.
    assert item("minor", -1).urgent(now) and not item("minor", 1).urgent(now)
    assert item("serious", None).urgent(now) and not item("major", None).urgent(now)
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    raw["urgent"] = {"overdue": False, "severities": ["serious", "major"]}
    edited = parse_standards(raw)
    assert not item("minor", -1).urgent(now, edited)
    assert item("major", None).urgent(now, edited)
    del raw["urgent"]
    with pytest.raises(StandardsError, match="urgent"):
        parse_standards(raw)


def test_pages_read_by_check_are_slices_of_the_whole_sorted_queue(store) -> None:  # type: ignore[no-untyped-def]
    """A section's page is read one check at a time and merged: it must equal the slice of
    the whole queue sorted as documented, for several checks at once and at any offset."""
    now = default_as_of(store)
    refresh_expired(store, now)
    _, every_ob = obligations(store, limit=ALL)
    _, every_f = open_findings(store, limit=ALL)
    for kind, every, order in (
        ("obligations", every_ob, lambda q: (q.due_at, q.child_id, q.key)),
        ("findings", every_f, lambda q: (-q.at.timestamp(), q.child_id, q.key)),
    ):
        checks = sorted({q.check_id for q in every})
        assert len(checks) >= 2, kind
        for pick in (checks, checks[::2], checks[1:2]):
            want = sorted((q for q in every if q.check_id in pick), key=order)
            read = obligations if kind == "obligations" else open_findings
            for offset in (0, 3, 7, len(want) - 2):
                total, page = read(store, checks=pick, limit=5, offset=max(0, offset))
                assert total == len(want)
                got = [(q.child_id, q.key) for q in page]
                assert got == [
                    (q.child_id, q.key) for q in want[max(0, offset) : max(0, offset) + 5]
                ]


def test_children_list_pages_by_index_and_lists_unaudited_children_last(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The list reads the stored results' index in the order shown; a child with no stored
    result yet (imported, not yet audited) is still listed, after the others, on any page."""
    import sqlite3

    from sqlalchemy import text

    from safeguard.web.casedata import children_rows

    copy = tmp_path / "copy.db"
    src, dst = sqlite3.connect(store.url.database), sqlite3.connect(copy)
    with dst:
        src.backup(dst)  # a consistent copy, write-ahead log included
    src.close()
    dst.close()
    engine = open_store(f"sqlite:///{copy}")
    every_total, every = children_rows(engine, teams=None, team=None, limit=ALL, offset=0)
    assert every_total == len(every) >= 10
    keys = [(-r["open"], -r["episodes"], r["child"].id) for r in every]
    assert keys == sorted(keys)  # still missing first, then most episodes, then by id
    gone = [every[0]["child"].id, every[3]["child"].id]
    with engine.begin() as conn:
        for cid in gone:
            conn.execute(text("DELETE FROM engine_case_results WHERE child_id = :c"), {"c": cid})
    total, rows = children_rows(engine, teams=None, team=None, limit=ALL, offset=0)
    assert total == every_total and [r["child"].id for r in rows[-2:]] == sorted(gone)
    assert all(r["grade"] is None for r in rows[-2:])
    paged = [
        r["child"].id
        for offset in range(0, total, 4)
        for r in children_rows(engine, teams=None, team=None, limit=4, offset=offset)[1]
    ]
    assert paged == [r["child"].id for r in rows]  # pages across the boundary lose no one
    engine.dispose()
