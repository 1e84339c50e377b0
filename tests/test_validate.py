"""End-to-end tests of `jixiao validate`: exit codes, the JSON contract, languages, rules files,
--plan on workbooks, and the annotated copy as openpyxl and LibreOffice see it."""

import hashlib
import json
import os
import shutil
import subprocess

import openpyxl
import pytest

from conftest import FIXTURES, ROOT, jixiao
from helpers.check_written import check

SEEDS = os.path.join(FIXTURES, "seeds")
COLORS = {"error": "FFFFC7CE", "warning": "FFFFEB9C", "info": "FFDDEBF7"}


def seed(n, lo=False):
    return os.path.join(SEEDS, f"seed_{n}{'_lo' if lo else ''}.xlsx")


def validate_json(*args):
    p = jixiao("validate", "--format", "json", *args, check=False)
    return p.returncode, json.loads(p.stdout)


@pytest.mark.parametrize("n,code,errors", [("000", 0, 0), ("001", 1, 2), ("002", 0, 0), ("003", 0, 0), ("004", 1, 1)])
def test_exit_codes_and_counts(n, code, errors):
    rc, report = validate_json(seed(n))
    assert rc == code
    assert report["summary"]["errors"] == errors
    # The LibreOffice re-save of the same workbook gives the same findings (cells and codes).
    rc_lo, lo = validate_json(seed(n, lo=True))
    assert rc_lo == code
    strip = lambda r: [(f["code"], f["severity"], f["sheet"] if "sheet" in f else None, f.get("cell")) for f in r["files"][0]["findings"]]
    assert strip(lo) == strip(report)


def test_json_contract_several_files_and_unreadable(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    rc, report = validate_json(seed("001"), seed("004"), str(broken))
    assert rc == 2  # one file cannot be read: the others are still reported
    files = {os.path.basename(f["file"]): f for f in report["files"]}
    assert set(files) == {"seed_001.xlsx", "seed_004.xlsx", "broken.xlsx"}
    assert "error" in files["broken.xlsx"] and files["broken.xlsx"]["findings"] == []
    f001 = files["seed_001.xlsx"]
    assert f001["kind"] == "performance-report" and f001["agency"] == "新竹縣政府行政處"
    for f in f001["findings"]:
        assert set(f) >= {"code", "severity", "message", "details"}
        assert f["severity"] in ("error", "warning", "info")
    score = [f for f in f001["findings"] if f["code"] == "score-mismatch"]
    assert [(f["cell"], f["facet"], f["details"]["stated"]) for f in score] == [("D135", "業務面", 54.83), ("D152", "共同面", 39.05)]
    s = report["summary"]
    assert s["files"] == 3 and s["unreadable"] == 1
    assert s["errors"] == 3 and s["byCode"]["points-mismatch"] == 5


def test_text_output_languages_and_grouping():
    p = jixiao("validate", seed("004"), check=False)
    assert p.returncode == 1
    lines = p.stdout.splitlines()
    assert lines[0].startswith(seed("004")) and "嘉義市政府行政處" in lines[0]
    assert lines[1].strip() == "工作表 績效"
    assert any("A56" in l and "錯誤" in l and "[weight-sum-mismatch]" in l for l in lines)
    assert "\x1b[" not in p.stdout  # not a terminal: no colour
    en = jixiao("validate", "--lang", "en", seed("004"), check=False)
    assert "weighs 3% but its 2 indicators add up to 6%" in en.stdout
    assert "1 error, 7 warnings, 0 info" in en.stdout
    coloured = jixiao("validate", "--color", seed("004"), check=False)
    assert "\x1b[1;31m" in coloured.stdout


def test_rules_file(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"rules": {"weight-sum-mismatch": "warning", "points-mismatch": "off"}}))
    rc, report = validate_json("--rules", str(rules), seed("004"))
    assert rc == 0  # the only error was re-graded
    codes = [f["code"] for f in report["files"][0]["findings"]]
    assert "points-mismatch" not in codes and "weight-sum-mismatch" in codes
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rules": {"no-such-check": "off"}}))
    p = jixiao("validate", "--rules", str(bad), seed("004"), check=False)
    assert p.returncode == 2 and "no-such-check" in p.stderr


def test_plan_on_workbooks(tmp_path):
    # A report pre-filled from the 107 plan, its actuals filled in, one target lowered (20 團 → 15 團)
    # and one weight changed (5% → 4%, and 5% → 6% beside it), by openpyxl as a clerk would.
    report = tmp_path / "report.xlsx"
    jixiao("template", "new", "performance-report", "--from", seed("003"), "--year", "107", "-o", str(report))
    wb = openpyxl.load_workbook(report)
    ws = wb.active
    header = next(r for r in range(1, 20) if "績效指標" in [c.value for c in ws[r]])
    cols = {c.value: c.column for c in ws[header] if c.value}
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(r, 1).value == "未達目標值之關鍵策略目標檢討":
            break  # the review table the form leaves for the clerk
        name = str(ws.cell(r, cols["績效指標"]).value or "")
        if not name or name in ("績效指標", "共同性指標"):
            continue
        ws.cell(r, cols["達成目標值"]).value = ws.cell(r, cols["原定目標值"]).value
        if name.endswith("接待國際訪賓"):
            ws.cell(r, cols["原定目標值"]).value = "15 團"
            ws.cell(r, cols["權重"]).value = 0.04
        if name.endswith("推動與締盟城市之交流"):
            ws.cell(r, cols["權重"]).value = 0.06
    wb.save(report)
    rc, out = validate_json("--plan", seed("003"), str(report))
    found = {(f["code"], f["indicator"], f["severity"]) for f in out["files"][0]["findings"] if f["code"] in ("target-changed", "weight-changed")}
    assert found == {("target-changed", "接待國際訪賓", "error"), ("weight-changed", "接待國際訪賓", "warning"),
                     ("weight-changed", "推動與締盟城市之交流", "warning")}
    assert rc == 1


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.mark.parametrize("n", ["001", "004"])
def test_annotated_copy(tmp_path, n):
    src = tmp_path / f"seed_{n}.xlsx"
    shutil.copy(seed(n), src)
    before = sha(src)
    out = tmp_path / "annotated.xlsx"
    rc, report = validate_json("--annotate", str(out), str(src))
    assert sha(src) == before  # the input is untouched
    assert check(out) is None  # schemas, openpyxl, calamine, LibreOffice
    findings = report["files"][0]["findings"]
    wb = openpyxl.load_workbook(out)
    kind = report["files"][0]["kind"]
    evaluated = kind in ("performance-report", "quarterly-report")
    assert wb.sheetnames[-2:] == ["檢核結果", "評核結果"] if evaluated else wb.sheetnames[-1] == "檢核結果"
    if n == "001":
        # 業務面: 11 indicators at 100%, 55%: 55.00. 共同面: 40%, 客語認證 at 57.69 / 59.36 = 97.19% of
        # its 5%: 39.86. With 具體施政績效(5%) 2.67 as stated: 97.53 (the sheet says 96.55), 優等.
        # Lights: the 19 met green, 客語認證 (unmet, above 90%) yellow.
        ev = wb["評核結果"]
        head = [c.value for c in ev[1]]
        assert head[:8] == ["機關", "新竹縣政府行政處", "計算分數", 97.53, "填報分數", 96.55, "等第", "優等"]
        assert [c.value for c in ev[2]][:8] == ["綠燈", 19, "黃燈", 1, "紅燈", 0, "白燈", 0]
        rows = list(ev.iter_rows(min_row=5, values_only=True))
        assert len(rows) == 20
        hakka = next(r for r in rows if r[2] == "單位公務人員及聘僱人員客語認證完成率")
        assert hakka[6] == 97.19 and hakka[7] == "未達成" and hakka[8] == "黃燈"
        links = [c.hyperlink.location for c in ev["C"] if c.hyperlink]
        assert len(links) == 20 and all(l.startswith("'績效'!") for l in links)
        assert ev.page_setup.orientation == "landscape" and ev.sheet_properties.pageSetUpPr.fitToPage
        assert ev.print_title_rows == "$4:$4"
    ws = wb["績效"]
    located = [f for f in findings if f.get("cell")]
    assert located
    for f in located:
        cell = ws[f["cell"]]
        worst = max((g["severity"] for g in located if g["cell"] == f["cell"]), key=["info", "warning", "error"].index)
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == COLORS[worst], f["cell"]
        assert cell.comment is not None and f["message"] in cell.comment.text
        assert cell.value == openpyxl.load_workbook(src)["績效"][f["cell"]].value  # values untouched
    # Cells without findings keep their look.
    assert ws["B26"].fill.fill_type is None and ws["B26"].comment is None
    listing = wb["檢核結果"]
    rows = list(listing.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(findings)
    assert [r[1] for r in rows] == [f["code"] for f in findings]
    links = {c.coordinate: c.hyperlink.location for row in listing.iter_rows() for c in row if c.hyperlink}
    assert sorted(links.values()) == sorted(f"'績效'!{f['cell']}" for f in located)
    assert listing.freeze_panes == "A2"
    # It prints: A4 landscape, fitted to the width, its header on every page.
    assert listing.page_setup.orientation == "landscape" and listing.page_setup.paperSize == 9
    assert listing.sheet_properties.pageSetUpPr.fitToPage and listing.print_title_rows == "$1:$1"


def test_annotated_copy_of_a_libreoffice_file_opens_in_libreoffice(tmp_path):
    out = tmp_path / "annotated.xlsx"
    jixiao("validate", "--annotate", str(out), seed("001", lo=True), check=False)
    ws = openpyxl.load_workbook(out)["績效"]
    assert ws["D135"].fill.fgColor.rgb == COLORS["error"] and "54.83" in ws["D135"].comment.text
    conv = tmp_path / "csv"
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(conv), str(out)],
                   capture_output=True, timeout=300, check=True)
    assert "54.83" in (conv / "annotated.csv").read_text(encoding="utf-8", errors="replace")


def test_annotate_needs_one_workbook(tmp_path):
    p = jixiao("validate", "--annotate", str(tmp_path / "x.xlsx"), seed("001"), seed("004"), check=False)
    assert p.returncode == 2 and "只能用於一個輸入活頁簿" in p.stderr and "用法：" in p.stderr
    src = tmp_path / "seed_001.xlsx"
    shutil.copy(seed("001"), src)
    p = jixiao("validate", "--annotate", str(src), str(src), check=False)
    assert p.returncode == 2 and "覆寫" in p.stderr and sha(src) == sha(seed("001"))


def test_a_folder_is_validated_skipping_lock_and_hidden_files_with_a_line_each(tmp_path):
    """An office's folder as it is: a workbook open in Excel (its ~$ lock file beside it), a
    .DS_Store, a PDF. Before, validate exited 2 on the lock file and took no folder at all."""
    import glob
    import shutil
    examples = sorted(glob.glob(os.path.join(ROOT, "Examples", "*.xlsx")))[:2]
    folder = tmp_path / "收件"
    folder.mkdir()
    for e in examples:
        shutil.copy(e, folder)
    (folder / ("~$" + os.path.basename(examples[0]))).write_bytes(b"\x00" * 162)  # what Excel writes
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "說明.pdf").write_bytes(b"%PDF-1.4\n")
    alone = jixiao("validate", "--format", "json", *[str(folder / os.path.basename(e)) for e in examples], check=False)
    p = jixiao("validate", "--format", "json", str(folder), check=False)
    assert p.returncode == alone.returncode and p.returncode in (0, 1)
    assert [r["file"] for r in json.loads(p.stdout)["files"]] == [str(folder / os.path.basename(e)) for e in sorted(examples)]
    skipped = [l for l in p.stderr.splitlines() if "略過" in l]
    assert len(skipped) == 3, p.stderr
    for name in ("~$", ".DS_Store", "說明.pdf"):
        assert sum(name in l for l in skipped) == 1
    # A lock file given by name (validate *.xlsx picks it up) is skipped too, with its line.
    p = jixiao("validate", "--format", "json", *sorted(glob.glob(str(folder / "*.xlsx"))), check=False)
    assert p.returncode == alone.returncode and "~$" in p.stderr and "略過" in p.stderr


def test_every_finding_that_asks_something_says_what_to_do(tmp_path):
    import glob
    examples = sorted(glob.glob(os.path.join(ROOT, "Examples", "*.xlsx")))
    for lang, words in (("zh-TW", "請"), ("en", "")):
        p = jixiao("validate", "--format", "json", "--lang", lang, *examples, check=False)
        findings = [f for r in json.loads(p.stdout)["files"] for f in r["findings"]]
        asks = [f for f in findings if f["code"] not in ("unmet-target", "unplaced-cell", "agency-mismatch")]
        assert asks and all(words in f.get("hint", "") and f.get("hint") for f in asks), lang
        assert all("hint" not in f for f in findings if f["code"] == "unmet-target")
    text = jixiao("validate", examples[0], check=False).stdout
    assert "→ 建議：" in text
    copy = tmp_path / "檢核.xlsx"
    jixiao("validate", "--annotate", str(copy), examples[0], check=False)
    import openpyxl
    notes = [c.comment.text for ws in openpyxl.load_workbook(copy).worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert any("→ 建議：" in n for n in notes)
