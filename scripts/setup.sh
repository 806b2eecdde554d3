#!/usr/bin/env bash
# Create .venv at the repository root and install safeguard into it.
# Usage: bash scripts/setup.sh [EXTRAS]   (default extras: postgres,web)
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-postgres,web}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# (the filter hides pip's notes about package mirrors configured on some machines)
quiet() { "$@" 2> >(grep -v "is neither a file nor a directory" >&2); }
quiet .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
quiet .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[${extras}]"
