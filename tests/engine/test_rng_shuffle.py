"""The written-out shuffle draws exactly what a loop over ``rng.below`` draws."""

from __future__ import annotations

from chessboard.engine import rng


def reference(state: int, items: list[int]) -> tuple[int, tuple[int, ...]]:
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        state, j = rng.below(state, i + 1)
        out[i], out[j] = out[j], out[i]
    return state, tuple(out)


def test_shuffled_matches_below() -> None:
    for seed in range(300):
        items = list(range(seed % 61))
        state = rng.seed_state(seed)
        assert rng.shuffled(state, items) == reference(state, items)
