#!/usr/bin/env bash
# Create .venv at the repository root and install safeguard into it.
# Usage: bash scripts/setup.sh [EXTRAS]   (default extras: postgres,web)
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-postgres,web}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[${extras}]"
