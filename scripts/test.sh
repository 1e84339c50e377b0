#!/usr/bin/env bash
# Runs every test: installs what is missing, builds (jixiao, and writer-samples beside it), runs the
# Swift unit tests (which need neither Python nor ../shared), then the end-to-end tests that compare
# Jixiao with python-calamine and check its errors and outputs, the writer samples' among them.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/setup.sh
swift build
swift test
JIXIAO_BIN="$PWD/.build/debug/jixiao" python3 -m pytest -q tests
