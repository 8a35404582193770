"""The ``gkg`` console script: hand a reading command to the resident gkg when one is
running (:mod:`gkg.resident`), else run it here: Ctrl-C handled from the first moment,
then the Typer app.

Typer turns KeyboardInterrupt into a silent exit; gkg instead raises its own
:class:`Interrupted` from the SIGINT handler, so the user always gets one short message,
and code in between (a load) can clean up on the way out.

Only the standard library and :mod:`gkg.resident.client` are imported before the
command is known to need more.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType


class Interrupted(BaseException):
    """The user pressed Ctrl-C. Like KeyboardInterrupt, a BaseException, so that no
    ``except Exception`` on the way (ours or a library's) can swallow it."""

    exit_code = 130


def _interrupt(signum: int, frame: FrameType | None) -> None:
    from gkg.interrupts import interrupted_message

    raise Interrupted(interrupted_message())


def main() -> None:
    """Console-script entry point."""
    args = sys.argv[1:]
    from gkg.cli import command_of
    from gkg.resident import client

    if client.eligible(args, command_of(args)):
        code = client.run_in_resident()
        if code is not None:
            sys.exit(code)
        client.start_resident()
    sys.exit(run_here(args))


def run_here(args: Sequence[str]) -> int:
    """Run the command in this process; its exit code."""
    signal.signal(signal.SIGINT, _interrupt)
    try:
        from gkg.cli import build_app

        build_app(args)(args=list(args))
    except SystemExit as exc:
        return _exit_code(exc.code)
    except Interrupted as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `gkg ... | head`
        sys.stderr.close()
        return 0
    except Exception as exc:
        from gkg.errors import GkgError

        if isinstance(exc, GkgError):
            print(f"error: {exc}", file=sys.stderr)
            return exc.exit_code
        if os.environ.get("GKG_DEBUG"):  # a bug in gkg: one line; GKG_DEBUG=1 shows the trace
            raise
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); "
            "run again with GKG_DEBUG=1 to see where, and please report it",
            file=sys.stderr,
        )
        return 1
    return 0


def _exit_code(code: object) -> int:
    """What ``sys.exit(code)`` would make the process's exit status (printing a message)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
