"""Writing lint results: human (linter style), JSON Lines, JSON and SARIF."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any, Protocol

from safeguard.language.checker import Finding
from safeguard.language.inputs import Item

JSONL_DOC = "docs/lint-output.md"


class Writer(Protocol):
    """What each format's writer does: one ``write`` per text checked, then ``close``."""

    def write(self, item: Item, findings: list[Finding]) -> None: ...

    def close(self, problems: int) -> None: ...


def _col(text: str, start: int) -> int:
    return start + 1


def record(item: Item, findings: list[Finding], *, explain: bool = False) -> dict[str, Any]:
    """The stable per-line/record object of ``--format jsonl`` (see docs/lint-output.md)."""
    return {
        "path": item.path,
        "line": item.line,
        "id": item.id,
        "flagged": bool(findings),
        "findings": [f.as_dict(explain=explain) for f in findings],
    }


class Human:
    """``path:line:col  category/rule  "found text" -> suggestion`` lines and a summary."""

    def __init__(self, out: IO[str], *, why: bool, explain: bool, colour: bool):
        self.out = out
        self.why = why
        self.explain = explain
        self.colour = colour
        self.by_category: Counter[str] = Counter()
        self.lines_flagged = 0
        self.items = 0

    def _c(self, code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if self.colour else s

    def write(self, item: Item, findings: list[Finding]) -> None:
        self.items += 1
        if findings:
            self.lines_flagged += 1
        for f in findings:
            self.by_category[f.category] += 1
            where = f"{item.path}:{item.line}:{_col(item.text, f.start)}"
            ident = f" [{item.id}]" if item.id else ""
            self.out.write(
                f"{self._c('1', where)}{ident}  {self._c('33', f.rule)}  "
                f"{self._c('31', json.dumps(f.text, ensure_ascii=False))} -> "
                f"{self._c('32', f.suggestion)}\n"
            )
            if self.why:
                self.out.write(f"    why: {f.message}\n    source: {f.source}\n")
            if self.explain:
                model = "" if f.model_score is None else f", model {f.model_score}"
                ctx = "; ".join(f.context) or "no context changed the score"
                self.out.write(
                    f"    score {f.score} (rule {f.rule_score}{model}); context: {ctx}\n"
                )
                if f.rule_decided:
                    self.out.write(
                        "    the rule decided: its words blame the child in any sentence, "
                        "and no context discounted them\n"
                    )
                if f.model_words:
                    words = ", ".join(json.dumps(w.text, ensure_ascii=False) for w in f.model_words)
                    self.out.write(f"    words the model weighed most: {words}\n")

    def close(self, problems: int) -> None:
        total = sum(self.by_category.values())
        if total:
            parts = ", ".join(f"{c} {n}" for c, n in sorted(self.by_category.items()))
            noun = "finding" if total == 1 else "findings"
            self.out.write(
                f"\n{total} {noun} in {self.lines_flagged} of {self.items} "
                f"{'text' if self.items == 1 else 'texts'} checked ({parts}).\n"
            )
            if not self.why:
                self.out.write("Run with --why to see why each wording harms and its source.\n")
        else:
            self.out.write(
                f"No victim-blaming language found in {self.items} "
                f"{'text' if self.items == 1 else 'texts'} checked.\n"
            )
        if problems:
            self.out.write(f"{problems} input problem(s) reported above.\n")


class JsonLines:
    def __init__(self, out: IO[str], *, explain: bool):
        self.out = out
        self.explain = explain

    def write(self, item: Item, findings: list[Finding]) -> None:
        self.out.write(json.dumps(record(item, findings, explain=self.explain), ensure_ascii=False))
        self.out.write("\n")
        if self.out is sys.stdout:
            self.out.flush()

    def close(self, problems: int) -> None:
        pass


class JsonDocument:
    def __init__(self, out: IO[str], *, explain: bool):
        self.out = out
        self.explain = explain
        self.records: list[dict[str, Any]] = []

    def write(self, item: Item, findings: list[Finding]) -> None:
        self.records.append(record(item, findings, explain=self.explain))

    def close(self, problems: int) -> None:
        flagged = sum(1 for r in self.records if r["flagged"])
        json.dump(
            {
                "checked": len(self.records),
                "flagged": flagged,
                "input_problems": problems,
                "results": self.records,
            },
            self.out,
            ensure_ascii=False,
            indent=2,
        )
        self.out.write("\n")


class Sarif:
    """SARIF 2.1.0, for code-scanning style viewers."""

    def __init__(self, out: IO[str], rules: Iterable[Any]):
        self.out = out
        self.rules = list(rules)
        self.results: list[dict[str, Any]] = []

    def write(self, item: Item, findings: list[Finding]) -> None:
        for f in findings:
            self.results.append(
                {
                    "ruleId": f.rule,
                    "level": "warning",
                    "message": {"text": f'"{f.text}": {f.message} Suggest: {f.suggestion}'},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": item.path},
                                "region": {
                                    "startLine": item.line,
                                    "startColumn": f.start + 1,
                                    "endColumn": f.end + 1,
                                },
                            }
                        }
                    ],
                    "properties": {"category": f.category, "score": f.score, "id": item.id},
                }
            )

    def close(self, problems: int) -> None:
        doc = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "safeguard",
                            "rules": [
                                {
                                    "id": r.id,
                                    "name": r.title,
                                    "shortDescription": {"text": r.title},
                                    "fullDescription": {"text": r.message},
                                    "help": {
                                        "text": f"Suggest: {r.suggestion}. Source: {r.source}"
                                    },
                                }
                                for r in self.rules
                            ],
                        }
                    },
                    "results": self.results,
                }
            ],
        }
        json.dump(doc, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")
