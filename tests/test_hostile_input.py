"""Hostile input: generated seed documents, Cypher-looking values, limits.

Every generated document either loads (and the store then holds exactly it) or is refused
with located problems and the store unchanged. Never another exception, never a partial
graph. ``GKG_STRESS=1`` runs many more examples.
"""

from __future__ import annotations

import os
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gkg.errors import SchemaError, ValidationError
from gkg.loaders.load import load_files
from gkg.loaders.reader import read_seed_file
from gkg.names import lookup_key
from gkg.stores import ingest
from gkg.stores.base import GraphStore, whole_graph
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import SMALL

STRESS = bool(os.environ.get("GKG_STRESS"))
EXAMPLES = 600 if STRESS else 120

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not STRESS,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def state(store: GraphStore) -> tuple[list, list]:
    if not store.is_loaded():
        return [], []
    nodes, rels = whole_graph(store)
    return [(n.id, n.labels, n.properties) for n in nodes], [(r.id, r.properties) for r in rels]


# --- generated documents ----------------------------------------------------------------

odd_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=40,
)
ids = st.one_of(
    st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True),
    odd_text,
    st.integers(),
    st.none(),
)
scalars = st.one_of(
    odd_text,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates().map(str),
    st.just("x" * 30_000),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_text, inner, max_size=3),
    max_leaves=12,
)
labels = st.sampled_from(["Company", "Region", "DataCenter", "Budget", "Gadget", "", "Entity"])
rel_types = st.sampled_from(["PARTNER_OF", "LOCATED_IN", "FUNDS", "MADE_BY", "NOPE", "part_of"])
prop_names = st.sampled_from(
    [
        "name",
        "nameKo",
        "aliases",
        "sector",
        "regionType",
        "amountKrw",
        "year",
        "computePetaflops",
        "status",
        "asOf",
        "bogus",
        "description",
    ]
)
citations = st.lists(
    st.fixed_dictionaries(
        {"doc": st.sampled_from(["doc-a", "doc-b", "doc-z"]) | values, "quote": odd_text | values}
    ),
    max_size=2,
)


@st.composite
def node_items(draw: st.DrawFn) -> Any:
    item: dict[Any, Any] = {"id": draw(ids), "label": draw(labels), "name": draw(odd_text)}
    for _ in range(draw(st.integers(0, 3))):
        item[draw(prop_names)] = draw(values)
    if draw(st.booleans()):
        item["sources"] = draw(citations)
    if draw(st.integers(0, 9)) == 0:
        return draw(values)  # not even a mapping
    return item


good_citations = st.lists(
    st.fixed_dictionaries(
        {"doc": st.sampled_from(["doc-a", "doc-b"]), "quote": odd_text.filter(lambda q: q.strip())}
    ),
    min_size=1,
    max_size=2,
)


@st.composite
def valid_node_items(draw: st.DrawFn) -> dict[str, Any]:
    """A node that passes validation: odd names, but the right shape."""
    item: dict[str, Any] = {
        "id": draw(st.from_regex(r"z[a-z0-9-]{0,10}", fullmatch=True)),
        "label": "Company",
        "name": draw(odd_text.filter(lambda n: n.strip())),
        "sources": draw(good_citations),
    }
    if draw(st.booleans()):
        item["aliases"] = draw(st.lists(odd_text, max_size=3))
    if draw(st.booleans()):
        item["description"] = draw(odd_text)
    return item


@st.composite
def rel_items(draw: st.DrawFn, node_ids: list[str]) -> Any:
    pick = st.sampled_from(node_ids) if node_ids else ids
    item: dict[Any, Any] = {
        "type": draw(rel_types),
        "from": draw(pick | ids),
        "to": draw(pick | ids),
    }
    if draw(st.booleans()):
        item[draw(prop_names)] = draw(values)
    if draw(st.booleans()):
        item["sources"] = draw(citations)
    return item


DOCUMENT_KINDS = ["valid"] * 5 + ["hostile"] * 3 + ["unknown-section", "not-a-mapping"]


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """The small seed plus generated nodes and relationships, well-formed or hostile."""
    base = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    kind = draw(st.sampled_from(DOCUMENT_KINDS))
    if kind == "not-a-mapping":
        return draw(values)
    hostile = kind == "hostile"
    nodes = draw(st.lists(node_items() if hostile else valid_node_items(), max_size=4))
    if hostile:
        node_ids = [n["id"] for n in base["nodes"]] + [
            n["id"] for n in nodes if isinstance(n, dict) and isinstance(n.get("id"), str)
        ]
        rels = draw(st.lists(rel_items(node_ids), max_size=4))
    else:
        companies = ["nhn-cloud", "nvidia"] + [n["id"] for n in nodes]
        pairs = st.tuples(st.sampled_from(companies), st.sampled_from(companies))
        rels = [
            {"type": "PARTNER_OF", "from": a, "to": b, "sources": draw(good_citations)}
            for a, b in draw(st.lists(pairs, max_size=3, unique=True))
        ]
    doc: dict[Any, Any] = {
        "sources": base["sources"],
        "nodes": base["nodes"] + nodes,
        "relationships": base["relationships"] + rels,
    }
    if kind == "unknown-section":
        doc[draw(odd_text)] = draw(values)
    return doc


def _dump(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def _check_load_or_refusal(store: GraphStore, path: Path) -> str:
    before = state(store)
    try:
        load_files(store, [path])
    except ValidationError as refused:
        assert refused.problems
        for problem in refused.problems:
            assert problem.file == str(path)
            assert problem.message
        assert state(store) == before
        return "refused"
    return "loaded"


@pytest.fixture(scope="module")
def fuzz_store(make_store: Callable[[str], FalkorStore]) -> FalkorStore:
    return make_store("fuzz")


@FUZZ_SETTINGS
@given(doc=documents())
def test_generated_documents_load_or_are_refused_with_located_problems(
    fuzz_store: FalkorStore, tmp_path_factory: pytest.TempPathFactory, doc: Any
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "seed.yaml"
    path.write_text(_dump(doc), encoding="utf-8")
    outcome = _check_load_or_refusal(fuzz_store, path)
    event(outcome)
    if outcome == "loaded":  # the store holds exactly what the document says
        nodes, _ = whole_graph(fuzz_store)
        expected = {s["id"] for s in doc.get("sources") or []} | {
            n["id"] for n in doc.get("nodes") or []
        }
        assert {n.id for n in nodes} == expected


@FUZZ_SETTINGS
@given(
    data=st.binary(max_size=300)
    | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_arbitrary_bytes_never_crash_the_reader(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "seed.yaml"
    path.write_bytes(data)
    parsed, problems = read_seed_file(path)
    assert (parsed is None) == bool(problems)
    assert all(p.file == str(path) for p in problems)


@settings(
    max_examples=10 if not STRESS else 40,
    deadline=None,
    derandomize=not STRESS,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=documents())
def test_the_cli_answers_generated_documents_with_0_or_2_and_no_traceback(
    gkg, tmp_path_factory: pytest.TempPathFactory, doc: Any
) -> None:
    path = tmp_path_factory.mktemp("cli-fuzz") / "seed.yaml"
    path.write_text(_dump(doc), encoding="utf-8")
    done = gkg("load", "--quiet", str(path))
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr
    if done.returncode == 2:
        assert f"{path}" in done.stderr and "nothing was written" in done.stderr


# --- specific hostile shapes ------------------------------------------------------------


def test_absurd_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    for name, text in {
        "flow": "nodes: " + "[" * 200_000 + "]" * 200_000,
        "block": "nodes:\n" + "".join("  " * i + "- \n" for i in range(2000)),
        "mapping": "".join("  " * i + f"k{i}:\n" for i in range(3000)),
    }.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        parsed, problems = read_seed_file(path)
        assert parsed is None, name
        refusals = ("nested more than", "invalid YAML", "line of")  # the flow case: one long line
        assert any(any(r in p.message for r in refusals) for p in problems)


def test_files_over_the_size_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GKG_MAX_SEED_BYTES", "1000")
    path = tmp_path / "big.yaml"
    path.write_text("nodes: []\n" + "# padding\n" * 200, encoding="utf-8")
    _, problems = read_seed_file(path)
    assert problems and "the limit is 1000" in problems[0].message
    assert "GKG_MAX_SEED_BYTES" in problems[0].message


def test_alias_bombs_do_not_expand(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 12)
    ]
    lines.append("nodes: *a11")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        from gkg.loaders.validate import validate_files

        validate_files([path])


# --- injection --------------------------------------------------------------------------

NASTY = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (m) DETACH DELETE m RETURN 1 //',
    "\\' OR 1=1 --",
    "`Entity`) DETACH DELETE n //",
    "${rows}",
    "{id: 'x'}",
    "line\nbreak\ttab\r",
    "<script>alert(1)</script>",
    "광주 'quote' \"double\" \\backslash",
]


def test_cypher_looking_values_are_stored_and_returned_verbatim(
    make_store: Callable[[str], FalkorStore], tmp_path: Path
) -> None:
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    for i, nasty in enumerate(NASTY):
        doc["nodes"].append(
            {
                "id": f"nasty-{i}",
                "label": "Company",
                "name": nasty,
                "aliases": [nasty],
                "description": nasty,
                "sources": [{"doc": "doc-a", "quote": nasty}],
            }
        )
        doc["relationships"].append(
            {
                "type": "PARTNER_OF",
                "from": f"nasty-{i}",
                "to": "nvidia",
                "description": nasty,
                "sources": [{"doc": "doc-b", "quote": nasty}],
            }
        )
    path = tmp_path / "nasty.yaml"
    path.write_text(_dump(doc), encoding="utf-8")
    store = make_store("nasty")
    load_files(store, [path])
    nodes, rels = whole_graph(store)
    by_id = {n.id: n for n in nodes}
    assert len(nodes) == 8 + len(NASTY)  # nothing deleted, nothing extra
    for i, nasty in enumerate(NASTY):
        node = by_id[f"nasty-{i}"]
        assert node.properties["name"] == nasty
        assert node.properties["aliases"] == [nasty]
        assert node.properties["sourceQuotes"] == [nasty]
        rel = next(r for r in rels if r.start == f"nasty-{i}")
        assert rel.properties["description"] == nasty
        # and as an ad-hoc parameter, looked up by name
        found = store.run("MATCH (n:Company) WHERE n.name = $name RETURN n.id", {"name": nasty})
        assert found.rows == [[f"nasty-{i}"]]
        # and by the look-up every named query uses (the runner passes the look-up key)
        found = store.run(
            "MATCH (n:Entity) WHERE $entity IN n.lookupKeys RETURN n.id",
            {"entity": lookup_key(nasty)},
        )
        assert found.rows == [[f"nasty-{i}"]]


@pytest.mark.parametrize(
    "name", ["Company) DETACH DELETE (n", "Company`", "company", "", "Entity:Company"]
)
def test_labels_outside_the_schema_are_refused_before_any_query_is_built(name: str) -> None:
    with pytest.raises(SchemaError):
        ingest.merge_nodes(name)
    with pytest.raises(SchemaError):
        ingest.drop_relabelled(name)


@pytest.mark.parametrize("name", ["PARTNER_OF]->() DETACH DELETE n //", "partner_of", "", "X"])
def test_relationship_types_outside_the_schema_are_refused(name: str) -> None:
    with pytest.raises(SchemaError):
        ingest.merge_relationships(name)


def test_identifier_characters_are_limited() -> None:
    from gkg.schema import ID_PATTERN

    for good in ("nhn-cloud", "a", "2025-budget"):
        assert ID_PATTERN.match(good)
    for bad in ("", "-x", "A", "a b", "a'b", "a|b", "광주", "a\n"):
        assert not ID_PATTERN.fullmatch(bad), bad
    assert set("abc-019") <= set(string.ascii_lowercase + string.digits + "-")
