#!/usr/bin/env bash
# Runs a libFuzzer target for a number of seconds: scripts/fuzz.sh FuzzWorkbook|FuzzImport|FuzzValues [SECONDS]
# Builds Fuzz/ with -sanitize=fuzzer,address, seeds the corpus from Tests/Fixtures (workbooks; the
# seed documents' workbooks and Examples/ for the importer) or
# the seed documents' values, and keeps any crashing input in Fuzz/Crashes/ (make it a regression test).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
target=${1:?usage: scripts/fuzz.sh FuzzWorkbook|FuzzImport|FuzzValues [SECONDS]}
seconds=${2:-60}
bash scripts/setup.sh
swift build -c release --package-path Fuzz --scratch-path .build-fuzz --product "$target" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
corpus=.build-fuzz/corpus/$target
mkdir -p "$corpus" Fuzz/Crashes
case $target in
  FuzzWorkbook) cp -n Tests/Fixtures/*.xlsx Tests/Fixtures/files/*.xlsx "$corpus"/ ;;
  FuzzImport) cp -n Tests/Fixtures/seeds/*.xlsx Examples/*.xlsx Templates/*.xlsx "$corpus"/ ;;
  FuzzValues)
    i=0
    for v in "85%以上" "≥5" "2 場次" "1式" "執行率80%" "12月31日前完成" "每月 10 日前" "3個月內" "120,000" \
             "５９．３６ ％" "1.完成委託 25% 2.完成招標 50% 3.工程完工 75% 4.驗收 100%" "一、推動文書作業資訊化(6%)" \
             "(13%;無資本門者為20%)" "114 年 4 月 16 日" "113/03/31" "1130331" "111 至 114 年度" "80%~90%" \
             "本府各處40歲以上公務人員健康檢查達成率 \$\\geq 75\\%\$"; do
      printf '%s' "$v" > "$corpus/seed$i"; i=$((i + 1))
    done ;;
esac
# Leaks are still detected, except the Swift regex library's one-time compilation boxes (Fuzz/lsan.supp).
LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
  ./.build-fuzz/release/"$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=Fuzz/Crashes/"$target"- -print_final_stats=1
