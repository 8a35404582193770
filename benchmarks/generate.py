"""A synthetic Gwangju-like ecosystem, written as valid seed YAML at any scale.

The output follows the seed format of ``data/seed.yaml`` (top-level ``sources``,
``nodes``, ``relationships``; every node and relationship cites ``sources: [{doc,
quote}]``) and the declared schema: every label, relationship type, endpoint label and
property comes from :mod:`gkg.schema`, so ``gkg validate`` accepts the file. The same
``seed`` and scale always give the same bytes.

Usage: ``python -m benchmarks.generate 100k /tmp/eco-100k.yaml --seed 7``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from gkg.loaders.knowledge import FAILED_STATES
from gkg.schema import NODE_TYPES, REL_TYPES, STATUSES, NodeType, Prop, RelType

#: Statuses a node gets: not a failed request, which no money flow may start from.
_STATUSES = tuple(s for s in STATUSES if s not in FAILED_STATES)
#: Relationships per node, as the issue asks.
RELS_PER_NODE = 3
#: One source document per this many nodes (at least four, like the real seed).
NODES_PER_SOURCE = 1000

#: How common each label is in the synthetic ecosystem (relative weights).
LABEL_WEIGHTS: dict[str, float] = {
    "Company": 28,
    "Person": 14,
    "Indicator": 9,
    "Product": 8,
    "Project": 6,
    "Program": 5,
    "Facility": 4,
    "GovernmentBody": 4,
    "Region": 3,
    "Budget": 3,
    "Event": 3,
    "ResearchInstitute": 2,
    "University": 2,
    "Agreement": 2,
    "Policy": 2,
    "Academy": 1,
    "FinancialInstitution": 1,
    "DataCenter": 1,
    "Cluster": 1,
    "Fund": 1,
    "PoliticalParty": 0.3,
}

_WORDS = (
    "AI", "data", "cloud", "chip", "mobility", "energy", "health", "robotics", "vision",
    "semiconductor", "platform", "smart", "urban", "fabless", "battery", "network",
    "quantum", "start-up", "valley", "cluster", "computing", "green", "digital", "bio",
)  # fmt: skip
_WORDS_KO = (
    "인공지능", "데이터", "클라우드", "반도체", "모빌리티", "에너지", "헬스케어", "로봇",
    "스마트", "도시", "배터리", "네트워크", "창업", "밸리", "집적단지", "컴퓨팅", "광주",
)  # fmt: skip
_QUOTES = (
    "Gwangju City announced the plan on {n}",
    "the project will receive {n} billion won",
    "광주시는 {n}개 기업과 업무협약을 체결했다",
    "more than {n} companies have moved to the AI cluster",
    "국가AI데이터센터는 {n}PF 규모의 연산 능력을 갖췄다",
    "the mayor said the city secured {n} billion KRW",
    "said an official, adding that \"phase {n}\" would follow",
)  # fmt: skip


def parse_scale(text: str) -> int:
    """``"1k"`` -> 1000, ``"100k"`` -> 100000, ``"1m"`` -> 1000000, ``"2500"`` -> 2500."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not match:
        raise ValueError(f"not a scale: {text!r} (e.g. 1k, 10k, 100k, 1m)")
    factor = {"": 1, "k": 1000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


def scale_name(count: int) -> str:
    """1000 -> ``"1k"``, 1000000 -> ``"1m"``; other counts as digits."""
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}m"
    if count % 1000 == 0:
        return f"{count // 1000}k"
    return str(count)


@dataclass(frozen=True)
class GeneratedSize:
    """What a generated file holds."""

    path: str
    nodes: int
    relationships: int
    sources: int
    bytes: int
    seed: int


def node_id(label: str, index: int) -> str:
    """Id of the ``index``-th synthetic node of ``label``: ``government-body-3``.

    Source documents are ``src-N``."""
    if label == "SourceDocument":
        return f"src-{index}"
    return f"{re.sub(r'(?<!^)(?=[A-Z])', '-', label).lower()}-{index}"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class _Ecosystem:
    """The random choices behind one file; every draw goes through ``self.rng``."""

    def __init__(self, total_nodes: int, seed: int):
        self.rng = random.Random(seed)
        self.sources = max(4, total_nodes // NODES_PER_SOURCE)
        self.nodes = max(total_nodes - self.sources, len(LABEL_WEIGHTS))
        self.source_dates = [self._date(2022, 2025) for _ in range(self.sources)]
        self.labels = self._label_counts()
        self.types = {t.label: t for t in NODE_TYPES}

    def _label_counts(self) -> dict[str, int]:
        """Nodes per label: proportional to the weights, every label at least once."""
        total = sum(LABEL_WEIGHTS.values())
        counts = {lab: max(1, int(self.nodes * w / total)) for lab, w in LABEL_WEIGHTS.items()}
        counts["Company"] += self.nodes - sum(counts.values())
        return counts

    def _date(self, first: int, last: int) -> str:
        rng = self.rng
        return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def citations(self) -> str:
        rng = self.rng
        cited = []
        for _ in range(1 if rng.random() < 0.8 else 2):
            quote = rng.choice(_QUOTES).format(n=rng.randint(1, 999))
            cited.append(f"{{doc: src-{rng.randrange(self.sources)}, quote: {_q(quote)}}}")
        return "[" + ", ".join(cited) + "]"

    def value(self, prop: Prop) -> Any:
        """A random valid value for ``prop``, already formatted as YAML."""
        rng = self.rng
        if prop.choices:
            return rng.choice(prop.choices)
        low = int(prop.minimum) if prop.minimum is not None else 0
        if prop.type == "int":
            if low >= 1900:
                return rng.randint(max(low, 2000), 2035)
            return rng.randint(low, 10**12 if prop.unit == "KRW" else 5000)
        if prop.type == "float":
            return round(rng.uniform(max(low, 0), 500.0), 2)
        if prop.type in ("date", "when"):
            return self._date(2015, 2030)
        if prop.type == "bool":
            return rng.choice(("true", "false"))
        if prop.type == "list[str]":
            return "[" + ", ".join(_q(rng.choice(_WORDS)) for _ in range(2)) + "]"
        if prop.name == "country":
            return rng.choice(("KR", "KR", "KR", "US", "JP", "TW", "DE"))
        return _q(rng.choice(_WORDS))


def _write_sources(eco: _Ecosystem, out: TextIO) -> None:
    out.write("sources:\n")
    for i, date in enumerate(eco.source_dates):
        language = "ko" if i % 3 == 2 else "en"
        out.write(
            f"  - id: src-{i}\n"
            f"    name: {_q(f'Synthetic article {i}')}\n"
            f"    publisher: {_q('Synthetic Daily' if language == 'en' else '가상 일보')}\n"
            f"    title: {_q(f'Gwangju AI ecosystem report {i}')}\n"
            f"    publishedDate: {date}\n"
            f"    language: {language}\n"
        )


def _write_node(eco: _Ecosystem, ntype: NodeType, index: int, out: TextIO) -> None:
    rng = eco.rng
    words = rng.choices(_WORDS, k=2)
    lines = [
        f"  - id: {node_id(ntype.label, index)}",
        f"    label: {ntype.label}",
        f"    name: {_q(f'{words[0].title()} {words[1]} {ntype.label} {index}')}",
    ]
    if rng.random() < 0.6:
        ko = " ".join(rng.choices(_WORDS_KO, k=2))
        lines.append(f"    nameKo: {_q(f'{ko} {ntype.label} {index}')}")
    if rng.random() < 0.3:
        lines.append(f"    aliases: [{_q(f'{ntype.label.upper()}-{index}')}]")
    if rng.random() < 0.5:
        lines.append(f"    description: {_q(' '.join(rng.choices(_WORDS, k=6)))}")
    if rng.random() < 0.2:
        lines.append(f"    status: {rng.choice(_STATUSES)}")
    for prop in ntype.props:
        if prop.required or rng.random() < 0.4:
            lines.append(f"    {prop.name}: {eco.value(prop)}")
    lines.append(f"    sources: {eco.citations()}")
    out.write("\n".join(lines) + "\n")


def _write_nodes(eco: _Ecosystem, out: TextIO) -> None:
    out.write("nodes:\n")
    for label, count in eco.labels.items():
        ntype = eco.types[label]
        for index in range(count):
            _write_node(eco, ntype, index, out)


def _endpoint_picker(eco: _Ecosystem, allowed: tuple[str, ...]) -> Callable[[], tuple[str, int]]:
    """Draw (label, index) among ``allowed`` labels, weighted by how many nodes they have."""
    labels = [lab for lab in allowed if eco.labels.get(lab)]
    cumulative: list[float] = []
    running = 0.0
    for lab in labels:
        running += eco.labels[lab]
        cumulative.append(running)
    rng = eco.rng

    def pick() -> tuple[str, int]:
        label = rng.choices(labels, cum_weights=cumulative)[0]
        return label, rng.randrange(eco.labels[label])

    return pick


def _rel_props(eco: _Ecosystem, rtype: RelType) -> str:
    rng = eco.rng
    extra = []
    if rtype.type in ("HOLDS_ROLE", "APPOINTED"):
        extra.append(f"role: {_q(rng.choice(('Mayor', 'CEO', 'Director', 'Chair')))}")
    for prop in rtype.props:
        if rng.random() < 0.5:
            extra.append(f"{prop.name}: {eco.value(prop)}")
    if rng.random() < 0.1:
        extra.append(f"description: {_q(' '.join(rng.choices(_WORDS, k=4)))}")
    return "".join(f", {item}" for item in extra)


def _relationships(eco: _Ecosystem, count: int) -> Iterator[str]:
    """``count`` distinct, schema-valid relationships as flow-mapping lines."""
    pickers = [
        (rtype, _endpoint_picker(eco, rtype.start), _endpoint_picker(eco, rtype.end))
        for rtype in REL_TYPES
    ]
    seen: set[tuple[str, int, str, str, int]] = set()
    rng = eco.rng
    while len(seen) < count:
        rtype, start, end = rng.choice(pickers)
        (a_label, a), (b_label, b) = start(), end()
        if a_label == b_label and a == b:
            continue
        key = (a_label, a, rtype.type, b_label, b)
        if key in seen:
            continue
        seen.add(key)
        yield (
            f"  - {{type: {rtype.type}, from: {node_id(a_label, a)}, "
            f"to: {node_id(b_label, b)}{_rel_props(eco, rtype)}, "
            f"sources: {eco.citations()}}}\n"
        )


def generate(total_nodes: int, path: str | Path, seed: int = 7) -> GeneratedSize:
    """Write a seed file of ``total_nodes`` nodes (sources included) and 3 rels per node."""
    eco = _Ecosystem(total_nodes, seed)
    rel_count = RELS_PER_NODE * (eco.nodes + eco.sources)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", buffering=1 << 20) as out:
        out.write(
            f"# Synthetic ecosystem for benchmarks: {eco.nodes + eco.sources} nodes, "
            f"{rel_count} relationships, random seed {seed}. Generated; do not edit.\n"
        )
        _write_sources(eco, out)
        _write_nodes(eco, out)
        out.write("relationships:\n")
        out.writelines(_relationships(eco, rel_count))
    return GeneratedSize(
        str(path), eco.nodes + eco.sources, rel_count, eco.sources, path.stat().st_size, seed
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scale", help="node count: 1k, 10k, 100k, 1m or a number")
    parser.add_argument("out", help="YAML file to write")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    size = generate(parse_scale(args.scale), args.out, args.seed)
    print(
        f"{size.path}: {size.nodes} nodes, {size.relationships} relationships, "
        f"{size.bytes / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
