"""The writes of a load as query texts, written one batch ahead while the server works.

Writing the parameter header of a batch (:mod:`gkg.stores.falkordb.params`) takes about as
long as the server takes to run it; a worker thread writes the next texts while the
connection waits for the reply to the last one (the wait releases the interpreter lock).
The texts, their order and the errors are the same as writing each one in turn: an error
making a text is raised where that text would have been sent.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from typing import Any

from gkg.stores.falkordb.params import params_header
from gkg.stores.ingest import Statement, drop_relabelled

#: Texts written ahead of the one being sent (each a batch of rows, a few MB at most).
AHEAD = 2
_POLL_S = 0.05

#: One write: the query, its parameters, and how many rows it stores (for progress).
Write = tuple[str, Mapping[str, Any], int]


def load_writes(statements: Sequence[Statement], copied: bool) -> Iterator[Write]:
    """Every batch of every statement; on a copied graph a node whose label changed is
    dropped first (:func:`gkg.stores.ingest.drop_relabelled`), on a new one the statement's
    ``CREATE`` form is used where it has one."""
    for statement in statements:
        query = statement.query if copied else statement.fresh_query or statement.query
        for batch in statement.batches():
            if copied and statement.label:
                yield drop_relabelled(statement.label), {"rows": batch}, 0
            yield query, {"rows": batch}, len(batch)


def texts_ahead(
    writes: Iterable[Write], ahead: int = AHEAD
) -> Generator[tuple[str, int], None, None]:
    """``(header + query, rows)`` of each write, in order, made by a worker thread."""
    made: queue.Queue[tuple[str, int] | BaseException | None] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item: tuple[str, int] | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                made.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for query, params, rows in writes:
                if not put((params_header(params) + query if params else query, rows)):
                    return
        except BaseException as exc:  # raised in the caller's thread, in its place
            put(exc)
            return
        put(None)

    worker = threading.Thread(target=work, name="gkg-load-texts", daemon=True)
    worker.start()
    try:
        while (item := made.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()
