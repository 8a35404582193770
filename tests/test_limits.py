"""Queries under limits on the embedded store (issue 17): time, memory, rows, no network,
a frozen or busy server, and parameters no engine takes faithfully. Real servers only;
the memory bombs run against servers capped far below the machine's memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from gkg.errors import QueryError, StoreError
from gkg.stores.falkordb import server
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import GKG, SEED, SMALL

CARTESIAN = "MATCH (a),(b),(c),(d),(e) RETURN count(*)"
#: A plan FalkorDB's own timeout does not interrupt (one expression, evaluated at once).
#: (About a billion steps on lists of 30,000: little memory, a minute of one core.)
UNSTOPPABLE = (
    "RETURN reduce(s = 0, x IN range(1, 30000) | s + reduce(t = 0, y IN range(1, 30000) | t + y))"
)


@pytest.fixture(scope="module")
def loaded_home(tmp_path_factory: pytest.TempPathFactory, store_homes: list[Path]) -> Path:
    home = tmp_path_factory.mktemp("limits") / "home"
    store_homes.append(home)
    done = subprocess.run(
        [GKG, "load", "-q", str(SEED)],
        env={**_plain_env(), "GKG_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return home


def _plain_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GKG_"))}


def _gkg(home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    return subprocess.run(
        [GKG, *args],
        env={**_plain_env(), "GKG_HOME": str(home), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_cartesian_query_stops_at_the_time_limit_and_the_next_one_answers(
    loaded_home: Path,
) -> None:
    done = _gkg(loaded_home, "--timeout", "1", "cypher", CARTESIAN)
    assert done.returncode == 2
    assert "ran past its time limit of 1 s and was stopped" in done.stderr
    after = _gkg(loaded_home, "query", "data-center", "-f", "csv")
    assert after.returncode == 0 and "National AI Data Center" in after.stdout


def test_a_query_the_engine_cannot_stop_is_ended_by_the_watchdog(loaded_home: Path) -> None:
    store = FalkorStore(loaded_home, timeout_s=1)
    with pytest.raises(StoreError, match=r"did not finish within its time limit of 1 s.*restarted"):
        store.run(UNSTOPPABLE)
    assert store.run("MATCH (n:Entity) RETURN count(n) > 0").rows == [[True]]


def test_the_time_limit_is_checked(loaded_home: Path) -> None:
    done = _gkg(loaded_home, "--timeout", "0", "query", "data-center")
    assert done.returncode == 2 and "must be more than 0" in done.stderr
    done = _gkg(loaded_home, "query", "data-center", env={"GKG_TIMEOUT": "soon"})
    assert done.returncode == 2 and "GKG_TIMEOUT" in done.stderr


def test_answers_are_cut_at_the_row_cap_and_at_limit_with_a_note(loaded_home: Path) -> None:
    done = _gkg(
        loaded_home, "cypher", "UNWIND range(1, 50) AS x RETURN x", "-f", "csv",
        env={"GKG_MAX_ROWS": "7"},
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stdout.split() == ["x", *map(str, range(1, 8))]
    assert "cut at 7" in done.stderr
    done = _gkg(loaded_home, "cypher", "MATCH (n) RETURN n.id", "--limit", "3", "-f", "csv")
    assert len(done.stdout.split()) == 4 and "showing the first 3 of" in done.stderr


def test_memory_bombs_are_stopped_and_the_server_comes_back(
    tmp_path: Path, store_homes: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against a server capped at 1 GB: the engine's per-query limit stops one bomb; the
    other makes the capped server fail, and gkg restarts it, saying so."""
    monkeypatch.setenv("GKG_SERVER_MEMORY_MB", "1024")
    monkeypatch.setenv("GKG_QUERY_MEMORY_MB", "256")
    home = tmp_path / "bombs"
    store_homes.append(home)
    store = FalkorStore(home)
    from gkg.loaders.load import load_files

    load_files(store, [SMALL])
    with pytest.raises(QueryError, match="needed more than the 256 MB a query may use"):
        store.run("UNWIND range(1, 10000000) AS x RETURN collect(x)")
    with pytest.raises(StoreError, match=r"stopped twice.*1024 MB.*restarted"):
        store.run("UNWIND range(1, 100000000000) AS x RETURN count(x)")
    assert store.run("MATCH (n:Entity) RETURN count(n)").rows == [[8]]


LOAD_CSV_QUERIES = [
    "LOAD CSV FROM 'https://127.0.0.1:{port}/x.csv' AS r RETURN r",
    "/* hidden */ load   csv WITH HEADERS from 'http://127.0.0.1:{port}/x.csv' AS r RETURN r",
    "LOAD CSV FROM $url AS r RETURN r",
    "CALL {{ LOAD CSV FROM 'http://127.0.0.1:{port}/y' AS r RETURN r }} RETURN r",
    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
]


@pytest.mark.parametrize("query", LOAD_CSV_QUERIES)
def test_load_csv_is_refused_and_opens_no_connection(loaded_home: Path, query: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    try:
        done = _gkg(
            loaded_home, "cypher", query.format(port=port),
            "--param", f"url=http://127.0.0.1:{port}/p.csv",
        )  # fmt: skip
        assert done.returncode == 2
        assert "LOAD CSV is not allowed" in done.stderr
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9999999999999999999999", "outside the 64-bit integer range"),
        ('"\\ud800"', "lone surrogate U+D800"),
        ('{"a`b": 1}', "may not contain a backtick"),
    ],
)
def test_parameters_no_engine_takes_faithfully_are_refused(
    loaded_home: Path, value: str, expected: str
) -> None:
    done = _gkg(loaded_home, "cypher", "RETURN $x", "--param", f"x={value}")
    assert done.returncode == 2, done.stdout
    assert expected in done.stderr and "internal error" not in done.stderr


def test_a_frozen_server_is_restarted_out_loud(loaded_home: Path) -> None:
    """SIGSTOP: a new command restarts it within seconds and says so; a client that was
    connected gets a clear error (not a hang), then works again."""
    store = FalkorStore(loaded_home, timeout_s=2)
    pid = server.status(loaded_home).pid
    assert pid
    os.kill(pid, signal.SIGSTOP)
    try:
        done = _gkg(loaded_home, "query", "data-center", "-f", "csv", timeout=30)
    finally:
        if server.pid_alive(pid):
            os.kill(pid, signal.SIGCONT)
    assert done.returncode == 0 and "National AI Data Center" in done.stdout
    assert f"(pid {pid}) did not answer" in done.stderr
    assert "stopped it and started it again" in done.stderr
    pid = server.status(loaded_home).pid
    assert pid
    os.kill(pid, signal.SIGSTOP)
    with pytest.raises(StoreError, match="stopped answering; gkg restarted"):
        store.run("MATCH (n) RETURN count(n)")
    assert store.run("MATCH (n:Entity) RETURN count(n) > 0").rows == [[True]]


def test_a_busy_server_is_not_taken_for_a_dead_one(loaded_home: Path) -> None:
    """A long query keeps one engine thread busy; other commands answer meanwhile and
    nobody restarts the server."""
    pid = server.status(loaded_home).pid
    slow = subprocess.Popen(
        [GKG, "--timeout", "4", "cypher",
         CARTESIAN],
        env={**_plain_env(), "GKG_HOME": str(loaded_home)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1)
    done = _gkg(loaded_home, "query", "data-center", "-f", "csv")
    assert done.returncode == 0 and "note:" not in done.stderr
    _out, err = slow.communicate(timeout=60)
    assert "time limit of 4 s" in err
    assert server.status(loaded_home).pid == pid


STRESS = bool(os.environ.get("GKG_STRESS"))


@pytest.mark.skipif(not STRESS, reason="long: runs under make stress (GKG_STRESS=1)")
def test_the_default_limit_ends_the_cartesian_query_and_the_next_answers(
    loaded_home: Path,
) -> None:
    """The issue's case exactly, with the default 30 s limit."""
    done = _gkg(loaded_home, "cypher", CARTESIAN)
    assert done.returncode == 2 and "time limit of 30 s" in done.stderr
    after = _gkg(loaded_home, "query", "data-center", "-f", "csv")
    assert after.returncode == 0 and "National AI Data Center" in after.stdout


@pytest.mark.skipif(not STRESS, reason="long: runs under make stress (GKG_STRESS=1)")
def test_two_memory_bombs_at_once_leave_the_machine_and_the_graph_alone(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    """The issue's two-at-once case: with the server capped at 1 GB both fail, the
    server comes back with the saved graph, and clients that went away leave nothing
    running."""
    home = tmp_path / "two-bombs"
    store_homes.append(home)
    env = {"GKG_SERVER_MEMORY_MB": "1024", "GKG_QUERY_MEMORY_MB": "256"}
    assert _gkg(home, "load", "-q", str(SMALL), env=env).returncode == 0
    bomb = "UNWIND range(1, 100000000000) AS x RETURN count(x)"
    full_env = {**_plain_env(), "GKG_HOME": str(home), **env}
    procs = [
        subprocess.Popen(
            [GKG, "cypher", bomb],
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 2 and "Traceback" not in err, err
    after = _gkg(home, "cypher", "MATCH (n:Entity) RETURN count(n)", "-f", "csv", env=env)
    assert after.stdout.split() == ["count(n)", "8"]
    # a client killed mid-query: its query ends at the engine's limit, the next one answers
    slow = subprocess.Popen(
        [GKG, "--timeout", "3", "cypher", CARTESIAN],
        env={**_plain_env(), "GKG_HOME": str(home), **env},
    )
    time.sleep(1)
    slow.kill()
    slow.wait()
    time.sleep(3)
    after = _gkg(home, "cypher", "MATCH (n:Entity) RETURN count(n)", "-f", "csv", env=env)
    assert after.returncode == 0 and "note:" not in after.stderr
