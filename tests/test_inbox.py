"""An evaluation office's inbox, made blind by scripts/fixtures/inbox.py (edits of our own exported
form inside the zip, LibreOffice conversions; the expected facts written by hand in the script, from
what it put in, never by running Jixiao): 22 departments all started from one form and retitled only
in the visible title (the hidden properties still name the form's department), two resubmissions
(one a 修正版 with the older modification time), an .ods, an .xls, an encrypted workbook, a lock
file, a CSV, a text file, a PDF, a report of another year and a plan among the reports."""

import json
import os
import sys

import openpyxl
import pytest

from conftest import ROOT, jixiao

sys.path.insert(0, os.path.join(ROOT, "scripts", "fixtures"))
import inbox  # noqa: E402

REASONS = {"duplicate": ("duplicate", None), "lock-file": ("lock-file", None), "encrypted": ("encrypted", None),
           "not-a-spreadsheet": ("not-a-spreadsheet", None)}


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    base = tmp_path_factory.mktemp("inbox")
    folder = base / "收件匣"
    manifest = inbox.generate(str(folder))
    out, js = base / "彙整.xlsx", base / "彙整.json"
    p = jixiao("merge", str(folder), "-o", str(out), "--json", str(js), check=False)
    return {"manifest": manifest, "folder": folder, "out": out, "json": json.loads(js.read_text(encoding="utf-8")), "process": p}


def rel(office, path):
    return os.path.relpath(path, office["folder"])


def test_every_file_is_accounted_for(office):
    m, doc = office["manifest"], office["json"]
    assert doc["counts"]["inputs"] == m["files"]
    assert doc["counts"]["merged"] == m["merged"]
    assert doc["counts"]["inputs"] == doc["counts"]["merged"] + doc["counts"]["excluded"]
    left = {rel(office, e["file"]): e for e in doc["excluded"]}
    assert set(left) == set(m["excluded"])
    for path, reason in m["excluded"].items():
        code, _, fmt = reason.partition(":")
        assert left[path]["code"] == code, path
        assert left[path].get("format") == (fmt or None), path
    # Submissions that could not be merged make the exit code 1; the listing is in the workbook too.
    assert office["process"].returncode == 1
    sheet = {r[0] and rel(office, r[0]): r[1] for r in openpyxl.load_workbook(office["out"])["未納入檔案"].iter_rows(min_row=2, values_only=True)}
    assert sheet == {p: e["code"] for p, e in left.items()}


def test_resubmissions_keep_the_right_file(office):
    m, doc = office["manifest"], office["json"]
    merged_files = {rel(office, s["file"]) for s in doc["summary"]}
    for department, kept in m["kept"].items():
        assert kept in merged_files, department
    whys = {rel(office, f["file"]): f["details"].get("why") for f in doc["findings"] if f["code"] == "duplicate-submission"}
    assert {whys[k] for k in m["kept"].values()} == {"corrected-name", "modified-last"}


def test_every_department_once_by_its_visible_title(office):
    m, doc = office["manifest"], office["json"]
    groups = {}
    for s in doc["summary"]:
        groups.setdefault(f"{s['kind']} {' '.join(map(str, s['years']))}", []).append(s["agency"])
    assert {k: sorted(v) for k, v in groups.items()} == {k: sorted(v) for k, v in m["groups"].items()}
    # Each retitled form was noticed: its hidden properties name another department.
    mismatched = {rel(office, f["file"]) for f in doc["findings"] if f["code"] == "agency-mismatch"}
    assert len(mismatched) >= 20


def test_scores_and_unmet_as_worked_out_by_hand(office):
    m, doc = office["manifest"], office["json"]
    lines = {s["agency"]: s for s in doc["summary"] if s["kind"] == "performance-report" and s["years"] == [114]}
    wrong = []
    for agency, facts in m["departments"].items():
        s = lines[agency]
        assert rel(office, s["file"]) == facts["file"], agency
        for key in ("indicators", "unmet"):
            if key in facts and s[key] != facts[key]:
                wrong.append(f"{agency} {key}: {s[key]} != {facts[key]}")
        for key in ("computedScore", "statedScore"):
            if key in facts and abs(s.get(key, -1) - facts[key]) > 0.005:
                wrong.append(f"{agency} {key}: {s.get(key)} != {facts[key]}")
    assert not wrong, wrong
    # Ranked by computed score: the best first, equal scores sharing a rank.
    ranked = [s for s in doc["summary"] if s["agency"] in lines and s["kind"] == "performance-report" and s["years"] == [114]]
    scores = [s["computedScore"] for s in ranked]
    assert scores == sorted(scores, reverse=True) and ranked[0]["rank"] == 1
