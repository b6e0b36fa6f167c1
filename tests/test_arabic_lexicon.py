"""helpers.arabic.lexicon: one loader that reports every problem, and content-keyed caches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.arabic.lexicon import LexiconError, Schema, cached_by_content, content_hash, load_lexicon

SCHEMA = Schema(columns=("term", "kind", "gloss_en"), required=("term", "gloss_en"),
                choices={"kind": ("noun", "verb")}, unique=(("term",),),
                row_check=lambda row: ["the term has Latin letters"] if row["term"].isascii() and row["term"] else [])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_with_line_numbers(tmp_path: Path) -> None:
    file = write(tmp_path / "good.csv", "term,kind,gloss_en,note\nداعش,noun,Daesh,\n\nزعم,verb,claimed,x\n")
    table = load_lexicon(file, SCHEMA)
    assert table[["term", "kind", "line"]].values.tolist() == [["داعش", "noun", 2], ["زعم", "verb", 4]]
    assert list(table.columns) == ["term", "kind", "gloss_en", "note", "line"]


# (file content, the problems reported, in order)
BAD_FILES = [
    ("term,kind\nداعش,noun\n", ["bad.csv:1: missing column(s) ['gloss_en']"]),
    ("term,kind,gloss_en\n,noun,x\nداعش,adj,\nداعش,noun,y\nabc,noun,z\n",
     ["bad.csv:2: column 'term' is empty",
      "bad.csv:3: column 'gloss_en' is empty",
      "bad.csv:3: kind='adj' is not one of ['noun', 'verb']",
      "bad.csv:5: the term has Latin letters",
      "bad.csv:4: term 'داعش' repeats line 3"]),
    ("term,kind,gloss_en\nداعش,noun\n", ["bad.csv:2: 2 fields where the header has 3"]),
    ("", ["bad.csv:1: the file is empty"]),
]


@pytest.mark.parametrize(("content", "problems"), BAD_FILES)
def test_every_problem_is_reported_at_once(tmp_path: Path, content: str, problems: list[str]) -> None:
    file = write(tmp_path / "bad.csv", content)
    with pytest.raises(LexiconError) as raised:
        load_lexicon(file, SCHEMA)
    assert len(raised.value.problems) == len(problems)
    for got, expected in zip(raised.value.problems, problems):
        assert got.startswith(expected)
    assert str(file) in str(raised.value)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nothing.csv"):
        load_lexicon(tmp_path / "nothing.csv", SCHEMA)


def test_an_edit_takes_effect_on_the_next_call(tmp_path: Path) -> None:
    file = write(tmp_path / "lex.csv", "term,kind,gloss_en\nداعش,noun,Daesh\n")
    assert load_lexicon(file, SCHEMA)["term"].tolist() == ["داعش"]
    stat = os.stat(file)
    # an edit of the same size within the same second (editors and notebooks do this)
    write(file, "term,kind,gloss_en\nعدوه,noun,Daesh\n")
    assert os.stat(file).st_size == stat.st_size
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert load_lexicon(file, SCHEMA)["term"].tolist() == ["عدوه"]


def test_cached_by_content_rebuilds_only_on_change(tmp_path: Path) -> None:
    file = write(tmp_path / "lex.csv", "a\n1\n")
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return len(calls)

    assert cached_by_content(file, build) == cached_by_content(file, build) == 1
    before = content_hash(file)
    write(file, "a\n2\n")
    assert content_hash(file) != before
    assert cached_by_content(file, build) == 2
    # back to the old content: the hash is the key, not the time
    write(file, "a\n1\n")
    assert cached_by_content(file, build) == 3  # the old entry was replaced, not kept forever


def test_returned_tables_are_copies(tmp_path: Path) -> None:
    file = write(tmp_path / "lex.csv", "term,kind,gloss_en\nداعش,noun,Daesh\n")
    table = load_lexicon(file, SCHEMA)
    table.loc[0, "term"] = "changed"
    assert load_lexicon(file, SCHEMA).loc[0, "term"] == "داعش"
