#!/usr/bin/env bash
# Set up .venv and run the main job on built-in demo data:
# demo data -> import into a local SQLite store -> audit -> HTML report (and a language check).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
SG=.venv/bin/safeguard
OUT="${SAFEGUARD_DEMO_DIR:-out/demo}"
rm -rf "$OUT" && mkdir -p "$OUT"
DB="sqlite:///$PWD/$OUT/safeguard.db"

echo "== 1. Demo case records (300 invented children) =="
$SG demo-data --children "${SAFEGUARD_DEMO_CHILDREN:-300}" --seed 1 --out "$OUT/records"
echo
echo "== 2. Import into $OUT/safeguard.db =="
$SG import "$OUT/records" --db "$DB"
echo
echo "== 3. Victim-blaming language in the sample notes =="
$SG lint src/safeguard/language/samples/notes.txt || [ $? -eq 1 ]
echo
echo "== 4. Audit =="
$SG audit --db "$DB" --html "$OUT/report.html" --quiet || [ $? -eq 1 ]  # 1 = findings
echo
echo "Open the report: $PWD/$OUT/report.html"
