"""How the embedded store words FalkorDB's refusals, and how it holds Ctrl-C back while
a load swaps its graph in."""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Iterator

from gkg.errors import QueryError, StoreError
from gkg.stores.falkordb.settings import ServerLimits

NOT_LOADED = "the graph store is empty: load the seed first with `gkg load`"


def query_error(message: str, timeout_s: float) -> Exception:
    """The user-facing error for a message FalkorDB refused a query with."""
    if "empty key" in message:
        return StoreError(NOT_LOADED)
    if "read-only" in message:
        return QueryError("this query would write to the graph; gkg runs queries read-only")
    if "timed out" in message.lower():
        return QueryError(
            f"the query ran past its time limit of {timeout_s:g} s and was "
            "stopped; narrow it (fewer patterns, a LIMIT) or raise the limit with "
            "--timeout or GKG_TIMEOUT"
        )
    if "mem consumption exceeded" in message.lower():
        limit = ServerLimits.from_env().query_memory_mb
        return QueryError(
            f"the query needed more than the {limit} MB a query may use and was stopped "
            "(GKG_QUERY_MEMORY_MB sets the limit for a new server)"
        )
    return QueryError(clean_error(message))


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back while the swap and the save run (they take milliseconds), and
    deliver it afterwards: a load is then either not applied, or applied and saved."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:  # Ctrl-C came during the swap: deliver it now, when the outcome is known
        signal.raise_signal(signal.SIGINT)


def clean_error(message: str) -> str:
    """FalkorDB's error text without its internal framing."""
    message = re.sub(r"^errMsg:\s*", "", message.strip())
    message = re.sub(r"\s*errCtx:.*$", "", message, flags=re.S)
    return message
