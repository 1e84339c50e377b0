#!/usr/bin/env bash
# Times jixiao beside its peers with the shared benchmark kit (../shared/bench/run.sh), in one run.
#   scripts/bench.sh                 read (xlsx -> CSV) and write (CSV -> xlsx), 1M- and 10M-cell inputs
#   scripts/bench.sh read --quick    only reading, without the 10M-cell inputs
#   scripts/bench.sh merge           500 department reports into one workbook (jixiao merge)
# Other arguments go to run.sh as they are (--runs N, --peers LIST, --data DIR, ...). Installs the peers
# and tools the kit needs when they are missing. Results: the table printed at the end, and
# DATA/results/DATE-TIME/table.md. Copy the table and the versions below it into docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
kit=${JIXIAO_BENCH_KIT:-../shared/bench}
[ -x "$kit/run.sh" ] || { echo "bench: no benchmark kit at $kit (set JIXIAO_BENCH_KIT)" >&2; exit 2; }

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
pkg-config --exists xlsxwriter 2>/dev/null || need_apt+=(libxlsxwriter-dev)
pkg-config --exists libzip 2>/dev/null || need_apt+=(libzip-dev)
command -v cc >/dev/null || need_apt+=(build-essential)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import python_calamine, fastexcel, pyarrow, openpyxl, xlsxwriter, pyexcelerate" 2>/dev/null && command -v xlsx2csv >/dev/null \
  || python3 -m pip install -q --disable-pip-version-check python-calamine fastexcel pyarrow openpyxl xlsxwriter pyexcelerate xlsx2csv

swift build -c release
[ $# -eq 0 ] && set -- read write
exec "$kit/run.sh" "$@" --name jixiao \
  --candidate-read "$PWD/.build/release/jixiao convert {in} -o {out}" \
  --candidate-write "$PWD/.build/release/jixiao convert {in} -o {out}" \
  --candidate-merge "$PWD/.build/release/jixiao merge {dir} -o {out} --allow-failures -q"
