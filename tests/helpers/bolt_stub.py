"""A minimal Bolt server for tests only: it refuses every login, like Neo4j given a wrong
password, and records every byte it received.

    with BoltStub() as stub:                      # 127.0.0.1, ephemeral port
        ...connect to stub.uri (bolt://127.0.0.1:PORT)...
    stub.connections[0].auth_message.fields[0]["credentials"]

What it speaks (the subset of Bolt the ``neo4j`` Python driver uses to log in):

* the handshake: the ``60 60 B0 17`` magic and four 4-byte version proposals
  ``[reserved, range, minor, major]``; the stub agrees on its configured 5.x version when
  a proposal covers it, either with a plain 4-byte answer (``handshake="v1"``) or with the
  manifest-v1 exchange (``handshake="manifest"``: ``00 00 01 FF``, a varint count of
  offerings, the offerings, a varint of capabilities; then the client's choice and its
  capabilities varint);
* chunked messages (``u16`` size, data, ..., ``00 00``) of PackStream structures;
* HELLO: for Bolt 5.0 it carries the credentials and is answered with FAILURE; from
  Bolt 5.1 on it carries none and is answered with SUCCESS, and the LOGON that follows is
  answered with FAILURE. The FAILURE is ``{code: "Neo.ClientError.Security.Unauthorized",
  message: ...}`` before Bolt 5.7 and its GQL form (``neo4j_code``, ``gql_status``,
  ``description``, ``diagnostic_record``) from 5.7 on, as the driver expects. After it the
  stub half-closes, like a server that drops a connection whose login failed, and reads
  on until the client closes, so nothing the client sends afterwards goes unrecorded;
* RESET and TELEMETRY before the login: SUCCESS; GOODBYE: the connection ends; anything
  else before the login: FAILURE ``Neo.ClientError.Request.Invalid``.

With ``silent=True`` it accepts connections and records what comes, but never answers:
a server that hangs.

Bounded: it listens on a loopback address only, every socket has a timeout, it serves at
most ``max_connections`` connections (later ones are closed at once and counted in
``refused``), and leaving the ``with`` block stops it and its threads.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Any

from tests.helpers.packstream import PackStreamError, pack_message, unpack_message

MAGIC = b"\x60\x60\xb0\x17"
#: The proposal that announces the manifest-style handshake (version 1).
MANIFEST_V1 = b"\x00\x00\x01\xff"
UNAUTHORIZED = "Neo.ClientError.Security.Unauthorized"
UNAUTHORIZED_MESSAGE = "The client is unauthorized due to authentication failure."
#: The first Bolt version whose FAILURE metadata is GQL-shaped (``neo4j_code`` ...).
GQL_ERRORS = (5, 7)

REQUEST_NAMES = {
    0x01: "HELLO",
    0x02: "GOODBYE",
    0x0F: "RESET",
    0x10: "RUN",
    0x11: "BEGIN",
    0x12: "COMMIT",
    0x13: "ROLLBACK",
    0x2F: "DISCARD",
    0x3F: "PULL",
    0x54: "TELEMETRY",
    0x66: "ROUTE",
    0x6A: "LOGON",
    0x6B: "LOGOFF",
}
SUCCESS, IGNORED, FAILURE = 0x70, 0x7E, 0x7F


# --- what was received -----------------------------------------------------------------


@dataclass
class Message:
    """One request: its name, fields, and its bytes exactly as they came (chunked)."""

    name: str
    tag: int
    fields: list[Any]
    raw: bytes


@dataclass
class Connection:
    """One client connection and everything it sent."""

    peer: tuple[Any, ...]
    received: bytearray = field(default_factory=bytearray)
    handshake: bytes = b""
    version: tuple[int, int] | None = None
    messages: list[Message] = field(default_factory=list)
    error: str | None = None

    @property
    def auth_message(self) -> Message | None:
        """The message that carried the credentials: HELLO (Bolt 5.0) or LOGON (5.1+)."""
        name = "LOGON" if self.version and self.version >= (5, 1) else "HELLO"
        return next((m for m in self.messages if m.name == name), None)

    def names(self) -> list[str]:
        return [m.name for m in self.messages]


class _Closed(Exception):
    """The client closed its end (or went quiet past the timeout)."""


# --- the server ------------------------------------------------------------------------


class BoltStub:
    """A Bolt server on ``host`` (loopback only) that refuses every login."""

    def __init__(
        self,
        *,
        version: tuple[int, int] = (5, 4),
        handshake: str = "v1",
        host: str = "127.0.0.1",
        max_connections: int = 32,
        timeout: float = 5.0,
        silent: bool = False,
    ):
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the Bolt stub listens on loopback addresses only, not {host}")
        if version[0] != 5:
            raise ValueError("the Bolt stub speaks Bolt 5.x only")
        if handshake not in ("v1", "manifest"):
            raise ValueError("handshake is 'v1' or 'manifest'")
        self.version = version
        self.handshake = handshake
        self.host = host
        self.max_connections = max_connections
        self.timeout = timeout
        self.silent = silent
        self.connections: list[Connection] = []
        self.refused = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.port = 0

    # --- life cycle ---------------------------------------------------------------------

    @property
    def uri(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"bolt://{host}:{self.port}"

    def __enter__(self) -> BoltStub:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.bind((self.host, 0))
        listener.listen(16)
        listener.settimeout(0.05)
        self._listener = listener
        self.port = listener.getsockname()[1]
        thread = threading.Thread(target=self._serve, name="bolt-stub", daemon=True)
        self._threads.append(thread)
        thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop accepting, end every open connection and wait for the threads."""
        self._stop.set()
        serving = self._threads[0] if self._threads else None
        if serving is not None:
            serving.join(timeout=self.timeout + 1)  # nothing more is accepted after this
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            handlers = self._threads[1:]
            for conn in self._open:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        for thread in handlers:
            thread.join(timeout=self.timeout + 1)

    # --- serving ------------------------------------------------------------------------

    def _serve(self) -> None:
        assert self._listener is not None
        while not self._stop.is_set():
            try:
                conn, peer = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                if len(self.connections) >= self.max_connections:
                    self.refused += 1
                    conn.close()
                    continue
                record = Connection(peer=peer)
                self.connections.append(record)
                self._open.add(conn)
            thread = threading.Thread(
                target=self._handle, args=(conn, record), name="bolt-stub-conn", daemon=True
            )
            with self._lock:
                self._threads.append(thread)
            thread.start()

    def _handle(self, conn: socket.socket, record: Connection) -> None:
        conn.settimeout(self.timeout)
        try:
            if self.silent:
                self._swallow(conn, record)
            elif self._handshake(conn, record):
                self._converse(conn, record)
        except _Closed:
            pass
        except (OSError, PackStreamError, UnicodeDecodeError) as exc:
            record.error = f"{type(exc).__name__}: {exc}"
        finally:
            with self._lock:
                self._open.discard(conn)
            conn.close()

    def _recv(self, conn: socket.socket, record: Connection, n: int) -> bytes:
        data = bytearray()
        while len(data) < n:
            try:
                part = conn.recv(n - len(data))
            except TimeoutError:
                raise _Closed from None
            if not part:
                raise _Closed
            data += part
            record.received += part
        return bytes(data)

    def _swallow(self, conn: socket.socket, record: Connection) -> None:
        """Record whatever comes until the client closes; answer nothing."""
        while not self._stop.is_set():
            self._recv(conn, record, 1)

    def _recv_varint(self, conn: socket.socket, record: Connection) -> int:
        value = shift = 0
        while True:
            byte = self._recv(conn, record, 1)[0]
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    def _handshake(self, conn: socket.socket, record: Connection) -> bool:
        opening = self._recv(conn, record, 20)
        record.handshake = opening
        if opening[:4] != MAGIC:
            record.error = f"not Bolt: the magic was {opening[:4].hex()}"
            return False
        major, minor = self.version
        covered = False
        proposals = [opening[i : i + 4] for i in range(4, 20, 4)]
        manifest_offered = MANIFEST_V1 in proposals
        for proposal in proposals:
            _, span, top, top_major = proposal
            if proposal != MANIFEST_V1 and top_major == major:
                covered = covered or top - span <= minor <= top
        if self.handshake == "manifest":
            if not manifest_offered:
                conn.sendall(b"\x00\x00\x00\x00")
                record.error = "the client offered no handshake manifest"
                return False
            conn.sendall(MANIFEST_V1 + b"\x01" + bytes([0, 0, minor, major]) + b"\x00")
            chosen = self._recv(conn, record, 4)
            self._recv_varint(conn, record)  # the client's capabilities
            if chosen[2:] != bytes([minor, major]):
                record.error = f"the client chose {chosen.hex()}"
                return False
        else:
            if not covered:
                conn.sendall(b"\x00\x00\x00\x00")
                record.error = f"the client did not offer Bolt {major}.{minor}"
                return False
            conn.sendall(bytes([0, 0, minor, major]))
        record.version = self.version
        return True

    def _read_message(self, conn: socket.socket, record: Connection) -> Message:
        raw = bytearray()
        body = bytearray()
        while True:
            header = self._recv(conn, record, 2)
            raw += header
            size = struct.unpack(">H", header)[0]
            if size == 0:
                if body:
                    break
                continue  # a NOOP chunk between messages
            chunk = self._recv(conn, record, size)
            raw += chunk
            body += chunk
        tag, fields = unpack_message(bytes(body))
        return Message(REQUEST_NAMES.get(tag, f"0x{tag:02X}"), tag, fields, bytes(raw))

    def _converse(self, conn: socket.socket, record: Connection) -> None:
        auth_name = "LOGON" if self.version >= (5, 1) else "HELLO"
        while not self._stop.is_set():
            message = self._read_message(conn, record)
            record.messages.append(message)
            if message.name == "GOODBYE":
                return
            if message.name == auth_name:
                conn.sendall(pack_message(FAILURE, self._unauthorized()))
                conn.shutdown(socket.SHUT_WR)  # the login failed: this connection is over
                self._drain(conn, record)
                return
            if message.name == "HELLO":
                conn.sendall(
                    pack_message(SUCCESS, {"server": "Neo4j/5.26.0", "connection_id": "bolt-stub"})
                )
            elif message.name in ("RESET", "TELEMETRY"):
                conn.sendall(pack_message(SUCCESS, {}))
            else:
                conn.sendall(
                    pack_message(
                        FAILURE,
                        self._failure(
                            "Neo.ClientError.Request.Invalid",
                            f"{message.name} before a successful login",
                        ),
                    )
                )

    def _drain(self, conn: socket.socket, record: Connection) -> None:
        """Record what the client still sends (a GOODBYE, say) until it closes."""
        while True:
            try:
                record.messages.append(self._read_message(conn, record))
            except (_Closed, OSError):
                return

    def _unauthorized(self) -> dict[str, Any]:
        return self._failure(UNAUTHORIZED, UNAUTHORIZED_MESSAGE)

    def _failure(self, code: str, message: str) -> dict[str, Any]:
        if self.version < GQL_ERRORS:
            return {"code": code, "message": message}
        return {
            "neo4j_code": code,
            "message": message,
            "gql_status": "42NFF",
            "description": "error: syntax error or access rule violation - "
            "permission/access denied. Access denied, see the security logs for details.",
            "diagnostic_record": {
                "OPERATION": "",
                "OPERATION_CODE": "0",
                "CURRENT_SCHEMA": "/",
                "_classification": "CLIENT_ERROR",
            },
        }
