"""Every cell `jixiao cells` reads from the fixtures, compared with python-calamine's reading.

Deliberate differences (docs/READER.md):
- error cells: Jixiao keeps the error text (#DIV/0!, #N/A); calamine gives ''.
Everything else must match exactly: strings, numbers (bit for bit), booleans, dates, times and
durations (to the millisecond), and the set of non-empty cells.
"""

import datetime as dt
import json
import os
import subprocess

import pytest
import python_calamine

from conftest import FIXTURES, jixiao

GOOD = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".xlsx") and not f.startswith("bad_"))

# Fixtures calamine cannot open (it assumes part names instead of following relationships); their
# values are those of the file they were derived from, which calamine reads.
CALAMINE_READS_INSTEAD = {"quirk_absolute_targets.xlsx": "xlsxwriter_types.xlsx"}


def calamine_cells(path):
    """{(sheet, row, col): (type, value)} for every non-empty cell calamine reads."""
    wb = python_calamine.CalamineWorkbook.from_path(path)
    out = {}
    for name in wb.sheet_names:
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:  # chartsheets have no cells
            continue
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v == "" or v is None:
                    continue
                out[(name, r, c)] = normalise_calamine(v)
    return out


def normalise_calamine(v):
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, (int, float)):
        return ("number", float(v))
    if isinstance(v, str):
        return ("string", v)
    if isinstance(v, dt.datetime):
        return ("instant", (v.year, v.month, v.day, v.hour, v.minute, v.second, round(v.microsecond / 1000)))
    if isinstance(v, dt.date):
        return ("instant", (v.year, v.month, v.day, 0, 0, 0, 0))
    if isinstance(v, dt.time):
        return ("time", (v.hour, v.minute, v.second, round(v.microsecond / 1000)))
    if isinstance(v, dt.timedelta):
        return ("duration", round(v.total_seconds(), 3))
    raise AssertionError(f"unexpected calamine value {v!r}")


def parse_iso(text):
    date, _, time = text.partition("T")
    y, mo, d = (int(x) for x in date.split("-"))
    h = mi = s = ms = 0
    if time:
        hms, _, frac = time.partition(".")
        h, mi, s = (int(x) for x in hms.split(":"))
        ms = int(frac.ljust(3, "0")) if frac else 0
    return (y, mo, d, h, mi, s, ms)


def jixiao_cells(path):
    out = {}
    errors = {}
    for line in jixiao("cells", path).stdout.splitlines():
        o = json.loads(line)
        key = (o["sheet"], o["row"], o["col"])
        t, v = o["type"], o["value"]
        if t == "error":
            errors[key] = v
            continue
        if t == "string" and v == "":
            continue
        if t == "number":
            out[key] = ("number", float(v))
        elif t in ("date", "datetime"):
            out[key] = ("instant", parse_iso(v))
        elif t == "time":
            h, mi, s = (int(float(x)) for x in v.split(".")[0].split(":"))
            ms = int(v.split(".")[1].ljust(3, "0")) if "." in v else 0
            out[key] = ("time", (h, mi, s, ms))
        elif t == "duration":
            out[key] = ("duration", round(float(v), 3))
        else:
            out[key] = (t, v)
    return out, errors


@pytest.mark.parametrize("name", GOOD)
def test_every_cell_matches_calamine(name):
    path = os.path.join(FIXTURES, name)
    ours, errors = jixiao_cells(path)
    theirs = calamine_cells(os.path.join(FIXTURES, CALAMINE_READS_INSTEAD.get(name, name)))
    assert ours, f"{name}: no cells read"
    # Error cells: calamine reads them as empty; we keep their text.
    for key, text in errors.items():
        assert key not in theirs, f"{name} {key}: error {text} but calamine has {theirs[key]}"
        assert text.startswith("#"), f"{name} {key}: error text {text!r}"
    missing = sorted(set(theirs) - set(ours))
    extra = sorted(set(ours) - set(theirs))
    assert not missing, f"{name}: cells calamine reads and we do not: {missing[:10]}"
    assert not extra, f"{name}: cells we read and calamine does not: {[(k, ours[k]) for k in extra[:10]]}"
    diffs = [(k, ours[k], theirs[k]) for k in sorted(ours) if ours[k] != theirs[k]]
    assert not diffs, f"{name}: {len(diffs)} cells differ, e.g. {diffs[:5]}"
