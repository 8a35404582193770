"""Neo4j 5 Cypher that FalkorDB spells differently, rewritten before a read is sent.

Neo4j 5 writes a subquery that imports no variables ``CALL () { ... }`` (the bare
``CALL { ... }`` is deprecated there, and its linter flags it); FalkorDB knows only the
bare form. :func:`falkordb_cypher` drops the empty scope clause, leaving text in quotes or
backticks and comments as they are, so a named query is written once for both engines.
"""

from __future__ import annotations

import re

#: Quoted text, a name in backticks or a comment (kept as it is), or an empty scope clause.
_TOKENS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/"""
    r"|(?P<call>\bCALL\s*\(\s*\)\s*\{)",
    re.IGNORECASE | re.DOTALL,
)
_MAYBE = re.compile(r"CALL\s*\(\s*\)", re.IGNORECASE)


def falkordb_cypher(query: str) -> str:
    """``query`` with every ``CALL () {`` written ``CALL {``; anything else unchanged."""
    if not _MAYBE.search(query):
        return query
    return _TOKENS.sub(lambda m: "CALL {" if m.group("call") else m.group(0), query)
