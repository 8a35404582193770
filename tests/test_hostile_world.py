"""The embedded store on a hostile machine (issue 17): a run folder someone else made, a
symlinked home, a pid file naming another process, corrupt and leftover data files, a
full disk, a server killed during the save, two loads at once; and seed files built to
make messages huge. Real servers only."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gkg.errors import StoreError, ValidationError
from gkg.loaders.load import load_files
from gkg.loaders.validate import validate_files
from gkg.stores.falkordb import server
from gkg.stores.falkordb.rundir import ServerPaths
from gkg.stores.falkordb.store import FalkorStore
from tests.helpers.common import GKG, ROOT, SEED, SMALL

IS_ROOT = os.geteuid() == 0


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GKG_"))}
    return {**env, "GKG_HOME": str(home), **extra}


def _gkg(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GKG, *args], cwd=ROOT, env=_env(home, **extra), capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip


def _count(store: FalkorStore) -> int:
    return int(store.run("MATCH (n:Entity) RETURN count(n)").rows[0][0])


# --- the run folder ---------------------------------------------------------------------


def _long_home(tmp_path: Path) -> Path:
    home = tmp_path / ("long-" * 20) / "home"
    assert len(os.fsencode(home / "run" / "gkg.sock")) > 100
    return home


def test_a_wide_open_run_folder_is_refused(tmp_path: Path, store_homes: list[Path]) -> None:
    home = _long_home(tmp_path)
    store_homes.append(home)
    run_dir = ServerPaths.of(home).run_dir
    assert not run_dir.is_relative_to(home)
    run_dir.mkdir(mode=0o777)
    os.chmod(run_dir, 0o777)
    try:
        with pytest.raises(StoreError, match="has mode 0777, which lets other users in"):
            FalkorStore(home)
        assert not (run_dir / "gkg.sock").exists()
    finally:
        shutil.rmtree(run_dir)


@pytest.mark.skipif(not IS_ROOT, reason="making a folder owned by another user needs root")
def test_a_run_folder_made_by_another_user_is_refused(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = _long_home(tmp_path)
    store_homes.append(home)
    run_dir = ServerPaths.of(home).run_dir
    run_dir.mkdir(mode=0o700)
    os.chown(run_dir, 65534, 65534)
    try:
        done = _gkg(home, "doctor")
        assert done.returncode != 0
        assert "belongs to another user (uid 65534)" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        shutil.rmtree(run_dir)


def test_a_symlinked_home_shares_the_one_server(tmp_path: Path, store_homes: list[Path]) -> None:
    real = tmp_path / "real-home"
    link = tmp_path / "link-home"
    store_homes.append(real)
    first = FalkorStore(real)
    load_files(first, [SMALL])
    link.symlink_to(real)
    second = FalkorStore(link)
    assert second.paths == first.paths
    assert server.status(link).pid == server.status(real).pid
    assert _count(second) == 8


def test_socket_paths_are_measured_in_bytes(tmp_path: Path, store_homes: list[Path]) -> None:
    """88 characters of Korean are over 200 bytes: the socket moves to a short folder."""
    home = tmp_path / ("광" * 30) / "home"
    store_homes.append(home)
    store = FalkorStore(home)
    assert len(os.fsencode(store.paths.socket)) <= 100
    assert server.status(home).running


def test_a_pid_file_naming_another_process_is_never_signalled(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "pid-home"
    store_homes.append(home)
    FalkorStore(home)
    assert server.stop(home)
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        paths = ServerPaths.of(home)
        paths.pidfile.write_text(f"{bystander.pid}\n")
        FalkorStore(home)  # starts a server, clearing the stale pid file
        paths.pidfile.write_text(f"{bystander.pid}\n")
        assert server.stop(home)
        assert bystander.poll() is None, "gkg signalled a process that is not its server"
    finally:
        bystander.kill()
        bystander.wait()


def test_status_names_the_pid_even_without_a_pid_file(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "status-home"
    store_homes.append(home)
    FalkorStore(home)
    pid = server.status(home).pid
    ServerPaths.of(home).pidfile.unlink()
    done = _gkg(home, "server", "status")
    assert f"running (pid {pid})" in done.stdout and "None" not in done.stdout


def test_data_is_private_and_the_engine_keeps_no_query_telemetry(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "private-home"
    store_homes.append(home)
    store = FalkorStore(home)
    load_files(store, [SMALL])
    paths = store.paths
    for folder in (paths.home, paths.data_dir, paths.run_dir):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
    for item in (paths.dump, paths.logfile, paths.pidfile):
        assert stat.S_IMODE(os.stat(item).st_mode) == 0o600, item
    _name, value = store._conn.execute_command("GRAPH.CONFIG", "GET", "CMD_INFO")
    assert value in (0, False)


# --- data files ------------------------------------------------------------------------


def test_a_corrupt_data_file_is_moved_aside_and_the_previous_save_used(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "corrupt-home"
    store_homes.append(home)
    store = FalkorStore(home)
    load_files(store, [SMALL])  # the previous save: 8 nodes
    load_files(store, [SEED], replace=True)  # the current save
    server.stop(home)
    paths = ServerPaths.of(home)
    os.truncate(paths.dump, paths.dump.stat().st_size // 2)
    (paths.data_dir / "temp-4242.rdb").write_bytes(b"left by a killed save")
    done = _gkg(home, "doctor")
    assert done.returncode == 0, done.stderr
    assert "the data file could not be read; it was moved to" in done.stderr
    assert "previous save" in done.stderr
    assert "warning: 1 unreadable data file(s) were moved aside" in done.stdout
    assert "nodes: 8" in done.stdout
    assert len(list(paths.data_dir.glob("dump.rdb.corrupt-*"))) == 1
    assert not (paths.data_dir / "temp-4242.rdb").exists()
    # with no previous save either, it starts empty and says how to recover
    server.stop(home)
    paths.previous_dump.unlink()
    os.truncate(paths.dump, paths.dump.stat().st_size // 2)
    done = _gkg(home, "query", "data-center")
    assert "started empty: run `gkg load`" in done.stderr
    assert _gkg(home, "load", "-q", str(SMALL)).returncode == 0
    assert len(list(paths.data_dir.glob("dump.rdb.corrupt-*"))) == 2


def test_a_server_killed_during_the_save_is_reported_truly(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "save-kill-home"
    store_homes.append(home)
    assert _gkg(home, "load", "-q", str(SMALL)).returncode == 0
    done = _gkg(
        home,
        "load",
        "--replace",
        "-q",
        str(SEED),
        GKG_TEST_AT="before-save",
        GKG_TEST_DO="kill-server",
    )
    assert done.returncode == 2
    assert "stopped during the save" in done.stderr
    assert "the stored graph is the old one" in done.stderr
    assert _count(FalkorStore(home)) == 8


@pytest.mark.skipif(not IS_ROOT or not shutil.which("mount"), reason="needs root to mount")
def test_a_full_disk_rolls_the_load_back_and_says_why(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)]).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    home = disk / "home"
    try:
        assert _gkg(home, "load", "-q", str(SMALL)).returncode == 0
        with open(disk / "filler", "wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        done = _gkg(home, "load", "--replace", "-q", str(SEED))
        assert done.returncode == 2
        assert "could not be saved to disk: " in done.stderr
        assert "No space left on device" in done.stderr or "full" in done.stderr
        assert "the stored graph is the old one, unchanged" in done.stderr
        answer = _gkg(home, "cypher", "MATCH (n:Entity) RETURN count(n)", "-f", "csv")
        assert answer.stdout.split() == ["count(n)", "8"]
        assert "running (pid " in _gkg(home, "server", "status").stdout
        stopped = _gkg(home, "server", "stop")
        assert stopped.returncode == 0 and "stopped" in stopped.stdout
        (disk / "filler").unlink()
        assert _gkg(home, "cypher", "MATCH (n:Entity) RETURN count(n)").returncode == 0
    finally:
        server.stop(home)
        subprocess.run(["umount", "-l", str(disk)])


def test_a_load_that_waits_for_another_says_so_and_counts_after_it(
    tmp_path: Path, store_homes: list[Path]
) -> None:
    home = tmp_path / "two-loads"
    store_homes.append(home)
    store = FalkorStore(home)
    load_files(store, [SMALL])
    with store.load_lock():
        other = subprocess.Popen(
            [GKG, "load", "--replace", "-q", str(SEED)], cwd=ROOT, env=_env(home),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        waited = other.stderr.readline() if other.stderr else ""
        load_files(store, [SEED], replace=True)  # this one goes first, under the lock
    out, _err = other.communicate(timeout=180)
    assert "another load of this data folder is running; waiting" in waited
    assert other.returncode == 0
    assert "loaded (no changes)" in out


# --- seeds built to make messages huge -------------------------------------------------


def _small_doc() -> dict:
    return yaml.safe_load(SMALL.read_text(encoding="utf-8"))


def test_an_alias_bomb_in_a_field_is_quoted_briefly(tmp_path: Path) -> None:
    anchors = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    anchors += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = SMALL.read_text(encoding="utf-8").replace("    name: NHN Cloud\n", "    name: *a9\n")
    path = tmp_path / "bomb.yaml"
    path.write_text("anchors:\n" + "".join(f"  {a}\n" for a in anchors) + text, encoding="utf-8")
    assert path.stat().st_size < 4000
    with pytest.raises(ValidationError) as caught:
        validate_files([path])
    message = str(caught.value)
    assert "name: expected text, got a list" in message
    assert len(message) < 2000
    assert all(len(line) < 400 for line in message.splitlines())


def test_a_ten_megabyte_label_is_refused_with_a_short_located_message(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    path = tmp_path / "label.yaml"
    path.write_text(
        text.replace("    label: Company\n", "    label: " + "X" * 10_000_000 + "\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        validate_files([path])
    first = caught.value.problems[0]
    assert first.line == 24 and "line of 10000011 characters" in first.message
    assert len(str(caught.value)) < 400
    # a long label that fits on a line is quoted briefly
    path.write_text(text.replace("    label: Company\n", "    label: " + "Y" * 5000 + "\n", 1))
    with pytest.raises(ValidationError) as caught:
        validate_files([path])
    first = caught.value.problems[0]
    assert first.line == 24 and first.field == "label"
    assert "(5000 characters)" in first.message and len(str(first)) < 400


def test_nul_characters_and_huge_ids_are_refused_with_a_location(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("    name: NHN Cloud\n", '    name: "NHN\\0 Cloud"\n', 1)
    text = text.replace("  - id: gwangju\n", "  - id: " + "g" * 6000 + "\n", 1)
    text = text.replace('quote: "Gwangju City"', 'quote: "Gwangju\\e[31m City"', 1)
    path = tmp_path / "nul.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        validate_files([path])
    found = {(p.field, p.message) for p in caught.value.problems}
    assert ("id", "an id of 6000 characters; the limit is 200") in found
    assert ("name", "contains the control character U+0000 at character 4; remove it") in found
    assert all(p.line for p in caught.value.problems)
    escapes = [p for p in caught.value.problems if "U+001B" in p.message]
    assert [p.field for p in escapes] == ["sources.quote"]
