"""End-to-end behaviour of `jixiao cells`, `convert` and `inspect` on the fixtures."""

import csv
import io
import json
import os

import pytest

from conftest import FIXTURES, jixiao

XW = os.path.join(FIXTURES, "xlsxwriter_types.xlsx")


def cells(path, *args):
    return [json.loads(l) for l in jixiao("cells", path, *args).stdout.splitlines()]


def by_ref(path, sheet, *args):
    return {c["ref"]: c for c in cells(path, "--sheet", sheet, *args)}


def test_cell_objects_have_the_documented_keys():
    c = cells(XW)[0]
    assert list(c)[:6] == ["sheet", "row", "col", "ref", "type", "value"]
    assert c == {"sheet": "業務面", "row": 1, "col": 1, "ref": "A1", "type": "string", "value": "關鍵策略目標"}


def test_types_formats_and_formulas():
    s = by_ref(XW, "業務面")
    assert s["C2"]["value"] == 0.87 and s["C2"]["format"] == "percent"
    assert s["A6"] == {**s["A6"], "type": "date", "value": "2025-04-16"}
    assert s["B6"]["type"] == "datetime" and s["B6"]["value"].startswith("2025-04-16T13:05:")
    assert s["C6"] == {**s["C6"], "type": "time", "value": "18:00:00"}
    assert s["D6"] == {**s["D6"], "type": "duration", "value": 129600}
    assert s["E6"]["value"] == "2025-04-16"  # ROC format 27 is still a date
    assert s["A8"]["formula"] == "SUM(A7:B7)" and s["A8"]["value"] == 1234568.391
    assert s["B8"] == {**s["B8"], "type": "string", "value": "績效", "formula": '"績"&"效"'}
    assert s["C8"] == {**s["C8"], "type": "error", "value": "#DIV/0!"}
    assert s["D8"] == {**s["D8"], "type": "bool", "value": True}
    assert s["A5"]["value"] == "一般粗體結尾"  # rich text runs joined
    assert s["A9"]["value"] == "換行\r\n與 tab\t字元"
    assert s["B9"]["value"] == "控制\x02字元"  # _x0002_ decoded
    assert s["C7"]["value"] == "0012"


def test_shared_formulas_are_expanded_per_cell():
    s = by_ref(os.path.join(FIXTURES, "quirk_shared_formula.xlsx"), "業務面")
    assert s["C101"]["formula"] == "A101+B101*2"
    assert s["C104"]["formula"] == "A104+B104*2"
    assert s["C106"]["formula"] == "A106+B106*2"
    assert s["D103"]["formula"] == "$A$101+A103"


def test_1904_dates():
    s = by_ref(os.path.join(FIXTURES, "openpyxl_1904.xlsx"), "1904")
    assert [s[r]["value"] for r in ("A1", "A2", "A3")] == ["1904-01-02", "2025-12-31", "2000-02-29T23:59:59"]


def test_csv_is_a_grid_from_a1_with_quoting_and_neutralised_formulas(tmp_path):
    out = tmp_path / "out.csv"
    jixiao("convert", XW, "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    assert rows[0][:3] == ["關鍵策略目標", "績效指標", "原定目標值"]
    assert rows[1][2] == "0.87"
    assert rows[8][0] == "換行\r\n與 tab\t字元"
    assert rows[8][2] == "'=不是公式"
    assert rows[8][3] == "'+886-3-5518101"
    assert rows[8][4] == '逗號,與"引號"'
    assert rows[9][:3] == ["-0.0001", "1e+300", "9007199254740992"]
    assert rows[10] == []  # an empty row stays an empty line
    keep = tmp_path / "keep.csv"
    jixiao("convert", XW, "-o", str(keep), "--keep-formula-text")
    assert list(csv.reader(io.StringIO(keep.read_bytes().decode("utf-8"), newline="")))[8][2] == "=不是公式"


def test_tsv_and_jsonl_outputs(tmp_path):
    tsv = tmp_path / "out.tsv"
    jixiao("convert", XW, "-o", str(tsv), "--sheet", "共同面")
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "項目\t數值" and lines[1] == "項目 1\t1.25" and len(lines) == 200
    jl = tmp_path / "out.jsonl"
    jixiao("convert", XW, "-o", str(jl), "--sheet", "共同面")
    assert len(jl.read_text(encoding="utf-8").splitlines()) == 400


def test_all_sheets_writes_one_file_per_worksheet(tmp_path):
    jixiao("convert", XW, "-o", str(tmp_path / "book.csv"), "--all-sheets")
    assert sorted(os.listdir(tmp_path)) == ["book-hidden.csv", "book-共同面.csv", "book-業務面.csv"]


def test_convert_never_overwrites_its_input(tmp_path):
    copy = tmp_path / "in.csv"
    copy.write_bytes(open(XW, "rb").read())
    p = jixiao("convert", str(copy), "-o", str(copy), check=False)
    assert p.returncode == 2 and "輸出會覆寫輸入檔" in p.stderr
    p = jixiao("convert", "--lang", "en", str(copy), "-o", str(copy), check=False)
    assert p.returncode == 2 and "would overwrite the input" in p.stderr
    assert copy.read_bytes() == open(XW, "rb").read()


@pytest.mark.parametrize("name,args", [("bad_sst_index.xlsx", ["--strict"]), ("bad_truncated.xlsx", [])])
def test_a_failed_conversion_leaves_no_output(tmp_path, name, args):
    out = tmp_path / "out.csv"
    p = jixiao("convert", os.path.join(FIXTURES, name), "-o", str(out), *args, check=False)
    assert p.returncode == 2
    assert os.listdir(tmp_path) == []


def test_inspect_text():
    out = jixiao("inspect", XW).stdout
    assert "kind: Excel workbook (.xlsx), Transitional OOXML" in out
    assert "producer: Microsoft Excel" in out and "creator fixture" in out
    assert "1. 業務面 [worksheet] used A1:G13" in out
    assert "merged 2: A12:C12 A13:A15" in out
    assert "3. hidden [worksheet, hidden]" in out
    assert "4. 圖表 [chartsheet]" in out
    assert "權重合計 = '業務面'!$E$2:$E$4" in out


def test_inspect_json_and_producers():
    info = json.loads(jixiao("inspect", "--format", "json", os.path.join(FIXTURES, "libreoffice_from_openpyxl.xlsx")).stdout)
    assert info["application"].startswith("LibreOffice")
    assert [s["name"] for s in info["sheets"]] == ["資料", "隱藏"]
    assert info["sheets"][0]["merged"] == ["A2:A3"]
    assert info["sheets"][1]["visibility"] == "hidden"
    strict = json.loads(jixiao("inspect", "--format", "json", os.path.join(FIXTURES, "quirk_strict.xlsx")).stdout)
    assert strict["strict"] is True
    lying = json.loads(jixiao("inspect", "--format", "json", os.path.join(FIXTURES, "quirk_dimension.xlsx")).stdout)
    assert lying["sheets"][0]["dimension"] == "A1:XFD1048576" and lying["sheets"][0]["used"] == "A1:G13"


@pytest.mark.parametrize("args", [["validate"], ["cells"], ["validate", "--bogus", "x.xlsx"], ["convert", "a.csv", "-o", "b.pdf"],
                                  ["nosuchcommand"]])
def test_usage_errors_exit_2_as_documented(args):
    p = jixiao(*args, check=False)
    assert p.returncode == 2, (args, p.returncode, p.stderr)
    assert p.stderr.startswith("jixiao: ") and p.stdout == ""


def inbox(tmp_path):
    """A folder as a clerk's share has it: two workbooks (one in a sub-folder), Excel's lock file
    beside the one open, a hidden file, and a file that is no workbook."""
    folder = tmp_path / "收件"
    (folder / "社會處").mkdir(parents=True)
    seeds = os.path.join(FIXTURES, "seeds")
    (folder / "行政處.xlsx").write_bytes(open(os.path.join(seeds, "seed_001.xlsx"), "rb").read())
    (folder / "社會處" / "社會處.xlsx").write_bytes(open(os.path.join(seeds, "seed_004.xlsx"), "rb").read())
    (folder / "~$行政處.xlsx").write_bytes(b"\x00lock")
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / "說明.txt").write_text("請於 3 月底前繳交")
    return folder


def test_cells_reads_a_folder_with_each_object_naming_its_file(tmp_path):
    folder = inbox(tmp_path)
    p = jixiao("cells", str(folder), check=False)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(l) for l in p.stdout.splitlines()]
    assert list(rows[0])[0] == "file"
    files = [str(folder / "社會處" / "社會處.xlsx"), str(folder / "行政處.xlsx")]
    assert sorted({r["file"] for r in rows}) == sorted(files)
    for f in files:
        alone = [json.loads(l) for l in jixiao("cells", f).stdout.splitlines()]
        assert [{k: v for k, v in r.items() if k != "file"} for r in rows if r["file"] == f] == alone
    for skipped in ("~$行政處.xlsx", ".DS_Store", "說明.txt"):
        assert sum(skipped in l for l in p.stderr.splitlines()) == 1, (skipped, p.stderr)
    many = jixiao("cells", "--format", "csv", str(folder), check=False)
    assert many.returncode == 2 and many.stdout == ""


def test_import_reads_a_folder_into_a_folder_of_models(tmp_path):
    folder = inbox(tmp_path)
    (folder / "壞掉.xlsx").write_bytes(b"")
    out = tmp_path / "模型"
    p = jixiao("import", "-q", str(folder), "-o", str(out), check=False)
    assert p.returncode == 2 and "壞掉.xlsx" in p.stderr, p.stderr  # the other two are written all the same
    assert sorted(os.listdir(out)) == ["社會處.json", "行政處.json"]
    one = jixiao("import", "-q", str(folder / "行政處.xlsx")).stdout
    assert json.loads((out / "行政處.json").read_text()) == json.loads(one)
    assert jixiao("import", str(folder), check=False).returncode == 2  # several need -o FOLDER
