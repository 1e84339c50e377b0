#!/usr/bin/env bash
# Renders the first page of a workbook as LibreOffice prints it (PDF, then PNG), for docs/images/.
# Usage: bash scripts/render-page.sh FILE.xlsx OUT.png
# Needs: apt-get install -y libreoffice-calc poppler-utils
set -euo pipefail
in=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$in" "$tmp/page.xlsx"
HOME="$tmp" soffice --headless --norestore --convert-to pdf --outdir "$tmp" "$tmp/page.xlsx" >/dev/null 2>&1
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/page.pdf" "$tmp/page"
mv "$tmp/page.png" "$out"
