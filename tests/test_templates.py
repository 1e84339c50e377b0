"""End-to-end tests of import, export and template: the CLI's outputs, its errors, and the
exported forms through the real-client check (schemas, openpyxl, calamine, LibreOffice)."""

import csv
import json
import os

import openpyxl
import pytest

from conftest import FIXTURES, ROOT, jixiao
from helpers.check_written import check

SEEDS = os.path.join(FIXTURES, "seeds")


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_exported_forms_pass_real_clients(tmp_path, seed):
    model = tmp_path / "model.json"
    out = tmp_path / "form.xlsx"
    jixiao("import", "-q", os.path.join(SEEDS, f"seed_{seed}.xlsx"), "-o", str(model))
    jixiao("export", str(model), "-o", str(out))
    assert check(out) is None
    # The form is what a clerk expects: a merged title, a frozen header, A4 landscape.
    ws = openpyxl.load_workbook(out).active
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)
    assert ws.freeze_panes is not None
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9


def test_csv_has_one_row_per_indicator(tmp_path):
    model = tmp_path / "model.json"
    jixiao("import", "-q", os.path.join(SEEDS, "seed_004.xlsx"), "-o", str(model))
    jixiao("export", str(model), "-o", str(tmp_path / "ind.csv"))
    rows = list(csv.DictReader(open(tmp_path / "ind.csv", encoding="utf-8", newline="")))
    report = json.load(open(model, encoding="utf-8"))
    assert len(rows) == sum(len(g["indicators"]) for f in report["facets"] for g in f["goals"]) == 38
    assert rows[0]["facet"] == "核心業務面向" and rows[0]["agency"] == "嘉義市政府行政處"


def test_import_notes_go_to_stderr_and_unreadable_input_exits_2(tmp_path):
    p = jixiao("import", os.path.join(SEEDS, "seed_001.xlsx"), "-o", str(tmp_path / "m.json"))
    assert "continued-row" in p.stderr
    bad = jixiao("import", os.path.join(FIXTURES, "bad_truncated.xlsx"), check=False)
    assert bad.returncode == 2 and "bad_truncated.xlsx" in bad.stderr
    notmodel = tmp_path / "x.json"
    notmodel.write_text("{}")
    e = jixiao("export", str(notmodel), "-o", str(tmp_path / "x.xlsx"), check=False)
    assert e.returncode == 2 and "不是 Jixiao 的模型檔" in e.stderr


def test_template_new_and_prefill(tmp_path):
    listing = jixiao("template", "list").stdout
    assert listing.splitlines()[0].startswith("annual-plan")
    jixiao("template", "new", "annual-plan", "-o", str(tmp_path / "blank.xlsx"))
    assert check(tmp_path / "blank.xlsx") is None
    out = tmp_path / "prefilled.xlsx"
    jixiao("template", "new", "performance-report", "--from", os.path.join(SEEDS, "seed_003.xlsx"),
           "--year", "107", "-o", str(out))
    model = json.loads(jixiao("import", "-q", str(out)).stdout)
    inds = [i for f in model["facets"] for g in f["goals"] for i in g["indicators"]]
    assert model["kind"] == "performance-report" and len(inds) == 15
    assert all(i.get("weight") and i.get("target") and not i.get("actual") for i in inds)


def test_mid_term_plan_rolled_forward_keeps_every_years_target(tmp_path):
    # Seed 002 (基隆市 111-114): 「落實資訊機房暨設備管理與維護」 targets 12次 in each of the four years.
    out = tmp_path / "rolled.xlsx"
    jixiao("template", "new", "mid-term-plan", "--from", os.path.join(SEEDS, "seed_002.xlsx"), "-o", str(out))
    assert check(out) is None
    ws = openpyxl.load_workbook(out).worksheets[0]
    top = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序號")
    years = [ws.cell(top + 1, c).value for c in range(1, ws.max_column + 1) if str(ws.cell(top + 1, c).value).isdigit()]
    assert years == ["111", "112", "113", "114"]
    row = next(r for r in range(top, ws.max_row + 1) if "落實資訊機房暨設備管理與維護" in str(ws.cell(r, 4).value))
    assert [ws.cell(row, c).value for c in range(1, ws.max_column + 1)].count("12次") == 4


def test_agency_template_renames_a_header(tmp_path):
    spec = json.loads(jixiao("template", "describe", "performance-report").stdout)
    for c in spec["columns"]:
        if c["field"] == "actual":
            c["header"] = "實際達成"
            c["synonyms"].append("實際達成")
    path = tmp_path / "agency.json"
    path.write_text(json.dumps(spec, ensure_ascii=False))
    model = tmp_path / "m.json"
    jixiao("import", "-q", os.path.join(SEEDS, "seed_001.xlsx"), "-o", str(model))
    out = tmp_path / "agency.xlsx"
    jixiao("export", str(model), "-o", str(out), "--template", str(path))
    headers = [c.value for c in openpyxl.load_workbook(out).active[4]]
    assert "實際達成" in headers
    again = json.loads(jixiao("import", "-q", str(out), "--template", str(path)).stdout)
    assert again["facets"][0]["goals"][0]["indicators"][0]["actual"]["text"] == "100%"


def test_examples_follow_the_published_schema():
    import glob

    import jsonschema
    root = ROOT
    schema = json.load(open(os.path.join(root, "docs", "report.schema.json"), encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    files = sorted(glob.glob(os.path.join(root, "Examples", "*.json")))
    assert len(files) == 5
    for f in files:
        errors = [e.message for e in validator.iter_errors(json.load(open(f, encoding="utf-8")))]
        assert errors == [], f


def test_a_form_not_yet_filled_shows_no_shortfall(tmp_path):
    """The report pre-filled from a plan had every 達成度 cell pink before anything was typed (a
    "below 100%" rule counts a blank as 0). Rendered by LibreOffice: no cell in the shortfall colour
    (FFC7CE); once a clerk types 80% in one (openpyxl, as a script would), that one is."""
    import subprocess
    import openpyxl
    from conftest import ppm_pixels
    form = tmp_path / "預填.xlsx"
    jixiao("template", "new", "performance-report", "--from", os.path.join(SEEDS, "seed_003.xlsx"),
           "--year", "107", "-o", str(form))

    def pink_pixels(path):
        profile = tmp_path / "lo"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(path)], capture_output=True, timeout=300, check=True)
        pdf = tmp_path / (path.stem + ".pdf")
        subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
        width, height, px = ppm_pixels(tmp_path / "page.ppm")
        return sum(1 for i in range(0, width * height * 3, 3) if (px[i], px[i + 1], px[i + 2]) == (0xFF, 0xC7, 0xCE))

    assert pink_pixels(form) == 0
    wb = openpyxl.load_workbook(form)
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows() if any(c.value and "達成度" in str(c.value) for c in r))
    column = next(c.column for c in header if c.value and "達成度" in str(c.value))
    ws.cell(row=header[0].row + 1, column=column).value = 0.8
    filled = tmp_path / "填寫.xlsx"
    wb.save(filled)
    assert pink_pixels(filled) > 20
