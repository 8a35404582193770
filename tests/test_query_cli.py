"""``gkg queries``, ``gkg query`` and ``gkg cypher`` as a user runs them (the real command).

Read-only commands run against the session's seed store (its GKG_HOME); the "not loaded"
case uses the fixture's own fresh, empty home.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gkg.catalogue import Catalogue, builtin_dir
from gkg.cli.query_cmds import complete_query_name
from gkg.runner import run_query

Gkg = Callable[..., subprocess.CompletedProcess[str]]
NAMES = Catalogue.from_dirs([builtin_dir()]).names()


@pytest.fixture
def on_seed(gkg: Gkg, seed_store, monkeypatch: pytest.MonkeyPatch) -> Gkg:
    """``gkg`` against the loaded seed store (no analyst folders from the environment)."""
    monkeypatch.delenv("GKG_QUERIES", raising=False)

    def run(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
        return gkg(*args, env={"GKG_HOME": str(seed_store.home), **(env or {})}, **kw)

    return run


def refused(done: subprocess.CompletedProcess[str], *phrases: str) -> str:
    """Assert a clear one-message failure with exit code 2; return the message."""
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.startswith("error: "), done.stderr
    for phrase in phrases:
        assert phrase in done.stderr, done.stderr
    return done.stderr


def analyst_query(folder: Path, name: str, body: str, *header: str) -> Path:
    path = folder / "mine" / f"{name}.cypher"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"// name: {name}", f"// title: {name} by an analyst"]
    lines += [h if h.startswith("//") else f"// {h}" for h in header]
    path.write_text("\n".join(lines) + "\n" + body + "\n", encoding="utf-8")
    return path


# --- listing and showing ------------------------------------------------------------------


def test_queries_json_lists_every_query_with_its_params(on_seed: Gkg) -> None:
    listed = json.loads(on_seed("queries", "--format", "json", check=True).stdout)
    assert len(listed) >= 25 and [q["name"] for q in listed] == NAMES
    for query in listed:
        assert {"name", "title", "description", "params"} <= set(query)
        assert query["title"] and query["description"]
    center = next(q for q in listed if q["name"] == "data-center")
    assert center["params"] == [
        {
            "name": "center",
            "type": "entity",
            "default": "national-ai-data-center",
            "example": "국립AI데이터센터",
            "description": "The data center, by id, English or Korean name, or alias.",
            "required": False,
        }
    ]
    assert next(q for q in listed if q["name"] == "connection")["engine"] == "networkx"


def test_queries_lists_names_titles_and_parameters(on_seed: Gkg) -> None:
    out = on_seed("queries", check=True).stdout
    assert "data-center" in out and "what it runs, who built and operates it" in out
    assert "depth: int = 1" in out and "networkx" in out


def test_queries_show_gives_the_header_and_the_cypher(on_seed: Gkg) -> None:
    out = on_seed("queries", "show", "neighbourhood", check=True).stdout
    assert out.startswith("neighbourhood: The neighbourhood of an entity")
    assert "depth: int = 1   (e.g. 2)" in out
    assert "run: gkg query neighbourhood --param entity='NHN Cloud' --param depth=2" in out
    assert "MATCH path = (n)-[*1..3]-(m:Entity)" in out
    shown = json.loads(on_seed("queries", "show", "connection", "-f", "json", check=True).stdout)
    assert shown["engine"] == "networkx" and "networkx" in shown["note"]
    assert shown["text"].startswith("MATCH (a:Entity)")
    refused(on_seed("queries", "show", "conection"), "did you mean 'connection'")


def test_shell_completion_offers_query_names(on_seed: Gkg) -> None:
    done = on_seed(
        env={"_GKG_COMPLETE": "complete_bash", "COMP_WORDS": "gkg query fund", "COMP_CWORD": "2"},
        check=True,
    )
    assert done.stdout.split() == ["funding", "funding-graph", "funding-totals"]
    no_context: Any = None  # as when the shell asks before any option is parsed
    assert [name for name, _ in complete_query_name(no_context, "data-")] == ["data-center"]


# --- running ------------------------------------------------------------------------------


def test_every_query_runs_from_the_cli_with_its_defaults(seed_store) -> None:
    """`gkg query NAME` for every name, in-process (the same Typer app the command runs)."""
    from typer.testing import CliRunner

    from gkg.cli import app

    catalogue = Catalogue.from_dirs([builtin_dir()])
    runner = CliRunner()
    env: dict[str, str | None] = {"GKG_HOME": str(seed_store.home), "GKG_QUERIES": ""}
    env.update(dict.fromkeys(("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_DATABASE")))  # unset
    for name in NAMES:
        outcome = runner.invoke(app, ["query", name, "-f", "json"], env=env)
        assert outcome.exit_code == 0, (name, outcome.output, outcome.exception)
        answer = json.loads(outcome.stdout)
        assert len(answer) == len(run_query(seed_store, catalogue, name)) > 0, name


def test_formats_render_the_data_center(on_seed: Gkg) -> None:
    (row,) = json.loads(on_seed("query", "data-center", "-f", "json", check=True).stdout)
    assert (row["computePetaflops"], row["storagePetabytes"]) == (88.5, 107)
    assert row["hardware"] == ["NVIDIA H100"] and row["builtBy"] == ["NHN Cloud"]
    table = on_seed("query", "data-center", "--param", "center=국립AI데이터센터", check=True).stdout
    assert "88.5" in table and "NHN Cloud" in table and "1 row" in table
    records = list(csv.DictReader(io.StringIO(on_seed("query", "data-center", "-f", "csv").stdout)))
    assert records[0]["computePetaflops"] == "88.5" and records[0]["hardwareMakers"] == "NVIDIA"
    markdown = on_seed("query", "data-center", "-f", "markdown", check=True).stdout.splitlines()
    assert markdown[0].startswith("| center | nameKo | computePetaflops |")
    assert markdown[1].startswith("| --- |") and "| 88.5 |" in markdown[2]


def test_graph_answers_are_objects_in_json_and_chains_in_text(on_seed: Gkg) -> None:
    answer = json.loads(on_seed("query", "neighbourhood", "-f", "json", check=True).stdout)
    paths = [row["path"] for row in answer]
    node = paths[0]["nodes"][0]
    assert node["id"] == "asicland" and node["labels"] == ["Entity", "Company"]
    assert node["properties"]["name"] == "ASICLAND"
    rels = {r["type"]: r for p in paths for r in p["relationships"]}
    assert {"id", "type", "start", "end", "properties"} <= set(rels["PARTNER_OF"])
    assert (rels["PARTNER_OF"]["start"], rels["PARTNER_OF"]["end"]) == ("asicland", "tsmc")
    text = on_seed("query", "neighbourhood", "-f", "csv", check=True).stdout
    assert "ASICLAND -PARTNER_OF-> TSMC" in text


def test_out_writes_a_file(on_seed: Gkg, tmp_path: Path) -> None:
    target = tmp_path / "center.md"
    done = on_seed("query", "data-center", "-f", "markdown", "--out", str(target), check=True)
    assert done.stdout == "" and "wrote 1 row as markdown" in done.stderr
    assert "| National AI Data Center |" in target.read_text(encoding="utf-8")
    refused(
        on_seed("query", "data-center", "--out", str(tmp_path / "no" / "x.csv")), "cannot write"
    )


def test_cypher_runs_read_only_queries_with_parameters(on_seed: Gkg) -> None:
    def ask(*args: str, stdin: str | None = None) -> list[dict]:
        return json.loads(on_seed("cypher", *args, "-f", "json", check=True).stdout)

    assert ask("MATCH (c:Company) RETURN count(c) AS companies") == [{"companies": 8}]
    query = (
        "MATCH (n:Entity) WHERE toLower($name) IN n.lookupKeys RETURN n.id AS id, $year + 1 AS y"
    )
    assert ask(query, "-p", "name=ASICLAND", "-p", "year=2025") == [{"id": "asicland", "y": 2026}]
    assert "name,nameKo" in on_seed(
        "cypher", "MATCH (n:Company {id: 'tsmc'}) RETURN n.name AS name, n.nameKo AS nameKo",
        "-f", "csv", check=True,
    ).stdout  # fmt: skip


def test_cypher_reads_standard_input(on_seed: Gkg, seed_store) -> None:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["GKG_HOME"] = str(seed_store.home)
    gkg = str(Path(sys.executable).with_name("gkg"))
    done = subprocess.run(
        [gkg, "cypher", "-", "-f", "json"],
        input="MATCH (n:Person {id: 'kang-ki-jeong'}) RETURN n.nameKo AS ko",
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert json.loads(done.stdout) == [{"ko": "강기정"}], done.stderr


# --- errors -------------------------------------------------------------------------------


def test_a_write_through_cypher_is_refused_and_changes_nothing(on_seed: Gkg) -> None:
    count = "MATCH (n) RETURN count(n) AS n"
    before = json.loads(on_seed("cypher", count, "-f", "json", check=True).stdout)
    refused(on_seed("cypher", "CREATE (n) RETURN n"), "read-only")
    refused(on_seed("cypher", "MATCH (n:Company {id: 'tsmc'}) SET n.name = 'x' RETURN n"))
    refused(on_seed("cypher", "MATCH (n) DETACH DELETE n"), "read-only")
    assert json.loads(on_seed("cypher", count, "-f", "json", check=True).stdout) == before
    name = "MATCH (n:Company {id: 'tsmc'}) RETURN n.name AS name"
    assert json.loads(on_seed("cypher", name, "-f", "json").stdout) == [{"name": "TSMC"}]


@pytest.mark.parametrize(
    ("args", "phrases"),
    [
        (["query", "data-centr"], ["unknown query 'data-centr'", "did you mean 'data-center'"]),
        (["query", "neighbourhood", "-p", "depth=two"], ["parameter 'depth'", "whole number"]),
        (["query", "neighbourhood", "-p", "colour=red"], ["no parameter 'colour'"]),
        (["query", "neighbourhood", "-p", "depth"], ["--param takes key=value"]),
        (["query", "stale-facts", "-p", "before=soon"], ["expected a date"]),
        (["query", "partners", "-p", "org=asicalnd"], ["no entity", "did you mean 'ASICLAND'"]),
        (["cypher", "MATCH (n RETURN n"], ["Invalid input"]),
        (["cypher", "MATCH (n) RETURN nosuchfunction(n)"], ["nosuchfunction"]),
        (["cypher", "  "], ["no Cypher given"]),
    ],
    ids=[
        "unknown-name", "ill-typed", "unknown-param", "malformed-param", "bad-date",
        "unknown-entity", "syntax", "unknown-function", "empty",
    ],
)  # fmt: skip
def test_mistakes_give_one_clear_message_and_exit_2(
    on_seed: Gkg, args: list[str], phrases: list[str]
) -> None:
    refused(on_seed(*args), *phrases)


def test_a_store_not_loaded_yet_says_so(gkg: Gkg) -> None:
    for args in (["query", "overview"], ["query", "data-center"], ["cypher", "RETURN 1"]):
        refused(gkg(*args), "gkg load")


# --- analyst folders ----------------------------------------------------------------------


def test_analyst_folders_add_queries_and_required_params_are_enforced(
    on_seed: Gkg, tmp_path: Path
) -> None:
    analyst_query(
        tmp_path,
        "sector-count",
        "MATCH (c:Company) WHERE c.sector = $sector RETURN count(c) AS companies",
        "param: sector (str); example: fabless",
        "//   The sector.",
    )
    run = ["query", "sector-count", "--queries", str(tmp_path), "-f", "json"]
    refused(on_seed(*run), "needs parameter 'sector' (str), e.g. --param sector=fabless")
    assert json.loads(on_seed(*run, "-p", "sector=foundry", check=True).stdout) == [
        {"companies": 1}
    ]
    by_env = on_seed("queries", "-f", "json", env={"GKG_QUERIES": str(tmp_path)}, check=True)
    assert "sector-count" in {q["name"] for q in json.loads(by_env.stdout)}
    shown = on_seed("queries", "--queries", str(tmp_path), "show", "sector-count", check=True)
    assert "sector: str (required)   (e.g. fabless)" in shown.stdout


def test_a_name_clash_or_a_bad_header_names_the_files(on_seed: Gkg, tmp_path: Path) -> None:
    clash = analyst_query(tmp_path, "data-center", "RETURN 1 AS one")
    message = refused(on_seed("queries", env={"GKG_QUERIES": str(tmp_path)}), "two queries")
    assert str(clash) in message and "infrastructure/data-center.cypher" in message
    clash.unlink()
    bad = analyst_query(tmp_path, "typo", "RETURN 1 AS one", "tilte: oops")
    refused(on_seed("query", "overview", "--queries", str(tmp_path)), f"{bad}:3", "'tilte'")


# --- rendering (gkg.present.tables; no server) ----------------------------------------------------


def _sample():
    from gkg.model import Node, Relationship, Result
    from gkg.model import Path as GraphPath

    asic = Node("asicland", ("Entity", "Company"), {"name": "ASICLAND", "nameKo": "에이직랜드"})
    tsmc = Node("tsmc", ("Entity", "Company"), {"name": "TSMC"})
    city = Node("gwangju-city-government", ("Entity", "GovernmentBody"), {"name": "City"})
    partner = Relationship("asicland|PARTNER_OF|tsmc", "PARTNER_OF", "asicland", "tsmc", {})
    attracted = Relationship(
        "gwangju-city-government|ATTRACTED|asicland",
        "ATTRACTED",
        "gwangju-city-government",
        "asicland",
        {"asOf": "2025-01-01"},
    )
    path = GraphPath((tsmc, asic, city), (partner, attracted))
    return Result(
        ["node", "rel", "path", "amount", "ratio", "flag", "names", "note"],
        [[asic, partner, path, 15_300_000_000, 88.5, True, ["a", "b"], "x | y\nz"]],
    )


def test_text_formats_render_graph_elements_readably() -> None:
    from gkg.present.tables import cell_text, render

    result = _sample()
    node, rel, path = result.rows[0][:3]
    assert cell_text(node) == "ASICLAND (asicland)"
    assert cell_text(rel) == "asicland -PARTNER_OF-> tsmc"
    assert cell_text(path) == "TSMC <-PARTNER_OF- ASICLAND <-ATTRACTED- City"
    assert cell_text(15_300_000_000, group_digits=True) == "15,300,000,000"
    assert (cell_text(107.0), cell_text(None), cell_text(False)) == ("107", "", "false")
    records = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert records[1][:6] == [
        "ASICLAND (asicland)",
        "asicland -PARTNER_OF-> tsmc",
        "TSMC <-PARTNER_OF- ASICLAND <-ATTRACTED- City",
        "15300000000",
        "88.5",
        "true",
    ]
    assert records[1][6:] == ["a; b", "x | y\nz"]
    markdown = render(result, "markdown").splitlines()
    assert len(markdown) == 3 and markdown[2].endswith("| a; b | x \\| y<br>z |")
    assert "15,300,000,000" in markdown[2]
    table = render(result, "table")
    assert "ASICLAND (asicland)" in table and "1 row" in table


def test_json_renders_graph_elements_as_objects() -> None:
    from gkg.present.tables import render

    (row,) = json.loads(render(_sample(), "json"))
    assert row["node"] == {
        "id": "asicland",
        "labels": ["Entity", "Company"],
        "properties": {"name": "ASICLAND", "nameKo": "에이직랜드"},
    }
    assert row["rel"] == {
        "id": "asicland|PARTNER_OF|tsmc",
        "type": "PARTNER_OF",
        "start": "asicland",
        "end": "tsmc",
        "properties": {},
    }
    assert [n["id"] for n in row["path"]["nodes"]] == [
        "tsmc",
        "asicland",
        "gwangju-city-government",
    ]
    assert row["path"]["relationships"][1]["properties"] == {"asOf": "2025-01-01"}
    assert (row["amount"], row["ratio"], row["flag"], row["names"]) == (
        15_300_000_000, 88.5, True, ["a", "b"],
    )  # fmt: skip


def test_an_empty_result_renders_in_every_format() -> None:
    from gkg.model import Result
    from gkg.present.tables import FORMATS, render

    empty = Result(["a", "b"], [])
    assert render(empty, "json") == "[]\n"
    assert render(empty, "csv") == "a,b\n"
    assert render(empty, "markdown") == "| a | b |\n| --- | --- |\n"
    assert "0 rows" in render(empty, "table")
    assert set(FORMATS) == {"table", "records", "json", "csv", "markdown"}
    with pytest.raises(ValueError, match="unknown format"):
        render(empty, "xml")


def test_markup_in_values_stays_text_in_markdown() -> None:
    from gkg.model import Node, Result
    from gkg.present.tables import render

    nasty = '<script>alert(1)</script> <img src=x onerror=alert(1)> & "q"'
    node = Node("x", ("Entity", "Company"), {"id": "x", "name": nasty})
    text = render(Result(["name", "node"], [[nasty, node]]), "markdown")
    assert "<script>" not in text.replace("\\<", "") and "<img" not in text.replace("\\<", "")
    assert "\\<script>alert(1)\\</script>" in text  # shown as text when rendered, readable raw
    assert '& "q"' in text
