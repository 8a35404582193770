"""Plain result types shared by every layer above the store.

A store turns whatever its driver returns into these, so the CLI, the renderer and the
analytics never know which engine answered. Node and relationship ids are the seed ids
(``nhn-cloud``, ``nhn-cloud|BUILT|national-ai-data-center``), not engine-internal ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from gkg.schema import ENTITY_LABEL


@dataclass(frozen=True, eq=False)
class Node:
    """A node: its seed id, its labels and its properties."""

    id: str
    labels: tuple[str, ...]
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The node's own label (the first one that is not the shared ``Entity``)."""
        for lab in self.labels:
            if lab != ENTITY_LABEL:
                return lab
        return self.labels[0] if self.labels else ""

    def display_name(self, lang: str = "en") -> str:
        """Korean or English name, falling back to the other one and then to the id."""
        props = self.properties
        first, second = ("nameKo", "name") if lang == "ko" else ("name", "nameKo")
        return str(props.get(first) or props.get(second) or self.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and (self.id, self.labels, self.properties) == (
            other.id,
            other.labels,
            other.properties,
        )

    def __hash__(self) -> int:
        return hash(("node", self.id))


@dataclass(frozen=True, eq=False)
class Relationship:
    """A directed relationship between two nodes, named by their seed ids."""

    id: str
    type: str
    start: str
    end: str
    properties: dict[str, Any] = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Relationship) and (
            self.id,
            self.type,
            self.start,
            self.end,
            self.properties,
        ) == (other.id, other.type, other.start, other.end, other.properties)

    def __hash__(self) -> int:
        return hash(("rel", self.id))


@dataclass(frozen=True)
class Path:
    """An alternating walk of nodes and relationships."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]


@dataclass
class Result:
    """What a query returned: column names and rows of plain Python values.

    Values are ``str``, ``int``, ``float``, ``bool``, ``None``, lists, dicts, or
    :class:`Node`, :class:`Relationship` and :class:`Path`.
    """

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (needs the ``notebooks`` extra).

        Nodes, relationships and paths become readable text; lists and numbers stay as
        they are."""
        import pandas as pd

        from gkg.present.tables import cell_text

        def cell(value: Any) -> Any:
            if isinstance(value, (Node, Relationship, Path)):
                return cell_text(value)
            return value

        return pd.DataFrame([[cell(v) for v in row] for row in self.rows], columns=self.columns)

    def column(self, name: str) -> list[Any]:
        """All values of one column."""
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def nodes(self) -> list[Node]:
        """Every distinct node anywhere in the result, in order of appearance."""
        seen: dict[str, Node] = {}
        for value in _walk(self.rows):
            if isinstance(value, Node):
                seen.setdefault(value.id, value)
        return list(seen.values())

    def relationships(self) -> list[Relationship]:
        """Every distinct relationship anywhere in the result, in order of appearance."""
        seen: dict[str, Relationship] = {}
        for value in _walk(self.rows):
            if isinstance(value, Relationship):
                seen.setdefault(value.id, value)
        return list(seen.values())

    def has_graph(self) -> bool:
        """True when the result holds nodes, relationships or paths."""
        return any(isinstance(v, (Node, Relationship)) for v in _walk(self.rows))

    def __len__(self) -> int:
        return len(self.rows)


def nested_values(value: Any) -> Iterator[Any]:
    """Every value inside nested lists, tuples and dicts (the containers themselves not)."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from nested_values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from nested_values(item)
    else:
        yield value


def _walk(value: Any) -> Iterator[Any]:
    """Like :func:`nested_values`, and paths yield their nodes and relationships too."""
    for item in nested_values(value):
        if isinstance(item, Path):
            yield from item.nodes
            yield from item.relationships
        else:
            yield item


#: The engines gkg can store a graph in.
StoreKind = Literal["embedded", "neo4j"]


@dataclass(frozen=True)
class StoreInfo:
    """What ``gkg doctor`` reports about a store."""

    kind: StoreKind
    version: str
    location: str
    node_count: int | None
    relationship_count: int | None
    details: dict[str, str] = field(default_factory=dict)
