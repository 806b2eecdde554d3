"""The text encodings safeguard reads files in: UTF-8 by default, or one the user names
(``--encoding cp1252`` for a CSV that Excel on Windows saved as "CSV (Comma delimited)")."""

from __future__ import annotations

import codecs

DEFAULT = "utf-8"

#: Said when a file is not in the encoding it was read in, and that was the default.
NAME_IT = (
    "save the file as UTF-8, or name its encoding with --encoding (a CSV that Excel on Windows "
    "saved as 'CSV (Comma delimited)' is usually --encoding cp1252)"
)


class UnknownEncoding(ValueError):
    """An encoding name safeguard cannot read files in; the message says why, in words."""


def text_encoding(name: str | None) -> str:
    """The codec name for ``name`` (None: UTF-8), checked: known to Python, and one that writes
    line ends, commas, quotes and braces as plain ASCII does, since files are read line by line
    before they are decoded (UTF-16 and UTF-32 do not; save such a file as UTF-8)."""
    if not name:
        return DEFAULT
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UnknownEncoding(
            f"unknown encoding {name!r}; name one Python knows, such as utf-8, cp1252 or latin-1"
        ) from None
    if info.name == "utf-8-sig":  # a byte-order mark is skipped in any case
        return DEFAULT
    probe = '\n\r,;\t"{}:abcXYZ019'
    try:
        plain = probe.encode(info.name) == probe.encode("ascii")
    except (UnicodeError, LookupError):  # LookupError: not a text encoding (rot13, base64)
        plain = False
    if not plain:
        raise UnknownEncoding(
            f"safeguard cannot read files in {name!r}: it reads encodings that write plain "
            "letters, digits, commas and line ends as ASCII does (utf-8, cp1252, latin-1, ...); "
            "save the file as UTF-8"
        )
    return info.name


def display_name(codec: str) -> str:
    """The encoding as people write it: "UTF-8", "cp1252"."""
    return "UTF-8" if codecs.lookup(codec).name == "utf-8" else codec
