"""One command in a child forked from the resident: become the client's process (its
standard streams, working folder, environment, arguments, umask), run the command the way
the console script does, and report the exit code."""

from __future__ import annotations

import io
import os
import signal
import socket
import sys


def run_child(conn: socket.socket, fields: list[bytes], fds: list[int]) -> None:
    """Run the request in this (forked) process; never returns."""
    code = 1
    try:
        become_client(fields, fds)
        conn.sendall(f"pid {os.getpid()}\n".encode())
    except BaseException:  # nothing ran; the client runs the command itself
        os._exit(1)
    try:
        from gkg.launch import run_here

        code = run_here(sys.argv[1:])
    except BaseException:
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
    try:
        conn.sendall(f"exit {code}\n".encode())
    finally:
        os._exit(0)


def become_client(fields: list[bytes], fds: list[int]) -> None:
    """Take on the client's streams, folder, environment, arguments and umask."""
    _, _, encodings, cwd, argv, env, path0, umask, executable = fields  # wire.FIELDS
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    fds.clear()
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)
    os.chdir(cwd)
    os.umask(int(umask))
    os.environb.clear()
    for item in env.split(b"\0") if env else ():
        key, _, value = item.partition(b"=")
        os.environb[key] = value
    sys.argv = [os.fsdecode(arg) for arg in argv.split(b"\0")]
    sys.executable = os.fsdecode(executable)  # ``python`` or ``python3``, as the caller ran
    if sys.path:
        sys.path[0] = os.fsdecode(path0)
    streams = [part.split(":", 1) for part in encodings.decode().split("\0")]
    sys.stdin = _text_stream(0, "rb", *streams[0], line_buffering=False)
    sys.stdout = _text_stream(1, "wb", *streams[1], line_buffering=os.isatty(1))
    sys.stderr = _text_stream(2, "wb", *streams[2], line_buffering=True)


def _text_stream(
    fd: int, mode: str, encoding: str, errors: str, *, line_buffering: bool
) -> io.TextIOWrapper:
    """A standard stream over ``fd`` as the client's Python would have made it."""
    raw = open(fd, mode, closefd=False)  # noqa: SIM115  (lives as long as the process)
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, line_buffering=line_buffering)
