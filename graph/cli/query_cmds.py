"""``gkg queries``, ``gkg queries show``, ``gkg query`` and ``gkg cypher``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from gkg.cli.common import as_of_option, core_from, err
from gkg.cli.output import Lang, OutputFormat, emit, format_option, lang_option, output_width
from gkg.model import Result

if TYPE_CHECKING:
    from gkg.catalogue import NamedQuery

queries_app = typer.Typer(
    help="List the named queries (`gkg queries`), or show one (`gkg queries show NAME`).",
    invoke_without_command=True,
    rich_markup_mode=None,
)


class ListFormat(str, Enum):
    table = "table"
    json = "json"


QUERIES_HELP = "Another folder of .cypher queries (repeatable; also GKG_QUERIES)."
PARAM_HELP = "A parameter as key=value (repeatable)."
OUT_HELP = "Write the answer to this file instead of standard output."
LIMIT_HELP = "Show at most this many rows (a note says when the answer had more)."


def _limit_option() -> Any:
    return typer.Option(None, "--limit", "-n", help=LIMIT_HELP, min=1, metavar="ROWS")


def _dirs_option() -> Any:
    return typer.Option(None, "--queries", help=QUERIES_HELP, show_default=False, metavar="DIR")


def complete_query_name(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the query names starting with what was typed, with titles."""
    try:
        dirs = (ctx.params.get("queries") or []) if ctx is not None else []
        catalogue = core_from(ctx, list(dirs)).catalogue
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [(q.name, q.title) for q in catalogue if q.name.startswith(incomplete)]


# --- gkg queries [show NAME] ------------------------------------------------------------


@queries_app.callback(invoke_without_command=True)
def list_queries(
    ctx: typer.Context,
    fmt: ListFormat = typer.Option(
        ListFormat.table, "--format", "-f", help="table or json.", metavar="FORMAT"
    ),
    queries: list[Path] = _dirs_option(),
) -> None:
    """List the named queries with their titles and parameters."""
    ctx.meta["gkg_query_dirs"] = list(queries or [])
    if ctx.invoked_subcommand is not None:
        return
    catalogue = core_from(ctx, queries).catalogue
    if fmt is ListFormat.json:
        print(json.dumps([_describe(q) for q in catalogue], ensure_ascii=False, indent=2))
        return
    from gkg.present.catalogue_text import by_theme

    sys.stdout.write(by_theme(list(catalogue), output_width()))


@queries_app.command("show")
def show_query(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., help="Query name.", autocompletion=complete_query_name, metavar="NAME"
    ),
    fmt: ListFormat = typer.Option(
        ListFormat.table, "--format", "-f", help="table or json.", metavar="FORMAT"
    ),
    queries: list[Path] = _dirs_option(),
) -> None:
    """Show one query: what it answers, its parameters, its file and its Cypher."""
    dirs = list(ctx.parent.meta.get("gkg_query_dirs", []) if ctx.parent else []) + list(
        queries or []
    )
    query = core_from(ctx, dirs).describe(name)
    if fmt is ListFormat.json:
        print(json.dumps(_describe(query, text=True), ensure_ascii=False, indent=2))
        return
    print(f"{query.name}: {query.title}")
    print(f"theme: {query.category}   answer: {_kind(query)}")
    print(f"file: {query.path}")
    if query.description:
        print(f"\n{query.description}")
    if query.note:
        print(f"\nnote: {query.note}")
    if query.params:
        print("\nparameters:")
        for p in query.params:
            example = f"   (e.g. {p.example})" if p.example else ""
            print(f"  {p.signature()}{' (required)' if p.required else ''}{example}")
            if p.description:
                print(f"      {p.description}")
    example_args = " ".join(f"--param {p.name}={_quote(p.example)}" for p in query.params)
    print(f"\nrun: gkg query {query.name} {example_args}".rstrip())
    print(f"\n{query.text}", end="")


def _kind(query: NamedQuery) -> str:
    return query.result if query.engine == "cypher" else f"{query.result} (networkx)"


def _quote(text: str) -> str:
    return f"'{text}'" if any(c in text for c in " '\"$&|;<>()") else text


def _describe(query: NamedQuery, text: bool = False) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "category": query.category,
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "example": p.example,
                "description": p.description,
                "required": p.required,
            }
            for p in query.params
        ],
        "result": query.result,
        "engine": query.engine,
        "path": str(query.path),
    }
    if query.note:
        described["note"] = query.note
    if text:
        described["text"] = query.text
    return described


# --- gkg query NAME / gkg cypher TEXT ---------------------------------------------------


def query(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., help="Query name.", autocompletion=complete_query_name, metavar="NAME"
    ),
    param: list[str] = typer.Option(
        None, "--param", "-p", help=PARAM_HELP, show_default=False, metavar="KEY=VALUE"
    ),
    fmt: OutputFormat = format_option(),
    lang: Lang = lang_option(),
    out: Path = typer.Option(
        None, "--out", "-o", help=OUT_HELP, show_default=False, metavar="FILE"
    ),
    queries: list[Path] = _dirs_option(),
    as_of: str = as_of_option(),
    limit: int = _limit_option(),
) -> None:
    """Run a named query (`gkg queries` lists them; unset parameters take their defaults)."""
    from gkg.catalogue import parse_assignments

    with core_from(ctx, queries) as today, today.as_of(as_of) as kg:
        named = kg.describe(name)
        params = kg.catalogue.bind(name, parse_assignments(param or []))
        result = kg.query(name, params)
    emit(_limited(result, limit), fmt.value, out, title=named.title, lang=lang.value)


def cypher(
    ctx: typer.Context,
    text: str = typer.Argument(
        ..., help="Read-only Cypher; '-' reads it from standard input.", metavar="CYPHER"
    ),
    param: list[str] = typer.Option(
        None,
        "--param",
        "-p",
        help=PARAM_HELP + " Values are read as JSON when they parse (2025, true, [1,2]), "
        "else as text.",
        show_default=False,
        metavar="KEY=VALUE",
    ),
    fmt: OutputFormat = format_option(),
    lang: Lang = lang_option(),
    out: Path = typer.Option(
        None, "--out", "-o", help=OUT_HELP, show_default=False, metavar="FILE"
    ),
    as_of: str = as_of_option(),
    limit: int = _limit_option(),
) -> None:
    """Run ad-hoc read-only Cypher (the engine refuses writes)."""
    from gkg.catalogue import parse_assignments
    from gkg.errors import QueryError

    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise QueryError("no Cypher given")
    params = {k: _guess(v) for k, v in parse_assignments(param or []).items()}
    from gkg.cli.common import err
    from gkg.schema.hints import unknown_names

    for warning in unknown_names(text):
        err(f"warning: {warning}")
    with core_from(ctx) as today, today.as_of(as_of) as kg:
        result = kg.cypher(text, params)
    emit(_limited(result, limit), fmt.value, out, lang=lang.value)


def _limited(result: Result, limit: int | None) -> Result:
    """The first ``limit`` rows, saying on standard error when there were more."""
    if limit is None or len(result.rows) <= limit:
        return result
    err(f"note: showing the first {limit} of {len(result.rows)} rows (--limit)")
    return Result(result.columns, result.rows[:limit])


def _guess(value: str) -> Any:
    """A ``--param`` value for ad-hoc Cypher: JSON when it parses, else the text itself."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def register(app: typer.Typer) -> None:
    """Add ``queries``, ``query`` and ``cypher`` to the ``gkg`` command."""
    app.add_typer(queries_app, name="queries")
    app.command("query")(query)
    app.command("cypher")(cypher)
