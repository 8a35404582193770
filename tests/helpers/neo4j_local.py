"""The Neo4j the tests use: the local one of tools/neo4j, started once per test session, or
the server NEO4J_URI names.

The local server gets its own folder, ``.neo4j/pytest/.neo4j`` (data, logs, env, pid), so a
server started with ``make neo4j-start`` is never touched; it reuses the jars and the compiled
launcher of ``.neo4j/`` (Maven fetches the jars on the first run, into ~/.m2 and .neo4j/lib).
Without java, javac or mvn the Neo4j tests skip with the reason, except under CI, where they
fail. Only the Neo4j tests see these settings: nothing here touches os.environ.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from gkg.stores.neo4j.settings import Neo4jSettings, neo4j_settings_from_env
from tests.helpers.common import ROOT

TOOL = ROOT / "tools" / "neo4j"
TEST_ROOT = ROOT / ".neo4j" / "pytest"
#: What the session cost, for the summary at the end of the run.
TIMINGS: dict[str, float | str] = {}


def neo4jctl() -> ModuleType:
    """tools/neo4j/neo4jctl.py as a module."""
    if str(TOOL) not in sys.path:
        sys.path.insert(0, str(TOOL))
    return importlib.import_module("neo4jctl")


def missing_programs() -> list[str]:
    """Which of java, javac and mvn cannot be found (JAVA_HOME counts for the JDK's)."""
    java_home = os.environ.get("JAVA_HOME", "")
    missing = []
    for name in ("java", "javac", "mvn"):
        in_home = java_home and name != "mvn" and os.path.exists(f"{java_home}/bin/{name}")
        if not in_home and shutil.which(name) is None:
            missing.append(name)
    return missing


class Neo4jServer:
    """The server of this session: its settings (again right after a restart), a driver with
    write access for the tests' own set-up, and kill9/restart when it is the local one."""

    def __init__(self, settings: Neo4jSettings, local: bool):
        self.settings, self.local = settings, local
        self._driver: Any = None

    def admin(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run query with write access, as the tests' set-up (gkg's store only reads)."""
        import neo4j

        if self._driver is None:
            s = self.settings
            self._driver = neo4j.GraphDatabase.driver(
                s.uri,
                auth=(s.username, s.password),
                connection_timeout=10,
                notifications_min_severity="OFF",
            )
        records, _, _ = self._driver.execute_query(
            query, parameters_=params, database_=self.settings.database
        )
        return [record.data() for record in records]

    def close_admin(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def env(self) -> dict[str, str]:
        """The NEO4J_* variables of a ``gkg`` run against this server."""
        s = self.settings
        env = {"NEO4J_URI": s.uri, "NEO4J_USERNAME": s.username, "NEO4J_PASSWORD": s.password}
        if s.database:
            env["NEO4J_DATABASE"] = s.database
        return env

    def _need_local(self) -> ModuleType:
        if not self.local:
            pytest.skip("NEO4J_URI names a server of its own: the tests cannot kill or restart it")
        return neo4jctl()

    def kill9(self) -> int | None:
        """SIGKILL the JVM, as a crash would."""
        self.close_admin()
        return self._need_local().kill9(TEST_ROOT)

    def restart(self) -> float:
        """Start it again on the same data, password and port; the seconds it took."""
        ctl = self._need_local()
        self.close_admin()
        started = ctl.restart(TEST_ROOT)
        self.settings = _settings(started)
        return float(started.seconds)

    def pid(self) -> int | None:
        running = neo4jctl().status(TEST_ROOT) if self.local else None
        return running.pid if running else None


def _settings(started: Any) -> Neo4jSettings:
    return Neo4jSettings(uri=started.uri, username=started.username, password=started.password)


def _share_build(ctl: ModuleType) -> None:
    """Fetch the jars and compile the launcher in .neo4j/ (once), and link them into the
    test server's folder so it needs neither again."""
    build = importlib.import_module("neo4jbuild")
    began = time.monotonic()
    lib = build.ensure_jars(ROOT)
    build.ensure_classes(ROOT, lib)
    TIMINGS["jars and launcher (s)"] = round(time.monotonic() - began, 1)
    own = build.home(TEST_ROOT)
    own.mkdir(parents=True, exist_ok=True)
    for name in ("lib", "classes"):
        link = own / name
        if not link.is_symlink():
            if link.exists():
                shutil.rmtree(link)
            link.symlink_to(build.home(ROOT) / name)


def open_server(on_stop: Callable[[Callable[[], None]], None]) -> Neo4jServer:
    """The session's server: NEO4J_URI's, else the local one started now (stopped through
    on_stop); skip, or fail under CI, when it cannot be had."""
    external = neo4j_settings_from_env()
    if external is not None:
        TIMINGS["server"] = f"NEO4J_URI ({external.uri})"
        return Neo4jServer(external, local=False)
    missing = missing_programs()
    if missing:
        reason = (
            f"{', '.join(missing)} not found: the Neo4j tests start a local Neo4j 5.26 "
            "(tools/neo4j) and need a JDK and Maven (Debian: openjdk-17-jdk-headless, maven)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; under CI they must run (.ci/run installs them)")
        pytest.skip(reason)
    ctl = neo4jctl()
    try:
        _share_build(ctl)
        started = ctl.start(TEST_ROOT)
    except ctl.Neo4jCtlError as exc:
        pytest.fail(f"the local Neo4j did not start: {exc}")
    TIMINGS["server"] = f"local Neo4j {started.version} on {started.uri}"
    TIMINGS["start (s)"] = started.seconds
    server = Neo4jServer(_settings(started), local=True)

    def stop() -> None:
        server.close_admin()
        pid = server.pid()
        ctl.stop(TEST_ROOT)
        if pid is not None:
            assert not importlib.import_module("neo4jproc").alive(pid), f"JVM {pid} still runs"

    on_stop(stop)
    return server
