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

from conftest import run_measured, binary

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")

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


def write(path, entries, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in entries:
            z.writestr(name, data)


def replace(entries, name, data):
    return [(n, data if n == name else d) for n, d in entries]


def write_sheet(path, sheet_xml):
    """The base workbook with its sheet part replaced by `sheet_xml`."""
    write(path, replace(base_workbook(), "xl/worksheets/sheet1.xml", sheet_xml.encode()))


def test_external_entity_is_refused_and_nothing_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    sheet = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://%s">]>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>' % secret)
    path = tmp_path / "xxe.xlsx"
    write_sheet(path, sheet)
    p, _, peak = run_measured("cells", str(path))
    assert p.returncode == 2
    assert "DTD" in p.stderr or "DOCTYPE" in p.stderr
    assert "TOP-SECRET" not in p.stdout + p.stderr
    assert peak < MEMORY_BOUND_MB


def test_tens_of_thousands_of_entries_are_read_and_refused_by_a_lower_limit(tmp_path):
    entries = base_workbook() + [(f"junk/{i}.bin", b"") for i in range(30_000)]
    path = tmp_path / "many.xlsx"
    write(path, entries)
    p, seconds, peak = run_measured("inspect", str(path))
    assert p.returncode == 0, p.stderr
    assert seconds < 20 and peak < MEMORY_BOUND_MB
    p, seconds, peak = run_measured("inspect", str(path), "--max-entries", "20000")
    assert p.returncode == 2 and "--max-entries" in p.stderr


def test_relationships_pointing_nowhere_are_named(tmp_path):
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="worksheets/nowhere.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
            ' Target="../xl/../xl/styles.xml"/></Relationships>')
    path = tmp_path / "nowhere.xlsx"
    write(path, replace(base_workbook(), "xl/_rels/workbook.xml.rels", rels.encode()))
    p, _, peak = run_measured("cells", str(path))
    assert p.returncode == 1 and "nowhere.xml" in p.stderr and "warning" in p.stderr  # that sheet is missing
    assert peak < MEMORY_BOUND_MB
    p, _, peak = run_measured("cells", str(path), "--strict")
    assert p.returncode == 2 and "nowhere.xml" in p.stderr


def test_relationship_cycle_does_not_loop(tmp_path):
    # The workbook's relationships name the workbook itself as a worksheet.
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
            ' Target="workbook.xml"/></Relationships>')
    path = tmp_path / "cycle.xlsx"
    write(path, replace(base_workbook(), "xl/_rels/workbook.xml.rels", rels.encode()))
    p, seconds, peak = run_measured("cells", str(path))
    assert p.returncode in (0, 1, 2) and seconds < 10 and peak < MEMORY_BOUND_MB
    if p.returncode == 2:
        assert "cycle.xlsx" in p.stderr


def test_a_million_empty_rows_and_a_huge_dimension_read_quickly(tmp_path):
    rows = "".join(f'<row r="{r}"/>' for r in range(1, 1_000_001))
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<dimension ref="A1:XFD1048576"/><sheetData>' + rows +
             '<row r="1000001"><c r="B1000001"><v>42</v></c></row></sheetData></worksheet>')
    path = tmp_path / "empty_rows.xlsx"
    write_sheet(path, sheet)
    p, seconds, peak = run_measured("cells", str(path))
    assert p.returncode == 0, p.stderr
    assert '"ref":"B1000001"' in p.stdout and p.stdout.count("\n") == 1
    assert seconds < 20 and peak < MEMORY_BOUND_MB


@pytest.mark.parametrize("ref", ["XFE1", "A1048577", "A0", "1A"])
def test_cell_references_beyond_the_grid_are_named(tmp_path, ref):
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData><row r="1"><c r="{ref}"><v>1</v></c></row></sheetData></worksheet>')
    path = tmp_path / "grid.xlsx"
    write_sheet(path, sheet)
    p, _, peak = run_measured("cells", str(path))
    assert p.returncode == 1 and "grid.xlsx" in p.stderr and "A1 notation" in p.stderr
    assert peak < MEMORY_BOUND_MB
    p, _, peak = run_measured("cells", str(path), "--strict")
    assert p.returncode == 2 and "grid.xlsx" in p.stderr


def test_deep_nesting_is_refused_by_the_depth_limit(tmp_path):
    depth = 100_000
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is>' + "<r>" * depth + "</r>" * depth +
             '</is></c></row></sheetData></worksheet>')
    path = tmp_path / "deep.xlsx"
    write_sheet(path, sheet)
    p, seconds, peak = run_measured("cells", str(path))
    assert p.returncode == 2 and "--max-depth" in p.stderr
    assert seconds < 10 and peak < MEMORY_BOUND_MB


def inline_sheet(text):
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + text + '</t></is></c></row></sheetData></worksheet>')


def shared_sheet(index):
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData><row r="1"><c r="A1" t="s"><v>{index}</v></c></row></sheetData></worksheet>')


def with_shared_strings(entries, xml):
    """The base workbook with a shared-strings part (content type and relationship included)."""
    out = []
    for name, data in entries:
        if name == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        elif name == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        out.append((name, data))
    return out + [("xl/sharedStrings.xml", xml.encode())]


SST = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"%s>%s</sst>'


@pytest.mark.parametrize("where", ["inline", "shared"])
def test_text_longer_than_excel_allows_is_refused_and_read_when_raised(tmp_path, where):
    def make(name, n):
        text = "字" * (n - 1) + "😀"  # the emoji counts twice, as in Excel (UTF-16)
        if where == "inline":
            entries = replace(base_workbook(), "xl/worksheets/sheet1.xml", inline_sheet(text).encode())
        else:
            entries = with_shared_strings(replace(base_workbook(), "xl/worksheets/sheet1.xml", shared_sheet(0).encode()),
                                          SST % ("", "<si><t>%s</t></si>" % text))
        path = tmp_path / name
        write(path, entries)
        return path
    at_limit = make("at.xlsx", 32_766)  # 32,765 + 2 = 32,767 characters as Excel counts
    p, _, peak = run_measured("cells", str(at_limit))
    assert p.returncode == 0, p.stderr
    assert peak < MEMORY_BOUND_MB
    over = make("over.xlsx", 32_767)  # 32,768
    p, _, peak = run_measured("cells", str(over))
    assert p.returncode == 2
    assert "32768 characters" in p.stderr and "--max-text-length" in p.stderr and "over.xlsx" in p.stderr
    assert peak < MEMORY_BOUND_MB
    p, _, _ = run_measured("cells", str(over), "--max-text-length", "40000")
    assert p.returncode == 0, p.stderr


def test_a_huge_text_is_stopped_while_it_is_read(tmp_path):
    """Tens of megabytes in one cell are refused before they are all held."""
    path = tmp_path / "huge_text.xlsx"
    write_sheet(path, inline_sheet("x" * 50_000_000))
    p, seconds, peak = run_measured("cells", str(path))
    assert p.returncode == 2 and "--max-text-length" in p.stderr
    assert seconds < 20 and peak < MEMORY_BOUND_MB


def test_shared_string_count_limit_and_a_lying_count(tmp_path):
    strings = "".join(f"<si><t>s{i}</t></si>" for i in range(5_000))
    path = tmp_path / "sst.xlsx"
    # uniqueCount claims four billion strings: only a hint, nothing is reserved for it.
    write(path, with_shared_strings(replace(base_workbook(), "xl/worksheets/sheet1.xml", shared_sheet(4_999).encode()),
                                    SST % (' count="4000000000" uniqueCount="4000000000"', strings)))
    p, _, peak = run_measured("cells", str(path))
    assert p.returncode == 0, p.stderr
    assert '"value":"s4999"' in p.stdout and peak < MEMORY_BOUND_MB
    p, _, _ = run_measured("cells", str(path), "--max-shared-strings", "1000")
    assert p.returncode == 2
    assert "more than 1000 shared strings" in p.stderr and "--max-shared-strings" in p.stderr


def test_file_size_limit(tmp_path):
    path = tmp_path / "size.xlsx"
    write(path, base_workbook())
    p, _, peak = run_measured("inspect", str(path), "--max-file-size", "0")
    assert p.returncode == 2 and "--max-file-size" in p.stderr and "size.xlsx" in p.stderr
    assert peak < MEMORY_BOUND_MB
    p, _, _ = run_measured("inspect", str(path))
    assert p.returncode == 0, p.stderr


def test_two_entries_of_one_name_are_refused(tmp_path):
    """A checker and Excel could each believe a different one of the two: the file is refused."""
    import warnings
    entries = base_workbook() + [("xl/worksheets/sheet1.xml", inline_sheet("the other one").encode())]
    path = tmp_path / "twice.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it is asked to write
        write(path, entries)
    p, _, peak = run_measured("cells", str(path))
    assert p.returncode == 2
    assert "two entries named xl/worksheets/sheet1.xml" in p.stderr and "the other one" not in p.stdout
    assert peak < MEMORY_BOUND_MB
    # The same name in another case is the same OPC part name.
    entries = base_workbook() + [("XL/Worksheets/Sheet1.xml", inline_sheet("x").encode())]
    write(path, entries)
    p, _, _ = run_measured("cells", str(path))
    assert p.returncode == 2 and "two entries named" in p.stderr


def test_a_compression_method_office_never_writes_is_named(tmp_path):
    path = tmp_path / "lzma.xlsx"
    write(path, base_workbook(), zipfile.ZIP_LZMA)
    p, _, peak = run_measured("cells", str(path))
    assert p.returncode == 2
    assert "LZMA (method 14)" in p.stderr and "lzma.xlsx" in p.stderr
    assert peak < MEMORY_BOUND_MB


def test_an_entity_expansion_bomb_is_refused_in_bounded_memory(tmp_path):
    levels = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    sheet = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "lol">' + levels + ']>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>')
    path = tmp_path / "laughs.xlsx"
    write_sheet(path, sheet)
    p, seconds, peak = run_measured("cells", str(path))
    assert p.returncode == 2 and "DTD" in p.stderr
    assert seconds < 10 and peak < MEMORY_BOUND_MB


def test_a_zip_bomb_with_lying_headers_is_stopped_in_bounded_memory(tmp_path):
    # A sheet of 1 GiB of blanks deflates to about 1 MB; then every header is made to claim 1 KiB.
    honest = tmp_path / "honest.xlsx"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in base_workbook():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
            f.write(b"</worksheet>")
    with zipfile.ZipFile(honest) as z:
        real = z.getinfo("xl/worksheets/sheet1.xml").file_size
    data = bytearray(honest.read_bytes())
    old, new = real.to_bytes(4, "little"), (1024).to_bytes(4, "little")
    assert data.count(old) >= 2
    data = data.replace(old, new)
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(bytes(data))
    for args in ([], ["--max-part-size", "64"]):
        p, seconds, peak = run_measured("cells", str(bomb), *args)
        # Whatever the limit, the sheet is read as a stream: refused (or read) in bounded memory.
        assert p.returncode == 2, p.stderr
        assert "xl/worksheets/sheet1.xml" in p.stderr
        assert seconds < 30 and peak < MEMORY_BOUND_MB
        assert ("--max-part-size" if args else "--max-token-size") in p.stderr
