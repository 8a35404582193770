"""Typed parameter values: text from the command line (or Python values) converted to a
parameter's declared type, and ``key=value`` pairs parsed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from gkg.errors import QueryError

_TRUE = ("true", "yes", "y", "1", "on")
_FALSE = ("false", "no", "n", "0", "off")


def convert(kind: str, value: Any) -> Any:
    """``value`` (a string from the command line, or a Python value) as a ``kind`` value.

    Dates become ISO strings (``YYYY``, ``YYYY-MM`` are filled to the first day), since
    the stores keep dates as ISO strings. :class:`ValueError` says what was expected.
    """
    if kind in ("str", "entity"):
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        text = value.strip()
        if kind == "entity" and not text:
            raise ValueError("expected an entity id, name or alias, got nothing")
        return text
    if kind == "name":
        from gkg.names import lookup_key

        if not isinstance(value, str) or not lookup_key(value):
            raise ValueError(f"expected a name or part of one (letters or digits), got {value!r}")
        return lookup_key(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(f"expected true or false, got {value!r}")
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise ValueError(f"expected a whole number, got {value!r}")
    if kind == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        raise ValueError(f"expected a number, got {value!r}")
    if kind == "date":
        return _iso_date(value)
    raise ValueError(f"unknown parameter type {kind!r}")


def _iso_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        padded = {4: "-01-01", 7: "-01"}.get(len(text), "")
        try:
            return dt.date.fromisoformat(text + padded).isoformat()
        except ValueError:
            pass
    raise ValueError(f"expected a date YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")


def as_of_date(value: Any) -> str:
    """The day an ``--as-of`` value means: a date as given; ``YYYY-MM`` and ``YYYY`` mean
    their last day (everything published in that month or year is known by then)."""
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}", text):
            return f"{text}-12-31"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = int(text[:4]), int(text[5:])
            if 1 <= month <= 12:
                first_next = dt.date(year + month // 12, month % 12 + 1, 1)
                return (first_next - dt.timedelta(days=1)).isoformat()
    try:
        return _iso_date(value)
    except ValueError:
        raise QueryError(
            f"--as-of takes a date YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}"
        ) from None


def parse_assignments(pairs: Sequence[str]) -> dict[str, str]:
    """``key=value`` strings (from ``--param``) as a dict; :class:`QueryError` if malformed."""
    found: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise QueryError(f"--param takes key=value, got {pair!r}")
        if key in found:
            raise QueryError(f"parameter {key!r} is given twice")
        found[key] = value
    return found
