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
from gkg.present.document import page_document, whole_document
from gkg.present.formatting import format_value
from gkg.present.network import GROUPED_FROM, SETTLE_BUDGET_MS
from gkg.present.styles import UNKNOWN_STYLE, label_name, style_for
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


def test_every_label_has_its_own_look():
    looks = [(style_for(lab).color, style_for(lab).shape) for lab in labels()]
    assert UNKNOWN_STYLE not in [style_for(lab) for lab in labels()]
    assert len(set(looks)) == len(looks)
    assert len({color for color, _ in looks}) == len(looks)


def test_whole_graph_page_draws_every_entity(small_store: GraphStore, tmp_path: Path):
    text = write(small_store, tmp_path / "g.html", title="Small graph")
    data = page_data(text)
    nodes = data["nodes"]
    assert set(nodes) == {
        "gwangju", "nhn-cloud", "national-ai-data-center", "h100", "nvidia", "ai-budget-2025"
    }  # fmt: skip
    assert nodes["nhn-cloud"]["name"] == "NHN Cloud" and nodes["nhn-cloud"]["label"] == "Company"
    region = data["labels"]["Region"]
    assert (region["shape"], region["colour"]) == (
        style_for("Region").shape,
        style_for("Region").color,
    )
    assert data["labels"]["Company"]["count"] == 2 and "Person" not in data["labels"]
    assert data["labels"]["Region"]["name"] == {"en": "Region", "ko": "지역"}
    edges = {(e["from"], e["type"], e["to"]) for e in data["edges"].values()}
    assert ("h100", "MADE_BY", "nvidia") in edges and len(edges) == 5
    assert "h100|MADE_BY|nvidia" in data["edges"]  # vis item ids are the seed ids
    # vis-network and the explore code are inlined; nothing is fetched
    assert "vis.Network" in text and "gkgExplore" in text and len(text) > 400_000
    assert remote_resources(text) == []
    scripts = [attrs for tag, attrs in elements(text).tags if tag == "script"]
    assert len(scripts) == 3 and not any("src" in attrs for attrs in scripts)
    assert "<title>Small graph</title>" in text
    assert "whole" not in data  # the whole graph is drawn already


def test_details_records_list_properties_with_units_and_sources(
    small_store: GraphStore, tmp_path: Path
):
    data = page_data(write(small_store, tmp_path / "g.html"))
    centre = data["nodes"]["national-ai-data-center"]
    props = {p["key"]: (p["value"], p["unit"]) for p in centre["properties"]}
    assert props["computePetaflops"] == ("88.5", "PF")
    assert props["status"] == ("in-operation", "")
    assert not {"contentHash", "lookupKeys", "sourceIds", "sourceQuotes", "name"} & set(props)
    assert [(s["publisher"], s["title"], s["date"], s["quote"]) for s in centre["sources"]] == [
        ("Test Daily", "Article A", "2025-05-02", "National AI Data Center"),
        ("테스트 일보", "기사 B", "2023-06-05", "88.5PF"),
    ]
    funds = next(e for e in data["edges"].values() if e["type"] == "FUNDS")
    assert {"key": "amountKrw", "value": "15.3 billion KRW", "unit": ""} in funds["properties"]
    assert centre["marks"] == {}


def test_years_never_get_thousands_separators():
    assert format_value(2020, key="startYear") == "2020"
    assert format_value(2020) == "2020" and format_value(15300000000) == "15,300,000,000"
    assert format_value(12345, key="year") == "12345"
    assert format_value(True) == "true" and format_value(["a", "b"]) == "a; b"
    node = Node("a", ("Entity", "Agreement"), {"name": "A", "startYear": 2020, "year": 2024})
    doc = page_document([node], [])
    values = {p["key"]: p["value"] for p in doc["nodes"]["a"]["properties"]}
    assert values == {"startYear": "2020", "year": "2024"}


def test_marks_light_up_when_the_data_has_them():
    node = Node("a", ("Entity", "Company"), {"name": "A", "inferred": True,
                                             "inferenceReason": "same address"})  # fmt: skip
    rel = Relationship("a|PARTNER_OF|b", "PARTNER_OF", "a", "b", {"superseded": True})
    doc = page_document([node, Node("b", ("Entity", "Company"), {"name": "B"})], [rel])
    assert doc["nodes"]["a"]["marks"] == {"inferred": "same address"}
    assert doc["edges"][rel.id]["marks"] == {"superseded": True}
    assert [p["key"] for p in doc["nodes"]["a"]["properties"]] == []


def test_big_pages_are_laid_out_in_groups_by_label():
    kinds = [k for k in labels() if k != "SourceDocument"]  # uncited sources are not drawn
    nodes = [
        Node(f"n{i}", ("Entity", kinds[i % len(kinds)]), {"name": f"N{i}"})
        for i in range(GROUPED_FROM)
    ]
    doc = page_document(nodes, [], lang="ko")
    companies = sum(1 for n in nodes if n.label == "Company")
    assert all("x" in r and "y" in r for r in doc["nodes"].values())
    assert doc["options"]["physics"] == {"enabled": False}
    captions = {g["key"]: g["caption"] for g in doc["groups"]}
    assert captions["Company"] == f"{label_name('Company', 'ko')} ({companies})"
    assert label_name("Company", "ko") == "기업"
    small = page_document(nodes[:3], [])
    assert "groups" not in small and small["options"]["physics"]["enabled"] is True


def test_pages_of_a_part_embed_the_rest_for_expand(small_store: GraphStore):
    nodes, rels = whole_graph(small_store)
    entities = without_sources(nodes)
    whole = whole_document(entities, rels, None)
    part = [n for n in entities if n.id == "nvidia"]
    doc = page_document(part, [], whole=whole)
    assert set(doc["nodes"]) == {"nvidia"} and "nvidia" not in doc["whole"]["nodes"]
    assert "h100" in doc["whole"]["nodes"]
    assert doc["whole"]["adjacency"]["nvidia"] == ["h100|MADE_BY|nvidia"]
    assert "Product" in doc["labels"]  # styles for what expand may bring in


def test_korean_labels_fall_back_to_english(small_store: GraphStore, tmp_path: Path):
    text = write(small_store, tmp_path / "ko.html", lang="ko")
    data = page_data(text)
    assert data["lang"] == "ko"  # the page names nodes by nameKo, falling back to name
    assert data["nodes"]["gwangju"]["nameKo"] == "광주광역시"
    assert data["nodes"]["h100"]["nameKo"] == ""  # no Korean name in the seed
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
    evil = data["nodes"]["evil-corp"]
    assert evil["name"] == "<script>alert(1)</script>"
    assert evil["nameKo"] == "<img src=x onerror=alert(1)>"
    edge = next(iter(data["edges"].values()))
    role = {"key": "role", "value": '<script src="https://evil.example/x.js"></script>', "unit": ""}
    assert role in edge["properties"]
    assert evil["sources"][0]["publisher"] == "<script>alert('publisher')</script>"


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
    doc = page_document([a, a], [r, r])
    assert list(doc["nodes"]) == ["a"] and list(doc["edges"]) == [r.id]


def test_bare_relationships_get_placeholder_nodes(tmp_path: Path):
    rel = Relationship("x|MADE_BY|y", "MADE_BY", "x", "y")
    text = viz.write_html(tmp_path / "bare.html", Result(["r"], [[rel]])).read_text()
    data = page_data(text)
    assert set(data["nodes"]) == {"x", "y"} and data["nodes"]["x"]["label"] == ""
    assert data["labels"][""]["colour"] == UNKNOWN_STYLE.color


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
    assert options["physics"] == {"enabled": False}  # laid out before the page opens
    assert options["edges"]["smooth"] is False and options["interaction"]["hideEdgesOnZoom"]
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] > 0  # small labels hidden
    assert len(data["groups"]) == len(labels()) and data["settleBudgetMs"] == SETTLE_BUDGET_MS


def test_notebook_display_is_an_offline_srcdoc_iframe(small_store: GraphStore):
    shown = viz.show(whole_graph(small_store), title="In a notebook", height=420)
    markup = shown._repr_html_()
    tags = elements(markup).tags
    assert [tag for tag, _ in tags] == ["iframe"]
    attrs = tags[0][1]
    assert "height:420px" in attrs["style"] and "src" not in attrs
    assert attrs["srcdoc"] == shown.page  # escaped in the attribute, whole once parsed
    assert "vis.Network" in shown.page and remote_resources(markup) == []
    assert page_data(shown.page)["nodes"] and "gkgExplore" in shown.page


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
    whole_page = page_data((tmp_path / "whole.html").read_text())
    assert len(whole_page["nodes"]) == 6 and "whole" not in whole_page

    around = tmp_path / "around.html"
    gkg("viz", "--around", "NVIDIA", "--depth", "1", "--lang", "ko", "--out", str(around),
        check=True)  # fmt: skip
    around_page = page_data(around.read_text())
    assert set(around_page["nodes"]) == {"nvidia", "h100"} and around_page["lang"] == "ko"
    assert "gwangju" in around_page["whole"]["nodes"]  # for expand
    assert "<title>Around 엔비디아 (1 hop)</title>" in around.read_text()

    chain = tmp_path / "chain.html"
    gkg("viz", "--query", "connection", "--param", "from=nhn-cloud", "--param", "to=gwangju",
        "--out", str(chain), check=True)  # fmt: skip
    data = page_data(chain.read_text())
    assert set(data["nodes"]) == {"nhn-cloud", "national-ai-data-center", "gwangju"}
    assert {e["type"] for e in data["edges"].values()} == {"BUILT", "LOCATED_IN"}

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "made-by.cypher").write_text(
        "// name: made-by\n// title: Who makes what\n// result: graph\n"
        "MATCH p = (:Product)-[:MADE_BY]->(:Company) RETURN p\n"
    )
    made = tmp_path / "made.html"
    gkg("viz", "--query", "made-by", "--queries", str(mine), "--out", str(made), check=True)
    assert "<title>Who makes what</title>" in made.read_text()
    assert {e["type"] for e in page_data(made.read_text())["edges"].values()} == {"MADE_BY"}

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
    assert page_data(page)["nodes"]["a"]["name"] == "<b>A</b>"
    assert injected_markup(page) == [] and remote_resources(markup) == []
