#!/usr/bin/env bash
# The main job on the shipped workbooks: builds jixiao (release), then for every workbook in
# Examples/ and every good fixture in Tests/Fixtures/ prints what it is and writes each worksheet
# as CSV and all cells as JSON Lines into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/setup.sh
swift build -c release
bin=.build/release/jixiao
mkdir -p out
shopt -s nullglob
for f in Examples/*.xlsx Tests/Fixtures/[!b]*.xlsx; do
  name=$(basename "$f" .xlsx)
  echo "== $f"
  "$bin" inspect "$f"
  "$bin" convert "$f" -o "out/$name.csv" --all-sheets
  "$bin" cells "$f" > "out/$name.jsonl"
done
echo "Wrote $(ls out | wc -l) files to out/."
