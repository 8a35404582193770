"""One contract, two engines: every test here runs on the embedded store and on Neo4j (the
``engine`` fixture gives a fresh empty store of each; see tests/conftest.py).

Loading gives exactly the seed's graph, a reload is identical (export compared), stale facts
go, constraints are in place, bad input and failing loads leave the graph as it was, reads
are read-only by the engine's own refusal, results carry seed ids and plain types, and
readers during a load see the old graph or the new one, never a mixture.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gkg.errors import QueryError, StoreError, ValidationError
from gkg.loaders.load import load_files
from gkg.loaders.plan import plan_load
from gkg.loaders.validate import validate_files
from gkg.model import Node, Relationship
from gkg.model import Path as GraphPath
from gkg.present.export import to_json
from gkg.schema import ENTITY_LABEL, labels
from gkg.stores.base import GraphStore, whole_graph
from gkg.stores.factory import open_settings
from gkg.stores.falkordb.store import FalkorStore
from gkg.stores.ingest import Statement
from gkg.stores.neo4j.store import Neo4jStore
from tests.helpers.bad_input import BAD_INPUT, write_case
from tests.helpers.common import SMALL
from tests.helpers.engines import edited_small, indexed_labels, signature, unique_constraints
from tests.helpers.small_seed import (
    SMALL_NODES,
    SMALL_RELATIONSHIPS,
    check_stored_properties,
    graph_state,
)
from tests.helpers.synthetic import write_seed

# --- loading ------------------------------------------------------------------------------


def test_load_gives_exactly_the_seeds_nodes_and_relationships(engine: GraphStore) -> None:
    calls: list[tuple[int, int]] = []
    summary = load_files(engine, [SMALL], lambda done, total: calls.append((done, total)))
    nodes, rels = whole_graph(engine)
    assert {(n.id, n.label) for n in nodes} == SMALL_NODES and len(nodes) == len(SMALL_NODES)
    assert all(sorted(n.labels) == sorted(["Entity", n.label]) for n in nodes)
    assert {(r.start, r.type, r.end) for r in rels} == SMALL_RELATIONSHIPS
    assert len(rels) == len(SMALL_RELATIONSHIPS)
    assert {r.id for r in rels} == {f"{s}|{t}|{e}" for s, t, e in SMALL_RELATIONSHIPS}
    assert summary.nodes.total("created") == 8 and summary.relationships.total("created") == 5
    assert calls and calls[-1] == (13, 13)
    check_stored_properties(nodes, rels)
    info = engine.info()
    assert (info.node_count, info.relationship_count) == (8, 5) and engine.is_loaded()


def test_reload_is_bit_identical(engine: GraphStore) -> None:
    first = load_files(engine, [SMALL])
    state, exported = graph_state(engine), to_json(*whole_graph(engine))
    second = load_files(engine, [SMALL])
    assert graph_state(engine) == state
    assert to_json(*whole_graph(engine)) == exported
    assert first.changed and not second.changed
    assert second.nodes.total("unchanged") == 8 and second.relationships.total("unchanged") == 5
    assert second.stamp == first.stamp


def test_reload_removes_what_the_seed_no_longer_holds(engine: GraphStore, tmp_path: Path) -> None:
    load_files(engine, [SMALL])
    changed = edited_small(
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
    summary = load_files(engine, [changed], replace=True)
    nodes, rels = whole_graph(engine)
    assert {(n.id, n.label) for n in nodes} == SMALL_NODES - {("nvidia", "Company")}
    assert {(r.start, r.type, r.end) for r in rels} == SMALL_RELATIONSHIPS - {
        ("h100", "MADE_BY", "nvidia")
    }
    assert summary.nodes.removed == {"Company": 1}
    assert summary.nodes.updated == {"DataCenter": 1}
    assert summary.relationships.removed == {"MADE_BY": 1}
    center = next(n for n in nodes if n.id == "national-ai-data-center")
    assert center.properties["computePetaflops"] == 90.0
    stamps = {n.properties["loadRun"] for n in nodes} | {r.properties["loadRun"] for r in rels}
    assert stamps == {summary.stamp}  # nothing of the earlier load lingers


def test_a_relabelled_node_keeps_only_its_new_label(engine: GraphStore, tmp_path: Path) -> None:
    load_files(engine, [SMALL])
    before_rels = {(r.id, r.start, r.type, r.end) for r in whole_graph(engine)[1]}
    relabelled = edited_small(
        tmp_path,
        (
            "  - id: nhn-cloud\n    label: Company\n    name: NHN Cloud\n"
            "    nameKo: NHN클라우드\n    sector: cloud\n",
            "  - id: nhn-cloud\n    label: ResearchInstitute\n    name: NHN Cloud\n"
            "    nameKo: NHN클라우드\n",
        ),
    )
    summary = load_files(engine, [relabelled], replace=True)
    nodes, rels = whole_graph(engine)
    (nhn,) = [n for n in nodes if n.id == "nhn-cloud"]
    assert sorted(nhn.labels) == ["Entity", "ResearchInstitute"]
    assert "sector" not in nhn.properties
    assert engine.run("MATCH (n:Company) RETURN n.id AS id ORDER BY id").rows == [["nvidia"]]
    assert {(r.id, r.start, r.type, r.end) for r in rels} == before_rels
    assert summary.nodes.updated == {"ResearchInstitute": 1}
    assert summary.nodes.removed == {} and summary.nodes.created == {}


def test_several_files_load_together(engine: GraphStore, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "nodes:\n"
        "  - id: tsmc\n    label: Company\n    name: TSMC\n    sector: foundry\n"
        "    sources: [{doc: doc-a, quote: from another file}]\n"
        "relationships:\n"
        "  - {type: PARTNER_OF, from: nvidia, to: tsmc, sources: [{doc: doc-b, quote: x}]}\n",
        encoding="utf-8",
    )
    summary = load_files(engine, [SMALL, extra])
    nodes, rels = whole_graph(engine)
    assert "tsmc" in {n.id for n in nodes}
    assert "nvidia|PARTNER_OF|tsmc" in {r.id for r in rels}
    assert summary.files == [str(SMALL), str(extra)]


def test_constraints_and_indexes_are_in_place(engine: GraphStore) -> None:
    load_files(engine, [SMALL])
    assert (ENTITY_LABEL, "id") in unique_constraints(engine)
    assert {ENTITY_LABEL, *labels()} <= indexed_labels(engine)


# --- bad input and failing loads change nothing ------------------------------------------


@pytest.mark.parametrize(
    ("case", "edit", "line", "field", "words"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_is_refused_and_leaves_the_graph(
    engine: GraphStore,
    tmp_path: Path,
    case: str,
    edit: Callable[[str], str],
    line: int | None,
    field: str,
    words: str,
) -> None:
    load_files(engine, [SMALL])
    before = graph_state(engine)
    path = write_case(tmp_path, edit)
    with pytest.raises(ValidationError) as caught:
        load_files(engine, [path])
    problems = caught.value.problems
    matching = [p for p in problems if words in p.message and (not field or p.field == field)]
    assert matching, f"{case}: no problem says {words!r} for field {field!r}: {problems}"
    assert matching[0].file == str(path)
    if line is not None:
        assert matching[0].line == line, f"{case}: {matching[0]}"
    assert graph_state(engine) == before


def test_a_load_failing_in_the_engine_is_rolled_back_whole(
    engine: GraphStore, tmp_path: Path
) -> None:
    load_files(engine, [SMALL])
    before = graph_state(engine)
    changed = edited_small(tmp_path, ("computePetaflops: 88.5", "computePetaflops: 1.0"))
    plan = plan_load(validate_files([changed]))
    broken = [*plan.statements, Statement("THIS IS NOT CYPHER", [{"id": "x"}], "broken")]
    with pytest.raises(StoreError, match="refused"):
        engine.replace_graph(broken, plan.stamp)
    assert graph_state(engine) == before


# --- reading ------------------------------------------------------------------------------


def test_reads_are_read_only_by_the_engine(engine: GraphStore) -> None:
    load_files(engine, [SMALL])
    before = graph_state(engine)
    for write in (
        "CREATE (n:Entity {id: 'intruder'}) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Entity {id: 'nvidia'}) SET n.name = 'changed'",
        "MERGE (n:Entity {id: 'intruder'})",
    ):
        with pytest.raises(QueryError, match="read-only"):
            engine.run(write)
    assert graph_state(engine) == before


def test_results_use_seed_ids_and_plain_types(engine: GraphStore) -> None:
    load_files(engine, [SMALL])
    result = engine.run(
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
    assert first["r"].id == "national-ai-data-center|LOCATED_IN|gwangju"
    assert (first["r"].start, first["r"].type, first["r"].end) == (
        "national-ai-data-center",
        "LOCATED_IN",
        "gwangju",
    )
    path = first["p"]
    assert isinstance(path, GraphPath)
    assert [n.id for n in path.nodes] == ["national-ai-data-center", "gwangju"]
    assert [(r.start, r.type, r.end) for r in path.relationships] == [
        ("national-ai-data-center", "LOCATED_IN", "gwangju")
    ]
    assert first["pf"] == 88.5 and type(first["pf"]) is float
    assert sorted(first["labels"]) == ["DataCenter", "Entity"]
    assert {r.end for r in result.column("r")} == {"gwangju", "h100"}
    # a relationship returned without its end nodes still names them by seed id
    alone = engine.run("MATCH ()-[r:MADE_BY]->() RETURN r").column("r")
    assert [(r.id, r.start, r.end) for r in alone] == [("h100|MADE_BY|nvidia", "h100", "nvidia")]
    listed = engine.run(
        "MATCH (:Entity {id: 'national-ai-data-center'})-[r]->() RETURN collect(r) AS rs"
    ).rows[0][0]
    assert sorted((r.start, r.end) for r in listed) == [
        ("national-ai-data-center", "gwangju"),
        ("national-ai-data-center", "h100"),
    ]
    mapped = engine.run("MATCH ()-[r:FUNDS]->() RETURN {rel: r} AS m").rows[0][0]
    assert (mapped["rel"].start, mapped["rel"].end) == ("ai-budget-2025", "national-ai-data-center")
    amount = engine.run("MATCH (b:Budget) RETURN b.amountKrw").rows[0][0]
    assert amount == 15_300_000_000 and type(amount) is int


def test_parameters_round_trip_verbatim(engine: GraphStore) -> None:
    load_files(engine, [SMALL])
    tricky = '\'}) DETACH DELETE n // "quoted" \\ back\nslash 광주 {}'
    assert engine.run("RETURN $v AS v", {"v": tricky}).rows == [[tricky]]
    nested = {"list": [1, 2.5, "광주", None, True], "big": 2**62, "map": {"k": "v"}}
    assert engine.run("RETURN $v AS v", {"v": nested}).rows == [[nested]]
    assert len(whole_graph(engine)[0]) == 8


def test_errors_are_clear(engine: GraphStore) -> None:
    load_files(engine, [SMALL])
    with pytest.raises(QueryError, match="Invalid input"):
        engine.run("MATCH (n RETURN n")


def test_readers_during_a_load_see_the_old_or_the_new_graph(
    engine: GraphStore, tmp_path: Path
) -> None:
    seeds = {v: write_seed(tmp_path / f"{v}.yaml", 1500 + 300 * i, v) for i, v in enumerate("ab")}
    expected = {}
    for variant, path in seeds.items():
        stamp = plan_load(validate_files([path])).stamp
        size = 1500 + 300 * "ab".index(variant)
        expected[variant] = [(stamp, size + 2, 2 * size - 1)]
    load_files(engine, [seeds["a"]])
    assert signature(engine) == expected["a"]
    seen: list[list[tuple[str, int, int]]] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def reopen() -> GraphStore:
        if isinstance(engine, FalkorStore):
            return FalkorStore(engine.home)
        assert isinstance(engine, Neo4jStore)
        return open_settings(engine.settings)

    def read() -> None:
        reader = reopen()
        try:
            while not stop.is_set():
                seen.append(signature(reader))
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            reader.close()

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    time.sleep(0.2)
    for variant in "bab":
        load_files(engine, [seeds[variant]], replace=True)
    time.sleep(0.2)
    stop.set()
    for thread in readers:
        thread.join(60)
    assert not failures, failures
    assert seen and all(found in expected.values() for found in seen), {
        str(found) for found in seen if found not in expected.values()
    }
    assert signature(engine) == expected["b"]
    print(f"{engine.kind}: {len(seen)} reads during 3 loads, each the old or the new graph")
