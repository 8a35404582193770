"""The fast parameter header is byte for byte the falkordb client's own."""

from __future__ import annotations

import pytest
from falkordb.graph import Graph
from hypothesis import given
from hypothesis import strategies as st

from gkg.stores.falkordb.params import literal, params_header

keys = st.text(min_size=1, max_size=8).filter(lambda k: "`" not in k)
leaves = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


def _client_header(params: dict) -> str:
    return Graph._build_params_header(None, params)  # the client's own (it uses no state)


@given(params=st.dictionaries(keys, values, max_size=3))
def test_the_header_equals_the_clients(params: dict) -> None:
    assert params_header(params) == _client_header(params)


def test_load_rows_encode_like_the_client() -> None:
    rows = [
        {
            "id": "a",
            "props": {
                "name": 'He said "hi" \\ 광주\n',
                "aliases": ["x"],
                "n": 1.5,
                "ok": True,
                "none": None,
            },
        }
    ]
    assert params_header({"rows": rows, "stamp": "s"}) == _client_header(
        {"rows": rows, "stamp": "s"}
    )


def test_unsendable_values_are_refused() -> None:
    with pytest.raises(TypeError):
        literal(object())
    with pytest.raises(ValueError):
        literal({"a`b": 1})
