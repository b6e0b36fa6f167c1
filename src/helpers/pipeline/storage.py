"""Parquet and manifest I/O of the pipeline: fixed column types, atomic writes, content keys.

Every file the pipeline writes appears complete or not at all: it is written next to its final
name and moved into place with :func:`os.replace` (atomic on one file system).

Example:
    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_parquet(pd.DataFrame({"article_id": ["a"], "start": [3]}), folder / "t.parquet")
    >>> read_parquet(folder / "t.parquet").to_dict("records")
    [{'article_id': 'a', 'start': 3}]
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["arrow_table", "write_parquet", "read_parquet", "write_json", "read_json", "content_key",
           "files_key", "INT_COLUMNS", "BOOL_COLUMNS"]

#: Columns typed int64 / bool even when a partition has no rows (so every partition of a table
#: has the same schema and DuckDB reads them as one table). Other columns without any value are
#: strings; the types of the others come from their dtypes.
INT_COLUMNS = frozenset({"start", "end", "source_start", "source_end", "sentence_id", "value", "value_high",
                         "line_no", "n_words", "n_sentences", "n_bytes"})
BOOL_COLUMNS = frozenset({"anonymous", "is_us_troop_level"})
#: Columns holding a list of int64 per row (the LSH keys of the ingest cache).
INT_LIST_COLUMNS = frozenset({"lsh_keys"})


def _arrow_type(name: str, series: pd.Series) -> pa.DataType:
    if name in INT_LIST_COLUMNS:
        return pa.list_(pa.int64())
    if name in BOOL_COLUMNS or pd.api.types.is_bool_dtype(series.dtype):
        return pa.bool_()
    if name in INT_COLUMNS or pd.api.types.is_integer_dtype(series.dtype):
        return pa.int64()
    if series.isna().all():  # no values (an empty partition, all files rejected): a string column
        return pa.string()
    if pd.api.types.is_float_dtype(series.dtype):
        return pa.float64()
    return pa.string()


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table with one fixed type per column (see :data:`INT_COLUMNS`)."""
    arrays = []
    for name in frame.columns:
        series = frame[name]
        kind = _arrow_type(str(name), series)
        if kind == pa.string():
            try:
                arrays.append(pa.array(series.to_numpy(dtype=object, na_value=None), type=pa.string(),
                                       from_pandas=True))
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # values that are not strings: their str()
                values = [None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v)
                          for v in series.tolist()]
                arrays.append(pa.array(values, type=pa.string()))
        elif name in INT_LIST_COLUMNS:
            arrays.append(pa.array([None if not isinstance(v, list) else v for v in series.tolist()], type=kind))
        elif kind == pa.int64() and pd.api.types.is_float_dtype(series.dtype):
            arrays.append(pa.array(series.astype("Int64"), type=pa.int64(), from_pandas=True))
        else:
            arrays.append(pa.array(series, type=kind, from_pandas=True))
    return pa.Table.from_arrays(arrays, names=[str(c) for c in frame.columns])


def write_parquet(frame: pd.DataFrame | pa.Table, path: Path) -> None:
    """Write ``frame`` to ``path`` atomically (temporary name, then :func:`os.replace`)."""
    table = frame if isinstance(frame, pa.Table) else arrow_table(frame)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def read_parquet(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A Parquet file as a DataFrame (strings as ``str``, ints as int64)."""
    return pq.read_table(path, columns=columns).to_pandas()


def write_json(data: dict[str, Any], path: Path) -> None:
    """Write ``data`` as sorted, indented JSON, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object at ``path``, or None if it is missing or unreadable (a torn write)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def content_key(*parts: object) -> str:
    """sha256 of the JSON of ``parts`` (a stable key for a partition's inputs).

    Example:
        >>> content_key("a", [1, 2]) == content_key("a", [1, 2]) != content_key("a", [2, 1])
        True
    """
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def files_key(files: Iterable[Path]) -> str:
    """sha256 over the names and bytes of ``files`` (sorted): the version of a set of lexicons or code."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
