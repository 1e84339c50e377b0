"""Every message in the user's language (#18 item 2): Traditional Chinese by default, English with
--lang en or an English locale. A walk over every bad input among the fixtures (Tests/Fixtures:
the bad_* workbooks, the damaged and UTF-16 ones under files/, a folder, a missing file) through
validate, merge, import and convert: no English word in a message without --lang en, no Chinese
with it. The words allowed in Chinese are names (Excel, LibreOffice, XML …), options and file
names, not sentences."""

import glob
import os
import re
import subprocess

import pytest

from conftest import FIXTURES, binary

BAD = sorted(glob.glob(os.path.join(FIXTURES, "bad_*.xlsx"))) + sorted(
    p for p in glob.glob(os.path.join(FIXTURES, "files", "*.xlsx")))

# Names and formats a Chinese sentence uses as they are.
NAMES = {"Excel", "LibreOffice", "Office", "Open", "XML", "OpenDocument", "HTML", "CSV", "zip", "deflate", "DTD",
         "DOCTYPE", "UTF", "Big5", "OLE", "Word", "PowerPoint", "EPUB", "Java", "Jixiao", "jixiao", "convert",
         "MiB", "FIFO", "socket", "Content_Types", "ROC", "JSON", "xlsx",
         "extra"}  # the model's JSON field that keeps unknown columns


def run(args, env_lang=None, tmp=None):
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    if env_lang:
        env["LANG"] = env_lang
    p = subprocess.run([binary(), *args], capture_output=True, text=True, env=env, timeout=300, cwd=tmp)
    return p


def strip_names(text):
    """The text without what is not a sentence: file paths, part names, options, codes, quoted names."""
    text = re.sub(r"\[[a-z0-9-]+\]", " ", text)                  # finding codes
    text = re.sub(r"--[a-z-]+", " ", text)                       # options
    text = re.sub(r"jixiao( [a-z]+)+", " ", text)                # commands named
    text = re.sub(r"'[^']*'|\"[^\"]*\"|「[^」]*」", " ", text)      # quoted names
    text = re.sub(r"\S*[/\\.]\S*", " ", text)                     # paths, part names, extensions, numbers
    text = re.sub(r"<[^>]*>", " ", text)                         # XML tags named
    return text


def english_words(text):
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_]+", strip_names(text)) if w not in NAMES]


def chinese(text):
    return re.findall(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+", strip_names(text))


def commands(path, tmp):
    out = os.path.join(tmp, "out")
    return [
        ["validate", path],
        ["merge", path, "-o", out + ".xlsx"],
        ["import", path, "-o", out + ".json"],
        ["convert", path, "-o", out + ".csv"],
    ]


def messages(p, command):
    """What a person reads: standard error, and validate's text report (whose findings quote the
    workbook's own Chinese names: only its unreadable-file lines are checked in English)."""
    text = p.stderr
    if command == "validate":
        # The lines grouping findings by sheet name the sheet, as the workbook spells it.
        text += "\n".join(l for l in p.stdout.splitlines() if not re.match(r"^  (工作表|sheet) ", l))
    return text


@pytest.mark.parametrize("path", BAD + ["MISSING", "FOLDER"], ids=lambda p: os.path.basename(p))
def test_messages_are_chinese_by_default_and_english_on_request(path, tmp_path):
    if path == "MISSING":
        path = str(tmp_path / "沒有這個檔案.xlsx")
    elif path == "FOLDER":
        folder = tmp_path / "收件"
        folder.mkdir()
        (folder / "~$報告.xlsx").write_bytes(b"lock")
        (folder / ".隱藏.xlsx").write_bytes(b"")
        (folder / "空的.xlsx").write_bytes(b"")
        path = str(folder)
    said_something = False
    for args in commands(path, str(tmp_path)):
        zh = run(args)
        if zh.returncode != 0:
            said_something = True
        text = messages(zh, args[0])
        assert not english_words(text), (args, english_words(text), text)
        for how in (["--lang", "en"], ["--lang=en"]):
            en = run(args[:1] + how + args[1:])
            text = en.stderr if args[0] != "validate" else en.stderr + "\n".join(
                l for l in en.stdout.splitlines() if "cannot be read" in l)
            assert not chinese(text), (args, how, chinese(text), text)
            assert en.returncode == zh.returncode, (args, how)
        by_locale = run(args, env_lang="en_US.UTF-8")
        assert by_locale.returncode == zh.returncode and not chinese(by_locale.stderr), (args, by_locale.stderr)
    assert said_something, path


def test_an_english_locale_is_overruled_by_lang(tmp_path):
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    p = run(["cells", "--lang", "zh-TW", str(empty)], env_lang="en_US.UTF-8")
    assert p.returncode == 2 and "錯誤" in p.stderr and "檔案是空的" in p.stderr
    p = run(["cells", str(empty)], env_lang="C.UTF-8")
    assert "檔案是空的" in p.stderr, "a locale that is not English leaves the default"


def test_a_limit_names_its_option_in_both_languages():
    bomb = os.path.join(FIXTURES, "bad_bomb.xlsx")
    zh = run(["cells", "--max-part-size", "16", bomb])
    assert zh.returncode == 2 and "--max-part-size" in zh.stderr and "上限" in zh.stderr, zh.stderr
    en = run(["cells", "--lang", "en", "--max-part-size", "16", bomb])
    assert "raise it with --max-part-size" in en.stderr, en.stderr


def test_usage_errors_are_worded_in_the_users_language():
    zh = run(["validate"])
    assert zh.returncode == 2 and zh.stderr.startswith("jixiao: 錯誤：") and "用法：" in zh.stderr, zh.stderr
    en = run(["validate", "--lang", "en"])
    assert en.returncode == 2 and "Usage:" in en.stderr and "錯誤" not in en.stderr, en.stderr
    bad = run(["cells", "--format", "xml", os.path.join(FIXTURES, "openpyxl_types.xlsx")])
    assert bad.returncode == 2 and "只能是" in bad.stderr, bad.stderr
    bad = run(["validate", "--lang", "fr", os.path.join(FIXTURES, "openpyxl_types.xlsx")])
    assert bad.returncode == 2 and "--lang" in bad.stderr, bad.stderr
