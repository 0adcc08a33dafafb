"""A game the window starts without a seed gets an unguessable one: from a seed in a small
range a seat could rebuild every hidden card from its own hand and the moves it saw."""

from __future__ import annotations

from typing import Any

from chessboard.rules.loader import Rules
from chessboard.seats import Seat


def test_new_games_get_wide_unpredictable_seeds(make_app: Any, rules: Rules) -> None:
    driver = make_app(rules)
    seats = [Seat(f, False) for f in ("russia", "china", "eu", "kazakhstan")]
    seeds = {driver.app.new_session(seats, scenario=None, seed=None, rounds=2).state.seed
             for _ in range(4)}
    assert len(seeds) == 4
    assert all(seed >= 1 << 40 for seed in seeds)  # chance of failing: 4 in 2**22
