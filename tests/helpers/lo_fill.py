"""Types cells into a workbook through LibreOffice (UNO), the way a clerk using LibreOffice Calc
fills a form, and saves it as .xlsx with LibreOffice's own filter.

Run with the Python that has LibreOffice's `uno` module (Debian's python3-uno: /usr/bin/python3):
    lo_fill.py SRC.xlsx DST.xlsx CELLS.json
CELLS.json: [[sheet index, row, column (1-based), value], ...]; numbers are typed as numbers, text as
text, [number, "percent"] as a number shown in percent (as Calc stores 「92%」 typed into a cell)."""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale


PERCENT = 128  # com.sun.star.util.NumberFormat.PERCENT


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src, dst, cells_path):
    cells = json.load(open(cells_path, encoding="utf-8"))
    profile = tempfile.mkdtemp(prefix="lo-fill-")
    pipe = f"jixiao_fill_{os.getpid()}"
    office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                               "--nologo", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(300):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                           (prop("Hidden", True),))
        for sheet, row, column, value in cells:
            cell = doc.Sheets.getByIndex(sheet).getCellByPosition(column - 1, row - 1)
            if isinstance(value, list):  # [number, "percent"]
                cell.setValue(value[0])
                cell.NumberFormat = doc.NumberFormats.getStandardFormat(PERCENT, Locale())
            elif isinstance(value, (int, float)):
                cell.setValue(value)
            else:
                cell.setString(value)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:4])
