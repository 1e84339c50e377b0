"""Hostile and absurd inputs (issue #8), each made here from a real openpyxl workbook: the reader
must refuse or read them with a clear message, quickly, and within a memory bound measured on the
child process (resource.getrusage, no extra tools needed)."""

import io
import os
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest

from conftest import binary

MEMORY_BOUND_MB = 200  # peak resident size of jixiao on any of these files


def base_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "業務面"
    ws["A1"] = "績效指標"
    ws["B1"] = 0.85
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)


# A fresh Python whose only child is jixiao reports that child's peak resident size, so that
# other tests' children (LibreOffice) do not count.
MEASURE = ("import resource, subprocess, sys\n"
           "p = subprocess.run(sys.argv[1:])\n"
           "sys.stderr.write('\\nMAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
           "sys.exit(p.returncode)\n")


def run_measured(*args):
    """Runs jixiao; returns (CompletedProcess with the measurement removed, seconds, peak MB)."""
    t = time.monotonic()
    p = subprocess.run([sys.executable, "-c", MEASURE, binary(), *args], capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - t
    err, _, last = p.stderr.rpartition("\nMAXRSS ")
    p.stderr = err
    return p, seconds, int(last.strip() or 0) / 1024


def replace(entries, name, data):
    return [(n, data if n == name else d) for n, d in entries]


def test_external_entity_is_refused_and_nothing_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    sheet = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://%s">]>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>' % secret)
    path = tmp_path / "xxe.xlsx"
    write(path, replace(base_workbook(), "xl/worksheets/sheet1.xml", sheet.encode()))
    p, _, peak = run_measured("cells", str(path))
    assert p.returncode == 2
    assert "DTD" in p.stderr or "DOCTYPE" in p.stderr
    assert "TOP-SECRET" not in p.stdout + p.stderr
    assert peak < MEMORY_BOUND_MB


def test_tens_of_thousands_of_entries_are_refused_by_the_limit_and_read_when_raised(tmp_path):
    entries = base_workbook() + [(f"junk/{i}.bin", b"") for i in range(30_000)]
    path = tmp_path / "many.xlsx"
    write(path, entries)
    p, seconds, peak = run_measured("inspect", str(path))
    assert p.returncode == 2 and "--max-entries" in p.stderr
    p, seconds, peak = run_measured("inspect", str(path), "--max-entries", "40000")
    assert p.returncode == 0, p.stderr
    assert seconds < 20 and peak < MEMORY_BOUND_MB


def test_relationships_pointing_nowhere_are_named(tmp_path):
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="worksheets/nowhere.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
            ' Target="../xl/../xl/styles.xml"/></Relationships>')
    path = tmp_path / "nowhere.xlsx"
    write(path, replace(base_workbook(), "xl/_rels/workbook.xml.rels", rels.encode()))
    p, _, _ = run_measured("cells", str(path))
    assert p.returncode == 2 and "nowhere.xml" in p.stderr


def test_relationship_cycle_does_not_loop(tmp_path):
    # The workbook's relationships name the workbook itself as a worksheet.
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="workbook.xml"/></Relationships>')
    path = tmp_path / "cycle.xlsx"
    write(path, replace(base_workbook(), "xl/_rels/workbook.xml.rels", rels.encode()))
    p, seconds, _ = run_measured("cells", str(path))
    assert p.returncode in (0, 2) and seconds < 10
    if p.returncode == 2:
        assert "cycle.xlsx" in p.stderr


def test_a_million_empty_rows_and_a_huge_dimension_read_quickly(tmp_path):
    rows = "".join(f'<row r="{r}"/>' for r in range(1, 1_000_001))
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<dimension ref="A1:XFD1048576"/><sheetData>' + rows +
             '<row r="1000001"><c r="B1000001"><v>42</v></c></row></sheetData></worksheet>')
    path = tmp_path / "empty_rows.xlsx"
    write(path, replace(base_workbook(), "xl/worksheets/sheet1.xml", sheet.encode()))
    p, seconds, peak = run_measured("cells", str(path))
    assert p.returncode == 0, p.stderr
    assert '"ref":"B1000001"' in p.stdout and p.stdout.count("\n") == 1
    assert seconds < 20 and peak < MEMORY_BOUND_MB


@pytest.mark.parametrize("ref", ["XFE1", "A1048577", "A0", "1A"])
def test_cell_references_beyond_the_grid_are_named(tmp_path, ref):
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData><row r="1"><c r="{ref}"><v>1</v></c></row></sheetData></worksheet>')
    path = tmp_path / "grid.xlsx"
    write(path, replace(base_workbook(), "xl/worksheets/sheet1.xml", sheet.encode()))
    p, _, _ = run_measured("cells", str(path))
    assert p.returncode == 2 and "grid.xlsx" in p.stderr


def test_deep_nesting_is_refused_by_the_depth_limit(tmp_path):
    depth = 100_000
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is>' + "<r>" * depth + "</r>" * depth +
             '</is></c></row></sheetData></worksheet>')
    path = tmp_path / "deep.xlsx"
    write(path, replace(base_workbook(), "xl/worksheets/sheet1.xml", sheet.encode()))
    p, seconds, peak = run_measured("cells", str(path))
    assert p.returncode == 2 and "--max-depth" in p.stderr
    assert seconds < 10 and peak < MEMORY_BOUND_MB
