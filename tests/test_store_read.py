"""Reading whole cases back from the store: complete, sorted, filtered, chunked, no N+1."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from store_sample import write_sample

from safeguard.cli import main
from safeguard.records import schema as s
from safeguard.store.engine import open_engine
from safeguard.store.read import get_case, iter_cases


def _store(db_url: str, tmp_path: Path, n: int = 5) -> sa.Engine:
    src = write_sample(tmp_path / "in", n_children=n)
    assert main(["import", str(src), "--db", db_url]) == 0
    return open_engine(db_url)


def test_get_case_returns_every_record_of_the_child(db_url: str, tmp_path: Path) -> None:
    engine = _store(db_url, tmp_path, n=3)
    case = get_case(engine, "C0001")
    assert case is not None
    assert isinstance(case.child, s.Child) and case.child.date_of_birth == date(2009, 2, 2)
    assert case.child.vulnerabilities == [] and case.child.in_care is True
    [ep] = case.episodes
    assert ep.episode.id == "E1" and ep.episode.status == "missing_from_care"
    assert [r.id for r in ep.risk_assessments] == ["R1"]
    assert ep.risk_assessments[0].factors == ["in care", "previous episodes"]
    assert [a.id for a in ep.actions] == ["A1"]
    assert [c.id for c in ep.safe_and_well_checks] == ["W1"]
    assert [h.id for h in ep.return_home_interviews] == ["H1"]
    assert [n.id for n in ep.notes] == ["N1-1"]
    [inv] = case.investigations
    assert inv.investigation.related_episode_ids == ["E1"]
    assert [x.suspect.id for x in inv.suspects] == ["S1"]
    assert [d.id for d in inv.suspects[0].disruptions] == ["D1"]
    assert [k.id for k in inv.key_decisions] == ["K1"]
    assert [c.key_decision_id for c in inv.contacts] == ["K1"]
    assert [r.id for r in inv.supervisor_reviews] == ["V1"]
    assert [r.id for r in inv.lines_of_enquiry] == ["L1"]
    assert [r.id for r in inv.referrals] == ["F1"]
    assert [n.id for n in inv.notes] == ["N1-2"]
    assert [n.id for n in case.notes] == ["N1-0", "N1-3"]
    assert case.notes[1].challenges_note_id == "N1-2"
    assert [n.id for n in case.all_notes()] == ["N1-0", "N1-1", "N1-2", "N1-3"]
    assert get_case(engine, "nobody") is None
    engine.dispose()


def test_iter_cases_pages_through_every_child_with_bounded_queries(
    db_url: str, tmp_path: Path
) -> None:
    engine = _store(db_url, tmp_path, n=7)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    ids = [c.child.id for c in iter_cases(engine, chunk_size=3)]
    assert ids == [f"C{i:04d}" for i in range(7)]
    per_chunk = len(statements) / 3  # 3 chunks of children
    statements.clear()
    assert len(list(iter_cases(engine, chunk_size=100))) == 7
    # One chunk of 7 children costs no more queries than a chunk of 3: no query per child.
    assert len(statements) <= per_chunk + 1
    engine.dispose()


def test_iter_cases_filters_by_team_and_since(db_url: str, tmp_path: Path) -> None:
    engine = _store(db_url, tmp_path, n=6)
    north = [c.child.id for c in iter_cases(engine, team="North")]
    assert north == ["C0001", "C0003", "C0005"]
    # Child i's records start on 2024-03-01 + i days (notes up to that day + 3h).
    recent = [c.child.id for c in iter_cases(engine, since=date(2024, 3, 7))]
    assert recent == ["C0004", "C0005"]  # investigations reported 2024-03-07 and -08
    assert list(iter_cases(engine, since=date(2030, 1, 1))) == []
    engine.dispose()
