"""The seed decides every hidden card, so nothing a seat is shown may name it: not the log
that every seat reads."""

from __future__ import annotations

from chessboard.engine.game import Engine
from chessboard.engine.state import unroll


def test_the_log_never_names_the_seed(engine: Engine) -> None:
    seed = 987_654_321_987
    state = engine.new_game(seed=seed)
    assert state.log is not None
    assert not any(str(seed) in line for line in unroll(state.log))
