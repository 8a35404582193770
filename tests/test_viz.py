"""Graph pages: content, styling, language, escaping, offline-ness, notebook display."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from gkg.core import KnowledgeGraph
from gkg.model import Node, Relationship, Result, graph_of, without_sources
from gkg.model import Path as GraphPath
from gkg.present import pages as viz
from gkg.present.network import SETTLE_BUDGET_MS, STABILIZATION_BIG, build_network
from gkg.present.styles import UNKNOWN_STYLE, style_for
from gkg.schema import labels, rel_types
from gkg.stores.base import GraphStore, whole_graph
from tests.helpers.pages import elements, injected_markup, load_markup, remote_resources

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
)


@pytest.fixture(scope="module")
def markup_store(make_store) -> GraphStore:
    return load_markup(make_store)


def page_data(text: str) -> dict:
    """The graph data a page carries (the JSON in its gkg-data script block)."""
    match = re.search(r'<script id="gkg-data" type="application/json">(.*?)</script>', text, re.S)
    assert match, "no graph data in the page"
    return json.loads(match.group(1))


def write(store: GraphStore, path: Path, **kwargs) -> str:
    nodes, rels = whole_graph(store)
    entities = without_sources(nodes)
    sources = KnowledgeGraph.over(store).source_documents()
    viz.write_html(path, (entities, rels), sources=sources, **kwargs)
    return path.read_text(encoding="utf-8")


def _legend(page: str) -> str:
    found = re.search(r'<ul id="gkg-legend".*?</ul>', page, re.S)
    assert found is not None, "the page has no legend"
    return found.group(0)


def test_every_label_has_its_own_look():
    looks = [(style_for(lab).color, style_for(lab).shape) for lab in labels()]
    assert UNKNOWN_STYLE not in [style_for(lab) for lab in labels()]
    assert len(set(looks)) == len(looks)
    assert len({color for color, _ in looks}) == len(looks)


def test_whole_graph_page_draws_every_entity(small_store: GraphStore, tmp_path: Path):
    text = write(small_store, tmp_path / "g.html", title="Small graph")
    data = page_data(text)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert set(by_id) == {
        "gwangju", "nhn-cloud", "national-ai-data-center", "h100", "nvidia", "ai-budget-2025"
    }  # fmt: skip
    assert by_id["nhn-cloud"]["label"] == "NHN Cloud"
    assert by_id["gwangju"]["shape"] == style_for("Region").shape
    assert by_id["gwangju"]["color"] == style_for("Region").color
    edges = {(e["from"], e["label"], e["to"]) for e in data["edges"]}
    assert ("h100", "MADE_BY", "nvidia") in edges and len(edges) == 5
    # the legend names the labels present, with counts
    legend = _legend(text)
    assert 'Company <span class="n">2</span>' in legend and "DataCenter" in legend
    assert "Person" not in legend
    # vis-network is inlined from pyvis; nothing is fetched
    assert "vis.Network" in text and len(text) > 400_000
    assert remote_resources(text) == []
    scripts = [attrs for tag, attrs in elements(text).tags if tag == "script"]
    assert len(scripts) == 3 and not any("src" in attrs for attrs in scripts)
    assert "<title>Small graph</title>" in text


def test_tooltips_list_properties_and_sources(small_store: GraphStore, tmp_path: Path):
    data = page_data(write(small_store, tmp_path / "g.html"))
    tip = dict(
        (k, v)
        for k, v in next(n for n in data["nodes"] if n["id"] == "national-ai-data-center")["tip"]
        if k not in ("", "#", "source")
    )
    assert tip["computePetaflops"] == "88.5 PF"
    assert tip["status"] == "in-operation"
    assert "contentHash" not in tip and "lookupKeys" not in tip
    node = next(n for n in data["nodes"] if n["id"] == "national-ai-data-center")
    sources = [v for k, v in node["tip"] if k == "source"]
    assert sources == [
        "Test Daily, Article A (2025-05-02): “National AI Data Center”",
        "테스트 일보, 기사 B (2023-06-05): “88.5PF”",
    ]
    funds = next(e for e in data["edges"] if e["label"] == "FUNDS")
    assert funds["tip"][0] == [
        "",
        "AI strategic projects, 2025 first supplementary budget -FUNDS-> National AI Data Center",
    ]
    assert ["amountKrw", "15,300,000,000"] in funds["tip"]


def test_korean_labels_fall_back_to_english(small_store: GraphStore, tmp_path: Path):
    text = write(small_store, tmp_path / "ko.html", lang="ko")
    names = {n["id"]: n["label"] for n in page_data(text)["nodes"]}
    assert names["gwangju"] == "광주광역시"
    assert names["nvidia"] == "엔비디아"
    assert names["h100"] == "NVIDIA H100"  # no Korean name in the seed
    assert '<html lang="ko">' in text


def test_unknown_language_is_refused():
    from gkg.errors import GkgError

    with pytest.raises(GkgError, match="unknown language 'fr'"):
        viz.render_page(([], []), lang="fr")


def test_seed_markup_stays_text(markup_store: GraphStore, tmp_path: Path):
    text = write(markup_store, tmp_path / "markup.html")
    assert injected_markup(text) == []
    assert remote_resources(text) == []
    for hostile in HOSTILE:
        assert hostile not in text
    assert "evil.example" not in remote_resources(text)
    # the data still says exactly what the seed says
    data = page_data(text)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["evil-corp"]["label"] == "<script>alert(1)</script>"
    assert ["", "<img src=x onerror=alert(1)>"] in by_id["evil-corp"]["tip"]
    assert ["role", '<script src="https://evil.example/x.js"></script>'] in data["edges"][0]["tip"]
    source = next(v for k, v in by_id["evil-corp"]["tip"] if k == "source")
    assert source.startswith("<script>alert('publisher')</script>, </script><script>")


def test_json_for_html_cannot_close_the_script():
    text = viz.json_for_html({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_graph_of_takes_results_pairs_paths_and_lists():
    a = Node("a", ("Entity", "Company"), {"name": "A"})
    b = Node("b", ("Entity", "Company"), {"name": "B"})
    r = Relationship("a|PARTNER_OF|b", "PARTNER_OF", "a", "b")
    path = GraphPath((a, b), (r,))
    for value in (Result(["p"], [[path]]), ([a, b], [r]), path, [a, r, b]):
        nodes, rels = graph_of(value)
        assert [n.id for n in nodes] == ["a", "b"] and rels == [r]


def test_repeated_elements_are_drawn_once():
    a = Node("a", ("Entity", "Company"), {"name": "A"})
    r = Relationship("a|PARTNER_OF|a", "PARTNER_OF", "a", "a")
    net = build_network([a, a], [r, r])
    assert [n["id"] for n in net.nodes] == ["a"] and [e["id"] for e in net.edges] == [r.id]


def test_bare_relationships_get_placeholder_nodes(tmp_path: Path):
    rel = Relationship("x|MADE_BY|y", "MADE_BY", "x", "y")
    text = viz.write_html(tmp_path / "bare.html", Result(["r"], [[rel]])).read_text()
    data = page_data(text)
    assert {n["id"] for n in data["nodes"]} == {"x", "y"}
    assert "unknown" in _legend(text)


def test_big_graphs_settle_on_a_budget(tmp_path: Path):
    """2,000 nodes and 6,000 edges: cheap layout settings; the page is still written whole."""
    rng = random.Random(7)
    kinds, types = labels(), rel_types()
    nodes = [
        Node(f"n{i}", ("Entity", kinds[i % len(kinds)]), {"name": f"Entity {i}"})
        for i in range(2000)
    ]
    rels = [
        Relationship(f"r{j}", types[j % len(types)], f"n{rng.randrange(2000)}",
                     f"n{rng.randrange(2000)}")
        for j in range(6000)
    ]  # fmt: skip
    data = page_data(viz.write_html(tmp_path / "big.html", (nodes, rels)).read_text())
    assert len(data["nodes"]) == 2000 and len(data["edges"]) == 6000
    options = data["options"]
    assert options["layout"]["improvedLayout"] is False
    assert options["physics"]["stabilization"]["iterations"] == STABILIZATION_BIG
    assert options["edges"]["smooth"] is False
    assert data["settleBudgetMs"] == SETTLE_BUDGET_MS


def test_notebook_display_is_an_offline_srcdoc_iframe(small_store: GraphStore):
    shown = viz.show(whole_graph(small_store), title="In a notebook", height=420)
    markup = shown._repr_html_()
    tags = elements(markup).tags
    assert [tag for tag, _ in tags] == ["iframe"]
    attrs = tags[0][1]
    assert "height:420px" in attrs["style"] and "src" not in attrs
    assert attrs["srcdoc"] == shown.page  # escaped in the attribute, whole once parsed
    assert "vis.Network" in shown.page and remote_resources(markup) == []
    assert page_data(shown.page)["nodes"]


def test_notebook_display_of_markup_is_inert(markup_store: GraphStore):
    markup = viz.show(whole_graph(markup_store))._repr_html_()
    assert [tag for tag, _ in elements(markup).tags] == ["iframe"]
    assert injected_markup(elements(markup).tags[0][1]["srcdoc"]) == []


def test_cli_viz(gkg, tmp_path: Path):
    unloaded = gkg("viz", "--out", str(tmp_path / "none.html"))
    assert unloaded.returncode == 2 and "not loaded yet" in unloaded.stderr
    gkg("load", "tests/fixtures/small.yaml", check=True)

    whole = gkg("viz", "--out", str(tmp_path / "whole.html"), check=True)
    assert whole.stdout.strip() == str(tmp_path / "whole.html")
    assert len(page_data((tmp_path / "whole.html").read_text())["nodes"]) == 6

    around = tmp_path / "around.html"
    gkg("viz", "--around", "NVIDIA", "--depth", "1", "--lang", "ko", "--out", str(around),
        check=True)  # fmt: skip
    labels_ = {n["id"]: n["label"] for n in page_data(around.read_text())["nodes"]}
    assert labels_ == {"nvidia": "엔비디아", "h100": "NVIDIA H100"}
    assert "<title>Around 엔비디아 (1 hop)</title>" in around.read_text()

    chain = tmp_path / "chain.html"
    gkg("viz", "--query", "connection", "--param", "from=nhn-cloud", "--param", "to=gwangju",
        "--out", str(chain), check=True)  # fmt: skip
    data = page_data(chain.read_text())
    assert {n["id"] for n in data["nodes"]} == {"nhn-cloud", "national-ai-data-center", "gwangju"}
    assert {e["label"] for e in data["edges"]} == {"BUILT", "LOCATED_IN"}

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "made-by.cypher").write_text(
        "// name: made-by\n// title: Who makes what\n// result: graph\n"
        "MATCH p = (:Product)-[:MADE_BY]->(:Company) RETURN p\n"
    )
    made = tmp_path / "made.html"
    gkg("viz", "--query", "made-by", "--queries", str(mine), "--out", str(made), check=True)
    assert "<title>Who makes what</title>" in made.read_text()
    assert {e["label"] for e in page_data(made.read_text())["edges"]} == {"MADE_BY"}

    for args, message in (
        (("--query", "connection", "--around", "nvidia"), "give --query or --around, not both"),
        (("--param", "a=b"), "--param needs --query"),
        (("--around", "nobody"), "no entity with id, name or alias 'nobody'"),
        (("--query", "overview"), "answers with a table"),
        (("--lang", "fr"), "Invalid value for '--lang'"),
    ):
        done = gkg("viz", *args, "--out", str(tmp_path / "x.html"))
        assert done.returncode == 2, args
        assert message in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_show_renders_inline_in_a_real_kernel():
    """Executed by a real Jupyter kernel, show() gives text/html: an offline srcdoc iframe."""
    import nbformat
    from nbclient import NotebookClient

    code = (
        "from gkg.present import pages as viz\n"
        "from gkg.model import Node, Relationship\n"
        "a = Node('a', ('Entity', 'Company'), {'name': '<b>A</b>'})\n"
        "b = Node('b', ('Entity', 'Region'), {'name': 'B'})\n"
        "viz.show(([a, b], [Relationship('a|LOCATED_IN|b', 'LOCATED_IN', 'a', 'b')]))"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    outputs = notebook.cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["execute_result"]
    markup = outputs[0]["data"]["text/html"]
    tags = elements(markup).tags
    assert [tag for tag, _ in tags] == ["iframe"]
    page = tags[0][1]["srcdoc"]
    assert page_data(page)["nodes"][0]["label"] == "<b>A</b>"
    assert injected_markup(page) == [] and remote_resources(markup) == []
