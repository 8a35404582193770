"""The ``CYPHER name=value ...`` parameter header FalkorDB reads, written fast.

The falkordb client builds this header in Python, one recursive call per value; for the
hundreds of thousands of rows a big load sends, that is a large share of the load time.
:func:`params_header` writes the very same text (the tests compare it byte for byte with
the client's) with one type dispatch per value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def literal(value: Any) -> str:
    """``value`` as FalkorDB's parameter syntax writes it (text, number, bool, list, map)."""
    kind = type(value)
    if kind is str:
        text: str = value
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind is list or kind is tuple:
        return "[" + ",".join(map(literal, value)) + "]"
    if kind is dict:
        return "{" + ",".join(f"`{_key(k)}`:{literal(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "null"
    if kind is int or kind is float or kind is bool:
        return str(value)
    raise TypeError(f"cannot send a {kind.__name__} as a query parameter")


def params_header(params: Mapping[str, Any]) -> str:
    """The header that precedes a query: ``CYPHER `rows`=[...] `stamp`="..." ``."""
    return "CYPHER " + "".join(f"`{_key(k)}`={literal(v)} " for k, v in params.items())


def _key(key: Any) -> str:
    text = str(key)
    if not text or "`" in text:
        raise ValueError(f"parameter or map key {text!r} cannot be sent to FalkorDB")
    return text
