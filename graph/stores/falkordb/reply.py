"""A read sent through the native client, its reply read straight into rows when it holds
only plain values.

The client's ``ro_query`` parses every cell of the compact reply with one generic call
per value (``parse_scalar``); for the hundreds of thousands of text and number cells of a
big table that is most of the time spent in this process. :func:`read` sends the same
command (``GRAPH.RO_QUERY name text --compact timeout ms``, the parameter header written
by :func:`gkg.stores.falkordb.params.params_header`) and reads a reply of nulls, text,
numbers, booleans and lists of them in one tight loop; any other reply (nodes,
relationships, paths, maps, dates, an error) goes to the client's own ``QueryResult``.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from typing import Any

from gkg.model import Result
from gkg.stores.falkordb.convert import SeedLookup, convert_result
from gkg.stores.falkordb.params import params_header

# The compact reply's value types (falkordb.query_result.ResultSetScalarTypes).
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY = 1, 2, 3, 4, 5, 6


class _NotPlain(Exception):
    """A value other than null, text, number, boolean or a list of them."""


def read(
    graph: Any, query: str, params: Mapping[str, Any], timeout_ms: int, lookup: SeedLookup
) -> Result:
    """The answer to ``query``, read directly when every value is plain, else through the
    client's ``QueryResult`` (which raises the server's error, if the reply holds one) and
    :func:`~gkg.stores.falkordb.convert.convert_result` (``lookup`` as there)."""
    collecting = gc.isenabled()
    gc.disable()  # a big reply is many new objects and no cycles: no collection pays
    try:
        return _read(graph, params_header(params) + query, timeout_ms, lookup)
    finally:
        if collecting:
            gc.enable()


def _read(graph: Any, text: str, timeout_ms: int, lookup: SeedLookup) -> Result:
    from falkordb.query_result import QueryResult
    from redis import ResponseError

    command = ["GRAPH.RO_QUERY", graph.name, text, "--compact", "timeout", timeout_ms]
    response = graph.execute_command(*command)
    if len(response) == 3 and not isinstance(response[-1], ResponseError):
        try:
            rows = [[_value(cell) for cell in row] for row in response[1]]
        except _NotPlain:
            pass
        else:
            return Result([str(column[1]) for column in response[0]], rows)
    return convert_result(QueryResult(graph, response), lookup)


def _value(cell: list[Any]) -> Any:
    kind, value = cell
    if kind == _STRING:
        return value if type(value) is str else _text(value)
    if kind == _INTEGER:
        return value if type(value) is int else int(value)
    if kind == _NULL:
        return None
    if kind == _DOUBLE:
        return float(value)
    if kind == _ARRAY:
        return [_value(item) for item in value]
    if kind == _BOOLEAN:
        return _text(value) == "true"
    raise _NotPlain


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
