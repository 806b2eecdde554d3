"""The packages a force installs: the sdist carries what its tests need, and the wheel's base
install runs the language checker without the store's libraries.

Builds with setuptools >= 77 and installs into fresh virtual environments from the package
index, so it runs in CI (``CI=true``) or when ``SAFEGUARD_TEST_PACKAGING=1``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("SAFEGUARD_TEST_PACKAGING")),
    reason="builds and installs packages from the index: set SAFEGUARD_TEST_PACKAGING=1",
)


def _venv(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    return path / "bin" / "python"


def _pip(python: Path, *args: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
        check=True,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dist")
    builder = _venv(root / "build-env")
    _pip(builder, "setuptools>=77")
    out = root / "dist"
    code = (
        "import sys; from setuptools import build_meta as b; out = sys.argv[1]; "
        "b.build_sdist(out); b.build_wheel(out)"  # setuptools rewrites sys.argv as it builds
    )
    subprocess.run([str(builder), "-c", code, str(out)], cwd=ROOT, check=True)
    shutil.rmtree(ROOT / "build", ignore_errors=True)  # setuptools' scratch folder
    return out


def test_sdist_carries_licence_docs_data_and_tests(dist: Path) -> None:
    [sdist] = dist.glob("safeguard-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in (
        "LICENSE",
        "CHANGELOG.md",
        "constraints.txt",
        "docs/mapping.md",
        "docs/exchange-format.md",
        "tests/conftest.py",
        "tests/test_cli_first_day.py",
        "scripts/setup.sh",
    ):
        assert needed in names, needed
    assert any(n.startswith("data/labelled/") and n.endswith(".jsonl") for n in names)
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_base_wheel_lints_without_the_store(dist: Path, tmp_path: Path) -> None:
    [wheel] = dist.glob("safeguard-*.whl")
    python = _venv(tmp_path / "env")
    _pip(python, str(wheel))
    installed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True
    ).stdout.lower()
    for absent in ("sqlalchemy", "alembic", "mako", "fastapi"):
        assert f"{absent}==" not in installed, absent
    notes = tmp_path / "notes.txt"
    notes.write_text("She is putting herself at risk.\n", encoding="utf-8")
    cli = tmp_path / "env" / "bin" / "safeguard"
    lint = subprocess.run([str(cli), "lint", str(notes)], capture_output=True, text=True)
    assert lint.returncode == 1 and "putting herself at risk" in lint.stdout, lint.stderr
    audit = subprocess.run([str(cli), "audit"], capture_output=True, text=True)
    assert audit.returncode == 2 and "-py3-none-any.whl[store]'" in audit.stderr
    serve = subprocess.run([str(cli), "serve", "--demo"], capture_output=True, text=True)
    assert serve.returncode == 2 and "-py3-none-any.whl[web]'" in serve.stderr
    assert "another project" in serve.stderr  # not 'pip install safeguard[web]': PyPI's is not ours
