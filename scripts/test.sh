#!/usr/bin/env bash
# Set up .venv, a PostgreSQL server on loopback and Chromium, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh "postgres,web,dev,scale,thorough"
SAFEGUARD_TEST_PG_URL="$(bash scripts/pg.sh start)"
export SAFEGUARD_TEST_PG_URL
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2
fi
export SAFEGUARD_CHROMIUM="${SAFEGUARD_CHROMIUM:-/usr/bin/chromium}"
.venv/bin/ruff check .
.venv/bin/mypy src
.venv/bin/python -m pytest -q "$@"
