"""PackStream, the value encoding of the Bolt protocol: just what :mod:`.bolt_stub` needs
to read a driver's requests and answer them."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Structure:
    """A PackStream structure that is not a message (a node, a date...)."""

    tag: int
    fields: tuple[Any, ...]


class PackStreamError(ValueError):
    """Bytes that are not PackStream."""


def pack(value: Any) -> bytes:
    """PackStream bytes of None, bool, int, float, str, bytes, list or dict."""
    if value is None:
        return b"\xc0"
    if value is True:
        return b"\xc3"
    if value is False:
        return b"\xc2"
    if isinstance(value, int):
        if -16 <= value < 128:
            return struct.pack(">b", value)
        for marker, fmt in ((0xC8, ">b"), (0xC9, ">h"), (0xCA, ">i"), (0xCB, ">q")):
            try:
                return bytes([marker]) + struct.pack(fmt, value)
            except struct.error:
                continue
        raise PackStreamError(f"integer out of range: {value}")
    if isinstance(value, float):
        return b"\xc1" + struct.pack(">d", value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _sized(0x80, (0xD0, 0xD1, 0xD2), len(data)) + data
    if isinstance(value, (bytes, bytearray)):
        return _sized(None, (0xCC, 0xCD, 0xCE), len(value)) + bytes(value)
    if isinstance(value, (list, tuple)):
        return _sized(0x90, (0xD4, 0xD5, 0xD6), len(value)) + b"".join(map(pack, value))
    if isinstance(value, dict):
        body = b"".join(pack(str(k)) + pack(v) for k, v in value.items())
        return _sized(0xA0, (0xD8, 0xD9, 0xDA), len(value)) + body
    raise PackStreamError(f"cannot pack {type(value).__name__}")


def _sized(tiny: int | None, markers: tuple[int, int, int], size: int) -> bytes:
    if tiny is not None and size < 16:
        return bytes([tiny + size])
    for marker, fmt in zip(markers, (">B", ">H", ">I")):
        try:
            return bytes([marker]) + struct.pack(fmt, size)
        except struct.error:
            continue
    raise PackStreamError(f"size out of range: {size}")


def pack_message(tag: int, *fields: Any) -> bytes:
    """One message, chunked (at most 0xFFFF bytes a chunk) and terminated by ``00 00``."""
    body = bytes([0xB0 + len(fields), tag]) + b"".join(pack(f) for f in fields)
    chunks = [body[i : i + 0xFFFF] for i in range(0, len(body), 0xFFFF)]
    return b"".join(struct.pack(">H", len(c)) + c for c in chunks) + b"\x00\x00"


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.at = 0

    def take(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise PackStreamError("truncated PackStream value")
        part = self.data[self.at : self.at + n]
        self.at += n
        return part

    def number(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def value(self) -> Any:
        marker = self.take(1)[0]
        if marker < 0x80:
            return marker
        if marker >= 0xF0:
            return marker - 0x100
        high, low = marker & 0xF0, marker & 0x0F
        if high == 0x80:
            return self.take(low).decode("utf-8")
        if high == 0x90:
            return [self.value() for _ in range(low)]
        if high == 0xA0:
            return self.mapping(low)
        if high == 0xB0:
            tag = self.take(1)[0]
            return Structure(tag, tuple(self.value() for _ in range(low)))
        simple = {0xC0: None, 0xC2: False, 0xC3: True}
        if marker in simple:
            return simple[marker]
        numbers = {0xC1: ">d", 0xC8: ">b", 0xC9: ">h", 0xCA: ">i", 0xCB: ">q"}
        if marker in numbers:
            return self.number(numbers[marker])
        sizes = {0: ">B", 1: ">H", 2: ">I"}
        if marker in (0xCC, 0xCD, 0xCE):
            return self.take(self.number(sizes[marker - 0xCC]))
        if marker in (0xD0, 0xD1, 0xD2):
            return self.take(self.number(sizes[marker - 0xD0])).decode("utf-8")
        if marker in (0xD4, 0xD5, 0xD6):
            return [self.value() for _ in range(self.number(sizes[marker - 0xD4]))]
        if marker in (0xD8, 0xD9, 0xDA):
            return self.mapping(self.number(sizes[marker - 0xD8]))
        raise PackStreamError(f"unknown PackStream marker 0x{marker:02X}")

    def mapping(self, size: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for _ in range(size):
            key = self.value()
            out[key] = self.value()
        return out


def unpack_message(body: bytes) -> tuple[int, list[Any]]:
    """The tag and fields of one de-chunked message."""
    reader = _Reader(body)
    marker = reader.take(1)[0]
    if marker & 0xF0 != 0xB0:
        raise PackStreamError(f"a message must be a structure, got marker 0x{marker:02X}")
    tag = reader.take(1)[0]
    fields = [reader.value() for _ in range(marker & 0x0F)]
    if reader.at != len(body):
        raise PackStreamError("trailing bytes after the message")
    return tag, fields
