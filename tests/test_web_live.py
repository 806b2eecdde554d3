"""The web server's background follower: it audits children left without a current result,
and looks the whole store over for them only when an import or the rules could have left one."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from test_web_support import NOW, load_sample

from safeguard.engine import results
from safeguard.engine.models import CaseResultRow
from safeguard.records import schema as s
from safeguard.records.io import record_values
from safeguard.store.engine import open_engine
from safeguard.store.load import load
from safeguard.web.live import Live


def test_the_store_is_looked_over_again_only_after_an_import(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_sample(db_url)  # records only: nobody has a result yet
    engine = open_engine(db_url)
    looked: list[int] = []
    real = results.stale_children

    def counted(*args: object, **kwargs: object) -> list[str]:
        looked.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(results, "stale_children", counted)
    live = Live(engine, lambda: NOW)

    def stored() -> set[str]:
        with engine.connect() as conn:
            return set(conn.execute(select(CaseResultRow.child_id)).scalars())

    live.sync_once()
    assert len(looked) == 1
    assert stored() == {"C-N1", "C-N2", "C-S1"}

    # A decision elsewhere changes stored results, not records: no look over the store.
    with engine.begin() as conn:
        results.bump_changes(conn)
    live.sync_once()
    live.sync_once()
    assert len(looked) == 1

    # An import adds a child: the next sync finds and audits it.
    child = s.Child(id="C-NEW", date_of_birth="2012-03-03", team="North")
    load(engine, [("children", [tuple(record_values("children", child))])])
    live.sync_once()
    assert len(looked) == 2
    assert "C-NEW" in stored()
    engine.dispose()


def test_what_only_an_import_changes_is_kept_across_decisions(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Team names and counts of children are read once per import (``records_stamp``): a
    decision changes the queue's version but not theirs; an import changes both."""
    load_sample(db_url)
    engine = open_engine(db_url)
    live = Live(engine, lambda: NOW)
    assert live.records_stamp is None  # no live thread: read afresh every time
    monkeypatch.setattr(Live, "running", property(lambda _self: True))
    live.sync_once()
    first, version = live.records_stamp, live.stamp
    assert first is not None

    with engine.begin() as conn:
        results.bump_changes(conn)  # a decision elsewhere
    live.sync_once()
    assert live.stamp != version
    assert live.records_stamp == first

    child = s.Child(id="C-NEW2", date_of_birth="2012-03-03", team="North")
    load(engine, [("children", [tuple(record_values("children", child))])])
    live.sync_once()
    assert live.records_stamp not in (None, first)
    engine.dispose()
