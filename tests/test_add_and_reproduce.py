"""End to end, in a temporary copy of the repository: `make add` three new articles (UTF-8,
Windows-1256, HTML), `make reproduce`, then the corpus and collection tests, all green, and
only corpus/, notebooks/ and figures/ changed.

The copy reuses this checkout's .venv (a symlink), so nothing is installed; it is a git
repository of its own so that `git status` can say what the commands changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths

ROOT = paths.project_root()
IGNORE = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", "build", ".pytest_cache",
                                ".ipynb_checkpoints")
BODY = ("قال مسؤول عسكري عراقي إن القوات الأمريكية ما زالت تنتشر في قاعدة {base} غرب البلاد، "
        "وإن عددها يبلغ نحو {n} جندي.\n\nوأضاف أن المحادثات مع واشنطن بشأن جدول الانسحاب مستمرة منذ "
        "أشهر، وأن لجنة مشتركة ستجتمع الأسبوع المقبل في {city}.")


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: int) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n" \
                                   f"{result.stderr[-3000:]}"
    return result


@pytest.mark.slow
def test_add_three_articles_then_reproduce_and_test(tmp_path):
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.fail("make and git are needed for the README's commands")
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=IGNORE, symlinks=True)
    os.symlink(Path(sys.prefix), copy / ".venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELPERS_") and k != "MPLBACKEND"}
    env["HELPERS_PROJECT_ROOT"] = str(copy)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    run([*git, "init", "-q"], copy, env, 60)
    run([*git, "add", "-A"], copy, env, 60)
    run([*git, "commit", "-q", "-m", "copy"], copy, env, 60)

    new = tmp_path / "new"
    new.mkdir()
    (new / "wire.txt").write_text("بغداد - 3 آذار 2021\n\nعنوان خبر أول\n\n"
                                  + BODY.format(base="عين الأسد", n="2500", city="بغداد"), encoding="utf-8")
    (new / "legacy.txt").write_bytes(("أربيل - 14 تشرين الأول 2017\n\nعنوان خبر ثان\n\n"
                                      + BODY.format(base="حرير", n="900", city="أربيل")).encode("cp1256"))
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.format(base="فيكتوريا", n="3000", city="الدوحة").split("\n\n"))
    (new / "page.html").write_text(
        '<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>عنوان خبر ثالث</title>'
        '<link rel="canonical" href="https://www.aljazeera.net/news/2020/9/9/us-iraq">'
        '<meta property="article:published_time" content="2020-09-09T10:00:00+03:00"></head>'
        f"<body><article><h1>عنوان خبر ثالث</h1>{paragraphs}</article></body></html>", encoding="utf-8")

    added = run(["make", "add", f"SRC={new / 'wire.txt'} {new / 'legacy.txt'} {new / 'page.html'}"], copy, env, 300)
    assert "added 3, duplicate 0, rejected 0" in added.stdout
    again = subprocess.run(["make", "add", f"SRC={new / 'wire.txt'}"], cwd=copy, env=env, capture_output=True,
                           text=True, timeout=300, check=False)
    assert "added 0, duplicate 1" in again.stdout

    reproduced = run(["make", "reproduce"], copy, env, 1500)
    assert "ingested" in reproduced.stdout and "0 rejected" in reproduced.stdout
    report = (copy / "corpus" / "processed" / "ingest_report.csv").read_text(encoding="utf-8")
    assert sum(line.count(",ingested,") for line in report.splitlines()) == 8

    changed = run(["git", "status", "--porcelain", "--untracked-files=all"], copy, env, 60).stdout.splitlines()
    outside = [line for line in changed if not line[3:].startswith(("corpus/", "notebooks/", "figures/"))]
    assert not outside, f"make add / make reproduce changed files outside corpus/, notebooks/, figures/: {outside}"

    tests = run([str(Path(sys.prefix) / "bin" / "python"), "-m", "pytest", "tests/test_metadata.py",
                 "tests/test_collection.py", "-q", "-p", "no:cacheprovider"], copy, env, 600)
    assert " passed" in tests.stdout
