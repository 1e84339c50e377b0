"""The accidents of an office's file system (issue #19): FIFOs named like workbooks, outputs that
are devices, a closed or full standard output, file modes, symbolic links to folders, one name
given for two outputs, a JSON Lines file with a lone surrogate. Each case hung, crashed or
silently did the wrong thing before."""

import json
import os
import shutil
import stat
import subprocess

import pytest

from conftest import FIXTURES, binary, jixiao

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")

GOOD = os.path.join(FIXTURES, "xlsxwriter_types.xlsx")


def run(*args, **kw):
    return subprocess.run([binary(), *args], capture_output=True, text=True, timeout=30, **kw)


def test_a_fifo_named_like_a_workbook_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "x.xlsx"
    os.mkfifo(fifo)
    p = run("cells", str(fifo))
    assert p.returncode == 2 and "FIFO" in p.stderr
    folder = tmp_path / "收件"
    folder.mkdir()
    os.mkfifo(folder / "pipe.xlsx")
    shutil.copy(GOOD, folder / "ok.xlsx")
    p = run("merge", str(folder), "-o", str(tmp_path / "out.xlsx"), "--json", str(tmp_path / "out.json"), "-q")
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert p.returncode == 1 and doc["counts"] == {"inputs": 2, "merged": 1, "excluded": 1, "indicators": doc["counts"]["indicators"]}
    assert doc["excluded"][0]["code"] == "unreadable" and "FIFO" in doc["excluded"][0]["reason"]


def test_an_output_that_is_a_device_is_never_replaced(tmp_path):
    link = tmp_path / "out.csv"
    os.symlink("/dev/null", link)
    for args in (["convert", GOOD, "-o", str(link)], ["merge", GOOD, "-o", str(tmp_path / "m.xlsx"), "--json", str(link)]):
        p = run(*args)
        assert p.returncode == 2 and "device" in p.stderr, args
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not (tmp_path / "m.xlsx").exists()  # the merge stopped before writing either output


def test_file_modes_follow_the_umask_and_an_existing_file_keeps_its_own(tmp_path):
    kept = tmp_path / "kept.csv"
    kept.write_text("old")
    os.chmod(kept, 0o600)
    jixiao("convert", GOOD, "-o", str(kept))
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600 and kept.read_text() != "old"
    new = tmp_path / "new.xlsx"
    subprocess.run(["sh", "-c", f"umask 027 && exec '{binary()}' convert '{GOOD}' -o '{new}'"], check=True, timeout=30)
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o640


@pytest.mark.parametrize("command", [["template", "describe", "performance-report"], ["validate", GOOD], ["inspect", GOOD],
                                     ["template", "list"]])
def test_a_closed_or_full_standard_output_is_an_error_not_a_crash(command):
    closed = subprocess.run([binary(), *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=30,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2 and "standard output" in closed.stderr and "Fatal error" not in closed.stderr
    with open("/dev/full", "w") as full:
        p = subprocess.run([binary(), *command], stdout=full, stderr=subprocess.PIPE, text=True, timeout=30)
    assert p.returncode == 2 and "No space left" in p.stderr


def test_a_lone_surrogate_in_json_lines_is_an_error_naming_the_line(tmp_path):
    src = tmp_path / "cells.jsonl"
    src.write_text('{"sheet":"S","row":1,"col":1,"type":"string","value":"ok"}\n'
                   '{"sheet":"S","row":2,"col":1,"type":"string","value":"\\ud800\\u0041"}\n')
    p = run("convert", str(src), "-o", str(tmp_path / "out.xlsx"))
    assert p.returncode == 2 and "line 2" in p.stderr and "Fatal" not in p.stderr and "overflow" not in p.stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_one_name_for_two_outputs_is_refused(tmp_path):
    out = tmp_path / "彙整.xlsx"
    p = run("merge", GOOD, "-o", str(out), "--json", str(tmp_path / "." / "彙整.xlsx"))
    assert p.returncode != 0 and "same file" in p.stderr and not out.exists()


def test_folders_through_symbolic_links_are_followed_once(tmp_path):
    real, top = tmp_path / "real", tmp_path / "top"
    real.mkdir()
    top.mkdir()
    shutil.copy(GOOD, real / "a.xlsx")
    shutil.copy(GOOD, top / "b.xlsx")
    os.symlink("../real", top / "linked")       # a linked subfolder
    os.symlink("..", real / "up")                # a link back up: no loop
    os.symlink("top", tmp_path / "收件")          # the folder given through a link
    js = tmp_path / "out.json"
    jixiao("merge", str(tmp_path / "收件"), "-o", str(tmp_path / "out.xlsx"), "--json", str(js), "-q", "--allow-failures", "--keep", "all")
    doc = json.loads(js.read_text(encoding="utf-8"))
    files = sorted(os.path.basename(s["file"]) for s in doc["summary"])
    assert files == ["a.xlsx", "b.xlsx"] and doc["counts"]["inputs"] == 2


def test_a_hidden_sheet_is_never_skipped_silently(tmp_path):
    """A hidden sheet is not read (docs/TEMPLATES.md); validate and merge both say so: a warning
    when it holds a table of indicators (29 of them here), information for a lookup list."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "績效"
    ws.append(["新竹縣政府民政處114年度施政績效報告"])
    ws.append(["施政目標", "績效指標", "目標值", "達成值", "權重"])
    ws.append(["強化為民服務", "講習場次", "10場", "12場", 1])
    old = wb.create_sheet("113年度")
    old.append(["施政目標", "績效指標", "目標值", "達成值", "權重"])
    for i in range(29):
        old.append(["舊目標", f"指標{i + 1}", "5場", "5場", 0.03])
    old.sheet_state = "hidden"
    lists = wb.create_sheet("選單")
    lists.append(["是"])
    lists.append(["否"])
    lists.sheet_state = "hidden"
    path = tmp_path / "民政處.xlsx"
    wb.save(path)  # openpyxl
    p = run("validate", "--format", "json", str(path))
    found = {(f["code"], f.get("sheet"), f["severity"]) for f in json.loads(p.stdout)["files"][0]["findings"]}
    assert ("hidden-sheet", "113年度", "warning") in found and ("hidden-sheet", "選單", "info") in found
    js = tmp_path / "m.json"
    run("merge", str(path), "-o", str(tmp_path / "m.xlsx"), "--json", str(js), "-q")
    merged = {(f["code"], f.get("sheet")) for f in json.loads(js.read_text(encoding="utf-8"))["findings"]}
    assert ("hidden-sheet", "113年度") in merged and ("hidden-sheet", "選單") in merged


def test_the_same_output_in_every_time_zone(tmp_path):
    """Zip timestamps are a fixed 1980-01-01 00:00 whatever the machine's zone, so one merge gives
    the same bytes in Taipei and in New York."""
    outs = []
    for zone in ("UTC", "Asia/Taipei", "America/New_York"):
        out = tmp_path / f"{zone.replace('/', '_')}.xlsx"
        subprocess.run([binary(), "merge", GOOD, "-o", str(out), "-q", "--allow-failures"], check=True, timeout=60,
                       env={**os.environ, "TZ": zone})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    import zipfile
    assert {i.date_time for i in zipfile.ZipFile(tmp_path / "Asia_Taipei.xlsx").infolist()} == {(1980, 1, 1, 0, 0, 0)}


ROWS = [["機關", "指標", "目標值"], ["新竹縣政府民政處", "講習場次", "10場"], ["新竹縣政府財政處", "稅收達成率", "95%"]]


@pytest.mark.parametrize("name,encode,extra", [
    ("big5.csv", lambda t: t.encode("cp950"), []),                                # what Taiwanese legacy systems export
    ("unicode.tsv", lambda t: ("\ufeff" + t.replace(",", "\t")).encode("utf-16-le"), []),  # Excel's "Unicode text"
    ("bom.csv", lambda t: ("\ufeff" + t).encode("utf-8"), []),
    ("said.csv", lambda t: t.encode("cp950"), ["--encoding", "big5"]),
])
def test_text_inputs_in_every_encoding_offices_use(tmp_path, name, encode, extra):
    import python_calamine
    src = tmp_path / name
    src.write_bytes(encode("\r\n".join(",".join(r) for r in ROWS) + "\r\n"))
    out = tmp_path / "out.xlsx"
    jixiao("convert", str(src), "-o", str(out), *extra)
    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows == ROWS
    assert not any(p.startswith("jixiao-text") for p in os.listdir(os.environ.get("TMPDIR", "/tmp")))


def test_undecodable_text_is_an_error_naming_its_line_never_replacement_characters(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_bytes("機關,指標\r\n民政處,講習\r\n".encode() + b"\xff\xfe\xfa,x\r\n")
    p = run("convert", str(src), "-o", str(tmp_path / "out.xlsx"))
    assert p.returncode == 2 and "line 3" in p.stderr and not (tmp_path / "out.xlsx").exists()
    # Said to be UTF-8, a Big5 file is refused at its first Big5 line, not written as U+FFFD.
    big5 = tmp_path / "big5.csv"
    big5.write_bytes("a,b\r\n".encode() + "機關,指標\r\n".encode("cp950"))
    p = run("convert", str(big5), "-o", str(tmp_path / "out.xlsx"), "--encoding", "utf-8")
    assert p.returncode == 2 and "line 2" in p.stderr


def test_every_sheet_its_own_file_even_when_names_clash(tmp_path):
    """`convert --all-sheets`: 「x<y」, 「x>y」 and 「x|y」 all become x_y as file names; each gets its
    own file (x_y, x_y (2), x_y (3)) and a line says so — none is written over another."""
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.title = "x<y"
    wb.active["A1"] = 1
    for name, v in (("x>y", 2), ("x|y", 3)):
        wb.create_sheet(name)["A1"] = v
    src = tmp_path / "names.xlsx"
    wb.save(src)  # openpyxl
    p = run("convert", str(src), "-o", str(tmp_path / "out.csv"), "--all-sheets")
    assert p.returncode == 0 and p.stderr.count("note:") == 2
    got = {f.name: f.read_text().strip() for f in tmp_path.glob("out-*.csv")}
    assert got == {"out-x_y.csv": "1", "out-x_y (2).csv": "2", "out-x_y (3).csv": "3"}


def test_a_merge_whose_json_cannot_be_written_leaves_both_old_outputs(tmp_path):
    """The JSON goes to a full disk (a 64 KiB tmpfs in a private mount namespace): the merge fails
    with exit 2 and the workbook written beside it is not put in place either — the old one stays,
    and no temporary file is left."""
    import glob
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no private mount namespaces here")
    small = tmp_path / "small"
    small.mkdir()
    old = tmp_path / "彙整.xlsx"
    old.write_bytes(b"the old workbook")
    inputs = sorted(glob.glob(os.path.join(FIXTURES, "clerk", "r*.xlsx")))
    script = (f"mount -t tmpfs -o size=64k tmpfs '{small}' && exec '{binary()}' merge "
              + " ".join(f"'{p}'" for p in inputs) + f" -o '{old}' --json '{small}/彙整.json' -q --allow-failures")
    p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    if "mount" in p.stderr and p.returncode != 0 and "jixiao" not in p.stderr:
        pytest.skip("tmpfs cannot be mounted here: " + p.stderr.strip())
    assert p.returncode == 2 and "space" in p.stderr.lower(), p.stderr
    assert old.read_bytes() == b"the old workbook"
    assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".")] == []


def test_file_names_that_are_not_utf8_are_read_and_shown_as_big5(tmp_path):
    """Big5 names from a Windows share: before, every one was reported missing, and a Big5-named
    folder was taken for a file that is not a spreadsheet."""
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts", "fixtures"))
    import files_cases
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    facts = files_cases.big5_named_inbox(str(inbox))
    out = tmp_path / "彙整.xlsx"
    merged = tmp_path / "彙整.json"
    p = run("merge", str(inbox), "-o", str(out), "--json", str(merged), "-q")
    assert p.returncode == 0, p.stderr
    result = json.load(open(merged, encoding="utf-8"))
    assert result["counts"] == {"inputs": len(facts), "merged": len(facts), "excluded": 0,
                                "indicators": sum(n for _, _, n in facts)}
    def readable(name):
        try:
            return name.decode("utf-8")
        except UnicodeDecodeError:
            return name.decode("cp950")
    shown = {s["file"][len(str(inbox)) + 1:]: s["agency"] for s in result["summary"]}
    assert shown == {readable(name): agency for name, agency, _ in facts}
    # Given on the command line, byte for byte, and named in messages as a person reads it.
    name, agency, _ = facts[0]
    assert readable(name) != name.decode("utf-8", "replace")
    raw = os.path.join(os.fsencode(str(inbox)), name)
    q = subprocess.run([os.fsencode(binary()), b"inspect", raw], capture_output=True, timeout=30)
    assert q.returncode == 0 and readable(name).encode() in q.stdout
    q = subprocess.run([os.fsencode(binary()), b"cells", raw, b"--sheet", b"none"], capture_output=True, timeout=30)
    assert q.returncode == 2 and readable(name).encode() in q.stderr
