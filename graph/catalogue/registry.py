"""The catalogue: named queries by name, from the built-in folder, ``GKG_QUERIES`` folders
(``os.pathsep``-separated) and ``--queries DIR``. Two files with one name are an error
naming both. Parsing and lookup only: :mod:`gkg.runner` answers the queries.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from gkg import shipped
from gkg.catalogue.query import NamedQuery, parse_query
from gkg.catalogue.values import convert
from gkg.errors import QueryError

ENV_VAR = "GKG_QUERIES"


def builtin_dir() -> Path:
    """The folder of the queries shipped with gkg."""
    return shipped.queries_dir()


def env_dirs() -> list[Path]:
    """Folders named by ``GKG_QUERIES`` (``os.pathsep``-separated; empty parts ignored)."""
    raw = os.environ.get(ENV_VAR, "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def query_files(root: Path) -> list[tuple[Path, str]]:
    """Every ``.cypher`` file under ``root`` (or ``root`` itself) with its category: the
    first folder below ``root``, or ``root``'s own name for files directly in it."""
    if root.is_file():
        if root.suffix != ".cypher":
            raise QueryError(f"{root}: a query file must end in .cypher")
        return [(root, root.parent.name)]
    if not root.is_dir():
        raise QueryError(f"query folder {root} does not exist")
    found = []
    for path in sorted(root.rglob("*.cypher")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue  # hidden folders: editor backups, .ipynb_checkpoints, ...
        found.append((path, rel.parts[0] if len(rel.parts) > 1 else root.name))
    return found


class Catalogue:
    """Named queries by name, loaded from the built-ins and any analyst folders."""

    def __init__(self, queries: Sequence[NamedQuery] = ()):
        self._queries: dict[str, NamedQuery] = {}
        for query in queries:
            self.add(query)

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = ()) -> Catalogue:
        """Built-ins, then ``GKG_QUERIES`` folders, then ``extra_dirs``."""
        return cls.from_dirs([builtin_dir(), *env_dirs(), *(Path(d) for d in extra_dirs)])

    @classmethod
    def from_dirs(cls, dirs: Sequence[Path]) -> Catalogue:
        """Exactly the queries under ``dirs`` (no built-ins, no environment)."""
        catalogue = cls()
        seen: set[Path] = set()
        for root in dirs:
            for path, category in query_files(Path(root)):
                real = path.resolve()
                if real in seen:
                    continue  # the same file reached through two folders is one query
                seen.add(real)
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise QueryError(f"{path}: cannot be read: {exc}") from None
                catalogue.add(parse_query(text, path, category))
        return catalogue

    def add(self, query: NamedQuery) -> None:
        """Add one query; :class:`QueryError` naming both files if the name is taken."""
        other = self._queries.get(query.name)
        if other is not None:
            raise QueryError(
                f"two queries are named {query.name!r}: {other.path} and {query.path}; "
                "rename one of them"
            )
        self._queries[query.name] = query

    def __iter__(self) -> Iterator[NamedQuery]:
        return iter(sorted(self._queries.values(), key=lambda q: q.name))

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def names(self) -> list[str]:
        """Every query name, sorted."""
        return sorted(self._queries)

    def get(self, name: str) -> NamedQuery:
        """The query ``name``; :class:`QueryError` with the closest names otherwise."""
        try:
            return self._queries[name]
        except KeyError:
            pass
        close = difflib.get_close_matches(name, self.names(), n=3, cutoff=0.75)
        if len(name) >= 3:  # a part of a name: "center" finds "data-center"
            close += [n for n in self.names() if name in n and n not in close][:3]
        hint = (
            f"; did you mean {', '.join(repr(c) for c in close[:3])}?"
            if close
            else "; `gkg queries` lists them"
        )
        raise QueryError(f"unknown query {name!r}{hint}")

    def bind(self, name: str, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Typed parameters for query ``name``: given values converted, defaults filled."""
        query = self.get(name)
        unknown = sorted(set(raw) - {p.name for p in query.params})
        if unknown:
            known = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(
                f"query {name!r} has no parameter {unknown[0]!r} (its parameters: {known})"
            )
        bound: dict[str, Any] = {}
        for param in query.params:
            value = raw.get(param.name)
            if value is None:
                if param.required:
                    example = param.example or "VALUE"
                    raise QueryError(
                        f"query {name!r} needs parameter {param.name!r} ({param.type}), "
                        f"e.g. --param {param.name}={example}"
                    )
                bound[param.name] = param.default
                continue
            try:
                bound[param.name] = convert(param.type, value)
            except ValueError as exc:
                raise QueryError(f"query {name!r}, parameter {param.name!r}: {exc}") from None
        return bound
