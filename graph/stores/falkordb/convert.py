"""FalkorDB answers as gkg's plain types: nodes and relationships named by their seed ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from gkg.model import Node, Relationship, Result, nested_values
from gkg.model import Path as GraphPath

#: Looks up seed ids of nodes by internal id (for relationship ends the answer lacks).
SeedLookup = Callable[[list[int]], list[list[Any]]]


def convert_result(raw: Any, lookup: SeedLookup) -> Result:
    """A client ``QueryResult`` as a :class:`Result`."""
    from falkordb.edge import Edge
    from falkordb.node import Node as FNode
    from falkordb.path import Path as FPath

    columns = [str(h[1]) for h in (raw.header or [])]
    plain_rows = _plain_rows(raw.result_set)
    if plain_rows is not None:  # no graph element, date or map anywhere: nothing to convert
        return Result(columns, plain_rows)
    seed_ids: dict[int, str] = {}
    edges: list[Edge] = []

    for value in nested_values(raw.result_set):
        parts = [*value.nodes(), *value.edges()] if isinstance(value, FPath) else [value]
        for part in parts:
            if isinstance(part, FNode):
                seed_ids[part.id] = _seed_id(part.properties, part.id)
            elif isinstance(part, Edge):
                edges.append(part)
    missing = {e.src_node for e in edges} | {e.dest_node for e in edges}
    missing -= seed_ids.keys()
    if missing:
        for internal, seed in lookup(sorted(missing)):
            seed_ids[internal] = seed if seed is not None else f"#{internal}"

    def convert(value: Any) -> Any:
        if isinstance(value, FNode):
            return Node(seed_ids[value.id], tuple(value.labels or ()), dict(value.properties))
        if isinstance(value, Edge):
            return Relationship(
                _seed_id(value.properties, value.id, prefix="#r"),
                str(value.relation),
                seed_ids.get(value.src_node, f"#{value.src_node}"),
                seed_ids.get(value.dest_node, f"#{value.dest_node}"),
                dict(value.properties),
            )
        if isinstance(value, FPath):
            return GraphPath(
                tuple(convert(n) for n in value.nodes()),
                tuple(convert(e) for e in value.edges()),
            )
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {str(k): convert(v) for k, v in sorted(value.items())}
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            return value.isoformat()
        return value

    return Result(columns, [[convert(v) for v in row] for row in raw.result_set])


#: Values a reply holds as they are (a list of them too): nothing to convert.
_SCALARS = (str, int, float, type(None))


def _plain_rows(rows: list[list[Any]]) -> list[list[Any]] | None:
    """The rows themselves when every value is a scalar or a list of scalars (the common
    case of a big table), else None. One quick pass instead of two walks."""
    scalars = _SCALARS
    for row in rows:
        for value in row:
            if type(value) is list:
                for item in value:
                    if not isinstance(item, scalars):
                        return None
            elif not isinstance(value, scalars):
                return None
    return rows if all(type(row) is list for row in rows) else [list(row) for row in rows]


def _seed_id(properties: Mapping[str, Any], internal: int, prefix: str = "#") -> str:
    seed = properties.get("id")
    return str(seed) if seed is not None else f"{prefix}{internal}"


def plain(value: Any) -> Any:
    """Parameters as FalkorDB takes them: dates become ISO strings, tuples lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value
