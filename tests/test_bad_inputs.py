"""Each kind of unreadable input gets exit code 2 and a message naming the file, the part and why.
A worksheet damaged in its own part costs only itself: the other sheets are read, with a warning and
exit code 1 (--strict refuses the workbook instead, exit code 2)."""

import json
import os

import pytest

from conftest import FIXTURES, jixiao

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")

CASES = [
    # fixture, extra arguments, words the message must contain
    ("bad_empty.xlsx", [], ["the file is empty"]),
    ("bad_text.xlsx", [], ["plain text", "CSV"]),
    ("bad_html.xlsx", [], ["HTML page"]),
    ("bad_legacy.xlsx", [], ["legacy Excel 97–2003 workbook (.xls"]),
    ("bad_encrypted.xlsx", [], ["encrypted", "password"]),
    ("bad_ods.xlsx", [], ["OpenDocument spreadsheet (.ods)"]),
    ("bad_docx.xlsx", [], ["Word document (.docx)"]),
    ("bad_plain_zip.xlsx", [], ["not an Office Open XML package"]),
    ("bad_no_content_types.xlsx", [], ["[Content_Types].xml"]),
    ("bad_truncated.xlsx", [], ["truncated or corrupt"]),
    ("bad_corrupt.xlsx", ["--strict"], ["part xl/worksheets/sheet1.xml", "cannot be inflated"]),
    ("bad_missing_sheet.xlsx", ["--strict"], ["xl/worksheets/sheet1.xml", "missing"]),
    ("bad_malformed.xlsx", ["--strict"], ["part xl/worksheets/sheet1.xml", "line 2", "</rows> does not match <row>"]),
    ("bad_dtd.xlsx", [], ["part xl/sharedStrings.xml", "line 2", "DTD"]),
    ("bad_sst_index.xlsx", ["--strict"], ["sheet '業務面'", "cell B2", "shared string index '99999' is out of range"]),
    ("bad_bomb.xlsx", ["--max-part-size", "16"], ["part xl/worksheets/sheet1.xml", "limit of 16777216", "--max-part-size"]),
]


@pytest.mark.parametrize("name,args,words", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["cells", "inspect"])
def test_unreadable_input_exits_2_with_a_clear_message(name, args, words, command):
    path = os.path.join(FIXTURES, name)
    p = jixiao(command, path, *args, check=False)
    assert p.returncode == 2, p.stderr
    assert p.stdout == ""
    message = p.stderr.strip()
    assert message.startswith("jixiao: error: " + path), message
    for w in words:
        assert w in message, f"{w!r} not in {message!r}"
    assert "Fatal error" not in p.stderr and "Traceback" not in p.stderr


# fixture (each derived from xlsxwriter_types.xlsx, whose first sheet 業務面 is damaged), the last
# row of 業務面 read before the damage, words of the warning
DAMAGED_SHEET = [
    ("bad_corrupt.xlsx", 0, "cannot be inflated"),
    ("bad_missing_sheet.xlsx", 0, "missing"),
    ("bad_malformed.xlsx", 0, "</rows> does not match <row>"),
    ("bad_sst_index.xlsx", 1, "shared string index '99999' is out of range"),
]


@pytest.mark.parametrize("name,last_row,words", DAMAGED_SHEET, ids=[c[0] for c in DAMAGED_SHEET])
def test_a_damaged_sheet_costs_only_itself(name, last_row, words):
    whole = [json.loads(l) for l in jixiao("cells", os.path.join(FIXTURES, "xlsxwriter_types.xlsx")).stdout.splitlines()]
    path = os.path.join(FIXTURES, name)
    p = jixiao("cells", path, check=False)
    assert p.returncode == 1, p.stderr
    read = [json.loads(l) for l in p.stdout.splitlines()]
    expected = [c for c in whole if c["sheet"] != "業務面" or c["row"] <= last_row]
    assert read == expected
    assert len({c["sheet"] for c in read}) >= 2
    warning = p.stderr.strip()
    assert warning.startswith("jixiao: warning: " + path + ", part xl/worksheets/sheet1.xml"), warning
    assert words in warning and "--strict" in warning
    assert ("rows up to %d were read" % last_row if last_row else "no row of the sheet could be read") in warning


def test_bomb_is_refused_even_when_its_header_is_not_checked(tmp_path):
    """A part that declares a small size but inflates beyond the limit is stopped while reading."""
    import zipfile
    src = os.path.join(FIXTURES, "bad_bomb.xlsx")
    # Patch the declared uncompressed size in both headers to 1 KiB.
    data = bytearray(open(src, "rb").read())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (1024).to_bytes(4, "little")
    count = 0
    i = data.find(real)
    while i >= 0:
        data[i:i + 4] = fake
        count += 1
        i = data.find(real, i + 4)
    assert count >= 2
    lying = tmp_path / "lying.xlsx"
    lying.write_bytes(bytes(data))
    p = jixiao("cells", str(lying), "--max-part-size", "16", check=False)
    assert p.returncode == 2
    assert "xl/worksheets/sheet1.xml" in p.stderr
    assert "inflates past the limit of 16777216 bytes" in p.stderr, p.stderr


def test_missing_file():
    p = jixiao("cells", "/nonexistent/plan.xlsx", check=False)
    assert p.returncode == 2
    assert "/nonexistent/plan.xlsx" in p.stderr and "no such file" in p.stderr.lower()


def test_unknown_sheet_names_the_sheets():
    p = jixiao("cells", os.path.join(FIXTURES, "xlsxwriter_types.xlsx"), "--sheet", "沒有", check=False)
    assert p.returncode == 2
    assert "no sheet named '沒有'" in p.stderr and "'業務面'" in p.stderr
