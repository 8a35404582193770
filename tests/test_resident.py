"""The resident gkg (gkg.resident): a reading command handed to it prints exactly what it
prints in a process of its own, with the same exit code, on a pipe or a terminal; Ctrl-C
reaches the command; a changed installation is never served by old code; the launcher
imports almost nothing. Real processes and a real embedded server throughout.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gkg.resident import client, control, wire
from gkg.stores.base import GraphStore
from tests.helpers.bolt_stub import BoltStub
from tests.helpers.common import GKG, ROOT, alive


def run(
    args: list[str], home: Path, resident: bool = True, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """``gkg ARGS`` on a pipe: exit code, standard output and error."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
    environ.update(GKG_HOME=str(home), GKG_RESIDENT="1" if resident else "0", **(env or {}))
    done = subprocess.run(
        [GKG, *args], env=environ, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


def wait_for_resident(home: Path) -> int:
    """Start this installation's resident (a reading command does) and wait until it
    listens; its pid."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pid = control.resident_pid()
        if pid is not None and os.path.exists(wire.socket_path() or ""):
            return pid
        run(["queries"], home)
        time.sleep(0.3)
    raise AssertionError("no resident gkg started within 60 s")


@pytest.fixture
def home(seed_store: GraphStore) -> Path:
    path: Path = seed_store.home  # type: ignore[attr-defined]
    wait_for_resident(path)
    return path


CASES = {
    "query": ["query", "data-center"],
    "query-json": ["query", "funding-totals", "--format", "json"],
    "queries": ["queries"],
    "cypher": ["cypher", "MATCH (n:Company) RETURN count(n) AS companies"],
    "unknown-query": ["query", "data-centre"],
    "bad-option": ["query", "data-center", "--format", "yaml"],
    "help": ["--help"],
    "query-help": ["query", "--help"],
    "datasets": ["datasets"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_resident_prints_what_a_process_of_its_own_prints(home: Path, case: str) -> None:
    pid = control.resident_pid()
    alone = run(CASES[case], home, resident=False)
    handed = run(CASES[case], home)
    assert handed == alone
    assert control.resident_pid() == pid  # the same resident answered, still running


def test_shell_completion_goes_through_the_resident_too(home: Path) -> None:
    completion = {
        "_GKG_COMPLETE": "complete_bash",
        "COMP_WORDS": "gkg query data-",
        "COMP_CWORD": "2",
    }
    alone = run([], home, resident=False, env=completion)
    handed = run([], home, env=completion)
    assert handed == alone and "data-center" in handed[1]


def _on_terminal(args: list[str], home: Path, resident: bool) -> bytes:
    """What ``gkg ARGS`` writes to a terminal 70 columns wide."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
    env.update(GKG_HOME=str(home), GKG_RESIDENT="1" if resident else "0", COLUMNS="70")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([GKG, *args], env=env, cwd=ROOT, stdin=follower, stdout=follower,
                            stderr=follower, close_fds=True)  # fmt: skip
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: every writer is gone
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert proc.wait(timeout=60) == 0
    return output


def test_on_a_terminal_the_output_is_the_same(home: Path) -> None:
    for args in (["query", "data-center"], ["queries"], ["--help"], ["query", "--help"]):
        assert _on_terminal(args, home, True) == _on_terminal(args, home, False)


def test_the_launcher_imports_only_the_standard_library_and_its_own_parts(
    home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "modules.json"
    code = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: open({str(out)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        "sys.argv = ['gkg', 'query', 'data-center']\n"
        "from gkg.launch import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
    env.update(GKG_HOME=str(home))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "National AI Data Center" in done.stdout
    modules = set(json.loads(out.read_text()))
    ours = {m for m in modules if m == "gkg" or m.startswith("gkg.")}
    assert ours == {"gkg", "gkg.launch", "gkg.cli", "gkg.resident", "gkg.resident.client",
                    "gkg.resident.wire"}  # fmt: skip
    third_party = {m.split(".")[0] for m in modules} & {"typer", "click", "rich", "redis",
                                                       "falkordb", "hiredis", "yaml"}  # fmt: skip
    assert third_party == set()


def test_the_resident_has_imported_what_a_query_needs(tmp_path: Path, home: Path) -> None:
    """What ``gkg query`` imports in a process of its own, the resident has imported (but
    for a few modules small enough to import in the child)."""
    listing = "import json, sys; {}; print(json.dumps(sorted(sys.modules)))"
    resident = subprocess.run(
        [sys.executable, "-c", listing.format("from gkg.resident.server import preload; preload()")],  # noqa: E501
        capture_output=True, text=True, check=True, cwd="/",
    )  # fmt: skip
    code = (
        "import sys; sys.argv = ['gkg', 'query', 'data-center']; from gkg.launch import run_here; "
        "run_here(sys.argv[1:])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
    env.update(GKG_HOME=str(home))
    alone = subprocess.run(
        [sys.executable, "-c", listing.format(code)], capture_output=True, text=True, env=env
    )
    missing = set(json.loads(alone.stdout.splitlines()[-1])) - set(json.loads(resident.stdout))
    small = {"__main__"}
    assert {m for m in missing if not m.startswith(("rich._unicode_data", "email."))} <= small


def test_ctrl_c_reaches_the_command_and_ends_it(home: Path, tmp_path: Path) -> None:
    with BoltStub(silent=True, max_connections=2) as stub:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
        env.update(GKG_HOME=str(tmp_path / "home"), NEO4J_URI=stub.uri, NEO4J_PASSWORD="x")
        proc = subprocess.Popen(
            [GKG, "cypher", "RETURN 1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while not stub.connections and time.monotonic() < deadline:
            time.sleep(0.02)
        assert stub.connections, "the command never reached the stub"
        children = _children_of(control.resident_pid())
        assert children, "the command did not run in the resident's child"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert stderr.decode().startswith("error: interrupted")
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in children)


def _children_of(pid: int | None) -> list[int]:
    found = []
    for task in Path("/proc").glob("[0-9]*"):
        try:
            if int((task / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(task.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_a_changed_installation_is_never_served_by_the_old_resident(home: Path) -> None:
    old = control.resident_pid()
    site = next(p for p in sys.path[1:] if p.endswith("site-packages"))
    os.utime(site)  # what installing or removing any package does to its folder
    assert run(["query", "data-center"], home) == run(["query", "data-center"], home, False)
    deadline = time.monotonic() + 10
    while old is not None and alive(old) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert old is not None and not alive(old)
    assert wait_for_resident(home) != old


def test_another_module_path_runs_the_command_in_its_own_process(home: Path) -> None:
    pid = control.resident_pid()
    extra = {"PYTHONPATH": "/nonexistent-gkg-test"}
    assert run(["queries"], home, env=extra) == run(["queries"], home, False)
    assert control.resident_pid() == pid  # refused the request, kept running


def test_switched_off_no_resident_is_started(tmp_path: Path, seed_store: GraphStore) -> None:
    folder = tmp_path / "residents"
    folder.mkdir(mode=0o700)
    home = seed_store.home  # type: ignore[attr-defined]
    for _ in range(2):
        run(["queries"], home, resident=False, env={"GKG_RESIDENT_DIR": str(folder)})
    time.sleep(0.5)
    assert list(folder.iterdir()) == []


def test_a_resident_whose_socket_is_removed_leaves(home: Path) -> None:
    pid = control.resident_pid()
    path = wire.socket_path()
    assert pid is not None and path is not None
    os.unlink(path)
    deadline = time.monotonic() + 15
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid)
    wait_for_resident(home)


def test_eligible_commands() -> None:
    assert client.eligible(["query", "x"], "query")
    assert client.eligible([], None) and client.eligible(["--help"], None)
    assert not client.eligible(["load"], "load")
    assert not client.eligible(["qeury"], None)


def test_doctor_says_whether_the_resident_runs(home: Path) -> None:
    pid = control.resident_pid()
    code, out, _ = run(["doctor"], home)
    assert code == 0 and f"resident gkg: running (pid {pid})" in out
    code, out, _ = run(["doctor"], home, resident=False)
    assert code == 0 and "resident gkg: off (GKG_RESIDENT=0)" in out


def test_python_and_python3_of_one_environment_share_the_resident(home: Path) -> None:
    """The resident is the environment's (``sys.prefix``), not one interpreter name's."""
    pid = control.resident_pid()
    code = "import sys; sys.argv = ['gkg', 'queries']; from gkg.launch import main; main()"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
    env.update(GKG_HOME=str(home))
    outputs = set()
    for name in ("python", "python3"):
        interpreter = Path(sys.executable).with_name(name)
        done = subprocess.run(
            [str(interpreter), "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
        assert control.resident_pid() == pid
    assert len(outputs) == 1


LIMITED = {
    "as-usual": "",
    "ulimit": "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE); "
    "resource.setrlimit(resource.RLIMIT_NOFILE, (soft - 1, hard)); ",
    "nice": "os.nice(1); ",
}


@pytest.mark.parametrize("case", sorted(LIMITED))
def test_a_caller_with_other_limits_runs_the_command_in_its_own_process(
    home: Path, case: str
) -> None:
    """The resident's child has the resident's limits and niceness, so a caller under
    others (``ulimit``, ``nice``) must not be served by it."""
    code = (
        f"import os, resource, sys; {LIMITED[case]}sys.argv = ['gkg', 'queries']; "
        "from gkg.resident import client; print('handed over:', client.run_in_resident())"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
    env.update(GKG_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last == ("handed over: 0" if case == "as-usual" else "handed over: None")
