"""Text inputs to `convert` (issue #19): JSON Lines decoded line by line (cell objects as `jixiao
cells` prints them, or rows of values), in memory that does not grow with the file, and text too
long for a cell of Excel refused with its line named, from CSV as from JSON Lines."""

import json
import os
import sys

import openpyxl

from conftest import ROOT, jixiao, run_measured

sys.path.insert(0, os.path.join(ROOT, "scripts", "fixtures"))
import files_cases  # noqa: E402
import pytest

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


def test_rows_of_values_become_a_sheet(tmp_path):
    src = tmp_path / "指標.jsonl"
    src.write_text('["績效指標", "目標值", "達成"]\n["法規研習場次", 2, true]\n\n[null, 0.5, "第二列"]\n', encoding="utf-8")
    out = tmp_path / "out.xlsx"
    jixiao("convert", str(src), "-o", str(out))
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.title == "指標"
    assert [[c.value for c in r] for r in ws.iter_rows()] == [
        ["績效指標", "目標值", "達成"], ["法規研習場次", 2, True], [None, 0.5, "第二列"]]


def test_cells_out_of_order_are_sorted(tmp_path):
    lines = [
        {"sheet": "B", "row": 2, "col": 1, "type": "string", "value": "b2"},
        {"sheet": "A", "row": 3, "col": 2, "type": "number", "value": 32},
        {"sheet": "A", "row": 1, "col": 1, "type": "string", "value": "a1"},
        {"sheet": "B", "row": 1, "col": 3, "type": "bool", "value": False},
        {"sheet": "A", "row": 3, "col": 1, "type": "date", "value": "2025-01-02"},
    ]
    src = tmp_path / "cells.jsonl"
    src.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    jixiao("convert", str(src), "-o", str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["B", "A"]
    assert wb["B"]["A2"].value == "b2" and wb["B"]["C1"].value is False
    assert wb["A"]["A1"].value == "a1" and wb["A"]["B3"].value == 32 and wb["A"]["A3"].value.isoformat().startswith("2025-01-02")


def test_a_line_of_the_other_form_or_not_json_is_named(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text('["a", 1]\n{"sheet":"S","row":1,"col":1,"type":"string","value":"x"}\n', encoding="utf-8")
    p = jixiao("convert", str(src), "-o", str(tmp_path / "o.xlsx"), check=False)
    assert p.returncode == 2 and "line 2" in p.stderr
    src.write_text('["a", 1]\n["b", {"nested": 1}]\n', encoding="utf-8")
    p = jixiao("convert", str(src), "-o", str(tmp_path / "o.xlsx"), check=False)
    assert p.returncode == 2 and "line 2" in p.stderr and not (tmp_path / "o.xlsx").exists()


def test_a_csv_field_too_long_for_a_cell_is_refused_naming_its_line(tmp_path):
    src = tmp_path / "long.csv"
    facts = files_cases.long_csv_field(str(src))
    out = tmp_path / "out.xlsx"
    p = jixiao("convert", str(src), "-o", str(out), check=False)
    assert p.returncode == 2, p.stderr
    assert f"line {facts['line']}" in p.stderr and "32767" in p.stderr and str(facts["length"]) in p.stderr
    assert not out.exists()
    # Just within the limit is written, and reads back whole.
    ok = tmp_path / "ok.csv"
    text = "指" * 32_767
    ok.write_text("a,b\n1," + text + "\n", encoding="utf-8")
    jixiao("convert", str(ok), "-o", str(out))
    assert openpyxl.load_workbook(out).worksheets[0]["B2"].value == text


def test_a_json_text_too_long_for_a_cell_is_refused_naming_its_line(tmp_path):
    src = tmp_path / "long.jsonl"
    src.write_text('["ok"]\n["' + "𠊎" * 20_000 + '"]\n', encoding="utf-8")  # 40,000 UTF-16 units
    p = jixiao("convert", str(src), "-o", str(tmp_path / "o.xlsx"), check=False)
    assert p.returncode == 2 and "line 2" in p.stderr and "40000 characters" in p.stderr


def test_three_million_values_of_json_lines_in_bounded_memory(tmp_path):
    src = tmp_path / "big.jsonl"
    facts = files_cases.json_lines(str(src))
    out = tmp_path / "big.xlsx"
    p, _, mib = run_measured("convert", str(src), "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert mib < 150, f"{mib:.0f} MiB"
    info = jixiao("inspect", str(out)).stdout
    assert f"{facts['lines']} rows" in info
