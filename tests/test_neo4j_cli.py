"""The ``gkg`` command against a real Neo4j 5 server: load, query, export, doctor.

Run with NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) set, as
tests/test_neo4j.py; the same warning holds: gkg data in that database is deleted.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gkg.stores.base import GraphStore
from gkg.stores.neo4j.settings import Neo4jSettings
from tests.helpers.common import SMALL

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: the Neo4j adapter's tests need a Neo4j 5 server",
)

Gkg = Callable[..., subprocess.CompletedProcess[str]]


# --- the command line ---------------------------------------------------------------------------


def _neo4j_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}


def _normalised_export(text: str) -> dict[str, Any]:
    """An export with each node's labels sorted (Neo4j keeps labels as a set)."""
    document = json.loads(text)
    for node in document["nodes"]:
        node["labels"] = sorted(node["labels"])
    return document


def test_cli_works_against_neo4j(
    gkg: Gkg, empty: GraphStore, settings: Neo4jSettings, tmp_path: Path
) -> None:
    env = _neo4j_env()
    outputs: list[str] = []

    def on_neo4j(*args: str) -> subprocess.CompletedProcess[str]:
        done = gkg(*args, env=env, check=True)
        outputs.append(done.stdout + done.stderr)
        assert "Traceback" not in done.stdout + done.stderr
        return done

    loaded = on_neo4j("load", str(SMALL))
    assert "loaded: nodes +8 ~0 -0, relationships +5 ~0 -0" in loaded.stdout
    assert "loaded (no changes)" in on_neo4j("load", str(SMALL)).stdout

    doctor = on_neo4j("doctor").stdout
    assert "store: neo4j (Neo4j Kernel " in doctor
    assert f"data: {settings.uri} (database {settings.database or 'default'})" in doctor
    assert f"user: {settings.username}" in doctor
    assert "nodes: 8" in doctor and "relationships: 5" in doctor
    assert "status: ok" in doctor

    answer = json.loads(on_neo4j("query", "data-center", "--format", "json").stdout)
    assert len(answer) == 1
    assert answer[0]["center"] == "National AI Data Center"
    assert answer[0]["computePetaflops"] == 88.5
    assert answer[0]["hardware"] == ["NVIDIA H100"]
    assert answer[0]["hardwareMakers"] == ["NVIDIA"]
    assert answer[0]["builtBy"] == ["NHN Cloud"]
    assert answer[0]["location"] == ["Gwangju"]
    table = on_neo4j("query", "data-center").stdout  # a wide table wraps long names
    assert "National AI" in table and "88.5" in table and "1 row" in table

    rows = json.loads(
        on_neo4j(
            "cypher",
            "MATCH (a:Entity {id: $id})-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, r",
            "--param",
            "id=h100",
            "--format",
            "json",
        ).stdout
    )
    assert [(row["a"], row["t"], row["b"]) for row in rows] == [("h100", "MADE_BY", "nvidia")]
    assert (rows[0]["r"]["start"], rows[0]["r"]["end"]) == ("h100", "nvidia")
    assert rows[0]["r"]["id"] == "h100|MADE_BY|nvidia"

    write = gkg("cypher", "CREATE (n:Entity {id: 'cli-intruder'})", env=env)
    assert write.returncode == 2 and "read-only" in write.stderr
    assert "Traceback" not in write.stderr

    exported = on_neo4j("export", "--format", "json").stdout
    document = json.loads(exported)
    assert len(document["nodes"]) == 8 and len(document["relationships"]) == 5
    out = tmp_path / "graph.json"
    on_neo4j("export", "--format", "json", "--out", str(out))
    assert out.read_text(encoding="utf-8") == exported

    # the same seed in the embedded store answers and exports the same (labels aside)
    gkg("load", str(SMALL), check=True)
    embedded = gkg("export", "--format", "json", check=True).stdout
    assert _normalised_export(exported) == _normalised_export(embedded)
    embedded_answer = json.loads(gkg("query", "data-center", "--format", "json", check=True).stdout)
    assert answer == embedded_answer

    password = settings.password
    if len(password) >= 8:  # a short one could occur in the data by chance
        assert not any(password in text for text in outputs)
        assert password not in out.read_text(encoding="utf-8")


def test_doctor_on_an_empty_database_says_not_loaded(gkg: Gkg, empty: GraphStore) -> None:
    done = gkg("doctor", env=_neo4j_env(), check=True)
    assert "not loaded yet" in done.stdout
