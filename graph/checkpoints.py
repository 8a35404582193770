"""Named points in long jobs where tests can act deterministically, instead of guessing
with timers: ``GKG_TEST_AT=<point>`` with ``GKG_TEST_DO=sigint`` sends Ctrl-C to this
process when it reaches that point; ``GKG_TEST_DO=kill-server`` kills the embedded server
there (the caller passes its pid). Unset (always, outside tests), a checkpoint does nothing.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable


def checkpoint(point: str, server_pid: Callable[[], int | None] | None = None) -> None:
    """Act here if a test asked for it (see the module docstring)."""
    if os.environ.get("GKG_TEST_AT") != point:
        return
    action = os.environ.get("GKG_TEST_DO", "sigint")
    if action == "sigint":
        os.kill(os.getpid(), signal.SIGINT)
    elif action == "kill-server" and server_pid is not None:
        pid = server_pid()
        if pid:
            os.kill(pid, signal.SIGKILL)
