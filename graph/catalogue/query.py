"""One named query: its header parsed from a ``.cypher`` file into a :class:`NamedQuery`.

A file's leading ``//`` comment lines are a small header::

    // name: data-center
    // title: The national AI data center: what it runs, who built and operates it
    // description: Capacity, hardware and its maker, builder, operator, funding.
    //   (indented comment lines continue the field above)
    // param: center (entity) = national-ai-data-center; example: 국가AI데이터센터
    //   The data center, by id, English or Korean name, or alias.
    // result: table
    // engine: cypher

A param without ``= default`` is required. ``engine: networkx`` says the answer comes from
the networkx function registered under the query's name (:mod:`gkg.analytics.answers`);
the Cypher body is then a portable fallback that still lints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from gkg.catalogue.values import convert
from gkg.errors import QueryError

#: The type of a query parameter; ``entity`` is an id, name or alias that must exist;
#: ``name`` is text compared with names as look-up keys (case, spacing, Unicode form and
#: British spellings ignored: :func:`gkg.names.lookup_key`).
ParamType = Literal["str", "int", "float", "bool", "date", "entity", "name"]
#: What an answer is: a table, or nodes and relationships worth drawing.
ResultKind = Literal["table", "graph"]
#: Who answers: the store's Cypher, or a networkx function registered for the query.
Engine = Literal["cypher", "networkx"]
PARAM_TYPES: tuple[ParamType, ...] = get_args(ParamType)
RESULT_KINDS: tuple[ResultKind, ...] = get_args(ResultKind)
ENGINES: tuple[Engine, ...] = get_args(Engine)
HEADER_KEYS = ("name", "title", "description", "param", "result", "engine", "note")
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


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: ParamType
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
    result: ResultKind
    engine: Engine
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
    return Param(name, cast(ParamType, kind), default, example, " ".join(description), required)


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
