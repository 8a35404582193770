"""NEO4J_PASSWORD never appears in output, logs, exception messages, the report or exports;
connecting to Neo4j with a wrong password gives a clear message without it.

The "Neo4j" here is :mod:`bolt_stub`, a Bolt server on 127.0.0.1 that speaks the handshake
and login of the installed driver and refuses every password, recording what it was sent;
and ``bolt://127.0.0.1:1``, where nothing listens. Every CLI run is the real ``gkg``
command in a subprocess with a private GKG_HOME. They start all at once (importing the
driver takes a while) and their outputs are checked by the tests below.
"""

from __future__ import annotations

import dataclasses
import gc
import ipaddress
import logging
import os
import signal
import subprocess
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

import pytest

import gkg
from gkg.errors import StoreError
from gkg.stores.neo4j.settings import Neo4jSettings, neo4j_settings_from_env
from tests.helpers.bolt_stub import BoltStub
from tests.helpers.common import GKG, ROOT, SMALL

SECRET = "pw-Zq9!x7-do-not-print"
USER = "neo4j"
UNREACHABLE = "bolt://127.0.0.1:1"
REFUSED_WORDS = "refused the user name or password"

#: name -> (arguments, extra environment); ``{out}`` is the run's own output folder. Run
#: with a wrong password and with nothing listening.
COMMANDS: dict[str, tuple[list[str], dict[str, str]]] = {
    "doctor": (["doctor"], {}),
    "load": (["load", str(SMALL)], {}),
    "query": (["query", "data-center", "--out", "{out}/answer.txt"], {}),
    "cypher": (["cypher", "RETURN 1"], {}),
    "export": (["export", "--format", "json"], {}),
}
#: Run with a wrong password only.
REFUSED_ONLY: dict[str, tuple[list[str], dict[str, str]]] = {
    "report": (["report", "--out", "{out}/report"], {}),
    # GKG_DEBUG shows tracebacks of gkg's own bugs only, never of a refused login
    "cypher-debug": (["cypher", "RETURN 1"], {"GKG_DEBUG": "1"}),
}
REFUSED_RUNS = [*COMMANDS, *REFUSED_ONLY]
UNREACHABLE_RUNS = list(COMMANDS)


@dataclasses.dataclass
class Run:
    """One finished ``gkg`` run and the folder it could write into."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    folder: Path

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclasses.dataclass
class Runs:
    uri: str
    stub: BoltStub | None
    runs: dict[str, Run]


def _start(name: str, uri: str, folder: Path) -> tuple[Path, subprocess.Popen[str]]:
    args, extra = {**COMMANDS, **REFUSED_ONLY}[name]
    run_folder = folder / name
    out = run_folder / "out"
    out.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "GKG_DEBUG"}
    env.update(
        GKG_HOME=str(run_folder / "gkg-home"),
        NEO4J_URI=uri,
        NEO4J_USERNAME=USER,
        NEO4J_PASSWORD=SECRET,
        **extra,
    )
    proc = subprocess.Popen(
        [GKG, *(a.replace("{out}", str(out)) for a in args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return run_folder, proc


def _finish(run_folder: Path, proc: subprocess.Popen[str]) -> Run:
    try:
        stdout, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        stderr += "\n(test: killed after 60 s)"
    args: list[Any] = list(proc.args)  # type: ignore[arg-type]
    return Run([str(a) for a in args], proc.returncode, stdout, stderr, run_folder)


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Runs]:
    """Every command against the stub (wrong password) and against nothing at all, all
    started at once."""
    folder = tmp_path_factory.mktemp("secrets")
    with BoltStub(max_connections=len(REFUSED_RUNS) + 4) as stub:
        started = {
            ("refused", name): _start(name, stub.uri, folder / "refused") for name in REFUSED_RUNS
        }
        started.update(
            {
                ("unreachable", name): _start(name, UNREACHABLE, folder / "unreachable")
                for name in UNREACHABLE_RUNS
            }
        )
        done = {key: _finish(*value) for key, value in started.items()}
    return {
        case: Runs(uri, server, {name: run for (c, name), run in done.items() if c == case})
        for case, uri, server in (("refused", stub.uri, stub), ("unreachable", UNREACHABLE, None))
    }


def _assert_clean_failure(run: Run) -> None:
    assert run.returncode == (1 if run.args[-1] == "doctor" else 2), run
    assert run.stdout == "", run
    assert "Traceback" not in run.output, run
    assert SECRET not in run.output, run
    prefix = "store: cannot be used\nproblem: " if run.args[-1] == "doctor" else "error: "
    assert run.stderr.startswith(prefix), run


# --- a wrong password --------------------------------------------------------------------


@pytest.mark.parametrize("name", REFUSED_RUNS)
def test_a_refused_password_is_named_clearly_and_never_printed(
    cli_runs: dict[str, Runs], name: str
) -> None:
    runs = cli_runs["refused"]
    run = runs.runs[name]
    _assert_clean_failure(run)
    assert f"Neo4j at {runs.uri} {REFUSED_WORDS} (user '{USER}')" in run.stderr, run
    assert "NEO4J_PASSWORD" in run.stderr  # says where to fix it, not what it is


def test_the_password_went_to_the_server_only_inside_the_login_message(
    cli_runs: dict[str, Runs],
) -> None:
    stub = cli_runs["refused"].stub
    assert stub is not None
    # every command tried once, and got as far as logging in
    assert len(stub.connections) == len(REFUSED_RUNS) and stub.refused == 0
    for conn in stub.connections:
        assert ipaddress.ip_address(conn.peer[0]).is_loopback
        assert conn.error is None, conn.error
        login = conn.auth_message
        assert login is not None, conn.names()
        assert conn.names()[: len(("HELLO", "LOGON"))] == ["HELLO", "LOGON"]
        (auth,) = login.fields
        assert auth == {"scheme": "basic", "principal": USER, "credentials": SECRET}
        # the secret is in the login message's bytes and in nothing else that was sent
        assert bytes(conn.received).count(SECRET.encode()) == 1
        assert SECRET.encode() in login.raw
        assert SECRET.encode() not in bytes(conn.received).replace(login.raw, b"")
        others = [m for m in conn.messages if m is not login]
        assert SECRET not in repr([m.fields for m in others])


# --- nothing listening -------------------------------------------------------------------


@pytest.mark.parametrize("name", UNREACHABLE_RUNS)
def test_an_unreachable_server_is_named_clearly_without_the_password(
    cli_runs: dict[str, Runs], name: str
) -> None:
    run = cli_runs["unreachable"].runs[name]
    _assert_clean_failure(run)
    assert f"cannot connect to Neo4j at {UNREACHABLE}" in run.stderr, run
    assert "Is the server running and the URI right?" in run.stderr


def test_an_unreachable_server_is_reported_in_one_line(cli_runs: dict[str, Runs]) -> None:
    for run in cli_runs["unreachable"].runs.values():
        lines = run.stderr.rstrip("\n").split("\n")
        assert len(lines) == (2 if run.args[-1] == "doctor" else 1), run.stderr


# --- Ctrl-C while connecting ----------------------------------------------------------------


@pytest.fixture(scope="module")
def interrupted(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """``gkg cypher`` against a server that never answers, stopped with Ctrl-C (SIGINT)."""
    folder = tmp_path_factory.mktemp("interrupted")
    with BoltStub(silent=True, max_connections=2) as stub:
        run_folder, proc = _start("cypher", stub.uri, folder)
        deadline = time.monotonic() + 60
        while not stub.connections and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert stub.connections, "gkg never connected to the stub"
        time.sleep(0.2)  # now it waits for the handshake answer
        proc.send_signal(signal.SIGINT)
        return _finish(run_folder, proc)


def test_ctrl_c_while_connecting_prints_no_password_and_no_traceback(interrupted: Run) -> None:
    assert interrupted.returncode != 0
    assert interrupted.stdout == ""
    assert interrupted.stderr.startswith("error: ") and "interrupted" in interrupted.stderr
    assert "Traceback" not in interrupted.output
    assert SECRET not in interrupted.output


def test_ctrl_c_while_connecting_is_reported_as_an_interruption(interrupted: Run) -> None:
    assert interrupted.returncode == 130
    assert interrupted.stderr == "error: interrupted; the stored graph is unchanged\n"


# --- files gkg wrote -----------------------------------------------------------------------


@pytest.mark.parametrize("case", ["refused", "unreachable"])
def test_no_file_gkg_wrote_holds_the_password(cli_runs: dict[str, Runs], case: str) -> None:
    for run in cli_runs[case].runs.values():
        for path in run.folder.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path
    # nothing was exported or reported: the store could not be opened
    for run in cli_runs[case].runs.values():
        assert not any((run.folder / "out").iterdir()), sorted((run.folder / "out").iterdir())


# --- the Python API ------------------------------------------------------------------------


@pytest.fixture
def neo4j_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for key in list(os.environ):
        if key.startswith("NEO4J_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("NEO4J_USERNAME", USER)
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    return monkeypatch


def _exception_text(exc: BaseException) -> str:
    """Everything a user could be shown about ``exc``: str, repr, the chain, the trace."""
    parts = []
    seen: BaseException | None = exc
    while seen is not None:
        parts += [str(seen), repr(seen), repr(seen.args)]
        seen = seen.__cause__ or seen.__context__
    parts.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("version", "handshake"),
    [((5, 0), "v1"), ((5, 4), "v1"), ((5, 8), "manifest")],
    ids=["bolt5.0-hello", "bolt5.4-logon", "bolt5.8-manifest-gql-errors"],
)
def test_graph_open_with_a_wrong_password_raises_a_clear_store_error(
    neo4j_env: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    version: tuple[int, int],
    handshake: str,
) -> None:
    caplog.set_level(logging.DEBUG, logger="neo4j")
    with BoltStub(version=version, handshake=handshake) as stub:
        neo4j_env.setenv("NEO4J_URI", stub.uri)
        with pytest.raises(StoreError) as caught:
            gkg.open()
    message = str(caught.value)
    assert message == (
        f"Neo4j at {stub.uri} {REFUSED_WORDS} (user '{USER}'); "
        "check NEO4J_USERNAME and NEO4J_PASSWORD"
    )
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert SECRET not in _exception_text(caught.value)
    # the driver logged the login (with the credentials masked), gkg logged nothing secret
    assert "LOGON" in caplog.text or "HELLO" in caplog.text
    assert SECRET not in caplog.text
    (conn,) = stub.connections
    assert conn.version == version and conn.auth_message is not None
    assert conn.auth_message.fields[0]["credentials"] == SECRET


def test_graph_open_of_an_unreachable_server_raises_without_the_password(
    neo4j_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="neo4j")
    with pytest.raises(StoreError, match=f"cannot connect to Neo4j at {UNREACHABLE}") as caught:
        gkg.open(UNREACHABLE)
    assert SECRET not in _exception_text(caught.value)
    assert SECRET not in caplog.text


def test_warnings_of_a_refused_connection_do_not_hold_the_password(
    neo4j_env: pytest.MonkeyPatch,
) -> None:
    with BoltStub() as stub, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        neo4j_env.setenv("NEO4J_URI", stub.uri)
        with pytest.raises(StoreError):
            gkg.open()
        gc.collect()
    assert all(SECRET not in str(w.message) for w in caught), [str(w.message) for w in caught]


def test_a_refused_connection_closes_its_driver(neo4j_env: pytest.MonkeyPatch) -> None:
    with BoltStub() as stub, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        neo4j_env.setenv("NEO4J_URI", stub.uri)
        try:
            gkg.open()
        except StoreError:
            pass
        gc.collect()
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert not [m for m in unclosed if "Driver" in m], unclosed


def test_settings_never_show_the_password(neo4j_env: pytest.MonkeyPatch) -> None:
    settings = Neo4jSettings(UNREACHABLE, USER, SECRET, "gkg")
    for text in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        assert SECRET not in text and "password=<hidden>" in text
    neo4j_env.setenv("NEO4J_URI", UNREACHABLE)
    from_env = neo4j_settings_from_env()
    assert from_env is not None and from_env.password == SECRET
    assert SECRET not in repr(from_env) and SECRET not in repr([from_env, {"s": from_env}])
