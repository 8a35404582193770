"""Find an entity by id, English or Korean name, or alias, ignoring case."""

from __future__ import annotations

import difflib

from gkg.errors import QueryError
from gkg.model import Node
from gkg.schema import ENTITY_LABEL, LOOKUP_KEYS_PROP
from gkg.stores.base import GraphStore

#: Cypher predicate matching node ``n`` to parameter ``$entity`` (id, name or alias).
MATCHES_ENTITY = f"toLower($entity) IN n.{LOOKUP_KEYS_PROP}"


def resolve(store: GraphStore, text: str) -> Node:
    """The one node ``text`` names; :class:`QueryError` (with suggestions) otherwise."""
    found = store.run(
        f"MATCH (n:{ENTITY_LABEL}) WHERE {MATCHES_ENTITY} RETURN n",
        {"entity": text.strip()},
    ).column("n")
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        ids = ", ".join(sorted(n.id for n in found))
        raise QueryError(f"{text!r} names several entities ({ids}); use one of these ids")
    keys = store.run(
        f"MATCH (n:{ENTITY_LABEL}) UNWIND n.{LOOKUP_KEYS_PROP} AS key RETURN DISTINCT key"
    ).column("key")
    close = difflib.get_close_matches(text.lower(), keys, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise QueryError(f"no entity with id, name or alias {text!r}{hint}")
