"""Find entities in the store: one by id, English or Korean name, or alias (ignoring case,
spacing, punctuation, Unicode form and British spellings: :func:`gkg.names.lookup_key`),
and the neighbourhood around one."""

from __future__ import annotations

import difflib

from gkg.errors import QueryError, UnknownEntityError
from gkg.model import Node, Relationship
from gkg.names import lookup_key
from gkg.schema import ENTITY_LABEL, LOOKUP_KEYS_PROP
from gkg.stores.base import GraphStore

#: Cypher predicate matching node ``n`` to parameter ``$entity`` (id, name or alias).
MATCHES_ENTITY = f"toLower($entity) IN n.{LOOKUP_KEYS_PROP}"


def resolve(store: GraphStore, text: str) -> Node:
    """The one node ``text`` names; :class:`QueryError` (with suggestions) otherwise."""
    found = store.run(
        f"MATCH (n:{ENTITY_LABEL}) WHERE {MATCHES_ENTITY} RETURN n",
        {"entity": lookup_key(text)},
    ).column("n")
    if len(found) == 1:
        node: Node = found[0]
        return node
    if len(found) > 1:
        ids = ", ".join(sorted(n.id for n in found))
        raise QueryError(f"{text!r} names several entities ({ids}); use one of these ids")
    named: dict[str, str] = {}
    for key, name in store.run(
        f"MATCH (n:{ENTITY_LABEL}) UNWIND n.{LOOKUP_KEYS_PROP} AS key "
        "RETURN DISTINCT key, coalesce(n.name, n.id) AS name"
    ).rows:
        named.setdefault(key, name)
    close = difflib.get_close_matches(lookup_key(text), list(named), n=3, cutoff=0.6)
    names = list(dict.fromkeys(named[c] for c in close))
    hint = f"; did you mean {', '.join(repr(n) for n in names)}?" if names else ""
    raise UnknownEntityError(f"no entity with id, name or alias {text!r}{hint}")


#: Deepest neighbourhood :func:`neighbourhood` fetches.
MAX_DEPTH = 6


def neighbourhood(
    store: GraphStore, text: str, depth: int = 1
) -> tuple[list[Node], list[Relationship]]:
    """The entity ``text`` names, everything within ``depth`` hops (either direction),
    and every relationship among them. Ids are collected one hop at a time with
    parameterised queries, so no value is ever pasted into Cypher."""
    if not 0 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth must be between 0 and {MAX_DEPTH}, not {depth}")
    centre = resolve(store, text)
    seen = {centre.id}
    frontier = [centre.id]
    for _ in range(depth):
        if not frontier:
            break
        found = store.run(
            f"MATCH (n:{ENTITY_LABEL})--(m:{ENTITY_LABEL}) WHERE n.id IN $ids "
            "RETURN DISTINCT m.id AS id",
            {"ids": frontier},
        ).column("id")
        frontier = sorted(set(found) - seen)
        seen.update(frontier)
    ids = sorted(seen)
    nodes = store.run(
        f"MATCH (n:{ENTITY_LABEL}) WHERE n.id IN $ids RETURN n ORDER BY n.id", {"ids": ids}
    ).column("n")
    rels = store.run(
        f"MATCH (a:{ENTITY_LABEL})-[r]->(b:{ENTITY_LABEL}) "
        "WHERE a.id IN $ids AND b.id IN $ids RETURN r ORDER BY r.id",
        {"ids": ids},
    ).column("r")
    return nodes, rels
