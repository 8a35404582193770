"""What the commands analysts run most import: a list of modules they must not load.

Each command runs in a fresh interpreter, as the ``gkg`` script runs it with no resident
gkg to hand it to (``GKG_RESIDENT=0``; tests/test_resident.py covers that path), and
writes the modules it imported when it exits. A list, not a timing: the time itself is measured in
``make bench`` (``benchmarks/cold_bench.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gkg.cli import COMMANDS, MODULES, build_app, command_of
from gkg.stores.base import GraphStore

#: Never on the path of ``gkg --help``, ``gkg query``, ``gkg queries`` or completion.
HEAVY = (
    "pydantic",
    "networkx",
    "igraph",
    "pyvis",
    "pandas",
    "numpy",
    "matplotlib",
    "jinja2",
    "yaml",
    "neo4j",
    "gkg.analytics",
    "gkg.loaders",
    "gkg.present.pages",
    "gkg.present.report",
)
#: Command groups ``gkg query``, ``gkg queries`` and their completion need not register
#: (``gkg --help`` lists every command, so it imports them all; they import nothing heavy).
OTHER_GROUPS = (
    "gkg.cli.viz_cmds",
    "gkg.cli.load_cmds",
    "gkg.cli.export_cmds",
    "gkg.cli.store_cmds",
)
#: Nor, where no answer is read or printed as a table, the store's client and rich.
CLIENT = ("falkordb", "redis", "rich")

RUN = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["gkg", *sys.argv[2:]]
from gkg.launch import main
main()
"""


def imported(tmp_path: Path, args: list[str], home: Path, **env: str) -> set[str]:
    """The modules ``gkg ARGS`` imported (its output is not checked here)."""
    out = tmp_path / "modules.json"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "_GKG"))}
    environ.update(GKG_HOME=str(home), GKG_QUERIES="", GKG_RESIDENT="0")  # in this process
    environ.update(env)
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(out), *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.exists(), done.stderr
    return set(json.loads(out.read_text()))


def denied(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    modules = imported(tmp_path, ["--help"], tmp_path / "home")
    assert denied(modules, HEAVY + CLIENT) == []


def test_query_imports_only_what_it_answers_with(tmp_path: Path, seed_store: GraphStore) -> None:
    home = seed_store.home  # type: ignore[attr-defined]
    modules = imported(tmp_path, ["query", "data-center"], home)
    assert denied(modules, HEAVY + OTHER_GROUPS) == []
    assert "falkordb" in modules  # it did answer


def test_queries_list_starts_no_client(tmp_path: Path) -> None:
    modules = imported(tmp_path, ["queries"], tmp_path / "home")
    assert denied(modules, HEAVY + OTHER_GROUPS + ("falkordb", "redis")) == []


def test_completion_imports_neither_client_nor_rich(tmp_path: Path) -> None:
    completion = {
        "_GKG_COMPLETE": "complete_bash",
        "COMP_WORDS": "gkg query data-",
        "COMP_CWORD": "2",
    }
    modules = imported(tmp_path, [], tmp_path / "home", **completion)
    assert denied(modules, HEAVY + OTHER_GROUPS + CLIENT) == []
    assert "gkg.catalogue" in modules  # it did read the query names


def test_every_command_is_registered_by_the_module_named_for_it() -> None:
    assert _names(build_app()) == set(COMMANDS)
    for command, module in COMMANDS.items():
        assert command in _names(build_app([command])) and module in MODULES


def _names(app: Any) -> set[str]:
    commands = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    return commands | {g.name for g in app.registered_groups}


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["query", "x"], "query"),
        (["--home", "query", "queries"], "queries"),
        (["--uri", "bolt://x", "cypher", "-"], "cypher"),
        (["--help"], None),
        ([], None),
        (["qeury"], None),
    ],
)
def test_the_command_is_found_past_global_options(args: list[str], command: str | None) -> None:
    assert command_of(args) == command
