"""Every file the project generates (docs tables, README figures) matches what its script gives today.

Each script's `--check` recomputes its output and exits non-zero when the committed file is stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPTS = {
    "language quality figures in README and docs": "eval_language.py",
    "language rules doc": "gen_rules_doc.py",
    "standards docs": "gen_standards_doc.py",
    "store schema docs": "gen_schema.py",
    "real-world counts tables": "real_world_stats.py",
    "second labeller's agreement table": "label_agreement.py",
}


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_generated_file_is_current(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
