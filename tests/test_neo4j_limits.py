"""Limits and secrets on the Neo4j side (issue 17).

The URI tests need no server (the address is unreachable or malformed). The limit tests
run against a real Neo4j 5 named by the ``NEO4J_*`` variables and are skipped, with that
reason, without one; they only read (no gkg data is needed or changed).
"""

from __future__ import annotations

import os
import socket
import subprocess

import pytest

from gkg.errors import QueryError
from gkg.stores.neo4j.settings import Neo4jSettings, neo4j_settings_from_env, redact_uri
from tests.helpers.common import GKG, ROOT

SECRET = "pw-in-uri-4711"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GKG_"))}
    return subprocess.run(
        [GKG, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "uri",
    [
        f"bolt://alice:{SECRET}@127.0.0.1:1",
        f"neo4j://alice:{SECRET}@127.0.0.1:1/",
        f"bolt://alice:{SECRET}@127.0.0.1:notaport",
        f"bolt://{SECRET}@127.0.0.1:1",
    ],
)
def test_a_password_inside_the_uri_is_never_printed(uri: str) -> None:
    for done in (
        _run("doctor", NEO4J_URI=uri, GKG_DEBUG="1"),
        _run("--uri", uri, "query", "data-center"),
        _run("--uri", uri, "server", "status"),
    ):
        assert done.returncode != 0
        assert SECRET not in done.stdout + done.stderr
        assert "<hidden>@127.0.0.1" in done.stdout + done.stderr or "Neo4j" in done.stderr


def test_settings_hide_uri_credentials() -> None:
    settings = Neo4jSettings(f"bolt://bob:{SECRET}@db.example:7687", "bob", "other")
    assert SECRET not in repr(settings) and SECRET not in settings.describe()
    assert redact_uri("neo4j+s://db.example") == "neo4j+s://db.example"
    assert redact_uri("bolt://u:p@ss@host/x") == "bolt://<hidden>@host/x"


# --- against a real server ------------------------------------------------------------

needs_neo4j = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: these tests need a Neo4j 5 server",
)


@pytest.fixture(scope="module")
def neo4j_store():
    from gkg.stores.neo4j.store import Neo4jStore

    settings = neo4j_settings_from_env(timeout_s=2)
    assert settings is not None
    store = Neo4jStore(settings)
    yield store
    store.close()


@needs_neo4j
def test_neo4j_stops_a_query_at_the_time_limit(neo4j_store) -> None:
    big = "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 3000) AS c "
    with pytest.raises(QueryError, match="ran past its time limit of 2 s"):
        neo4j_store.run(big + "RETURN count(*)")
    assert neo4j_store.run("RETURN 1 AS one").rows == [[1]]


@needs_neo4j
def test_neo4j_refuses_load_csv_and_opens_no_connection(neo4j_store) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    try:
        for query in (
            f"LOAD CSV FROM 'http://127.0.0.1:{port}/x.csv' AS r RETURN r",
            "/* x */ load csv with headers from $u as r return r",
        ):
            with pytest.raises(QueryError, match="LOAD CSV is not allowed"):
                neo4j_store.run(query, {"u": f"http://127.0.0.1:{port}/y.csv"})
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()


@needs_neo4j
def test_neo4j_answers_are_cut_at_the_row_cap(
    neo4j_store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from gkg.stores.limits import QueryLimits

    monkeypatch.setattr(neo4j_store, "limits", QueryLimits(2.0, 5))
    rows = neo4j_store.run("UNWIND range(1, 100) AS x RETURN x").rows
    assert rows == [[1], [2], [3], [4], [5]]
    assert "cut at 5" in caplog.text


@needs_neo4j
def test_neo4j_refuses_out_of_range_parameters(neo4j_store) -> None:
    with pytest.raises(QueryError, match="outside the 64-bit integer range"):
        neo4j_store.run("RETURN $x", {"x": 10**22})
    with pytest.raises(QueryError, match="lone surrogate"):
        neo4j_store.run("RETURN $x", {"x": "\ud800"})
