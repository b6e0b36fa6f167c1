"""The curated outlet list (``corpus/lexicons/outlets.csv``): an outlet from a URL or a name.

Each row: ``domain`` (a host such as ``aljazeera.net``, or a host and path prefix such as
``bbc.com/arabic`` when the Arabic service lives under a path; empty when only the name is
known), ``outlet``, ``outlet_ar``, ``country``, ``type`` (``aggregator`` for sites that
republish others' articles), ``source`` (where the row's facts come from) and ``note``.

A URL matches the row whose domain is its host or a parent domain of it (``www.`` and
``m.`` subdomains included), the longest match winning, so ``arabic.rt.com`` is RT Arabic
and ``bbc.com/arabic/...`` is BBC Arabic while ``bbc.com/news`` matches nothing.

Example:
    >>> outlet_for_url("https://www.aljazeera.net/news/2024/1/25/x").outlet
    'Al Jazeera'
    >>> outlet_for_url("https://example.org/a") is None
    True
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from helpers import paths
from helpers.arabic.normalize import normalize_for_matching

__all__ = ["OUTLET_COLUMNS", "OUTLET_TYPES", "Outlet", "load_outlets", "outlet_by_name", "outlet_for_url",
           "url_key"]

OUTLET_COLUMNS = ["domain", "outlet", "outlet_ar", "country", "type", "source", "note"]
OUTLET_TYPES = ("tv_channel", "newspaper", "news_website", "news_agency", "state_news_agency",
                "international_broadcaster", "opposition_news_website", "monitor", "aggregator")


@dataclass(frozen=True)
class Outlet:
    """One row of outlets.csv."""

    domain: str
    outlet: str
    outlet_ar: str
    country: str
    type: str
    source: str

    @property
    def is_aggregator(self) -> bool:
        return self.type == "aggregator"


_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/[A-Za-z0-9_/-]+)?$")
_CACHE: dict[str, tuple[Outlet, ...]] = {}


def load_outlets(path: str | Path | None = None) -> tuple[Outlet, ...]:
    """All rows of outlets.csv, validated; raises ``ValueError`` listing every bad row as
    ``file:line: problem``. Cached on the file's content, so an edit takes effect at once.

    Example:
        >>> any(o.domain == "sana.sy" for o in load_outlets())
        True
    """
    file = Path(path) if path is not None else paths.lexicon_path("outlets.csv")
    data = file.read_bytes()
    key = f"{file}:{hashlib.sha256(data).hexdigest()}"
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _parse(data, str(file))
    return _CACHE[key]


def _parse(data: bytes, file: str) -> tuple[Outlet, ...]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    if reader.fieldnames != OUTLET_COLUMNS:
        raise ValueError(f"{file}:1: columns must be {OUTLET_COLUMNS}, found {reader.fieldnames}")
    problems: list[str] = []
    rows: list[Outlet] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        values = {c: (row.get(c) or "").strip() for c in OUTLET_COLUMNS}
        domain = values["domain"].lower().removeprefix("www.")
        if domain and not _DOMAIN.match(domain):
            problems.append(f"{file}:{line}: domain {values['domain']!r} is not a host name like example.com "
                            "(optionally with a path prefix like bbc.com/arabic)")
        if domain in seen:
            problems.append(f"{file}:{line}: domain {domain!r} is already on line {seen[domain]}")
        for column in ("outlet", "outlet_ar", "country", "source"):
            if not values[column]:
                problems.append(f"{file}:{line}: empty {column}")
        if values["type"] not in OUTLET_TYPES:
            problems.append(f"{file}:{line}: type {values['type']!r} is not one of {', '.join(OUTLET_TYPES)}")
        if domain:
            seen[domain] = line
        rows.append(Outlet(domain, values["outlet"], values["outlet_ar"], values["country"], values["type"],
                           values["source"]))
    if problems:
        raise ValueError(f"{len(problems)} problem(s) in {file}:\n" + "\n".join(problems))
    return tuple(rows)


def url_key(url: str) -> str:
    """The host and path of ``url`` in lower case, without ``www.``/``m.`` and port.

    Example:
        >>> url_key("HTTPS://www.BBC.com:443/arabic/middleeast-1?x=1")
        'bbc.com/arabic/middleeast-1'
    """
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host + parts.path.rstrip("/").lower() if host else ""


def outlet_for_url(url: str, outlets: tuple[Outlet, ...] | None = None) -> Outlet | None:
    """The outlet whose domain (or domain/path prefix) is the longest match for ``url``, or None.

    Example:
        >>> outlet_for_url("https://arabic.rt.com/middle_east/1").outlet
        'RT Arabic'
        >>> outlet_for_url("https://www.bbc.com/arabic/articles/c1").outlet
        'BBC Arabic'
        >>> outlet_for_url("https://www.bbc.com/news/world") is None
        True
    """
    key = url_key(url)
    if not key:
        return None
    host, _, path = key.partition("/")
    best: Outlet | None = None
    for outlet in load_outlets() if outlets is None else outlets:
        if not outlet.domain:
            continue
        domain_host, _, domain_path = outlet.domain.partition("/")
        if host != domain_host and not host.endswith("." + domain_host):
            continue
        if domain_path and not (path == domain_path or path.startswith(domain_path + "/")
                                or path.startswith(domain_path + "-")):
            continue
        if best is None or len(outlet.domain) > len(best.domain):
            best = outlet
    return best


def outlet_by_name(name: str, outlets: tuple[Outlet, ...] | None = None) -> Outlet | None:
    """The one outlet whose English or Arabic name, or domain, is ``name`` (spelling-tolerant);
    None when no row or more than one row has that name (then it stays for review).

    Example:
        >>> outlet_by_name("عنب بلدي").outlet
        'Enab Baladi'
        >>> outlet_by_name("aljazeera.net").outlet_ar
        'الجزيرة'
        >>> outlet_by_name("الوطن") is None  # a Syrian and an Egyptian daily
        True
    """
    wanted = _name_key(name)
    if not wanted:
        return None
    found = {o for o in (load_outlets() if outlets is None else outlets)
             if wanted in {_name_key(o.outlet), _name_key(o.outlet_ar), _name_key(o.domain)}}
    if len({(o.outlet, o.outlet_ar) for o in found}) != 1:
        return None
    return min(found, key=lambda o: o.domain)


def _name_key(name: str) -> str:
    return " ".join(normalize_for_matching(name).lower().removeprefix("www.").split())
