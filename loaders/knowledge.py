"""Knowledge time of a validated seed: when each element and claim was first stated, which
claim of each property is current (today and at every source date), and the checks that
need the whole seed: a relationship is not known before its ends, no fact's claims tie,
a failed request funds nothing, no two entities share a look-up key.

The stored form is built here too: each element's citation lists with each source once,
its knowledge dates and inference marks (:func:`element_meta`), and one ``:Claim`` row per
claim and source (:func:`claim_rows`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gkg.loaders.claims import ClaimRecord
from gkg.names import lookup_key
from gkg.timeline import Statement, select_current, ties, value_text

if TYPE_CHECKING:
    from gkg.loaders.claims import ClaimChecks
    from gkg.loaders.validate import NodeRecord, RelRecord, Seed

#: Budget states of money that never came: such a budget funds nothing.
FAILED_STATES = ("failed", "cancelled")
#: Relationships a sum of money follows; a failed request is never on them.
MONEY_FLOWS = ("FUNDS", "ALLOCATED_IN")


@dataclass
class Stated:
    """One claim as stated by one of its sources (the unit of knowledge time)."""

    statement: Statement
    claim: ClaimRecord
    source: str
    quotes: list[str]


def statements_of(claims: list[ClaimRecord], dates: dict[str, str]) -> dict[str, list[Stated]]:
    """Per property, one :class:`Stated` per claim and distinct source, ranked over time."""
    found: dict[str, list[Stated]] = defaultdict(list)
    for claim in claims:
        by_source: dict[str, list[str]] = {}
        for source, quote in zip(claim.source_ids, claim.quotes, strict=True):
            by_source.setdefault(source, []).append(quote)
        several = len(by_source) > 1
        for source, quotes in by_source.items():
            sid = f"#{claim.prop}#{claim.key}" + (f"@{source}" if several else "")
            text = value_text(claim.value)
            shown = {
                k: v
                for k, v in claim.qualifiers.items()
                if k != "asOf" and not k.endswith("Precision")
            }
            if shown:
                text += (
                    " ("
                    + ", ".join(f"{k}: {value_text(v)}" for k, v in sorted(shown.items()))
                    + ")"
                )
            statement = Statement(
                sid,
                text,
                dates[source],
                claim.rank,
                claim.key,
                claim.supersedes,
                claim.as_of or (claim.valid_from.first if claim.valid_from else ""),
            )
            found[claim.prop].append(Stated(statement, claim, source, quotes))
    for stated in found.values():
        select_current([s.statement for s in stated])
    return dict(found)


def first_stated(source_ids: list[str], dates: dict[str, str]) -> str:
    return min(dates[s] for s in source_ids)


def check_knowledge(checker: ClaimChecks, seed: Seed) -> None:
    """Rank every element's claims and run the checks that need the whole seed."""
    dates = seed.source_dates
    known: dict[str, str] = {}
    for node in seed.nodes:
        _element(checker, node, dates)
        known[node.id] = node.first_stated
    for rel in seed.relationships:
        _element(checker, rel, dates)
        # a relationship is known once it and both its ends are stated
        rel.first_stated = max(rel.first_stated, *(known.get(e, "") for e in (rel.start, rel.end)))
    _failed_requests(checker, seed)
    _lookup_collisions(checker, seed)


def _element(checker: ClaimChecks, record: NodeRecord | RelRecord, dates: dict[str, str]) -> None:
    file, keys = record.origin.file, record.origin.keys
    record.first_stated = first_stated(record.source_ids, dates)
    pairs: set[tuple[str, str]] = set()
    for source, quote in zip(record.source_ids, record.quotes, strict=True):
        if quote and (source, quote) in pairs:
            checker.problem(
                file, (*keys, "sources"), "sources",
                f"the citation {source}: {quote[:60]!r} is given twice; cite it once",
            )  # fmt: skip
        pairs.add((source, quote))
    record.stated = statements_of(record.claims, dates)
    for prop, stated in record.stated.items():
        where = stated[0].claim.keys
        for claim_known in (s for s in stated if s.statement.known < record.first_stated):
            checker.problem(
                file, claim_known.claim.keys, prop,
                f"claim from {claim_known.source} ({claim_known.statement.known}) is older "
                f"than the element's own citations ({record.first_stated}); cite "
                f"{claim_known.source} for the element too",
            )  # fmt: skip
            break
        for best, other in ties([s.statement for s in stated])[:1]:
            checker.problem(
                file, where, prop,
                f"two claims of {prop} first stated on {best.known} disagree "
                f"({best.value_text!r}, {other.value_text!r}); give one rank: preferred, "
                "or say which one it supersedes",
            )  # fmt: skip
        current = [s for s in stated if s.statement.current_until is None
                   and s.statement.current_from is not None]  # fmt: skip
        if not current:
            checker.problem(
                file, where, prop,
                f"every claim of {prop} is superseded or deprecated; one claim must be current",
            )  # fmt: skip
            continue
        _set_current(record.props, prop, current[0], stated)


def _set_current(props: dict[str, Any], prop: str, now: Stated, stated: list[Stated]) -> None:
    """The current claim's value and qualifiers on the element (a qualifier another claim
    names and this one does not is unset)."""
    props[prop] = now.claim.value
    for name in {q for s in stated for q in s.claim.qualifiers}:
        if name in now.claim.qualifiers:
            props[name] = now.claim.qualifiers[name]
        else:
            props.pop(name, None)


def _failed_requests(checker: ClaimChecks, seed: Seed) -> None:
    failed = {n.id for n in seed.nodes if n.props.get("status") in FAILED_STATES}
    for rel in seed.relationships:
        if rel.type in MONEY_FLOWS and rel.start in failed:
            checker.problem(
                rel.origin.file, (*rel.origin.keys, "type"), "type",
                f"{rel.start} is a failed or cancelled request: money that never came cannot "
                f"be on {rel.type}; use REQUESTED_FOR (what it was for) or NOT_ALLOCATED_IN "
                "(the budget it was left out of)",
            )  # fmt: skip


def _lookup_collisions(checker: ClaimChecks, seed: Seed) -> None:
    owner: dict[str, str] = {}
    for node in seed.nodes:
        keys = seed.lookup_keys[node.id] = lookup_keys(node.id, node.props)
        for key in keys:
            other = owner.setdefault(key, node.id)
            if other != node.id:
                checker.problem(
                    node.origin.file, node.origin.keys, "aliases",
                    f"{node.id} and {other} share the look-up key {key!r} (names are compared "
                    "ignoring case, spacing and punctuation); rename or drop one",
                )  # fmt: skip


def lookup_keys(node_id: str, props: dict[str, Any]) -> list[str]:
    """The look-up keys of a node: its id, names and aliases, normalised."""
    names = [node_id, props.get("name"), props.get("nameKo"), *props.get("aliases", ())]
    return sorted({lookup_key(str(n)) for n in names if n} - {""})


# --- the stored form --------------------------------------------------------------------


def element_meta(record: NodeRecord | RelRecord, dates: dict[str, str]) -> dict[str, Any]:
    """Citations with each source once, knowledge dates, claims and inference marks."""
    quotes: list[str] = list(record.quotes)
    quote_ids: list[str] = list(record.source_ids)
    for claim in record.claims:
        for source, quote in zip(claim.source_ids, claim.quotes, strict=True):
            if (source, quote) not in zip(quote_ids, quotes, strict=True):
                quote_ids.append(source)
                quotes.append(quote)
    source_ids = list(dict.fromkeys(quote_ids))
    marks = sorted(record.marks.items())
    for prop, stated in record.stated.items():
        now = next((s for s in stated if s.statement.current_from is not None
                    and s.statement.current_until is None), None)  # fmt: skip
        if now is not None and now.claim.inferred:
            marks.append((prop, now.claim.reason or ""))
    marks.sort()
    inferred_props = [p for p, _ in marks]
    reasons = [r for _, r in marks]
    meta: dict[str, Any] = {
        "sourceIds": source_ids,
        "sourceDates": [dates[s] for s in source_ids],
        "sourceQuotes": quotes,
        "quoteSourceIds": quote_ids,
        "firstStated": record.first_stated,
        "lastStated": max(dates[s] for s in source_ids),
    }
    if record.stated:
        meta["claimProps"] = sorted(record.stated)
    if inferred_props:
        meta["inferredProps"] = inferred_props
        meta["inferenceReasons"] = reasons
    return meta


def claim_rows(
    record: NodeRecord | RelRecord, kind: str, label: str, name: str
) -> list[dict[str, Any]]:
    """One ``:Claim`` row per claim and source of the element's claimed properties."""
    rows: list[dict[str, Any]] = []
    rel = kind == "relationship"
    for prop, stated in sorted(record.stated.items()):
        for s in stated:
            claim, st = s.claim, s.statement
            props: dict[str, Any] = {
                "id": record.id + st.id,
                "subjectId": record.id,
                "subjectKind": kind,
                "subjectLabel": label,
                "subjectName": name,
                "property": prop,
                "value": claim.value,
                "valueText": st.value_text,
                "sourceId": s.source,
                "knownDate": st.known,
                "quotes": s.quotes,
                "claimKey": claim.key,
                "rank": claim.rank,
                "isCurrent": st.current_from is not None and st.current_until is None,
                "inferred": claim.inferred,
                "supersedes": list(claim.supersedes),
            }
            if rel:
                props["fromId"], props["toId"] = record.start, record.end  # type: ignore[union-attr]
            optional = {
                "validFrom": claim.valid_from.stored(end=False) if claim.valid_from else None,
                "validFromPrecision": claim.valid_from.precision if claim.valid_from else None,
                "validTo": claim.valid_to.stored(end=True) if claim.valid_to else None,
                "validToPrecision": claim.valid_to.precision if claim.valid_to else None,
                "asOf": claim.as_of,
                "inferenceReason": claim.reason,
                "note": claim.note,
                "currentFrom": st.current_from,
                "currentUntil": st.current_until,
                "replaces": record.id + st.replaces if st.replaces else None,
                "qualifierNames": sorted(claim.qualifiers) or None,
            }
            props.update({k: v for k, v in optional.items() if v is not None})
            props.update(claim.qualifiers)
            rows.append({"id": props["id"], "props": props})
    return rows
