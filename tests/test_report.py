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


def test_report_pages_keep_seed_markup_inert(markup_store: GraphStore, tmp_path: Path):
    report = write_report(KnowledgeGraph.over(markup_store), tmp_path / "report")
    texts = {p: p.read_text(encoding="utf-8") for p in html_files(report.folder)}
    assert len(texts) == len(report.outcomes) + 3
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
