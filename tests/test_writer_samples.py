"""The sample workbooks of Tests/TestSupport, which the CLI cannot reach — a styled report with every
structural feature of the writer, a large workbook compressed in parallel, hard strings, sheets
filled side by side (WorkbookWriter.fill), and the LibreOffice template filled, filled with values
only, and annotated — opened by real clients: the
real-client check (ECMA-376 schemas, openpyxl, python-calamine, LibreOffice; tests/helpers/
check_written.py), and what openpyxl sees of them (tests/helpers/describe_workbook.py). The
writer-samples binary writes them with the same functions the Swift tests read back with our own
reader (Tests/XLSXKitTests/WriterTests.swift, TemplateFillerTests.swift)."""

import json
import subprocess

import openpyxl
import pytest
import python_calamine

from conftest import samples_binary
from helpers import check_written
from helpers.describe_workbook import describe

SAMPLES = ["styled", "large", "strings", "side-by-side", "filled", "values", "annotated"]


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """Every sample written once by writer-samples, by name."""
    folder = tmp_path_factory.mktemp("writer-samples")
    p = subprocess.run([samples_binary(), str(folder)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    paths = {line.rsplit("/", 1)[-1].removesuffix(".xlsx"): line for line in p.stdout.splitlines()}
    assert sorted(paths) == sorted(SAMPLES)
    return paths


def described(path, rows=5):
    """describe_workbook.py's JSON of `path`, read back as the script prints it."""
    return json.loads(json.dumps(describe(path, rows), ensure_ascii=False, default=str))


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_passes_real_clients(samples, name):
    # The large sample's parts were copied in compressed, as libzip stored them in scratch archives.
    why = check_written.check(samples[name])
    assert why is None, why


def test_unknown_sample_is_refused(tmp_path):
    p = subprocess.run([samples_binary(), str(tmp_path), "no-such-sample"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "no-such-sample" in p.stderr
    assert list(tmp_path.iterdir()) == []


def test_styled_report_is_seen_by_openpyxl_as_written(samples):
    path = samples["styled"]
    obj = described(path)
    sheets = obj["sheets"]
    s = sheets["業務面"]
    assert s["merged"] == ["A1:G1", "A3:A4"]
    assert s["freeze"] == "A3"
    assert s["autoFilter"] == "A2:G5"
    assert s["orientation"] == "landscape"
    assert s["paperSize"] == 9
    assert s["fitToWidth"] == 1
    assert s["printTitleRows"] == "$1:$2"
    assert s["comments"] == {"F5": "達成度 97.19%，未達目標，請填未達目標檢討。", "C2": "依 114 年度施政計畫"}
    # Links are described only for the first rows' cells; B7 is past them, so look with openpyxl directly.
    assert openpyxl.load_workbook(path)["業務面"]["B7"].hyperlink.location == "'說明'!A1"
    validations = s["validations"]
    assert any(v["sqref"] == "G3:G100" and v["formula1"] == '"1,2,3,4,5"' for v in validations)
    assert any(v["sqref"] == "C3:C100" and (v["formula1"] or "").startswith("'_lists'!$A$1:$A$40") for v in validations)
    assert s["conditional"][0]["sqref"] == "F3:F100"
    assert s["values"]["A1"] == "新竹縣政府行政處 114 年度施政計畫績效報告"
    assert s["values"]["F5"] == 0.9719
    assert s["formats"]["E3"] == "0.00%"
    assert "A2" in s["bold"]
    assert "B3" in s["wrap"]
    assert s["widths"]["B"] == 30
    # A1 holds 23 wide characters and 10 narrow ones: auto-fit counts CJK as two.
    assert s["widths"].get("A", 0) >= 40
    assert sheets["說明"]["state"] == "hidden"
    assert sheets["_lists"]["state"] == "hidden"
    assert "權重合計" in obj["definedNames"]


def test_filled_template_keeps_its_design_and_moves_what_is_below(samples):
    obj = described(samples["filled"], 14)
    s = obj["sheets"]["績效報告"]
    names = obj["definedNameValues"]
    # The design is still there.
    assert s["freeze"] == "A3"
    assert s["printTitleRows"] == "$1:$2"
    assert set(s["merged"]) == {"A1:H1", "G2:H2", "G3:H3", "G4:H4", "G5:H5"}
    # The dropdown and the conditional format grew with the table (G3:G20 → G3:G22).
    assert len(s["validations"]) == 1
    assert s["validations"][0]["sqref"] == "G3:G22"
    assert s["validations"][0]["formula1"] == '"1,2,3"'
    assert len(s["conditional"]) == 1
    assert s["conditional"][0]["sqref"] == "F3:F22"
    # The note moved from B10 to B12 with its cell; the defined name grew.
    assert s["comments"] == {"B12": "由研考科彙整"}
    assert names["目標範圍"] == "績效報告!$D$3:$D$22"
    # Values and formulas: the copies have the template row's formula moved down; the total row
    # moved from 4 to 6 and its range grew.
    values = s["values"]
    assert values["B3"] == "推動數位服務"
    assert values["C5"] == "公文平均處理日數"
    assert values["D4"] == 6
    assert values["E5"] == 4.8
    assert values["F3"] == '=IF(D3=0,"",E3/D3)'
    assert values["F4"] == '=IF(D4=0,"",E4/D4)'
    assert values["F5"] == '=IF(D5=0,"",E5/D5)'
    assert values["C6"] == "合計"
    assert values["E6"] == "=SUM(E2:E5)"
    assert values["B12"] == "填表說明：達成度低於 100% 者請於未達目標檢討說明。"
    assert values["B14"] == "填表人：王小明"
    assert values.get("C4") in (None, "平均到場時間(分)")
    # Styles and heights of the template row went to the copies.
    for row in range(3, 6):
        assert s["formats"].get(f"F{row}") == "0.00%"
        assert s["formats"].get(f"D{row}") == "0.00"
    assert s["heights"].get("3") == 30 and s["heights"].get("4") == 30 and s["heights"].get("5") == 30
    assert set(s["wrap"]) >= {"A4", "B5", "C5"}


def test_values_only_leave_rows_in_place(samples):
    s = described(samples["values"], 14)["sheets"]["績效報告"]
    assert s["values"]["B3"] == "環境保護局"
    assert "C4" not in s["values"]
    assert s["values"]["E4"] == "=SUM(E2:E3)"
    assert "C4" in s["bold"]  # cleared, its style kept
    assert s["comments"] == {"B10": "由研考科彙整"}


def test_annotated_copy_has_highlights_notes_and_an_appended_sheet(samples):
    sheets = described(samples["annotated"], 12)["sheets"]
    # The appended sheet's name was taken, so it is numbered.
    assert sorted(sheets) == ["績效報告", "說明", "說明 (2)"]
    main = sheets["績效報告"]
    fills = main["fills"]
    assert fills.get("D3") == "FFFFC7CE" and fills.get("C4") == "FFFFEB9C" and fills.get("B30") == "FFFFEB9C"
    assert fills.get("A2") == "FFDDEBF7"  # the template's own header fill is kept
    # Filled cells keep their number format, font and value.
    assert main["formats"].get("D3") == "0.00"
    assert "C4" in main["bold"]
    assert main["values"].get("C4") == "合計"
    # The new note joins the template's; B10 keeps its own.
    assert main["comments"] == {"B10": "由研考科彙整", "D3": "目標值低於計畫"}
    assert sheets["說明"]["comments"] == {"A1": "說明頁的註解"}
    added = sheets["說明 (2)"]
    assert added["links"] == {"A2": "'績效報告'!D3"}
    assert added["fills"] == {"B2": "FFFFC7CE"}
    assert added["freeze"] == "A2" and added["autoFilter"] == "A1:B2"


def test_sheets_filled_side_by_side_read_as_put_in(samples):
    # What writeSideBySideWorkbook puts in (Tests/TestSupport/WriterSamples.swift), restated here:
    # row r of 總表 is (agency, r / 4, 共同文字); of 明細 (a text of its own, r, agency); of 文字 a hard
    # string and 共同文字 every third row, else the agency. The texts of the last two sheets were
    # kept apart while they were filled and given the workbook's shared strings at the end.
    hard = ["a&b<c>\"d\"", "  前後空白  ", "CR\r\nLF", "tab\t", "控制\u0001字元", "_x0041_ 字面",
            "績" * 32_767, "😀 emoji", ""]
    book = python_calamine.CalamineWorkbook.from_path(samples["side-by-side"])
    assert book.sheet_names == ["總表", "明細", "文字"]
    rows = {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}
    assert [len(rows[n]) for n in book.sheet_names] == [2_001, 60_001, 3_001]
    for n in book.sheet_names:
        assert rows[n][0] == ["名稱", "數值", "備註"]
    agency = lambda r: f"新竹縣政府第 {r % 40} 處"
    for r in (2, 3, 41, 2_001):
        assert rows["總表"][r - 1] == [agency(r), r / 4, "共同文字"]
    for r in (2, 999, 31_337, 60_001):
        assert rows["明細"][r - 1] == [f"明細第 {r} 列：推動社區營造與公共參與的績效指標說明", r, agency(r)]
    for r in range(2, 3_002):
        got = rows["文字"][r - 1]
        assert got[0] == hard[r % len(hard)], r
        assert got[1] == "" and got[2] == ("共同文字" if r % 3 == 0 else agency(r)), r
