"""Results stored per case and kept current.

Each child's audit (grade, reasons, findings with evidence, obligations with deadlines) is
written to the database with a fingerprint of the case's records (and of any language flags a
supervisor dismissed) and of the rules (standards, risk levels, language rules and model, and
the checks' own code). A stored result is exactly what a fresh audit gives at any moment from
its ``as_of`` until its ``valid_until`` (the next deadline, the next record time or the next
risk-rule threshold), so the clock moving does not mean re-auditing everything.

Write paths keep it current: ``safeguard import`` re-audits the children whose records changed,
a challenge or dismissal re-audits that child, ``safeguard audit`` re-audits whatever is stale
(rules changed, time passed a deadline, never audited) in parallel.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import Engine, column, func, insert, select, table, text, update
from sqlalchemy.engine import Connection

from safeguard.audit.runner import Auditor, CaseResult
from safeguard.engine import queue_counts
from safeguard.engine.finding import Finding
from safeguard.engine.language_cache import (
    KeptTexts,
    NoteTexts,
    language_fingerprint,
    read_cache,
    write_cache,
)
from safeguard.engine.models import (
    CaseResultRow,
    EngineStateRow,
    FindingRow,
    ObligationRow,
    ThemeCountRow,
)
from safeguard.engine.rows import insert_rows, lock_children
from safeguard.records.case import Case
from safeguard.records.clock import utc_now
from safeguard.store.engine import reader

#: Packages whose data files and code decide the audit's answers (their bytes are fingerprinted).
_RULE_SOURCES = (
    ("safeguard.standards", (".yml", ".py")),
    ("safeguard.indicators", (".yml", ".py")),
    ("safeguard.language", (".yml", ".json", ".py")),
    ("safeguard.textrules", (".yml", ".py")),
    ("safeguard.missing", (".yml", ".py")),  # .yml: the risk cues read in a grading's account
    ("safeguard.investigations", (".py",)),
    ("safeguard.engine", (".py",)),
    ("safeguard.audit", (".py",)),
    ("safeguard", ("timing.py", "challenges.py", "people.py")),
)
#: Code in those packages that reads or stores results but never decides them: changing it
#: must not make every stored result stale (a full re-audit of a force).
_NOT_RULES = frozenset(
    {
        "safeguard.engine/queue.py",
        "safeguard.engine/models.py",
        "safeguard.engine/queue_counts.py",
        "safeguard.engine/rows.py",
        # the audit's reports and its progress bar: they show results, never decide them
        "safeguard.audit/report_text.py",
        "safeguard.audit/report_html.py",
        "safeguard.audit/charts.py",
        "safeguard.audit/progress.py",
    }
)
NOTIFY_CHANNEL = "safeguard_results"
_BATCH = 200


@cache
def _code_fingerprint() -> str:
    h = hashlib.sha256()

    def walk(node: Any, prefix: str, suffixes: tuple[str, ...], depth: int) -> None:
        for child in sorted(node.iterdir(), key=lambda p: p.name):
            if child.is_dir():
                if depth < 3 and child.name != "__pycache__":
                    walk(child, f"{prefix}/{child.name}", suffixes, depth + 1)
            elif child.name.endswith(suffixes) and f"{prefix}/{child.name}" not in _NOT_RULES:
                h.update(f"{prefix}/{child.name}\0".encode())
                h.update(child.read_bytes())

    for package, suffixes in _RULE_SOURCES:
        root = resources.files(package)
        if package == "safeguard":
            for name in suffixes:
                f = root.joinpath(name)
                if f.is_file():
                    h.update(name.encode() + b"\0" + f.read_bytes())
            continue
        walk(root, package, suffixes, 0)
    return h.hexdigest()


def rules_fingerprint(auditor: Auditor) -> str:
    """Changes whenever anything that decides the audit's answers changes."""
    h = hashlib.sha256(_code_fingerprint().encode())
    h.update(auditor.standards.model_dump_json().encode())
    h.update(auditor.risk_levels.model_dump_json().encode())
    return h.hexdigest()[:40]


def records_fingerprint(case: Case, dismissed: Iterable[tuple[str, str, int]] = ()) -> str:
    """Changes whenever any record of the case changes (or a flag in it is dismissed)."""
    h = hashlib.sha256(case.child.model_dump_json().encode())
    for er in case.episodes:
        for rec in (
            er.episode,
            *er.risk_assessments,
            *er.actions,
            *er.safe_and_well_checks,
            *er.return_home_interviews,
        ):
            h.update(rec.model_dump_json().encode())
    for ir in case.investigations:
        recs: list[Any] = [ir.investigation, *ir.supervisor_reviews, *ir.lines_of_enquiry]
        for sr in ir.suspects:
            recs += [sr.suspect, *sr.disruptions]
        recs += [*ir.key_decisions, *ir.contacts, *ir.referrals]
        for rec in recs:
            h.update(rec.model_dump_json().encode())
    for n in case.all_notes():
        h.update(n.model_dump_json().encode())
    h.update(repr(sorted(dismissed)).encode())
    return h.hexdigest()[:40]


def _record_times(case: Case) -> Iterator[datetime]:
    def times(rec: Any) -> Iterator[datetime]:
        for name in type(rec).model_fields:
            v = getattr(rec, name, None)
            if isinstance(v, datetime):
                yield v

    yield from times(case.child)
    for er in case.episodes:
        for rec in (
            er.episode,
            *er.risk_assessments,
            *er.actions,
            *er.safe_and_well_checks,
            *er.return_home_interviews,
        ):
            yield from times(rec)
    for ir in case.investigations:
        recs: list[Any] = [ir.investigation, *ir.supervisor_reviews, *ir.lines_of_enquiry]
        for sr in ir.suspects:
            recs += [sr.suspect, *sr.disruptions]
        recs += [*ir.key_decisions, *ir.contacts, *ir.referrals]
        for rec in recs:
            yield from times(rec)
    for n in case.all_notes():
        yield n.written_at


def valid_until(case: Case, result: CaseResult, auditor: Auditor) -> datetime | None:
    """Until when ``result`` (audited at ``auditor.as_of``) stays exactly the audit's answer:
    the next obligation deadline, record time, or risk-rule time threshold after ``as_of``."""
    as_of = auditor.as_of
    later: list[datetime] = [o.due_at for o in result.obligations if o.due_at > as_of]
    later += [t for t in _record_times(case) if t > as_of]
    from datetime import timedelta

    thresholds = [
        r.when.hours_missing_at_least
        for r in auditor.risk_levels.rules
        if r.when.hours_missing_at_least is not None
    ]
    for er in case.episodes:
        ep = er.episode
        if ep.found_at is None or ep.found_at > as_of:
            later += [t for h in thresholds if (t := ep.reported_at + timedelta(hours=h)) > as_of]
    return min(later) if later else None


def is_open(f: Finding, case: Case, as_of: datetime) -> bool:
    """Whether something can still be done about ``f`` now: its record is still open, or the
    note still awaits a supervisor's challenge. (An obligation past its deadline is listed as
    the obligation, not again as a finding.)"""
    if f.due_at is not None:
        return False
    if f.check_id == "LANG-UNCHALLENGED":
        return True
    if f.record_type == "episode":
        ep = next((e.episode for e in case.episodes if e.episode.id == f.record_id), None)
        return ep is not None and (ep.found_at is None or ep.found_at > as_of)
    if f.record_type == "investigation":
        inv = next(
            (i.investigation for i in case.investigations if i.investigation.id == f.record_id),
            None,
        )
        return inv is not None and (
            inv.outcome == "open" or inv.outcome_at is None or inv.outcome_at > as_of
        )
    return False


# --- dismissed flags ----------------------------------------------------------------------

_DECISIONS = table(
    "web_challenge_decisions",
    column("child_id"),
    column("note_id"),
    column("rule"),
    column("start"),
    column("decision"),
    column("current"),
)


def dismissed_by_child(
    conn: Connection, child_ids: Sequence[str] | None = None
) -> dict[str, frozenset[tuple[str, str, int]]]:
    """(note id, rule, start) of every flag a supervisor dismissed, by child."""
    d = _DECISIONS.c
    # Only the decision that stands on a phrase counts (a later one may have replaced it).
    stmt = select(d.child_id, d.note_id, d.rule, d.start).where(
        d.decision == "dismissed", d.current.is_(True)
    )
    if child_ids is not None:
        stmt = stmt.where(d.child_id.in_(list(child_ids)))
    out: dict[str, set[tuple[str, str, int]]] = {}
    for child_id, note_id, rule, start in conn.execute(stmt):
        out.setdefault(child_id, set()).add((note_id, rule, int(start)))
    return {k: frozenset(v) for k, v in out.items()}


# --- reading and writing ------------------------------------------------------------------


@dataclass(frozen=True)
class StoredState:
    records_fp: str
    rules_fp: str
    as_of: datetime
    valid_until: datetime | None

    def current(self, rules_fp: str, as_of: datetime) -> bool:
        """True when this result is exactly the audit's answer at ``as_of`` under ``rules_fp``."""
        return (
            self.rules_fp == rules_fp
            and self.as_of <= as_of
            and (self.valid_until is None or as_of < self.valid_until)
        )


def stored_states(
    conn: Connection, child_ids: Sequence[str] | None = None
) -> dict[str, StoredState]:
    r = CaseResultRow
    stmt = select(r.child_id, r.records_fp, r.rules_fp, r.as_of, r.valid_until)
    out: dict[str, StoredState] = {}
    if child_ids is None:
        rows: Iterable[Any] = conn.execute(stmt)
    else:
        ids = list(child_ids)
        rows = [
            row
            for i in range(0, len(ids), 900)
            for row in conn.execute(stmt.where(r.child_id.in_(ids[i : i + 900])))
        ]
    for child_id, rfp, ufp, as_of, until in rows:
        out[child_id] = StoredState(rfp, ufp, as_of, until)
    return out


def load_results(conn: Connection, child_ids: Sequence[str]) -> dict[str, CaseResult]:
    """The stored results of these children (those that have one)."""
    r = CaseResultRow
    out: dict[str, CaseResult] = {}
    ids = list(child_ids)
    for i in range(0, len(ids), 900):
        stmt = select(r.child_id, r.payload).where(r.child_id.in_(ids[i : i + 900]))
        for child_id, payload in conn.execute(stmt):
            out[child_id] = CaseResult.from_dict(json.loads(payload))
    return out


def bump_changes(conn: Connection) -> None:
    """Count one more change of stored results; tell listening web servers (PostgreSQL)."""
    s = EngineStateRow
    done = conn.execute(update(s).where(s.name == "changes").values(value=s.value + 1))
    if not done.rowcount:
        conn.execute(insert(s).values(name="changes", value=1))
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))


def change_count(conn: Connection) -> int:
    s = EngineStateRow
    return int(conn.execute(select(s.value).where(s.name == "changes")).scalar() or 0)


@dataclass
class ResultRows:
    """The rows that store some children's results (made where the cases were audited)."""

    child_ids: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    obligations: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    #: (child id, payload) of language cache rows to replace
    language: list[tuple[str, str]] = field(default_factory=list)

    def add(
        self, case: Case, r: CaseResult, records_fp: str, rules_fp: str, auditor: Auditor
    ) -> None:
        """The rows of one child's result ``r`` (audited at ``auditor.as_of``)."""
        self.child_ids.append(r.child_id)
        sev = Counter(f.severity for f in r.findings)
        self.results.append(
            {
                "child_id": r.child_id,
                "team": r.team,
                "grade": r.grade,
                "serious": sev.get("serious", 0),
                "major": sev.get("major", 0),
                "minor": sev.get("minor", 0),
                "episodes": len(r.episodes),
                "open_episodes": sum(
                    1
                    for e in case.episodes
                    if e.episode.found_at is None or e.episode.found_at > auditor.as_of
                ),
                "investigations": len(r.investigation_ids),
                "notes": r.notes,
                "last_activity": r.last_activity,
                "period": r.period,
                "max_repeat": r.max_repeat,
                "screened": r.screened,
                "as_of": auditor.as_of,
                "valid_until": valid_until(case, r, auditor),
                "records_fp": records_fp,
                "rules_fp": rules_fp,
                "payload": json.dumps(r.as_stored(), ensure_ascii=False),
            }
        )
        for f in r.findings:
            self.findings.append(
                {
                    "child_id": r.child_id,
                    "team": r.team,
                    "key": f.key[:300],
                    "check_id": f.check_id,
                    "title": f.title[:300],
                    "severity": f.severity,
                    "area": f.area,
                    "record_type": f.record_type,
                    "record_id": f.record_id,
                    "at": f.at,
                    "due_at": f.due_at,
                    "detail": f.detail,
                    "open": is_open(f, case, auditor.as_of),
                    "themes": sorted({e.category or "other" for e in f.evidence}),
                }
            )
        phrases = Counter(
            e.category or "other"
            for f in r.findings
            if f.check_id == "LANG-VICTIM-BLAMING"
            for e in f.evidence
        )
        self.themes += [
            {"child_id": r.child_id, "theme": k[:64], "phrases": n} for k, n in phrases.items()
        ]
        for o in r.obligations:
            self.obligations.append(
                {
                    "child_id": r.child_id,
                    "team": r.team,
                    "key": o.key[:300],
                    "check_id": o.check_id,
                    "title": o.title[:300],
                    "severity": o.severity,
                    "record_type": o.record_type,
                    "record_id": o.record_id,
                    "since": o.since,
                    "due_at": o.due_at,
                    "what": o.what,
                    "detail": o.detail,
                }
            )

    def write(self, conn: Connection, language_fp: str | None) -> None:
        """Replace these children's stored results (one transaction: the caller's)."""
        lock_children(conn, sorted({*self.child_ids, *(cid for cid, _ in self.language)}))
        if self.language and language_fp:
            write_cache(conn, self.language, language_fp)
        if not self.child_ids:
            return
        ids = self.child_ids
        removed: Counter[queue_counts.Key] = Counter()
        for model in (FindingRow, ObligationRow, ThemeCountRow, CaseResultRow):
            for i in range(0, len(ids), 900):
                removed += queue_counts.delete_rows(conn, model, ids[i : i + 900])
        now = utc_now()
        insert_rows(conn, CaseResultRow, [{**r, "computed_at": now} for r in self.results])
        insert_rows(conn, FindingRow, self.findings)
        insert_rows(conn, ObligationRow, self.obligations)
        insert_rows(conn, ThemeCountRow, self.themes)
        queue_counts.apply(conn, queue_counts.of_rows(self.findings, self.obligations), removed)
        bump_changes(conn)


def write_results(
    conn: Connection,
    items: Sequence[tuple[Case, CaseResult, str]],
    rules_fp: str,
    auditor: Auditor,
) -> None:
    """Replace the stored results of these cases (``(case, result, records_fp)``)."""
    rows = ResultRows()
    for case, r, rfp in items:
        rows.add(case, r, rfp, rules_fp, auditor)
    rows.write(conn, None)


# --- auditing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """How to audit a batch of children, given by id (the same in every worker)."""

    rules_fp: str
    #: Skip a child whose stored result is current and made from the same records.
    reuse: bool
    #: Make the rows that store the results.
    store: bool
    #: Send the results back (the audit's report needs them; a refresh does not).
    want_results: bool
    #: The language cache's fingerprint; None: no cache (a language check of the caller's own).
    language_fp: str | None


@dataclass
class _Done:
    checked: int = 0
    reused: int = 0
    results: list[CaseResult] = field(default_factory=list)
    rows: ResultRows = field(default_factory=ResultRows)


def _audit_ids(engine: Engine, auditor: Auditor, plan: _Plan, ids: Sequence[str]) -> _Done:
    """Read these children's cases (one snapshot, a few queries for the whole batch), audit
    those that need it, and make the rows that store their results."""
    from safeguard.records import schema as s
    from safeguard.store.read import _T, _load_chunk, _rows, select_records, snapshot

    children = _T["children"]
    with snapshot(engine) as conn:
        page = _rows(conn, select_records(children).where(children.c.id.in_(list(ids))), s.Child)
        cases = {c.child.id: c for c in _load_chunk(conn, page)} if page else {}
        dismissed = dismissed_by_child(conn, ids)
        states = stored_states(conn, ids) if plan.reuse else {}
        kept = read_cache(conn, ids, plan.language_fp) if plan.language_fp else {}
    out = _Done()
    for cid in ids:
        case = cases.get(cid)
        if case is None or not auditor.begun(case):
            continue
        out.checked += 1
        d = dismissed.get(cid, frozenset())
        rfp = records_fingerprint(case, d) if plan.store or plan.reuse else ""
        st = states.get(cid)
        if st is not None and st.records_fp == rfp and st.current(plan.rules_fp, auditor.as_of):
            out.reused += 1
            continue
        if plan.language_fp:
            texts = NoteTexts(
                auditor.language_check, auditor.indicator_rules, kept.get(cid) or KeptTexts()
            )
            r = auditor.audit_case(
                case, d, language_check=texts.language, indicator_matches=texts.indicators
            )
            if plan.store and texts.changed:
                out.rows.language.append((cid, texts.payload()))
        else:
            r = auditor.audit_case(case, d)
        if plan.store:
            out.rows.add(case, r, rfp, plan.rules_fp, auditor)
        if plan.want_results:
            out.results.append(r)
    return out


_WORKER: tuple[Engine, Auditor, _Plan] | None = None
_PARENT_ENGINE: Engine | None = None


def _init(url: str, settings: dict[str, Any], plan: _Plan) -> None:
    global _WORKER
    from safeguard.store.engine import open_engine

    if _PARENT_ENGINE is not None:
        _PARENT_ENGINE.dispose(close=False)  # the parent's connections are the parent's
    _WORKER = (open_engine(url), Auditor(**settings), plan)


def _work(ids: list[str]) -> _Done:
    assert _WORKER is not None
    return _audit_ids(*_WORKER, ids)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _shareable(engine: Engine) -> bool:
    """Whether other processes can open this store by its address (not an in-memory one)."""
    if engine.dialect.name != "sqlite":
        return True
    db = engine.url.database
    return bool(db) and db != ":memory:" and "mode=memory" not in str(db)


def _run(
    engine: Engine, auditor: Auditor, plan: _Plan, ids: Sequence[str], jobs: int
) -> Iterator[tuple[list[str], _Done]]:
    """Audit these children in batches — in ``jobs`` worker processes when more than one, each
    reading its own cases from the store by id — yielding (batch ids, what was done) in order.
    """
    global _PARENT_ENGINE
    size = max(1, min(_BATCH, -(-len(ids) // max(1, jobs * 4))))
    batches = [list(ids[i : i + size]) for i in range(0, len(ids), size)]
    if jobs <= 1 or len(batches) <= 1 or not _shareable(engine) or not auditor.packaged_language:
        # (a language check of the caller's own cannot be sent to another process)
        for b in batches:
            yield b, _audit_ids(engine, auditor, plan, b)
        return
    settings = {
        "as_of": auditor.as_of,
        "standards": auditor.standards,
        "risk_levels": auditor.risk_levels,
        "language_mode": auditor.language_mode,  # workers check language in the same mode
    }
    url = engine.url.render_as_string(hide_password=False)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    _PARENT_ENGINE = engine
    try:
        with ctx.Pool(
            min(jobs, len(batches)), initializer=_init, initargs=(url, settings, plan)
        ) as pool:
            yield from zip(batches, pool.imap(_work, batches, chunksize=1), strict=True)
    finally:
        _PARENT_ENGINE = None


def _language_fp(auditor: Auditor) -> str | None:
    return language_fingerprint(auditor.language_mode) if auditor.packaged_language else None


def default_as_of(engine: Engine) -> datetime:
    """The time of the latest record in the store (when the data was extracted), never later
    than now: what an audit measures open records up to by default."""
    from safeguard.audit.source import latest_record_time

    now = utc_now()
    latest = latest_record_time(engine)
    return min(latest, now) if latest else now


@dataclass
class Refresh:
    """What a refresh did."""

    checked: int = 0
    audited: int = 0
    reused: int = 0


def refresh_children(
    engine: Engine,
    child_ids: Sequence[str],
    *,
    auditor: Auditor | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Refresh:
    """Re-audit those of ``child_ids`` whose records (or the rules) changed since their stored
    result, or whose stored result has expired; store the new results.

    The import calls this for the children it touched; the web app for one child after a
    challenge or dismissal. Re-importing an unchanged export audits nothing.
    """
    aud = auditor or Auditor(as_of=default_as_of(engine))
    plan = _Plan(
        rules_fp=rules_fingerprint(aud),
        reuse=True,
        store=True,
        want_results=False,
        language_fp=_language_fp(aud),
    )
    out = Refresh()
    for _ids, done in _run(engine, aud, plan, list(child_ids), jobs):
        with engine.begin() as conn:
            done.rows.write(conn, plan.language_fp)
        out.checked += done.checked
        out.reused += done.reused
        out.audited += len(done.rows.child_ids)
        if progress:
            progress(out.audited)
    return out


def all_child_ids(engine: Engine, *, team: str | None = None, since: Any = None) -> list[str]:
    from safeguard.store.read import _T, _since_filter

    c = _T["children"]
    stmt = select(c.c.id).order_by(c.c.id)
    if team is not None:
        stmt = stmt.where(c.c.team == team)
    if since is not None:
        stmt = stmt.where(_since_filter(since))
    with reader(engine).connect() as conn:
        return [r[0] for r in conn.execute(stmt)]


def current_results(
    engine: Engine,
    auditor: Auditor,
    child_ids: Sequence[str],
    *,
    fresh: bool = False,
    store: bool = True,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[CaseResult]:
    """The audit's result for each child, in the order given: the stored result where it is
    current (same rules, still valid at ``auditor.as_of``), otherwise audited now (in ``jobs``
    processes) and, with ``store``, stored.

    Stored results are trusted to match the records: every write path (import, challenge,
    dismissal) keeps them current. ``fresh`` audits every case regardless (the language
    checker's answers are still taken from the language cache while the language rules and
    model are unchanged: they depend on nothing else).
    """
    rules_fp = rules_fingerprint(auditor)
    with reader(engine).connect() as conn:
        states = {} if fresh else stored_states(conn, child_ids)
    current_set = {
        cid for cid in child_ids if (st := states.get(cid)) and st.current(rules_fp, auditor.as_of)
    }
    stale_ids = [cid for cid in child_ids if cid not in current_set]
    plan = _Plan(
        rules_fp=rules_fp,
        reuse=False,
        store=store,
        want_results=True,
        language_fp=_language_fp(auditor),
    )
    done_n = 0
    fresh_results: dict[str, CaseResult] = {}

    def stale_results() -> Iterator[CaseResult]:
        nonlocal done_n
        for _ids, done in _run(engine, auditor, plan, stale_ids, jobs):
            if store:
                with engine.begin() as conn:
                    done.rows.write(conn, plan.language_fp)
            done_n += len(done.results)
            if progress:
                progress(done_n)
            yield from done.results

    if not current_set:  # all audited now: stream them in order
        yield from stale_results()
        return
    read = current_set  # the results read from the store below
    if store:
        # Stored as they are audited: read back below in order with the rest, so that no
        # more than a page of results is held.
        for _ in stale_results():
            pass
        read = current_set | set(stale_ids)
    else:
        for r in stale_results():
            fresh_results[r.child_id] = r
    for chunk_start in range(0, len(child_ids), _BATCH):
        chunk = child_ids[chunk_start : chunk_start + _BATCH]
        wanted = [cid for cid in chunk if cid in read]
        with reader(engine).connect() as conn:
            stored = load_results(conn, wanted) if wanted else {}
        for cid in chunk:
            result = fresh_results.pop(cid, None)
            if result is None:
                result = stored.get(cid)
            if result is not None:
                yield result
        counted = sum(1 for cid in chunk if cid in current_set)  # the rest counted above
        done_n += counted
        if progress and counted:
            progress(done_n)


def count_results(engine: Engine) -> int:
    with reader(engine).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(CaseResultRow)).scalar_one())


class TouchedChildren:
    """Collects which children an import changes: told by the load, for every record it writes
    (new or changed; an unchanged one is not written), of the record it belongs to now and,
    for a record that moved, before (so a moved episode's old child is re-audited too)."""

    _KIND = {
        "children": "child",
        "missing_episodes": "child",
        "investigations": "child",
        "notes": "child",
        "risk_assessments": "episode",
        "episode_actions": "episode",
        "safe_and_well_checks": "episode",
        "return_home_interviews": "episode",
        "supervisor_reviews": "investigation",
        "lines_of_enquiry": "investigation",
        "suspects": "investigation",
        "key_decisions": "investigation",
        "victim_contacts": "investigation",
        "referrals": "investigation",
        "disruption_actions": "suspect",
    }

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = {
            "child": set(),
            "episode": set(),
            "investigation": set(),
            "suspect": set(),
        }

    def touch(self, entity: str, parent_id: Any) -> None:
        """A record of ``entity`` belonging to ``parent_id`` was written (safeguard.store.load)."""
        if parent_id is not None:
            self.ids[self._KIND[entity]].add(str(parent_id))

    def child_ids(self, engine: Engine) -> list[str]:
        """Every child touched, sorted (sub-records are traced to their child in the store)."""
        from safeguard.store.read import _T, snapshot

        out = set(self.ids["child"])
        ep, inv, sus = _T["missing_episodes"], _T["investigations"], _T["suspects"]
        lookups = [
            (self.ids["episode"], select(ep.c.id, ep.c.child_id), ep.c.id),
            (self.ids["investigation"], select(inv.c.id, inv.c.child_id), inv.c.id),
            (
                self.ids["suspect"],
                select(sus.c.id, inv.c.child_id).join(inv, inv.c.id == sus.c.investigation_id),
                sus.c.id,
            ),
        ]
        with snapshot(engine) as conn:
            for wanted, stmt, key in lookups:
                ids = sorted(wanted)
                for i in range(0, len(ids), 900):
                    out.update(r[1] for r in conn.execute(stmt.where(key.in_(ids[i : i + 900]))))
        return sorted(out)


def stale_children(engine: Engine, rules_fp: str) -> list[str]:
    """Children with no stored result, or one made under other rules."""
    from safeguard.store.read import _T

    c = _T["children"]
    r = CaseResultRow
    stmt = (
        select(c.c.id)
        .select_from(c.outerjoin(r, r.child_id == c.c.id))
        .where((r.child_id.is_(None)) | (r.rules_fp != rules_fp))
        .order_by(c.c.id)
    )
    with reader(engine).connect() as conn:
        return [row[0] for row in conn.execute(stmt)]
