"""Small synthetic seeds for robustness tests (the benchmarks have their own generator)."""

from __future__ import annotations

from pathlib import Path


def write_seed(path: Path, companies: int, variant: str = "a") -> Path:
    """A valid seed: one source, one region, ``companies`` companies each LOCATED_IN the
    region and PARTNER_OF the next one. ``variant`` changes every name, so two variants
    are two different graphs of the same size."""
    lines = [
        "sources:",
        "  - id: doc",
        "    name: Synthetic source",
        "    publisher: gkg tests",
        "    title: Synthetic source",
        "    publishedDate: 2025-01-01",
        "    language: en",
        "nodes:",
        "  - id: region",
        "    label: Region",
        f"    name: Region {variant}",
        "    regionType: metropolitan-city",
        "    sources: [{doc: doc, quote: synthetic}]",
    ]
    for i in range(companies):
        lines += [
            f"  - id: company-{i}",
            "    label: Company",
            f"    name: Company {i} {variant}",
            "    sources: [{doc: doc, quote: synthetic}]",
        ]
    lines.append("relationships:")
    for i in range(companies):
        lines.append(
            f"  - {{type: LOCATED_IN, from: company-{i}, to: region, "
            "sources: [{doc: doc, quote: synthetic}]}"
        )
        if i + 1 < companies:
            lines.append(
                f"  - {{type: PARTNER_OF, from: company-{i}, to: company-{i + 1}, "
                "sources: [{doc: doc, quote: synthetic}]}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
