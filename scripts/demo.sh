#!/usr/bin/env bash
# Set up .venv and run the main job on the built-in demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/safeguard lint --why src/safeguard/language/samples/notes.txt || [ $? -eq 1 ]
