"""How to install one of safeguard's optional parts ("extras"), as a command that works where
this copy of safeguard runs.

The name ``safeguard`` on the public package index (PyPI) belongs to another project, so
``pip install 'safeguard[web]'`` would fetch the wrong software. The command names this
Python, and either the source folder safeguard was installed from or safeguard's wheel."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path


def source_folder() -> Path | None:
    """The source folder this copy runs from (an editable install of a checkout), if any."""
    root = Path(__file__).resolve().parent.parent.parent
    if (root / "pyproject.toml").is_file() and (root / "src" / "safeguard").is_dir():
        return root
    return None


def install_command(extra: str) -> str:
    """The command that adds ``extra`` (for example "web") to this installation."""
    python = sys.executable or "python3"
    root = source_folder()
    if root is not None:
        return f"{python} -m pip install -e '{root}[{extra}]'"
    try:
        version = metadata.version("safeguard")
    except metadata.PackageNotFoundError:
        version = "VERSION"
    wheel = f"safeguard-{version}-py3-none-any.whl"
    return (
        f"{python} -m pip install '{wheel}[{extra}]'   (in the folder that holds safeguard's "
        "wheel; the name 'safeguard' alone on PyPI is another project)"
    )
