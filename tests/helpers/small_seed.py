"""What tests/fixtures/small.yaml must become in any store, and how to compare stored
graphs: shared by both engines' tests."""

from __future__ import annotations

from gkg.model import Node, Relationship
from gkg.stores.base import GraphStore, whole_graph

SMALL_NODES = {
    ("doc-a", "SourceDocument"),
    ("doc-b", "SourceDocument"),
    ("gwangju", "Region"),
    ("nhn-cloud", "Company"),
    ("national-ai-data-center", "DataCenter"),
    ("h100", "Product"),
    ("nvidia", "Company"),
    ("ai-budget-2025", "Budget"),
}
SMALL_RELATIONSHIPS = {
    ("nhn-cloud", "BUILT", "national-ai-data-center"),
    ("national-ai-data-center", "LOCATED_IN", "gwangju"),
    ("national-ai-data-center", "EQUIPPED_WITH", "h100"),
    ("h100", "MADE_BY", "nvidia"),
    ("ai-budget-2025", "FUNDS", "national-ai-data-center"),
}


def check_stored_properties(nodes: list[Node], rels: list[Relationship]) -> None:
    """Values, units, sources, dates and lookup keys as the loader stores them."""
    center = next(n for n in nodes if n.id == "national-ai-data-center")
    assert center.properties["computePetaflops"] == 88.5
    assert center.properties["storagePetabytes"] == 107.0
    assert center.properties["sourceIds"] == ["doc-a", "doc-b"]
    assert center.properties["sourceQuotes"] == ["National AI Data Center", "88.5PF"]
    assert "asOf" not in center.properties  # only where the seed gives one
    assert center.properties["sourceDates"] == ["2025-05-02", "2023-06-05"]
    assert (center.properties["firstStated"], center.properties["lastStated"]) == (
        "2023-06-05",
        "2025-05-02",
    )
    assert center.properties["quoteSourceIds"] == ["doc-a", "doc-b"]
    # look-up keys ignore case, spacing and punctuation
    assert center.properties["lookupKeys"] == sorted(["nationalaidatacenter", "국가ai데이터센터"])
    budget = next(n for n in nodes if n.id == "ai-budget-2025")
    assert budget.properties["amountKrw"] == 15_300_000_000
    assert isinstance(budget.properties["amountKrw"], int)
    funds = next(r for r in rels if r.type == "FUNDS")
    assert funds.id == "ai-budget-2025|FUNDS|national-ai-data-center"
    assert funds.properties["amountKrw"] == 15_300_000_000
    assert all(n.properties["sourceIds"] for n in nodes)
    assert all(r.properties["sourceIds"] and r.properties["sourceQuotes"] for r in rels)
    stamps = {n.properties["loadRun"] for n in nodes} | {r.properties["loadRun"] for r in rels}
    assert len(stamps) == 1


def graph_state(store: GraphStore) -> tuple[set, set]:
    """Every node (id, labels, properties) and relationship, as comparable sets."""
    nodes, rels = whole_graph(store)
    return (
        {
            (n.id, n.labels, tuple(sorted((k, repr(v)) for k, v in n.properties.items())))
            for n in nodes
        },
        {
            (
                r.id,
                r.type,
                r.start,
                r.end,
                tuple(sorted((k, repr(v)) for k, v in r.properties.items())),
            )
            for r in rels
        },
    )
