"""The ``gkg`` console script: Ctrl-C handled from the first moment, then the Typer app.

Typer turns KeyboardInterrupt into a silent exit; gkg instead raises its own
:class:`Interrupted` from the SIGINT handler, so the user always gets one short message,
and code in between (a load) can clean up on the way out.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

from gkg.errors import GkgError
from gkg.interrupts import interrupted_message


class Interrupted(BaseException):
    """The user pressed Ctrl-C. Like KeyboardInterrupt, a BaseException, so that no
    ``except Exception`` on the way (ours or a library's) can swallow it."""

    exit_code = 130


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(interrupted_message())


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGINT, _interrupt)
    try:
        from gkg.cli import build_app

        build_app(sys.argv[1:])()
    except (GkgError, Interrupted) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # `gkg ... | head`
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # a bug in gkg: say so in one line; GKG_DEBUG=1 shows the trace
        if os.environ.get("GKG_DEBUG"):
            raise
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); "
            "run again with GKG_DEBUG=1 to see where, and please report it",
            file=sys.stderr,
        )
        sys.exit(1)
