"""Faults on a real Neo4j: the JVM killed (SIGKILL) during ``gkg load``, both URI schemes,
a wrong password, an unknown database, an unreachable server, and the password kept out
of every output, file and process list.

``make test`` runs 3 SIGKILL trials; ``make stress`` (GKG_STRESS=1) runs 10. Each restarts
the session's local Neo4j (same data, password and port), so these tests need the local
server: against NEO4J_URI's own server they skip.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gkg.loaders.plan import plan_load
from gkg.loaders.validate import validate_files
from gkg.stores.factory import open_settings
from tests.conftest import wipe_neo4j
from tests.helpers.common import GKG, ROOT, SMALL
from tests.helpers.engines import signature
from tests.helpers.neo4j_local import TEST_ROOT, Neo4jServer
from tests.helpers.synthetic import write_seed

Gkg = Callable[..., subprocess.CompletedProcess[str]]
KILL_TRIALS = 10 if os.environ.get("GKG_STRESS") else 3
COMPANIES = 2_000


def _env(server: Neo4jServer, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return {**env, **server.env(), "GKG_HOME": str(home)}


def _graph(server: Neo4jServer) -> list[tuple[str, int, int]]:
    with open_settings(server.settings) as store:
        return signature(store)


def test_sigkill_of_neo4j_during_a_load_leaves_the_old_or_the_new_graph(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    if not neo4j_server.local:
        pytest.skip("NEO4J_URI names a server of its own: the tests cannot kill it")
    wipe_neo4j(neo4j_server)
    seeds, expected = {}, {}
    for variant, size in (("a", COMPANIES), ("b", COMPANIES + 300)):
        seeds[variant] = write_seed(tmp_path / f"{variant}.yaml", size, variant)
        stamp = plan_load(validate_files([seeds[variant]])).stamp
        expected[variant] = [(stamp, size + 2, 2 * size - 1)]
    env = _env(neo4j_server, tmp_path / "home")
    began = time.monotonic()
    subprocess.run(
        [GKG, "load", "--replace", "--quiet", str(seeds["a"])], env=env, cwd=ROOT, check=True
    )
    duration = time.monotonic() - began
    rng, current, outcomes = random.Random(20261130), "a", []
    for _ in range(KILL_TRIALS):
        target = "b" if current == "a" else "a"
        load = subprocess.Popen(
            [GKG, "load", "--replace", "--quiet", str(seeds[target])],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(duration * 0.3, duration * 1.1))
        neo4j_server.kill9()
        _out, err = load.communicate(timeout=120)
        if load.returncode != 0:  # the connection dropped mid-command: one clear line
            lines = [line for line in err.splitlines() if line.strip()]  # rich's bar leaves "\n"
            assert len(lines) == 1 and lines[0].startswith("error: "), err
            assert "Traceback" not in err and "Neo4j" in err, err
        neo4j_server.restart()
        found = _graph(neo4j_server)
        outcomes.append(
            "old" if found == expected[current] else "new" if found == expected[target] else found
        )
        current = target if found == expected[target] else current
        assert found in expected.values(), f"a partial graph after SIGKILL: {found}"
        env = _env(neo4j_server, tmp_path / "home")
    partial = [o for o in outcomes if o not in ("old", "new")]
    print(
        f"\nNeo4j SIGKILL trials: {len(partial)} partial graphs out of {len(outcomes)} "
        f"(old graph kept {outcomes.count('old')}, new graph complete {outcomes.count('new')})"
    )
    done = subprocess.run(
        [GKG, "load", "--replace", str(seeds["a"])], env=env, cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0 and _graph(neo4j_server) == expected["a"]


def test_bolt_and_neo4j_uris_both_reach_the_single_server(
    gkg: Gkg, neo4j_server: Neo4jServer
) -> None:
    wipe_neo4j(neo4j_server)
    env = neo4j_server.env()
    gkg("load", str(SMALL), env=env, check=True)
    host = env["NEO4J_URI"].split("://", 1)[1]
    for scheme in ("bolt", "neo4j"):
        uri = f"{scheme}://{host}"
        doctor = gkg("doctor", env={**env, "NEO4J_URI": uri}, check=True).stdout
        assert f"data: {uri} (database " in doctor and "nodes: 8" in doctor
        answer = gkg("query", "data-center", "--format", "json", env={**env, "NEO4J_URI": uri})
        assert answer.returncode == 0 and "National AI Data Center" in answer.stdout


def test_wrong_password_unknown_database_and_no_server_are_named(
    gkg: Gkg, neo4j_server: Neo4jServer
) -> None:
    env, uri = neo4j_server.env(), neo4j_server.settings.uri
    password = env["NEO4J_PASSWORD"]
    cases = {  # a wrong password last, and only twice: Neo4j locks the user out after three
        "has no database 'gkg-no-such-db'": {**env, "NEO4J_DATABASE": "gkg-no-such-db"},
        "cannot connect to Neo4j at bolt://127.0.0.1:1": {**env, "NEO4J_URI": "bolt://127.0.0.1:1"},
        f"Neo4j at {uri} refused the user name or password": {
            **env,
            "NEO4J_PASSWORD": password + "-wrong",
        },
    }
    for words, case_env in cases.items():
        for args in (("doctor",), ("load", str(SMALL))):
            done = gkg(*args, env=case_env)
            text = done.stdout + done.stderr
            assert done.returncode != 0, (args, text)
            assert words in text and "Traceback" not in text, (args, text)
            assert password not in text
    time.sleep(6)  # past Neo4j's lock-out, should one have been counted


def test_the_password_is_in_no_output_file_log_or_process_list(
    gkg: Gkg, neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    wipe_neo4j(neo4j_server)
    env, password = neo4j_server.env(), neo4j_server.settings.password
    big = write_seed(tmp_path / "big.yaml", COMPANIES, "p")
    home = Path(gkg.home)  # type: ignore[attr-defined]
    load = subprocess.Popen(
        [GKG, "load", str(big)],
        env=_env(neo4j_server, home),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    listings = []
    while load.poll() is None:
        listings.append(
            subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        )
        time.sleep(0.2)
    out, err = load.communicate()
    assert load.returncode == 0, err
    assert listings and not any(password in listing for listing in listings)
    outputs = [out, err]
    for args in (("doctor",), ("export", "--format", "json"), ("query", "overview")):
        done = gkg(*args, env=env, check=True)
        outputs.append(done.stdout + done.stderr)
    assert not any(password in text for text in outputs)
    files = [p for p in home.rglob("*") if p.is_file()]
    logs = [p for p in (TEST_ROOT / ".neo4j" / "logs").rglob("*") if p.is_file()]
    assert logs, "the server's logs were not found"
    for path in files + logs:
        assert password.encode() not in path.read_bytes(), path
