"""The graph as it was known on a date: the same steps on every engine.

An as-of view is a scratch copy of the loaded graph (where the copy lives is the adapter's
business: a copied graph on FalkorDB, a transaction that is always rolled back on Neo4j).
On it, everything first stated after the date goes, every property with claims takes the
value of the claim current then (see :mod:`gkg.timeline`), and citations keep only the
sources published by then. The new values are computed here in Python from what the loader
stored; the Cypher is parameterised and identical on both engines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from gkg.errors import StoreError
from gkg.model import Node, Relationship, Result
from gkg.schema import CLAIM_LABEL, ENTITY_LABEL, SOURCE_LABEL

Read = Callable[[str, Mapping[str, Any]], Result]
Write = Callable[[str, Mapping[str, Any]], None]

#: Read: the effective dates of the sources (when what they state became known).
SOURCE_DATES = f"MATCH (s:{SOURCE_LABEL}) RETURN DISTINCT s.firstStated AS known ORDER BY known"
_CHANGED_NODES = (
    f"MATCH (n:{ENTITY_LABEL}) WHERE n.firstStated <= $cut AND n.lastStated > $cut RETURN n"
)
_CHANGED_RELS = (
    f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) "
    "WHERE r.firstStated <= $cut AND r.lastStated > $cut RETURN r"
)
_CLAIMS_OF = f"MATCH (c:{CLAIM_LABEL}) WHERE c.subjectId IN $ids RETURN c"
#: Writes, in order: forget what was not yet known, mark the claims current then.
FORGET = (
    f"MATCH (n:{ENTITY_LABEL}) WHERE n.firstStated > $cut DETACH DELETE n",
    f"MATCH (:{ENTITY_LABEL})-[r]->(:{ENTITY_LABEL}) WHERE r.firstStated > $cut DELETE r",
    f"MATCH (c:{CLAIM_LABEL}) WHERE c.knownDate > $cut DELETE c",
    f"MATCH (c:{CLAIM_LABEL}) SET c.isCurrent = (c.currentFrom IS NOT NULL "
    "AND c.currentFrom <= $cut AND (c.currentUntil IS NULL OR c.currentUntil > $cut))",
)
SET_NODES = f"UNWIND $rows AS row MATCH (n:{ENTITY_LABEL} {{id: row.id}}) SET n = row.props"
SET_RELS = (
    f"UNWIND $rows AS row MATCH (a:{ENTITY_LABEL} {{id: row.start}})-[r]->"
    f"(b:{ENTITY_LABEL} {{id: row.end}}) WHERE r.id = row.id SET r = row.props"
)


def cut_of(read: Read, date: str) -> str:
    """The latest source date on or before ``date``: two dates with the same cut show the
    same graph. :class:`StoreError` when no source was published by then."""
    known = [d for d in read(SOURCE_DATES, {}).column("known") if d is not None]
    before = [d for d in known if d <= date]
    if not before:
        earliest = f"; the earliest is known from {known[0]}" if known else ""
        raise StoreError(f"nothing was known on {date}: no source was published by then{earliest}")
    return str(max(before))


def build_view(read: Read, write: Write, cut: str) -> None:
    """Turn the scratch copy behind ``read``/``write`` into the graph as known on ``cut``."""
    nodes: list[Node] = read(_CHANGED_NODES, {"cut": cut}).column("n")
    rels: list[Relationship] = read(_CHANGED_RELS, {"cut": cut}).column("r")
    ids = sorted({n.id for n in nodes} | {r.id for r in rels})
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for claim in read(_CLAIMS_OF, {"ids": ids}).column("c"):
            claims[claim.properties["subjectId"]].append(claim.properties)
    node_rows = [{"id": n.id, "props": props_at(n.properties, claims[n.id], cut)} for n in nodes]
    rel_rows = [
        {
            "id": r.id,
            "start": r.start,
            "end": r.end,
            "props": props_at(r.properties, claims[r.id], cut),
        }
        for r in rels
    ]
    for statement in FORGET:
        write(statement, {"cut": cut})
    if node_rows:
        write(SET_NODES, {"rows": node_rows})
    if rel_rows:
        write(SET_RELS, {"rows": rel_rows})


def props_at(props: Mapping[str, Any], claims: list[dict[str, Any]], cut: str) -> dict[str, Any]:
    """An element's properties as known on ``cut``: citations by then, and for every
    property with claims the value and qualifiers of the claim current then (or none)."""
    out = dict(props)
    date_of = dict(zip(props.get("sourceIds", []), props.get("sourceDates", []), strict=False))
    kept = [i for i, s in enumerate(props.get("sourceIds", [])) if date_of[s] <= cut]
    out["sourceIds"] = [props["sourceIds"][i] for i in kept]
    out["sourceDates"] = [props["sourceDates"][i] for i in kept]
    quotes = [i for i, s in enumerate(props.get("quoteSourceIds", [])) if date_of.get(s, "") <= cut]
    out["sourceQuotes"] = [props["sourceQuotes"][i] for i in quotes]
    out["quoteSourceIds"] = [props["quoteSourceIds"][i] for i in quotes]
    out["lastStated"] = max(out["sourceDates"], default=props.get("firstStated"))
    claimed = list(props.get("claimProps", []))
    marks = [
        (p, r)
        for p, r in zip(
            props.get("inferredProps", []), props.get("inferenceReasons", []), strict=False
        )
        if p not in claimed
    ]
    known_props: list[str] = []
    for prop in claimed:
        of_prop = [c for c in claims if c.get("property") == prop]
        qualifiers = {q for c in of_prop for q in c.get("qualifierNames", [])}
        now = [c for c in of_prop if _current(c, cut)]
        if any(c.get("knownDate", "") <= cut for c in of_prop):
            known_props.append(prop)
        for name in (prop, *qualifiers):
            out.pop(name, None)
        if not now:
            continue
        claim = now[0]
        out[prop] = claim["value"]
        for name in qualifiers:
            if name in claim:
                out[name] = claim[name]
        if claim.get("inferred"):
            marks.append((prop, claim.get("inferenceReason", "")))
    _set_list(out, "claimProps", known_props)
    marks.sort()
    _set_list(out, "inferredProps", [p for p, _ in marks])
    _set_list(out, "inferenceReasons", [r for _, r in marks])
    return out


def _current(claim: Mapping[str, Any], cut: str) -> bool:
    start, until = claim.get("currentFrom"), claim.get("currentUntil")
    return start is not None and start <= cut and (until is None or until > cut)


def _set_list(props: dict[str, Any], name: str, values: list[str]) -> None:
    if values:
        props[name] = values
    else:
        props.pop(name, None)
