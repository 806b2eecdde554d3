"""The labelled sentences in data/labelled/ and their fixed train/dev split.

The split is by a hash of the text, so it never changes as data is added: about one sentence in
five goes to dev. Dev is never used for training or for writing rules; it is what the README
reports.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "labelled"
THEMES = ("sexual_agency", "choice", "criminal", "missing", "character", "process")


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    theme: str | None
    kind: str
    source: str

    @property
    def split(self) -> str:
        h = int(hashlib.sha1(self.text.strip().lower().encode()).hexdigest()[:8], 16)
        return "dev" if h % 5 == 0 else "train"


def load(split: str | None = None) -> list[Example]:
    out: list[Example] = []
    # Only the case-note-style sets: real_world.jsonl has its own fields and fixed split
    # (scripts/real_world_stats.py checks it; data/labelled/REAL_WORLD.md describes it).
    for f in sorted(DATA.glob("language_*.jsonl")):
        for n, line in enumerate(f.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            d = json.loads(line)
            if d["label"] not in (0, 1) or (d["label"] == 1 and d.get("theme") not in THEMES):
                raise ValueError(f"{f}:{n}: bad label/theme")
            ex = Example(d["text"], int(d["label"]), d.get("theme"), d.get("kind", ""), f.name)
            if split is None or ex.split == split:
                out.append(ex)
    return out
