"""GameState's fields are declared once (engine/state.py): slots, the constructor and JSON follow
from the declaration, and the hand-written copy() (hot: bots copy states thousands of times a
game) must keep up with it."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from chessboard.engine.actions import PASS, Action
from chessboard.engine.state import (
    ACTIONS,
    CACHE,
    FIELDS,
    INT_TUPLE,
    INTS,
    LINES,
    ROWS,
    SCALAR,
    TUPLES,
    GameState,
    roll,
)

NAMES = [name for name, _, _ in FIELDS]


def sentinel(kind: str, n: int, default: Any) -> Any:
    """A value of the field's kind that no other field holds (n is the field's position)."""
    if kind == SCALAR:
        return {str: f"s{n}", bool: not default}.get(type(default), 1000 + n)
    return {
        INTS: [n, n + 1],
        INT_TUPLE: (n, n + 2),
        TUPLES: [(n,), (n, n)],
        ROWS: ((n, 1), (n, 2)),
        LINES: roll([f"line {n}"]),
        ACTIONS: roll([Action("act", f"a{n}"), PASS]),
        CACHE: [n],
    }[kind]


def filled() -> GameState:
    st = GameState()
    for n, (name, kind, _) in enumerate(FIELDS):
        setattr(st, name, sentinel(kind, n, getattr(st, name)))
    return st


def test_the_table_names_the_declared_fields() -> None:
    """FIELDS is written out beside the class (mypyc drops field metadata): the two agree."""
    assert tuple(f.name for f in dataclasses.fields(GameState)) == tuple(NAMES)
    if hasattr(GameState, "__slots__"):  # pure Python (a compiled class has native attributes)
        assert tuple(GameState.__slots__) == tuple(NAMES)
    assert len(set(NAMES)) == len(NAMES)
    assert {kind for _, kind, _ in FIELDS} <= {SCALAR, INTS, INT_TUPLE, TUPLES, ROWS, LINES,
                                              ACTIONS, CACHE}


def test_copy_copies_every_field_and_shares_nothing_mutable() -> None:
    st = filled()
    new = st.copy()
    for name, kind, _ in FIELDS:
        if kind == CACHE:
            assert getattr(new, name) is None, f"copy() must reset the cache {name}"
            continue
        assert getattr(new, name) == getattr(st, name), f"copy() loses the field {name}"
        if kind in (INTS, TUPLES):
            assert getattr(new, name) is not getattr(st, name), f"copy() shares the list {name}"


def test_json_round_trip_keeps_every_field() -> None:
    st = filled()
    data = st.to_json()
    assert set(data) == {"format"} | {name for name, kind, _ in FIELDS if kind != CACHE}
    back = GameState.from_json(data)
    for name, kind, _ in FIELDS:
        if kind != CACHE:
            assert getattr(back, name) == getattr(st, name), name
    assert back == st


def test_an_optional_field_may_be_missing_and_others_may_not() -> None:
    data = filled().to_json()
    optional = [name for name, _, opt in FIELDS if opt]
    assert optional == ["vp_sources"]  # states saved before the VP breakdown was kept
    old = dict(data)
    del old["vp_sources"]
    assert GameState.from_json(old).vp_sources == ()
    for name in ("inf", "seats", "hands", "history", "log", "actions", "round"):
        broken = dict(data)
        del broken[name]
        with pytest.raises(ValueError, match=f"lacks the field '{name}'"):
            GameState.from_json(broken)
        broken[name] = "oops"
        with pytest.raises(ValueError, match=f"field '{name}' has the wrong type"):
            GameState.from_json(broken)
