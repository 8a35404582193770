"""The named queries as text, grouped by theme, fitting a width without splitting a name.

Each theme is a heading; under it each query's name (never broken: it is what one types),
its title wrapped beside or below it, and its parameters and kind of answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

from gkg.present.formatting import safe_text
from gkg.present.layout import wrap

if TYPE_CHECKING:
    from gkg.catalogue import NamedQuery

#: The themes in the order the README lists them; others follow by name.
THEME_ORDER = (
    "infrastructure",
    "industry",
    "money",
    "projects",
    "talent",
    "people",
    "policy",
    "sources",
    "explore",
    "network",
)
#: Narrower than this beside the names, the title goes on lines of its own.
MIN_TITLE_WIDTH = 30


def _theme_key(theme: str) -> tuple[int, str]:
    return (THEME_ORDER.index(theme) if theme in THEME_ORDER else len(THEME_ORDER), theme)


def by_theme(queries: Sequence[NamedQuery], width: int) -> str:
    """Every query under its theme, in at most ``width`` cells per line where the words
    allow (a name or a word longer than the width keeps a line of its own)."""
    themes: dict[str, list[NamedQuery]] = {}
    for query in queries:
        themes.setdefault(query.category, []).append(query)
    names = max((cell_len(q.name) for q in queries), default=0)
    beside = width - names - 4 >= MIN_TITLE_WIDTH
    indent = " " * (names + 4) if beside else "      "
    room = max(20, width - len(indent))
    lines: list[str] = []
    for theme in sorted(themes, key=_theme_key):
        found = sorted(themes[theme], key=lambda q: q.name)
        if lines:
            lines.append("")
        lines.append(f"{safe_text(theme)} ({len(found)} quer{'ies' if len(found) != 1 else 'y'})")
        for query in found:
            title = wrap(safe_text(query.title), room)
            if beside:
                pad = " " * (names - cell_len(query.name))
                lines.append(f"  {query.name}{pad}  {title[0]}")
                lines += [indent + more for more in title[1:]]
            else:
                lines.append(f"  {query.name}")
                lines += [indent + part for part in title]
            details = [p.signature() for p in query.params]
            kind = query.result if query.engine == "cypher" else f"{query.result} (networkx)"
            text = ("parameters: " + ", ".join(details) + "; " if details else "") + kind
            lines += [indent + part for part in wrap(safe_text(text), room)]
    count = len(queries)
    lines += [
        "",
        f"{count} named quer{'ies' if count != 1 else 'y'}; run one with `gkg query NAME`",
    ]
    return "\n".join(lines) + "\n"
