"""One scenario of datasets side by side, run on every engine (embedded and Neo4j).

A base dataset (tests/fixtures/small.yaml under the name ``base``) and an extra one that
adds a company, cites the base's article and links the new company to a base node."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkg.errors import GkgError, ValidationError
from gkg.loaders.load import check_files, datasets, load_files, unload
from gkg.present.export import export_text
from gkg.stores.base import GraphStore, whole_graph
from tests.helpers.common import SMALL

EXTRA = """\
dataset: extra
sources:
  - {id: doc-extra, name: Note, publisher: Analyst, title: Note, publishedDate: 2025-08-01,
     language: en}
nodes:
  - id: example-startup
    label: Company
    name: Example Startup
    sources: [{doc: doc-a, quote: "Gwangju City"}, {doc: doc-extra, quote: "Example"}]
relationships:
  - {type: PARTNER_OF, from: example-startup, to: nvidia, sources: [{doc: doc-extra, quote: x}]}
"""


def write_inputs(folder: Path) -> tuple[Path, Path]:
    base = folder / "base.yaml"
    base.write_text("dataset: base\n" + SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    extra = folder / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    return base, extra


def export(store: GraphStore) -> str:
    nodes, rels = whole_graph(store)
    return export_text(nodes, rels, "json")


def exercise_datasets(store: GraphStore, folder: Path) -> None:
    """Load, add, reload, refuse, unload and replace; every step checked on the store."""
    base, extra = write_inputs(folder)
    load_files(store, [base], replace=True)
    base_alone = export(store)
    base_nodes, base_rels = (len(x) for x in whole_graph(store))

    # checked first, as the load will check it, writing nothing
    checked = check_files(store, [extra])
    assert (checked.kept, checked.replaces_all, len(checked.seed.nodes)) == (["base"], False, 2)
    with pytest.raises(ValidationError, match="'nvidia' does not exist"):
        check_files(store, [extra], replace=True)  # the whole graph replaced: no base
    assert export(store) == base_alone

    summary = load_files(store, [extra])
    assert [(d.name, d.action) for d in summary.datasets] == [("extra", "added")]
    assert summary.nodes.created == {"Company": 1, "SourceDocument": 1}
    assert summary.nodes.removed == {} and summary.relationships.created == {"PARTNER_OF": 1}
    assert summary.nodes.datasets["Company"] == {"extra"}
    nodes, rels = whole_graph(store)
    assert (len(nodes), len(rels)) == (base_nodes + 2, base_rels + 1)
    assert {d.name: (d.nodes, d.relationships) for d in datasets(store)} == {
        "base": (base_nodes, base_rels),
        "extra": (2, 1),
    }
    with_extra = export(store)

    # the same file again changes nothing, byte for byte; the base reloaded neither
    again = load_files(store, [extra])
    assert not again.changed and [d.action for d in again.datasets] == ["unchanged"]
    assert not load_files(store, [base]).changed
    assert export(store) == with_extra

    # an id that another dataset holds is refused, naming both places
    clash = folder / "clash.yaml"
    clash.write_text(
        "nodes:\n  - {id: nvidia, label: Company, name: NVIDIA, "
        "sources: [{doc: doc-b, quote: x}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="'nvidia' is already declared"):
        check_files(store, [clash])
    with pytest.raises(ValidationError) as caught:
        load_files(store, [clash])
    (problem,) = caught.value.problems
    assert problem.file == str(clash) and problem.line == 2
    assert "'nvidia' is already declared by dataset 'base'" in problem.message
    assert str(base) in problem.message
    # a reference to a node nobody holds names the stored graph too
    dangling = folder / "dangling.yaml"
    dangling.write_text(
        "relationships:\n  - {type: PARTNER_OF, from: nvidia, to: nobody, "
        "sources: [{doc: doc-b, quote: x}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="nor in the stored graph"):
        load_files(store, [dangling])

    # the base cannot go, nor lose nvidia, while extra refers to it; nothing changes
    with pytest.raises(GkgError, match=r"example-startup\|PARTNER_OF\|nvidia of dataset 'extra'"):
        unload(store, "base")
    shrunk = folder / "base-without-nvidia.yaml"
    text = base.read_text(encoding="utf-8")
    shrunk.write_text(
        text.replace(
            "  - id: nvidia\n    label: Company\n    name: NVIDIA\n    nameKo: 엔비디아\n"
            '    sources: [{doc: doc-b, quote: "엔비디아"}]\n',
            "",
        ).replace(
            "  - {type: MADE_BY, from: h100, to: nvidia, "
            'sources: [{doc: doc-b, quote: "엔비디아"}]}\n',
            "",
        ),
        encoding="utf-8",
    )
    for attempt in (check_files, load_files):
        with pytest.raises(GkgError, match=r"(?s)refused to replace 'base'.*needs node 'nvidia'"):
            attempt(store, [shrunk])
    assert export(store) == with_extra

    # unloading the extra gives back the base alone, byte for byte
    removed = unload(store, "extra")
    assert removed.nodes.removed == {"Company": 1, "SourceDocument": 1}
    assert export(store) == base_alone
    assert [d.name for d in datasets(store)] == ["base"]
    with pytest.raises(GkgError, match="no dataset 'extra' is loaded"):
        unload(store, "extra")

    # --replace replaces everything, and says so: the extra goes although not named
    load_files(store, [extra])
    everything = load_files(store, [shrunk], replace=True)
    assert everything.replaced_all
    assert {(d.name, d.action) for d in everything.datasets} == {
        ("base", "replaced"),
        ("extra", "removed"),
    }
    assert [d.name for d in datasets(store)] == ["base"]
    assert "nvidia" not in {n.id for n in whole_graph(store)[0]}
