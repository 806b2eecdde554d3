"""Demo data: determinism, schema validity, referential integrity and realism of the set."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from safeguard.cli import main
from safeguard.demo import write_demo
from safeguard.demo.bank import load_bank, template_slots
from safeguard.demo.generator import end_date, generate
from safeguard.records.io import read_records
from safeguard.records.schema import ENTITIES, REFERENCES

N = 300


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    write_demo(out, children=N, seed=1, fmt="csv")
    return out


@pytest.fixture(scope="module")
def records(demo_dir: Path) -> dict[str, list]:
    """Every record read back from the files through the exchange-format reader."""
    out: dict[str, list] = defaultdict(list)
    for entity, row, record, problems in read_records(demo_dir):
        assert not problems, f"{entity} row {row}: {problems}"
        out[entity].append(record)
    return out


@pytest.fixture(scope="module")
def truth(demo_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (demo_dir / "truth.jsonl").read_text().splitlines()]


def _files(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


# --- determinism -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_same_seed_gives_byte_identical_files(tmp_path: Path, fmt: str) -> None:
    write_demo(tmp_path / "a", children=25, seed=7, fmt=fmt)
    write_demo(tmp_path / "b", children=25, seed=7, fmt=fmt)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert set(a) == {f"{e}.{fmt}" for e in ENTITIES} | {"truth.jsonl"}
    assert a == b


def test_different_seed_gives_different_data(tmp_path: Path) -> None:
    write_demo(tmp_path / "a", children=10, seed=1)
    write_demo(tmp_path / "b", children=10, seed=2)
    assert _files(tmp_path / "a")["notes.csv"] != _files(tmp_path / "b")["notes.csv"]


def test_each_child_is_independent_of_how_many_are_generated() -> None:
    """Streaming: child k is the same whether 5 or 12 children are generated."""
    small = [c.records for c in generate(5, seed=3)]
    large = [c.records for c in generate(12, seed=3)][:5]
    dump = [{k: [r.model_dump() for r in v] for k, v in c.items()} for c in small]
    assert dump == [{k: [r.model_dump() for r in v] for k, v in c.items()} for c in large]


def test_end_date_comes_from_the_seed_and_is_never_after_november_2026() -> None:
    ends = {end_date(seed) for seed in range(40)}
    assert len(ends) > 5
    assert all(d <= date(2026, 11, 1) for d in ends)
    assert end_date(5) == end_date(5)


# --- validity and integrity ------------------------------------------------------------


def test_every_file_reads_back_valid(records: dict[str, list]) -> None:
    for entity in ENTITIES:
        assert records[entity], f"no {entity} generated"
        ids = [r.id for r in records[entity]]
        assert len(ids) == len(set(ids)), f"duplicate ids in {entity}"
    assert len(records["children"]) == N


def test_every_reference_resolves(records: dict[str, list]) -> None:
    ids = {entity: {r.id for r in records[entity]} for entity in ENTITIES}
    for (entity, fld), target in REFERENCES.items():
        for r in records[entity]:
            value = getattr(r, fld)
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    assert v in ids[target], f"{entity}.{fld} = {v} is not a {target} id"
    owner = {e.id: e.child_id for e in records["missing_episodes"]}
    owner.update({i.id: i.child_id for i in records["investigations"]})
    owner.update({c.id: c.id for c in records["children"]})
    for n in records["notes"]:
        assert owner[n.record_id] == n.child_id, f"note {n.id} points at another child's record"
    by_id = {n.id: n for n in records["notes"]}
    for n in records["notes"]:
        if n.challenges_note_id:
            target = by_id[n.challenges_note_id]
            assert target.child_id == n.child_id and target.written_at < n.written_at


def test_times_are_in_order_and_inside_the_data_set(records: dict[str, list]) -> None:
    end = datetime.combine(end_date(1), datetime.min.time())
    start = end - timedelta(days=731)
    dob = {c.id: c.date_of_birth for c in records["children"]}
    for entity, rows in records.items():
        for r in rows:
            for name, value in r:
                if isinstance(value, datetime):
                    assert start <= value < end, f"{entity} {r.id}.{name} = {value}"
    for e in records["missing_episodes"]:
        assert e.last_seen_at <= e.reported_at < e.found_at
        age = (e.reported_at.date() - dob[e.child_id]).days / 365.25
        assert 10 <= age < 18, f"{e.id}: child aged {age:.1f}"
    for i in records["investigations"]:
        if i.outcome_at:
            assert i.reported_at < i.outcome_at


# --- realism -------------------------------------------------------------------------


def test_children_look_like_the_population(records: dict[str, list]) -> None:
    children = records["children"]
    in_care = [c for c in children if c.in_care]
    assert 0.25 <= len(in_care) / N <= 0.45
    assert {c.placement_type for c in in_care} >= {
        "foster care",
        "children's home",
        "semi-independent",
    }
    assert all(c.placement_type is None for c in children if not c.in_care)
    vulns = Counter(v for c in children for v in c.vulnerabilities)
    assert 0.2 <= vulns["mental health"] / N <= 0.4
    assert len({c.team for c in children}) >= 4


def test_repeat_missing_is_concentrated_in_a_minority(records: dict[str, list]) -> None:
    per_child = Counter(e.child_id for e in records["missing_episodes"])
    counts = sorted(per_child.values(), reverse=True)
    top = counts[: N // 5]
    assert sum(top) > 0.5 * sum(counts), "a fifth of children should account for most episodes"
    times: dict[str, list[datetime]] = defaultdict(list)
    for e in records["missing_episodes"]:
        times[e.child_id].append(e.reported_at)
    clustered = 0
    for ts in times.values():
        ts.sort()
        if any(ts[i + 2] - ts[i] <= timedelta(days=90) for i in range(len(ts) - 2)):
            clustered += 1
    assert clustered >= 0.1 * N


def test_notes_scale_and_vary(records: dict[str, list]) -> None:
    notes = records["notes"]
    assert 20 <= len(notes) / N <= 45
    texts = [n.text for n in notes]
    assert len(set(texts)) / len(texts) > 0.85
    roles = Counter(n.author_role for n in notes)
    assert {"PC", "DC", "DS", "social worker"} <= set(roles)
    assert Counter(n.record_type for n in notes).keys() == {"child", "episode", "investigation"}
    joined = " ".join(texts[:5000])
    for abbreviation in ("MFH", "MISPER", "YP", "S&W", "OIC", "CSC"):
        assert abbreviation in joined
    # Openings vary: no single first four words start more than 5% of notes.
    starts = Counter(" ".join(t.split()[:4]) for t in texts)
    assert starts.most_common(1)[0][1] < 0.05 * len(texts)


def test_exploitation_indicators_appear_in_notes(records: dict[str, list]) -> None:
    joined = " ".join(n.text for n in records["notes"]).lower()
    for words in (
        "older male",
        "cash",
        "new iphone",
        "train tickets",
        "in a grey audi",
        "supplied it",
    ):
        assert words in joined


def test_practice_is_mixed(records: dict[str, list]) -> None:
    eps = records["missing_episodes"]
    levels = Counter(r.level for r in records["risk_assessments"])
    assert levels["high"] and levels["medium"] and levels["low"] and levels["no_apparent_risk"]
    modes = Counter(c.mode for c in records["safe_and_well_checks"])
    assert modes["in_person"] > modes["phone"] > 0
    screened = sum(1 for e in eps if e.exploitation_screening_at)
    assert 0 < screened < len(eps)
    disruption = Counter(d.action_type for d in records["disruption_actions"])
    assert disruption["cawn"] and disruption["arrest"]


# --- the phrase bank -----------------------------------------------------------------


def test_phrase_bank_slots_are_known() -> None:
    """Every slot in the data files can be filled (catches typos in phrases.yml)."""
    bank = load_bank()
    known = {"sub", "obj", "pos", "refl", "carer", "home", "officer", "phrase", "date"}
    known |= {"correction", "venue", "address", "borough", "station", "estate", "street"}
    known |= {"town", "coastal", "time", "n", "amount", "adult_age", "nick", "item", "child"}
    known |= {"found"}

    def texts(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [t for v in node.values() for t in texts(v)]
        if isinstance(node, list):
            return [t for v in node for t in texts(v)]
        return []

    for text in texts(bank.phrases) + texts(bank.places):
        for slot in template_slots(text):
            base = re.sub(r"\d+$", "", slot)
            assert base.lower() in known, f"unknown slot {{{slot}}} in {text!r}"


# --- the command -----------------------------------------------------------------------


def test_command_writes_the_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "set"
    code = main(
        ["demo-data", "--children", "12", "--seed", "4", "--out", str(out), "--format", "jsonl"]
    )
    assert code == 0
    assert (out / "children.jsonl").read_text().count("\n") == 12
    assert (out / "truth.jsonl").exists()
    said = capsys.readouterr().out
    assert "Wrote 12 children" in said and "truth.jsonl" in said


@pytest.mark.parametrize(
    "args, message",
    [
        (["--children", "0"], "--children must be between"),
        (["--seed", "-1"], "--seed must be 0 or more"),
    ],
)
def test_command_rejects_bad_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["demo-data", "--out", str(tmp_path / "x"), *args]) == 2
    assert message in capsys.readouterr().err


def test_command_refuses_to_mix_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-data", "--children", "3", "--out", str(tmp_path)]) == 0
    args = ["demo-data", "--children", "3", "--out", str(tmp_path), "--format", "jsonl"]
    assert main([*args, "--overwrite"]) == 2
    assert "already holds .csv files" in capsys.readouterr().err


def test_command_refuses_a_folder_that_holds_files_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    args = ["demo-data", "--children", "2", "--out", str(tmp_path)]
    assert main(args) == 2
    assert "is not empty" in capsys.readouterr().err
    assert not (tmp_path / "children.csv").exists()
    assert main([*args, "--overwrite"]) == 0
    assert (tmp_path / "children.csv").exists() and (tmp_path / "mine.txt").read_text() == "keep me"
    assert main([*args, "--overwrite"]) == 0  # again, over its own files
