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
    if kind is dict:
        return _map(value)
    if kind is list or kind is tuple:
        return "[" + ",".join(map(literal, value)) + "]"
    if value is None:
        return "null"
    if kind is int or kind is float or kind is bool:
        return str(value)
    raise TypeError(f"cannot send a {kind.__name__} as a query parameter")


def _map(value: dict[Any, Any]) -> str:
    """A map literal; text values (most of a row) are written here without a call each."""
    keys = _KEYS
    parts = []
    for key, item in value.items():
        name = keys.get(key) if type(key) is str else None
        if name is None:
            name = _key(key)
            if type(key) is str and len(keys) < _MAX_KEYS:
                keys[key] = name
        if type(item) is str:
            parts.append(f'`{name}`:"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            parts.append(f"`{name}`:{literal(item)}")
    return "{" + ",".join(parts) + "}"


def params_header(params: Mapping[str, Any]) -> str:
    """The header that precedes a query: ``CYPHER `rows`=[...] `stamp`="..." ``."""
    return "CYPHER " + "".join(f"`{_key(k)}`={literal(v)} " for k, v in params.items())


#: Map keys already checked by :func:`_key` (property names: a few hundred at most).
_KEYS: dict[str, str] = {}
_MAX_KEYS = 10_000


def _key(key: Any) -> str:
    text = str(key)
    if not text or "`" in text:
        raise ValueError(f"parameter or map key {text!r} cannot be sent to FalkorDB")
    return text
