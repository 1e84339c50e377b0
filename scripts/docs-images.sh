#!/usr/bin/env bash
# Renders the pages in docs/images/ as LibreOffice prints them (scripts/render-page.sh): each
# family's blank form (Templates/), the report form pre-filled from a plan, and each family
# exported from a model in Examples/ (the quarterly report from the 新竹縣 114 report's model,
# retitled as a third-quarter report, since no seed is a quarterly report).
# Usage: bash scripts/docs-images.sh [path/to/jixiao]   (after scripts/examples.sh)
# Needs: libreoffice-calc, poppler-utils (scripts/setup.sh installs them)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/jixiao}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p docs/images/forms docs/images/exports
for kind in performance-report annual-plan mid-term-plan quarterly-report; do
  bash scripts/render-page.sh "Templates/$kind.xlsx" "docs/images/forms/$kind-blank.png"
done
bash scripts/render-page.sh "Examples/桃園市政府秘書處107年度施政績效報告-預填.xlsx" docs/images/forms/performance-report-prefilled.png
bash scripts/render-page.sh "Examples/嘉義市政府行政處104年度施政績效報告.xlsx" docs/images/exports/performance-report.png
bash scripts/render-page.sh "Examples/桃園市政府秘書處107年度施政計畫.xlsx" docs/images/exports/annual-plan.png
bash scripts/render-page.sh "Examples/基隆市政府綜合發展處111-114年度中程施政計畫.xlsx" docs/images/exports/mid-term-plan.png
python3 - "Examples/新竹縣政府行政處114年度施政績效報告.json" "$tmp/quarterly.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
m["kind"] = "quarterly-report"
m["title"] = "新竹縣政府行政處 114 年度第 3 季施政計畫季報"
m.pop("statedScores", None)
for f in m["facets"]:
    f.pop("statedScore", None)
    f.pop("statedTotal", None)
    for g in f["goals"]:
        for i in g["indicators"]:
            i.pop("points", None)
json.dump(m, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$bin" export "$tmp/quarterly.json" -o "$tmp/quarterly.xlsx"
bash scripts/render-page.sh "$tmp/quarterly.xlsx" docs/images/exports/quarterly-report.png
echo "Rendered $(ls docs/images/forms docs/images/exports | grep -c png) pages into docs/images/."
