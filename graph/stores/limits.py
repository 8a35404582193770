"""The limits every query runs under, and the checks a query's parameters pass before any
engine sees them. Both adapters enforce these the same way from the user's point of view;
how each engine enforces them lives in its adapter.

Settings (environment, or ``--timeout`` on the command line):

- ``GKG_TIMEOUT``: seconds a query may run (default 30, at most 3600).
- ``GKG_MAX_ROWS``: rows an answer may have before it is cut, with a note (default 1,000,000).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gkg.errors import GkgError, QueryError

DEFAULT_TIMEOUT_S = 30.0
MAX_TIMEOUT_S = 3600.0
DEFAULT_MAX_ROWS = 1_000_000
#: How long a client waits past the engine's own time limit before it gives up on it.
GRACE_S = 5.0
#: Loads write many small batches; each may take this long (the whole load has no limit).
LOAD_STATEMENT_TIMEOUT_S = 600.0

_INT64 = 2**63

#: Notes about what gkg did on the user's behalf (a restarted server, a cut answer). With
#: no logging configured, Python prints warnings of this logger on standard error.
notices = logging.getLogger("gkg")


def notice(message: str) -> None:
    """Tell the user, on standard error, something gkg did that they should know."""
    notices.warning("note: %s", message)


@dataclass(frozen=True)
class QueryLimits:
    """How long a query may run and how many rows its answer may have."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS

    @classmethod
    def from_env(cls, timeout_s: float | None = None) -> QueryLimits:
        """``timeout_s`` if given, else ``GKG_TIMEOUT``; rows from ``GKG_MAX_ROWS``."""
        if timeout_s is None:
            timeout_s = _number("GKG_TIMEOUT", DEFAULT_TIMEOUT_S)
        if not 0 < timeout_s <= MAX_TIMEOUT_S:
            raise GkgError(
                f"the query time limit must be more than 0 and at most {MAX_TIMEOUT_S:g} "
                f"seconds, got {timeout_s:g}"
            )
        rows = int(_number("GKG_MAX_ROWS", DEFAULT_MAX_ROWS))
        if rows < 1:
            raise GkgError(f"GKG_MAX_ROWS must be at least 1, got {rows}")
        return cls(float(timeout_s), rows)


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise GkgError(f"{name} must be a number, got {raw[:40]!r}") from None


def check_params(params: Mapping[str, Any] | None) -> None:
    """:class:`QueryError` for a parameter no engine takes faithfully: an integer outside
    64 bits (engines would clamp it silently), text that is not valid Unicode (a lone
    surrogate), or a map key with a backtick."""
    for name, value in (params or {}).items():
        _check_value(str(name), value, 0)


def _check_value(name: str, value: Any, depth: int) -> None:
    if depth > 32:
        raise QueryError(f"parameter {name!r} is nested more than 32 levels deep")
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return
    if isinstance(value, int):
        if not -_INT64 <= value < _INT64:
            raise QueryError(
                f"parameter {name!r}: {short(str(value), 40)} is outside the 64-bit integer "
                f"range ({-_INT64} to {_INT64 - 1})"
            )
    elif isinstance(value, str):
        check_text(f"parameter {name!r}", value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_value(name, item, depth + 1)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_text(f"parameter {name!r}: a map key", str(key))
            if "`" in str(key):
                raise QueryError(f"parameter {name!r}: a map key may not contain a backtick")
            _check_value(name, item, depth + 1)


def check_text(what: str, text: str) -> None:
    """:class:`QueryError` when ``text`` cannot be sent as UTF-8 (a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise QueryError(
            f"{what} is not valid Unicode text (a lone surrogate U+{ord(text[exc.start]):04X} "
            f"at character {exc.start + 1})"
        ) from None


def short(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


_CSV = re.compile("csv", re.IGNORECASE)


def may_load_csv(query: str) -> bool:
    """True when ``query`` could contain ``LOAD CSV`` (the keyword must appear as letters,
    in any case; a query without them cannot read files or URLs). Such queries are
    checked against the engine's plan before they run."""
    return _CSV.search(query) is not None


LOAD_CSV_REFUSED = (
    "LOAD CSV is not allowed: gkg queries read only the stored graph, never files or URLs"
)
