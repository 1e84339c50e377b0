"""Shared helpers for the end-to-end tests: where the fixtures and the built jixiao and
writer-samples binaries are."""

import os
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
sys.path.insert(0, os.path.dirname(__file__))


def binary():
    path = os.environ.get("JIXIAO_BIN", os.path.join(ROOT, ".build", "debug", "jixiao"))
    if not os.path.exists(path):
        raise RuntimeError(f"{path} is missing: build first (swift build), or set JIXIAO_BIN")
    return path


def samples_binary():
    """The writer-samples binary (Tests/WriterSamples), which swift build puts beside jixiao."""
    path = os.path.join(os.path.dirname(binary()), "writer-samples")
    if not os.path.exists(path):
        raise RuntimeError(f"{path} is missing: build first (swift build builds it beside jixiao)")
    return path


def jixiao(*args, check=True, cwd=None):
    """Runs jixiao with `args`; returns the CompletedProcess (text mode)."""
    p = subprocess.run([binary(), *args], capture_output=True, text=True, cwd=cwd, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError(f"jixiao {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


# A fresh Python whose only child is jixiao reports that child's peak resident size: measured from
# the test process itself, a child would count the pages it shared with the test before exec (a
# test that built a large fixture in memory), and other tests' children would count too.
MEASURE = ("import resource, subprocess, sys\n"
           "p = subprocess.run(sys.argv[1:])\n"
           "sys.stderr.write('\\nMAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
           "sys.exit(p.returncode)\n")


def run_measured(*args, timeout=600):
    """Runs jixiao; returns (CompletedProcess with the measurement removed, seconds, peak MiB)."""
    t = time.monotonic()
    p = subprocess.run([sys.executable, "-c", MEASURE, binary(), *args], capture_output=True, text=True, timeout=timeout)
    seconds = time.monotonic() - t
    err, _, last = p.stderr.rpartition("\nMAXRSS ")
    p.stderr = err
    return p, seconds, int(last.strip() or 0) / 1024


def ppm_pixels(path):
    """The pixels of a binary PPM (P6) as (width, height, bytes)."""
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6" and fields[3] == b"255"
    return int(fields[1]), int(fields[2]), data[pos + 1:]


import pytest


@pytest.fixture
def english_messages(monkeypatch):
    """Messages in English (an English locale), for the tests that check the engine's own wording;
    tests/test_language.py checks the Traditional Chinese default over the same bad inputs."""
    # LC_MESSAGES, not LANG: a locale this machine may lack would also reset the character set of
    # the programs the tests run (LibreOffice then cannot open 報告.xlsx).
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")
