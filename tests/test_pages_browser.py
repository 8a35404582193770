"""The explore pages in a real browser: headless Chromium driven by Playwright.

Search, details, legend, expand and keyboard on the report's pages; following an entity
link from a query table; every page type loads offline (only ``file:`` and ``data:``
requests) and shows seed markup as text. Screenshots of each page type go to
``GKG_SCREENSHOTS`` when set (``make screenshots`` writes docs/screenshots).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gkg.core import KnowledgeGraph
from gkg.model import Node, Relationship
from gkg.present import pages
from gkg.present.document import whole_document
from gkg.present.report import Report, write_report
from gkg.schema import labels, rel_types
from gkg.stores.base import GraphStore
from tests.helpers.browser import Driver, drive, driver, shot
from tests.helpers.pages import load_markup

PANEL = "[role=region][aria-label=Details]"
#: Elements no gkg page makes; in the DOM they could only come from seed text.
FOREIGN = "img, svg, iframe, object, embed, b, i, u, script[src*='evil']"
SETTLE = [{"do": "settle"}]


@pytest.fixture(scope="module")
def browser() -> Driver:
    return driver()


@pytest.fixture(scope="module")
def seed_report(seed_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Report:
    return write_report(KnowledgeGraph.over(seed_store), tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def markup_report(make_store, tmp_path_factory: pytest.TempPathFactory) -> Report:
    store = load_markup(make_store)
    return write_report(KnowledgeGraph.over(store), tmp_path_factory.mktemp("markup"))


def goto(path: Path) -> dict[str, Any]:
    return {"do": "goto", "url": path.absolute().as_uri()}


def js(code: str) -> dict[str, Any]:
    return {"do": "eval", "js": code}


def test_searching_asicland_opens_its_details_with_a_source_quote(
    browser: Driver, seed_report: Report, tmp_path: Path
):
    seen = drive(
        browser,
        [
            goto(seed_report.folder / "graph.html"),
            *SETTLE,
            {"do": "click", "selector": "input[type=search]"},
            {"do": "type", "text": "ASICLAND"},
            {"do": "wait", "selector": "[role=option]"},
            js("document.querySelector('[role=option]').innerText"),
            {"do": "press", "key": "Enter"},
            {"do": "wait", "selector": PANEL},
            {"do": "sleep", "ms": 400},
            js(f"document.querySelector('{PANEL}').innerText"),
            js(f"[...document.querySelectorAll('{PANEL} blockquote')].map(q => q.innerText)"),
            js("window.gkgNetwork.getSelectedNodes()"),
            {"do": "shot", "path": shot(tmp_path, "graph-search-details")},
        ],
    )
    first, details, quotes, selected = seen.results
    assert "ASICLAND" in first
    assert "ASICLAND" in details and "에이직랜드" in details and "fabless" in details
    assert "Jeonnam Ilbo" in details and "(2025-07-04)" in details
    assert any("에이직랜드" in q for q in quotes)
    assert "PARTNER_OF" in details and "TSMC" in details  # relationships out, as links
    assert selected == ["asicland"]
    assert seen.problems == [] and seen.dialogs == [] and seen.offline() == []


def test_legend_entries_hide_and_show_their_nodes(
    browser: Driver, seed_report: Report, tmp_path: Path
):
    canvas = "document.querySelector('#gkg-graph canvas').toDataURL()"
    button = ".gkg-type[data-label=Indicator]"
    seen = drive(
        browser,
        [
            goto(seed_report.folder / "graph.html"),
            *SETTLE,
            js(canvas),
            js(
                f"[document.querySelector('{button} .nm').innerText, "
                f"+document.querySelector('{button} .n').innerText]"
            ),
            {"do": "click", "selector": button},
            {"do": "sleep", "ms": 300},
            js(canvas),
            js("window.gkgNodes.get({filter: n => n.hidden}).map(n => n.kind)"),
            js(f"document.querySelector('{button}').getAttribute('aria-pressed')"),
            {"do": "shot", "path": shot(tmp_path, "graph-legend-indicator-hidden")},
            {"do": "click", "selector": button},
            js("window.gkgNodes.get({filter: n => n.hidden}).length"),
        ],
    )
    before, (name, count), after, hidden, pressed, again = seen.results
    assert name == "Indicator" and count > 0
    assert after != before, "clicking Indicator did not change the drawing"
    assert hidden == ["Indicator"] * count and pressed == "false"
    assert again == 0
    assert seen.problems == [] and seen.offline() == []


def test_keyboard_reaches_search_results_details_and_back(browser: Driver, seed_report: Report):
    seen = drive(
        browser,
        [
            goto(seed_report.folder / "graph.html"),
            *SETTLE,
            {"do": "press", "key": "Tab"},  # the back link
            {"do": "press", "key": "Tab"},  # the search box comes next
            js("document.activeElement.type"),
            {"do": "type", "text": "에이직"},
            {"do": "press", "key": "ArrowDown"},
            js("document.activeElement.getAttribute('aria-activedescendant')"),
            {"do": "press", "key": "Enter"},
            {"do": "wait", "selector": PANEL},
            js("window.gkgExploreApi.current()"),
            {"do": "click", "selector": f"{PANEL} .gkg-rel"},
            js("window.gkgExploreApi.current()"),
            {"do": "press", "key": "Escape"},
            js(f"document.querySelector('{PANEL}').hidden"),
            js("document.activeElement.tagName"),
            {"do": "click", "selector": ".gkg-type[data-label=Company]"},
            {"do": "press", "key": "Enter"},  # a focused legend button toggles back
            js("document.activeElement.getAttribute('aria-pressed')"),
        ],
    )
    kind, active, current, edge, hidden, focus, pressed = seen.results
    assert kind == "search" and active == "gkg-opt-0"
    assert current == {"kind": "node", "id": "asicland"}
    assert edge["kind"] == "edge"
    assert hidden is True and focus in ("INPUT", "BUTTON")
    assert pressed == "true"


def test_entity_page_expands_from_the_whole_graph(
    browser: Driver, seed_report: Report, tmp_path: Path
):
    seen = drive(
        browser,
        [
            goto(seed_report.folder / "entities" / "tsmc.html"),
            *SETTLE,
            {"do": "shot", "path": shot(tmp_path, "entity-page")},
            js("window.gkgNodes.length"),
            js("window.gkgExploreApi.expand('asicland')"),
            js("window.gkgNodes.get().map(n => n.id).sort()"),
            js(f"document.querySelector('{PANEL} .gkg-page').getAttribute('href')"),
        ],
    )
    before, added, ids, href = seen.results
    assert before == 2 and added == 1 and len(ids) == 3 and "asicland" in ids
    assert href == "asicland.html"
    assert seen.problems == [] and seen.offline() == []


def test_entity_links_in_query_tables_open_entity_pages(
    browser: Driver, seed_report: Report, tmp_path: Path
):
    seen = drive(
        browser,
        [
            goto(seed_report.folder / "queries" / "companies.html"),
            {"do": "shot", "path": shot(tmp_path, "query-table")},
            {"do": "click", "selector": "table a[href='../entities/asicland.html']"},
            {"do": "waitUrl", "part": "entities/asicland.html"},
            *SETTLE,
            js("document.querySelector('h1').innerText"),
            js("document.body.innerText.includes('국내유일TSMC')"),
            {"do": "click", "selector": "a[href='../sources/jnilbo-2025.html']"},
            {"do": "waitUrl", "part": "sources/jnilbo-2025.html"},
            {"do": "shot", "path": shot(tmp_path, "source-page")},
            goto(seed_report.folder / "analytics.html"),
            {"do": "shot", "path": shot(tmp_path, "analytics")},
        ],
    )
    assert seen.results == ["ASICLAND", True]
    assert seen.problems == [] and seen.offline() == []


def test_index_search_finds_entities_and_facts(
    browser: Driver, seed_report: Report, tmp_path: Path
):
    seen = drive(
        browser,
        [
            goto(seed_report.index),
            {"do": "click", "selector": "#site-search"},
            {"do": "type", "text": "foundry"},
            js("[...document.querySelectorAll('#site-search-results a')].map(a => a.innerText)"),
            {"do": "fill", "selector": "#site-search", "text": "tsmc"},
            {"do": "shot", "path": shot(tmp_path, "index-search")},
            {"do": "press", "key": "Enter"},
            {"do": "waitUrl", "part": "entities/tsmc.html"},
            *SETTLE,
            js("document.querySelector('h1').innerText"),
        ],
    )
    facts, title = seen.results
    assert "TSMC — sector: foundry" in facts and title == "TSMC"
    assert seen.offline() == []


def test_korean_page_has_korean_names_and_legend(
    browser: Driver, seed_store: GraphStore, tmp_path: Path
):
    kg = KnowledgeGraph.over(seed_store)
    page = pages.write_html(
        tmp_path / "ko.html", kg.entities(), sources=kg.source_documents(), lang="ko",
        title="전체 그래프",
    )  # fmt: skip
    seen = drive(
        browser,
        [
            goto(page),
            *SETTLE,
            js("document.getElementById('gkg-legend').innerText"),
            js("window.gkgExploreApi.selectNode('asicland', {centre: true})"),
            {"do": "sleep", "ms": 400},
            js(f"document.querySelector('{PANEL}').innerText"),
            {"do": "shot", "path": shot(tmp_path, "graph-korean")},
        ],
    )
    legend, _, details = seen.results
    assert "기업" in legend and "지표" in legend and "Company" not in legend
    assert details.startswith("상세 정보") and "에이직랜드" in details and "출처" in details


def test_every_page_type_loads_offline_and_shows_markup_as_text(
    browser: Driver, markup_report: Report, markup_store_viz: dict[str, Path]
):
    root = markup_report.folder
    graph_pages = [
        root / "graph.html",
        root / "entities" / "evil-corp.html",
        markup_store_viz["around"],
        markup_store_viz["notebook"],
    ]
    plain = [root / "index.html", root / "analytics.html", *sorted((root / "sources").glob("*"))]
    plain += sorted((root / "queries").glob("*.html"))[:3]
    steps: list[dict[str, Any]] = []
    for page in plain:
        steps += [goto(page), js(f'document.querySelectorAll("{FOREIGN}").length')]
    for page in graph_pages[:3]:
        steps += [
            goto(page),
            *SETTLE,
            js("window.gkgExploreApi.selectNode('evil-corp')"),
            js(f"document.querySelector('{PANEL}').innerText"),
            js(f'document.querySelectorAll("{FOREIGN}").length'),
        ]
    in_frame = [
        "window.gkgExploreApi.selectNode('evil-corp')",
        f"document.querySelector('{PANEL}').innerText",
        f'document.querySelectorAll("{FOREIGN}").length',
    ]
    steps += [goto(graph_pages[3]), {"do": "frameSettle"}]
    steps += [{"do": "frameEval", "js": code} for code in in_frame]
    steps += [goto(root / "index.html"), {"do": "click", "selector": "#site-search"},
              {"do": "type", "text": "<script"},
              js("document.getElementById('site-search-results').innerText"),
              js(f"document.querySelectorAll(\"{FOREIGN}\").length")]  # fmt: skip
    seen = drive(browser, steps)
    assert seen.dialogs == [], "seed markup ran"
    assert seen.offline() == [], seen.offline()
    assert seen.problems == []
    results = list(seen.results)
    for _ in plain:
        assert results.pop(0) == 0
    for _ in graph_pages:
        _, details, foreign = results[:3]
        del results[:3]
        assert "<script>alert(1)</script>" in details and foreign == 0
    hits, foreign = results
    assert "<script>alert(1)</script>" in hits and foreign == 0


@pytest.fixture(scope="module")
def markup_store_viz(make_store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A ``gkg viz --around`` style page (whole graph embedded) and a notebook's iframe."""
    store = load_markup(make_store)
    kg = KnowledgeGraph.over(store)
    folder = tmp_path_factory.mktemp("viz")
    entities, rels = kg.entities()
    sources = kg.source_documents()
    whole = whole_document(entities, rels, sources)
    around = kg.neighbourhood("evil-corp", 1)
    paths = {"around": pages.write_html(folder / "around.html", around, sources=sources,
                                         whole=whole)}  # fmt: skip
    shown = pages.show((entities, rels), sources=sources)
    notebook = folder / "notebook.html"
    notebook.write_text(pages.page_html(title="notebook", body=shown._repr_html_()), "utf-8")
    paths["notebook"] = notebook
    return paths


def test_two_thousand_nodes_settle_and_select(browser: Driver, tmp_path: Path):
    """The big page is laid out up front: settled at its first frame, selection stays quick
    (the settle time itself is measured by make bench, not asserted here)."""
    import random

    rng = random.Random(7)
    kinds = [k for k in labels() if k != "SourceDocument"]
    types = rel_types()
    nodes = [Node(f"n{i}", ("Entity", kinds[i % len(kinds)]), {"name": f"Entity {i}"})
             for i in range(2000)]  # fmt: skip
    rels = [Relationship(f"r{j}", types[j % len(types)], f"n{rng.randrange(2000)}",
                         f"n{rng.randrange(2000)}") for j in range(6000)]  # fmt: skip
    page = pages.write_html(tmp_path / "big.html", (nodes, rels), title="2,000 nodes")
    seen = drive(
        browser,
        [
            goto(page),
            *SETTLE,
            js("window.gkgSettleMs"),
            js("window.gkgNetwork.physics.options.enabled"),
            {"do": "fill", "selector": "input[type=search]", "text": "Entity 1999"},
            {"do": "press", "key": "Enter"},
            {"do": "wait", "selector": PANEL},
            js("window.gkgExploreApi.current()"),
            {"do": "shot", "path": shot(tmp_path, "graph-2000-nodes")},
        ],
    )
    settle_ms, physics, current = seen.results
    assert isinstance(settle_ms, int) and physics is False
    assert current == {"kind": "node", "id": "n1999"}
    assert seen.problems == [] and seen.offline() == []


def test_driver_reports_requests(browser: Driver, tmp_path: Path):
    page = tmp_path / "plain.html"
    page.write_text(pages.page_html(title="t", body="<p>x</p>"), "utf-8")
    seen = drive(browser, [goto(page), js("document.title")])
    assert seen.results == ["t"] and seen.requests[0].startswith("file:")
    assert json.dumps(seen.offline()) == "[]"
