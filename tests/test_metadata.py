"""corpus/raw and corpus/metadata.csv: whatever the corpus holds, it is intact and fully described.

These checks hold for any corpus (they assert integrity, not findings): after `make add`, they
pass as long as nobody edited a raw file or hand-wrote a malformed row.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

import pytest

from helpers import paths

COLUMNS = [
    "article_id", "file", "sha256", "outlet", "outlet_ar", "outlet_country",
    "outlet_type", "published", "date_precision", "evidence", "url", "metadata_source",
]
ROOT = paths.project_root()
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def metadata_rows() -> list[dict[str, str]]:
    with open(paths.metadata_path(), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_metadata_has_the_documented_columns_in_order():
    with open(paths.metadata_path(), encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == COLUMNS


@pytest.mark.parametrize("row", metadata_rows(), ids=lambda r: r["article_id"])
def test_sha256_matches_the_raw_file(row):
    data = (paths.raw_dir() / row["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == row["sha256"], (
        f"corpus/raw/{row['file']} changed since metadata.csv was written: raw files are never "
        "edited; restore it (git checkout) or, for a deliberate new version, add it as a new article"
    )


@pytest.mark.parametrize("row", metadata_rows(), ids=lambda r: r["article_id"])
def test_row_values_are_well_formed(row):
    if row["date_precision"] == "unknown":
        assert row["published"] == "unknown", "an unknown date is written unknown, never guessed"
    else:
        assert dt.date.fromisoformat(row["published"])
    assert row["date_precision"] in {"day", "month", "year", "unknown"}
    assert row["metadata_source"] in {"curated", "imported", "inferred"}
    if row["date_precision"] == "month":
        assert row["published"].endswith("-01"), "month precision is recorded as the month's first day"
    assert row["evidence"].strip(), "every row says what in the text supports outlet and date"
    if row["outlet"] == "unknown":
        assert row["outlet_country"] == "unknown" and row["outlet_type"] == "unknown"
    assert "/" not in row["file"] and not row["file"].startswith(".")


def test_every_raw_file_has_exactly_one_row():
    files = sorted(p.name for p in paths.raw_dir().iterdir() if p.is_file())
    rows = metadata_rows()
    assert sorted(r["file"] for r in rows) == files
    assert len({r["article_id"] for r in rows}) == len(rows)


def test_seed_fixtures_are_the_committed_seed_articles():
    # the fixtures carry the seed texts for tests; where the seed is still in corpus/raw, they agree
    fixtures = sorted(FIXTURE_SEEDS.glob("*.txt"))
    assert len(fixtures) == 5
    for fixture in fixtures:
        raw = paths.raw_dir() / fixture.name
        if raw.is_file():
            assert raw.read_bytes() == fixture.read_bytes(), fixture.name


if SEEDS.is_dir():  # maintainers' checkouts only: a plain clone has no ../shared (and shows no skip)
    def test_raw_seed_files_are_byte_for_byte_copies_of_the_shared_seeds():
        for seed in sorted(SEEDS.iterdir()):
            assert (paths.raw_dir() / seed.name).read_bytes() == seed.read_bytes(), seed.name
            assert (FIXTURE_SEEDS / seed.name).read_bytes() == seed.read_bytes(), seed.name
