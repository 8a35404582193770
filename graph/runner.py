"""Answer a named query: bind its parameters, check that the entities it names exist, then
run its Cypher on the store, or the networkx function registered under its name when its
header says ``engine: networkx``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gkg.catalogue import Catalogue, NamedQuery
from gkg.errors import QueryError, UnknownEntityError
from gkg.lookup import resolve
from gkg.model import Result
from gkg.names import lookup_key
from gkg.stores.base import GraphStore


def run_query(
    store: GraphStore, catalogue: Catalogue, name: str, params: Mapping[str, Any] | None = None
) -> Result:
    """Bind the parameters, check entity names exist, and answer the query ``name``."""
    query = catalogue.get(name)
    bound = catalogue.bind(name, params or {})
    check_entities(store, query, bound)
    if query.engine == "networkx":
        from gkg.analytics.answers import answer

        return answer(store, name, bound)
    return store.run(query.text, as_keys(query, bound))


def as_keys(query: NamedQuery, bound: Mapping[str, Any]) -> dict[str, Any]:
    """Entity parameters as look-up keys (:func:`gkg.names.lookup_key`), the form the
    stored ``lookupKeys`` have, so Cypher compares plain strings."""
    keyed = dict(bound)
    for param in query.params:
        value = keyed.get(param.name)
        if param.type == "entity" and isinstance(value, str):
            keyed[param.name] = lookup_key(value)
    return keyed


def check_entities(store: GraphStore, query: NamedQuery, bound: Mapping[str, Any]) -> None:
    """Fail early, with suggestions, when an entity parameter names nothing (or many)."""
    for param in query.params:
        value = bound.get(param.name)
        if param.type == "entity" and value is not None:
            try:
                resolve(store, value)
            except UnknownEntityError as exc:
                raise UnknownEntityError(f"parameter {param.name!r}: {exc}") from None
            except QueryError as exc:
                raise QueryError(f"parameter {param.name!r}: {exc}") from None
