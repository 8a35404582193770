"""Time in gkg: dates with a precision, when a source became known, and which claim of a
fact is current at a knowledge date.

*Valid time* is when a fact holds in the world (``validFrom``/``validTo``); *knowledge
time* is when a source stating it was published (its effective date). One implementation
of the selection rules lives here; the loader stores its results (``currentFrom``,
``currentUntil`` on every claim) and the as-of view reuses them, so Cypher never ranks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Precisions of a ``when`` value, from the form it is written in.
PRECISIONS = ("day", "month", "year", "before")
_FORM = re.compile(
    r"^(?:(?P<before>before)\s+)?(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$"
)


@dataclass(frozen=True)
class When:
    """A point in time as a source gives it: the first and last day it can mean, and how
    exact it is (``before``: no later than ``last``, the exact day unknown)."""

    first: str
    last: str
    precision: str

    def stored(self, end: bool) -> str:
        """The ISO date stored: the first day it can mean, or the last for an end (and for
        ``before``, where only the latest possible day is known)."""
        return self.last if end or self.precision == "before" else self.first


def parse_when(value: Any) -> When:
    """A ``when`` from a seed value: a date, a year number, ``YYYY``, ``YYYY-MM``,
    ``YYYY-MM-DD`` or ``before`` followed by one of these. :class:`ValueError` otherwise."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date, got a timestamp {value.isoformat()}")
    if isinstance(value, dt.date):
        day = value.isoformat()
        return When(day, day, "day")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(
            f"expected a date such as 2022-07-01, 2022-07, 2022 or 'before 2019', got {value!r}"
        )
    match = _FORM.match(value.strip())
    if not match:
        raise ValueError(
            f"expected a date such as 2022-07-01, 2022-07, 2022 or 'before 2019', got {value!r}"
        )
    year, month, day = match["year"], match["month"], match["day"]
    try:
        if day:
            first = last = dt.date(int(year), int(month), int(day)).isoformat()
            precision = "day"
        elif month:
            if not 1 <= int(month) <= 12:
                raise ValueError
            end = calendar.monthrange(int(year), int(month))[1]
            first, last = f"{year}-{month}-01", f"{year}-{month}-{end:02d}"
            precision = "month"
        else:
            first, last, precision = f"{year}-01-01", f"{year}-12-31", "year"
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    if match["before"]:
        precision = "before"
    return When(first, last, precision)


def effective_date(published: str, precision: str | None) -> str:
    """The latest day a source can have been out by: its day; the last day of its month or
    year; for ``not-before`` the date given (only a lower bound is known)."""
    day = dt.date.fromisoformat(published)
    if precision == "month":
        end = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=end).isoformat()
    if precision == "year":
        return day.replace(month=12, day=31).isoformat()
    return day.isoformat()


@dataclass
class Statement:
    """One claim as stated by one source: what selection needs to know about it."""

    id: str
    value_text: str
    known: str
    rank: str = "normal"
    key: str = ""
    supersedes: tuple[str, ...] = ()
    valid: str = ""
    current_from: str | None = None
    current_until: str | None = None
    replaces: str | None = None


def _best(known: list[Statement]) -> Statement | None:
    superseded = {k for s in known for k in s.supersedes}
    candidates = [s for s in known if s.rank != "deprecated" and s.key not in superseded]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (s.rank == "preferred", s.known, s.valid, s.key, s.id))


def select_current(statements: Sequence[Statement]) -> None:
    """Fill ``current_from``, ``current_until`` and ``replaces`` of every statement of one
    fact by the rules: deprecated and superseded claims are never current; then
    ``preferred`` beats ``normal``; then the newest source; then the later valid time.

    Knowledge only grows at source dates, so each date is tried in turn; a statement is
    current from the first date it wins until the first date another one does."""
    dates = sorted({s.known for s in statements})
    previous: Statement | None = None
    for day in dates:
        best = _best([s for s in statements if s.known <= day])
        if best is previous:
            continue
        if previous is not None and previous.current_until is None:
            previous.current_until = day
        if best is not None and best.current_from is None:
            best.current_from = day
            best.replaces = previous.id if previous is not None else None
        previous = best


def ties(statements: Sequence[Statement]) -> list[tuple[Statement, Statement]]:
    """Pairs of statements that rank equally on the same knowledge date with different
    values: the rules cannot choose between them, so the seed must (rank or supersedes)."""
    found: list[tuple[Statement, Statement]] = []
    for day in sorted({s.known for s in statements}):
        known = [s for s in statements if s.known <= day]
        best = _best(known)
        if best is None:
            continue
        for other in known:
            if (
                other is not best
                and other.value_text != best.value_text
                and other.rank == best.rank
                and other.known == best.known
                and other.valid == best.valid
                and other.key not in {k for s in known for k in s.supersedes}
                and other.rank != "deprecated"
            ):
                found.append((best, other))
    return found


def value_text(value: Any) -> str:
    """A claim's value as text, to compare and show values of any type."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    return str(value)
