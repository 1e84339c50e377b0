"""Workbooks Jixiao writes, checked by real clients: the ECMA-376 schemas (xmllint), openpyxl,
python-calamine and LibreOffice (headless conversion to CSV), with the same values everywhere."""

import csv
import io
import json
import math
import os
import shutil
import subprocess
import tempfile

import openpyxl
import pytest
import python_calamine

from conftest import FIXTURES, ROOT, jixiao
from helpers import check_written
from test_reader_vs_calamine import calamine_cells, CALAMINE_READS_INSTEAD

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")

GOOD = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".xlsx") and not f.startswith("bad_"))


def check_xlsx(path):
    """The real-client gate, with its one documented departure (tests/helpers/check_written.py)."""
    why = check_written.check(path)
    assert why is None, why


def libreoffice_csv(path):
    """The first sheet as LibreOffice exports it to CSV (UTF-8)."""
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, HOME=out)
        subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                        "--outdir", out, str(path)], check=True, capture_output=True, env=env, timeout=300)
        name = [f for f in os.listdir(out) if f.endswith(".csv")][0]
        with open(os.path.join(out, name), encoding="utf-8", newline="") as f:
            return list(csv.reader(f))


def same_number(a, b):
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-300)


CSV_TEXT = (
    "指標,目標值,達成值,備註\n"
    "法規檢討比例,100,1.5e3,\n"
    '"含,逗號","多行\n文字",-0.5,"他說""好"""\n'
    ",+3,.5,前後 中間 空白\n"
    "0.1,0.30000000000000004,123456789012345,=SUM(A1)\n"
)


def test_csv_to_xlsx_reads_back_the_same_everywhere(tmp_path):
    src = tmp_path / "報告.csv"
    src.write_bytes(CSV_TEXT.encode("utf-8"))
    out = tmp_path / "報告.xlsx"
    jixiao("convert", str(src), "-o", str(out))
    check_xlsx(out)
    expected = list(csv.reader(io.StringIO(CSV_TEXT, newline="")))

    def typed(v):
        try:
            return float(v)
        except ValueError:
            return v

    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("報告").to_python(skip_empty_area=False)
    for r, exp in enumerate(expected):
        for c, v in enumerate(exp):
            got = rows[r][c] if c < len(rows[r]) else ""
            if v == "":
                assert got == ""
            elif isinstance(typed(v), float):
                assert same_number(got, typed(v)), (r, c, got, v)
            else:
                assert got == v, (r, c, got, v)
    ws = openpyxl.load_workbook(out).active
    assert ws["A3"].value == "含,逗號" and ws["B3"].value == "多行\n文字" and ws["D3"].value == '他說"好"'
    assert ws["D4"].value == "前後 中間 空白"
    assert ws["D5"].value == "=SUM(A1)" and ws["D5"].data_type == "s"
    assert ws.freeze_panes == "A2"
    lo = libreoffice_csv(out)
    assert lo[0] == expected[0]
    assert lo[2][0] == "含,逗號" and lo[2][1] == "多行\n文字" and lo[2][3] == '他說"好"'
    assert same_number(lo[1][2], 1500) and same_number(lo[4][1], 0.30000000000000004)
    assert lo[3][3] == "前後 中間 空白"


@pytest.mark.parametrize("name", GOOD)
def test_rewritten_workbook_keeps_every_value(name, tmp_path):
    out = tmp_path / "rewritten.xlsx"
    jixiao("convert", os.path.join(FIXTURES, name), "-o", str(out))
    check_xlsx(out)
    before = calamine_cells(os.path.join(FIXTURES, CALAMINE_READS_INSTEAD.get(name, name)))
    after = calamine_cells(str(out))
    # Chartsheets are not rewritten; every worksheet cell is.
    assert after == {k: v for k, v in before.items() if k[0] in {s for s, _, _ in after}}
    assert set(k[0] for k in after) == set(k[0] for k in before)


def test_rewrite_keeps_formulas_merges_and_hidden_sheets(tmp_path):
    out = tmp_path / "rewritten.xlsx"
    jixiao("convert", os.path.join(FIXTURES, "xlsxwriter_types.xlsx"), "-o", str(out))
    wb = openpyxl.load_workbook(out)
    ws = wb["業務面"]
    assert ws["A8"].value == "=SUM(A7:B7)"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A12:C12", "A13:A15"}
    assert wb["hidden"].sheet_state == "hidden"
    assert ws["C2"].number_format == "0.00%"
    values = openpyxl.load_workbook(out, data_only=True)["業務面"]
    assert values["A8"].value == 1234568.391 and values["B8"].value == "績效"


def test_cells_jsonl_round_trip(tmp_path):
    src = os.path.join(FIXTURES, "openpyxl_types.xlsx")
    lines = tmp_path / "cells.jsonl"
    lines.write_text(jixiao("cells", src).stdout, encoding="utf-8")
    out = tmp_path / "back.xlsx"
    jixiao("convert", str(lines), "-o", str(out))
    check_xlsx(out)
    strip = lambda text: [{k: v for k, v in json.loads(l).items() if k != "format"} for l in text.splitlines()]
    assert strip(jixiao("cells", str(out)).stdout) == strip(lines.read_text(encoding="utf-8"))


def test_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    src = os.path.join(FIXTURES, "libreoffice_from_xlsxwriter.xlsx")
    jixiao("convert", src, "-o", str(a))
    jixiao("convert", src, "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_bad_csv_is_reported_with_its_line(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text('a,b\n1,"never closed\n2,3\n', encoding="utf-8")
    p = jixiao("convert", str(src), "-o", str(tmp_path / "x.xlsx"), check=False)
    assert p.returncode == 2 and "line 2" in p.stderr and "never closed" in p.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_edge_white_space_is_kept_by_every_client(tmp_path):
    """Text with white space at either end keeps it in LibreOffice, openpyxl and calamine (and
    Excel) only with xml:space="preserve", which the ECMA-376 schema omits on <t>: the parts are
    otherwise valid, and that attribute is the only difference (docs/WRITER.md)."""
    src = tmp_path / "edge.csv"
    src.write_text("指標\n  前後空白  \n\t定位\n", encoding="utf-8")
    out = tmp_path / "edge.xlsx"
    jixiao("convert", str(src), "-o", str(out))
    assert openpyxl.load_workbook(out).active["A2"].value == "  前後空白  "
    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[1][0] == "  前後空白  " and rows[2][0] == "\t定位"
    assert libreoffice_csv(out)[1][0] == "  前後空白  "
    import zipfile
    with zipfile.ZipFile(out) as z:
        sst = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert sst.count('xml:space="preserve"') == 2
    stripped = tmp_path / "sst.xml"
    stripped.write_text(sst.replace(' xml:space="preserve"', ""), encoding="utf-8")
    schema = os.path.join(ROOT, "..", "shared", "ooxml-schemas", "OfficeOpenXML-XMLSchema-Transitional", "sml.xsd")
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", schema, str(stripped)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
