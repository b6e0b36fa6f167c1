"""One lexicon loader: read a curated CSV, validate every row, report ALL problems at once.

Every lexicon in ``corpus/lexicons/`` is a UTF-8 CSV with a header. :func:`load_lexicon` reads
one with :mod:`csv` (all values are strings, surrounding spaces stripped), checks it against a
:class:`Schema` (the columns, the required values, the allowed values, a per-row check and
unique keys) and raises ONE :class:`LexiconError` that lists every problem as
``file:line: problem`` so a researcher fixes the file in one pass.

Caches are keyed on the file's CONTENT: :func:`cached_by_content` re-reads ``os.stat`` on every
call and re-hashes the bytes (sha256) only when the modification time or size changed, so an
edit to any lexicon takes effect on the next call, without restarting the kernel, while an
unchanged file costs one ``stat``.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "t.csv").write_text("term,kind\\nداعش,name\\n,name\\nالدولة,verb\\n", encoding="utf-8")
    >>> schema = Schema(columns=("term", "kind"), required=("term",), choices={"kind": ("name", "noun")})
    >>> try:
    ...     load_lexicon(folder / "t.csv", schema)
    ... except LexiconError as error:
    ...     print(*error.problems, sep="\\n")
    t.csv:3: column 'term' is empty; fill it in or delete the row
    t.csv:4: kind='verb' is not one of ['name', 'noun']; fix the value
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

__all__ = ["LexiconError", "Schema", "cached_by_content", "content_hash", "lexicon_file", "load_lexicon",
           "split_forms"]

T = TypeVar("T")


class LexiconError(ValueError):
    """A lexicon file has problems; ``problems`` lists each as ``file:line: problem``."""

    def __init__(self, path: str | Path, problems: Sequence[str]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s); fix them and re-run:\n  "
                         + "\n  ".join(self.problems))


@dataclass(frozen=True, eq=False)  # identity: a schema is a module constant and a cache key
class Schema:
    """What a lexicon must look like.

    ``columns``: the header must contain these (extra columns are kept; ``optional`` ones are
    added empty when absent). ``required``: columns that may not be empty. ``choices``: column ->
    allowed values. ``row_check``: a function of one row (a dict of strings) returning a list of
    problems (plain sentences, the loader adds file and line). ``unique``: column tuples that
    must not repeat (after ``key`` is applied to each value, e.g. normalisation).
    """

    columns: tuple[str, ...]
    required: tuple[str, ...] = ()
    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)
    optional: tuple[str, ...] = ()
    row_check: Callable[[dict[str, str]], list[str]] | None = None
    unique: tuple[tuple[str, ...], ...] = ()
    key: Callable[[str], str] | None = None


def lexicon_file(name_or_path: str | Path) -> Path:
    """A lexicon name (``"framing.csv"``, looked up in ``corpus/lexicons/``) or a path, as a Path.

    Example:
        >>> lexicon_file("framing.csv").name
        'framing.csv'
    """
    candidate = Path(name_or_path)
    if candidate.is_absolute() or len(candidate.parts) > 1:
        return candidate
    from helpers import paths

    return paths.lexicon_path(str(name_or_path))


def content_hash(path: str | Path) -> str:
    """sha256 of the file's bytes, re-computed only when its (mtime_ns, size) changed.

    Example:
        >>> len(content_hash(lexicon_file("framing.csv")))
        64
    """
    file = os.fspath(path)
    status = os.stat(file)
    stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
    with _LOCK:
        known = _HASHES.get(file)
        if known is not None and known[0] == stamp:
            return known[1]
    with open(file, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    with _LOCK:
        _HASHES[file] = (stamp, digest)
    return digest


_HASHES: dict[str, tuple[tuple[int, int, int], str]] = {}
_BUILT: dict[tuple[str, Any, str], Any] = {}
_LOCK = threading.Lock()
_MAX_BUILT = 256


def cached_by_content(path: str | Path | Sequence[str | Path], build: Callable[[], T], *, key: Any = None) -> T:
    """``build()``, cached until the content of ``path`` (one file or several) changes.

    ``key`` distinguishes several builds from the same files (defaults to ``build`` itself, so
    pass a module-level function or a stable key). The cache holds the last result per
    (files, key): an edited file gives a new hash and a rebuild on the next call.

    Example:
        >>> calls = []
        >>> def build():
        ...     calls.append(1)
        ...     return len(calls)
        >>> f = lexicon_file("framing.csv")
        >>> cached_by_content(f, build, key="doc"), cached_by_content(f, build, key="doc")
        (1, 1)
    """
    files = [path] if isinstance(path, (str, Path)) else list(path)
    digest = "|".join(content_hash(f) for f in files)
    names = "|".join(os.fspath(f) for f in files)
    cache_key = (names, build if key is None else key, digest)
    with _LOCK:
        if cache_key in _BUILT:
            return _BUILT[cache_key]
    value = build()
    with _LOCK:
        stale = [k for k in _BUILT if k[0] == names and k[1] == cache_key[1]]
        for k in stale:
            del _BUILT[k]
        if len(_BUILT) >= _MAX_BUILT:
            _BUILT.clear()
        _BUILT[cache_key] = value
    return value


def _read(file: Path, schema: Schema) -> pd.DataFrame:
    name = file.name
    if not file.is_file():
        raise FileNotFoundError(f"{file}: lexicon not found; restore it from git (corpus/lexicons/{name}) "
                                "or pass the path of your own copy")
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LexiconError(file, [f"{name}: not UTF-8 ({error}); save the file as UTF-8"]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    first_line = next(reader, None)
    if first_line is None:
        raise LexiconError(file, [f"{name}:1: the file is empty; the header must be {','.join(schema.columns)}"])
    header = [h.strip() for h in first_line]
    missing = [c for c in schema.columns if c not in header and c not in schema.optional]
    if missing:
        raise LexiconError(file, [f"{name}:1: missing column(s) {missing}; the header must have "
                                  f"{','.join(schema.columns)}"])
    problems: list[str] = []
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    line = 1
    for record in reader:
        line = reader.line_num
        if not any(v.strip() for v in record):
            continue  # blank line
        if len(record) != len(header):
            problems.append(f"{name}:{line}: {len(record)} fields where the header has {len(header)}; "
                            "quote values that contain commas")
            continue
        row = {column: value.strip() for column, value in zip(header, record)}
        for column in schema.optional:
            row.setdefault(column, "")
        where = f"{name}:{line}"
        for column in schema.required:
            if not row.get(column, ""):
                problems.append(f"{where}: column {column!r} is empty; fill it in or delete the row")
        for column, allowed in schema.choices.items():
            if row.get(column, "") not in allowed:
                problems.append(f"{where}: {column}={row.get(column, '')!r} is not one of {list(allowed)}; fix the value")
        if schema.row_check is not None:
            problems.extend(f"{where}: {problem}" for problem in schema.row_check(row))
        rows.append(row)
        lines.append(line)
    for columns in schema.unique:
        first: dict[tuple[str, ...], int] = {}
        for row, at in zip(rows, lines):
            value = tuple(schema.key(row[c]) if schema.key else row[c] for c in columns)
            if value in first:
                problems.append(f"{name}:{at}: {'/'.join(columns)} {'/'.join(value)!r} repeats line "
                                f"{first[value]}; merge the two rows")
            else:
                first[value] = at
    if problems:
        raise LexiconError(file, problems)
    names = list(dict.fromkeys([*header, *schema.optional]))
    table = pd.DataFrame(rows, columns=names, dtype=object)
    table["line"] = lines
    return table


def load_lexicon(name_or_path: str | Path, schema: Schema) -> pd.DataFrame:
    """Read and validate a lexicon CSV (a name in ``corpus/lexicons/`` or a path).

    Returns a fresh DataFrame of strings (one row per data line, blank lines skipped) plus a
    ``line`` column (its line in the file, for error messages of later checks). Raises
    :class:`LexiconError` listing every problem as ``file:line: problem``. Cached on the file's
    content: an edit takes effect on the next call.

    Example:
        >>> table = load_lexicon("framing.csv", Schema(columns=("frame", "term")))
        >>> int(table["line"].iloc[0])
        2
    """
    file = lexicon_file(name_or_path)
    if not file.is_file():
        raise FileNotFoundError(f"{file}: lexicon not found; restore it from git (corpus/lexicons/{file.name}) "
                                "or pass the path of your own copy")
    table: pd.DataFrame = cached_by_content(file, lambda: _read(file, schema), key=("load_lexicon", schema))
    return table.copy()


def split_forms(forms: str, fallback: str) -> tuple[str, ...]:
    """The ``|``-separated forms of a lexicon cell (``fallback`` when the cell is empty).

    Example:
        >>> split_forms("الميليشيات | ميليشيات", "الميليشيات")
        ('الميليشيات', 'ميليشيات')
        >>> split_forms("", "داعش")
        ('داعش',)
    """
    return tuple(f.strip() for f in (forms.strip() or fallback).split("|") if f.strip())
