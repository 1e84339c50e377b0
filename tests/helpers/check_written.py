"""Checks a workbook Jixiao wrote with ../shared/tools/check-xlsx.sh (ECMA-376 schemas, openpyxl,
python-calamine, LibreOffice). Prints "ok PATH" and exits 0, or prints why and exits 1.

The one accepted departure (docs/WRITER.md): text with white space at an edge carries
xml:space="preserve", which Excel, calamine and LibreOffice need to keep that white space and which
the schema omits on <t>. When the check fails, the same workbook with only those attributes removed
must pass it.

Usage: python3 tests/helpers/check_written.py FILE.xlsx
"""

import os
import subprocess
import sys
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHECK = os.path.abspath(os.path.join(ROOT, "..", "shared", "tools", "check-xlsx.sh"))


def check(path):
    """Returns None when the workbook passes, else the reason."""
    if not os.path.exists(CHECK):
        return f"{CHECK} is missing"
    p = subprocess.run(["bash", CHECK, str(path)], capture_output=True, text=True, timeout=600)
    if p.returncode == 0 and p.stdout.startswith("ok"):
        return None
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    if not any(b'xml:space="preserve"' in d for _, d in parts):
        return p.stdout + p.stderr
    stripped = str(path) + ".stripped.xlsx"
    with zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, data.replace(b' xml:space="preserve"', b""))
    q = subprocess.run(["bash", CHECK, stripped], capture_output=True, text=True, timeout=600)
    os.remove(stripped)
    if q.returncode == 0 and q.stdout.startswith("ok"):
        return None
    return "fails beyond xml:space: " + q.stdout + q.stderr


if __name__ == "__main__":
    why = check(sys.argv[1])
    if why:
        print("FAIL", sys.argv[1], why)
        sys.exit(1)
    print("ok", sys.argv[1])
