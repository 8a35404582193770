"""The offline report: every named query linked, every page offline and inert."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from gkg.catalogue import Catalogue
from gkg.core import KnowledgeGraph
from gkg.present.report import write_report
from gkg.stores.base import GraphStore
from tests.helpers.pages import elements, html_files, injected_markup, load_markup, remote_resources


@pytest.fixture(scope="module")
def markup_store(make_store) -> GraphStore:
    return load_markup(make_store)


def links(page: Path) -> set[str]:
    return {
        attrs["href"]
        for tag, attrs in elements(page.read_text(encoding="utf-8")).tags
        if tag == "a" and "href" in attrs
    }


def test_report_over_the_seed_links_every_named_query(seed_store: GraphStore, tmp_path: Path):
    catalogue = Catalogue.load()
    report = write_report(KnowledgeGraph.over(seed_store), tmp_path / "report")
    assert report.failures == [], [(o.query.name, o.error) for o in report.failures]
    index = tmp_path / "report" / "index.html"
    assert report.index == index
    hrefs = links(index)
    assert {f"queries/{name}.html" for name in catalogue.names()} <= hrefs
    assert {"graph.html", "analytics.html", "gkg.graphml"} <= hrefs
    for href in hrefs:
        assert (index.parent / href).is_file(), href
    # a page per query, with its table; graph-shaped answers are drawn too
    connection = (index.parent / "queries" / "connection.html").read_text(encoding="utf-8")
    assert 'id="gkg-data"' in connection and "<table>" in connection
    assert "-&gt;" in connection  # the chain, escaped, in the table
    assert {o.query.name for o in report.outcomes if o.drawn} >= {"connection"}
    assert all(o.rows > 0 for o in report.outcomes if o.drawn)
    # vis-network is shipped beside the pages, never fetched
    assets = index.parent / "assets"
    assert (assets / "vis-network.min.js").stat().st_size > 400_000
    assert '<script src="../assets/vis-network.min.js">' in connection
    for page in html_files(index.parent):
        text = page.read_text(encoding="utf-8")
        assert remote_resources(text) == [], page
        assert injected_markup(text) == [], page
    analytics = (index.parent / "analytics.html").read_text(encoding="utf-8")
    assert "Gwangju" in analytics and "Communities" in analytics


def test_report_has_a_page_per_entity_and_per_source(seed_store: GraphStore, tmp_path: Path):
    kg = KnowledgeGraph.over(seed_store)
    report = write_report(kg, tmp_path / "report")
    entities, _ = kg.entities()
    sources = kg.source_documents()
    root = report.folder
    assert {p.stem for p in (root / "entities").glob("*.html")} == {n.id for n in entities}
    assert {p.stem for p in (root / "sources").glob("*.html")} == set(sources)
    page = (root / "entities" / "asicland.html").read_text(encoding="utf-8")
    assert "<h1>ASICLAND</h1>" in page and "에이직랜드" in page
    assert "sector</th><td>fabless" in page  # its facts
    assert "국내유일TSMC 협력사인" in page  # a source quote
    assert 'href="tsmc.html"' in page and 'href="../sources/jnilbo-2025.html"' in page
    assert '<script src="../assets/whole.js">' in page  # expand reaches the whole graph
    data = re.search(r'id="gkg-data" type="application/json">(.*?)</script>', page, re.S)
    assert data and '"entityPages":""' in data.group(1)
    source = (root / "sources" / "jnilbo-2025.html").read_text(encoding="utf-8")
    assert 'href="../entities/asicland.html"' in source and "PARTNER_OF" in source
    stating = [n for n in entities if "jnilbo-2025" in (n.properties.get("sourceIds") or ())]
    assert f"What it states ({len(stating)} entities" in source
    # entity names in query tables link to their pages
    companies = (root / "queries" / "companies.html").read_text(encoding="utf-8")
    assert '<a href="../entities/asicland.html">ASICLAND</a>' in companies
    # the index searches entities, facts and sources in the page itself
    index = report.index.read_text(encoding="utf-8")
    assert '<input type="search" id="site-search"' in index
    assert '<script src="assets/site-search.js">' in index
    assert (root / "assets" / "site-search.js").is_file()
    assert "entities/asicland.html" in index and "sources/jnilbo-2025.html" in index


def test_analytics_lists_every_component_as_the_cli_numbers_them(
    seed_store: GraphStore, tmp_path: Path
):
    kg = KnowledgeGraph.over(seed_store)
    report = write_report(kg, tmp_path / "report")
    analytics = (report.folder / "analytics.html").read_text(encoding="utf-8")
    components = kg.components()
    sizes = ", ".join(str(row[1]) for row in components.rows)
    assert f"{len(components.rows)} components; sizes: {sizes}</p>" in analytics
    section = analytics.split("<h2>Connected components</h2>")[1].split("<h2>")[0]
    numbers = re.findall(r'<tr><td class="num">(\d+)</td><td class="num">(\d+)</td>', section)
    assert numbers == [(str(row[0]), str(row[1])) for row in components.rows]


def test_report_pages_keep_seed_markup_inert(markup_store: GraphStore, tmp_path: Path):
    report = write_report(KnowledgeGraph.over(markup_store), tmp_path / "report")
    texts = {p: p.read_text(encoding="utf-8") for p in html_files(report.folder)}
    entities, _ = KnowledgeGraph.over(markup_store).entities()
    sources = KnowledgeGraph.over(markup_store).source_documents()
    assert len(texts) == len(report.outcomes) + 3 + len(entities) + len(sources)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts.values())
    for page, text in texts.items():
        assert injected_markup(text) == [], page
        assert remote_resources(text) == [], page
        assert "<script>alert" not in text and "<img src=x" not in text, page


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as the browser")
def test_report_command_prints_the_path_and_never_hangs_on_open(gkg, tmp_path: Path):
    gkg("load", check=True)  # the shipped seed, as `make demo` does
    out = tmp_path / "report"
    headless = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "BROWSER": ""}
    done = gkg("report", "--out", str(out), "--open", env=headless, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(out / "index.html")
    assert "no browser to open it with here" in done.stderr
    assert re.search(r"report: \d+ named queries \(\d+ drawn as graphs\)", done.stderr)
    # with a browser at hand, --open hands it the index page
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    again = gkg("report", "--out", str(out), "--open", env={"BROWSER": str(browser)})
    assert again.returncode == 0, again.stderr
    assert opened.read_text().strip() == (out / "index.html").as_uri()


def test_report_on_an_empty_store_is_a_clear_error(gkg, tmp_path: Path):
    done = gkg("report", "--out", str(tmp_path / "r"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not loaded yet" in done.stderr
    assert not (tmp_path / "r").exists()


def test_failed_queries_fail_the_command_but_the_report_is_written(gkg, tmp_path: Path):
    gkg("load", "tests/fixtures/small.yaml", check=True)  # lacks the queries' default entities
    done = gkg("report", "--out", str(tmp_path / "r"), env={"DISPLAY": ""})
    assert done.returncode == 2
    assert "named queries failed; their pages say why" in done.stderr
    assert (tmp_path / "r" / "index.html").is_file()
    assert "failed" in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
