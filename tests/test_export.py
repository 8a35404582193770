"""``gkg export``: JSON with seed ids, and a Cypher script that recreates the graph."""

from __future__ import annotations

import json

from gkg.model import Node
from gkg.present.export import cypher_literal, to_cypher_script
from gkg.stores.base import whole_graph
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import SMALL


def test_json_export_uses_seed_ids(gkg) -> None:
    gkg("load", str(SMALL), check=True)
    document = json.loads(gkg("export", "--format", "json", check=True).stdout)
    assert {n["id"] for n in document["nodes"]} >= {"nvidia", "h100", "national-ai-data-center"}
    made_by = next(r for r in document["relationships"] if r["type"] == "MADE_BY")
    assert made_by == {
        "id": "h100|MADE_BY|nvidia",
        "type": "MADE_BY",
        "start": "h100",
        "end": "nvidia",
        "properties": made_by["properties"],
    }
    assert made_by["properties"]["sourceIds"] == ["doc-b"]
    node = next(n for n in document["nodes"] if n["id"] == "nvidia")
    assert set(node) == {"id", "labels", "properties"} and "Company" in node["labels"]


def test_cypher_script_recreates_the_same_graph(small_store: FalkorStore) -> None:
    nodes, rels = whole_graph(small_store)
    script = to_cypher_script(nodes, rels)
    statements = [line for line in script.splitlines() if line.startswith("UNWIND")]
    copy = FalkorStore(small_store.home, graph_name="export-roundtrip")
    raw = copy._db.select_graph(copy.graph_name)  # the script writes; the store only reads
    try:
        for statement in statements:
            raw.query(statement.rstrip(";"))
        assert whole_graph(copy) == (nodes, rels)
    finally:
        raw.delete()


def test_cypher_literals_escape_everything() -> None:
    tricky = "it's \"quoted\" \\ back\nslash `tick` 광주 '}) DETACH DELETE n //"
    literal = cypher_literal({"a`b": [tricky, 1, 2.5, True, None]})
    assert literal.startswith("{`a``b`: [")
    node = Node("x", ("Entity", "Company"), {"id": "x", "name": tricky})
    script = to_cypher_script([node], [])
    assert json.dumps(tricky, ensure_ascii=False) in script


def test_graphml_export_holds_every_node_and_relationship(small_store: FalkorStore) -> None:
    import io

    import networkx as nx

    from gkg.present.export import export_text

    text = export_text(*whole_graph(small_store), "graphml")
    parsed = nx.read_graphml(io.StringIO(text))
    assert set(parsed.nodes) == {n.id for n in whole_graph(small_store)[0]}
    assert parsed.number_of_edges() == 5
    assert parsed.nodes["national-ai-data-center"]["computePetaflops"] == 88.5
