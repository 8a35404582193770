"""The analyst notebooks: committed clean, and each one runs top to bottom on a fresh store.

Every notebook runs in a kernel of the Python running the tests (its kernel spec is written
to a temporary folder, so nothing installed by hand matters), in an empty temporary working
folder, with its own empty ``GKG_HOME``; ``gkg`` is this checkout's (the editable install
``make dev`` made), so a fresh clone tests its own code and its own seed. nbclient fails on
any cell error. Inline graphs must load nothing from the network, and markup in the seed
must stay inert.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from gkg.stores.falkordb import server

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
MARKUP_SEED = ROOT / "tests" / "fixtures" / "markup.yaml"
KERNEL = "gkg-notebook-test"
CELL_TIMEOUT_S = 120
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", re.IGNORECASE)
SRCDOC = re.compile(r'srcdoc="([^"]*)"')
RAW_SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def kernel_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Jupyter data folder holding one kernel spec: ipykernel in this very Python."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "gkg notebook test",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return root


def execute(
    nb: nbformat.NotebookNode,
    tmp_path: Path,
    kernel_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> nbformat.NotebookNode:
    """Run every cell of ``nb`` on a fresh embedded store; stop that store's server after."""
    work = tmp_path / "work"
    home = tmp_path / "gkg-home"
    work.mkdir()
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "GKG_QUERIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GKG_HOME", str(home))
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_path))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "agg")
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT_S,
        resources={"metadata": {"path": str(work)}},
    )
    try:
        client.execute()
    finally:
        server.stop(home)
    return nb


def outputs(nb: nbformat.NotebookNode) -> Iterator[dict]:
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.get("outputs", [])


def html_documents(nb: nbformat.NotebookNode) -> Iterator[str]:
    """Every HTML output, and every page an inline graph frame holds (``srcdoc``)."""
    for out in outputs(nb):
        text = out.get("data", {}).get("text/html")
        if text is None:
            continue
        text = "".join(text) if isinstance(text, list) else text
        yield text
        for page in SRCDOC.findall(text):
            yield html.unescape(page)


def graph_frames(nb: nbformat.NotebookNode) -> list[str]:
    return [page for page in html_documents(nb) if 'id="gkg-graph"' in page]


def test_there_are_at_least_three_notebooks() -> None:
    names = [nb.name for nb in NOTEBOOKS]
    assert len(NOTEBOOKS) >= 3, names
    for wanted in ("01-getting-started", "02-money-and-projects", "03-network-analysis"):
        assert f"{wanted}.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code, f"{path.name} has no code"
    for i, cell in enumerate(code):
        assert cell.get("outputs") == [], f"{path.name}: code cell {i} carries outputs"
        assert cell.get("execution_count") is None, f"{path.name}: code cell {i} has a count"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_on_a_fresh_store(
    path: Path, tmp_path: Path, kernel_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = execute(nbformat.read(path, as_version=4), tmp_path, kernel_path, monkeypatch)
    produced = list(outputs(nb))
    assert not [o for o in produced if o.get("output_type") == "error"]
    assert any(o.get("output_type") in ("execute_result", "display_data") for o in produced)
    frames = graph_frames(nb)
    assert frames, f"{path.name} draws no graph inline"
    for doc in html_documents(nb):
        assert not EXTERNAL_SCRIPT.search(doc), f"{path.name}: an output loads a remote script"


@pytest.mark.skipif(not MARKUP_SEED.exists(), reason="tests/fixtures/markup.yaml is absent")
def test_markup_in_the_seed_stays_inert(
    tmp_path: Path, kernel_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for source in (
        "import gkg\nkg = gkg.open()\nkg.load(" + repr(str(MARKUP_SEED)) + ")",
        "kg.show()",
        "kg.show(kg.cypher('MATCH p = (:Entity)-[]->(:Entity) RETURN p'))",
        "kg.cypher('MATCH (n:Entity) RETURN n.name AS name, n.description AS d').to_dataframe()",
    ):
        nb.cells.append(nbformat.v4.new_code_cell(source))
    execute(nb, tmp_path, kernel_path, monkeypatch)
    frames = graph_frames(nb)
    assert len(frames) == 2
    docs = list(html_documents(nb))
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in doc for doc in docs), (
        "the table should show the hostile name as text"
    )
    for doc in docs:
        assert RAW_SCRIPT not in doc
        assert "<img src=x" not in doc
        assert "<svg onload" not in doc
        assert not EXTERNAL_SCRIPT.search(doc)
