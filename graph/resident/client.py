"""The launcher's side of the resident: hand a command over, wait for its exit code, pass
Ctrl-C on; or say that it could not, and the command runs in this process as before.

Nothing here may make a command fail that would have worked without the resident: every
problem before the child has started means "run it here".
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Sequence

from gkg.resident import wire

#: The commands that read and print, which analysts run most (and ``--help`` and shell
#: completion); the others (loading, drawing, the server) always run in their own process.
COMMANDS = frozenset({"query", "queries", "cypher", "datasets"})
#: Seconds to wait for the resident to start the child before running the command here.
START_TIMEOUT_S = 10.0
#: Signals passed on to the child (Ctrl-C, a closed terminal, ``kill``).
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


def eligible(args: Sequence[str], command: str | None) -> bool:
    """True when ``args`` may run in the resident (``command`` as the CLI reads it)."""
    if wire.switched_off():
        return False
    if (os.environ.get("_GKG_COMPLETE") or "").strip():
        return True
    return command in COMMANDS or list(args) in ([], ["--help"])


def request() -> bytes:
    """This process's command, as the resident needs it (:data:`wire.FIELDS`, in order)."""
    umask = os.umask(0o077)
    os.umask(umask)
    env = b"\0".join(key + b"=" + value for key, value in os.environb.items())
    return wire.encode(
        [
            wire.PROTOCOL,
            wire.interpreter_fingerprint(),
            wire.stdio_encodings(),
            os.fsencode(os.getcwd()),
            b"\0".join(os.fsencode(arg) for arg in sys.argv),
            env,
            os.fsencode(sys.path[0] if sys.path else ""),
            str(umask).encode(),
            os.fsencode(sys.executable),
        ]
    )


def run_in_resident() -> int | None:
    """The command's exit code when the resident ran it; None when it did not start it
    (no resident, another installation, a setting it cannot honour): run it here."""
    path = wire.socket_path()
    if path is None or not wire.folder_is_private(os.path.dirname(path)):
        return None
    try:
        payload = request()
    except OSError:  # the working folder was removed
        return None
    relay = _Relay()
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(START_TIMEOUT_S)
        conn.connect(path)
        sent = socket.send_fds(conn, [payload], [0, 1, 2])
        if sent < len(payload):
            conn.sendall(payload[sent:])
        reader = conn.makefile("rb")
        first = reader.readline()
    except OSError:
        first = b""
    if not first.startswith(b"pid "):  # refused, or gone before starting: nothing ran
        conn.close()
        return relay.give_up()
    conn.settimeout(None)
    relay.to(int(first[4:]))
    try:
        line = reader.readline()
    except OSError:
        line = b""
    finally:
        conn.close()
    if line.startswith(b"exit "):
        return int(line[5:])
    print(
        f"error: the gkg process running this command (pid {relay.child}) ended before it "
        "finished; its output may be incomplete. Run it again; GKG_RESIDENT=0 runs it "
        "in a process of its own",
        file=sys.stderr,
    )
    return 1


class _Relay:
    """Ctrl-C and the other :data:`FORWARDED` signals, from the moment the request is
    sent: passed on to the child once it is known, held until then."""

    def __init__(self) -> None:
        self.child = 0
        self.held: list[int] = []
        for signum in FORWARDED:
            signal.signal(signum, self._arrived)

    def _arrived(self, signum: int, frame: object) -> None:
        if self.child:
            self._send(signum)
        else:
            self.held.append(signum)

    def _send(self, signum: int) -> None:
        try:
            os.kill(self.child, signum)
        except OSError:  # it has just ended
            pass

    def to(self, child: int) -> None:
        """From now on, signals go to ``child`` (and those held go now)."""
        self.child = child
        for signum in self.held:
            self._send(signum)

    def give_up(self) -> int | None:
        """Nothing was handed over: the signals' usual handling back; 130 when Ctrl-C
        (or another of them) came meanwhile, so the command is not started after all."""
        for signum in FORWARDED:
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if not self.held:
            return None
        from gkg.interrupts import interrupted_message

        print(f"error: {interrupted_message()}", file=sys.stderr)
        return 130


def start_resident() -> None:
    """Start this installation's resident in the background (it gives way at once if one
    is already running). Any failure is ignored: the resident only saves time."""
    path = wire.socket_path()
    if path is None:
        return
    code = "import os; os.chdir('/'); from gkg.resident.server import main; main()"
    devnull = os.devnull
    try:
        os.posix_spawn(
            sys.executable,
            [sys.executable, "-c", code],
            dict(os.environ),
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_OPEN, 2, devnull, os.O_WRONLY, 0),
            ],
            setsid=True,
        )
    except OSError:
        pass
