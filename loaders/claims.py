"""Claims in a seed: a property written as one value with its own citations, valid time,
rank or inference note, or as a list of such values (see the README, "Facts in time").

    status:
      - value: under-construction
        sources: [{doc: herald-2023-06-05, quote: "..."}]
      - value: in-operation
        sources: [{doc: jnilbo-2025, quote: "..."}]

:class:`ClaimChecks` reads and checks these mappings; which claim is current is decided
later, once every source date is known (:mod:`gkg.loaders.knowledge`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gkg.loaders.checks import ElementChecks, check_value, kind_of
from gkg.loaders.reader import KeyPath
from gkg.schema import CLAIM_KEYS, CLAIM_RANKS, ID_PATTERN, NodeType, Prop, RelType
from gkg.timeline import When, parse_when

#: Properties that name an element: always plain, so every as-of view can look it up.
IDENTITY_PROPS = ("name", "nameKo", "aliases")
#: Longest inference reason (one line).
MAX_REASON_CHARS = 200


@dataclass
class ClaimRecord:
    """One value of one property, with its citations and qualifiers, as the seed gives it."""

    prop: str
    value: Any
    source_ids: list[str]
    quotes: list[str]
    keys: KeyPath
    key: str
    qualifiers: dict[str, Any] = field(default_factory=dict)
    valid_from: When | None = None
    valid_to: When | None = None
    as_of: str | None = None
    rank: str = "normal"
    supersedes: tuple[str, ...] = ()
    inferred: bool = False
    reason: str | None = None
    note: str | None = None
    #: Set by explicit ``key``, else from the first source (``explicit`` tells them apart).
    explicit_key: bool = False


def is_claim_form(value: Any) -> bool:
    """True for a claim mapping, or a non-empty list of claim mappings."""
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


class ClaimChecks(ElementChecks):
    """Validation of claim mappings, on top of the shared element checks."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        #: Claims of the element being checked (taken by the node/relationship reader).
        self.element_claims: list[ClaimRecord] = []
        #: Inferred names of the element being checked: property -> reason.
        self.element_marks: dict[str, str] = {}

    def take_claims(self) -> tuple[list[ClaimRecord], dict[str, str]]:
        claims, self.element_claims = self.element_claims, []
        marks, self.element_marks = self.element_marks, {}
        return claims, marks

    def inferred_name(self, file: int, keys: KeyPath, prop: Prop, value: Any) -> tuple[bool, Any]:
        """A name or alias the seed infers: ``{value, inferred: true, inferenceReason}``
        (for aliases, one such mapping per inferred alias among plain ones). The value is
        stored plain, so every as-of view can look the entity up; the mark goes to
        ``inferredProps``."""
        name = prop.name
        entries = value if isinstance(value, list) else [value]
        plain: list[Any] = []
        reasons: list[str] = []
        ok = True
        for j, entry in enumerate(entries):
            where = (*keys, name, j) if isinstance(value, list) else (*keys, name)
            if not isinstance(entry, dict):
                plain.append(entry)
                continue
            extra = set(entry) - {"value", "inferred", "inferenceReason", "note"}
            if extra or entry.get("inferred") is not True:
                self.problem(
                    file, where, name,
                    f"{name} is a name, not a fact in time: write it plain, or as "
                    "{value, inferred: true, inferenceReason} when the sources do not give it",
                )  # fmt: skip
                ok = False
                continue
            inferred, reason = self.inference(file, where, entry, f"{name}.")
            if inferred is None:
                ok = False
                continue
            plain.append(entry.get("value"))
            shown = f"{entry.get('value')}: {reason}" if isinstance(value, list) else str(reason)
            reasons.append(shown)
        checked, error = check_value(
            prop, plain if isinstance(value, list) else plain[0] if plain else None
        )
        if error:
            self.problem(file, (*keys, name), name, error)
            return False, None
        if ok:
            self.element_marks[name] = "; ".join(reasons)
        return ok, checked if ok else None

    def claim_property(
        self,
        file: int,
        keys: KeyPath,
        item: dict[str, Any],
        declared: NodeType | RelType,
        prop: Prop,
        value: Any,
    ) -> tuple[bool, Any]:
        """Check the claims written for ``prop``; (ok, None): the current value is chosen
        later. Identity properties (names, aliases) stay plain."""
        name = prop.name
        if name in IDENTITY_PROPS:
            return self.inferred_name(file, keys, prop, value)
        entries = value if isinstance(value, list) else [value]
        ok = True
        found: list[ClaimRecord] = []
        for j, entry in enumerate(entries):
            where = (*keys, name, j) if isinstance(value, list) else (*keys, name)
            claim = self._claim(file, where, item, declared, prop, entry)
            if claim is None:
                ok = False
            else:
                found.append(claim)
        seen: dict[str, KeyPath] = {}
        for claim in found:
            if claim.key in seen:
                hint = (
                    "give each claim its own 'key'"
                    if not claim.explicit_key
                    else "claim keys must differ"
                )
                self.problem(
                    file, (*claim.keys, "key"), f"{name}.key",
                    f"two claims of {name} have the key {claim.key!r}; {hint}",
                )  # fmt: skip
                ok = False
            seen[claim.key] = claim.keys
        for claim in found:
            for target in claim.supersedes:
                if target not in seen or target == claim.key:
                    self.problem(
                        file, (*claim.keys, "supersedes"), f"{name}.supersedes",
                        f"{target!r} names no other claim of {name}; "
                        f"keys: {', '.join(sorted(seen))}",
                    )  # fmt: skip
                    ok = False
        if ok:
            self.element_claims.extend(found)
        return ok, None

    def _claim(
        self,
        file: int,
        where: KeyPath,
        item: dict[str, Any],
        declared: NodeType | RelType,
        prop: Prop,
        entry: Any,
    ) -> ClaimRecord | None:
        name = prop.name
        if not isinstance(entry, dict):
            self.problem(file, where, name, f"expected a claim mapping, got {kind_of(entry)}")
            return None
        if "value" not in entry:
            self.problem(
                file, where, f"{name}.value",
                "required: the claim's value (a claim is a mapping with 'value' and "
                "optionally sources, validFrom, validTo, rank, key, supersedes, inferred)",
            )  # fmt: skip
            return None
        ok = True
        value, error = check_value(prop, entry["value"])
        if error:
            self.problem(file, (*where, "value"), f"{name}.value", error)
            ok = False
        qualifiers: dict[str, Any] = {}
        if not error and prop.type == "when":
            qualifiers[f"{name}Precision"] = value.precision
            value = value.stored(end=name == "validTo")
        for extra, raw in entry.items():
            if extra in CLAIM_KEYS or not isinstance(extra, str):
                continue
            qualifier = declared.prop(extra)
            if qualifier is None or extra == name or extra in IDENTITY_PROPS:
                self.problem(
                    file, (*where, extra), f"{name}.{extra}",
                    "unknown field in a claim; expected value, sources, validFrom, validTo, "
                    "asOf, rank, key, supersedes, inferred, inferenceReason, note, or another "
                    f"property of {getattr(declared, 'label', getattr(declared, 'type', ''))} "
                    "that qualifies this value",
                )  # fmt: skip
                ok = False
                continue
            checked, error = check_value(qualifier, raw)
            if error:
                self.problem(file, (*where, extra), f"{name}.{extra}", error)
                ok = False
            elif qualifier.type == "when":
                qualifiers[extra] = checked.stored(end=extra == "validTo")
                qualifiers[f"{extra}Precision"] = checked.precision
            else:
                qualifiers[extra] = checked
        if "sources" in entry:
            cited = self.citations(file, where, entry)
            if cited is None:
                return None
        else:
            cited = self.citations(file, (*where[:2],), item) if "sources" in item else None
            if cited is None:
                self.problem(file, where, f"{name}.sources", "required: the claim's citations")
                return None
        source_ids, quotes = cited
        times: dict[str, When | None] = {"validFrom": None, "validTo": None}
        for bound in times:
            if bound in entry:
                try:
                    times[bound] = parse_when(entry[bound])
                except ValueError as exc:
                    self.problem(file, (*where, bound), f"{name}.{bound}", str(exc))
                    ok = False
        if not self.valid_order(file, where, f"{name}.", times["validFrom"], times["validTo"]):
            ok = False
        as_of = None
        if "asOf" in entry:
            try:
                as_of = parse_when(entry["asOf"]).last
                qualifiers["asOf"] = as_of
            except ValueError as exc:
                self.problem(file, (*where, "asOf"), f"{name}.asOf", str(exc))
                ok = False
        rank = entry.get("rank", "normal")
        if rank not in CLAIM_RANKS:
            self.problem(
                file, (*where, "rank"), f"{name}.rank",
                f"expected one of {', '.join(CLAIM_RANKS)}, got {rank!r}",
            )  # fmt: skip
            ok = False
        key = entry.get("key")
        explicit = key is not None
        if explicit and (not isinstance(key, str) or not ID_PATTERN.match(key)):
            self.problem(
                file, (*where, "key"), f"{name}.key",
                f"expected lowercase letters, digits and hyphens, got {key!r}",
            )  # fmt: skip
            ok = False
        supersedes = entry.get("supersedes", [])
        if isinstance(supersedes, str):
            supersedes = [supersedes]
        if not isinstance(supersedes, list) or not all(isinstance(s, str) for s in supersedes):
            self.problem(
                file, (*where, "supersedes"), f"{name}.supersedes",
                "expected the key of another claim of this property (or a list of keys)",
            )  # fmt: skip
            ok = False
        inferred, reason = self.inference(file, where, entry, f"{name}.")
        if inferred is None:
            ok = False
        note = entry.get("note")
        if note is not None and (not isinstance(note, str) or len(note) > MAX_REASON_CHARS):
            self.problem(
                file, (*where, "note"), f"{name}.note",
                f"expected one line of text (at most {MAX_REASON_CHARS} characters)",
            )  # fmt: skip
            ok = False
        if not ok:
            return None
        return ClaimRecord(
            prop=name,
            value=value,
            source_ids=source_ids,
            quotes=quotes,
            keys=where,
            key=str(key) if explicit else source_ids[0],
            qualifiers=qualifiers,
            valid_from=times["validFrom"],
            valid_to=times["validTo"],
            as_of=as_of,
            rank=str(rank),
            supersedes=tuple(supersedes),
            inferred=bool(inferred),
            reason=reason,
            note=note,
            explicit_key=explicit,
        )

    def inference(
        self, file: int, where: KeyPath, entry: dict[str, Any], prefix: str = ""
    ) -> tuple[bool | None, str | None]:
        """(inferred, reason) of a claim or an element; (None, None) after a problem:
        ``inferred: true`` needs a one-line ``inferenceReason``, and a reason needs it."""
        inferred = entry.get("inferred", False)
        reason = entry.get("inferenceReason")
        if not isinstance(inferred, bool):
            self.problem(
                file, (*where, "inferred"), f"{prefix}inferred",
                f"expected true or false, got {kind_of(inferred)} {inferred!r}",
            )  # fmt: skip
            return None, None
        if inferred and (not isinstance(reason, str) or not reason.strip()):
            self.problem(
                file, (*where, "inferred"), f"{prefix}inferenceReason",
                "required with inferred: true: one line saying why the seed infers this",
            )  # fmt: skip
            return None, None
        if reason is not None and not inferred:
            self.problem(
                file, (*where, "inferenceReason"), f"{prefix}inferenceReason",
                "given without inferred: true; add it, or drop the reason",
            )  # fmt: skip
            return None, None
        if isinstance(reason, str) and (len(reason) > MAX_REASON_CHARS or "\n" in reason.strip()):
            self.problem(
                file, (*where, "inferenceReason"), f"{prefix}inferenceReason",
                f"keep the reason to one line of at most {MAX_REASON_CHARS} characters",
            )  # fmt: skip
            return None, None
        return inferred, reason

    def valid_order(
        self, file: int, where: KeyPath, prefix: str, start: When | None, end: When | None
    ) -> bool:
        """False (with a problem) when ``validFrom`` is surely after ``validTo``."""
        if start is None or end is None or start.precision == "before":
            return True
        if start.first > end.last:
            self.problem(
                file, (*where, "validTo"), f"{prefix}validTo",
                f"validTo ({end.last}) is before validFrom ({start.first}); a fact cannot "
                "end before it begins",
            )  # fmt: skip
            return False
        return True
