"""What Ctrl-C should say about the stored graph at this moment of the process.

Until a load has swapped its new graph in, an interrupted command leaves the stored graph
as it was; once the swap is done (and saved), the new graph is in place whatever happens
next. The load marks that moment with :func:`stored_now`; the console script's Ctrl-C
handler asks :func:`interrupted_message`.
"""

from __future__ import annotations

UNCHANGED = "the stored graph is unchanged"
_now: list[str] = [UNCHANGED]


def stored_now(state: str) -> None:
    """Record what is stored now, for a Ctrl-C that comes later."""
    _now[0] = state


def interrupted_message() -> str:
    """The message for a Ctrl-C now."""
    return f"interrupted; {_now[0]}"


NEW_GRAPH_SAVED = "the load had finished: the NEW graph is in place and saved"
