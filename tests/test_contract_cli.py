"""The ``gkg`` command on both engines, end to end: doctor, load, query, cypher, viz, report
and export, with NEO4J_* set for Neo4j (``engine_env``) and unset for the embedded store."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from gkg.stores.base import GraphStore
from tests.helpers.bad_input import BAD_INPUT, write_case
from tests.helpers.common import SEED, SMALL

Gkg = Callable[..., subprocess.CompletedProcess[str]]


def test_every_command_works_end_to_end(
    gkg: Gkg, engine: GraphStore, engine_env: dict[str, str], tmp_path: Path
) -> None:
    outputs: list[str] = []

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = gkg(*args, env=engine_env, check=True)
        outputs.append(done.stdout + done.stderr)
        assert "Traceback" not in done.stdout + done.stderr
        return done

    assert "not loaded yet" in run("doctor").stdout
    loaded = run("load", str(SMALL))
    assert "loaded: nodes +8 ~0 -0, relationships +5 ~0 -0" in loaded.stdout
    assert "loaded (no changes)" in run("load", str(SMALL)).stdout

    doctor = run("doctor").stdout
    if engine.kind == "neo4j":
        assert "store: neo4j (Neo4j Kernel " in doctor
        assert f"data: {engine_env['NEO4J_URI']} (database " in doctor
    else:
        assert "store: embedded (FalkorDB 4." in doctor and engine_env["GKG_HOME"] in doctor
    assert "nodes: 8" in doctor and "relationships: 5" in doctor and "status: ok" in doctor

    (answer,) = json.loads(run("query", "data-center", "--format", "json").stdout)
    assert answer["center"] == "National AI Data Center"
    assert answer["computePetaflops"] == 88.5
    assert (answer["hardware"], answer["builtBy"]) == (["NVIDIA H100"], ["NHN Cloud"])
    table = run("query", "data-center").stdout  # a wide table wraps long names
    assert "National AI" in table and "88.5" in table and "1 row" in table

    rows = json.loads(
        run(
            "cypher",
            "MATCH (a:Entity {id: $id})-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, r",
            "--param",
            "id=h100",
            "--format",
            "json",
        ).stdout
    )
    assert [(row["a"], row["t"], row["b"]) for row in rows] == [("h100", "MADE_BY", "nvidia")]
    assert rows[0]["r"]["id"] == "h100|MADE_BY|nvidia"

    for write in ("CREATE (n:Entity {id: 'cli-intruder'})", "MATCH (n) DETACH DELETE n"):
        refused = gkg("cypher", write, env=engine_env)
        assert refused.returncode == 2 and "read-only" in refused.stderr, refused
        assert "Traceback" not in refused.stderr and refused.stderr.count("\n") == 1

    page = tmp_path / "graph.html"
    run("viz", "--out", str(page))
    assert "national-ai-data-center" in page.read_text(encoding="utf-8")
    run("viz", "-q", "funding-graph", "--out", str(tmp_path / "answer.html"))
    assert (tmp_path / "answer.html").stat().st_size > 0
    exported = run("export", "--format", "json").stdout
    document = json.loads(exported)
    assert len(document["nodes"]) == 8 and len(document["relationships"]) == 5
    out = tmp_path / "graph.json"
    run("export", "--format", "json", "--out", str(out))
    assert out.read_text(encoding="utf-8") == exported

    run("load", "--replace", str(SEED))  # the report's queries name entities of the shipped seed
    report = tmp_path / "report"
    run("report", "--out", str(report))
    assert (report / "index.html").is_file()

    password = engine_env.get("NEO4J_PASSWORD", "")
    if password:
        written = [p for p in tmp_path.rglob("*") if p.is_file()]
        written += [p for p in Path(gkg.home).rglob("*") if p.is_file()]  # type: ignore[attr-defined]
        assert not any(password in text for text in outputs)
        assert not any(password.encode() in p.read_bytes() for p in written)


def test_bad_input_exits_2_and_leaves_the_graph(
    gkg: Gkg, engine: GraphStore, engine_env: dict[str, str], tmp_path: Path
) -> None:
    gkg("load", str(SMALL), env=engine_env, check=True)
    before = gkg("export", "--format", "json", env=engine_env, check=True).stdout
    bad = write_case(tmp_path, BAD_INPUT[10][1])
    done = gkg("load", str(bad), env=engine_env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{bad}:33: computePetaflops: expected a number" in done.stderr
    assert "nothing was written" in done.stderr
    assert gkg("export", "--format", "json", env=engine_env, check=True).stdout == before
