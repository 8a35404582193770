"""The one way a value is written for people: tables, tooltips, details panels, the report.

Years never get thousands separators (``2020``, not ``2,020``); other integers from 10,000
up are grouped (``15,300,000,000``); booleans read ``yes``/``no``; lists are joined with
``, ``; graph elements read as in tables (``Name (id)``, ``a -TYPE-> b``). JSON and CSV keep
exact values and do not use this.
"""

from __future__ import annotations

from typing import Any

from gkg.model import LIST_SEPARATOR, Node, Path, Relationship, cell_text

#: Integers at least this large (in size) are written with thousands separators.
GROUP_FROM = 10_000


def is_year_key(key: str) -> bool:
    """A property or column that holds a calendar year (``year``, ``startYear``, ``since``)."""
    lowered = key.lower()
    return lowered.endswith("year") or lowered in {"since", "until"}


def format_value(value: Any, *, key: str = "") -> str:
    """``value`` as text for people; ``key`` is its property or column name, if known."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        if is_year_key(key) or abs(value) < GROUP_FROM:
            return str(value)
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return format_value(int(value), key=key)
        return repr(value)
    if isinstance(value, (Node, Relationship, Path)):
        return cell_text(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(format_value(v, key=key) for v in value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{k}: {format_value(v, key=str(k))}" for k, v in value.items())
    return str(value)
