"""The pages in a real browser: headless Chromium draws them, offline, without errors.

Needs Debian's ``chromium`` and ``chromium-driver`` (``chromedriver``). Without them the
tests skip with a reason; under CI (``CI`` set) they fail, since .ci/run installs them.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gkg.core import KnowledgeGraph
from gkg.model import Node, Relationship
from gkg.present import pages as viz
from gkg.present.network import BIG_GRAPH, SETTLE_BUDGET_MS
from gkg.present.report import write_report
from gkg.present.styles import style_for
from gkg.schema import labels, rel_types
from gkg.stores.base import GraphStore, whole_graph
from tests.helpers.common import need_program
from tests.helpers.pages import load_markup

SETTLE_TIMEOUT = 30.0
WINDOW = (1200, 800)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = need_program("chromium", "the browser test opens the pages in headless Chromium")
    driver_path = need_program("chromedriver", "Selenium drives Chromium through it")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--force-device-scale-factor=1",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def markup_store(make_store) -> GraphStore:
    return load_markup(make_store)


def open_page(driver: Any, page: Path, *, graph: bool = True) -> dict[str, Any]:
    """Load a page, wait for its graph to settle; return its console log and requests."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(page.absolute().as_uri())
    if graph:
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while not driver.execute_script("return window.gkgSettled === true"):
            assert time.monotonic() < deadline, f"{page.name} did not settle"
            time.sleep(0.05)
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return {"log": driver.get_log("browser"), "requests": requests}


def errors(log: list[dict[str, Any]]) -> list[str]:
    return [e["message"] for e in log if e["level"] in ("SEVERE", "WARNING")]


def offline(requests: list[str]) -> list[str]:
    """Requests that would leave the machine."""
    return [url for url in requests if not url.startswith(("file:", "data:", "about:"))]


CANVAS_PIXELS = """
const canvas = document.querySelector('#gkg-graph canvas');
const {width, height} = canvas;
const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
const colours = new Set();
let painted = 0;
for (let i = 0; i < pixels.length; i += 4) {
  if (pixels[i + 3] === 0) continue;
  painted += 1;
  colours.add('#' + [0, 1, 2].map(k => pixels[i + k].toString(16).padStart(2, '0')).join(''));
}
return {width, height, painted, colours: Array.from(colours)};
"""


def test_graph_page_draws_settles_and_stops(browser: Any, small_store: GraphStore, tmp_path):
    sources = KnowledgeGraph.over(small_store).source_documents()
    page = viz.write_html(tmp_path / "small.html", whole_graph(small_store), sources=sources)
    seen = open_page(browser, page)
    browser.save_screenshot(str(tmp_path / "small.png"))
    assert errors(seen["log"]) == []
    assert offline(seen["requests"]) == [] and seen["requests"][0].startswith("file:")
    canvas = browser.execute_script(CANVAS_PIXELS)
    assert canvas["width"] >= 600 and canvas["height"] >= 400
    assert canvas["painted"] > 2000, f"canvas nearly blank; see {tmp_path / 'small.png'}"
    for label in ("Region", "Company", "DataCenter", "Product", "Budget"):
        assert style_for(label).color in canvas["colours"], label
    # the layout has stopped: physics is off and nothing moves any more
    assert browser.execute_script("return window.gkgNetwork.physics.options.enabled") is False
    before = browser.execute_script("return window.gkgNetwork.getPositions()")
    time.sleep(0.3)
    assert browser.execute_script("return window.gkgNetwork.getPositions()") == before
    legend = browser.find_element("id", "gkg-legend")
    assert legend.is_displayed() and "DataCenter" in legend.text


def test_markup_in_the_seed_never_runs(browser: Any, markup_store: GraphStore, tmp_path):
    page = viz.write_html(
        tmp_path / "markup.html",
        whole_graph(markup_store),
        sources=KnowledgeGraph.over(markup_store).source_documents(),
    )
    seen = open_page(browser, page)  # an alert() would break every call below
    assert errors(seen["log"]) == [] and offline(seen["requests"]) == []
    counts = browser.execute_script(
        "return ['img', 'svg', 'iframe', 'b', 'u', 'script[src]'].map("
        "s => document.querySelectorAll(s).length)"
    )
    assert counts == [0, 0, 0, 0, 0, 0]
    # hover the node named <script>...: its tooltip shows the markup as text
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = browser.execute_script(
        "const n = window.gkgNetwork; const p = n.canvasToDOM(n.getPositions(['evil-corp'])"
        "['evil-corp']); return [p.x, p.y];"
    )
    canvas = browser.find_element("css selector", "#gkg-graph canvas")
    width, height = canvas.size["width"], canvas.size["height"]
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - width / 2), int(y - height / 2)
    ).perform()
    deadline = time.monotonic() + 5
    tip = None
    while time.monotonic() < deadline:
        tip = browser.execute_script(
            "const t = document.querySelector('.vis-tooltip');"
            "return t && t.style.visibility === 'visible' ? "
            "[t.innerText, t.querySelectorAll('script,img,svg,iframe,a,b,i').length] : null"
        )
        if tip:
            break
        time.sleep(0.1)
    assert tip is not None, "no tooltip appeared"
    text, elements = tip
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "Tom & Jerry's <i>company</i>" in text
    assert elements == 0


def test_report_pages_load_their_shared_assets(browser: Any, small_store: GraphStore, tmp_path):
    report = write_report(KnowledgeGraph.over(small_store), tmp_path / "report")
    seen = open_page(browser, report.folder / "graph.html")
    assert errors(seen["log"]) == [] and offline(seen["requests"]) == []
    assert any(url.endswith("/assets/vis-network.min.js") for url in seen["requests"])
    assert browser.execute_script(CANVAS_PIXELS)["painted"] > 2000
    index = open_page(browser, report.index, graph=False)
    assert errors(index["log"]) == [] and offline(index["requests"]) == []
    assert "Named queries" in browser.find_element("tag name", "body").text


def test_big_graph_settings_settle_without_warnings(browser: Any, tmp_path):
    """Past BIG_GRAPH nodes the page uses its cheaper layout; vis-network accepts it."""
    rng = random.Random(3)
    kinds, types = labels(), rel_types()
    count = BIG_GRAPH + 100
    nodes = [
        Node(f"n{i}", ("Entity", kinds[i % len(kinds)]), {"name": f"N{i}"}) for i in range(count)
    ]
    rels = [
        Relationship(f"r{j}", types[j % len(types)], f"n{rng.randrange(count)}",
                     f"n{rng.randrange(count)}")
        for j in range(count * 3)
    ]  # fmt: skip
    seen = open_page(browser, viz.write_html(tmp_path / "big.html", (nodes, rels)))
    assert errors(seen["log"]) == []
    assert browser.execute_script("return window.gkgSettleMs") < SETTLE_BUDGET_MS + 3000
    assert browser.execute_script(CANVAS_PIXELS)["painted"] > 5000
