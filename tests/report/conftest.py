"""Report fixtures: a seeded game with injects, saved; a headless Chromium for rendering."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from chessboard.engine.actions import Action
from chessboard.engine.game import Engine
from chessboard.engine.saves import SaveGame, SeatRecord, make_save
from chessboard.engine.state import GameState
from headless_browser import headless_chromium


def seeded_game(engine: Engine, seed: int, *, inject_at: tuple[int, ...] = (5, 40)
                ) -> GameState:
    """A whole game of seeded random choices, with the facilitator bringing in one inject
    and one news event at the given move numbers."""
    st = engine.new_game(seed=seed)
    chooser = random.Random(seed)
    moves = 0
    while not st.over:
        if moves == inject_at[0] and engine.rules.injects.injects:
            st = engine.facilitate(st, Action("inject", engine.rules.injects.injects[0].id)
                                   ).state
        if moves == inject_at[1]:
            news = [a for a in engine.facilitator_actions(st) if a.kind == "news"]
            st = engine.facilitate(st, news[0]).state
        legal = engine.legal_actions(st)
        # mostly real moves, so cards come into play
        moves_only = [a for a in legal if a.kind != "pass"] or legal
        st = engine.apply(st, chooser.choice(moves_only)).state
        moves += 1
    return st


@pytest.fixture(scope="module")
def played(engine: Engine) -> tuple[GameState, SaveGame]:
    st = seeded_game(engine, 7)
    seats = [SeatRecord(engine._tables.faction_ids[f], human=(i == 0)) for i, f in
             enumerate(st.seats)]
    return st, make_save(engine, st, seats)


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Chromium driven by selenium (tests/browser.py)."""
    with headless_chromium(width=1100, height=900, page_load_timeout=30) as driver:
        yield driver
