"""Plain result types shared by every layer above the store.

A store turns whatever its driver returns into these, so the CLI, the renderer and the
analytics never know which engine answered. Node and relationship ids are the seed ids
(``nhn-cloud``, ``nhn-cloud|BUILT|national-ai-data-center``), not engine-internal ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from gkg.errors import GkgError
from gkg.schema import ENTITY_LABEL, SOURCE_LABEL


@dataclass(frozen=True, eq=False)
class Node:
    """A node: its seed id, its labels and its properties."""

    id: str
    labels: tuple[str, ...]
    properties: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # One order on every engine (FalkorDB and Neo4j list labels differently): the shared
        # ``Entity`` first, then the rest by name.
        ordered = tuple(sorted(self.labels, key=lambda lab: (lab != ENTITY_LABEL, lab)))
        object.__setattr__(self, "labels", ordered)
        object.__setattr__(self, "properties", dict(sorted(self.properties.items())))

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

    def __post_init__(self) -> None:
        # properties by name, whatever order the engine gave them in
        object.__setattr__(self, "properties", dict(sorted(self.properties.items())))

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
        try:
            import pandas as pd
        except ImportError:
            raise GkgError(
                "to_dataframe() needs pandas: install gkg's notebooks extra, "
                "pip install 'gkg[notebooks]'"
            ) from None

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


def is_source(node: Node) -> bool:
    """True for a source article (which facts cite) rather than an entity of the ecosystem."""
    return node.label == SOURCE_LABEL


def without_sources(nodes: Iterable[Node]) -> list[Node]:
    """The entities among ``nodes``: every node that is not a source article."""
    return [node for node in nodes if not is_source(node)]


#: Anything :func:`graph_of` can take apart: a Result, ``(nodes, rels)``, a Path, a list.
GraphLike = Any


def graph_of(value: GraphLike) -> tuple[list[Node], list[Relationship]]:
    """Nodes and relationships of a Result, a ``(nodes, rels)`` pair, a Path or a list."""
    if isinstance(value, Result):
        return value.nodes(), value.relationships()
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, (list, tuple)) for part in value)
    ):
        return list(value[0]), list(value[1])
    items = [value] if isinstance(value, (Node, Relationship, Path)) else list(value)
    found = Result(["value"], [[item] for item in items])
    return found.nodes(), found.relationships()


# --- values as text ---------------------------------------------------------------------

#: How a list reads in one cell.
LIST_SEPARATOR = "; "


def node_text(node: Node) -> str:
    """``Name (id)``, or just the id when the node has no other name."""
    name = node.display_name()
    return name if name == node.id else f"{name} ({node.id})"


def path_text(path: Path) -> str:
    """The chain a path walks: ``ASICLAND -PARTNER_OF-> TSMC <-MADE_BY- ...``."""
    if not path.nodes:
        return ""
    parts = [path.nodes[0].display_name()]
    for i, rel in enumerate(path.relationships):
        here = path.nodes[i]
        nxt = path.nodes[i + 1] if i + 1 < len(path.nodes) else None
        arrow = f"-{rel.type}->" if rel.start == here.id else f"<-{rel.type}-"
        parts += [arrow, nxt.display_name() if nxt else "?"]
    return " ".join(parts)


def cell_text(value: Any, *, group_digits: bool = False) -> str:
    """``value`` as the text of one cell; ``group_digits`` writes 15,300,000,000."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}" if group_digits and abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return cell_text(int(value), group_digits=group_digits)
        return repr(value)
    if isinstance(value, Node):
        return node_text(value)
    if isinstance(value, Relationship):
        return f"{value.start} -{value.type}-> {value.end}"
    if isinstance(value, Path):
        return path_text(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell_text(v, group_digits=group_digits) for v in value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(
            f"{k}: {cell_text(v, group_digits=group_digits)}" for k, v in value.items()
        )
    return str(value)


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
