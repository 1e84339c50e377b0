"""Damaged workbooks: every truncation at a 4 KiB boundary and thousands of random byte changes,
deflated parts included. jixiao must answer 0 (the damage missed what it reads), 1 with a warning (a
damaged sheet, the others read) or 2 with a message, never crash, hang or print a Swift fatal error."""

import io
import os
import random
import subprocess
import zipfile

import pytest

from conftest import FIXTURES, binary

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")

SOURCES = ["xlsxwriter_types.xlsx", "libreoffice_from_openpyxl.xlsx", "openpyxl_types.xlsx"]


def run_cells(path, *args):
    p = subprocess.run([binary(), "cells", str(path), *args], capture_output=True, timeout=60)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def assert_handled(code, err, what):
    assert code in (0, 1, 2), f"{what}: exit {code} (signal?) {err[-300:]}"
    assert "Fatal error" not in err and "Illegal instruction" not in err, f"{what}: {err[-300:]}"
    if code == 2:
        assert err.startswith("jixiao: error: "), f"{what}: {err[-300:]}"
    if code == 1:
        assert err.startswith("jixiao: warning: ") and ", sheet '" in err, f"{what}: {err[-300:]}"


@pytest.mark.parametrize("name", SOURCES)
def test_truncated_at_every_4k_boundary(name, tmp_path):
    data = open(os.path.join(FIXTURES, name), "rb").read()
    cut = tmp_path / "cut.xlsx"
    for end in list(range(0, len(data), 4096)) + [len(data) - 1, len(data) - 22]:
        cut.write_bytes(data[:end])
        code, err = run_cells(cut)
        assert code == 2, f"{name} cut at {end}: exit {code}"
        assert_handled(code, err, f"{name} cut at {end}")


@pytest.mark.parametrize("name", SOURCES)
def test_random_byte_changes_in_the_file(name, tmp_path):
    rng = random.Random(20251122)
    data = open(os.path.join(FIXTURES, name), "rb").read()
    bad = tmp_path / "bad.xlsx"
    for i in range(150):
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        bad.write_bytes(bytes(b))
        code, err = run_cells(bad)
        assert_handled(code, err, f"{name} mutation {i}")


XML_DAMAGE = [
    lambda s, r: s.replace(b"</", b"<", 1),
    lambda s, r: s[: r.randrange(1, len(s))],
    lambda s, r: s.replace(b'r="', b'r="' + str(r.choice(["XFE1", "A0", "1048577", "-1", "ZZZZ9"])).encode() + b"X", 1),
    lambda s, r: s.replace(b"<v>", b"<v>" + r.choice([b"1e999", b"NaN", b"--1", b"\xff\xfe", b"&#0;", b"&#xFFFFFF;"]), 1),
    lambda s, r: s.replace(b'"', b"'", 3),
    lambda s, r: s.replace(b't="s"', b't="' + r.choice([b"q", b"", b"inlineStr", b"d", b"e", b"b"]) + b'"', 2),
    lambda s, r: s.replace(b"<row", b"<row " * r.randint(1, 3), 1),
    lambda s, r: bytes(c if r.random() > 0.001 else r.randrange(256) for c in s),
    lambda s, r: s.replace(b"><", b">" + b"<a>" * 300 + b"<", 1),
    lambda s, r: s + b"<trailing/>",
]


@pytest.mark.parametrize("name", SOURCES)
def test_damaged_xml_inside_a_valid_zip(name, tmp_path):
    """The zip is sound; the XML parts inside it are broken in many ways."""
    rng = random.Random(7)
    with zipfile.ZipFile(os.path.join(FIXTURES, name)) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    targets = [n for n, _ in entries if n.endswith(".xml") or n.endswith(".rels")]
    bad = tmp_path / "bad.xlsx"
    refused = 0
    for i in range(200):
        victim = rng.choice(targets)
        damage = rng.choice(XML_DAMAGE)
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
            for n, d in entries:
                z.writestr(n, damage(d, rng) if n == victim else d)
        code, err = run_cells(bad)
        assert_handled(code, err, f"{name}: {victim} damaged ({i})")
        strict, strict_err = run_cells(bad, "--strict")
        assert_handled(strict, strict_err, f"{name}: {victim} damaged ({i}), --strict")
        assert strict == (2 if code == 1 else code), f"{name}: {victim} damaged ({i}): {code} but {strict} with --strict"
        refused += code != 0
    # Most damage is in parts the reader needs; it must notice it, not read on regardless.
    assert refused >= 50, f"only {refused} of 200 damaged workbooks noticed"
