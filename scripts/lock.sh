#!/usr/bin/env bash
# Write constraints.txt: the exact versions of every package that `safeguard[postgres,web]`
# installs, as resolved now. Use it with `pip install -c constraints.txt ...` (README, "Install").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh postgres,web,dev >/dev/null
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
.venv/bin/python -m pip install --quiet --dry-run --ignore-installed --report "$report" \
  ".[postgres,web]" 2> >(grep -v "is neither a file nor a directory" >&2)
.venv/bin/python - "$report" > constraints.txt <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print("# Exact versions for safeguard[postgres,web]; made by scripts/lock.sh, do not edit.")
print("# pip install -c constraints.txt 'safeguard[postgres,web]'")
for item in sorted(report["install"], key=lambda i: i["metadata"]["name"].lower()):
    meta = item["metadata"]
    if meta["name"] != "safeguard":
        print(f"{meta['name'].lower()}=={meta['version']}")
PY
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages"
