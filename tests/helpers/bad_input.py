"""Bad seed files, one per kind of mistake: an edit of tests/fixtures/small.yaml and where and
how the loader must name the problem. Shared by the loader's and both engines' tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.helpers.common import SMALL

SMALL_TEXT = SMALL.read_text(encoding="utf-8")


def replace(old: str, new: str) -> Callable[[str], str]:
    """An edit replacing the first old by new (old must be there)."""

    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


# (case id, edit of small.yaml -> bytes or text, expected line, field, words in the message)
BAD_INPUT = [
    (
        "malformed-yaml",
        replace("    name: NVIDIA\n", "    name: [NVIDIA\n"),
        None,
        "",
        "invalid YAML",
    ),
    (
        "tab",
        replace("    label: Company\n    name: NVIDIA", "\tlabel: Company\n    name: NVIDIA"),
        45,
        "",
        "tab character",
    ),
    ("empty", lambda t: "", None, "", "file is empty"),
    ("not-utf8", lambda t: t.replace("테스트 일보", "caf\udce9"), 11, "", "not UTF-8"),
    ("not-a-mapping", lambda t: "- just\n- a list\n", 1, "", "expected a mapping"),
    ("unknown-section", lambda t: t + "extras:\n  - 1\n", 63, "extras", "unknown section"),
    (
        "unknown-label",
        replace("label: Product", "label: Gadget"),
        40,
        "label",
        "unknown node label 'Gadget'",
    ),
    (
        "unknown-type",
        replace("type: MADE_BY", "type: FABRICATED_BY"),
        61,
        "type",
        "unknown relationship type 'FABRICATED_BY'",
    ),
    (
        "unknown-field",
        replace("    sector: cloud\n", "    sector: cloud\n    ceo: someone\n"),
        28,
        "ceo",
        "unknown field",
    ),
    (
        "missing-required",
        replace("    regionType: metropolitan-city\n", ""),
        16,
        "regionType",
        "required",
    ),
    (
        "wrong-type",
        replace("computePetaflops: 88.5", "computePetaflops: lots"),
        33,
        "computePetaflops",
        "expected a number",
    ),
    (
        "unknown-id",
        replace("from: h100, to: nvidia", "from: h100, to: nvidia-corp"),
        61,
        "to",
        "'nvidia-corp' does not exist",
    ),
    ("duplicate-id", replace("  - id: nvidia\n", "  - id: h100\n"), 44, "id", "defined twice"),
    (
        "node-without-source",
        replace(
            '    productType: gpu\n    sources: [{doc: doc-b, quote: "H100"}]\n',
            "    productType: gpu\n",
        ),
        39,
        "sources",
        "required",
    ),
    (
        "relationship-without-source",
        replace('to: nvidia, sources: [{doc: doc-b, quote: "엔비디아"}]}', "to: nvidia}"),
        61,
        "sources",
        "required",
    ),
    (
        "invalid-date",
        replace("publishedDate: 2023-06-05", "publishedDate: 2023-02-30"),
        13,
        "publishedDate",
        "expected a date YYYY-MM-DD",
    ),
    (
        "negative-amount",
        replace("    amountKrw: 15300000000\n    year", "    amountKrw: -5\n    year"),
        52,
        "amountKrw",
        "must be at least 0",
    ),
    (
        "unknown-source-doc",
        replace(
            'quote: "H100"}]\n  - id: nvidia',
            'quote: "H100"}, {doc: doc-z, quote: q}]\n  - id: nvidia',
        ),
        43,
        "sources.doc",
        "'doc-z' is not a declared source",
    ),
    (
        "duplicate-key",
        replace("    name: NVIDIA\n", "    name: NVIDIA\n    name: Nvidia\n"),
        47,
        "",
        "duplicate key 'name'",
    ),
    (
        "wrong-end-label",
        replace("type: MADE_BY, from: h100, to: nvidia", "type: MADE_BY, from: h100, to: gwangju"),
        61,
        "to",
        "MADE_BY cannot end at Region",
    ),
]


def write_case(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    """small.yaml edited, written as tmp_path/bad.yaml (bytes kept as written)."""
    path = tmp_path / "bad.yaml"
    text = edit(SMALL_TEXT)
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    return path
