"""The blank forms of `template new`, filled the way a clerk fills them (#18): every family's form is
schema-valid and protected with its input cells open; filled by openpyxl and by LibreOffice (typed
through UNO, saved by LibreOffice's own filter: tests/helpers/lo_fill.py) — the title retyped, four
indicators typed into the blank rows by their headers, the signature completed — it imports back
to what was typed and validates with no error; an unmet target validates once its reason is in the
review table, and not before.

The filler knows the forms only by what a clerk sees: header texts and the blank rows under them.
The expected facts are the values typed here."""

import json
import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import jixiao
from helpers.check_written import check

FAMILIES = ["performance-report", "annual-plan", "mid-term-plan", "quarterly-report"]
TITLES = {
    "performance-report": "新竹縣政府民政處 114 年度施政績效報告",
    "annual-plan": "新竹縣政府民政處 114 年度施政計畫",
    "mid-term-plan": "新竹縣政府民政處中程施政計畫（116 至 119 年度）",
    "quarterly-report": "新竹縣政府民政處 114 年度施政計畫季報",
}
# What a clerk types for four indicators: goal, indicator, measurement, direction, target, actual,
# weight and achievement (the last indicator is the one left unmet when asked).
INDICATORS = [
    ("推動社區營造", "辦理社區培力課程", "辦理場次", "越高越好", "12 場", "12 場", 0.25),
    ("推動社區營造", "社區參與人次", "參與人次", "越高越好", "600 人次", "640 人次", 0.25),
    ("提升為民服務", "戶政案件平均處理時間", "平均處理分鐘數", "越低越好", "15 分鐘", "14 分鐘", 0.25),
    ("提升為民服務", "民眾滿意度", "問卷調查滿意比率", "越高越好", "90%", "92%", 0.25),
]
HERE = os.path.dirname(os.path.abspath(__file__))
# LibreOffice's UNO bridge lives in the system Python (Debian's python3-uno).
UNO_PYTHON = "/usr/bin/python3"
REASON = "受新系統上線影響，等候時間增加；已增設服務窗口並加強人員訓練。"


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    paths = {}
    for kind in FAMILIES:
        paths[kind] = folder / f"{kind}.xlsx"
        jixiao("template", "new", kind, "-o", str(paths[kind]))
    return paths


def header_row(ws):
    """The row whose cells name the columns (the first with 績效指標), and the columns by header."""
    for r in range(1, 10):
        names = {ws.cell(r, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(r, c).value}
        if "績效指標" in names:
            return r, names
    raise AssertionError("no header row")


def review_cells(src):
    """The reason for the unmet 民眾滿意度, typed into the first blank row of the review sheet (the
    sheet whose header starts with 策略績效目標), found by its headers."""
    wb = openpyxl.load_workbook(src)
    for index, ws in enumerate(wb.worksheets):
        for r in range(1, 5):
            cols = {ws.cell(r, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(r, c).value}
            if "策略績效目標" in cols:
                return [[index, r + 1, cols["策略績效目標"], "提升為民服務"], [index, r + 1, cols["績效指標"], "民眾滿意度"],
                        [index, r + 1, cols["未達成原因說明暨解決對策"], REASON]]
    raise AssertionError("no review sheet")


def typed(src, kind, unmet=False, reason=True):
    """What a clerk types into the form at `src`: [[sheet, row, column, value], ...], found by the
    header texts and the blank rows under them."""
    ws = openpyxl.load_workbook(src).worksheets[0]
    cells = [[0, 1, 1, TITLES[kind]]]
    top, cols = header_row(ws)
    first = top + 1
    years = []
    if "年度績效目標值" in cols:  # a row of years under it
        c = cols["年度績效目標值"]
        while ws.cell(top + 1, c).value and str(ws.cell(top + 1, c).value).isdigit():
            years.append(c)
            c += 1
        first = top + 2
    for i, (goal, name, measure, direction, target, actual, weight) in enumerate(INDICATORS):
        r = first + i
        if unmet and i == 3:
            actual = "80%"

        def put(header, value):
            if header in cols and value is not None:
                cells.append([0, r, cols[header], value])
        put("序號", str(i // 2 + 1) if i % 2 == 0 else None)
        put("編號", f"{i // 2 + 1}-{i % 2 + 1}")
        put("關鍵策略目標", goal)
        put("績效指標", name)
        put("衡量標準", measure)
        put("衡量方向", direction)
        put("原定目標值", target)
        put("權重", weight)
        put("評估體制", "1")
        put("評估方式", "統計數據")
        put("管考代碼", "1")
        put("預算金額（千元）", 1200)
        for c in years:
            cells.append([0, r, c, target])
        if kind in ("performance-report", "quarterly-report"):
            put("達成目標值", actual)
            put("達成情形", "依計畫辦理完成" if actual == target or i != 3 else "滿意度 80%，未達目標")
        if kind == "quarterly-report":
            put("本季目標", target)
            put("本季達成", actual)
            put("累計目標", target)
    if unmet and reason:
        cells += review_cells(src)
    for r in range(first, ws.max_row + 1):
        if ws.cell(r, 1).value == "填表人：":
            cells += [[0, r, 1, "填表人：林小姐"], [0, r, 4, "聯絡電話：03-5518101 分機 305"]]
    return cells


def fill(src, dst, kind, unmet=False, reason=True, by="openpyxl"):
    """Fills the form at `src` as a clerk would, in openpyxl or in LibreOffice, and saves it as `dst`."""
    cells = typed(src, kind, unmet, reason)
    if by == "openpyxl":
        wb = openpyxl.load_workbook(src)
        for sheet, r, c, value in cells:
            wb.worksheets[sheet].cell(r, c, value)
        wb.save(dst)
        return
    plan = Path(dst).with_suffix(".json")
    plan.write_text(json.dumps(cells, ensure_ascii=False), encoding="utf-8")
    p = subprocess.run([UNO_PYTHON, os.path.join(HERE, "helpers", "lo_fill.py"), str(src), str(dst), str(plan)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and Path(dst).exists(), p.stderr


def findings(path):
    p = jixiao("validate", "--format", "json", str(path), check=False)
    return p.returncode, json.loads(p.stdout)


@pytest.mark.parametrize("kind", FAMILIES)
def test_blank_form_is_valid_and_protected_with_open_inputs(forms, kind):
    assert check(forms[kind]) is None
    wb = openpyxl.load_workbook(forms[kind])
    ws = wb.worksheets[0]
    assert "填表說明" in wb.sheetnames
    if kind in ("performance-report", "quarterly-report"):  # the review on its own protected sheet
        review = wb.worksheets[1]
        assert review.title in ("未達目標值之關鍵策略目標檢討", "落後項目檢討") and review.protection.sheet
        assert review.cell(3, 1).protection.locked is False and review.cell(2, 1).protection.locked is not False
    p = ws.protection
    assert p.sheet and not p.password
    assert not p.insertRows and not p.deleteRows and not p.formatCells and not p.formatRows  # allowed
    top, cols = header_row(ws)
    assert "燈號" not in cols  # Jixiao's to compute, not the clerk's
    assert ws.cell(1, 1).protection.locked is False  # the title is retyped
    assert all(ws.cell(top, c).protection.locked is not False for c in cols.values())
    first = top + (2 if "年度績效目標值" in cols else 1)
    assert all(ws.cell(first, c).protection.locked is False for c in cols.values())
    listed = {str(dv.sqref).split(":")[0] for dv in ws.data_validations.dataValidation}
    for header in ("評估體制", "評估方式", "管考代碼", "衡量方向"):
        if header in cols:
            assert f"{openpyxl.utils.get_column_letter(cols[header])}{first}" in listed, header
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize or 0) == 9 and ws.print_title_rows  # A4


@pytest.mark.parametrize("by", ["openpyxl", "libreoffice"])
@pytest.mark.parametrize("kind", FAMILIES)
def test_form_filled_by_a_clerk_imports_as_typed_and_validates(forms, kind, by, tmp_path):
    filled = tmp_path / "filled.xlsx"
    fill(forms[kind], filled, kind, by=by)
    code, result = findings(filled)
    errors = [f for f in result["files"][0]["findings"] if f["severity"] == "error"]
    assert code == 0 and errors == [], errors
    model = json.loads(jixiao("import", "-q", str(filled)).stdout)
    assert model["agency"] == "新竹縣政府民政處" and model["kind"] == kind
    inds = [(g["name"], i["name"], i.get("weight")) for f in model["facets"] for g in f["goals"] for i in g["indicators"]]
    _, cols = header_row(openpyxl.load_workbook(forms[kind]).worksheets[0])
    assert inds == [(g, n, w if "權重" in cols else None) for g, n, _, _, _, _, w in INDICATORS]
    assert not model.get("prose"), "the instructions are not the report's text"
    assert any(s["role"] == "填表人" and s["value"] == "林小姐" for s in model.get("signatures", []))


@pytest.mark.parametrize("by", ["openpyxl", "libreoffice"])
@pytest.mark.parametrize("kind", ["performance-report", "quarterly-report"])
def test_unmet_target_validates_once_its_reason_is_given(forms, kind, by, tmp_path):
    explained, unexplained = tmp_path / "explained.xlsx", tmp_path / "unexplained.xlsx"
    fill(forms[kind], explained, kind, unmet=True, by=by)
    fill(forms[kind], unexplained, kind, unmet=True, reason=False, by=by)
    code, result = findings(explained)
    got = result["files"][0]["findings"]
    assert code == 0 and [f for f in got if f["severity"] == "error"] == [], got
    assert any(f["code"] == "unmet-target" and f.get("indicator") == "民眾滿意度" for f in got)
    code, result = findings(unexplained)
    assert code == 1
    assert any(f["severity"] == "error" and f.get("indicator") == "民眾滿意度" for f in result["files"][0]["findings"])


# Live formulas. Rows a clerk types as numbers into the blank report form, and what 達成度 must be by
# the rule (docs/VALIDATION.md, "Achievement"), worked out by hand: higher is better actual ÷ target,
# lower target ÷ actual, capped at 100%; a zero target met by any actual not below it (higher) or
# only by 0 (lower); a blank direction or a value with a unit leaves the cell for Jixiao.
NUMERIC_ROWS = [
    # indicator, direction, target, actual, expected 達成度 (None: the cell stays empty)
    ("辦理講習場次", "越高越好", 12, 12, 1.0),
    ("補助案件數", "越高越好", 10, 8, 0.8),
    ("新增違規案件", "越高越好", 0, 3, 1.0),
    ("平均等候分鐘", "越低越好", 15, 14, 1.0),
    ("平均結案天數", "越低越好", 15, 18, 15 / 18),
    ("公安事故件數", "越低越好", 0, 0, 1.0),
    ("重大違規件數", "越低越好", 0, 2, 0.0),
    ("網路申辦比率", "越高越好", [0.9, "percent"], [0.81, "percent"], 0.9),
    ("志工人數", None, 100, 90, None),
    ("社區活動", "越高越好", "12 場", "10 場", None),
]


def numeric_cells(src):
    ws = openpyxl.load_workbook(src).worksheets[0]
    top, cols = header_row(ws)
    cells = [[0, 1, 1, TITLES["performance-report"]]]
    for i, (name, direction, target, actual, _) in enumerate(NUMERIC_ROWS):
        r = top + 1 + i
        cells += [[0, r, cols["關鍵策略目標"], "提升服務效能"], [0, r, cols["績效指標"], name],
                  [0, r, cols["原定目標值"], target], [0, r, cols["達成目標值"], actual], [0, r, cols["權重"], 0.1]]
        if direction:
            cells.append([0, r, cols["衡量方向"], direction])
    return cells, top, cols


def lo_type(src, dst, cells):
    plan = Path(dst).with_suffix(".json")
    plan.write_text(json.dumps(cells, ensure_ascii=False), encoding="utf-8")
    p = subprocess.run([UNO_PYTHON, os.path.join(HERE, "helpers", "lo_fill.py"), str(src), str(dst), str(plan)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and Path(dst).exists(), p.stderr


def test_blank_form_formulas_computed_by_libreoffice_agree_with_the_rule(forms, tmp_path):
    """LibreOffice computes the form's 達成度, 項目權分 and 合計 formulas as the clerk types; each
    result is the rule's (written above by hand), and Jixiao finds no stated achievement, points or
    total that disagrees with its own."""
    filled = tmp_path / "numbers.xlsx"
    cells, top, cols = numeric_cells(forms["performance-report"])
    lo_type(forms["performance-report"], filled, cells)
    ws = openpyxl.load_workbook(filled, data_only=True).worksheets[0]
    for i, (name, _, _, _, expected) in enumerate(NUMERIC_ROWS):
        got = ws.cell(top + 1 + i, cols["達成度(%)"]).value
        points = ws.cell(top + 1 + i, cols["項目權分"]).value
        if expected is None:
            assert got in (None, ""), (name, got)
            assert points in (None, ""), (name, points)
        else:
            assert got == pytest.approx(expected), (name, got)
            assert points == pytest.approx(0.1 * expected * 100), (name, points)
    total = next(r for r in range(top, ws.max_row + 1) if ws.cell(r, 1).value == "合計")
    assert ws.cell(total, cols["權重"]).value == pytest.approx(1.0)
    # Two weighted rows have no points yet (Jixiao computes them): no total of the others.
    assert ws.cell(total, cols["項目權分"]).value in (None, "")
    _, result = findings(filled)
    got = result["files"][0]["findings"]
    wrong = [f for f in got if f["code"] in ("achievement-mismatch", "points-mismatch", "score-mismatch",
                                               "weight-sum-mismatch", "no-table")]
    assert wrong == [], wrong
    # The rows the formula left empty are judged by Jixiao: 志工人數 90 of 100, 社區活動 10 of 12 場.
    model = json.loads(jixiao("import", "-q", str(filled)).stdout)
    inds = {i["name"]: i for f in model["facets"] for g in f["goals"] for i in g["indicators"]}
    assert len(inds) == len(NUMERIC_ROWS)
    assert "achievement" not in inds["志工人數"] and "achievement" not in inds["社區活動"]
    # Calc's percent format shows two decimals.
    assert inds["網路申辦比率"]["target"]["text"] == "90.00%" and inds["網路申辦比率"]["achievement"] == pytest.approx(0.9)
    assert model["facets"][0]["statedWeightTotal"] == pytest.approx(1.0)


def test_blank_form_formulas_are_left_alone_by_openpyxl(forms, tmp_path):
    """openpyxl keeps the formulas and drops their results: the form still imports and validates,
    Jixiao computing what the formulas would."""
    filled = tmp_path / "numbers.xlsx"
    cells, top, cols = numeric_cells(forms["performance-report"])
    wb = openpyxl.load_workbook(forms["performance-report"])
    for _, r, c, v in cells:
        wb.worksheets[0].cell(r, c, v[0] if isinstance(v, list) else v)
        if isinstance(v, list):
            wb.worksheets[0].cell(r, c).number_format = "0%"
    wb.save(filled)
    assert str(openpyxl.load_workbook(filled).worksheets[0].cell(top + 1, cols["達成度(%)"]).value).startswith("=IF(")
    _, result = findings(filled)
    wrong = [f for f in result["files"][0]["findings"] if f["code"] in ("achievement-mismatch", "points-mismatch", "no-table")]
    assert wrong == [], wrong
    model = json.loads(jixiao("import", "-q", str(filled)).stdout)
    assert len([i for f in model["facets"] for g in f["goals"] for i in g["indicators"]]) == len(NUMERIC_ROWS)
    assert not model.get("prose")


def test_rows_grow_as_the_clerk_types(forms, tmp_path):
    """The input rows' heights are fitted, not fixed: LibreOffice grows a row as a long reason is typed."""
    filled = tmp_path / "long.xlsx"
    ws = openpyxl.load_workbook(forms["performance-report"]).worksheets[0]
    top, cols = header_row(ws)
    with zipfile.ZipFile(forms["performance-report"]) as z:  # openpyxl reports every height as custom
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert f'<row r="{top + 1}" ht="30">' in xml
    lo_type(forms["performance-report"], filled, [[0, top + 1, cols["達成情形"], REASON * 4]])
    grown = openpyxl.load_workbook(filled).worksheets[0].row_dimensions[top + 1].height
    assert grown and grown > 60, grown


# Pre-filled forms: a plan typed into the blank annual-plan form, then `template new --from` it.
@pytest.fixture(scope="module")
def prefilled(forms, tmp_path_factory):
    folder = tmp_path_factory.mktemp("prefilled")
    plan, form = folder / "plan.xlsx", folder / "report.xlsx"
    fill(forms["annual-plan"], plan, "annual-plan")
    jixiao("template", "new", "performance-report", "--from", str(plan), "-o", str(form))
    return form


def test_prefilled_form_is_valid_and_protected_with_the_plan_locked(prefilled):
    assert check(prefilled) is None
    wb = openpyxl.load_workbook(prefilled)
    assert "填表說明" in wb.sheetnames
    ws = wb.worksheets[0]
    p = ws.protection
    assert p.sheet and not p.password and not p.insertRows and not p.formatCells
    top, cols = header_row(ws)
    assert {"權重", "達成情形", "衡量標準", "評估體制", "達成度(%)", "項目權分"} <= set(cols)  # every column
    rows = range(top + 1, top + 1 + len(INDICATORS))
    assert [ws.cell(r, cols["績效指標"]).value for r in rows] == [n for _, n, *_ in INDICATORS]
    for r in rows:
        for header in ("績效指標", "原定目標值", "權重"):
            assert ws.cell(r, cols[header]).protection.locked is not False, (r, header)  # the plan's
        for header in ("達成目標值", "達成情形", "達成度(%)"):
            assert ws.cell(r, cols[header]).protection.locked is False, (r, header)  # the clerk's
    # 90% in the plan is the number 0.9 shown as 90%, so that 達成度 can be computed as typed.
    satisfied = next(r for r in rows if ws.cell(r, cols["績效指標"]).value == "民眾滿意度")
    assert ws.cell(satisfied, cols["原定目標值"]).value == 0.9 and ws.cell(satisfied, cols["原定目標值"]).number_format == "0%"
    assert str(ws.cell(satisfied, cols["達成度(%)"]).value).startswith("=IF(")
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize or 0) == 9 and ws.print_title_rows  # A4
    texts = [ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in range(1, 5)]
    assert "填表人：" in texts and "權分合計" in texts
    review = wb["未達目標值之關鍵策略目標檢討"]  # on its own sheet, protected, its rows open
    assert review.protection.sheet and review.cell(2, 1).value == "策略績效目標" and review.print_title_rows
    assert review.cell(2, 1).protection.locked is not False and review.cell(3, 4).protection.locked is False


@pytest.mark.parametrize("by", ["openpyxl", "libreoffice"])
@pytest.mark.parametrize("unmet", [False, True])
def test_prefilled_form_filled_by_a_clerk_validates(prefilled, by, unmet, tmp_path):
    """The clerk types the actuals and what was done (one target unmet, with its reason in the
    review table): the report validates with no error and imports with the plan's indicators and
    the actuals as typed."""
    ws = openpyxl.load_workbook(prefilled).worksheets[0]
    top, cols = header_row(ws)
    cells = []
    actuals = {}
    for r in range(top + 1, top + 1 + len(INDICATORS)):
        name = ws.cell(r, cols["績效指標"]).value
        goal, _, _, _, _, actual, _ = next(x for x in INDICATORS if x[1] == name)
        if name == "民眾滿意度":  # typed as a percentage: the formula computes 達成度
            actual = [0.81, "percent"] if unmet else [0.92, "percent"]
        actuals[name] = actual
        cells += [[0, r, cols["達成目標值"], actual], [0, r, cols["達成情形"], "依計畫辦理"]]
    if unmet:
        cells += review_cells(prefilled)
    for r in range(top, ws.max_row + 1):
        if ws.cell(r, 1).value == "填表人：":
            cells += [[0, r, 1, "填表人：林小姐"]]
    filled = tmp_path / "filled.xlsx"
    if by == "openpyxl":
        wb = openpyxl.load_workbook(prefilled)
        for sheet, r, c, v in cells:
            wb.worksheets[sheet].cell(r, c, v[0] if isinstance(v, list) else v)
        wb.save(filled)
    else:
        lo_type(prefilled, filled, cells)
    code, result = findings(filled)
    got = result["files"][0]["findings"]
    assert code == 0 and [f for f in got if f["severity"] == "error"] == [], got
    assert any(f["code"] == "unmet-target" and f.get("indicator") == "民眾滿意度" for f in got) == unmet
    model = json.loads(jixiao("import", "-q", str(filled)).stdout)
    inds = [i for f in model["facets"] for g in f["goals"] for i in g["indicators"]]
    assert [i["name"] for i in inds] == [n for _, n, *_ in INDICATORS]
    assert [i["weight"] for i in inds] == [w for *_, w in INDICATORS]
    assert inds[0]["actual"]["text"] == "12 場"
    assert inds[3]["actual"]["text"].startswith("81" if unmet else "92")  # 「92%」, or 「92.00%」 as Calc shows it
    if by == "libreoffice":  # computed by the formula, the rule's value
        assert inds[3]["achievement"] == pytest.approx(0.9 if unmet else 1.0)
    assert any(s["role"] == "填表人" and s["value"] == "林小姐" for s in model.get("signatures", []))
    assert not model.get("prose")


def test_prefilled_totals_and_total_score_computed_by_libreoffice(tmp_path):
    """A plan of two facets typed from a blank sheet (numbers as numbers, 90% as a percentage), a
    report pre-filled from it, the actuals typed in LibreOffice: each facet's 權分合計 and the 總分
    are the sums worked out by hand, and Jixiao agrees with every one."""
    plan = tmp_path / "plan.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "115年度施政計畫"
    rows = [
        ["新竹縣政府民政處 115 年度施政計畫"],
        ["一、業務面（60%）"],
        ["關鍵策略目標", "績效指標", "衡量標準", "原定目標值", "權重"],
        ["推動社區營造", "社區培力課程場次", "辦理場次", 12, 0.3],
        ["推動社區營造", "社區參與人次", "參與人次", 600, 0.3],
        ["二、共同面（40%）"],
        ["關鍵策略目標", "績效指標", "衡量標準", "原定目標值", "權重"],
        ["提升為民服務", "民眾滿意度", "問卷調查滿意比率", 0.9, 0.2],
        ["提升為民服務", "線上申辦比率", "線上申辦件數÷總件數", 0.5, 0.2],
    ]
    for r, values in enumerate(rows, 1):
        for c, v in enumerate(values, 1):
            ws.cell(r, c, v)
            if c == 5 and isinstance(v, float) or (c == 4 and isinstance(v, float)):
                ws.cell(r, c).number_format = "0%"
    wb.save(plan)
    form, filled = tmp_path / "form.xlsx", tmp_path / "filled.xlsx"
    jixiao("template", "new", "performance-report", "--from", str(plan), "--year", "115", "-o", str(form))
    sheet = openpyxl.load_workbook(form).worksheets[0]
    # Actuals: 12 of 12 (100%), 540 of 600 (90%), 81% of 90% (90%), 55% of 50% (100%, capped).
    actuals = {"社區培力課程場次": 12, "社區參與人次": 540, "民眾滿意度": [0.81, "percent"], "線上申辦比率": [0.55, "percent"]}
    cells, cols = [], {}
    for r in range(1, sheet.max_row + 1):
        texts = {sheet.cell(r, c).value: c for c in range(1, sheet.max_column + 1) if sheet.cell(r, c).value}
        if "達成目標值" in texts:
            cols = texts
        name = sheet.cell(r, cols["績效指標"] if "績效指標" in cols else cols.get("共同性指標", 2)).value if cols else None
        if name in actuals:
            cells.append([0, r, cols["達成目標值"], actuals[name]])
    assert len(cells) == 4
    lo_type(form, filled, cells)
    ws = openpyxl.load_workbook(filled, data_only=True).worksheets[0]
    totals = [(ws.cell(r, 1).value, ws.cell(r, cols["項目權分"]).value) for r in range(1, ws.max_row + 1)
              if ws.cell(r, 1).value in ("權分合計", "總分")]
    # 業務面 30 × 100% + 30 × 90% = 57; 共同面 20 × 90% + 20 × 100% = 38; 總分 95.
    assert [t for t, _ in totals] == ["權分合計", "權分合計", "總分"]
    assert [v for _, v in totals] == [pytest.approx(57), pytest.approx(38), pytest.approx(95)]
    _, result = findings(filled)
    wrong = [f for f in result["files"][0]["findings"]
             if f["code"] in ("achievement-mismatch", "points-mismatch", "score-mismatch", "weight-sum-mismatch")]
    assert wrong == [], wrong
    model = json.loads(jixiao("import", "-q", str(filled)).stdout)
    assert [f.get("statedTotal") for f in model["facets"]] == [pytest.approx(57), pytest.approx(38)]
    assert any(s["name"] == "總分" and s["value"] == pytest.approx(95) for s in model.get("statedScores", []))
