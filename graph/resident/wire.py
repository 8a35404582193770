"""Where the resident gkg listens, and what a request carries.

One resident per user and installation: the socket is named after the Python environment
and the folder gkg is imported from, in a folder only this user can enter
(``GKG_RESIDENT_DIR``, else ``$XDG_RUNTIME_DIR/gkg``, else ``$TMPDIR/gkg-<uid>`` or
``/tmp/gkg-<uid>``). A request is a list of byte strings, each sent with its length; the
client's standard input, output and error travel beside it as file descriptors.

Standard library only (``os``, ``sys``, ``zlib``): the launcher imports this before it
knows whether anything else is needed.
"""

from __future__ import annotations

import os
import stat
import sys
import zlib

#: Bumped whenever the request's fields change.
PROTOCOL = b"gkg-resident-3"
#: A request's fields, in order (built by :func:`gkg.resident.client.request`).
FIELDS = (
    "protocol", "fingerprint", "encodings", "cwd", "argv", "env", "path0", "umask", "executable",
)  # fmt: skip
#: ``GKG_RESIDENT=0`` (or ``off``, ``no``, ``false``) runs every command in its own process.
SWITCH_ENV = "GKG_RESIDENT"
#: The folder of the socket, pid file and lock (tests give each session its own).
DIR_ENV = "GKG_RESIDENT_DIR"
#: Environment variables read when a module is imported (Typer's): a request whose values
#: differ from the resident's is run in a process of its own, never with stale settings.
IMPORT_TIME_ENV = ("TYPER_USE_RICH", "TERMINAL_WIDTH", "_TYPER_FORCE_DISABLE_TERMINAL")
#: sun_path holds 108 bytes with its final NUL; keep a margin.
MAX_SOCKET_BYTES = 100


def switched_off() -> bool:
    """True when the user turned the resident off."""
    return os.environ.get(SWITCH_ENV, "").strip().lower() in ("0", "off", "no", "false")


def package_dir() -> str:
    """The folder the running gkg is imported from."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def folder() -> str:
    """The folder of this user's resident sockets."""
    chosen = os.environ.get(DIR_ENV)
    if chosen:
        return os.path.abspath(chosen)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        return os.path.join(runtime, "gkg")
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"gkg-{os.getuid()}")


def base_name() -> str:
    """``resident-<checksum>``: the same for every process of one installation (its
    environment's prefix, so ``python`` and ``python3`` of one venv share it, and the
    folder gkg is imported from)."""
    key = os.fsencode(sys.prefix) + b"\0" + os.fsencode(package_dir())
    return f"resident-{zlib.crc32(key):08x}"


def socket_path() -> str | None:
    """The resident's socket, or None when its path would not fit in a unix address."""
    path = os.path.join(folder(), base_name() + ".sock")
    return path if len(os.fsencode(path)) <= MAX_SOCKET_BYTES else None


def folder_is_private(path: str) -> bool:
    """True when ``path`` is a real folder of this user that nobody else may enter."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not stat.S_IMODE(info.st_mode) & 0o077
    )


def stdio_encodings() -> bytes:
    """How this process encodes its standard streams (``encoding:errors`` each)."""
    parts = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        errors = getattr(stream, "errors", None) or "strict"
        parts.append(f"{encoding}:{errors}")
    return "\0".join(parts).encode()


def interpreter_fingerprint() -> bytes:
    """What must match between the client and the resident for the child to behave as
    this process would: interpreter, gkg's folder, module path (after its first entry,
    the script's own folder), flags, import-time settings and the process's limits."""
    settings = "\0".join(f"{name}={os.environ.get(name, '')}" for name in IMPORT_TIME_ENV)
    return b"\1".join(
        (
            os.fsencode(os.path.realpath(sys.executable)),
            os.fsencode(sys.prefix),
            os.fsencode(package_dir()),
            os.fsencode("\0".join(sys.path[1:])),
            repr(sys.flags).encode(),
            settings.encode(),
            process_limits(),
        )
    )


def process_limits() -> bytes:
    """This process's resource limits (``ulimit``), niceness (``nice``) and control group:
    the resident's child has the resident's, so a caller with others (``ulimit -v``, say)
    runs its command in its own process, under its own limits."""
    import resource

    limits = [
        f"{name}={resource.getrlimit(getattr(resource, name))}"
        for name in dir(resource)
        if name.startswith("RLIMIT_")
    ]
    limits.append(f"nice={os.getpriority(os.PRIO_PROCESS, 0)}")
    try:
        with open("/proc/self/cgroup", "rb") as groups:
            limits.append(groups.read().decode(errors="replace"))
    except OSError:
        pass
    return "\0".join(limits).encode()


def encode(fields: list[bytes]) -> bytes:
    """Each field with its length (4 bytes, big-endian) in front, after the total length."""
    body = b"".join(len(field).to_bytes(4, "big") + field for field in fields)
    return len(body).to_bytes(4, "big") + body


def decode(body: bytes) -> list[bytes]:
    """The fields of a request body (without its total length)."""
    fields: list[bytes] = []
    at = 0
    while at < len(body):
        size = int.from_bytes(body[at : at + 4], "big")
        fields.append(body[at + 4 : at + 4 + size])
        at += 4 + size
    if at != len(body):
        raise ValueError("a request field runs past the end of the request")
    return fields
