"""``jsonable`` (every JSON and YAML output, the figures) gives what its plain definition gives,
for values of every type a record or a view can hold, at any depth."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from veiligestad.query.view import jsonable


def _reference(value: Any) -> Any:
    """The definition, one type test after another."""
    if isinstance(value, dict):
        return {str(k): _reference(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_reference(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


_LEAVES = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(max_size=8) | st.dates() | st.datetimes() | st.times()
           | st.binary(max_size=4))
_KEYS = st.text(max_size=4) | st.integers() | st.booleans() | st.dates()
VALUES = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=4)
                      | st.tuples(inner, inner)
                      | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=20)


@given(VALUES)
def test_jsonable_is_its_definition(value: Any) -> None:
    made = jsonable(value)
    assert made == _reference(value)
    assert [type(x) for x in _walk(made)] == [type(x) for x in _walk(_reference(value))]


def _walk(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [k for k in value] + [x for v in value.values() for x in _walk(v)]
    if isinstance(value, list):
        return [x for v in value for x in _walk(v)]
    return [value]
