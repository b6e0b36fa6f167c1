"""Decoding raw article files: encodings, binary files, HTML pages.

:func:`decode_article_bytes` turns a file's bytes into text or a rejection reason;
:func:`html_to_text` extracts the article from an HTML page (trafilatura, offline).

Example:
    >>> decode_article_bytes("القوات".encode("cp1256")).encoding
    'cp1256'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode_article_bytes", "html_to_text", "looks_like_html"]


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding one file: ``text`` (None if rejected), the encoding, a reason."""

    text: str | None
    encoding: str
    reason: str


_MAGIC = [
    (b"%PDF", "a PDF"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP/DOCX archive"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"), (b"\x7fELF", "an executable"),
]
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def _arabic_share(text: str) -> float:
    arabic = len(_ARABIC_LETTER.findall(text))
    letters = arabic + len(_LATIN_LETTER.findall(text))
    return arabic / letters if letters else 0.0


def _decode_legacy_arabic(data: bytes) -> tuple[str, str] | None:
    """Windows-1256 or ISO-8859-6: charset-normalizer's choice, accepted only if mostly Arabic."""
    from charset_normalizer import from_bytes

    candidates: list[str] = []
    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6"]).best()
    if best is not None:
        candidates.append(best.encoding)
    candidates += [e for e in ("cp1256", "iso8859_6") if e not in candidates]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
        if _arabic_share(text) >= 0.6 and control == 0:
            return text, {"iso8859_6": "iso-8859-6"}.get(encoding, encoding)
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.IGNORECASE)
_HTML_MARKUP = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>|&[#A-Za-z0-9]+;", re.IGNORECASE | re.DOTALL)


def _declared_html_charset(data: bytes) -> tuple[str, str] | None:
    """An HTML page's ``<meta charset>`` (or http-equiv content type), if the bytes decode with it
    and the page's text (markup aside) is mostly Arabic; else None."""
    import codecs

    match = _META_CHARSET.search(data[:4096])
    if match is None or not _HTML_START.match(data[:2000].decode("ascii", "replace")):
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    if _arabic_share(_HTML_MARKUP.sub(" ", text)) < 0.6:
        return None
    return text, {"iso8859-6": "iso-8859-6"}.get(name, name)


def decode_article_bytes(data: bytes) -> Decoded:
    """Decode a raw file: UTF-8 (with or without BOM), UTF-16/32 by BOM, else the charset an HTML
    page declares (``<meta charset="windows-1256">``), else Windows-1256 or ISO-8859-6
    (charset-normalizer); a legacy decoding is accepted only if the text is mostly Arabic letters.
    Empty, whitespace-only and binary files are rejected with the reason.

    Example:
        >>> decode_article_bytes("القوات".encode("cp1256")).encoding
        'cp1256'
        >>> decode_article_bytes(b"%PDF-1.7 ...").reason
        'binary file (a PDF): extract its text and save it as a UTF-8 .txt file'
    """
    if not data or data.isspace():  # (no stripped copy of the file is made)
        return Decoded(None, "", "empty or whitespace-only file: delete it or put the article text in it")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return Decoded(None, "", f"binary file ({kind}): extract its text and save it as a UTF-8 .txt file")
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, "")
            except UnicodeDecodeError as error:
                return Decoded(None, encoding, f"starts with a {encoding} byte-order mark but does not decode "
                                               f"(byte {error.start}): re-save it as UTF-8")
    if b"\x00" in data:
        return Decoded(None, "", "binary file (NUL bytes, no UTF-16 byte-order mark): "
                                 "save the article as UTF-8 text")
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig", "")
        return Decoded(data.decode("utf-8"), "utf-8", "")
    except UnicodeDecodeError:
        pass
    declared = _declared_html_charset(data)
    if declared is not None:
        return Decoded(declared[0], declared[1], "")
    legacy = _decode_legacy_arabic(data)
    if legacy is not None:
        return Decoded(legacy[0], legacy[1], "")
    return Decoded(None, "", "not UTF-8, UTF-16, or Arabic in Windows-1256/ISO-8859-6: "
                             "find the file's encoding and re-save it as UTF-8")




def looks_like_html(name: str, text: str) -> bool:
    """True for a ``.html``/``.htm`` file, or text that starts like an HTML document.

    Example:
        >>> looks_like_html("a.txt", "<!DOCTYPE html><html>"), looks_like_html("a.txt", "خبر")
        (True, False)
    """
    return name.lower().endswith((".html", ".htm")) or _HTML_START.match(text[:2000]) is not None


def html_to_text(html: str) -> str | None:
    """Article text of an HTML page (trafilatura, offline: the HTML string is passed, no URL)."""
    import trafilatura

    document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        return None
    text = str(document.text)
    title = (document.title or "").strip()
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    return text

