"""Named queries: folders of ``.cypher`` files turned into a catalogue.

Each file holds one query. Its leading ``//`` comment lines are a small header::

    // name: data-center
    // title: The national AI data center: what it runs, who built and operates it
    // description: Capacity, hardware and its maker, builder, operator, funding.
    //   (indented comment lines continue the field above)
    // param: center (entity) = national-ai-data-center; example: 국가AI데이터센터
    //   The data center, by id, English or Korean name, or alias.
    // result: table
    // engine: cypher

A param without ``= default`` is required. ``engine: networkx`` says the answer comes from
:func:`gkg.analytics.answer` (the Cypher body is then a portable fallback that still lints).
Built-in queries ship with gkg (:mod:`gkg.shipped`); analysts add folders with
``GKG_QUERIES`` (``os.pathsep``-separated) or ``--queries DIR``. Two files with one name are
an error naming both.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gkg.errors import QueryError
from gkg.model import Result
from gkg.stores.base import GraphStore

PARAM_TYPES = ("str", "int", "float", "bool", "date", "entity")
RESULT_KINDS = ("table", "graph")
ENGINES = ("cypher", "networkx")
HEADER_KEYS = ("name", "title", "description", "param", "result", "engine", "note")
ENV_VAR = "GKG_QUERIES"

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PARAM_LINE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)\)"
    r"(?:\s*=\s*(?P<default>[^;]*?))?"
    r"(?:\s*;\s*example:\s*(?P<example>.*?))?\s*$"
)
_FIELD_LINE = re.compile(r"^//\s?(?P<key>[a-z]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(?P<text>\S.*)$")
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_LINE_COMMENT = re.compile(r"//[^\n]*")
_PARAM_USE = re.compile(r"\$([A-Za-z_]\w*)")
_TRUE = ("true", "yes", "y", "1", "on")
_FALSE = ("false", "no", "n", "0", "off")


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: str  # 'str' | 'int' | 'float' | 'bool' | 'date' | 'entity'
    default: Any
    example: str
    description: str
    required: bool

    def signature(self) -> str:
        """``name: type = default`` as the listing shows it."""
        text = f"{self.name}: {self.type}"
        if not self.required:
            text += f" = {'null' if self.default is None else self.default}"
        return text


@dataclass(frozen=True)
class NamedQuery:
    """One query of the catalogue, parsed from its ``.cypher`` file."""

    name: str
    title: str
    description: str
    category: str
    params: tuple[Param, ...]
    result: str  # 'table' | 'graph'
    engine: str  # 'cypher' | 'networkx'
    text: str
    path: Path
    note: str = ""

    def param(self, name: str) -> Param | None:
        """The declared parameter ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)


# --- parsing one file -------------------------------------------------------------------


def parse_query(text: str, path: Path, category: str = "") -> NamedQuery:
    """Parse one query file's text; :class:`QueryError` naming the file and line if bad."""
    fields: dict[str, list[str]] = {}
    params: list[list[Any]] = []  # [line number, param line, description parts]
    last: list[str] | None = None
    lines = text.splitlines()
    body_start = len(lines)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.lstrip().startswith("//"):
            body_start = number - 1
            break
        line = line.lstrip()
        field = _FIELD_LINE.match(line)
        continuation = _CONTINUATION.match(line)
        if field and field["key"] in HEADER_KEYS:
            key, value = field["key"], field["value"].strip()
            if key == "param":
                params.append([number, value, []])
                last = params[-1][2]
            else:
                if key in fields:
                    raise _bad(path, number, f"'{key}' is given twice")
                fields[key] = [value] if value else []
                last = fields[key]
        elif continuation and last is not None:
            last.append(continuation["text"].strip())
        elif line.strip() == "//":
            last = None
        elif field:
            keys = ", ".join(HEADER_KEYS)
            raise _bad(path, number, f"unknown header field '{field['key']}' (known: {keys})")
        else:
            raise _bad(
                path,
                number,
                "header lines are '// key: value' or indented continuation lines",
            )
    body = "\n".join(lines[body_start:]).strip()
    if not body:
        raise _bad(path, None, "the file has a header but no Cypher")

    def one(key: str, default: str | None = None) -> str:
        value = " ".join(fields.get(key, [])).strip()
        if value:
            return value
        if default is None:
            raise _bad(path, None, f"the header lacks '// {key}: ...'")
        return default

    name = one("name")
    if not NAME_PATTERN.match(name):
        raise _bad(path, None, f"name {name!r} must be lower-case letters, digits and '-'")
    if name != path.stem:
        raise _bad(path, None, f"name {name!r} must match the file name ({path.stem}.cypher)")
    result = one("result", "table")
    if result not in RESULT_KINDS:
        raise _bad(path, None, f"result {result!r} must be one of {', '.join(RESULT_KINDS)}")
    engine = one("engine", "cypher")
    if engine not in ENGINES:
        raise _bad(path, None, f"engine {engine!r} must be one of {', '.join(ENGINES)}")
    parsed = tuple(_parse_param(path, *p) for p in params)
    _check_params(path, parsed, body)
    return NamedQuery(
        name=name,
        title=one("title"),
        description=one("description", ""),
        category=category,
        params=parsed,
        result=result,
        engine=engine,
        text=body + "\n",
        path=path,
        note=one("note", ""),
    )


def _parse_param(path: Path, line: int, text: str, description: list[str]) -> Param:
    match = _PARAM_LINE.match(text)
    if not match:
        raise _bad(
            path, line, "a param reads 'NAME (TYPE) = DEFAULT; example: EXAMPLE' "
            f"(default and example optional), not {text!r}",
        )  # fmt: skip
    name, kind = match["name"], match["type"]
    if kind not in PARAM_TYPES:
        raise _bad(
            path, line, f"param {name}: type {kind!r} must be one of {', '.join(PARAM_TYPES)}"
        )
    raw_default = match["default"]
    required = raw_default is None
    default: Any = None
    if raw_default is not None and raw_default.strip() != "null":
        try:
            default = convert(kind, raw_default.strip())
        except ValueError as exc:
            raise _bad(path, line, f"param {name}: bad default: {exc}") from None
    example = (match["example"] or "").strip() or ("" if default is None else str(default))
    return Param(name, kind, default, example, " ".join(description), required)


def _check_params(path: Path, params: tuple[Param, ...], body: str) -> None:
    names = [p.name for p in params]
    for name in names:
        if names.count(name) > 1:
            raise _bad(path, None, f"param {name!r} is declared twice")
    used = set(_PARAM_USE.findall(_LINE_COMMENT.sub("", _STRINGS.sub("''", body))))
    undeclared = sorted(used - set(names))
    if undeclared:
        listed = ", ".join(f"${u}" for u in undeclared)
        raise _bad(path, None, f"the Cypher uses {listed} but the header does not declare it")


def _bad(path: Path, line: int | None, message: str) -> QueryError:
    where = f"{path}:{line}" if line else str(path)
    return QueryError(f"{where}: {message}")


# --- typed values -----------------------------------------------------------------------


def convert(kind: str, value: Any) -> Any:
    """``value`` (a string from the command line, or a Python value) as a ``kind`` value.

    Dates become ISO strings (``YYYY``, ``YYYY-MM`` are filled to the first day), since
    the stores keep dates as ISO strings. :class:`ValueError` says what was expected.
    """
    if kind in ("str", "entity"):
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        text = value.strip()
        if kind == "entity" and not text:
            raise ValueError("expected an entity id, name or alias, got nothing")
        return text
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(f"expected true or false, got {value!r}")
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise ValueError(f"expected a whole number, got {value!r}")
    if kind == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        raise ValueError(f"expected a number, got {value!r}")
    if kind == "date":
        return _iso_date(value)
    raise ValueError(f"unknown parameter type {kind!r}")


def _iso_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        padded = {4: "-01-01", 7: "-01"}.get(len(text), "")
        try:
            return dt.date.fromisoformat(text + padded).isoformat()
        except ValueError:
            pass
    raise ValueError(f"expected a date YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")


# --- finding files ----------------------------------------------------------------------


def builtin_dir() -> Path:
    """The folder of the queries shipped with gkg."""
    from gkg import shipped

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


# --- the catalogue ----------------------------------------------------------------------


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
                if path.resolve() in seen:
                    continue  # the same file reached through two folders is one query
                seen.add(path.resolve())
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
        close = difflib.get_close_matches(name, self.names(), n=3, cutoff=0.5)
        close += [n for n in self.names() if name and name in n and n not in close][:3]
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

    def run(self, store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> Result:
        """Bind the parameters, check entity names exist, and answer the query."""
        query = self.get(name)
        bound = self.bind(name, params or {})
        check_entities(store, query, bound)
        if query.engine == "networkx":
            from gkg import analytics

            return analytics.answer(store, name, bound)
        return store.run(query.text, bound)


def check_entities(store: GraphStore, query: NamedQuery, bound: Mapping[str, Any]) -> None:
    """Fail early, with suggestions, when an entity parameter names nothing (or many)."""
    from gkg.lookup import resolve

    for param in query.params:
        value = bound.get(param.name)
        if param.type == "entity" and value is not None:
            try:
                resolve(store, value)
            except QueryError as exc:
                raise QueryError(f"parameter {param.name!r}: {exc}") from None


def parse_assignments(pairs: Sequence[str]) -> dict[str, str]:
    """``key=value`` strings (from ``--param``) as a dict; :class:`QueryError` if malformed."""
    found: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise QueryError(f"--param takes key=value, got {pair!r}")
        if key in found:
            raise QueryError(f"parameter {key!r} is given twice")
        found[key] = value
    return found
