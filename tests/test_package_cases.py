"""Packages people send that the reader must read, or read in part and say so (issue #19): a sheet
damaged in one row or in its compressed data, XML parts in UTF-16, 60,000 zip entries, shared
strings that inflate to a gigabyte. The fixtures come from scripts/fixtures/files_cases.py (made
blind from the issue, by openpyxl and xlsxwriter with byte-level edits); the expected cells are the
ones its author put in (Tests/Fixtures/files/expected.json), never a reading by Jixiao."""

import json
import os
import sys

import pytest

from conftest import FIXTURES, ROOT, jixiao, run_measured

sys.path.insert(0, os.path.join(ROOT, "scripts", "fixtures"))
import files_cases  # noqa: E402

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")

FILES = os.path.join(FIXTURES, "files")
EXPECTED = json.load(open(os.path.join(FILES, "expected.json"), encoding="utf-8"))


def cells_of(stdout):
    """{sheet: {ref: value}} from `jixiao cells` output; dates as their ISO day."""
    out = {}
    for line in stdout.splitlines():
        c = json.loads(line)
        v = c["value"]
        if c["type"] in ("date", "datetime"):
            v = v[:10]
        out.setdefault(c["sheet"], {})[c["ref"]] = v
    return out


def row_of(ref):
    return int("".join(ch for ch in ref if ch.isdigit()))


def peak_memory(args):
    """(exit code, stderr, peak resident memory in MiB) of jixiao run with `args`."""
    p, _, mib = run_measured(*args)
    return p.returncode, p.stderr, mib


@pytest.mark.parametrize("name", ["damaged_one_sheet.xlsx", "damaged_sheet_data.xlsx"])
def test_a_damaged_sheet_is_read_up_to_its_damage_and_the_others_in_full(name):
    facts = EXPECTED[name]
    damaged = facts["damaged"]
    path = os.path.join(FILES, name)
    p = jixiao("cells", path, check=False)
    assert p.returncode == 1, p.stderr
    read = cells_of(p.stdout)
    for sheet in facts["sheets"]:
        if sheet["name"] == damaged["sheet"]:
            # Rows before the damaged one are whole; the damaged row and what follows are not read.
            before = {r: v for r, v in sheet["cells"].items() if damaged["row"] and row_of(r) < damaged["row"]}
            assert read.get(sheet["name"], {}) == before
        else:
            assert read[sheet["name"]] == sheet["cells"]
    assert f"sheet '{damaged['sheet']}'" in p.stderr and damaged["part"] in p.stderr
    strict = jixiao("cells", path, "--strict", check=False)
    assert strict.returncode == 2 and strict.stdout == "" and damaged["part"] in strict.stderr


def test_validate_and_merge_say_which_sheet_is_damaged(tmp_path):
    path = os.path.join(FILES, "damaged_one_sheet.xlsx")
    v = jixiao("validate", path, "--format", "json", "--lang", "zh-TW", check=False)
    assert v.returncode == 1
    findings = [f for r in json.loads(v.stdout)["files"] for f in r["findings"]]
    damaged = [f for f in findings if f["code"] == "damaged-sheet"]
    assert len(damaged) == 1 and damaged[0]["severity"] == "error" and damaged[0]["sheet"] == "財務面"
    assert "第 3 列" in damaged[0]["message"]
    m = jixiao("merge", path, "-o", str(tmp_path / "m.xlsx"), "--json", str(tmp_path / "m.json"), check=False)
    assert m.returncode == 1 and "財務面" in m.stderr and "damaged" in m.stderr
    merged = json.load(open(tmp_path / "m.json", encoding="utf-8"))
    assert merged["counts"]["merged"] == 1
    assert [f["sheet"] for f in merged["findings"] if f["code"] == "damaged-sheet"] == ["財務面"]


@pytest.mark.parametrize("name", ["utf16le_parts.xlsx", "utf16be_parts.xlsx", "utf16_no_bom_declared.xlsx"])
def test_utf16_parts_read_as_the_utf8_original(name):
    facts = EXPECTED[name]
    p = jixiao("cells", os.path.join(FILES, name))
    assert cells_of(p.stdout) == {s["name"]: s["cells"] for s in facts["sheets"]}


def test_sixty_thousand_entries_are_read(tmp_path):
    path = tmp_path / "many.xlsx"
    facts = files_cases.many_entries(str(path))
    assert facts["entries"] == 60_000
    code, err, mib = peak_memory(["cells", str(path)])
    assert code == 0, err
    assert cells_of(jixiao("cells", str(path)).stdout) == {facts["sheet"]: facts["cells"]}
    assert mib < 150, f"{mib:.0f} MiB"
    # The count still bounds the memory the directory takes, and says how to raise it.
    p = jixiao("cells", str(path), "--max-entries", "50000", check=False)
    assert p.returncode == 2 and "--max-entries" in p.stderr


def test_a_gigabyte_of_shared_strings_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.xlsx"
    facts = files_cases.huge_shared_strings(str(path))
    assert facts["inflated_bytes"] > 900_000_000 and os.path.getsize(path) < 8_000_000
    for command in ("inspect", "cells"):
        code, err, mib = peak_memory([command, str(path)])
        assert code == 2 and "xl/sharedStrings.xml" in err and "--max-shared-strings-size" in err, err
        assert mib < 300, f"{command}: {mib:.0f} MiB"
    # A merge of two such copies (it took 1.9 GiB and merged them) refuses both, one per core.
    twin = tmp_path / "huge copy.xlsx"
    os.link(path, twin)
    code, err, mib = peak_memory(["merge", str(path), str(twin), "-o", str(tmp_path / "m.xlsx"), "-q"])
    assert code == 2 and err.count("--max-shared-strings-size") == 2, err
    assert mib < 600, f"merge: {mib:.0f} MiB"
    # A smaller one of the same kind is read in full, and what it says agrees with its author.
    small = tmp_path / "small.xlsx"
    facts = files_cases.huge_shared_strings(str(small), inflated_bytes=20_000_000)
    assert cells_of(jixiao("cells", str(small)).stdout) == {facts["sheet"]: facts["cells"]}
