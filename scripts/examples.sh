#!/usr/bin/env bash
# Makes Examples/ and Templates/ with the tool itself:
#   Examples/<seed>.json   the model imported from the seed's workbook (Tests/Fixtures/seeds/)
#   Examples/<seed>.xlsx   that model exported as our styled form
#   Examples/桃園市秘書處107年度績效報告-預填.xlsx  a report template pre-filled from the 107 plan
#   Templates/<kind>.json  the built-in template descriptions; Templates/<kind>.xlsx blank forms
# Usage: bash scripts/examples.sh [path/to/jixiao]   (defaults to a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/jixiao}
[ -x "$bin" ] || swift build -c release
mkdir -p Examples Templates
declare -A names=(
  [000]="新竹市政府行政處108年度施政計畫" [001]="新竹縣政府行政處114年度施政績效報告"
  [002]="基隆市政府綜合發展處111-114年度中程施政計畫" [003]="桃園市政府秘書處107年度施政計畫"
  [004]="嘉義市政府行政處104年度施政績效報告")
for n in 000 001 002 003 004; do
  name=${names[$n]}
  "$bin" import -q "Tests/Fixtures/seeds/seed_$n.xlsx" -o "Examples/$name.json"
  "$bin" export "Examples/$name.json" -o "Examples/$name.xlsx"
done
"$bin" template new performance-report --from "Examples/桃園市政府秘書處107年度施政計畫.xlsx" --year 107 \
  -o "Examples/桃園市政府秘書處107年度施政績效報告-預填.xlsx"
for kind in performance-report annual-plan mid-term-plan quarterly-report; do
  "$bin" template describe "$kind" > "Templates/$kind.json"
  "$bin" template new "$kind" -o "Templates/$kind.xlsx"
done
echo "Wrote $(ls Examples | wc -l) files to Examples/ and $(ls Templates | wc -l) to Templates/."
