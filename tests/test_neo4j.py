"""The Neo4j adapter against a real Neo4j 5 server: the same expectations as the embedded
store's tests (tests/test_store.py, tests/test_loader.py), through the same interfaces.

Run them with a server to spare:

    NEO4J_URI=bolt://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=... \\
    [NEO4J_DATABASE=gkgtest] pytest tests/test_neo4j.py

Without NEO4J_URI the whole module is skipped, with that reason shown.

WARNING: these tests DELETE every gkg node (label ``Entity``) and its relationships in the
database they use (NEO4J_DATABASE, else the server's default database), before and after
they run, and load tests/fixtures/small.yaml there. Point them at a database whose gkg
data you can lose. They also create gkg's constraint and indexes (``gkg_*``) there, as
``gkg load`` does, and a few nodes labelled ``GkgTestForeign``, which they remove.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gkg.errors import QueryError, StoreError
from gkg.loaders.load import load_files
from gkg.loaders.plan import plan_load
from gkg.loaders.validate import validate_files
from gkg.model import Node, Relationship
from gkg.model import Path as GraphPath
from gkg.stores.base import GraphStore, whole_graph
from gkg.stores.factory import open_store
from gkg.stores.ingest import Statement
from gkg.stores.neo4j.settings import Neo4jSettings
from tests.helpers.common import FOREIGN_LABEL, SMALL
from tests.helpers.small_seed import (
    SMALL_NODES,
    SMALL_RELATIONSHIPS,
    check_stored_properties,
    graph_state,
)

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: the Neo4j adapter's tests need a Neo4j 5 server",
)

Gkg = Callable[..., subprocess.CompletedProcess[str]]


def _edited_small(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- loading ----------------------------------------------------------------------------------


def test_small_seed_gives_exactly_these_nodes_and_relationships(empty: GraphStore) -> None:
    calls: list[tuple[int, int]] = []
    summary = load_files(empty, [SMALL], lambda done, total: calls.append((done, total)))
    nodes, rels = whole_graph(empty)
    assert {(n.id, n.label) for n in nodes} == SMALL_NODES
    assert len(nodes) == len(SMALL_NODES)
    assert all("Entity" in n.labels and len(n.labels) == 2 for n in nodes)
    assert {(r.start, r.type, r.end) for r in rels} == SMALL_RELATIONSHIPS
    assert len(rels) == len(SMALL_RELATIONSHIPS)
    assert {r.id for r in rels} == {f"{s}|{t}|{e}" for s, t, e in SMALL_RELATIONSHIPS}
    assert summary.nodes.total("created") == 8 and summary.relationships.total("created") == 5
    assert calls and calls[-1] == (13, 13)


def test_stored_properties_carry_values_sources_and_dates(small: GraphStore) -> None:
    check_stored_properties(*whole_graph(small))


def test_loading_twice_gives_an_identical_graph(empty: GraphStore) -> None:
    first = load_files(empty, [SMALL])
    state = graph_state(empty)
    second = load_files(empty, [SMALL])
    assert graph_state(empty) == state
    assert first.changed and not second.changed
    assert second.nodes.total("unchanged") == 8 and second.relationships.total("unchanged") == 5
    assert second.stamp == first.stamp


def test_reload_removes_what_the_seed_no_longer_holds_and_reports_changes(
    small: GraphStore, tmp_path: Path
) -> None:
    changed = _edited_small(
        tmp_path,
        (
            "  - id: nvidia\n    label: Company\n    name: NVIDIA\n    nameKo: 엔비디아\n"
            '    sources: [{doc: doc-b, quote: "엔비디아"}]\n',
            "",
        ),
        (
            "  - {type: MADE_BY, from: h100, to: nvidia, "
            'sources: [{doc: doc-b, quote: "엔비디아"}]}\n',
            "",
        ),
        ("computePetaflops: 88.5", "computePetaflops: 90.0"),
    )
    summary = load_files(small, [changed], replace=True)
    nodes, rels = whole_graph(small)
    assert "nvidia" not in {n.id for n in nodes}
    assert "h100|MADE_BY|nvidia" not in {r.id for r in rels}
    assert {(n.id, n.label) for n in nodes} == SMALL_NODES - {("nvidia", "Company")}
    assert {(r.start, r.type, r.end) for r in rels} == SMALL_RELATIONSHIPS - {
        ("h100", "MADE_BY", "nvidia")
    }
    assert summary.nodes.removed == {"Company": 1}
    assert summary.nodes.updated == {"DataCenter": 1}
    assert summary.relationships.removed == {"MADE_BY": 1}
    center = next(n for n in nodes if n.id == "national-ai-data-center")
    assert center.properties["computePetaflops"] == 90.0
    # one stamp on everything left: nothing of the earlier load lingers
    stamps = {n.properties["loadRun"] for n in nodes} | {r.properties["loadRun"] for r in rels}
    assert stamps == {summary.stamp}


def test_a_relabelled_node_keeps_only_its_new_label_and_its_relationships(
    small: GraphStore, tmp_path: Path
) -> None:
    before_rels = {(r.id, r.start, r.type, r.end) for r in whole_graph(small)[1]}
    relabelled = _edited_small(
        tmp_path,
        (
            "  - id: nhn-cloud\n    label: Company\n    name: NHN Cloud\n"
            "    nameKo: NHN클라우드\n    sector: cloud\n",
            "  - id: nhn-cloud\n    label: ResearchInstitute\n    name: NHN Cloud\n"
            "    nameKo: NHN클라우드\n",
        ),
    )
    summary = load_files(small, [relabelled], replace=True)
    nodes, rels = whole_graph(small)
    nhn = [n for n in nodes if n.id == "nhn-cloud"]
    assert len(nhn) == 1
    assert sorted(nhn[0].labels) == ["Entity", "ResearchInstitute"]
    assert "sector" not in nhn[0].properties
    assert {(n.id, n.label) for n in nodes} == (SMALL_NODES - {("nhn-cloud", "Company")}) | {
        ("nhn-cloud", "ResearchInstitute")
    }
    assert small.run("MATCH (n:Company) RETURN n.id AS id ORDER BY id").rows == [["nvidia"]]
    # the node was replaced, and its relationship put back by the same load
    assert {(r.id, r.start, r.type, r.end) for r in rels} == before_rels
    assert summary.nodes.updated == {"ResearchInstitute": 1}
    assert summary.nodes.removed == {} and summary.nodes.created == {}
    # and back again
    load_files(small, [SMALL], replace=True)
    assert {(n.id, n.label) for n in whole_graph(small)[0]} == SMALL_NODES


def test_a_failing_load_is_rolled_back_whole(small: GraphStore, tmp_path: Path) -> None:
    before = graph_state(small)
    changed = _edited_small(tmp_path, ("computePetaflops: 88.5", "computePetaflops: 1.0"))
    plan = plan_load(validate_files([changed]))
    broken = [*plan.statements, Statement("THIS IS NOT CYPHER", [{"id": "x"}], "broken")]
    with pytest.raises(StoreError, match="rolled it back"):
        small.replace_graph(broken, plan.stamp)
    assert graph_state(small) == before


def test_a_load_removes_only_what_a_load_stamped(
    small: GraphStore, admin: Callable[..., list[dict[str, Any]]]
) -> None:
    admin(f"CREATE (:Entity:{FOREIGN_LABEL} {{id: 'hand-made'}})")  # no load stamp
    admin(f"CREATE (:{FOREIGN_LABEL} {{id: 'foreign', loadRun: 'someone-else'}})")
    try:
        load_files(small, [SMALL])
        left = admin(f"MATCH (n:{FOREIGN_LABEL}) RETURN n.id AS id ORDER BY id")
        assert left == [{"id": "foreign"}, {"id": "hand-made"}]
        assert {(n.id, n.label) for n in whole_graph(small)[0]} == SMALL_NODES | {
            ("hand-made", FOREIGN_LABEL)
        }
    finally:
        admin(f"MATCH (n:{FOREIGN_LABEL}) DETACH DELETE n")


# --- reading ----------------------------------------------------------------------------------


def test_reads_are_read_only_by_the_engine(
    small: GraphStore, admin: Callable[..., list[dict[str, Any]]]
) -> None:
    before = graph_state(small)
    for write in (
        "CREATE (n:Entity {id: 'intruder'}) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Entity {id: 'nvidia'}) SET n.name = 'changed'",
    ):
        with pytest.raises(QueryError, match="read-only"):
            small.run(write)
    assert graph_state(small) == before
    assert admin("MATCH (n {id: 'intruder'}) RETURN count(n) AS c") == [{"c": 0}]
    assert admin("MATCH (n:Entity {id: 'nvidia'}) RETURN n.name AS name") == [{"name": "NVIDIA"}]


def test_results_use_seed_ids_and_plain_types(small: GraphStore) -> None:
    result = small.run(
        "MATCH p = (a:Entity {id: $a})-[r]->(b) RETURN a, r, b, p, a.computePetaflops AS pf, "
        "labels(a) AS labels ORDER BY b.id",
        {"a": "national-ai-data-center"},
    )
    assert result.columns == ["a", "r", "b", "p", "pf", "labels"]
    first = result.records()[0]
    assert isinstance(first["a"], Node) and first["a"].id == "national-ai-data-center"
    assert first["a"].label == "DataCenter"
    assert first["a"].properties["sourceIds"] == ["doc-a", "doc-b"]
    assert isinstance(first["r"], Relationship)
    assert first["r"].start == "national-ai-data-center"
    assert first["r"].id == "national-ai-data-center|LOCATED_IN|gwangju"
    assert first["r"].type == "LOCATED_IN" and first["r"].end == "gwangju"
    path = first["p"]
    assert isinstance(path, GraphPath)
    assert [n.id for n in path.nodes] == ["national-ai-data-center", "gwangju"]
    assert [(r.start, r.type, r.end) for r in path.relationships] == [
        ("national-ai-data-center", "LOCATED_IN", "gwangju")
    ]
    assert first["pf"] == 88.5
    assert sorted(first["labels"]) == ["DataCenter", "Entity"]
    assert {r.end for r in result.column("r")} == {"gwangju", "h100"}
    # a relationship returned without its end nodes still names them by seed id
    alone = small.run("MATCH ()-[r:MADE_BY]->() RETURN r").column("r")
    assert [(r.start, r.end) for r in alone] == [("h100", "nvidia")]
    assert alone[0].id == "h100|MADE_BY|nvidia"
    # ... also inside a list and inside a map
    listed = small.run(
        "MATCH (:Entity {id: 'national-ai-data-center'})-[r]->() RETURN collect(r) AS rs"
    ).rows[0][0]
    assert sorted((r.start, r.end) for r in listed) == [
        ("national-ai-data-center", "gwangju"),
        ("national-ai-data-center", "h100"),
    ]
    mapped = small.run("MATCH ()-[r:FUNDS]->() RETURN {rel: r} AS m").rows[0][0]
    assert (mapped["rel"].start, mapped["rel"].end) == ("ai-budget-2025", "national-ai-data-center")
    # temporal values come back as ISO text, as from the embedded store
    day, moment = small.run(
        "RETURN date('2025-05-02') AS d, datetime('2025-05-02T10:00:00Z') AS t"
    ).rows[0]
    assert day == "2025-05-02"
    assert isinstance(moment, str) and moment.startswith("2025-05-02T10:00:00")


def test_parameters_round_trip_verbatim(store: GraphStore) -> None:
    tricky = '\'}) DETACH DELETE n // "quoted" \\ back\nslash 광주 {}'
    assert store.run("RETURN $v AS v", {"v": tricky}).rows == [[tricky]]
    nested = {"list": [1, 2.5, "광주", None, True], "big": 2**62, "map": {"k": "v"}}
    assert store.run("RETURN $v AS v", {"v": nested}).rows == [[nested]]


def test_errors_are_clear(small: GraphStore) -> None:
    with pytest.raises(QueryError, match="Invalid input"):
        small.run("MATCH (n RETURN n")


def test_info_reports_neo4j(small: GraphStore, settings: Neo4jSettings) -> None:
    info = small.info()
    assert info.kind == "neo4j"
    assert info.version.startswith("Neo4j Kernel "), info.version  # 5.x or 2025.x
    assert info.location == f"{settings.uri} (database {settings.database or 'default'})"
    assert (info.node_count, info.relationship_count) == (8, 5)
    assert info.details == {"user": settings.username}
    assert small.is_loaded()


def test_a_wrong_user_is_refused_clearly(settings: Neo4jSettings) -> None:
    try:
        opened = open_store(username="gkg-test-no-such-user")
    except StoreError as exc:
        message = f"{exc}\n{exc!r}"
    else:
        opened.close()
        pytest.skip("this server does not check credentials (auth disabled)")
    assert f"Neo4j at {settings.uri} refused the user name or password" in message
    if settings.password:
        assert settings.password not in message
