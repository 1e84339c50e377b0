"""Faults while writing (issue #19): Ctrl-C and termination, kill -9 at several points, a
read-only folder. Nothing may be left behind that a person did not ask for — no `.NAME.tmp-*`
beside the destination, no scratch in $TMPDIR — and an existing output stays as it was."""

import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest import binary, jixiao

# The engine's English wording is checked here; the Chinese default in tests/test_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


def big_csv(path, rows=400_000):
    with open(path, "w", encoding="utf-8") as f:
        f.write("序號,指標,目標值,說明\n")
        for i in range(rows):
            f.write(f"{i},第{i}項績效指標,{i * 1.5},說明文字{i % 977}與更多的說明\n")


def start_convert(src, out, scratch):
    env = dict(os.environ, TMPDIR=str(scratch))
    return subprocess.Popen([binary(), "convert", str(src), "-o", str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(predicate, p, timeout=120):
    """Polls until `predicate()` holds while `p` runs; False when `p` ended first."""
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        if p.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def leftovers(folder):
    return sorted(f.name for f in folder.iterdir() if f.name.startswith("."))


def convert_until_it_writes(setting, point):
    """Starts a conversion and waits until it has a file in `point` (scratch in $TMPDIR, or the
    archive beside the destination); returns the process and that folder."""
    src, old, scratch = setting
    p = start_convert(src, old, scratch)
    where = scratch if point == "scratch" else old.parent
    if not wait_for(lambda: leftovers(where), p):
        p.wait()
        pytest.skip(f"the run ended before anything was written to {point}")
    return p, where


@pytest.fixture
def setting(tmp_path):
    src = tmp_path / "資料.csv"
    big_csv(src)
    out_dir = tmp_path / "out"
    scratch = tmp_path / "scratch"
    out_dir.mkdir()
    scratch.mkdir()
    old = out_dir / "資料.xlsx"
    old.write_bytes(b"the old workbook")
    return src, old, scratch


# (signal, what must exist when it is sent): scratch while rows are written, the archive beside
# the destination while it is compressed
POINTS = [
    (signal.SIGINT, "scratch"),
    (signal.SIGTERM, "scratch"),
    (signal.SIGINT, "beside"),
    (signal.SIGTERM, "beside"),
]


@pytest.mark.parametrize("sig,point", POINTS, ids=[f"{s.name}-{w}" for s, w in POINTS])
def test_an_interrupted_run_leaves_nothing_behind(setting, sig, point):
    src, old, scratch = setting
    p, where = convert_until_it_writes(setting, point)
    p.send_signal(sig)
    p.wait(timeout=60)
    assert p.returncode == -sig, p.stderr.read()
    assert leftovers(scratch) == [] and leftovers(old.parent) == []
    assert old.read_bytes() == b"the old workbook"


@pytest.mark.parametrize("point", ["scratch", "beside"])
def test_what_a_killed_run_left_is_removed_by_the_next(setting, point):
    src, old, scratch = setting
    p, where = convert_until_it_writes(setting, point)
    p.kill()
    p.wait()
    assert leftovers(where) != []  # kill -9 cannot be handled: the files stay, named by host and pid
    assert old.read_bytes() == b"the old workbook"
    # Another process's files (still running) are never touched; the dead one's are.
    live = where / f".jixiao-part.tmp-{os.uname().nodename.replace('-', '_')}-{os.getpid()}-abcdef"
    live.write_bytes(b"")
    env = dict(os.environ, TMPDIR=str(scratch))
    small = src.parent / "small.csv"
    small.write_text("a,b\n1,2\n", encoding="utf-8")
    subprocess.run([binary(), "convert", str(small), "-o", str(old)], env=env, check=True, capture_output=True)
    assert leftovers(scratch) + leftovers(old.parent) == [live.name]
    assert old.read_bytes()[:2] == b"PK"


def test_a_read_only_folder_is_an_error_and_nothing_is_written(tmp_path):
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no private mount namespaces here")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "舊.xlsx").write_bytes(b"old")
    src = tmp_path / "a.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    script = (f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' && exec '{binary()}' convert "
              f"'{src}' -o '{folder}/舊.xlsx'")
    p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60)
    if "mount" in p.stderr and "jixiao" not in p.stderr:
        pytest.skip("cannot remount read-only here: " + p.stderr.strip())
    assert p.returncode == 2 and p.stderr.startswith("jixiao: error: "), p.stderr
    assert "read-only" in p.stderr.lower() and "Fatal" not in p.stderr, p.stderr
    assert sorted(f.name for f in folder.iterdir()) == ["舊.xlsx"] and (folder / "舊.xlsx").read_bytes() == b"old"
