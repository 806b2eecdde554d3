"""A supervisor's note that names earlier wording and corrects it is a challenge, linked or not."""

from __future__ import annotations

from datetime import datetime

from safeguard.challenges import challenge_of, find_challenges
from safeguard.records.schema import Note

CUES = ["not appropriate", "inappropriate", "accurate language", "cannot consent", "do not use"]
ROLES = ["PS", "DS", "Sergeant", "Inspector", "Insp", "DI"]


def note(nid: str, text: str, hour: int, author: str = "PC 1", role: str = "PC", **kw) -> Note:  # type: ignore[no-untyped-def]
    return Note(
        id=nid,
        record_type="episode",
        record_id="E1",
        child_id="C1",
        author=author,
        author_role=role,
        written_at=datetime(2025, 5, 20, hour),
        text=text,
        **kw,
    )


FLAGGED = note("N1", "She is putting herself at risk by getting into cars.", 1)
WORDS = ["putting herself at risk"]


def test_unlinked_supervisor_note_that_quotes_and_corrects_is_a_challenge() -> None:
    later = note(
        "N2",
        "The entry saying she is ‘putting herself at risk’ is not appropriate wording.",
        8,
        "PS 2118",
        "PS",
    )
    c = challenge_of(FLAGGED, WORDS, later, cues=CUES, roles=ROLES)
    assert c is not None and not c.linked and c.named == "putting herself at risk"


def test_denying_the_wording_is_a_challenge() -> None:
    later = note(
        "N2", "She is not 'putting herself at risk' - adults exploit her.", 8, "DS 1", "DS"
    )
    assert challenge_of(FLAGGED, WORDS, later, cues=[], roles=ROLES) is not None


def test_quoting_to_agree_is_not_a_challenge() -> None:
    later = note("N2", "Agree she is 'putting herself at risk'. Safety plan.", 8, "DS 1", "DS")
    assert challenge_of(FLAGGED, WORDS, later, cues=CUES, roles=ROLES) is None


def test_not_a_supervisor_or_not_naming_the_wording_is_not_a_challenge() -> None:
    pc = note("N2", "'putting herself at risk' is not appropriate.", 8, "PC 9", "PC")
    assert challenge_of(FLAGGED, WORDS, pc, cues=CUES, roles=ROLES) is None
    vague = note("N2", "Reviewed. Language not appropriate.", 8, "PS 2", "PS")
    assert challenge_of(FLAGGED, WORDS, vague, cues=CUES, roles=ROLES) is None
    earlier = note("N0", "'putting herself at risk' is not appropriate", 0, "PS 2", "PS")
    assert challenge_of(FLAGGED, WORDS, earlier, cues=CUES, roles=ROLES) is None


def test_a_linked_note_is_a_challenge_and_results_are_by_note() -> None:
    linked = note("N3", "Do not use this.", 9, "DI 1", "DI", challenges_note_id="N1")
    found = find_challenges([FLAGGED, linked], {"N1": WORDS}, cues=CUES, roles=ROLES)
    assert [c.note.id for c in found["N1"]] == ["N3"] and found["N1"][0].linked


def test_officers_as_records_write_them() -> None:
    from safeguard.people import is_supervisor, rank_of, same_person

    assert rank_of("A/PS 3318") == "ps" and rank_of("Insp. 0977") == "insp"
    assert same_person("PC 3051", "PC 3051 Smith") and not same_person("PC 3051", "PC 3052")
    assert not same_person("PC", "PC 1")
    assert is_supervisor("A/DS 1815", None, ROLES) and is_supervisor("Jo", "Inspector", ROLES)
    assert not is_supervisor("PC 1", "PC", ROLES)
