"""Shared helpers for the end-to-end tests: where the fixtures and the built jixiao and
writer-samples binaries are."""

import os
import subprocess
import sys

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
