"""One load at a time per data folder: an exclusive ``flock`` on ``load.lock`` in it,
re-entrant within one store object; a load that has to wait for another says so."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from gkg.stores.limits import notice

WAITING = "another load of this data folder is running; waiting for it to finish"


class FolderLock:
    """The load lock of the data folder ``home``."""

    def __init__(self, home: Path) -> None:
        self.path = home / "load.lock"
        self._depth = 0

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock inside the block (at once when this object already holds it)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with open(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                notice(WAITING)
                fcntl.flock(handle, fcntl.LOCK_EX)
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
                fcntl.flock(handle, fcntl.LOCK_UN)
