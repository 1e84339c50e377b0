#!/usr/bin/env bash
# Installs what building and testing Jixiao needs on a fresh Debian machine, skipping what is there:
# libzip (the C library behind the zip layer), pkg-config, xmllint, LibreOffice (to check what we
# write), and the Python packages the tests use.
set -euo pipefail

need_apt=()
pkg-config --exists libzip 2>/dev/null || need_apt+=(libzip-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
command -v unzip >/dev/null || need_apt+=(unzip)
# LibreOffice: the written workbooks are checked by converting them headlessly (../shared/tools/check-xlsx.sh).
command -v soffice >/dev/null || need_apt+=(libreoffice-calc)
# LibreOffice's UNO bridge in the system Python: tests/test_forms.py types into our forms through it.
/usr/bin/python3 -c "import uno" 2>/dev/null || need_apt+=(python3-uno)
# poppler: the rendered pages are turned into pixels (pdftoppm) to see that charts draw.
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "setup: swift is at /opt/swift/usr/bin; add it to PATH" >&2
  else
    echo "setup: Swift 6 is needed (https://www.swift.org/install/)" >&2
  fi
  exit 1
fi

python3 - <<'PY' || python3 -m pip install -q --disable-pip-version-check -r scripts/requirements-test.txt
import importlib.util, sys
missing = [m for m in ("pytest", "python_calamine", "openpyxl", "jsonschema", "xlsxwriter") if importlib.util.find_spec(m) is None]
sys.exit(1 if missing else 0)
PY
