#!/usr/bin/env bash
# The main job on the shipped examples: builds jixiao (release); imports every example workbook
# (Examples/*.xlsx, the five seed documents as clerks' workbooks in Tests/Fixtures/seeds/) into the
# model, validates it (an annotated copy beside it), exports each model again as our styled form
# and as CSV, pre-fills a report template from the 桃園 107 plan, and merges them all as an
# evaluation office does (out/彙整.xlsx) — everything into out/. Also
# prints what each workbook is and its first findings.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/setup.sh
swift build -c release
bin=.build/release/jixiao
mkdir -p out
shopt -s nullglob
for f in Tests/Fixtures/seeds/seed_???.xlsx Examples/*.xlsx; do
  name=$(basename "$f" .xlsx)
  echo "== $f"
  "$bin" inspect "$f" | head -3
  "$bin" import "$f" -o "out/$name.json"
  "$bin" export "out/$name.json" -o "out/$name.xlsx"
  "$bin" export "out/$name.json" -o "out/$name.csv"
  # Findings (exit code 1 means some are errors: expected in these real documents).
  "$bin" validate "$f" --annotate "out/$name-檢核.xlsx" | tail -n +2 | head -12 || true
  "$bin" validate "$f" >/dev/null || [ $? -eq 1 ]
  python3 - "out/$name.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = sum(len(g["indicators"]) for f in r["facets"] for g in f["goals"])
print(f'   {r["kind"]}: {r.get("agency") or "?"} {r.get("years")}, {len(r["facets"])} facet(s), '
      f'{sum(len(f["goals"]) for f in r["facets"])} goals, {n} indicators')
PY
done
"$bin" template new performance-report --from Tests/Fixtures/seeds/seed_003.xlsx --year 107 -o out/桃園107年度績效報告-預填.xlsx
# An evaluation office's merge of them all: 總表 by family and year, ranks, grades, lights, a chart.
"$bin" merge Examples -o out/彙整.xlsx --json out/彙整.json --allow-failures
echo "Wrote $(ls out | wc -l) files to out/."
