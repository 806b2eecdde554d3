"""Cells for CSV files that people open in a spreadsheet.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets ("formula injection"): a record id such as
``=HYPERLINK(...)`` could send data away or mislead the reader. :func:`safe_cell` puts an
apostrophe in front of such a cell, which the spreadsheet shows as text.

Used for the CSV files the app writes for people to read (the access-log download). The
records export (``safeguard export``) is NOT passed through here: it is the lossless exchange
format that ``safeguard import`` reads back, so every value must come back exactly as it was
stored; an apostrophe would change the data. Open it with a tool that reads CSV as text.
"""

from __future__ import annotations

from collections.abc import Iterable

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """``value`` as text, with a leading apostrophe if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def safe_row(values: Iterable[object]) -> list[str]:
    return [safe_cell(v) for v in values]
