"""The cached control map stays equal to a fresh computation through a whole game."""

from __future__ import annotations

import random

from chessboard.engine.game import Engine
from chessboard.engine.state import GameState


def fresh_map(engine: Engine, st: GameState) -> list[int]:
    return engine._tables.control_map(st.copy())  # a copy starts with no cache


def test_control_map_kept_up_to_date_by_influence_changes(engine: Engine) -> None:
    chooser = random.Random(5)
    st = engine.new_game(seed=5)
    checked = 0
    while not st.over:
        engine._tables.control_map(st)  # warm: from here on the cache is only updated, not rebuilt
        legal = engine.legal_actions(st)
        for action in legal[::4]:
            after = engine.preview(st, action, log=False).state
            assert after.ctrl is not None
            assert after.ctrl == fresh_map(engine, after), action
            checked += 1
        st = engine.apply_unchecked(st, legal[chooser.randrange(len(legal))]).state
        assert st.ctrl is None or st.ctrl == fresh_map(engine, st)
    assert checked > 100


def test_a_shared_control_map_is_never_changed_in_place(engine: Engine) -> None:
    st = engine.new_game(seed=2)
    before = list(engine._tables.control_map(st))
    shared = st.ctrl
    for action in engine.legal_actions(st):
        engine.preview(st, action, log=False)
        engine.apply_unchecked(st, action)
    assert st.ctrl is shared and shared == before
