"""The loader over a real embedded store: exact graphs, idempotence, stale removal, files
loaded together, and every kind of bad input refused with a located message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gkg.errors import ValidationError
from gkg.loaders.load import load_files
from gkg.loaders.validate import validate_files
from gkg.stores.base import GraphStore, whole_graph
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import SMALL
from tests.helpers.small_seed import (
    SMALL_NODES,
    SMALL_RELATIONSHIPS,
    check_stored_properties,
    graph_state,
)


def test_small_seed_gives_exactly_these_nodes_and_relationships(small_store: GraphStore) -> None:
    nodes, rels = whole_graph(small_store)
    assert {(n.id, n.label) for n in nodes} == SMALL_NODES and len(nodes) == len(SMALL_NODES)
    assert all("Entity" in n.labels for n in nodes)
    assert {(r.start, r.type, r.end) for r in rels} == SMALL_RELATIONSHIPS
    assert len(rels) == len(SMALL_RELATIONSHIPS)


def test_stored_properties_carry_values_sources_and_dates(small_store: GraphStore) -> None:
    check_stored_properties(*whole_graph(small_store))


def test_loading_twice_gives_an_identical_graph(make_store: Callable[[str], FalkorStore]) -> None:
    store = make_store("twice")
    first = load_files(store, [SMALL])
    state = graph_state(store)
    second = load_files(store, [SMALL])
    assert graph_state(store) == state
    assert first.changed and not second.changed
    assert second.nodes.total("unchanged") == 8 and second.relationships.total("unchanged") == 5


def test_reload_removes_what_the_seed_no_longer_holds_and_reports_changes(
    make_store: Callable[[str], FalkorStore], tmp_path: Path
) -> None:
    store = make_store("stale")
    load_files(store, [SMALL])
    text = SMALL.read_text(encoding="utf-8")
    # drop NVIDIA and its relationship, change one value
    text = text.replace(
        "  - id: nvidia\n    label: Company\n    name: NVIDIA\n    nameKo: 엔비디아\n"
        '    sources: [{doc: doc-b, quote: "엔비디아"}]\n',
        "",
    )
    text = text.replace(
        '  - {type: MADE_BY, from: h100, to: nvidia, sources: [{doc: doc-b, quote: "엔비디아"}]}\n',
        "",
    )
    text = text.replace("computePetaflops: 88.5", "computePetaflops: 90.0")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text, encoding="utf-8")
    summary = load_files(store, [changed], replace=True)
    nodes, rels = whole_graph(store)
    assert "nvidia" not in {n.id for n in nodes}
    assert "h100|MADE_BY|nvidia" not in {r.id for r in rels}
    assert summary.nodes.removed == {"Company": 1}
    assert summary.nodes.updated == {"DataCenter": 1}
    assert summary.relationships.removed == {"MADE_BY": 1}
    center = next(n for n in nodes if n.id == "national-ai-data-center")
    assert center.properties["computePetaflops"] == 90.0


def test_several_files_load_together_and_may_reference_each_other(
    make_store: Callable[[str], FalkorStore], tmp_path: Path
) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "nodes:\n"
        "  - id: tsmc\n    label: Company\n    name: TSMC\n    sector: foundry\n"
        "    sources: [{doc: doc-a, quote: from another file}]\n"
        "relationships:\n"
        "  - {type: PARTNER_OF, from: nvidia, to: tsmc, sources: [{doc: doc-b, quote: x}]}\n",
        encoding="utf-8",
    )
    store = make_store("multi")
    summary = load_files(store, [SMALL, extra])
    nodes, rels = whole_graph(store)
    assert "tsmc" in {n.id for n in nodes}
    assert "nvidia|PARTNER_OF|tsmc" in {r.id for r in rels}
    assert summary.files == [str(SMALL), str(extra)]


# --- bad input --------------------------------------------------------------------------

SMALL_TEXT = SMALL.read_text(encoding="utf-8")


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


# (case id, edit of small.yaml -> bytes or text, expected line, field, words in the message)
BAD_INPUT = [
    (
        "malformed-yaml",
        _replace("    name: NVIDIA\n", "    name: [NVIDIA\n"),
        None,
        "",
        "invalid YAML",
    ),
    (
        "tab",
        _replace("    label: Company\n    name: NVIDIA", "\tlabel: Company\n    name: NVIDIA"),
        45,
        "",
        "tab character",
    ),
    ("empty", lambda t: "", None, "", "file is empty"),
    ("not-utf8", lambda t: t.replace("테스트 일보", "caf\udce9"), 11, "", "not UTF-8"),
    ("not-a-mapping", lambda t: "- just\n- a list\n", 1, "", "expected a mapping"),
    ("unknown-section", lambda t: t + "extras:\n  - 1\n", 63, "extras", "unknown section"),
    (
        "unknown-label",
        _replace("label: Product", "label: Gadget"),
        40,
        "label",
        "unknown node label 'Gadget'",
    ),
    (
        "unknown-type",
        _replace("type: MADE_BY", "type: FABRICATED_BY"),
        61,
        "type",
        "unknown relationship type 'FABRICATED_BY'",
    ),
    (
        "unknown-field",
        _replace("    sector: cloud\n", "    sector: cloud\n    ceo: someone\n"),
        28,
        "ceo",
        "unknown field",
    ),
    (
        "missing-required",
        _replace("    regionType: metropolitan-city\n", ""),
        16,
        "regionType",
        "required",
    ),
    (
        "wrong-type",
        _replace("computePetaflops: 88.5", "computePetaflops: lots"),
        33,
        "computePetaflops",
        "expected a number",
    ),
    (
        "unknown-id",
        _replace("from: h100, to: nvidia", "from: h100, to: nvidia-corp"),
        61,
        "to",
        "'nvidia-corp' does not exist",
    ),
    ("duplicate-id", _replace("  - id: nvidia\n", "  - id: h100\n"), 44, "id", "defined twice"),
    (
        "node-without-source",
        _replace(
            '    productType: gpu\n    sources: [{doc: doc-b, quote: "H100"}]\n',
            "    productType: gpu\n",
        ),
        39,
        "sources",
        "required",
    ),
    (
        "relationship-without-source",
        _replace('to: nvidia, sources: [{doc: doc-b, quote: "엔비디아"}]}', "to: nvidia}"),
        61,
        "sources",
        "required",
    ),
    (
        "invalid-date",
        _replace("publishedDate: 2023-06-05", "publishedDate: 2023-02-30"),
        13,
        "publishedDate",
        "expected a date YYYY-MM-DD",
    ),
    (
        "negative-amount",
        _replace("    amountKrw: 15300000000\n    year", "    amountKrw: -5\n    year"),
        52,
        "amountKrw",
        "must be at least 0",
    ),
    (
        "unknown-source-doc",
        _replace(
            'quote: "H100"}]\n  - id: nvidia',
            'quote: "H100"}, {doc: doc-z, quote: q}]\n  - id: nvidia',
        ),
        43,
        "sources.doc",
        "'doc-z' is not a declared source",
    ),
    (
        "duplicate-key",
        _replace("    name: NVIDIA\n", "    name: NVIDIA\n    name: Nvidia\n"),
        47,
        "",
        "duplicate key 'name'",
    ),
    (
        "wrong-end-label",
        _replace("type: MADE_BY, from: h100, to: nvidia", "type: MADE_BY, from: h100, to: gwangju"),
        61,
        "to",
        "MADE_BY cannot end at Region",
    ),
]


def _write_case(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    path = tmp_path / "bad.yaml"
    text = edit(SMALL_TEXT)
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    return path


@pytest.mark.parametrize(
    ("case", "edit", "line", "field", "words"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_is_refused_with_file_line_and_field(
    small_store: GraphStore,
    tmp_path: Path,
    case: str,
    edit: Callable[[str], str],
    line: int | None,
    field: str,
    words: str,
) -> None:
    path = _write_case(tmp_path, edit)
    before = graph_state(small_store)
    with pytest.raises(ValidationError) as caught:
        load_files(small_store, [path])
    problems = caught.value.problems
    matching = [p for p in problems if words in p.message and (not field or p.field == field)]
    assert matching, f"{case}: no problem says {words!r} for field {field!r}: {problems}"
    problem = matching[0]
    assert problem.file == str(path)
    if line is not None:
        assert problem.line == line, f"{case}: {problem}"
    assert graph_state(small_store) == before


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    text = SMALL_TEXT.replace("label: Product", "label: Gadget")
    text = text.replace("computePetaflops: 88.5", "computePetaflops: lots")
    text = text.replace("amountKrw: 15300000000\n    year", "amountKrw: -5\n    year")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        validate_files([path])
    fields = {p.field for p in caught.value.problems}
    assert {"label", "computePetaflops", "amountKrw"} <= fields
    assert "3 problems" in str(caught.value).splitlines()[0] or len(caught.value.problems) >= 3


def test_a_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "nodes:\n  - id: nvidia\n    label: Company\n    name: NVIDIA again\n"
        "    sources: [{doc: doc-b, quote: again}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        validate_files([SMALL, extra])
    (problem,) = caught.value.problems
    assert problem.file == str(extra) and problem.line == 2
    assert f"{SMALL}:44" in problem.message


def test_cli_refuses_bad_input_with_exit_code_2_and_leaves_the_graph(gkg, tmp_path: Path) -> None:
    gkg("load", str(SMALL), check=True)
    before = gkg("export", "--format", "json", check=True).stdout
    bad = _write_case(tmp_path, BAD_INPUT[10][1])
    done = gkg("load", str(bad))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{bad}:33: computePetaflops: expected a number" in done.stderr
    assert "nothing was written" in done.stderr
    assert gkg("export", "--format", "json", check=True).stdout == before


def test_cli_validate_writes_nothing(gkg) -> None:
    done = gkg("validate", str(SMALL), check=True)
    assert "valid: 8 nodes and 5 relationships" in done.stdout
    assert "not loaded yet" in gkg("doctor", check=True).stdout
