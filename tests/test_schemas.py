"""The JSON that scripts read — `jixiao validate --format json` and `jixiao merge --json` — checked
against the schemas published in docs/ (findings.schema.json, merge.schema.json), on the clerk
corpus, the seeds, the examples and broken inputs; and free of float noise (no number with more
than 9 decimals, so 0.9500000000000003 never reaches a script)."""

import glob
import json
import os
import sys

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import FIXTURES, ROOT, jixiao

sys.path.insert(0, os.path.join(ROOT, "scripts", "fixtures"))
import merge_set  # noqa: E402


def schema(name):
    return json.load(open(os.path.join(ROOT, "docs", name), encoding="utf-8"))


FINDINGS, MERGE = schema("findings.schema.json"), schema("merge.schema.json")
REGISTRY = Registry().with_resources([
    ("findings.schema.json", Resource.from_contents(FINDINGS)),
    ("https://jixiao.example/findings.schema.json", Resource.from_contents(FINDINGS)),
])


def numbers(value):
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from numbers(v)


def assert_no_float_noise(doc):
    noisy = [v for v in numbers(doc) if isinstance(v, float) and round(v, 9) != v]
    assert not noisy, noisy[:5]


def test_the_schemas_are_valid_schemas():
    Draft202012Validator.check_schema(FINDINGS)
    Draft202012Validator.check_schema(MERGE)


WORKBOOKS = sorted(glob.glob(os.path.join(FIXTURES, "clerk", "*.xlsx")) + glob.glob(os.path.join(FIXTURES, "seeds", "*.xlsx"))
                   + glob.glob(os.path.join(ROOT, "Examples", "*.xlsx")) + glob.glob(os.path.join(FIXTURES, "bad_*.xlsx")))


def test_validate_json_follows_its_schema():
    assert len(WORKBOOKS) > 80
    p = jixiao("validate", "--format", "json", *WORKBOOKS, check=False)
    assert p.returncode in (1, 2)
    doc = json.loads(p.stdout)
    errors = sorted(Draft202012Validator(FINDINGS).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert doc["summary"]["files"] == len(WORKBOOKS) and doc["summary"]["unreadable"] > 0
    assert_no_float_noise(doc)


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_merge_json_follows_its_schema(tmp_path, lang):
    inbox = tmp_path / "收件"
    merge_set.generate(str(inbox))
    for f in glob.glob(os.path.join(FIXTURES, "clerk", "r*.xlsx"))[:12]:
        os.link(f, inbox / os.path.basename(f))
    out = tmp_path / "out.json"
    jixiao("merge", str(inbox), "-o", str(tmp_path / "out.xlsx"), "--json", str(out), "-q", "--lang", lang, check=False)
    doc = json.loads(out.read_text(encoding="utf-8"))
    validator = Draft202012Validator(MERGE, registry=REGISTRY)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert doc["counts"]["inputs"] == doc["counts"]["merged"] + doc["counts"]["excluded"]
    assert len(doc["excluded"]) == doc["counts"]["excluded"] and len(doc["summary"]) == doc["counts"]["merged"]
    assert_no_float_noise(doc)
