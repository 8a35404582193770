"""The named queries networkx answers (``engine: networkx`` in a query's header), registered
by query name; :mod:`gkg.runner` calls :func:`answer` for them. They read the graph as plain
columns (:func:`gkg.analytics.plain.fetch`), and big graphs are analysed by igraph
(:mod:`gkg.analytics.fast`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gkg.analytics.connection import connection_result, shortest_connection
from gkg.analytics.plain import fetch
from gkg.analytics.ranking import centrality_result, communities, components, groups_result
from gkg.errors import QueryError
from gkg.model import Result
from gkg.stores.base import GraphStore

#: A networkx answer: the store and the bound parameters in, a table out.
Answer = Callable[[GraphStore, Mapping[str, Any]], Result]

#: Named questions networkx answers, by query name.
ANSWERS: dict[str, Answer] = {}


def networkx_answer(name: str) -> Callable[[Answer], Answer]:
    """Register the decorated function as the answer of the named query ``name``."""

    def register(function: Answer) -> Answer:
        if name in ANSWERS:
            raise ValueError(f"two networkx answers for the query {name!r}")
        ANSWERS[name] = function
        return function

    return register


@networkx_answer("connection")
def _answer_connection(store: GraphStore, params: Mapping[str, Any]) -> Result:
    a, b = _param(params, "from", str), _param(params, "to", str)
    lang = str(params.get("lang") or "en")
    return connection_result(shortest_connection(store, a, b, lang=lang))


@networkx_answer("centrality")
def _answer_centrality(store: GraphStore, params: Mapping[str, Any]) -> Result:
    top = _param(params, "top", int, 10)
    by = _param(params, "by", str, "degree")
    return centrality_result(fetch(store), top, by)


@networkx_answer("components")
def _answer_components(store: GraphStore, params: Mapping[str, Any]) -> Result:
    graph = fetch(store)
    return groups_result(graph, components(graph), "component")


@networkx_answer("communities")
def _answer_communities(store: GraphStore, params: Mapping[str, Any]) -> Result:
    graph = fetch(store)
    return groups_result(graph, communities(graph), "community")


def answer(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> Result:
    """Answer the networkx-engine named query ``name``; :class:`QueryError` if unknown."""
    try:
        handler = ANSWERS[name]
    except KeyError:
        known = ", ".join(sorted(ANSWERS))
        raise QueryError(f"no networkx answer named {name!r}; known: {known}") from None
    return handler(store, dict(params or {}))


_MISSING = object()


def _param(params: Mapping[str, Any], name: str, kind: type, default: Any = _MISSING) -> Any:
    value = params.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise QueryError(f"missing parameter {name!r}")
        return default
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise QueryError(f"parameter {name!r} must be {kind.__name__}, not {value!r}") from None
