"""`hankg query --json` writes its indented JSON with pydantic-core: the same text as Python's encoder."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from hankg.cli._tables import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(data)
def test_dumps_writes_what_json_dumps_writes(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_numbers_pydantic_core_spells_otherwise_go_to_python():
    for value in (1.5e-05, -2.4e-07, 1e-05, [{"v": 9.9e-05}], float("nan"), float("-inf"), "\udb6a", 1e16, "model-2"):
        assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
