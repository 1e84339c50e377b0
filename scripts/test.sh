#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the Swift unit tests, then the end-to-end
# tests that compare Jixiao with python-calamine and check its errors and outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/setup.sh
swift build
swift test
JIXIAO_BIN="$PWD/.build/debug/jixiao" python3 -m pytest -q tests
