"""Generate docs/language-rules.md from the rule files, so docs and behaviour cannot drift.

.venv/bin/python scripts/gen_rules_doc.py           # write
.venv/bin/python scripts/gen_rules_doc.py --check   # fail if stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from safeguard.language.checker import _rules

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "language-rules.md"


def render() -> str:
    rules = _rules().rules
    lines = [
        "# Language rules",
        "",
        "Generated from `src/safeguard/language/rules/*.yml` by `scripts/gen_rules_doc.py`; "
        "do not edit by hand. Each rule gives the span, theme and suggestion; context "
        "(negation, quotation, attribution, an adult subject, a reviewer's correction, policy "
        "text) and the trained model raise or lower its score; a rule marked *decisive* is "
        "reported, where no context discounts its words, whatever the model says.",
        "",
    ]
    for cat in sorted({r.category for r in rules}):
        rs = [r for r in rules if r.category == cat]
        lines += [
            f"## {rs[0].title} (`{cat}`)",
            "",
            rs[0].message,
            "",
            f"Source: {rs[0].source}",
            "",
        ]
        lines += [
            "| rule | examples it flags | examples it leaves alone | suggestion |",
            "|---|---|---|---|",
        ]
        for r in rs:
            flag = "<br>".join(r.examples_flag).replace("|", "\\|")
            ok = "<br>".join(r.examples_ok).replace("|", "\\|")
            rid = f"`{r.id}`" + (" (*decisive*)" if r.decisive else "")
            lines.append(f"| {rid} | {flag} | {ok} | {r.suggestion.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text("utf-8") != text:
            print("docs/language-rules.md is stale: run scripts/gen_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
